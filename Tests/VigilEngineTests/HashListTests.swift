import Testing
@testable import VigilEngine
import VigilSystem
import VigilTestSupport

@Suite("HashList")
struct HashListTests {
    let dir = TempDir()

    @Test("reads ClamAV .hdb and .hsb lists and matches by digest and size")
    func clamavFormats() throws {
        let hdb = dir.write("a.hdb", "# comment\n\n44d88612fea8a8f36de82e1278abb02f:68:Test.MD5\n")
        let hsb = dir.write("a.hsb", "275A021BBFB6489E54D471899F7DB9D1663FC695EC2FE2A2C4538AABF651FD0F:68:Test.SHA256:73\n3395856ce81f2b7382dee72602f798b642f14140:*:Test.SHA1\n")
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
}
