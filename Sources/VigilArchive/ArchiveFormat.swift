/// Which archive or compressed-stream format a file's first bytes announce.
///
/// Owns: the cheap magic-byte test that decides whether libarchive is started at all,
/// so scans of non-archives pay a few byte compares and nothing else. Must not: read
/// files or call libarchive.
public enum ArchiveFormat: String, Sendable, CaseIterable {
    case zip, gzip, bzip2, xz, zstd, lz4, sevenZip = "7z", rar, tar, cpio, iso9660

    /// Bytes of head `sniff` looks at: the ISO 9660 volume descriptor sits at 32 KiB.
    public static let headBytes = 32_774

    /// The format whose signature `head` (the file's first bytes) starts with, or nil.
    /// Pure. Signatures are the formats' own magic numbers, each long enough that text
    /// and executables do not collide with them (gzip also needs its deflate method byte,
    /// bzip2 its block or end-of-stream magic).
    public static func sniff(_ head: UnsafeRawBufferPointer) -> ArchiveFormat? {
        func at(_ offset: Int, _ magic: [UInt8]) -> Bool {
            guard head.count >= offset + magic.count else { return false }
            for (i, b) in magic.enumerated() where head[offset + i] != b { return false }
            return true
        }
        if at(0, [0x50, 0x4B, 0x03, 0x04]) || at(0, [0x50, 0x4B, 0x05, 0x06]) || at(0, [0x50, 0x4B, 0x07, 0x08]) { return .zip }
        if at(0, [0x1F, 0x8B, 0x08]) { return .gzip }
        if at(0, [0x42, 0x5A, 0x68]), head.count >= 10, (0x31...0x39).contains(head[3]),
           at(4, [0x31, 0x41, 0x59, 0x26, 0x53, 0x59]) || at(4, [0x17, 0x72, 0x45, 0x38, 0x50, 0x90]) { return .bzip2 }
        if at(0, [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { return .xz }
        if at(0, [0x28, 0xB5, 0x2F, 0xFD]) { return .zstd }
        if at(0, [0x04, 0x22, 0x4D, 0x18]) { return .lz4 }
        if at(0, [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) { return .sevenZip }
        if at(0, [0x52, 0x61, 0x72, 0x21, 0x1A, 0x07]) { return .rar }
        if at(257, Array("ustar".utf8)) { return .tar }
        if at(0, Array("07070".utf8)), head.count >= 6, [0x31, 0x32, 0x37].contains(head[5]) { return .cpio }
        if at(0, [0xC7, 0x71]) || at(0, [0x71, 0xC7]) { return .cpio }
        if at(32_769, Array("CD001".utf8)) { return .iso9660 }
        return nil
    }

    /// A single compressed stream (no members of its own): libarchive reads it through
    /// its "raw" format, and the one member is named after the original file.
    public var isCompressedStream: Bool {
        switch self {
        case .gzip, .bzip2, .xz, .zstd, .lz4: true
        default: false
        }
    }

    /// The name of the one member of a compressed stream: gzip's stored original name
    /// (FNAME) when there is one, else the outer name without its compression suffix
    /// (`notes.txt.gz` -> `notes.txt`, `x.tgz` -> `x.tar`), else `data`. Pure.
    public static func streamMemberName(outerName: String, head: UnsafeRawBufferPointer) -> String {
        if let stored = gzipStoredName(head) { return stored }
        let base = outerName.split(separator: "/").last.map(String.init) ?? outerName
        let suffixes: [(String, String)] = [(".tgz", ".tar"), (".tbz2", ".tar"), (".tbz", ".tar"), (".txz", ".tar"),
                                            (".tzst", ".tar"), (".gz", ""), (".bz2", ""), (".xz", ""), (".zst", ""),
                                            (".lz4", ""), (".z", "")]
        let lower = base.lowercased()
        for (suffix, replacement) in suffixes where lower.hasSuffix(suffix) && lower.count > suffix.count {
            return String(base.dropLast(suffix.count)) + replacement
        }
        return "data"
    }

    /// gzip's FNAME field (RFC 1952 2.3.1): after the 10-byte header and an optional
    /// FEXTRA block, a NUL-terminated Latin-1 name. Only the last path component is kept.
    static func gzipStoredName(_ head: UnsafeRawBufferPointer) -> String? {
        guard head.count > 10, head[0] == 0x1F, head[1] == 0x8B, head[3] & 0x08 != 0 else { return nil }
        var i = 10
        if head[3] & 0x04 != 0 {
            guard head.count >= 12 else { return nil }
            i = 12 + (Int(head[10]) | (Int(head[11]) << 8))
        }
        guard i < head.count else { return nil }
        guard let end = head[i...].firstIndex(of: 0), end > i, end - i <= 4096 else { return nil }
        let name = String(head[i..<end].map { Character(Unicode.Scalar($0)) })
        let last = name.split(separator: "/").last.map(String.init) ?? ""
        return last.isEmpty || last == "." || last == ".." ? nil : last
    }
}

/// Member names come from the archive: any bytes at all. Control characters (a newline
/// would split one output record in two) become `\xNN`; a `!`, the separator of nested
/// names, is kept (it is rare and harmless in a display name). Pure.
public func displayMemberName(_ raw: String) -> String {
    var out = ""
    for scalar in raw.unicodeScalars {
        if scalar.value < 0x20 || scalar.value == 0x7F {
            out += "\\x" + String(scalar.value, radix: 16, uppercase: true).leftPadded(2)
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    return out.isEmpty ? "?" : out
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
