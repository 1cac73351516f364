// Owns: decoding the escapes the kernel (and systemd) put in text they hand us.
// Must not: guess at anything that is not exactly such an escape.

/// The two ways the kernel writes a byte it will not show as itself:
/// - `\ooo`, three octal digits: /proc/*/mountinfo and /proc/mounts fields (space, tab,
///   newline and backslash);
/// - `\xHH`, two hex digits: /dev/kmsg text (control bytes, bytes above 0x7e, and the
///   backslash itself), as systemd also escapes unit names (`\x2d`).
/// Anything else, a backslash not followed by exactly the digits, is kept as it is.
public enum KernelEscapes {
    public static func decodeOctal(_ s: some Collection<UInt8>) -> [UInt8] { decode(Array(s), lead: nil, digits: 3, radix: 8) }

    public static func decodeHex(_ s: some Collection<UInt8>) -> [UInt8] { decode(Array(s), lead: UInt8(ascii: "x"), digits: 2, radix: 16) }

    private static func decode(_ b: [UInt8], lead: UInt8?, digits: Int, radix: UInt8) -> [UInt8] {
        guard b.contains(UInt8(ascii: "\\")) else { return b }
        let skip = lead == nil ? 1 : 2
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "\\"), i + skip + digits <= b.count, lead.map({ b[i + 1] == $0 }) ?? true,
               let v = value(b[(i + skip)..<(i + skip + digits)], radix: radix) {
                out.append(v)
                i += skip + digits
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return out
    }

    /// The digits' value when every one is a digit of `radix` and it fits a byte.
    private static func value(_ d: ArraySlice<UInt8>, radix: UInt8) -> UInt8? {
        var v = 0
        for c in d {
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default: return nil
            }
            guard digit < radix else { return nil }
            v = v * Int(radix) + Int(digit)
        }
        return UInt8(exactly: v)
    }
}
