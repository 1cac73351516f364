import Glibc
import Testing
@testable import VigilDaemon

/// The control client hashes the binaries it compares before it connects
/// (ControlPeer.prepare), so its check of the server fits in the server's 5 s wait for a
/// line. The memo must never vouch for bytes it did not hash.
@Suite("control peer digests")
struct ControlPeerTests {
    private func write(_ path: String, _ text: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        precondition(fd >= 0)
        _ = text.withCString { Glibc.write(fd, $0, strlen($0)) }
        close(fd)
    }

    @Test("a file rewritten in place (same inode, same size) gets a new digest, not the memo of its old bytes")
    func rewrittenInPlace() throws {
        var template = Array("/tmp/vigil-peer-XXXXXX".utf8CString)
        let dir = try #require(mkdtemp(&template).map { String(cString: $0) })
        defer { unlink(dir + "/exe"); rmdir(dir) }
        let path = dir + "/exe"
        write(path, "first binary")
        let first = try #require(ControlPeer.digest(ofExecutable: path))
        #expect(ControlPeer.digest(ofExecutable: path) == first)
        var before = stat()
        stat(path, &before)
        write(path, "other binary")
        var after = stat()
        stat(path, &after)
        #expect(before.st_ino == after.st_ino && before.st_size == after.st_size)
        let second = try #require(ControlPeer.digest(ofExecutable: path))
        #expect(second != first)
        // sha256("other binary"), computed independently: the memo holds the new bytes' digest.
        #expect(second == "e9c4977a7466020a58a829714bcb82e3d0d171bdb12c55ec002d1e8f46f90a39")
    }

    /// `vigil status` used to hash this binary (and the daemon's) at every call, 45 ms of
    /// CPU, even with no daemon. It hashes only what the check may compare by digest.
    @Test("prepare hashes nothing with no socket or when the pid file's process runs this very file; both binaries otherwise")
    func prepareHashesOnlyWhatTheCheckNeeds() throws {
        var template = Array("/tmp/vigil-peer-XXXXXX".utf8CString)
        let dir = try #require(mkdtemp(&template).map { String(cString: $0) })
        let socket = dir + "/ctl.sock", pidFile = PidFile.path(controlSocket: dir + "/ctl.sock")
        defer { unlink(socket); unlink(pidFile); rmdir(dir) }
        #expect(ControlPeer.executablesToHash(controlSocket: socket).isEmpty, "no socket: nothing to check")
        write(socket, "")   // only its existence counts here
        #expect(ControlPeer.executablesToHash(controlSocket: socket) == ["/proc/self/exe"], "no pid file: the peer is unknown")
        // The pid file names this process: the same file as /proc/self/exe.
        write(pidFile, "\(getpid())\n")
        #expect(ControlPeer.executablesToHash(controlSocket: socket).isEmpty)
        // ... a process that runs another program (a sleeping child): both are hashed.
        var child: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sleep"), strdup("30"), nil]
        defer { argv.forEach { free($0) } }
        #expect(posix_spawn(&child, "/bin/sleep", nil, nil, argv, environ) == 0)
        defer { kill(child, SIGKILL); var st: Int32 = 0; waitpid(child, &st, 0) }
        // (posix_spawn returns once the child exists; its exe turns into sleep at the exec.)
        func exe(_ pid: pid_t) -> String {
            var buf = [CChar](repeating: 0, count: 4096)
            let n = readlink("/proc/\(pid)/exe", &buf, buf.count - 1)
            return n > 0 ? String(cString: buf) : ""
        }
        for _ in 0..<100 where !exe(child).hasSuffix("/sleep") { usleep(10_000) }
        write(pidFile, "\(child)\n")
        #expect(ControlPeer.executablesToHash(controlSocket: socket) == ["/proc/self/exe", "/proc/\(child)/exe"])
    }
}
