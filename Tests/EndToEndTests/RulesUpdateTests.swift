import Foundation
import Glibc
import VigilSystem
import VigilTestSupport
import Testing

/// `vigil rules keygen|sign|update|rollback` end to end: the real binary, a real HTTP
/// server on loopback, real files. Every failure must name its step and leave `current`
/// where it was.
@Suite("vigil rules update and rollback", .serialized)
final class RulesUpdateTests {
    let dir = TempDir()
    var key: String { dir.sub("keys/pub.key") }
    var store: String { dir.sub("store") }
    let web: String
    let server: BundleServer

    init() throws {
        web = dir.sub("web")
        mkdir(web, 0o755)
        mkdir(dir.sub("keys"), 0o755)
        let k = vigil(["rules", "keygen", dir.sub("keys/pub.key")])
        precondition(k.status == 0, k.stderr)
        guard let s = BundleServer(root: web) else { throw CLIError("cannot start Tests/Fixtures/bundle_server.py") }
        server = s
    }

    /// A rules folder with the EICAR rule, a hash list and `extra` files.
    func rulesFolder(_ name: String, extra: [String: String] = [:]) -> String {
        let src = dir.sub("src-\(name)")
        mkdir(src, 0o755)
        for f in ["eicar.yar", "eicar.hdb"] {
            _ = try? FileManager.default.copyItem(atPath: repoRoot + "/Signatures/" + f, toPath: src + "/" + f)
        }
        for (n, text) in extra { _ = dir.write("src-\(name)/\(n)", text) }
        return src
    }

    @discardableResult
    func sign(_ version: Int, as name: String, extra: [String: String] = [:], check: Bool = true) -> String {
        let out = web + "/" + name
        let r = vigil(["rules", "sign", "--key", key, "--version", String(version)] + (check ? [] : ["--no-check"])
                      + [rulesFolder(name, extra: extra), out])
        #expect(r.status == 0, "sign: \(r.stderr)")
        return out
    }

    func update(_ sources: [String], _ more: [String] = []) -> ProcessResult {
        vigil(["rules", "update", "--key", key + ".pub", "--store", store, "--no-reload", "--json"]
              + sources.flatMap { ["--source", $0] } + more, timeout: 120)
    }

