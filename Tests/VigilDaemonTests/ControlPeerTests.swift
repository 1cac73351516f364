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
}
