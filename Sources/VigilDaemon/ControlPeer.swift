import Glibc
import Synchronization
import VigilConfig
import VigilProtection
import VigilSystem

// Owns: deciding whether the process behind the control socket is Vigil. Must not:
// talk on the socket (ControlClient and ControlServer do).

/// Who answers on the control socket. A fake listener on the path (any root can bind
/// one after unlinking the real socket) would otherwise show a frozen "healthy"
/// status, receive maintenance tokens, and make new daemons exit as "already running".
///
/// Checks, all from the kernel's side: SO_PEERCRED's uid is 0; its pid's
/// /proc/PID/exe is this very binary (same inode, the older inode at the same path that
/// an upgrade replaced, or a copy with the same SHA-256: the one-filesystem layout,
/// a test's copy), or the binary the daemon sealed for that path in the manifest (a
/// status from another build of `vigil`); when the pid file next to the socket names
/// a live process, the server is that process, its child (a daemon under the watchdog)
/// or its parent. Nothing here depends on the default layout: `--socket` elsewhere
/// finds the pid from SO_PEERCRED and the pid file from the socket's folder.
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
                             stateDirectories: [String] = [Paths.stateDirectory],
                             ownExecutable: String = "/proc/self/exe") -> Impostor? {
        let exe = readLink("/proc/\(pid)/exe")?.description ?? "?"
        func no(_ why: String) -> Impostor { Impostor(pid: pid, uid: uid, executable: exe, why: why) }
        guard uid == 0 else { return no("not root") }
        if let why = binaryMismatch(pid: pid, exe: exe, ownExecutable: ownExecutable, stateDirectories: stateDirectories) {
            return no(why)
        }
        if let named = pidFilePid(controlSocket), named != pid, kill(named, 0) == 0,
           parent(of: pid) != named, parent(of: named) != pid {
            return no("the pid file \(PidFile.path(controlSocket: controlSocket)) names \(named), another process")
        }
        return nil
    }

    /// True when `pid` runs this very file, or the file an upgrade replaced at its path:
    /// told by stat and readlink, with nothing to hash.
    static func runsThisBinary(pid: Int32, exe: String, ownExecutable: String) -> Bool {
        var theirs = stat(), mine = stat()
        guard stat("/proc/\(pid)/exe", &theirs) == 0 else { return false }
        if stat(ownExecutable, &mine) == 0 && theirs.st_dev == mine.st_dev && theirs.st_ino == mine.st_ino { return true }
        // An upgrade replaced the file under a running daemon: the same path, older inode.
        let ownPath = readLink(ownExecutable)?.description ?? ownExecutable
        return exe == ownPath + " (deleted)"
    }

    /// nil when `pid` runs this binary or the sealed one; else why not, in words.
    static func binaryMismatch(pid: Int32, exe: String, ownExecutable: String, stateDirectories: [String]) -> String? {
        if runsThisBinary(pid: pid, exe: exe, ownExecutable: ownExecutable) { return nil }
        var theirs = stat(), mine = stat()
        guard stat("/proc/\(pid)/exe", &theirs) == 0 else { return "its executable cannot be read (\(Errno(errno)))" }
        _ = stat(ownExecutable, &mine)
        let ownPath = readLink(ownExecutable)?.description ?? ownExecutable
        guard let digest = digest(ofExecutable: "/proc/\(pid)/exe") else { return "its executable cannot be read (\(Errno(errno)))" }
        // A copy of this binary.
        if theirs.st_size == mine.st_size, digest == self.digest(ofExecutable: ownExecutable) { return nil }
        // The binary the daemon sealed at its own path (this CLI may be another build).
        let path = exe.hasSuffix(" (deleted)") ? String(exe.dropLast(" (deleted)".count)) : exe
        let sealedIn = stateDirectories.filter { ProtectedSet.sealedDigest(of: path, stateDirectory: $0) == digest }
        if !sealedIn.isEmpty { return nil }
        return "not the vigil binary: sha256 \(digest.prefix(16))... is neither this one's (\(ownPath)) nor the one sealed for \(path) in "
            + stateDirectories.map { $0 + "/protection/manifest.tsv" }.joined(separator: ", ")
    }

    /// Hashes the executables a check will compare (this one, and the one of the process
    /// the pid file names) before the client connects. The server gives a client 5 s to
    /// send its line; hashing a 30-100 MB binary twice inside that window took longer on
    /// a busy machine (the guest test under load), and the server hung up (EPIPE). After
    /// connecting, the check is then a stat and a lookup.
    ///
    /// Only when the check may need them: with no socket there is nothing to check, and
    /// when the pid file names a process that runs this very file (the installed daemon
    /// and its `vigil status`) the check is a stat. Hashing this 60 MB binary anyway made
    /// every `vigil status` cost 45 ms of CPU, most of it with no daemon at all.
    public static func prepare(controlSocket: String) {
        for path in executablesToHash(controlSocket: controlSocket) { _ = digest(ofExecutable: path) }
    }

    static func executablesToHash(controlSocket: String, ownExecutable: String = "/proc/self/exe") -> [String] {
        guard access(controlSocket, F_OK) == 0 else { return [] }
        guard let pid = pidFilePid(controlSocket) else { return [ownExecutable] }
        let exe = readLink("/proc/\(pid)/exe")?.description ?? "?"
        if runsThisBinary(pid: pid, exe: exe, ownExecutable: ownExecutable) { return [] }
        return [ownExecutable, "/proc/\(pid)/exe"]
    }

    /// A file's identity for the digest memo: a replaced or rewritten file changes its
    /// inode, size or change time, so a memo never vouches for other bytes.
    private struct FileIdentity: Hashable {
        let device: UInt64, inode: UInt64, size: Int64, changed: Int, changedNanos: Int
        init?(_ path: String) {
            var st = stat()
            guard stat(path, &st) == 0 else { return nil }
            device = UInt64(st.st_dev); inode = UInt64(st.st_ino); size = Int64(st.st_size)
            changed = st.st_ctim.tv_sec; changedNanos = st.st_ctim.tv_nsec
        }
    }
    private static let digests = Mutex<[FileIdentity: String]>([:])

    /// SHA-256 of the executable at `path` (a /proc/PID/exe link is followed), memoised
    /// by the file's identity, which must be the same before and after the hash.
    static func digest(ofExecutable path: String) -> String? {
        guard let before = FileIdentity(path) else { return nil }
        if let known = digests.withLock({ $0[before] }) { return known }
        guard let digest = ProtectedSet.digest(program: path) else { return nil }
        if FileIdentity(path) == before { digests.withLock { $0[before] = digest } }
        return digest
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
