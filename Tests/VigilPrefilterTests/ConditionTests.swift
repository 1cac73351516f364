import Testing
@testable import VigilPrefilter

/// A condition over strings $a, $b, $c ("a-marker", ...), whether it can be true in a
/// file where none of them occurs, and files to hold the prefilter to libyara with.
struct ConditionCase: CustomStringConvertible, Sendable {
    let condition: String
    let alwaysRuns: Bool
    var imports = ""
    /// Proven to need one header read to equal a constant (`uint16(0) == 0x4548 and ...`).
    var guarded = false
    var description: String { condition }
}

let conditionCases: [ConditionCase] = [
    // Need a string.
    ConditionCase(condition: "$a", alwaysRuns: false),
    ConditionCase(condition: "$a and filesize > 10", alwaysRuns: false),
    ConditionCase(condition: "filesize < 1MB and uint16(0) != 0x5A4D and ($a or $b)", alwaysRuns: false),
    ConditionCase(condition: "any of them", alwaysRuns: false),
    ConditionCase(condition: "all of them", alwaysRuns: false),
    ConditionCase(condition: "2 of ($a, $b, $c)", alwaysRuns: false),
    ConditionCase(condition: "50% of them", alwaysRuns: false),
    ConditionCase(condition: "#a > 0", alwaysRuns: false),
    ConditionCase(condition: "#a >= 2 and #b < 3", alwaysRuns: false),
    ConditionCase(condition: "$a at 0", alwaysRuns: false),
    ConditionCase(condition: "$a in (0..filesize)", alwaysRuns: false),
    ConditionCase(condition: "@a[1] < 100", alwaysRuns: false),
    ConditionCase(condition: "!a[1] == 8", alwaysRuns: false),
    ConditionCase(condition: "any of them in (0..100)", alwaysRuns: false),
    ConditionCase(condition: "for any of them : ($ at 0)", alwaysRuns: false),
    ConditionCase(condition: "for all of them : ($ in (0..filesize))", alwaysRuns: false),
    ConditionCase(condition: "for 2 of ($a, $b) : (# > 1)", alwaysRuns: false),
    ConditionCase(condition: "for any i in (1..#a) : (@a[i] > 10)", alwaysRuns: false),
    ConditionCase(condition: "for any i in (1..8) : ($b in (@a[i] - 100 .. @a[i]))", alwaysRuns: false),
    ConditionCase(condition: "for all i in (1..3) : (@a[i] >= 0)", alwaysRuns: false),
    ConditionCase(condition: "$a and not $b", alwaysRuns: false),
    ConditionCase(condition: "($a or $b) and (filesize > 3 or uint8(0) == 0x41)", alwaysRuns: false),
    ConditionCase(condition: "$a and pe.number_of_sections > 0", alwaysRuns: false, imports: "import \"pe\"\n"),
    ConditionCase(condition: "$c and math.entropy(0, filesize) > 1.5", alwaysRuns: false, imports: "import \"math\"\n"),
    // Can match with no string.
    ConditionCase(condition: "true", alwaysRuns: true),
    ConditionCase(condition: "not $a", alwaysRuns: true),
    ConditionCase(condition: "#a == 0", alwaysRuns: true),
    ConditionCase(condition: "none of them", alwaysRuns: true),
    ConditionCase(condition: "0 of ($a, $b)", alwaysRuns: true),
    ConditionCase(condition: "$a or filesize > 100", alwaysRuns: true),
    ConditionCase(condition: "filesize > 100 and filesize < 10000", alwaysRuns: true),
    ConditionCase(condition: "uint16(0) == 0x4548", alwaysRuns: true, guarded: true),
    ConditionCase(condition: "uint16(0) == 0x4548 and filesize < 1MB", alwaysRuns: true, guarded: true),
    ConditionCase(condition: "0x4548 == uint16(0) and not $a", alwaysRuns: true, guarded: true),
    ConditionCase(condition: "uint8(1) == 0x45 and for any i in (0..2) : (uint8(i) > 0)", alwaysRuns: true, guarded: true),
    ConditionCase(condition: "uint16be(0) == 0x4845 and #b == 0", alwaysRuns: true, guarded: true),
    ConditionCase(condition: "uint16(0) != 0x4548 and filesize > 0", alwaysRuns: true),
    ConditionCase(condition: "(uint16(0) == 0x4548 or uint16(0) == 0x5A4D) and filesize > 0", alwaysRuns: true),
    ConditionCase(condition: "uint16(0) == 0x4548 or filesize > 10", alwaysRuns: true),
    ConditionCase(condition: "not ($a at 0)", alwaysRuns: true),
    ConditionCase(condition: "for all of them : (not $)", alwaysRuns: true),
    ConditionCase(condition: "for any i in (1..3) : (i == 2)", alwaysRuns: true),
    ConditionCase(condition: "not defined @a[1]", alwaysRuns: true),
    ConditionCase(condition: "#a < 2 and filesize > 1", alwaysRuns: true),
    ConditionCase(condition: "pe.number_of_sections == 0 or $a", alwaysRuns: true, imports: "import \"pe\"\n"),
    ConditionCase(condition: "math.entropy(0, filesize) >= 0", alwaysRuns: true, imports: "import \"math\"\n"),
    ConditionCase(condition: "elf.type == elf.ET_EXEC or not $b", alwaysRuns: true, imports: "import \"elf\"\n"),
]

