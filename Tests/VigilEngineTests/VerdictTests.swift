import Testing
@testable import VigilEngine
import VigilSystem

@Suite("Verdict")
struct VerdictTests {
    @Test("verdicts are ordered allow < audit < quarantine < deny")
    func ordering() {
        #expect(Verdict.allow < .audit)
        #expect(Verdict.audit < .quarantine)
        #expect(Verdict.quarantine < .deny)
        #expect(Verdict.combine([]) == .allow)
    }

    @Test("the file's verdict is the strongest answer, whatever the order of checks")
    func compositionIgnoresOrder() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let n = Int.random(in: 0...8, using: &rng)
            let answers = (0..<n).map { _ in Verdict.allCases.randomElement(using: &rng)! }
            let expected = answers.max() ?? .allow
            for _ in 0..<5 {
                #expect(Verdict.combine(answers.shuffled(using: &rng)) == expected)
            }
            // Adding an allow never changes the outcome; adding a deny always wins.
            #expect(Verdict.combine(answers + [.allow]) == expected)
            #expect(Verdict.combine(answers + [.deny]) == .deny)
        }
    }

    @Test("rule actions are read from names, case-insensitively")
    func names() {
        #expect(Verdict(name: "AUDIT") == .audit)
        #expect(Verdict(name: "block") == .deny)
        #expect(Verdict(name: "maybe") == nil)
    }
}
