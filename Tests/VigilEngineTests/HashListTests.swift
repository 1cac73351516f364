import Testing
import Foundation
@testable import VigilEngine
import VigilSystem
import VigilTestSupport

@Suite("HashList")
struct HashListTests {
    let dir = TempDir()

    @Test("reads ClamAV .hdb and .hsb lists and matches by digest and size")
    func clamavFormats() throws {
        let hdb = dir.write("a.hdb", "# comment\n\n44d88612fea8a8f36de82e1278abb02f:68:Test.MD5\n")
        let hsb = dir.write("a.hsb", "275A021BBFB6489E54D471899F7DB9D1663FC695EC2FE2A2C4538AABF651FD0F:68:Test.SHA256:73\n3395856ce81f2b7382dee72602f798b642f14140:*:Test.SHA1:73\n")
        let list = try HashList.load(files: [hdb, hsb])
        #expect(list.entryCount == 3)
        var d = Digests()
        d.md5 = DigestValue(hex: "44d88612fea8a8f36de82e1278abb02f")
        d.sha256 = DigestValue(hex: "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f")
        #expect(Set(list.lookup(d, size: 68).map(\.name)) == ["Test.MD5", "Test.SHA256"])
        #expect(list.lookup(d, size: 69).isEmpty, "the size is part of a ClamAV signature")
        #expect(list.lookup(d, size: 68).first { $0.name == "Test.MD5" }?.origin == "\(hdb):3")
    }

    @Test("reads sha256sum output, with or without the binary-mode star")
    func sha256sumFormat() throws {
        let f = dir.write("bad.sha256", "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f  eicar.com\n" +
                          "0000000000000000000000000000000000000000000000000000000000000001 *other file.bin\n")
        let list = try HashList.load(files: [f])
        var d = Digests()
        d.sha256 = DigestValue(hex: "0000000000000000000000000000000000000000000000000000000000000001")
        #expect(list.lookup(d, size: 12345).map(\.name) == ["bad.sha256:other file.bin"])
    }

    @Test("only digests that some list needs are computed, and only for listed sizes")
    func digestsNeeded() throws {
        let hdb = dir.write("x.hdb", "44d88612fea8a8f36de82e1278abb02f:68:T\n")
        let list = try HashList.load(files: [hdb])
        #expect(list.neededDigests(forSize: 68) == .md5)
        #expect(list.neededDigests(forSize: 1000) == [])
        let sums = dir.write("y.sha256", "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f  e\n")
        let both = try HashList.load(files: [hdb, sums])
        #expect(both.neededDigests(forSize: 1000) == .sha256, "sha256sum lines carry no size: every file is hashed")
    }

    @Test("a malformed line fails the list with its file and line")
    func badLine() {
        let f = dir.write("broken.hsb", "# ok\n275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f:68:Good\nnot-a-hash:12:Bad\n")
        #expect {
            _ = try HashList.load(files: [f])
        } throws: { error in
            guard let e = error as? HashListError else { return false }
            return e.file == f && e.line == 3 && e.description.contains("\(f):3:")
        }
        let g = dir.write("size.hdb", "44d88612fea8a8f36de82e1278abb02f:sixty:Bad\n")
        #expect(throws: HashListError.self) { _ = try HashList.load(files: [g]) }
    }

    @Test("digest values round-trip through hex")
    func hex() {
        let h = "3395856ce81f2b7382dee72602f798b642f14140"
        #expect(DigestValue(hex: h)?.description == h)
        #expect(DigestValue(hex: "xyz") == nil)
    }

    @Test("a list with Windows line endings loads every entry, a leading comment included")
    func crlf() throws {
        let f = dir.write("crlf.hdb", "# made on Windows\r\n44d88612fea8a8f36de82e1278abb02f:68:One\r\n" +
                          "d41d8cd98f00b204e9800998ecf8427e:1:Two\r\n\r\n# end\r\n")
        let list = try HashList.load(files: [f])
        #expect(list.entryCount == 2)
        var d = Digests()
        d.md5 = DigestValue(hex: "44d88612fea8a8f36de82e1278abb02f")
        #expect(list.lookup(d, size: 68).map(\.name) == ["One"], "no carriage return kept in the name")
        let sums = dir.write("crlf.sha256", "\u{FEFF}# bom and comment\r\n275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f  eicar.com\r\n")
        #expect(try HashList.load(files: [sums]).entryCount == 1)
    }

    /// ClamAV 1.x's `cli_loadhash`, line by line: accepted or refused (FLEVEL fields are read with atoi).
    static let clamavTable: [(fields: String, accepted: Bool)] = [
        ("68:Good", true), ("+68:Plus", true), ("068:Leading.Zero", true), ("68:Name With Space", true),
        ("68:Levels:73:255", true), ("*:Wild:73", true), ("*:Wild:200", true),
        ("0:Zero", false), ("-5:Negative", false), ("4294967295:TooBig", false), ("sixty:Word", false),
        ("*:Wild", false), ("*:Wild:72", false), ("68:", false), ("68", false),
        ("68:Name:1:2:3", false), ("68:Name:x", true), ("*:Wild:x", false), ("", false),
    ]

    @Test("size and field checks follow ClamAV's: md5:0:name and wildcards without FLEVEL are refused")
    func clamavFieldTable() {
        for (fields, accepted) in HashListTests.clamavTable {
            let result = HashList.clamavFields(fields.split(separator: ":", omittingEmptySubsequences: false).map(String.init))
            switch result {
            case .success: #expect(accepted, "\(fields) should be refused")
            case .failure(let e): #expect(!accepted, "\(fields) refused: \(e.message)")
            }
        }
    }

    @Test("every line of the table gets the answer the real clamscan gives")
    func sameAsClamscan() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/clamscan") else {
            Issue.record("clamscan missing: scripts/test.sh installs clamav")
            return
        }
        let target = dir.write("eicar.bin", eicar)
        for (i, row) in HashListTests.clamavTable.enumerated() {
            let line = "44d88612fea8a8f36de82e1278abb02f:\(row.fields)\n"
            let db = dir.write("t\(i).hdb", line)
            let clam = runProgram("/usr/bin/clamscan", ["--no-summary", "-d", db, target], timeout: 60)
            let clamAccepts = !clam.stderr.contains("Malformed") && !clam.stderr.contains("Problem parsing")
            let vigilAccepts = (try? HashList.load(files: [db])) != nil
            #expect(clamAccepts == row.accepted, "table row \(row.fields): clamscan says \(clam.stderr)")
            #expect(vigilAccepts == clamAccepts, "\(row.fields)")
        }
        let crlf = dir.write("crlf2.hdb", "# c\r\n44d88612fea8a8f36de82e1278abb02f:68:Crlf.Test\r\n")
        #expect(runProgram("/usr/bin/clamscan", ["--no-summary", "-d", crlf, target]).stdout.contains("Crlf.Test"))
        #expect(try HashList.load(files: [crlf]).entryCount == 1)
    }

    @Test("an empty-file entry is refused with file and line instead of flagging every empty file")
    func emptyFileEntry() {
        let f = dir.write("empty.hdb", "44d88612fea8a8f36de82e1278abb02f:68:Ok\nd41d8cd98f00b204e9800998ecf8427e:0:Empty\n")
        #expect {
            _ = try HashList.load(files: [f])
        } throws: { error in
            guard let e = error as? HashListError else { return false }
            return e.file == f && e.line == 2 && e.message.contains("size '0'")
        }
    }
}
