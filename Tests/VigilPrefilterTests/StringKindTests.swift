import Foundation
import Testing
@testable import VigilPrefilter

/// One kind of YARA string: the declaration, how exactly the prefilter can follow it,
/// files libyara matches, and files it does not.
struct StringCase: CustomStringConvertible, Sendable {
    let name: String
    let declaration: String
    let precision: PartPrecision
    let matching: [[UInt8]]
    let notMatching: [[UInt8]]
    var description: String { name }
}

private func around(_ payload: [UInt8], seed: UInt64 = 1) -> [UInt8] { filler(700, seed: seed) + payload + filler(300, seed: seed + 1) }
private func inProse(_ payload: [UInt8]) -> [UInt8] { prose + payload + prose }
private func b64(_ s: String) -> [UInt8] { Array(Data(s.utf8).base64EncodedString().utf8) }
private func b64wide(_ s: String) -> [UInt8] { Array(Data(s.utf8).base64EncodedString().utf8).flatMap { [$0, 0] } }

let stringCases: [StringCase] = [
    StringCase(name: "text", declaration: #""malware-marker-1""#, precision: .exact,
               matching: [around(bytes("malware-marker-1"))], notMatching: [around(bytes("malware-marker-2")), around(bytes("MALWARE-MARKER-1"))]),
    StringCase(name: "text nocase", declaration: #""Malware-Marker" nocase"#, precision: .exact,
               matching: [around(bytes("mALWARE-mARKER")), around(bytes("malware-marker"))], notMatching: [around(bytes("Malware-Markex"))]),
    StringCase(name: "text wide", declaration: #""marker-wide" wide"#, precision: .exact,
               matching: [around(wide("marker-wide"))], notMatching: [around(bytes("marker-wide")), around(wide("marker-widf"))]),
    StringCase(name: "text ascii wide", declaration: #""marker-both" ascii wide"#, precision: .exact,
               matching: [around(wide("marker-both")), around(bytes("marker-both"))], notMatching: [around(wide("marker-bot"))]),
    StringCase(name: "text wide nocase", declaration: #""Marker-Wide-NC" wide nocase"#, precision: .exact,
               matching: [around(wide("MARKER-WIDE-nc"))], notMatching: [around(bytes("marker-wide-nc"))]),
    StringCase(name: "text xor (all keys)", declaration: #""xor-marker-string" xor"#, precision: .exact,
               matching: [around(xor("xor-marker-string", 0x5A)), around(bytes("xor-marker-string")), around(xor("xor-marker-string", 0xFF))],
               notMatching: [around(xor("xor-marker-strinG", 0x5A))]),
    StringCase(name: "text xor(1-3)", declaration: #""xor-range-marker" xor(1-3)"#, precision: .exact,
               matching: [around(xor("xor-range-marker", 2)), around(xor("xor-range-marker", 3))],
               notMatching: [around(bytes("xor-range-marker")), around(xor("xor-range-marker", 7))]),
    StringCase(name: "text xor wide", declaration: #""xor-wide-marker" xor wide"#, precision: .exact,
               matching: [around(wide("xor-wide-marker").map { $0 ^ 0x21 })], notMatching: [around(xor("xor-wide-markex", 0x21))]),
    StringCase(name: "text xor ascii wide", declaration: #""xor-aw-marker" xor ascii wide"#, precision: .exact,
               matching: [around(wide("xor-aw-marker").map { $0 ^ 0x44 }), around(xor("xor-aw-marker", 0x44))], notMatching: [around(bytes("xor-aw-markex"))]),
    StringCase(name: "text short (fits in an atom)", declaration: #""Q7z!""#, precision: .exact,
               matching: [around(bytes("Q7z!"))], notMatching: [around(bytes("Q7z?"))]),
    StringCase(name: "text short wide nocase (fits in an atom)", declaration: #""qZ" wide nocase"#, precision: .exact,
               matching: [around(wide("Qz"))], notMatching: [around(bytes("qz"))]),
    StringCase(name: "text fullword", declaration: #""FilesMan7" fullword"#, precision: .superset,
               matching: [inProse(bytes(" FilesMan7 "))], notMatching: [inProse(bytes("xFilesMan7x"))]),
    StringCase(name: "text private", declaration: #""private-marker" private"#, precision: .exact,
               matching: [around(bytes("private-marker"))], notMatching: [around(bytes("private-markex"))]),
    StringCase(name: "hex literal", declaration: "{ 4D 5A 90 00 03 00 00 00 04 00 }", precision: .exact,
               matching: [around([0x4D, 0x5A, 0x90, 0, 3, 0, 0, 0, 4, 0])], notMatching: [around([0x4D, 0x5A, 0x90, 0, 3, 0, 0, 0, 5, 0])]),
    StringCase(name: "hex wildcards", declaration: "{ 4D 5A ?? 00 03 ?? 00 00 04 11 }", precision: .exact,
               matching: [around([0x4D, 0x5A, 0x77, 0, 3, 0x99, 0, 0, 4, 0x11])], notMatching: [around([0x4D, 0x5A, 0x77, 0, 3, 0x99, 0, 0, 5, 0x11])]),
    StringCase(name: "hex nibbles", declaration: "{ 4? 5A 9? 00 C3 ?1 }", precision: .exact,
               matching: [around([0x45, 0x5A, 0x93, 0, 0xC3, 0x71])], notMatching: [around([0x55, 0x5A, 0x93, 0, 0xC3, 0x71])]),
    StringCase(name: "hex jump", declaration: "{ DE AD 10 [2-6] BE EF 11 22 }", precision: .exact,
               matching: [around([0xDE, 0xAD, 0x10, 1, 2, 3, 0xBE, 0xEF, 0x11, 0x22])],
               notMatching: [around([0xDE, 0xAD, 0x10, 1, 2, 3, 4, 5, 6, 7, 0xBE, 0xEF, 0x11, 0x22])]),
    StringCase(name: "hex alternatives", declaration: "{ 11 22 ( 33 44 | 55 66 | 7? ) 77 88 99 }", precision: .exact,
               matching: [around([0x11, 0x22, 0x55, 0x66, 0x77, 0x88, 0x99]), around([0x11, 0x22, 0x7A, 0x77, 0x88, 0x99])],
               notMatching: [around([0x11, 0x22, 0x33, 0x66, 0x77, 0x88, 0x99])]),
    StringCase(name: "hex nested alternative with a jump", declaration: "{ 11 ( 22 | 33 [2] 44 ) 55 66 77 }", precision: .exact,
               matching: [around([0x11, 0x33, 0, 0, 0x44, 0x55, 0x66, 0x77])], notMatching: [around([0x11, 0x33, 0, 0x44, 0x55, 0x66, 0x77])]),
    StringCase(name: "hex chained (gap over 200)", declaration: "{ 11 22 33 44 [0-300] 55 66 77 88 }", precision: .exact,
               matching: [around([0x11, 0x22, 0x33, 0x44] + filler(250, seed: 9) + [0x55, 0x66, 0x77, 0x88])],
               notMatching: [around([0x11, 0x22, 0x33, 0x44] + filler(40, seed: 9)), around([0x55, 0x66, 0x77, 0x88])]),
    StringCase(name: "hex unbounded jump", declaration: "{ 11 22 33 45 [-] 55 66 77 89 }", precision: .exact,
               matching: [around([0x11, 0x22, 0x33, 0x45] + filler(999, seed: 3) + [0x55, 0x66, 0x77, 0x89])],
               notMatching: [around([0x55, 0x66, 0x77, 0x89] + filler(30, seed: 4))]),
    StringCase(name: "hex long signature with wildcards (cut to a window)",
               declaration: "{ " + (0..<60).map { $0 % 5 == 2 ? "??" : String(format: "%02X", ($0 * 37 + 11) & 0xFF) }.joined(separator: " ") + " [4-9] " +
                   (0..<50).map { $0 % 4 == 1 ? "??" : String(format: "%02X", ($0 * 53 + 7) & 0xFF) }.joined(separator: " ") + " }",
               precision: .superset,
               matching: [around((0..<60).map { UInt8(($0 * 37 + 11) & 0xFF) } + [1, 2, 3, 4, 5] + (0..<50).map { UInt8(($0 * 53 + 7) & 0xFF) })],
               notMatching: [around((0..<60).map { UInt8(($0 * 37 + 12) & 0xFF) })]),
    StringCase(name: "regex", declaration: #"/foo[0-9]{3}bar/"#, precision: .exact,
               matching: [inProse(bytes("foo123bar"))], notMatching: [inProse(bytes("foo12bar"))]),
    // libyara writes {n,} as {n,32767}; Hyperscan took minutes to compile that bound, so
    // bounds past 255 are widened (superset): rule loading must not hang on them.
    StringCase(name: "regex open-ended repeat {n,} nocase", declaration: #"/lo+ng[0-9]{2,}x/ nocase"#, precision: .superset,
               matching: [inProse(bytes("LOOONG12345X")), inProse(bytes("long" + String(repeating: "7", count: 600) + "x"))],
               notMatching: [inProse(bytes("long1x")), inProse(bytes("lng123x"))]),
    StringCase(name: "regex repeat with a bound past 255", declaration: #"/bb[a-c]{3,400}dd/"#, precision: .superset,
               matching: [inProse(bytes("bbabcabcdd"))], notMatching: [inProse(bytes("bbabdd")), inProse(bytes("bb" + String(repeating: "a", count: 401) + "dd"))]),
    StringCase(name: "regex nocase", declaration: #"/FooBar[a-z]+Baz/ nocase"#, precision: .exact,
               matching: [inProse(bytes("foobarQQQbaz"))], notMatching: [inProse(bytes("foobarbaz"))]),
    StringCase(name: "regex wide", declaration: #"/wide[0-9]+regex/ wide"#, precision: .exact,
               matching: [around(wide("wide42regex"))], notMatching: [around(bytes("wide42regex"))]),
    StringCase(name: "regex ascii wide nocase", declaration: #"/both[0-9]+regex/ ascii wide nocase"#, precision: .exact,
               matching: [around(wide("BOTH42regex")), around(bytes("both7REGEX"))], notMatching: [around(bytes("both-regex"))]),
    StringCase(name: "regex dot (no newline)", declaration: #"/dotty.{2}marker/"#, precision: .exact,
               matching: [inProse(bytes("dottyABmarker"))], notMatching: [inProse(bytes("dotty\nAmarker"))]),
    StringCase(name: "regex dot-all", declaration: #"/dotall.{2}marker/s"#, precision: .exact,
               matching: [inProse(bytes("dotall\nAmarker"))], notMatching: [inProse(bytes("dotallAmarker"))]),
    StringCase(name: "regex anchors", declaration: #"/^MZ-anchored-marker/"#, precision: .superset,
               matching: [bytes("MZ-anchored-marker") + prose], notMatching: [prose + bytes("MZ-anchored-markex")]),
    StringCase(name: "regex word boundary", declaration: #"/\bbound-marker\b/"#, precision: .superset,
               matching: [inProse(bytes(" bound-marker "))], notMatching: [inProse(bytes("xbound-markerx"))]),
    StringCase(name: "regex classes", declaration: #"/\d{3}-\w+\s\S[^a-z]X/"#, precision: .exact,
               matching: [inProse(bytes("123-ab_9\t#9X"))], notMatching: [inProse(bytes("12-ab_9\t#9X"))]),
    StringCase(name: "regex alternation", declaration: #"/(alpha|beta|gamma)-release-[0-9]/"#, precision: .exact,
               matching: [inProse(bytes("gamma-release-7"))], notMatching: [inProse(bytes("delta-release-7"))]),
    StringCase(name: "regex repeats", declaration: #"/ab+c*d(ef)+g(hi){2,3}j/"#, precision: .exact,
               matching: [inProse(bytes("abbbdefefghihij"))], notMatching: [inProse(bytes("abbbdefefghij"))]),
    StringCase(name: "regex ungreedy", declaration: #"/start-[a-z]{1,20}?-end/"#, precision: .exact,
               matching: [inProse(bytes("start-abc-end"))], notMatching: [inProse(bytes("start--end"))]),
    StringCase(name: "base64", declaration: #""base64-marker-string" base64"#, precision: .exact,
               matching: [inProse(b64("xbase64-marker-stringyy")), inProse(b64("base64-marker-string"))],
               notMatching: [inProse(bytes("base64-marker-string"))]),
    StringCase(name: "base64wide", declaration: #""b64w-marker-string" base64wide"#, precision: .exact,
               matching: [around(b64wide("zzb64w-marker-string"))], notMatching: [around(b64("zzb64w-marker-string"))]),
]