    /// The step events of one run, parsed.
    func events(_ r: ProcessResult) -> [[String: Any]] {
        r.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    func failedStep(_ r: ProcessResult) -> String? {
        events(r).first { ($0["event"] as? [String: Any])?["outcome"] as? String == "failure" }
            .flatMap { ($0["vigil"] as? [String: Any])?["step"] as? String }
    }

    var current: String? {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: store + "/current"))
    }

    var stagingLeftovers: [String] { (try? FileManager.default.contentsOfDirectory(atPath: store + "/staging")) ?? [] }

    @Test("a signed bundle over HTTP installs as versions/1 and `vigil scan --rules STORE/current` uses it, with rule.version on findings")
    func installsAndScans() throws {
        sign(1, as: "b1")
        let r = update([server.url + "/b1"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(current == "versions/1")
        let steps = events(r).compactMap { ($0["vigil"] as? [String: Any])?["step"] as? String }
        #expect(steps == ["lock", "fetch-manifest", "verify-signature", "parse-manifest", "check-version", "fetch-files",
                          "test-compile", "install", "swap", "reload", "record", "prune"])
        #expect(events(r).allSatisfy { ($0["event"] as? [String: Any])?["dataset"] as? String == "vigil.rules" })
        let sample = dir.write("eicar.com", eicar)
        let scan = vigil(["scan", "--json", "--rules", store + "/current", sample])
        #expect(scan.status == 1)
        #expect(scan.stdout.contains("\"version\":\"1\""))
        // Installed files carry the signed manifest and the version record.
        #expect(FileManager.default.fileExists(atPath: store + "/versions/1/.vigil-manifest"))
        #expect(try String(contentsOfFile: store + "/versions/1/.vigil-version", encoding: .utf8).contains("source \(server.url)/b1"))
        // The same version again is "up to date", not an error.
        let again = update([server.url + "/b1"])
        #expect(again.status == 0)
        #expect(events(again).last.flatMap { ($0["message"] as? String) }?.contains("up to date") == true)
    }

    @Test("tampered, truncated, downgraded and oversized bundles fail at their step and leave current alone")
    func badBundles() throws {
        sign(1, as: "b1")
        #expect(update([server.url + "/b1"]).status == 0)
        let b2 = sign(2, as: "b2")

        // A rule file changed after signing (same size): its SHA-256 gives it away.
        let tampered = web + "/tampered"
        _ = runProgram("/bin/cp", ["-r", b2, tampered])
        var yar = try String(contentsOfFile: tampered + "/files/eicar.yar", encoding: .utf8)
        yar = yar.replacingOccurrences(of: "EICAR", with: "EICAX")
        try yar.write(toFile: tampered + "/files/eicar.yar", atomically: false, encoding: .utf8)
        var r = update([server.url + "/tampered"])
        #expect(r.status == 1)
        #expect(failedStep(r) == "fetch-files")
        #expect(r.stderr.contains("tampered"))

        // The manifest itself edited: the signature no longer verifies.
        let forged = web + "/forged"
        _ = runProgram("/bin/cp", ["-r", b2, forged])
        let m = try String(contentsOfFile: forged + "/manifest", encoding: .utf8).replacingOccurrences(of: "version 2", with: "version 9")
        try m.write(toFile: forged + "/manifest", atomically: false, encoding: .utf8)
        r = update([server.url + "/forged"])
        #expect(failedStep(r) == "verify-signature")

        // A truncated signature and a truncated rule file.
        let shortSig = web + "/shortsig"
        _ = runProgram("/bin/cp", ["-r", b2, shortSig])
        _ = runProgram("/usr/bin/truncate", ["-s", "40", shortSig + "/manifest.sig"])
        r = update([server.url + "/shortsig"])
        #expect(failedStep(r) == "verify-signature")
        #expect(r.stderr.contains("40 bytes"))
        let shortFile = web + "/shortfile"
        _ = runProgram("/bin/cp", ["-r", b2, shortFile])
        _ = runProgram("/usr/bin/truncate", ["-s", "100", shortFile + "/files/eicar.yar"])
        r = update([server.url + "/shortfile"])
        #expect(failedStep(r) == "fetch-files")
        #expect(r.stderr.contains("truncated"))

        // Signed by a key this host does not trust.
        let otherKey = dir.sub("keys/other.key")
        #expect(vigil(["rules", "keygen", otherKey]).status == 0)
        #expect(vigil(["rules", "sign", "--key", otherKey, "--version", "5", rulesFolder("o"), web + "/otherkey"]).status == 0)
        r = update([server.url + "/otherkey"])
        #expect(failedStep(r) == "verify-signature")

        // Oversized: over the bundle limit before any file is fetched; a body longer than
        // its manifest entry without a Content-Length is cut off by the byte count.
        r = update([server.url + "/b2"], ["--max-bundle-size", "100"])
        #expect(failedStep(r) == "parse-manifest")
        #expect(r.stderr.contains("oversized"))
        let long = web + "/long"
        _ = runProgram("/bin/cp", ["-r", b2, long])
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: long + "/files/eicar.yar"))
        h.seekToEndOfFile()
        h.write(Data(repeating: 0x41, count: 1 << 20))
        try h.close()
        r = update([server.url + "/chunked/long"])
        #expect(failedStep(r) == "fetch-files")
        #expect(r.stderr.contains("oversized"))

        #expect(current == "versions/1", "every failure left current where it was")
        #expect(stagingLeftovers.isEmpty, "failed downloads are removed")

        // Then the good bundle installs, and an older one is refused from then on.
        #expect(update([server.url + "/b2"]).status == 0)
        #expect(current == "versions/2")
        r = update([server.url + "/b1"])
        #expect(failedStep(r) == "check-version")
        #expect(r.stderr.contains("downgrade or replay refused"))
        #expect(current == "versions/2")
    }

    @Test("the server dies in the middle of a download: that source fails at fetch-files, the next source in order is used")
    func serverKilledMidDownload() throws {
        sign(1, as: "b1")
        #expect(update([server.url + "/b1"]).status == 0)
        // 2 MiB at 16 KiB per 50 ms: about 6 s; the server dies after a fraction.
        let big = String(repeating: "// padding line to make the download slow enough to interrupt\n", count: 2 << 20 / 62)
        let b2 = sign(2, as: "b2", extra: ["padding.yar": big])
        let slow = BundleServer(root: web)!
        let slowPid = slow.pid
        Thread { usleep(700_000); kill(slowPid, SIGKILL) }.start()
        let r = update([slow.url + "/slow/b2", "file://" + b2])
        #expect(r.status == 0, "\(r.stderr)")
        let failures = events(r).filter { ($0["event"] as? [String: Any])?["outcome"] as? String == "failure" }
        #expect(failures.count == 1)
        #expect((failures.first?["vigil"] as? [String: Any])?["step"] as? String == "fetch-files")
        let message = (failures.first?["error"] as? [String: Any])?["message"] as? String ?? ""
        let slowURL = slow.url + "/slow/b2"
        #expect(message.contains(slowURL))
        #expect(current == "versions/2")
        #expect(stagingLeftovers.isEmpty)

        // With only the dying source, the update fails and current stays.
        let slow2 = BundleServer(root: web)!
        sign(3, as: "b3", extra: ["padding.yar": big])
        let slow2Pid = slow2.pid
        Thread { usleep(700_000); kill(slow2Pid, SIGKILL) }.start()
        let r2 = update([slow2.url + "/slow/b3"])
        #expect(r2.status == 1)
        #expect(failedStep(r2) == "fetch-files")
        #expect(current == "versions/2")
    }

    @Test("a set that does not compile, or compiles past the memory or time limit, fails at test-compile")
    func testCompileLimits() throws {
        sign(1, as: "b1")
        #expect(update([server.url + "/b1"]).status == 0)
        sign(2, as: "broken", extra: ["broken.yar": "rule broken { condition: nonsense }\n"], check: false)
        var r = update([server.url + "/broken"])
        #expect(failedStep(r) == "test-compile")
        #expect(r.stderr.contains("broken.yar"))
        sign(3, as: "b3")
        r = update([server.url + "/b3"], ["--compile-memory", "24M"])
        #expect(failedStep(r) == "test-compile")
        r = update([server.url + "/b3"], ["--compile-timeout", "0.001"])
        #expect(failedStep(r) == "test-compile")
        #expect(r.stderr.contains("killed"))
        #expect(current == "versions/1")
        #expect(update([server.url + "/b3"]).status == 0, "version 3 was never accepted, so it can still install")
    }

    @Test("a full disk: the store's filesystem has no room for the bundle, and the update says so at fetch-files")
    func fullDisk() throws {
        guard geteuid() == 0 else { return }
        let tiny = dir.sub("small")
        mkdir(tiny, 0o755)
        guard mount("tmpfs", tiny, "tmpfs", 0, "size=512k") == 0 else { Issue.record("cannot mount a tmpfs"); return }
        defer { umount2(tiny, Int32(MNT_DETACH)) }
        let big = String(repeating: "// padding\n", count: 100_000)
        sign(1, as: "big", extra: ["padding.yar": big])
        let r = vigil(["rules", "update", "--key", key + ".pub", "--store", tiny + "/store", "--no-reload", "--json",
                       "--source", server.url + "/big"])
        #expect(r.status == 1)
        #expect(failedStep(r) == "fetch-files")
        #expect(FileManager.default.destinationOfSymbolicLinkIfAny(tiny + "/store/current") == nil)
    }

    @Test("rollback goes to the previous kept version after checking its files; updates then need a newer version")
    func rollback() throws {
        sign(1, as: "b1")
        sign(2, as: "b2")
        #expect(update([server.url + "/b1"]).status == 0)
        #expect(update([server.url + "/b2"]).status == 0)
        var r = vigil(["rules", "rollback", "--store", store, "--no-reload", "--key", key + ".pub"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("rolled back from version 2 to version 1"))
        #expect(current == "versions/1")
        r = vigil(["rules", "rollback", "--store", store, "--no-reload"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no version older than 1"))
        r = update([server.url + "/b2"])
        #expect(failedStep(r) == "check-version", "version 2 was accepted once: rolling back does not invite it again")
        // A kept version whose files changed is not rolled back to.
        sign(3, as: "b3")
        #expect(update([server.url + "/b3"]).status == 0)
        try "rule evil { condition: true }\n".write(toFile: store + "/versions/2/eicar.yar", atomically: false, encoding: .utf8)
        r = vigil(["rules", "rollback", "--store", store, "--no-reload", "--json"])
        #expect(failedStep(r) == "verify-stored")
        #expect(current == "versions/3")
    }
}

struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

extension FileManager {
    func destinationOfSymbolicLinkIfAny(_ path: String) -> String? { try? destinationOfSymbolicLink(atPath: path) }
}
