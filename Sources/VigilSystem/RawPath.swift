// Owns: paths as bytes and their escaping for display. Must not: resolve or open them.

/// A file path as the kernel sees it: bytes, not text. Linux names may hold newlines
/// and invalid UTF-8; a Swift `String` would silently repair them, so paths stay bytes
/// until they are shown, and are then escaped so one line of output is one file.
public struct RawPath: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }
    public init(_ string: String) { self.bytes = Array(string.utf8) }

    public static func < (a: RawPath, b: RawPath) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }

    public func appending(_ name: some Collection<UInt8>) -> RawPath {
        var b = bytes
        if b.last != UInt8(ascii: "/") { b.append(UInt8(ascii: "/")) }
        b.append(contentsOf: name)
        return RawPath(bytes: b)
    }

    public var lastComponent: ArraySlice<UInt8> {
        var end = bytes.endIndex
        while end > bytes.startIndex + 1 && bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
        let start = bytes[..<end].lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? bytes.startIndex
        return bytes[start..<end]
    }

    /// Lower-cased extension without the dot ("" when there is none); for type checks and YARA.
    public var fileExtension: String {
        let name = lastComponent
        guard let dot = name.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex else { return "" }
        return String(decoding: name[(dot + 1)...], as: UTF8.self).lowercased()
    }

    public var isValidUTF8: Bool { String(validating: bytes, as: UTF8.self) != nil }

    /// Best-effort text for APIs that need a String (YARA externals); never for output.
    public var lossyString: String { String(decoding: bytes, as: UTF8.self) }

    /// Escaped for a single line: `\\`, `\n`, `\t`, `\r`, other controls and every byte
    /// that is not valid UTF-8 become escapes, so distinct paths print distinctly.
    public var description: String { RawPath.escape(bytes) }

    public static func escape(_ bytes: some Collection<UInt8>) -> String {
        let b = Array(bytes)
        var out = ""
        out.reserveCapacity(b.count)
        var i = 0
        func hex(_ v: UInt8) -> String {
            let d = Array("0123456789abcdef")
            return "\\x" + String(d[Int(v >> 4)]) + String(d[Int(v & 15)])
        }
        while i < b.count {
            let c = b[i]
            if c < 0x80 {
                switch c {
                case UInt8(ascii: "\\"): out += "\\\\"
                case 0x0A: out += "\\n"
                case 0x09: out += "\\t"
                case 0x0D: out += "\\r"
                case 0..<0x20, 0x7F: out += hex(c)
                default: out.unicodeScalars.append(Unicode.Scalar(c))
                }
                i += 1
                continue
            }
            let len = (0xC2...0xDF).contains(c) ? 2 : (0xE0...0xEF).contains(c) ? 3 : (0xF0...0xF4).contains(c) ? 4 : 0
            if len > 0, i + len <= b.count, let s = String(validating: b[i..<(i + len)], as: UTF8.self),
               let scalar = s.unicodeScalars.first, !(0x80...0x9F).contains(scalar.value) {
                out += s
                i += len
            } else {
                out += hex(c)
                i += 1
            }
        }
        return out
    }

    public func withCString<R, E: Error>(_ body: (UnsafePointer<CChar>) throws(E) -> R) throws(E) -> R {
        var z = bytes
        z.append(0)
        return try z.withUnsafeBufferPointer { (p) throws(E) -> R in
            try p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: z.count) { (c) throws(E) -> R in try body(c) }
        }
    }
}

extension RawPath {
    package var parentDirectory: String? {
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        return slash == 0 ? "/" : String(decoding: bytes[..<slash], as: UTF8.self)
    }
}
extension RawPath {
    /// The folder part, byte for byte ("." for a bare name, "/" for a name in "/").
    package var parent: RawPath {
        var end = bytes.endIndex
        while end > bytes.startIndex + 1 && bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
        guard let slash = bytes[..<end].lastIndex(of: UInt8(ascii: "/")) else { return RawPath(".") }
        var stop = slash
        while stop > bytes.startIndex && bytes[stop - 1] == UInt8(ascii: "/") { stop -= 1 }
        return stop == bytes.startIndex ? RawPath("/") : RawPath(bytes: Array(bytes[..<stop]))
    }
}

