import Testing
@testable import VigilClamDB

@Suite("ClamAV .ndb body signatures to YARA")
struct NDBTranslatorTests {
    @Test("hex signatures: bytes, wildcards, nibbles, jumps, alternatives", arguments: [
        ("deadbeef", "DE AD BE EF"),
        ("dead??beef", "DE AD ?? BE EF"),
        ("deada?bef?", "DE AD A? BE F?"),
        ("dead?abeef", "DE AD ?A BE EF"),
        ("dead*beef", "DE AD [-] BE EF"),
        ("dead{4}beef", "DE AD [4] BE EF"),
        ("dead{-4}beef", "DE AD [0-4] BE EF"),
        ("dead{4-}beef", "DE AD [4-] BE EF"),
        ("dead{2-6}beef", "DE AD [2-6] BE EF"),
        ("dead[1-3]beef", "DE AD [1-3] BE EF"),
        ("dead(be|efef|00)beef", "DE AD ( BE | EF EF | 00 ) BE EF"),
        ("DEAD{2}*{3}BEEF", "DE AD [5-] BE EF"),
    ])
    func hex(_ sig: String, _ yara: String) throws {
        #expect(try NDBTranslator.hexSignature(sig).get() == yara)
    }

    @Test("hex signatures it cannot say in YARA 4.2 are rejected with a reason", arguments: [
        ("dead!(be|ef)beef", "negated alternative"),
        ("dead(B)beef", "anchors"),
        ("dead(b?|ef)beef", "inside an alternative"),
        ("*deadbeef", "starts or ends with a jump"),
        ("deadbeef{3}", "starts or ends with a jump"),
        ("de??ad??be", "no two fixed bytes"),
        ("deadbee", "odd number"),
        ("dead{x}beef", "jump"),
        ("dead(beef", "unclosed"),
        ("deadzzbeef", "not a byte"),
    ])
    func rejected(_ sig: String, _ reason: String) {
        guard case .failure(let e) = NDBTranslator.hexSignature(sig) else {
            Issue.record("\(sig) was translated")
            return
        }
        #expect(e.reason.contains(reason), "\(sig): \(e.reason)")
    }

    static let conditionCases: [(String, String, Set<String>)] = [
        ("A:0:*:deadbeef", "$a", Set<String>()),
        ("A:0:16:deadbeef", "$a at 16", []),
        ("A:0:16,32:deadbeef", "$a in (16..16 + 32)", []),
        ("A:0:EOF-10:deadbeef", "$a at filesize - 10", []),
        ("A:6:*:deadbeef", "uint32(0) == 0x464C457F and $a", []),
        ("A:1:EP+4:deadbeef", "and $a at pe.entry_point + 4", ["pe"]),
        ("A:1:EP-4,8:deadbeef", "$a in (pe.entry_point - 4..pe.entry_point - 4 + 8)", ["pe"]),
        ("A:6:EP+0:deadbeef", "$a at elf.entry_point", ["elf"]),
        ("A:1:S2+8:deadbeef", "$a at pe.sections[2].raw_data_offset + 8", ["pe"]),
        ("A:1:SE1:deadbeef", "$a in (pe.sections[1].raw_data_offset..pe.sections[1].raw_data_offset + pe.sections[1].raw_data_size)", ["pe"]),
        ("A:1:SL+0:deadbeef", "$a at pe.sections[pe.number_of_sections - 1].raw_data_offset", ["pe"]),
        ("A:10:0:25504446:73:255", "uint32(0) == 0x46445025 and $a at 0", []),
    ]

    @Test("target types and offsets become conditions", arguments: conditionCases)
    func conditions(_ line: String, _ condition: String, _ imports: Set<String>) throws {
        let r = try NDBTranslator.rule(line).get()
        #expect(r.condition.hasSuffix(condition), "\(line): \(r.condition)")
        #expect(r.imports == imports)
    }

    @Test("target types and offsets it cannot honour are rejected by name", arguments: [
        ("A:2:*:deadbeef", "target type 2 (OLE2)"),
        ("A:3:*:deadbeef", "target type 3 (HTML)"),
        ("A:4:*:deadbeef", "target type 4 (mail)"),
        ("A:7:*:deadbeef", "target type 7 (ASCII"),
        ("A:11:*:deadbeef", "target type 11 (Flash)"),
        ("A:42:*:deadbeef", "target type 42"),
        ("A:0:EP+0:deadbeef", "without target type 1 (PE) or 6 (ELF)"),
        ("A:9:EP+0:deadbeef", "Mach-O"),
        ("A:1:VI:deadbeef", "unsupported offset"),
        ("A:0:*", "malformed line"),
        (":0:*:deadbeef", "empty signature name"),
    ])
    func rejectedLines(_ line: String, _ reason: String) {
        guard case .failure(let e) = NDBTranslator.rule(line) else {
            Issue.record("\(line) was translated")
            return
        }
        #expect(e.reason.contains(reason), "\(line): \(e.reason)")
    }

    @Test("a file is translated line by line: rules for the good, counted reasons for the rest, ignore lists honoured")
    func wholeFile() {
        let text = "# comment\n\nGood.One:0:*:deadbeef\nGood.Two:1:EP+0:cafebabe\nBad.Html:3:*:deadbeef\nBad.Html2:3:*:deadbeef\nIgnored.One:0:*:00112233\r\n"
        var serial = 0
        let out = NDBTranslator.translate(Array(text.utf8)[...], origin: "x.ndb", serial: &serial, ignored: ["Ignored.One"])
        #expect(out.translated == 2)
        #expect(out.ignored == 1)
        #expect(out.rejected.values.reduce(0, +) == 2)
        #expect(out.examples.values.first == "x.ndb:5")
        #expect(out.source.hasPrefix("import \"pe\"\n"))
        #expect(out.source.contains("rule clamav_Good_One_1 "))
        #expect(out.source.contains("description = \"Good.One\" clamav_signature = \"x.ndb:3\""))
        #expect(serial == 2)
    }
}
