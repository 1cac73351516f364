import Foundation
import Glibc
import Testing
import VigilSystem
import VigilTestSupport

/// Authenticated maintenance against a running daemon on the real kernel: the operator's
/// key pair is made by `vigil maintenance keygen`, the public half sealed by `vigil
/// install --maintenance-key`, and every attack below is a root shell on the host
/// without the private key.
@Suite("vigil authenticated maintenance (real kernel)", .serialized, .enabled(if: geteuid() == 0))
struct MaintenanceAuthTests {
    struct Operator {
        let dir: TempDir
        var key: String { dir.path + "/op/maintenance.key" }
        var pub: String { dir.path + "/op/maintenance.pub" }
        init() {
            dir = TempDir()
            let r = vigil(["maintenance", "keygen", "--out", dir.path + "/op"])
            precondition(r.status == 0, r.stderr)
        }
        func sign(_ challenge: String, ttl: String = "15m", scope: String = "maintenance") -> String {
            let r = vigil(["maintenance", "sign", "--key", key, "--challenge", challenge, "--ttl", ttl, "--scope", scope])
            precondition(r.status == 0, r.stderr)
            return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    func challenge(_ d: DaemonHarness) -> String {
        let r = vigil(["maintenance", "challenge", "--quiet", "--config", d.configFile, "--socket", d.socket])
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func begin(_ d: DaemonHarness, token: String?, scope: String = "maintenance", environment: [String: String] = [:]) -> ProcessResult {
        vigil(["maintenance", "begin", "--reason", "attack or upgrade", "--scope", scope, "--config", d.configFile, "--socket", d.socket]
              + (token.map { ["--token", $0] } ?? []), environment: environment)
    }

    func refusals(_ d: DaemonHarness) -> [LogEvent] {
        LogEvent.all(in: d.logFile).filter { $0.action == "maintenance-refused" }
    }

    func level(_ e: LogEvent) -> String? { (e["log"] as? [String: Any])?["level"] as? String }

    @Test("without a key maintenance still works, but says loudly that it is unauthenticated")
    func unauthenticated() throws {
        let d = try #require(DaemonHarness.protected(["vigil.toml"]))
        #expect(d.start(), "\(d.output)")
        let auth = try #require(d.protection?["maintenance_auth"] as? [String: Any])
        #expect(auth["authenticated"] as? Bool == false)
        let e = try #require(d.event("maintenance-unauthenticated"))
        #expect(level(e) == "warning")
        #expect(begin(d, token: nil).status == 0)
        let b = try #require(d.event("maintenance-begin"))
        #expect(level(b) == "warning", "\(b)")
        #expect((b.message ?? "").contains("pid "), "the caller is named: \(b.message ?? "")")
        #expect(vigil(["maintenance", "end", "--config", d.configFile, "--socket", d.socket]).status == 0)
        #expect(level(try #require(d.event("maintenance-end"))) == "warning")
    }

    @Test("attacks on begin (no token, expired, wrong key, replayed, another host's) are refused with a warning naming the caller; a valid token works")
    func attacks() throws {
        let op = Operator()
        let d = try #require(DaemonHarness.protected(["vigil.toml"]))
        #expect(d.start(), "\(d.output)")
        let install = vigil(["install", "--root", op.dir.path + "/root", "--maintenance-key", op.pub, "--state-dir", d.state])
        #expect(install.status == 0, "\(install.stderr)")
        let f = d.protectedFile("vigil.toml")

        // Attack: root without a token.
        let none = begin(d, token: nil)
        #expect(none.status != 0 && none.stdout.contains("maintenance refused"), "\(none.stdout) \(none.stderr)")
        #expect(isImmutable(f), "protection stays")
        let r0 = try #require(d.event("maintenance-refused"))
        #expect(level(r0) == "warning")
        #expect((r0.vigil["protection"] as? [String: Any])?["refusal"] as? String == "missing")
        let proc = try #require(r0["process"] as? [String: Any])
        #expect(proc["pid"] as? Int != nil && (proc["executable"] as? String)?.hasSuffix("vigil") == true, "the caller is named: \(proc)")

        // Attack: an expired token (signed for 1 s, used 2 s later).
        let expired = op.sign(challenge(d), ttl: "1s")
        sleep(2)
        #expect(begin(d, token: expired).status != 0)
        // Attack: a token signed by another key (the attacker's own pair).
        let attacker = Operator()
        #expect(begin(d, token: attacker.sign(challenge(d))).status != 0)
        // Attack: a made-up challenge (another host, never issued here).
        let forged = op.sign("vigil-challenge-v1:other-host:\(String(repeating: "b", count: 8)):\(String(repeating: "cd", count: 16)):\(Int(time(nil)) + 600)")
        #expect(begin(d, token: forged).status != 0)
        let codes = refusals(d).compactMap { ($0.vigil["protection"] as? [String: Any])?["refusal"] as? String }
        #expect(codes == ["missing", "expired", "wrong-key", "wrong-host"], "\(codes)")
        #expect(d.protection?["maintenance"] as? Bool == false)

        // The operator's valid token.
        let token = op.sign(challenge(d))
        let ok = begin(d, token: token)
        #expect(ok.status == 0, "\(ok.stdout) \(ok.stderr)")
        #expect(!isImmutable(f))
        let b = try #require(d.event("maintenance-begin"))
        #expect(level(b) == "warning" && (b.message ?? "").contains("token maintenance"), "\(b)")
        #expect(sh("echo 'upgraded config' > '\(f)'").status == 0)
        #expect(vigil(["maintenance", "end", "--config", d.configFile, "--socket", d.socket]).status == 0)
        let change = try #require(d.event("maintenance-change", path: f))
        #expect(level(change) == "warning", "a config change during maintenance is a warning")
        #expect(isImmutable(f))

        // Attack: replaying the token that just worked.
        #expect(begin(d, token: token).status != 0)
        #expect(refusals(d).last.flatMap { ($0.vigil["protection"] as? [String: Any])?["refusal"] as? String } == "replayed")
    }

    @Test("a package upgrade with the daemon stopped: the token comes from VIGIL_MAINTENANCE_TOKEN, offline; no token is refused")
    func offlineUpgrade() throws {
        let op = Operator()
        let d = try #require(DaemonHarness.protected(["vigil.toml"]))
        #expect(d.start(), "\(d.output)")
        #expect(vigil(["install", "--root", op.dir.path + "/root", "--maintenance-key", op.pub, "--state-dir", d.state]).status == 0)
        d.stop()
        let refused = begin(d, token: nil)
        #expect(refused.status != 0 && refused.stderr.contains("maintenance refused"), "\(refused.stdout) \(refused.stderr)")
        let c = challenge(d)
        #expect(c.hasPrefix("vigil-challenge-v1:"), "an offline challenge: \(c)")
        let upgradeToken = op.sign(c, scope: "upgrade")
        // Attack: an upgrade-scoped token used for a general window.
        #expect(begin(d, token: nil, environment: ["VIGIL_MAINTENANCE_TOKEN": upgradeToken]).status != 0)
        let r = begin(d, token: nil, scope: "upgrade", environment: ["VIGIL_MAINTENANCE_TOKEN": upgradeToken])
        #expect(r.status == 0 && r.stdout.contains(#""offline":true"#), "\(r.stdout) \(r.stderr)")
        let f = d.protectedFile("vigil.toml")
        #expect(!isImmutable(f))
        #expect(sh("echo 'new package config' > '\(f)'").status == 0)
        #expect(vigil(["maintenance", "end", "--config", d.configFile, "--socket", d.socket]).status == 0)
        #expect(d.start(), "\(d.output)")
        #expect(eventually(timeout: 3) { isImmutable(f) } != nil)
        #expect(contents(f) == "new package config\n", "the upgrade's bytes are the sealed ones")
    }
}
