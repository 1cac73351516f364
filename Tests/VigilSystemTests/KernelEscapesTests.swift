import Testing
import VigilSystem

/// The kernel's escapes in mountinfo (`\ooo`) and in /dev/kmsg and systemd unit names
/// (`\xHH`): exactly those are decoded, anything else is kept byte for byte.
@Suite("KernelEscapes")
struct KernelEscapesTests {
    @Test("octal, as mountinfo writes space, tab, newline and backslash", arguments: [
        ("/srv/with\\040space", "/srv/with space"),
        ("/a\\011tab\\012newline\\134backslash", "/a\ttab\nnewline\\backslash"),
        ("/ends\\040", "/ends "),                       // an escape at the very end
        ("/short\\04", "/short\\04"),                   // too few digits: kept
        ("/notoctal\\089", "/notoctal\\089"),           // 8 and 9 are not octal
        ("/sign\\+12", "/sign\\+12"),                   // no sign, only digits
        ("/toolarge\\777", "/toolarge\\777"),           // does not fit a byte
        ("/plain", "/plain"),
        ("/ünïcode\\040x", "/ünïcode x"),               // raw UTF-8 passes through
    ])
    func octal(_ raw: String, _ text: String) {
        #expect(KernelEscapes.decodeOctal(raw.utf8) == Array(text.utf8))
    }

    @Test("hex, as /dev/kmsg writes control bytes and systemd escapes unit names", arguments: [
        ("docker\\x2dabc.scope", "docker-abc.scope"),
        ("comm\\x0aline", "comm\nline"),
        ("back\\x5cslash", "back\\slash"),
        ("UPPER\\x2D", "UPPER-"),                       // either case, at the very end
        ("short\\x2", "short\\x2"),                     // one digit: kept
        ("sign\\x+f", "sign\\x+f"),                     // no sign, only digits
        ("nothex\\xzz", "nothex\\xzz"),
        ("octal\\040", "octal\\040"),                   // not this escape
    ])
    func hex(_ raw: String, _ text: String) {
        #expect(KernelEscapes.decodeHex(raw.utf8) == Array(text.utf8))
    }

    @Test("a byte that is not UTF-8 comes out as that byte")
    func rawByte() {
        #expect(KernelEscapes.decodeHex("a\\xffb".utf8) == [0x61, 0xFF, 0x62])
        #expect(KernelEscapes.decodeOctal("a\\377b".utf8) == [0x61, 0xFF, 0x62])
    }
}
