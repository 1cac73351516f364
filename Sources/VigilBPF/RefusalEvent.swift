import CVigilBPF

/// One event from the kernel: a refusal by a Tier A hook, or a change of trust
/// (`tainted`, `agentReleased`), decoded from `struct vigil_event`.
public struct RefusalEvent: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: UInt32, Sendable, CaseIterable {
        case fileWrite = 1, fileSetattr, fileFlags, fileXattr, fileUnlink, fileRename, fileLink, fileCreate
        case mount, mountMove, umount
        case signal, ptrace, rlimit, sched
        case bpfObject, execMapping
        case tainted, agentReleased

        /// The name used in events and status (stable: log consumers match on it).
        public var name: String {
            switch self {
            case .fileWrite: "file_write"
            case .fileSetattr: "file_setattr"
            case .fileFlags: "file_flags"
            case .fileXattr: "file_xattr"
            case .fileUnlink: "file_unlink"
            case .fileRename: "file_rename"
            case .fileLink: "file_link"
            case .fileCreate: "file_create"
            case .mount: "mount"
            case .mountMove: "mount_move"
            case .umount: "umount"
            case .signal: "signal"
            case .ptrace: "ptrace"
            case .rlimit: "rlimit"
            case .sched: "sched"
            case .bpfObject: "bpf_object"
            case .execMapping: "exec_mapping"
            case .tainted: "tainted"
            case .agentReleased: "agent_released"
            }
        }

        /// False for the two trust changes, which report an allowed action.
        public var isRefusal: Bool { self != .tainted && self != .agentReleased }
    }

    /// nil for a kind this build does not know (a newer BPF object): reported, not dropped.
    public let kind: Kind?
    public let rawKind: UInt32
    /// CLOCK_BOOTTIME nanoseconds.
    public let time: UInt64
    /// The errno the caller got (EPERM), 0 when the action was allowed.
    public let error: Int32
    public let actorTGID: Int32
    public let actorTID: Int32
    public let actorUID: UInt32
    public let actorCommand: String
    /// The agent aimed at (process hooks), else 0.
    public let targetTGID: Int32
    /// The protected inode (file and mount hooks), else nil.
    public let file: FileID?
    /// Kind-specific: the signal, ioctl command, ptrace mode, BPF object id, prot bits...
    public let extra: UInt32
    /// Events this CPU suppressed (rate limit) since the previous one it sent.
    public let suppressedBefore: UInt32

    public init(_ e: vigil_event) {
        rawKind = e.kind
        kind = Kind(rawValue: e.kind)
        time = e.time_ns
        error = e.error
        actorTGID = Int32(bitPattern: e.actor_tgid)
        actorTID = Int32(bitPattern: e.actor_pid)
        actorUID = e.actor_uid
        actorCommand = withUnsafeBytes(of: e.comm) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        targetTGID = Int32(bitPattern: e.target_tgid)
        file = e.ino == 0 && e.dev == 0 ? nil : FileID(device: e.dev, inode: e.ino)
        extra = e.extra
        suppressedBefore = e.suppressed
    }

    /// One line, `key=value` pairs: what the test harness and a log reader match on.
    public var description: String {
        var line = "event kind=\(kind?.name ?? "unknown-\(rawKind)") errno=\(error) actor=\(actorTGID) tid=\(actorTID)"
        line += " uid=\(actorUID) comm=\(actorCommand) target=\(targetTGID)"
        if let file { line += " dev=\(file.major):\(file.minor) ino=\(file.inode)" }
        line += " extra=\(extra) suppressed=\(suppressedBefore)"
        return line
    }
}
