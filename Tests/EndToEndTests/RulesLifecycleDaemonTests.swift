import Foundation
import Glibc
import VigilSystem
import VigilTestSupport
import Testing

/// The signature lifecycle against a running daemon on the real kernel: an update
/// reloads it, its status and detection events carry the version, an allowlist change
/// reaches it without a restart and clears a cached deny, a rollback goes back, and a
/// bad bundle never touches it.
@Suite("Signature lifecycle with a running daemon", .serialized)
final class RulesLifecycleDaemonTests {
    let work = TempDir()
    var key: String { work.sub("k") }
    var store: String { work.sub("store") }
    var allowlist: String { work.sub("allowlist") }
    /// Assembled at run time so this source is not itself a detection.
    let marker = "VIGIL-LIFECYCLE-" + "V2-MARKER"

    func sign(_ version: Int, extra: [String: String] = [:], check: Bool = true) -> String {
        let src = work.sub("src\(version)")
        mkdir(src, 0o755)
        for f in ["eicar.yar", "eicar.hdb"] { _ = try? FileManager.default.copyItem(atPath: repoRoot + "/Signatures/" + f, toPath: src + "/" + f) }
        for (n, t) in extra { _ = work.write("src\(version)/\(n)", t) }
        let out = work.sub("bundle\(version)")
        let r = vigil(["rules", "sign", "--key", key, "--version", String(version)] + (check ? [] : ["--no-check"]) + [src, out])
        #expect(r.status == 0, "\(r.stderr)")
        return out
    }

    func status(_ d: DaemonHarness) -> [String: Any] { d.control("status") ?? [:] }

    @Test("update reloads the daemon; status and rule.version follow; allowlist reaches it at once; rollback goes back; a bad bundle changes nothing")
    func endToEnd() throws {
        guard geteuid() == 0 else { return }
        #expect(vigil(["rules", "keygen", key]).status == 0)
        let b1 = sign(1)
        let b2 = sign(2, extra: ["v2.yar": "rule Lifecycle_V2 { strings: $a = \"\(marker)\" condition: $a }\n"])
        var r = vigil(["rules", "update", "--source", "file://" + b1, "--key", key + ".pub", "--store", store, "--no-reload"])
        #expect(r.status == 0, "\(r.stderr)")
        guard let d = DaemonHarness(signatures: "paths = [\"\(store)/current\"]\nallowlist = \"\(allowlist)\"\nmax_age_days = 1") else {
            Issue.record("cannot set up the guarded daemon")
            return
        }
        #expect(d.start(), "\(d.output)")
        var s = status(d)
        #expect(s["rules_version"] as? String == "1")
        #expect((s["rules_source"] as? String)?.hasPrefix("file://") == true)
        #expect(s["rules_created_at"] is String)
        #expect(!((s["warnings"] as? [String]) ?? []).contains { $0.contains("days old") })

        // Not a finding under version 1: opened, and cached clean.
        let sample = d.write("sample.txt", "text with \(marker) inside\n")
        #expect(tryRead(sample) == 0)

        // Version 2 through the daemon's control socket.
        r = vigil(["rules", "update", "--source", "file://" + b2, "--key", key + ".pub", "--store", store,
                   "--control-socket", d.socket, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("the daemon now runs version 2"))
        s = status(d)
        #expect(s["rules_version"] as? String == "2")
        #expect(s["rules_bundle_version"] as? Int == 2)
        // The reload flushed the clean verdict: the same file is judged again, and denied.
        #expect(tryRead(sample) == EPERM)
        let deny = d.event("deny", path: sample)?.fields
        #expect((deny?["rule"] as? [String: Any])?["version"] as? String == "2")
        #expect((deny?["rule"] as? [String: Any])?["name"] as? String == "Lifecycle_V2")

        // A false positive: the file cannot be read to hash it (that open is denied too,
        // and the message says how to go on); its deny event carries the SHA-256.
        r = vigil(["allow", "add", sample, "--reason", "lifecycle test", "--allowlist", allowlist, "--control-socket", d.socket])
        #expect(r.status == 1)
        #expect(r.stderr.contains("file.hash.sha256"))
        let sha = try #require(((deny?["file"] as? [String: Any])?["hash"] as? [String: Any])?["sha256"] as? String)
        // Allowed by its hash, the daemon told at once, the cached deny gone.
        r = vigil(["allow", "add", sha, "--reason", "lifecycle test", "--allowlist", allowlist, "--control-socket", d.socket])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("reloaded its allowlist"))
        #expect(tryRead(sample) == 0)
        let allowed = d.event("allowlisted", path: sample)?.fields
        #expect((allowed?["message"] as? String)?.contains("lifecycle test") == true)
        #expect(status(d)["allowlist_entries"] as? Int == 1)
        // Removing it makes the file a finding again.
        r = vigil(["allow", "remove", sha, "--allowlist", allowlist, "--control-socket", d.socket])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(tryRead(sample) == EPERM)

        // A bundle that does not compile: refused before the daemon is asked anything.
        let b3 = sign(3, extra: ["bad.yar": "rule bad { condition: nope }\n"], check: false)
        r = vigil(["rules", "update", "--source", "file://" + b3, "--key", key + ".pub", "--store", store, "--control-socket", d.socket])
        #expect(r.status == 1)
        #expect(r.stderr.contains("failed at step test-compile"))
        #expect(status(d)["rules_version"] as? String == "2")

        // Rollback to version 1: the daemon reloads it.
        r = vigil(["rules", "rollback", "--store", store, "--control-socket", d.socket])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(status(d)["rules_version"] as? String == "1")
        #expect(tryRead(sample) == 0)
        #expect(d.process?.isRunning == true)
    }