@Suite("Every kind of YARA string: the prefilter never misses what libyara matches")
struct StringKindTests {
    @Test("matches what libyara matches, skips libyara where it cannot match", arguments: stringCases)
    func stringKind(_ c: StringCase) throws {
        let pair = try Pair("rule kind { strings: $a = \(c.declaration) condition: $a }")
        #expect(pair.prefilter.plan.precision.first == c.precision, "precision of \(c.name)")
        #expect(pair.prefilter.alwaysRun.isEmpty)
        for (i, sample) in c.matching.enumerated() {
            let r = pair.scan(sample)
            #expect(pair.names(r.off) == ["kind"], "libyara should match sample \(i) of \(c.name): the sample is wrong")
            #expect(r.on.rules == r.off.rules, "sample \(i) of \(c.name)")
            #expect(r.on.decision == .full)
        }
        for (i, sample) in c.notMatching.enumerated() {
            let r = pair.scan(sample)
            #expect(r.off.rules.isEmpty, "libyara should not match counter-sample \(i) of \(c.name): the sample is wrong")
            #expect(r.on.rules.isEmpty)
            if c.precision == .exact {
                #expect(r.on.decision == .clean, "an exact pattern should rule out counter-sample \(i) of \(c.name)")
            }
        }
    }

    @Test("a string at a fixed offset is looked for only there")
    func fixedOffset() throws {
        let pair = try Pair(#"rule at0 { strings: $a = "fixed-offset-marker" condition: $a at 0 }"#)
        #expect(pair.prefilter.plan.patterns.first?.matchEnd == 19)
        let hit = pair.scan(bytes("fixed-offset-marker") + prose)
        #expect(pair.names(hit.on) == ["at0"] && hit.off.rules == hit.on.rules)
        let elsewhere = pair.scan(prose + bytes("fixed-offset-marker"))
        #expect(elsewhere.off.rules.isEmpty && elsewhere.on.rules.isEmpty)
        #expect(elsewhere.on.decision == .clean)
        // In an oversize file's tail window the offset bound cannot be checked: hit.
        let head = Array(prose.prefix(100)), tail = bytes("fixed-offset-marker")
        let r = head.withUnsafeBytes { h in tail.withUnsafeBytes { t in
            pair.on.scan(head: h, tail: t, tailOffset: 5000, fileSize: 6000)
        } }
        #expect(r.decision == .full && r.rules.isEmpty)
    }

    @Test("windows of an oversize file: a string in the tail is found, at its real offset")
    func windows() throws {
        let pair = try Pair(#"rule tail { strings: $a = "tail-window-marker" condition: $a and @a[1] > 4000 and filesize == 9000 }"#)
        let head = prose, tail = prose + bytes("tail-window-marker")
        for scanner in [pair.on, pair.off] {
            let r = head.withUnsafeBytes { h in tail.withUnsafeBytes { t in
                scanner.scan(head: h, tail: t, tailOffset: 6000, fileSize: 9000)
            } }
            #expect(pair.names(r) == ["tail"])
        }
    }

    @Test("the same patterns from rules compiled from source and from a yarac file")
    func compiledFile() throws {
        let dir = TempDir()
        let source = stringCases.enumerated().map { "rule r\($0.offset) { strings: $a = \($0.element.declaration) condition: $a }" }.joined(separator: "\n")
        let fromSource = try CompiledRules.compile(sources: [source])
        try fromSource.save(to: dir.path + "/all.yarc")
        let loaded = try CompiledRules.load(compiled: dir.path + "/all.yarc")
        let a = try Prefilter(rules: fromSource.handle), b = try Prefilter(rules: loaded.handle)
        #expect(a.plan.patterns == b.plan.patterns)
        #expect(a.plan.precision == b.plan.precision)
        #expect(b.plan.patterns.count >= stringCases.count)
        let pair = try Pair(rules: loaded)
        for c in stringCases {
            for s in c.matching + c.notMatching {
                let r = pair.scan(s)
                #expect(r.on.rules == r.off.rules, "\(c.name)")
            }
        }
    }
}
