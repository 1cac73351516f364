import Glibc
import Testing
@testable import VigilEngine
import VigilSystem
import VigilTestSupport

/// Attack: root plants `global private rule ... condition: false` beside the real rules.
/// libyara then reports nothing for any file (a false global rule voids every rule of its
/// namespace), and Vigil would seal and defend the planted file. The rules Vigil guards
/// with refuse any global rule, naming file and line; on-demand scans keep yara's rules.
@Suite("global rules in Vigil's own rule sets")
struct GlobalRuleTests {
    let dir = TempDir()

    let planted = """
        // looks like housekeeping

        global private rule Housekeeping { condition: false }
        """

    @Test("the planted rule really blinds libyara (why it is refused)")
    func blinds() throws {
        _ = dir.write("rules/eicar.yar", "rule E { strings: $e = \"EICAR-STANDARD-ANTIVIRUS-TEST-FILE\" condition: $e }\n")
        _ = dir.write("rules/zz.yar", planted)
        let s = try Signatures.load([dir.path + "/rules"])
        let r = try scanPath(dir.write("x.com", eicar), s)
        #expect(r.findings.isEmpty, "with yara's semantics the global rule voids E")
    }

    @Test("refused with file and line; allowed only when asked")
    func refused() throws {
        _ = dir.write("rules/eicar.yar", "rule E { strings: $e = \"EICAR-STANDARD-ANTIVIRUS-TEST-FILE\" condition: $e }\n")
        let file = dir.write("rules/zz.yar", planted)
        do {
            _ = try Signatures.load([dir.path + "/rules"], allowGlobalRules: false)
            Issue.record("a global rule was accepted")
        } catch {
            guard case .globalRule(let f, let line, let rule) = error else { Issue.record("\(error)"); return }
            #expect(f == file && line == 3 && rule == "Housekeeping")
            #expect("\(error)".hasPrefix("\(file):3: global rule Housekeeping refused"), "\(error)")
        }
        _ = try Signatures.load([dir.path + "/rules"], allowGlobalRules: true)
    }

    @Test("the line is found by words, not by substrings", arguments: [
        ("rule Other {}\nglobal rule G { condition: true }", 2),
        ("rule GG { condition: true }\nprivate global rule G { condition: false }", 2),
        ("// rules G\nglobal\nrule G { condition: false }", 3),
    ])
    func lines(source: String, line: Int) {
        #expect(RuleLint.line(ofRule: "G", source: source) == line)
    }
}
