import VigilQuarantine

/// What the control socket can be asked, one line each ("status",
/// "maintenance-begin REASON"): parsed once here, so the server dispatches on a type
/// and the client cannot send a command that does not exist.
///
/// Owns: the wire form of each command. Must not: carry out any.
public enum ControlCommand: Sendable, Equatable {
    case ping
    case status
    case reload
    /// The local allowlist re-read, the compiled rules kept (`vigil allow add`).
    case allowlistReload
    case reopenLogs
    case maintenanceBegin(reason: String)
    case maintenanceEnd
    /// A help-desk quarantine request (list, show, restore, delete), carried out by the
    /// daemon: its own opens of the stored files are not refused by its guard.
    case quarantine(QuarantineDesk.Request)
    /// `vigil top`: the ring's last `windowSeconds`, the first `limit` of each dimension.
    case top(windowSeconds: Int, limit: Int)
    /// Test hook ([protection] debug_write_probe): create `path` from a contained thread.
    case debugWriteProbe(path: String)

    /// The command a line asks for, by its first word; nil when it names none.
    public init?(line: String) {
        let words = line.split(separator: " ", maxSplits: 1)
        let rest = words.count > 1 ? String(words[1]) : ""
        switch words.first.map(String.init) ?? "" {
        case "ping": self = .ping
        case "status": self = .status
        case "reload": self = .reload
        case "allowlist-reload": self = .allowlistReload
        case "reopen-logs": self = .reopenLogs
        case "maintenance-begin": self = .maintenanceBegin(reason: rest)
        case "maintenance-end": self = .maintenanceEnd
        case "debug-write-probe": self = .debugWriteProbe(path: rest)
        case "top":
            let n = rest.split(separator: " ").compactMap { Int($0) }
            guard n.count == 2, n[0] > 0, n[1] > 0 else { return nil }
            self = .top(windowSeconds: n[0], limit: n[1])
        case "quarantine":
            guard let request = QuarantineDesk.Request(words: rest) else { return nil }
            self = .quarantine(request)
        default: return nil
        }
    }

    /// The line that asks for it.
    public var line: String {
        switch self {
        case .ping: "ping"
        case .status: "status"
        case .reload: "reload"
        case .allowlistReload: "allowlist-reload"
        case .reopenLogs: "reopen-logs"
        case .maintenanceBegin(let reason): "maintenance-begin \(reason)"
        case .maintenanceEnd: "maintenance-end"
        case .debugWriteProbe(let path): "debug-write-probe \(path)"
        case .top(let window, let limit): "top \(window) \(limit)"
        case .quarantine(let request): "quarantine \(request.words)"
        }
    }

    /// The reply to a line that names no command.
    static let unknownReply = #"{"ok":false,"error":"unknown command (ping, status, reload, allowlist-reload, reopen-logs, maintenance-begin REASON, maintenance-end, top SECONDS LIMIT, quarantine OP ID FORCE TO STORES [LIMITS])"}"#
}
