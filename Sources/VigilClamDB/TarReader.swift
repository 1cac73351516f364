/// The members of a POSIX (ustar/GNU) tar archive in memory: regular files only, each
/// header's checksum checked. ClamAV's containers are plain tars of flat file names.
///
/// Owns: tar framing. Must not: know what the members mean.
public enum TarReader {
    public struct Member: Sendable {
        public let name: String
        public let bytes: ArraySlice<UInt8>
    }

    public struct TarError: Error, CustomStringConvertible, Sendable, Equatable {
        public let message: String
        public var description: String { message }
    }

    public static func members(_ data: [UInt8]) throws(TarError) -> [Member] {
        var out: [Member] = []
        var offset = 0
        var longName: String?
        while offset + 512 <= data.count {
            let header = data[offset..<(offset + 512)]
            if header.allSatisfy({ $0 == 0 }) { return out } // end-of-archive block
            guard checksumMatches(header) else { throw TarError(message: "tar header at offset \(offset): bad checksum (corrupt or not a tar)") }
            guard let size = octal(header, at: 124, length: 12) else { throw TarError(message: "tar header at offset \(offset): bad size field") }
            let type = header[header.startIndex + 156]
            let dataStart = offset + 512
            guard size <= data.count - dataStart else {
                throw TarError(message: "tar member at offset \(offset) claims \(size) bytes; only \(data.count - dataStart) remain (truncated)")
            }
            let body = data[dataStart..<(dataStart + size)]
            switch type {
            case UInt8(ascii: "0"), 0, UInt8(ascii: "7"):
                var name = longName ?? string(header, at: 0, length: 100)
                if longName == nil, string(header, at: 257, length: 6).hasPrefix("ustar") {
                    let prefix = string(header, at: 345, length: 155)
                    if !prefix.isEmpty { name = prefix + "/" + name }
                }
                out.append(Member(name: name, bytes: body))
                longName = nil
            case UInt8(ascii: "L"):
                longName = String(decoding: body.prefix { $0 != 0 }, as: UTF8.self)
            default:
                longName = nil // directories, links, pax headers: nothing to read
            }
            offset = dataStart + (size + 511) / 512 * 512
        }
        // No end blocks: ClamAV's own writer always adds them; a tar that stops at a
        // member boundary is accepted, one that stops inside a header is not.
        if offset != data.count && offset < data.count { throw TarError(message: "tar ends inside a header (truncated)") }
        return out
    }

    static func checksumMatches(_ h: ArraySlice<UInt8>) -> Bool {
        guard let stored = octal(h, at: 148, length: 8) else { return false }
        var sum = 0
        for (i, b) in h.enumerated() { sum += (148..<156).contains(i) ? 32 : Int(b) }
        return sum == stored
    }

    static func octal(_ h: ArraySlice<UInt8>, at: Int, length: Int) -> Int? {
        let field = h[(h.startIndex + at)..<(h.startIndex + at + length)]
        if let first = field.first, first & 0x80 != 0 {
            // GNU base-256 for big sizes.
            var v = Int(first & 0x7F)
            for b in field.dropFirst() { guard v < (Int.max >> 8) else { return nil }; v = v << 8 | Int(b) }
            return v
        }
        var v = 0
        var digits = 0
        for b in field {
            if b == 0 || b == 0x20 { if digits > 0 { break } else { continue } }
            guard (48...55).contains(b) else { return nil }
            v = v * 8 + Int(b - 48)
            digits += 1
        }
        return digits > 0 ? v : nil
    }

    static func string(_ h: ArraySlice<UInt8>, at: Int, length: Int) -> String {
        let field = h[(h.startIndex + at)..<(h.startIndex + at + length)]
        return String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// A tar of `files` (ustar, no directories): for tests and tools that build containers.
    public static func write(_ files: [(name: String, bytes: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        for f in files {
            var h = [UInt8](repeating: 0, count: 512)
            for (i, b) in f.name.utf8.prefix(99).enumerated() { h[i] = b }
            func put(_ s: String, _ at: Int) { for (i, b) in s.utf8.enumerated() { h[at + i] = b } }
            put("0000644\0", 100); put("0000000\0", 108); put("0000000\0", 116)
            let size = String(f.bytes.count, radix: 8)
            put(String(repeating: "0", count: 11 - size.count) + size + "\0", 124)
            put("00000000000\0", 136)
            h[156] = UInt8(ascii: "0")
            put("ustar\0", 257); put("00", 263)
            for i in 148..<156 { h[i] = 32 }
            let sum = String(h.reduce(0) { $0 + Int($1) }, radix: 8)
            put(String(repeating: "0", count: 6 - sum.count) + sum + "\0 ", 148)
            out += h
            out += f.bytes
            out += [UInt8](repeating: 0, count: (512 - f.bytes.count % 512) % 512)
        }
        return out + [UInt8](repeating: 0, count: 1024)
    }
}
