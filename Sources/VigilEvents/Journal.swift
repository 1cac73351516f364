import Glibc
import VigilSystem

/// syslog(3) priorities, as journald and syslog read them.
public enum LogPriority: Int, Sendable, Comparable {
    case crit = 2, err = 3, warning = 4, notice = 5, info = 6, debug = 7

    public static func < (a: LogPriority, b: LogPriority) -> Bool { a.rawValue < b.rawValue }

    public var name: String {
        switch self {
        case .crit: "critical"
        case .err: "error"
        case .warning: "warning"
        case .notice: "notice"
        case .info: "info"
        case .debug: "debug"
        }
    }

    /// The priority of one of our own ECS lines: tampering (an alert of the protection
    /// dataset) is critical, a finding or deny (any other alert) a warning, a failure an
    /// error. Read off the rendered line so every producer gets it without a second field.
    public static func of(_ line: String) -> LogPriority {
        if line.contains(#""kind":"alert""#) {
            return line.contains(#""dataset":"vigil.protection""#) ? .crit : .warning
        }
        if line.contains(#""level":"critical""#) { return .crit }
        if line.contains(#""level":"error""#) || line.contains(#""outcome":"failure""#) { return .err }
        if line.contains(#""level":"warning""#) { return .warning }
        return .info
    }
}

/// Lines to standard output and error keep their priority under systemd: when the
/// stream is journald's (`$JOURNAL_STREAM` names its device and inode), each line starts
/// with `<N>` (systemd's SyslogLevelPrefix), which journald strips and records as the
/// priority. Anywhere else lines are written as they are.
///
/// Owns: detecting journald's stream and the prefix. Must not: write anything itself.
public enum Journal {
    private static let stream: (dev: UInt64, ino: UInt64)? = {
        guard let raw = getenv("JOURNAL_STREAM") else { return nil }
        let parts = String(cString: raw).split(separator: ":")
        guard parts.count == 2, let dev = UInt64(parts[0]), let ino = UInt64(parts[1]) else { return nil }
        return (dev, ino)
    }()

    static func isJournal(_ fd: Int32) -> Bool {
        guard let stream else { return false }
        var st = stat()
        return fstat(fd, &st) == 0 && UInt64(st.st_dev) == stream.dev && UInt64(st.st_ino) == stream.ino
    }

    public static let stdoutIsJournal = isJournal(1)
    public static let stderrIsJournal = isJournal(2)

    /// `text` with the `<N>` prefix when `fd` (1 or 2) goes to journald.
    public static func line(_ text: String, priority: LogPriority, fd: Int32) -> String {
        let journal = fd == 1 ? stdoutIsJournal : fd == 2 ? stderrIsJournal : false
        return journal ? "<\(priority.rawValue)>" + text : text
    }
}
