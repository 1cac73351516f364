import Foundation
import Glibc
import Testing
import VigilSystem
import VigilTestSupport

/// `[archives]` on the permission path, against the real kernel: opt-in, the member named
/// in the event, a reached limit answered with `on_limit`.
@Suite("archives on open (real kernel)", .serialized, .enabled(if: geteuid() == 0))
struct OpenArchiveTests {
    /// A gzip of `count` zero bytes (1,000:1 and better: what a small bomb looks like).
    static func zeros(_ count: Int) -> [UInt8] {
        let out = "/tmp/vigil-open-gz-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).gz"
        defer { unlink(out) }
        let r = runProgram("/usr/bin/python3", ["-c", "import gzip; open('\(out)', 'wb').write(gzip.compress(bytes(\(count))))"])
        precondition(r.status == 0, r.stderr)
        return Array(FileManager.default.contents(atPath: out) ?? Data())
    }

    @Test("archives are not opened on open unless [archives] open = true; then EICAR two levels deep is denied, the member named")
    func optIn() throws {
        let zip = UploadArchiveTests.nestedZip(eicar)
        let off = try #require(DaemonHarness())
        let quiet = off.write("report.zip", zip)
        #expect(off.start(), "\(off.output)")
        #expect(tryRead(quiet) == 0, "the default: opens do not wait for an archive to be unpacked")
        off.stop()

        let on = try #require(DaemonHarness(extra: "[archives]\nopen = true\n"))
        let bad = on.write("report.zip", zip)
        let clean = on.write("clean.zip", UploadArchiveTests.nestedZip(Array("quarterly numbers\n".utf8)))
        #expect(on.start(), "\(on.output)")
        #expect(tryRead(bad) == EPERM)
        #expect(tryRead(clean) == 0)
        let e = try #require(on.event("deny", path: bad), "\(on.events())")
        #expect(e.vigil["archive_members"] as? [String] == ["dir/inner.gz!payload"], "\(e)")
        #expect(e.vigil["virtual_path"] as? String == bad + "!dir/inner.gz!payload", "\(e)")
        #expect((e.vigil["rules"] as? [String])?.contains("Vigil_EICAR_Test_File") == true, "\(e)")
    }

    @Test("an archive that reaches open_max_unpacked gets on_limit: audit by default, deny when configured; never a silent pass")
    func limit() throws {
        let bomb = Self.zeros(4 << 20)
        let audit = try #require(DaemonHarness(extra: "[archives]\nopen = true\nopen_max_unpacked = \"1M\"\n"))
        let a = audit.write("zeros.gz", bomb)
        #expect(audit.start(), "\(audit.output)")
        #expect(tryRead(a) == 0, "audit: allowed")
        let logged = try #require(audit.event("audit", path: a), "\(audit.events())")
        #expect((logged["rule"] as? [String: Any])?["name"] as? String == "Vigil.Archive.Limit.TotalBytes", "\(logged)")
        #expect((logged.vigil["problems"] as? [String])?.contains { $0.contains("total-bytes") } == true, "\(logged)")
        audit.stop()

        let deny = try #require(DaemonHarness(extra: "[archives]\nopen = true\nopen_max_unpacked = \"1M\"\non_limit = \"deny\"\n"))
        let d = deny.write("zeros.gz", bomb)
        let small = deny.write("small.gz", Self.zeros(64 << 10))
        #expect(deny.start(), "\(deny.output)")
        #expect(tryRead(d) == EPERM)
        #expect(tryRead(small) == 0, "under the limit: read whole and clean")
        #expect(deny.event("deny", path: d) != nil, "\(deny.events())")
    }

    @Test("a config error in [archives] stops the daemon with file, line and key")
    func badConfig() throws {
        let d = try #require(DaemonHarness(extra: "[archives]\non_limit = \"shrug\"\n"))
        let r = vigil(["config", "check", "--config", d.configFile])
        #expect(r.status != 0)
        #expect(r.stderr.contains("archives.on_limit: must be"), "\(r)")
        #expect(!d.start(), "refuses to start")
        #expect(d.output.contains("archives.on_limit"), "\(d.output)")
    }
}
