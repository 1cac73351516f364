import Glibc
import VigilProtection
import VigilSystem

// Owns: deciding whether the process behind the control socket is Vigil. Must not:
// talk on the socket (ControlClient and ControlServer do).

/// Who answers on the control socket. A fake listener on the path (any root can bind
/// one after unlinking the real socket) would otherwise show a frozen "healthy"
/// status, receive maintenance tokens, and make new daemons exit as "already running".
///
/// Checks, all from the kernel's side: SO_PEERCRED's uid is 0; its pid's
/// /proc/PID/exe is this very binary (same inode, or the same SHA-256 for a copy, or
/// the older inode at the same path that an upgrade replaced); when the service's pid
/// file names a live process, the server is that process, its child (a daemon under
/// the watchdog) or its parent.
public enum ControlPeer {
    public struct Impostor: Sendable, Equatable, CustomStringConvertible {
        public let pid: Int32
        public let uid: UInt32
        public let executable: String
        public let why: String
        public var description: String { "pid \(pid), uid \(uid), exe \(executable): \(why)" }
    }

    /// nil when the server is Vigil; else who it is and why it is not.
    public static func check(pid: Int32, uid: UInt32, controlSocket: String,
                             ownExecutable: String = "/proc/self/exe") -> Impostor? {
        let exe = readLink("/proc/\(pid)/exe")?.description ?? "?"
        func no(_ why: String) -> Impostor { Impostor(pid: pid, uid: uid, executable: exe, why: why) }
        guard uid == 0 else { return no("not root") }
        guard let why = binaryMismatch(pid: pid, exe: exe, ownExecutable: ownExecutable) else {
            if let named = pidFilePid(controlSocket), named != pid, kill(named, 0) == 0,
               parent(of: pid) != named, parent(of: named) != pid {
                return no("the pid file names \(named), another process")
            }
            return nil
        }
        return no(why)
    }

    /// nil when `pid` runs this binary.
    static func binaryMismatch(pid: Int32, exe: String, ownExecutable: String) -> String? {
        var theirs = stat(), mine = stat()
        guard stat("/proc/\(pid)/exe", &theirs) == 0 else { return "its executable cannot be read" }
        guard stat(ownExecutable, &mine) == 0 else { return nil }
        if theirs.st_dev == mine.st_dev && theirs.st_ino == mine.st_ino { return nil }
        // An upgrade replaced the file under a running daemon: the same path, older inode.
        let ownPath = readLink(ownExecutable)?.description ?? ownExecutable
        if exe == ownPath + " (deleted)" { return nil }
        // A copy of this binary (the one-filesystem layout, a test).
        if theirs.st_size == mine.st_size, let a = ProtectedSet.digest(file: "/proc/\(pid)/exe"), a == ProtectedSet.digest(file: ownExecutable) {
            return nil
        }
        return "not the vigil binary (\(ownPath))"
    }

    static func pidFilePid(_ controlSocket: String) -> Int32? {
        readSmallFile(PidFile.path(controlSocket: controlSocket)).flatMap { Int32($0.split(separator: "\n").first ?? "") }
    }

    static func parent(of pid: Int32) -> Int32? {
        guard let text = readSmallFile("/proc/\(pid)/stat"), let close = text.lastIndex(of: ")") else { return nil }
        let f = text[text.index(after: close)...].split(separator: " ")
        return f.count > 1 ? Int32(f[1]) : nil
    }
}
