import Glibc
import VigilEvents
import VigilSystem

// Owns: self-protection's ECS lines and how an opener's intent is read. Must not: act on
// what they say.

/// ECS lines for self-protection: tampering (blocked, restored), maintenance windows,
/// supervision (a process died, was restarted) and missing layers.
public enum ProtectionEvent {
    public struct Suspect: Sendable, Equatable {
        public let pid: Int32
        public var thread: Int32?
        public let executable: String?
        public static func of(pid: Int32) -> Suspect {
            Suspect(pid: pid, thread: nil, executable: readLink("/proc/\(pid)/exe")?.description)
        }
        /// From a thread id (FAN_REPORT_TID): the process is its thread group.
        public static func of(tid: Int32) -> Suspect {
            var pid = tid
            if let status = readSmallFile("/proc/\(tid)/status"),
               let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Tgid:") }),
               let tgid = Int32(line.dropFirst(5).filter { $0 != "\t" && $0 != " " }) {
                pid = tgid
            }
            return Suspect(pid: pid, thread: tid == pid ? nil : tid, executable: readLink("/proc/\(tid)/exe")?.description)
        }
    }

    public static func line(action: String, alert: Bool, outcome: String = "success", message: String,
                            path: String? = nil, expectedSHA256: String? = nil, foundSHA256: String? = nil,
                            change: String? = nil, suspect: Suspect? = nil, restoreMillis: Int? = nil,
                            level: String? = nil, extra: [(String, String)] = []) -> JSONLine {
        var process: ECSProcess?
        if let suspect {
            var p = ECSProcess.of(pid: suspect.pid)
            if p.executable == nil { p.executable = suspect.executable.map { RawPath($0) } }
            p.threadID = suspect.thread
            process = p
        }
        let e = ECSEvent.protection(action: action, alert: alert, outcome: ECSEvent.Outcome(rawValue: outcome) ?? .unknown, message: message,
                                    path: path, expectedSHA256: expectedSHA256, foundSHA256: foundSHA256, change: change,
                                    process: process, restoreMillis: restoreMillis, level: level, extra: extra)
        return e.render()
    }
}

/// What an opener blocked in a permission event is trying to do, read from
/// /proc/TID/syscall while it waits for our answer: the kernel does not put the open
/// flags in the event.
enum OpenIntent: Equatable {
    case read, write, unknown

    static func of(tid: Int32) -> OpenIntent {
        // The kernel queues the event before the opener goes to sleep waiting for the
        // answer; until then its syscall file says "running". Under load that window is
        // long enough to be read (a plain `grep` of a protected file was refused), so wait
        // for it a little: the opener waits for our answer anyway.
        var text = readSmallFile("/proc/\(tid)/syscall")
        for _ in 0..<50 where text?.hasPrefix("running") == true {
            usleep(1000)
            text = readSmallFile("/proc/\(tid)/syscall")
        }
        guard let text else { return .unknown }
        let f = text.split(separator: " ")
        guard f.count >= 4, let nr = Int(f[0]) else { return .unknown }
        func arg(_ i: Int) -> UInt64? {
            guard i + 1 < f.count else { return nil }
            var s = f[i + 1]
            if s.hasPrefix("0x") { s = s.dropFirst(2) }
            return UInt64(s.droppingTrailing("\n"), radix: 16)
        }
        let flags: UInt64?
        switch nr {
        case Syscalls.open: flags = arg(1)
        case Syscalls.openat, Syscalls.openByHandleAt: flags = arg(2)
        case Syscalls.openat2: flags = arg(2).flatMap { openHowFlags(tid: tid, address: $0) }
        case Syscalls.creat: return .write
        case Syscalls.execve, Syscalls.execveat, Syscalls.uselib: return .read
        default: return .unknown
        }
        guard let flags else { return .unknown }
        let accessMode = Int32(truncatingIfNeeded: flags) & O_ACCMODE
        return accessMode != O_RDONLY || Int32(truncatingIfNeeded: flags) & O_TRUNC != 0 ? .write : .read
    }

    /// openat2 passes `struct open_how *`; its first field is the 64-bit flags.
    private static func openHowFlags(tid: Int32, address: UInt64) -> UInt64? {
        let fd = open("/proc/\(tid)/mem", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var value: UInt64 = 0
        let n = pread(fd, &value, 8, off_t(Int64(bitPattern: address)))
        return n == 8 ? value : nil
    }

    enum Syscalls {
        #if arch(x86_64)
        static let open = 2, openat = 257, openat2 = 437, openByHandleAt = 304, creat = 85
        static let execve = 59, execveat = 322, uselib = 134
        #elseif arch(arm64)
        static let open = -100, openat = 56, openat2 = 437, openByHandleAt = 265, creat = -101
        static let execve = 221, execveat = 281, uselib = -102
        #endif
    }
}

extension Substring {
    func droppingTrailing(_ set: Character) -> Substring {
        var s = self
        while s.last == set { s = s.dropLast() }
        return s
    }
}
