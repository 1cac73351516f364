import Foundation
import Glibc
import Testing
import VigilEvents
import VigilSystem
import VigilTestSupport

/// What the Debian package ships besides the binary, checked against the binary itself:
/// the installed config and vigil.toml(5) must not drift from the parser.
@Suite("packaging: installed config and vigil.toml(5)")
struct PackagingTests {
    /// Every `key =` line of `vigil config check`, as "section.key".
    func effectiveKeys(_ text: String) -> [String] {
        var section = ""
        var keys: [String] = []
        for line in text.split(separator: "\n") {
            let l = line.trimmingCharacters(in: .whitespaces)
            if l.hasPrefix("[") { section = l.trimmingCharacters(in: CharacterSet(charactersIn: "[]")); continue }
            guard !l.hasPrefix("#"), let eq = l.firstIndex(of: "=") else { continue }
            keys.append(section + "." + l[..<eq].trimmingCharacters(in: .whitespaces))
        }
        return keys
    }

    @Test("the installed config is audit mode with protection on, parses, and sets every key")
    func defaultConfig() throws {
        let dir = TempDir()
        let r = vigil(["config", "default", "--signatures", "/usr/share/vigil/signatures", "--signatures", "/etc/vigil/signatures"])
        #expect(r.status == 0)
        let file = dir.write("vigil.toml", r.stdout)
        #expect(r.stdout.contains("\nmode = \"audit\""), "a fresh install starts in audit mode")
        #expect(r.stdout.contains("mode = \"enforce\""), "and says how to enforce")
        let check = vigil(["config", "check", "--config", file])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("mode = \"audit\"") && check.stdout.contains("[protection]\nenabled = true"))
        let written = Set(effectiveKeys(r.stdout))
        for key in effectiveKeys(check.stdout) where !key.hasPrefix("uploads.") {
            #expect(written.contains(key), "the installed config sets \(key)")
        }
    }

    @Test("vigil.toml(5) documents every key the parser accepts")
    func manualCoversEveryKey() throws {
        let dir = TempDir()
        let file = dir.write("vigil.toml", """
        [[uploads]]
        folder = "/srv/uploads"
        max_size = "1M"
        [debug]
        slow_scan_ms = 1
        slow_scan_name = "x"
        """)
        let check = vigil(["config", "check", "--config", file])
        #expect(check.status == 0, "\(check.stderr)")
        let manual = try String(contentsOfFile: repoRoot + "/packaging/man/vigil.toml.5", encoding: .utf8)
        var keys = effectiveKeys(check.stdout)
        keys += ["protection.debug_write_probe", "debug.slow_scan_ms", "debug.slow_scan_name"]
        #expect(keys.count > 35)
        for key in keys {
            let section = String(key.split(separator: ".")[0]), name = String(key.split(separator: ".")[1])
            #expect(manual.contains(section == "uploads" ? "[[uploads]]" : "[\(section)]"), "section \(section)")
            #expect(manual.contains(".BR \(name) "), "vigil.toml(5) documents \(key)")
        }
    }

    @Test("--version prints the version the package is named after, then the installed rule sets")
    func version() {
        let r = vigil(["--version"])
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(r.status == 0 && lines.first == VigilVersion.current, "\(r.stdout)")
        #expect(lines.dropFirst().first?.hasPrefix("rules: ") == true, "\(r.stdout)")
        #expect(lines.contains { $0.hasPrefix("loaded by the daemon: version local-") }, "\(r.stdout)")
    }
}