    @Test("rules older than max_age_days: status warns, names the version and its age; `vigil status` shows both")
    func oldRulesWarn() throws {
        guard geteuid() == 0 else { return }
        guard let d = DaemonHarness(signatures: "paths = [\"\(work.sub("old"))\"]\nmax_age_days = 7") else {
            Issue.record("cannot set up the guarded daemon")
            return
        }
        let old = work.sub("old")
        mkdir(old, 0o755)
        _ = try? FileManager.default.copyItem(atPath: repoRoot + "/Signatures/eicar.yar", toPath: old + "/eicar.yar")
        // Local rules are as old as their newest file.
        #expect(runProgram("/usr/bin/touch", ["-d", "30 days ago", old + "/eicar.yar"]).status == 0)
        #expect(d.start(), "\(d.output)")
        let s = status(d)
        let label = try #require(s["rules_version"] as? String)
        #expect(label.hasPrefix("local-"))
        #expect((s["rules_created_age_seconds"] as? Int ?? 0) >= 29 * 86400)
        let warnings = (s["warnings"] as? [String]) ?? []
        #expect(warnings.contains { $0.contains("rules version \(label) are 30 days old (signatures.max_age_days = 7)") }, "\(warnings)")
        let r = vigil(["status", "--socket", d.socket])
        #expect(r.stdout.contains("rules version") && r.stdout.contains(label), "\(r.stdout)")
        #expect(r.stdout.contains("30 days old"), "\(r.stdout)")
    }

    @Test("quarantine restore --allow puts a false positive back and allows its hash in one step")
    func restoreAllow() throws {
        guard geteuid() == 0 else { return }
        let q = work.sub("q")
        let file = work.write("fp/eicar.com", eicar)
        var r = vigil(["scan", "--move-to", q, file])
        #expect(r.status == 1)
        #expect(!FileManager.default.fileExists(atPath: file))
        r = vigil(["quarantine", "list", "--store", q, "--socket", "-", "--json"])
        let entry = try #require(r.stdout.split(separator: "\n").first.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        let id = try #require(entry["id"] as? String)
        // Its own socket, where no daemon listens: the restore says the next start reads the list.
        r = vigil(["quarantine", "restore", id, "--store", q, "--allow", "--allowlist", allowlist, "--socket", work.sub("none.sock")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("reads the allowlist when it starts"), "\(r.stdout)")
        #expect(FileManager.default.fileExists(atPath: file))
        #expect(try String(contentsOfFile: allowlist, encoding: .utf8).contains("275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f  restored from quarantine \(id)"))
        r = vigil(["scan", "--allowlist", allowlist, file])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("OK (allowlisted"))
        r = vigil(["scan", "--json", "--allowlist", allowlist, file])
        #expect(r.stdout.contains("\"action\":\"allowlisted\""))
    }
}
