import Glibc
import Testing
@testable import VigilEngine
import VigilSystem
import VigilTestSupport

@Suite("rules check: regexes likely to exceed libyara's regex fibers")
struct RuleLintTests {
    let dir = TempDir()

    /// Each case was run against libyara 4.2.3 on 280 and 2,800 bytes of "socket.socket("
    /// padding (see RuleLint's notes); `flagged` is what the heuristic must say.
    @Test("the estimate flags what failed in libyara and passes what did not", arguments: [
        // failed with error 46
        (explodingRegex, true),
        (#"/socket\.socket\([^\n]{0,300}\n?[^\n]{0,300}(os\.dup2|subprocess\.call)/"#, true),
        (#"/socket\.socket\([^\n]{0,200}\n?[^\n]{0,200}(os\.dup2|subprocess\.call|pty|xx)/"#, true),
        (#"/socket\.socket\([^\n]{10,300}[^\n]{5,300}(a|b)/"#, true),
        (#"/socket\.socket\(.{0,600}.{0,600}pty/"#, true),
        // passed
        (#"/socket\.socket\([^\n]{0,200}\n?[^\n]{0,200}(os|sub)/"#, false),
        (#"/socket\.socket\([^\n]{0,150}[^\n]{0,150}pty/"#, false),
        (#"/socket\.socket\s*\([^\n]{0,300}(os\.dup2|subprocess\.call)[^\n]{0,300}pty/"#, false),
        (#"/socket\.socket\([^\n]*\n?[^\n]*\n?[^\n]*(a|b|c|d|e|f|g|h)/"#, false),
        (#"/socket\.socket\([^\n]*[^\n]{0,300}(a|b|c|d|e|f|g|h)/"#, false),
        (#"/(curl|wget)\s[^\n|;]{0,200}(-[a-zA-Z]*[sqO]-?\s[^\n|;]{0,200})?\|\s*(sudo\s+)?(ba|da|z|k)?sh\b/"#, false),
        (#"/(curl|wget)\s[^\n]{0,200}(\/tmp|\/dev\/shm|\/var\/tmp)\/[^\s;&|]{1,64}[^\n]{0,40}(;|&&|\n)\s*(chmod\s+[0-7+x]{1,4}\s+[^\n]{0,80}(;|&&|\n)\s*)?(nohup\s+)?(\.\/|\/tmp\/|\/dev\/shm\/|\/var\/tmp\/)/"#, false),
        (#"/-e(nc(odedcommand)?)?\s+[A-Za-z0-9+\/=]{200,}/"#, false),
    ] as [(String, Bool)])
    func estimate(_ literal: String, _ flagged: Bool) {
        let body = String(literal.dropFirst().dropLast())
        #expect((RuleLint.risk(ofRegex: body) != nil) == flagged, "\(literal)")
    }

    @Test("names file, line, rule and string; ignores comments, text strings and condition regexes")
    func locations() {
        let source = """
            // rule Commented { strings: $c = /a[^\\n]{0,300}\\n?[^\\n]{0,300}(b|c)/ }
            rule First
            {
                strings:
                    $text = "not /a regex[^\\n]{0,300}[^\\n]{0,300}(b|c)/ at all"
                    $ok = /abc[^\\n]{0,40}def/
                condition:
                    any of them and filepath matches /x[^\\n]{0,300}[^\\n]{0,300}(a|b)/
            }
            /* rule InBlock { strings: $b = /a[^\\n]{0,300}[^\\n]{0,300}(b|c)/ } */
            private rule Second { strings:
                $bad =
                    /socket[^\\n]{0,300}\\n?[^\\n]{0,300}(os|sub|pty)/ nocase
                condition: $bad }
            """
        let warnings = RuleLint.check(source: source, file: "x.yar")
        #expect(warnings.count == 1)
        let w = warnings.first
        #expect(w?.file == "x.yar" && w?.line == 12 && w?.rule == "Second" && w?.string == "$bad")
        #expect(w?.description.hasPrefix("x.yar:12: rule Second, string $bad: 2 stacked bounded gaps") == true)
    }

    @Test("the reverse-shell rule Vigil shipped before issue 9 is flagged; the bundled Signatures are clean")
    func bundled() throws {
        let old = dir.write("old.yar", """
            rule Vigil_Dropper_Reverse_Shell
            {
                strings:
                    $py_pty = \(explodingRegex)
                condition:
                    $py_pty
            }
            """)
        let flagged = RuleLint.check(files: [old])
        #expect(flagged.map(\.rule) == ["Vigil_Dropper_Reverse_Shell"] && flagged.first?.line == 4 && flagged.first?.string == "$py_pty")
        let sources = try Signatures.collect([bundledSignatures])
        #expect(RuleLint.check(files: sources.ruleFiles).isEmpty)
    }
}
