import Glibc
import Testing
@testable import VigilEngine
import VigilSystem
import VigilTestSupport

@Suite("RuleSet")
struct RuleSetTests {
    let dir = TempDir()

    @Test("compiles the bundled Signatures")
    func bundled() throws {
        let s = try loadBundled()
        #expect(s.ruleCount >= 8)
        #expect(s.hashes.entryCount >= 3)
    }

    @Test("imports: what the compiled rules import, read from libyara's own import callback (scan workers warm libmagic only for rules that import magic)", arguments: [
        ("import \"magic\"\nrule m { condition: magic.mime_type() == \"text/plain\" }\n", "magic", true),
        ("import \"elf\"\nimport \"magic\"\nrule e { condition: elf.type == elf.ET_EXEC }\n", "magic", true),
        ("import \"elf\"\nrule e { condition: elf.type == elf.ET_EXEC }\n", "magic", false),
        ("import \"elf\"\nrule e { condition: elf.type == elf.ET_EXEC }\n", "elf", true),
        ("rule s { strings: $a = \"magic\" condition: $a }\n", "magic", false),
        ("rule never { condition: false }\n", "magic", false),
    ])
    func imports(source: String, module: String, expected: Bool) throws {
        let set = try RuleSet.compile(files: [], sources: [("imports.yar", source)])
        #expect(set.imports(module) == expected)
        // Asking twice gives the same answer (the probe scan leaves nothing behind).
        #expect(set.imports(module) == expected)
    }

    @Test("a rule syntax error names the file and line")
    func syntaxError() {
        let good = dir.write("rules/a.yar", "rule ok { condition: true }\n")
        _ = good
        let bad = dir.write("rules/b.yar", "rule fine { condition: true }\n\nrule broken {\n  strings: $a = \"x\"\n  condition: $a and\n}\n")
        #expect {
            _ = try Signatures.load([dir.sub("rules")])
        } throws: { error in
            guard case .rule(let e) = error as? SignatureError else { return false }
            return e.file == bad && e.line == 6 && !e.message.isEmpty
        }
    }

    @Test("an undefined identifier is reported with its line")
    func undefinedIdentifier() {
        let bad = dir.write("u.yar", "rule r {\n  condition:\n    no_such_thing\n}\n")
        #expect {
            _ = try RuleSet.compile(files: [bad])
        } throws: { error in
            guard let e = error as? RuleError else { return false }
            return e.file == bad && e.line == 3 && e.message.contains("no_such_thing")
        }
    }

    @Test("external variables filename, extension and owner are set per file")
    func externals() throws {
        let rules = dir.write("ext.yar", """
        rule by_name { condition: filename == "invoice.pdf" and extension == "pdf" }
        rule by_owner { condition: owner == "root" }
        rule by_type { condition: filetype == "application/x-executable" or filetype == "application/x-sharedlib" or filetype == "application/x-pie-executable" }
        """)
        let s = try Signatures.load([rules])
        #expect(s.usesFileType)
        let pdf = dir.write("invoice.pdf", "%PDF-1.4\n")
        let r = try scanFile(pdf, with: s)
        #expect(r.findings.map(\.name).contains("by_name"))
        if isRoot { #expect(r.findings.map(\.name).contains("by_owner")) }
        let elf = try scanFile("/bin/true", with: s, limits: ScanLimits())
        #expect(elf.findings.map(\.name).contains("by_type"), "filetype comes from libmagic")
        #expect(!elf.findings.map(\.name).contains("by_name"))
    }

    @Test("loads rules compiled by yarac", .enabled(if: access("/usr/bin/yarac", X_OK) == 0))
    func compiled() throws {
        let src = dir.write("c.yar", "rule compiled_rule { strings: $a = \"needle-in-compiled\" condition: $a }\n")
        let out = dir.sub("c.yarc")
        let r = runProgram("/usr/bin/yarac", [src, out])
        #expect(r.status == 0, "\(r.stderr)")
        let s = try Signatures.load([out])
        let hit = dir.write("hit.txt", "xx needle-in-compiled xx")
        #expect(try scanFile(hit, with: s).findings.map(\.name) == ["compiled_rule"])
    }

    @Test("a corrupt compiled file is refused with its name")
    func corruptCompiled() {
        let f = dir.write("bad.yarc", "YARA this is not really compiled")
        #expect {
            _ = try Signatures.load([f])
        } throws: { error in
            guard case .rule(let e) = error as? SignatureError else { return false }
            return e.file == f
        }
    }

    @Test("a folder with nothing to load is an error, not an empty rule set")
    func emptyFolder() {
        _ = dir.mkdir("empty")
        #expect(throws: SignatureError.self) { _ = try Signatures.load([dir.sub("empty")]) }
    }
}
