import Testing
@testable import VigilSystem

@Suite("RawPath")
struct RawPathTests {
    @Test("escapes control characters, backslashes and invalid UTF-8, keeps valid UTF-8")
    func escaping() {
        #expect(RawPath("plain/path.txt").description == "plain/path.txt")
        #expect(RawPath("a\nb\tc\\d").description == "a\\nb\\tc\\\\d")
        #expect(RawPath(bytes: [0x61, 0xFF, 0x62]).description == "a\\xffb")
        #expect(RawPath("Überweisung-€.pdf").description == "Überweisung-€.pdf")
        #expect(RawPath(bytes: [0xC2, 0x85]).description == "\\xc2\\x85", "C1 controls are escaped")
        #expect(RawPath(bytes: [0xE2, 0x82]).description == "\\xe2\\x82", "truncated sequences are escaped")
    }

    @Test("extensions are lower-cased, dotfiles have none")
    func extensions() {
        #expect(RawPath("/srv/up/Photo.JPG").fileExtension == "jpg")
        #expect(RawPath("/srv/up/.bashrc").fileExtension == "")
        #expect(RawPath("/srv/up/archive.tar.gz").fileExtension == "gz")
    }

    @Test("sizes parse with binary suffixes")
    func sizes() {
        #expect(parseByteSize("100M") == 100 << 20)
        #expect(parseByteSize("1g") == 1 << 30)
        #expect(parseByteSize("512") == 512)
        #expect(parseByteSize("lots") == nil)
    }
}
