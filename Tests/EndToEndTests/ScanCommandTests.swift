import Foundation
import Glibc
import Testing
import VigilEngine
import VigilSystem
import VigilTestSupport

/// End-to-end specifications of `vigil scan` and `vigil rules check`: the real binary,
/// real files, real exit codes.
@Suite("vigil scan (end to end)")
struct ScanCommandTests {
    let dir = TempDir()

    @Test("exit 0 and a summary when nothing is found")
    func clean() {
        dir.write("docs/a.txt", "quarterly numbers\n")
        dir.write("docs/b.txt", "meeting notes\n")
        let r = vigil(["scan", dir.sub("docs")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Scanned files: 2"))
        #expect(r.stdout.contains("Findings: 0"))
    }

    @Test("exit 1 and one FOUND line per infected file, naming every match")
    func found() {
        dir.write("share/eicar.com", eicar)
        dir.write("share/clean.txt", "hello")
        let r = vigil(["scan", "--no-summary", dir.sub("share")])
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 1, "\(r.stdout)")
        let line = String(lines.first ?? "")
        #expect(line.hasPrefix(dir.sub("share/eicar.com") + ": ") && line.hasSuffix(" FOUND"))
        for name in ["Vigil_EICAR_Test_File", "Vigil.Test.EICAR.SHA256", "Vigil.Test.EICAR.SHA1", "Vigil.Test.EICAR.MD5"] {
            #expect(line.contains(name))
        }
    }

    @Test("exit 2 when files could not be read and nothing was found", .enabled(if: geteuid() == 0))
    func errorsOnly() {
        let locked = dir.write("locked/secret.txt", "private")
        chmod(locked, 0o000)
        dir.write("locked/readable.txt", "public")
        chmod(dir.path, 0o755)
        chmod(dir.sub("locked"), 0o755)
        let r = vigilAs(user: 65534, ["scan", dir.sub("locked")])
        #expect(r.status == 2, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stderr.contains("secret.txt: ERROR: cannot open: Permission denied"))
        #expect(r.stdout.contains("Errors: 1"))
    }

    @Test("a finding wins over errors: exit 1", .enabled(if: geteuid() == 0))
    func findingWinsOverErrors() {
        let locked = dir.write("mixed/secret.txt", "private")
        chmod(locked, 0o000)
        dir.write("mixed/eicar.com", eicar, mode: 0o644)
        chmod(dir.path, 0o755)
        chmod(dir.sub("mixed"), 0o755)
        let r = vigilAs(user: 65534, ["scan", dir.sub("mixed")])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.contains("Errors: 1"))
    }

