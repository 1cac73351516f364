import Foundation
import Glibc
import Testing
@testable import VigilEngine
import VigilSystem
import VigilTestSupport

@Suite("Externals: LOKI/THOR mode per rule folder, libmagic only when a rule reads filetype")
struct ExternalsModeTests {
    let dir = TempDir()

    @Test("LOKI's extension is os.path.splitext's, lower-cased", arguments: [
        ("x.EXE", ".exe"), ("a.tar.gz", ".gz"), (".bashrc", ""), ("..hidden", ""), ("noext", ""), ("a.", "."), ("a.b.", "."),
    ])
    func dotted(_ name: String, _ want: String) {
        #expect(ExternalsMode.dottedExtension(of: name) == want)
    }

    @Test("LOKI's file types come from the first bytes, in signature-base's order", arguments: [
        ([0x4D, 0x5A, 0x90, 0x00], "EXE"), ([0x7F, 0x45, 0x4C, 0x46], "ELF"), ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00], "Office"),
        ([0x50, 0x4B, 0x03, 0x04, 0x0A, 0x00], "ZIP"), ([0x23, 0x21, 0x2F, 0x62], "UNIX SCRIPT"), ([0x23, 0x21, 0x20], "Script"),
        ([0x43, 0x57, 0x53, 0x01], "CWS"), ([0x25, 0x50, 0x44, 0x46], "PDF"), ([0x68, 0x65, 0x6C, 0x6C, 0x6F], "UNKNOWN"), ([], "UNKNOWN"),
    ] as [([UInt8], String)])
    func lokiTypes(_ head: [UInt8], _ want: String) {
        #expect(head.withUnsafeBytes { LokiFileType.of($0) } == want)
    }

    @Test("each mode's values for one file")
    func values() {
        let head: [UInt8] = [0x4D, 0x5A]
        let vigil = head.withUnsafeBytes { ExternalsMode.vigil.values(path: "/srv/up/Setup.EXE", name: "Setup.EXE", mime: "application/x-dosexec",
                                                                       head: $0, md5: "abc", owner: "www") }
        #expect(vigil.map { "\($0.0)=\($0.1)" } == ["filename=Setup.EXE", "filepath=/srv/up/Setup.EXE", "extension=exe",
                                                     "filetype=application/x-dosexec", "owner=www"])
        let loki = head.withUnsafeBytes { ExternalsMode.loki.values(path: "/srv/up/Setup.EXE", name: "Setup.EXE", mime: "",
                                                                     head: $0, md5: "abc", owner: "www") }
        #expect(loki.map { "\($0.0)=\($0.1)" } == ["filename=Setup.EXE", "filepath=/srv/up", "extension=.exe", "filetype=EXE",
                                                    "md5=abc", "owner=www"])
    }

    @Test("the word filetype in a string or a comment does not load libmagic; reading it does")
    func fileTypeAskedOfTheCompiler() throws {
        let mention = dir.write("mention/a.yar", """
        // this rule does not read filetype
        rule mentions { strings: $a = "filetype" condition: $a }
        """)
        let s = try Signatures.load([mention])
        #expect(!s.usesFileType && !s.usesMimeType)
        let reads = dir.write("reads/b.yar", "rule reads { condition: filetype == \"text/plain\" }\n")
        let t = try Signatures.load([reads])
        #expect(t.usesFileType && t.usesMimeType)
        let r = try scanPath(dir.write("plain.txt", "hello\n"), t)
        #expect(r.findings.map(\.name) == ["reads"], "filetype still comes from libmagic when read")
    }

    @Test("compiled rules read filetype only if compiled with it declared", .enabled(if: access("/usr/bin/yarac", X_OK) == 0))
    func compiledDeclares() throws {
        let plain = dir.write("c/p.yar", "rule p { condition: filesize > 0 }\n")
        let typed = dir.write("c/t.yar", "rule t { condition: filetype == \"x\" }\n")
        #expect(runProgram("/usr/bin/yarac", [plain, dir.sub("p.yarc")]).status == 0)
        #expect(runProgram("/usr/bin/yarac", ["-d", "filetype=", typed, dir.sub("t.yarc")]).status == 0)
        #expect(try !RuleSet.load(compiled: dir.sub("p.yarc")).usesFileType)
        #expect(try RuleSet.load(compiled: dir.sub("t.yarc")).usesFileType)
    }

    static let lokiRules = """
        rule loki_exe { condition: extension == ".exe" and filetype == "EXE" }
        rule loki_md5 { condition: md5 == "MD5" }
        rule loki_folder { condition: filepath == "FOLDER" }
        rule vigil_exe { condition: extension == "exe" }
        """

    @Test("a folder with .vigil-externals 'loki' gets LOKI's values; the same rules elsewhere get Vigil's, and yara agrees")
    func lokiFolder() throws {
        let sample: [UInt8] = [0x4D, 0x5A, 0x90, 0x00] + Array("not really a program".utf8)
        let exe = dir.write("files/setup.exe", sample)
        let md5 = runProgram("/usr/bin/md5sum", [exe]).stdout.prefix(32)
        let text = Self.lokiRules.replacingOccurrences(of: "MD5", with: String(md5))
            .replacingOccurrences(of: "FOLDER", with: dir.sub("files"))
        dir.write("loki/.vigil-externals", "loki\n")
        dir.write("loki/sub/set.yar", text)
        // Vigil's mode has no md5 external: the plain copy leaves that rule out.
        dir.write("plain/set.yar", text.split(separator: "\n").filter { !$0.contains("md5") }.joined(separator: "\n")
            .replacingOccurrences(of: "rule ", with: "rule v_"))
        let sigs = try Signatures.load([dir.sub("loki"), dir.sub("plain")])
        #expect(sigs.ruleSets.map(\.externalsMode) == [.vigil, .loki])
        #expect(sigs.usesMimeType, "the Vigil-mode copy reads filetype")
        #expect(try !Signatures.load([dir.sub("loki")]).usesMimeType, "LOKI's filetype needs no libmagic")
        #expect(sigs.usesMD5)
        let r = try scanPath(exe, sigs)
        #expect(Set(r.findings.map(\.name)) == ["loki_exe", "loki_md5", "loki_folder", "v_vigil_exe"])

        // The real yara with LOKI's values gives the same answer for the LOKI folder.
        let y = runProgram("/usr/bin/yara", ["-d", "filename=setup.exe", "-d", "filepath=\(dir.sub("files"))", "-d", "extension=.exe",
                                      "-d", "filetype=EXE", "-d", "md5=\(md5)", "-d", "owner=root", dir.sub("loki/sub/set.yar"), exe])
        let yaraNames = Set(y.stdout.split(separator: "\n").map { String($0.split(separator: " ")[0]) })
        #expect(yaraNames == ["loki_exe", "loki_md5", "loki_folder"], "\(y.stdout) \(y.stderr)")
    }
}