private let strings = #"$a = "a-marker" $b = { 62 2D 6D 61 72 6B 65 72 } $c = /c-mark[e]r/"#

/// Files that exercise each condition both ways: no string, one, all, repeats, at 0,
/// an empty file, and headers the conditions read.
let conditionSamples: [[UInt8]] = [
    [],
    bytes("HE"),
    bytes("HEllo, nothing here") + prose,
    bytes("a-marker") + prose,
    prose + bytes("a-marker b-marker c-marker"),
    bytes("a-marker a-marker a-marker b-marker b-marker"),
    prose + bytes("a-marker") + prose + bytes("a-marker"),
    bytes("Ab") + filler(5000, seed: 7),
    filler(3000, seed: 8) + bytes("c-marker"),
]

@Suite("Rule conditions: which rules can match without a string")
struct ConditionTests {
    @Test("classification, and the same matches as libyara either way", arguments: conditionCases)
    func classify(_ c: ConditionCase) throws {
        // libyara rejects unreferenced strings: the second disjunct names them all and is
        // never true in the samples, so it changes neither the answer nor the class.
        let pair = try Pair(c.imports + "rule r { strings: \(strings) condition: (\(c.condition)) or (filesize == 7777777 and all of them) }")
        #expect(pair.prefilter.conditions[0].canMatchWithoutStrings == c.alwaysRuns,
                "\(c.condition): \(pair.prefilter.conditions[0].reason ?? "gated")")
        #expect((pair.prefilter.conditions[0].guardRead != nil) == c.guarded, "\(String(describing: pair.prefilter.conditions[0].guardRead))")
        for (i, s) in conditionSamples.enumerated() {
            let r = pair.scan(s)
            #expect(r.on.rules == r.off.rules, "sample \(i)")
            #expect(r.on.code == r.off.code)
            if !c.alwaysRuns && r.off.rules.isEmpty && i < 3 {
                #expect(r.on.decision == .clean, "no string in sample \(i): libyara need not run")
            }
            if c.alwaysRuns && i < 3 {
                // Samples 1 and 2 start with "HE" (0x4548), sample 0 is empty.
                let expected: PrefilterDecision = c.guarded && i == 0 ? .clean : .conditionsOnly
                #expect(r.on.decision == expected, "sample \(i) holds no string")
            }
        }
    }

    @Test("a rule named by another rule: gated through it, and kept enabled so `not r` stays exact")
    func ruleReferences() throws {
        let pair = try Pair("""
            rule base { strings: $a = "a-marker" condition: $a }
            private rule hidden { strings: $b = "b-marker" condition: $b }
            rule uses { condition: base and filesize > 0 }
            rule negates { condition: not hidden }
            rule either { condition: any of (base, hidden) }
            global rule gate { condition: filesize < 100000 }
            rule plain { strings: $c = "c-marker" condition: $c }
            """)
        let c = pair.prefilter.conditions
        #expect(c.map(\.canMatchWithoutStrings) == [false, false, false, true, false, true, false])
        #expect(pair.prefilter.disableable == [false, false, true, true, true, false, true])
        for s in conditionSamples + [filler(200_000, seed: 1) + bytes("c-marker")] {
            let r = pair.scan(s)
            #expect(r.on.rules == r.off.rules)
        }
        // Nothing to find: only the rules that can match without strings are evaluated.
        let none = pair.scan(prose)
        #expect(none.on.decision == .conditionsOnly)
        #expect(pair.names(none.on) == ["negates", "gate"])
    }

    @Test("a rule that reads `entrypoint` keeps libyara's string search (it computes the entry point)")
    func entrypoint() throws {
        let pair = try Pair("rule ep { condition: entrypoint >= 0 } rule s { strings: $a = \"a-marker\" condition: $a }")
        #expect(pair.prefilter.readsEntrypoint)
        let r = pair.scan(prose)
        #expect(r.on.decision == .full && r.on.rules == r.off.rules)
    }

    @Test("a rule needing a hit in each of several groups of strings runs only when each group has one",
          arguments: [("$a and ($b or $c)", [["a"], ["b", "c"]]), ("all of them", [["a"], ["b"], ["c"]]),
                      ("2 of ($a, $b, $c)", [["b", "c"]]), ("$a or ($b and $c)", [["a", "c"]]),
                      ("for any of ($a, $b) : ($ at 0) and $c", [["a", "b"], ["c"]]),
                      ("#a > 1 and any of ($b, $c) and filesize > 0", [["a"], ["b", "c"]])])
    func groups(_ condition: String, _ expected: [[String]]) throws {
        let pair = try Pair("rule r { strings: \(strings) condition: \(condition) }")
        let p = pair.prefilter
        let name = { (i: UInt32) in String(p.plan.identifier[Int(i)].dropFirst()) }
        let found = (Int(p.ruleClauseStart[0])..<Int(p.ruleClauseStart[1])).map { c in
            (Int(p.clauseEnd[c])..<Int(p.clauseEnd[c + 1])).map { name(p.clauseHeads[$0]) }.sorted()
        }
        #expect(found.sorted { $0.joined() < $1.joined() } == expected.sorted { $0.joined() < $1.joined() })
        for sample in conditionSamples + [bytes("b-marker") + prose, prose + bytes("c-marker b-marker"), bytes("a-marker") + prose + bytes("c-marker")] {
            let r = pair.scan(sample)
            #expect(r.on.rules == r.off.rules)
        }
        // One string alone: when a group lacks it, the rule cannot match and libyara is
        // not called.
        for x in ["a", "b", "c"] where expected.contains(where: { !$0.contains(x) }) {
            let r = pair.scan(prose + bytes("\(x)-marker") + prose)
            #expect(r.on.decision == .clean, "only $\(x)")
        }
    }

    @Test("strings hit only in rules that cannot match: conditions alone, unless an evaluated rule owns a hit string")
    func conditionsDespiteHits() throws {
        let pair = try Pair("""
            rule always { condition: filesize > 0 }
            rule needs_two { strings: $a = "a-marker" $b = { 62 2D 6D 61 72 6B 65 72 } condition: $a and $b }
            rule reads { strings: $c = /c-mark[e]r/ condition: not $c }
            """)
        let onlyA = pair.scan(prose + bytes("a-marker") + prose)
        #expect(onlyA.on.decision == .conditionsOnly)
        #expect(pair.names(onlyA.on) == ["always", "reads"] && onlyA.on.rules == onlyA.off.rules)
        // $c is read by `reads`, which is evaluated: libyara must search for it.
        let withC = pair.scan(prose + bytes("a-marker c-marker") + prose)
        #expect(withC.on.decision == .full)
        #expect(pair.names(withC.on) == ["always"] && withC.on.rules == withC.off.rules)
        let both = pair.scan(bytes("a-marker b-marker"))
        #expect(both.on.decision == .full && pair.names(both.on) == ["always", "needs_two", "reads"])
        #expect(both.on.rules == both.off.rules)
    }

    @Test("no rule can match without strings and none hit: libyara is not called at all")
    func skip() throws {
        let pair = try Pair("rule s { strings: " + strings + " condition: any of them }")
        let r = pair.scan(prose)
        #expect(r.on.decision == .clean && r.off.rules.isEmpty)
    }
}
