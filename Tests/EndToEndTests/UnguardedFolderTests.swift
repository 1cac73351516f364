import Foundation
import Glibc
import Testing
import VigilSystem
import VigilTestSupport

/// A sub-folder guard on a marked filesystem (issue 14): files outside the guarded folder
/// are answered at once, and no way of bringing such a file into the guarded folder
/// (rename, hard link, a rename of the directory holding it, a bind mount) lets it be
/// opened there unscanned. Each attack first opens the file outside, where it is allowed,
/// as an attacker warming a cache would.
@Suite("unguarded files brought into a guarded folder (real kernel)", .serialized, .enabled(if: geteuid() == 0))
struct UnguardedFolderTests {
    /// A daemon guarding `<tmpfs>/guarded` only; `outside` is `<tmpfs>/outside`.
    func daemon() -> (DaemonHarness, outside: String)? {
        guard let d = DaemonHarness(subFolder: "guarded") else { return nil }
        let outside = (d.guarded as NSString).deletingLastPathComponent + "/outside"
        mkdir(outside, 0o755)
        return (d, outside)
    }

    func writeEICAR(_ path: String) {
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: path, contents: Data(eicar))
    }

    /// Opens `path` outside the guarded folder (allowed: not guarded) a few times.
    func openOutside(_ d: DaemonHarness, _ path: String) {
        for _ in 0..<3 { #expect(tryRead(path) == 0, "outside the guarded folder: allowed") }
    }

    @Test("an unguarded file is answered at once, without a scan, on every open")
    func unguardedIsAnsweredAtOnce() throws {
        let (d, outside) = try #require(daemon())
        let f = outside + "/eicar.com"
        writeEICAR(f)
        #expect(d.start(), "\(d.output)")
        let before = d.stat("answered_at_once")
        openOutside(d, f)
        #expect(d.stat("answered_at_once") - before >= 3, "each open reached the daemon and was answered at once (no ignore mark)")
        #expect(d.stat("scanned") == 0)
    }

    @Test("mv of an opened unguarded file into the guarded folder: the open there is denied")
    func renameIntoGuarded() throws {
        let (d, outside) = try #require(daemon())
        let f = outside + "/eicar.com"
        writeEICAR(f)
        #expect(d.start(), "\(d.output)")
        openOutside(d, f)
        let moved = d.path("moved.com")
        #expect(rename(f, moved) == 0)
        #expect(tryRead(moved) == EPERM)
    }

    @Test("ln of an opened unguarded file into the guarded folder: the open through the new name is denied")
    func hardLinkIntoGuarded() throws {
        let (d, outside) = try #require(daemon())
        let f = outside + "/eicar.com"
        writeEICAR(f)
        #expect(d.start(), "\(d.output)")
        openOutside(d, f)
        let linked = d.path("linked.com")
        #expect(link(f, linked) == 0)
        #expect(tryRead(linked) == EPERM)
    }

    @Test("mv of the whole unguarded directory holding an opened file into the guarded folder: the open there is denied")
    func directoryRenameIntoGuarded() throws {
        let (d, outside) = try #require(daemon())
        let f = outside + "/dir/deeper/eicar.com"
        writeEICAR(f)
        #expect(d.start(), "\(d.output)")
        openOutside(d, f)
        #expect(rename(outside + "/dir", d.path("dir")) == 0)
        #expect(tryRead(d.path("dir/deeper/eicar.com")) == EPERM)
    }

    @Test("mount --bind of the unguarded folder into the guarded one: the open through the bind mount is denied")
    func bindMountIntoGuarded() throws {
        let (d, outside) = try #require(daemon())
        let f = outside + "/eicar.com"
        writeEICAR(f)
        let target = d.path("bound")
        mkdir(target, 0o755)
        #expect(d.start(), "\(d.output)")
        openOutside(d, f)
        let m = runProgram("/bin/mount", ["--bind", outside, target], timeout: 30)
        #expect(m.status == 0, "\(m.stderr)")
        defer { _ = runProgram("/bin/umount", ["-l", target], timeout: 30) }
        #expect(tryRead(target + "/eicar.com") == EPERM, "\(d.events().suffix(3))")
        #expect(tryRead(f) == 0, "outside, through its own path, it is still unguarded")
    }
}