    @Test("--json writes one ECS object per finding and a summary object")
    func json() throws {
        dir.write("j/eicar.com", eicar)
        dir.write("j/ok.txt", "fine")
        let r = vigil(["scan", "--json", dir.sub("j")])
        #expect(r.status == 1)
        let objects = try r.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.count == 5)
        let finding = objects[0]
        let file = try #require(finding["file"] as? [String: Any])
        #expect(file["path"] as? String == dir.sub("j/eicar.com"))
        #expect(file["size"] as? Int == 68)
        #expect((file["hash"] as? [String: Any])?["sha256"] as? String == "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f")
        #expect(file["mime_type"] as? String == "text/plain")
        #expect((finding["rule"] as? [String: Any])?["name"] is String)
        let event = try #require(finding["event"] as? [String: Any])
        #expect(event["action"] as? String == "detected")
        #expect(event["outcome"] as? String == "success")
        let summary = try #require((objects.last?["vigil"] as? [String: Any])?["scan"] as? [String: Any])
        #expect(summary["files"] as? Int == 2)
        #expect(summary["infected_files"] as? Int == 1)
    }

    /// PrefilterChoice: compiling the prefilter costs more than it saves for a handful of
    /// small files, named on the command line or held by a named folder (FolderLookahead);
    /// a folder with more gets it. Same verdicts every way.
    @Test("a few small files, named or in their folder, are scanned by libyara alone; a folder of more through the prefilter; the same findings")
    func prefilterOnlyWhenWorthIt() throws {
        dir.write("few/eicar.com", eicar)
        dir.write("few/ok.txt", "fine")
        dir.write("few/ok2.txt", "fine too")
        dir.write("more/eicar.com", eicar)
        for i in 0..<9 { dir.write("more/ok\(i).txt", "fine \(i)") }
        func run(_ targets: [String]) throws -> (findings: [String], prefilter: [String: Int]) {
            let r = vigil(["scan", "--json"] + targets)
            #expect(r.status == 1, "\(r.stderr)")
            let objects = try r.stdout.split(separator: "\n").map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
            let findings = objects.compactMap { o -> String? in
                guard let path = (o["file"] as? [String: Any])?["path"] as? String else { return nil }
                return path + " " + (((o["rule"] as? [String: Any])?["name"] as? String) ?? "")
            }
            let summary = try #require((objects.last?["vigil"] as? [String: Any])?["scan"] as? [String: Any])
            return (findings.sorted(), try #require(summary["prefilter"] as? [String: Int]))
        }
        let named = try run(["few/eicar.com", "few/ok.txt", "few/ok2.txt"].map(dir.sub))
        let folder = try run([dir.sub("few")])
        let more = try run([dir.sub("more")])
        #expect(named.findings == folder.findings && !named.findings.isEmpty, "\(named.findings) \(folder.findings)")
        // The same rules name the same EICAR in `more` as in `few`.
        let rules = { (findings: [String], path: String) in findings.filter { $0.hasPrefix(path + " ") }.map { $0.dropFirst(path.count + 1) } }
        #expect(rules(more.findings, dir.sub("more/eicar.com")) == rules(named.findings, dir.sub("few/eicar.com")) && more.findings.count == named.findings.count,
                "\(more.findings) \(named.findings)")
        #expect(named.prefilter.values.allSatisfy { $0 == 0 }, "no prefilter decision for three named files: \(named.prefilter)")
        #expect(folder.prefilter.values.allSatisfy { $0 == 0 }, "nor for their folder: \(folder.prefilter)")
        #expect((more.prefilter["skipped"] ?? 0) >= 9, "ten files: the clean ones are cleared by the prefilter: \(more.prefilter)")
    }

    @Test("--move-to quarantines findings with their bytes and origin")
    func moveTo() throws {
        let p = dir.write("up/report.zip", eicar, mode: 0o640)
        let q = dir.sub("quarantine")
        let r = vigil(["scan", "--move-to", q, dir.sub("up")])
        #expect(r.status == 1)
        #expect(r.stdout.contains("moved to \(q)/275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f"))
        #expect(access(p, F_OK) != 0)
        let stored = try #require(FileManager.default.contents(atPath: q + "/275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f"))
        #expect(Array(stored) == eicar)
        let list = vigil(["quarantine", "list", "--json", "--store", q])
        let obj = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any]
        #expect((obj?["original"] as? [String: Any])?["path"] as? String == p)
        #expect((obj?["original"] as? [String: Any])?["mode"] as? String == "640")
    }

    @Test("--exclude, --max-file-size and --infected-only: an oversize file is partially scanned, not skipped")
    func options() {
        dir.write("o/a.iso", eicar)
        dir.write("o/b.com", eicar)
        let big = dir.write("o/big.bin", [UInt8](repeating: 1, count: 5000))
        #expect(truncate(big, 40 << 20) == 0, "sparse: over the limit and over two windows")
        let r = vigil(["scan", "--exclude", "*.iso", "--max-file-size", "4K", dir.sub("o")])
        #expect(r.status == 1)
        #expect(!r.stdout.contains("a.iso"))
        #expect(r.stderr.contains("big.bin: partially scanned (40 MiB, oversize: only the first 8 MiB and the last 8 MiB "
                                  + "were scanned with YARA; hash lists were not checked)"), "\(r.stderr)")
        #expect(r.stdout.contains("Partially scanned: 1") && r.stdout.contains("Errors: 0"))
        let quiet = vigil(["scan", "--max-file-size", "4K", "--infected-only", "--no-summary", dir.sub("o")])
        #expect(quiet.stderr.isEmpty)
    }

    /// The regex Vigil_Dropper_Reverse_Shell shipped with before issue 9 (libyara error 46
    /// on 280 bytes of "socket.socket(").
    static let explodingRule = #"rule Exploding { strings: $py_pty = /socket\.socket\s*\([^\n]{0,300}\n?[^\n]{0,300}(os\.dup2|subprocess\.call)[^\n]{0,300}\n?[^\n]{0,300}pty\.spawn\s*\(\s*['"]\/bin\/(ba)?sh/ condition: $py_pty }"# + "\n"
    static let padding = String(repeating: "socket.socket(", count: 20)

    @Test("a rule error names rule, file and string, shows with --infected-only, and does not void the file or make exit 2")
    func ruleError() throws {
        let rules = dir.write("re/rules/exploding.yar", ScanCommandTests.explodingRule)
        dir.write("re/rules/eicar.yar", (try? String(contentsOfFile: repoRoot + "/Signatures/eicar.yar", encoding: .utf8)) ?? "")
        dir.write("re/clean/script.py", "#!/usr/bin/python3\n" + ScanCommandTests.padding)
        dir.write("re/bad/mal.bin", eicar + Array(ScanCommandTests.padding.utf8))
        let expected = "RULE ERROR: string \"$py_pty\" in rule \"Exploding\" (\(rules), namespace default) caused libyara error 46"

        let clean = vigil(["scan", "--rules", dir.sub("re/rules"), "--infected-only", dir.sub("re/clean")])
        #expect(clean.status == 0, "judged by the other rules: not an error")
        #expect(clean.stderr.contains(dir.sub("re/clean/script.py") + ": " + expected), "\(clean.stderr)")
        #expect(clean.stdout.contains("Rule errors: 1") && clean.stdout.contains("Errors: 0"))

        let bad = vigil(["scan", "--rules", dir.sub("re/rules"), "--infected-only", dir.sub("re/bad")])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains(dir.sub("re/bad/mal.bin") + ": Vigil_EICAR_Test_File FOUND"))
        #expect(bad.stderr.contains(expected))

        let json = vigil(["scan", "--json", "--infected-only", "--rules", dir.sub("re/rules"), dir.sub("re/clean")])
        let objects = try json.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let note = try #require(objects.first { ($0["event"] as? [String: Any])?["action"] as? String == "rule-error" })
        #expect(((note["error"] as? [String: Any])?["message"] as? String)?.contains("Exploding") == true)
        let problem = try #require(((note["vigil"] as? [String: Any])?["problems"] as? [[String: Any]])?.first)
        #expect(problem["type"] as? String == "rule-error" && problem["rule"] as? String == "Exploding")
        #expect(problem["rule_file"] as? String == rules && problem["string"] as? String == "$py_pty" && problem["code"] as? Int == 46)
        #expect((note["vigil"] as? [String: Any])?["complete"] as? Bool == false)
    }

    @Test("--yara-timeout takes fractions, is reported as an error (exit 2), and the file is not called clean")
    func yaraTimeout() {
        // The closing "c" hits the regex: the prefilter hands the file to libyara (slow).
        let rules = dir.write("t/slow.yar", "rule Slow { strings: $r = /a[^b]{0,50}c/ condition: $r and filesize < 16 }\n")
        dir.write("t/files/slow.bin", [UInt8](repeating: 0x61, count: 1 << 20) + [0x63])
        let start = Date()
        let r = vigil(["scan", "--rules", rules, "--yara-timeout", "0.2", "--infected-only", dir.sub("t/files")])
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(r.status == 2, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stderr.contains("slow.bin: ERROR: YARA stopped at the per-file YARA timeout (0.2 s): rules not evaluated"), "\(r.stderr)")
        #expect(r.stdout.contains("Errors: 1"))
        #expect(vigil(["scan", "--yara-timeout", "-1", dir.sub("t/files")]).status != 0)
    }

    @Test("an oversize file is FOUND through its tail window; JSON carries the partial read")
    func oversizeTail() throws {
        let big = dir.write("big/disk.img", [UInt8]())
        #expect(truncate(big, 40 << 20) == 0)
        let fd = open(big, O_WRONLY)
        _ = eicar.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t((40 << 20) - 4096)) }
        close(fd)
        let r = vigil(["scan", "--max-file-size", "1M", dir.sub("big")])
        #expect(r.status == 1)
        #expect(r.stdout.contains(big + ": Vigil_EICAR_Test_File FOUND"))
        #expect(r.stdout.contains("Partially scanned: 1"))
        let json = vigil(["scan", "--json", "--no-summary", "--max-file-size", "1M", dir.sub("big")])
        let finding = try #require(try JSONSerialization.jsonObject(with: Data((json.stdout.split(separator: "\n").first ?? "").utf8)) as? [String: Any])
        let problems = try #require((finding["vigil"] as? [String: Any])?["problems"] as? [[String: Any]])
        #expect(problems.first?["type"] as? String == "partial-content")
        #expect(problems.first?["head_bytes"] as? Int == 8 << 20 && problems.first?["tail_bytes"] as? Int == 8 << 20)
    }

    @Test("output is plain text in pipes: no progress bar or control characters")
    func noTerminalAssumptions() {
        dir.write("p/x.txt", "x")
        let r = vigil(["scan", dir.sub("p")])
        #expect(!r.stdout.contains("\u{1B}") && !r.stderr.contains("\u{1B}"))
    }

    @Test("the bundled Signatures folder scans clean (rules never match themselves)")
    func signaturesSelfClean() {
        let r = vigil(["scan", repoRoot + "/Signatures"])
        #expect(r.status == 0, "\(r.stdout)")
    }

    @Test("rules check prints counts, and names file and line of a broken rule")
    func rulesCheck() {
        let ok = vigil(["rules", "check", repoRoot + "/Signatures"])
        #expect(ok.status == 0)
        #expect(ok.stdout.hasPrefix("OK: "))
        #expect(ok.stdout.contains("rules from 4 files"))
        #expect(ok.stderr.isEmpty, "no warnings for the bundled rules: \(ok.stderr)")
        let bad = dir.write("r/bad.yar", "rule a {\n  condition:\n    true and\n}\n")
        let r = vigil(["rules", "check", dir.sub("r")])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(bad):4:"), "\(r.stderr)")
        let risky = dir.write("risky/old.yar", "\n" + ScanCommandTests.explodingRule)
        let warned = vigil(["rules", "check", dir.sub("risky")])
        #expect(warned.status == 0 && warned.stdout.contains("1 warning"))
        #expect(warned.stderr.contains("warning: \(risky):2: rule Exploding, string $py_pty: 2 stacked bounded gaps"), "\(warned.stderr)")
        #expect(vigil(["rules", "check", "--strict", dir.sub("risky")]).status == 1)
    }

    @Test("a broken hash list stops the scan with exit 2 and names file and line")
    func brokenHashList() {
        let list = dir.write("h/bad.hdb", "44d88612fea8a8f36de82e1278abb02f:68:Good\nnonsense\n")
        dir.write("t/x.txt", "x")
        let r = vigil(["scan", "--rules", list, dir.sub("t")])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(list):2:"))
    }
}
