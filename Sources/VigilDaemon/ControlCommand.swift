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
    /// Lift append-only on the live event log for a rotation (logrotate's prerotate).
    case logUnseal
    /// Rotate the event log now (`vigil log rotate`): the daemon's writer renames it.
    case logRotate
    /// `token` is a signed maintenance token (needed once a maintenance key is sealed);
    /// `scope` what this window is for (a token scoped "upgrade" opens only "upgrade").
    case maintenanceBegin(reason: String, token: String? = nil, scope: String = "maintenance")
    case maintenanceEnd
    /// A fresh nonce for the operator to sign (`vigil maintenance challenge`).
    case maintenanceChallenge
    /// The operator's signature over the sealed manifest, recorded by the daemon.
    case manifestSignature(String)
    /// A help-desk quarantine request (list, show, restore, delete), carried out by the
    /// daemon: its own opens of the stored files are not refused by its guard.
    case quarantine(QuarantineDesk.Request)
    /// `vigil top`: the ring's last `windowSeconds`, the first `limit` of each dimension.
    case top(windowSeconds: Int, limit: Int)
    /// `vigil canary`'s verdict on one canary file: `ok`, or blinded with the change.
    case canaryReport(ok: Bool, change: String, path: String)
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
        case "log-unseal": self = .logUnseal
        case "log-rotate": self = .logRotate
        case "maintenance-begin": self = .maintenanceBegin(reason: rest)
        case "maintenance-begin-token":
            // The token and the scope have no spaces: two words, then the reason.
            let t = rest.split(separator: " ", maxSplits: 2)
            guard t.count >= 2 else { return nil }
            self = .maintenanceBegin(reason: t.count > 2 ? String(t[2]) : "", token: String(t[0]), scope: String(t[1]))
        case "maintenance-end": self = .maintenanceEnd
        case "maintenance-challenge": self = .maintenanceChallenge
        case "manifest-signature": self = .manifestSignature(rest)
        case "debug-write-probe": self = .debugWriteProbe(path: rest)
        case "top":
            let n = rest.split(separator: " ").compactMap { Int($0) }
            guard n.count == 2, n[0] > 0, n[1] > 0 else { return nil }
            self = .top(windowSeconds: n[0], limit: n[1])
        case "canary-report":
            let f = rest.split(separator: " ", maxSplits: 2).map(String.init)
            guard f.count == 3, f[0] == "ok" || f[0] == "blinded" else { return nil }
            self = .canaryReport(ok: f[0] == "ok", change: f[1], path: f[2])
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
        case .logUnseal: "log-unseal"
        case .logRotate: "log-rotate"
        case .maintenanceBegin(let reason, nil, _): "maintenance-begin \(reason)"
        case .maintenanceBegin(let reason, let token?, let scope): "maintenance-begin-token \(token) \(scope) \(reason)"
        case .maintenanceEnd: "maintenance-end"
        case .maintenanceChallenge: "maintenance-challenge"
        case .manifestSignature(let text): "manifest-signature \(text)"
        case .debugWriteProbe(let path): "debug-write-probe \(path)"
        case .top(let window, let limit): "top \(window) \(limit)"
        case .canaryReport(let ok, let change, let path): "canary-report \(ok ? "ok" : "blinded") \(change) \(path)"
        case .quarantine(let request): "quarantine \(request.words)"
        }
    }

    /// The reply to a line that names no command.
    static let unknownReply = #"{"ok":false,"error":"unknown command (ping, status, reload, allowlist-reload, reopen-logs, log-unseal, log-rotate, maintenance-begin REASON, maintenance-begin-token TOKEN SCOPE REASON, maintenance-challenge, maintenance-end, top SECONDS LIMIT, quarantine OP ID FORCE TO STORES [LIMITS])"}"#
}
