import Glibc
import VigilSystem

/// Which values a rule folder's external variables get.
///
/// Public rule sets are written for a scanner: Vigil's own rules and most sets expect
/// `extension` without a dot and `filetype` a MIME type; rules written for LOKI and THOR
/// (Neo23x0/signature-base, a large public set) compare `extension` with ".exe" and
/// `filetype` with short names such as "EXE", and read `md5`. A folder chooses LOKI's
/// values with a file named `.vigil-externals` holding the word `loki`; the choice covers
/// that folder and everything below it.
///
/// Owns: the mode of a rule file, and the pure mapping from a file to its external
/// values in each mode. Must not: compile rules or read scanned files.
public enum ExternalsMode: String, Sendable, CaseIterable {
    case vigil
    case loki

    /// The marker file that sets a folder's mode.
    public static let markerName = ".vigil-externals"

    /// Externals every rule set of this mode declares. `filetype` (and LOKI's `md5`) are
    /// declared only when a rule reads them, which the compiler answers: computing them
    /// costs libmagic or a digest per file.
    public var alwaysDeclared: [String] { ["filename", "filepath", "extension", "owner"] }
    public var declaredWhenRead: [String] {
        switch self {
        case .vigil: ["filetype"]
        case .loki: ["filetype", "md5"]
        }
    }

    /// The mode of `file`: the nearest `.vigil-externals` in its folder or a folder above
    /// it, up to and including `root` (the folder given as a rule source). Vigil's when none.
    public static func of(ruleFile file: String, root: String) -> ExternalsMode {
        var dir = file
        let top = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
        while let slash = dir.lastIndex(of: "/") {
            dir = String(dir[..<slash])
            if dir.isEmpty { dir = "/" }
            if let mode = read(marker: (dir == "/" ? "" : dir) + "/" + markerName) { return mode }
            if dir == top || dir == "/" || !dir.hasPrefix(top) { break }
        }
        return .vigil
    }

    private static func read(marker path: String) -> ExternalsMode? {
        guard let f = fopen(path, "re") else { return nil }
        defer { fclose(f) }
        var buffer = [CChar](repeating: 0, count: 64)
        guard fgets(&buffer, 64, f) != nil else { return .vigil }
        let word = String(cString: buffer).trimmingWhitespace().lowercased()
        return ExternalsMode(rawValue: word) ?? .vigil
    }

    /// The externals of one file (or archive member) in this mode. Pure.
    /// - `path`: the full path (for a member, `outer!member` with `name` the member's name).
    public func values(path: String, name: String, mime: String, head: UnsafeRawBufferPointer?, md5: String,
                       owner: String) -> [(String, String)] {
        switch self {
        case .vigil:
            return [("filename", name), ("filepath", path), ("extension", RawPath(name).fileExtension),
                    ("filetype", mime), ("owner", owner)]
        case .loki:
            // LOKI: filepath is the folder, extension os.path.splitext's (".exe"), filetype
            // from its magic table, md5 the file's.
            let slash = path.lastIndex(of: "/")
            let folder = slash.map { String(path[..<$0]) } ?? ""
            return [("filename", name), ("filepath", folder), ("extension", ExternalsMode.dottedExtension(of: name)),
                    ("filetype", head.map(LokiFileType.of) ?? "UNKNOWN"), ("md5", md5), ("owner", owner)]
        }
    }

    /// Python's `os.path.splitext(name)[1].lower()`, as LOKI computes `extension`: the
    /// last dot and what follows, leading dots ignored (".bashrc" -> "", "a.tar.GZ" -> ".gz").
    public static func dottedExtension(of name: String) -> String {
        let base = name.drop { $0 == "." }
        guard let dot = base.lastIndex(of: ".") else { return "" }
        return base[dot...].lowercased()
    }
}

/// LOKI's file types: the first bytes against signature-base's
/// `misc/file-type-signatures.txt` table, in its order (a signature listed twice keeps
/// its first place and its last name, as LOKI's dictionary does). "UNKNOWN" otherwise.
public enum LokiFileType {
    static let table: [([UInt8], String)] = [
        ([0x1F, 0x8B, 0x08], "GZIP"), ([0x25, 0x50, 0x44, 0x46], "PDF"),
        ([0x30, 0x00, 0x00, 0x00, 0x4C, 0x66, 0x4C, 0x65], "EVT"),
        ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00], "Office"), ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x08, 0x00], "JAR"),
        ([0x50, 0x4B, 0x53, 0x70, 0x58], "PKSFX"), ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "7Zip"),
        ([0x46, 0x75, 0x6E, 0x63, 0x74, 0x69, 0x6F, 0x6E], "VBS"), ([0x42, 0x5A, 0x68], "BZip2"),
        ([0x5F, 0x27, 0xA8, 0x89], "JAR"), ([0xFF, 0xD8, 0xFF], "JPEG"), ([0x50, 0x4B, 0x05, 0x06], "PKZIP"),
        ([0x52, 0x61, 0x72, 0x21, 0x1A, 0x07], "RAR"), ([0x57, 0x69, 0x6E, 0x5A, 0x69, 0x70], "WinZIP"),
        ([0x72, 0x65, 0x67, 0x66], "Registry Hive"), ([0x7B, 0x5C, 0x72, 0x74, 0x66, 0x31], "RTF"),
        ([0x75, 0x73, 0x74, 0x61, 0x72], "TAR"), ([0xD4, 0xC3, 0xB2, 0xA1], "WINPCAP"), ([0xA1, 0xB2, 0xC3, 0xD4], "LIBPCAP"),
        ([0xA1, 0xB2, 0xCD, 0x34], "LIBPCAP"), ([0xCA, 0xFE, 0xBA, 0xBE], "Class"),
        ([0xFF, 0x4B, 0x45, 0x59, 0x42, 0x20, 0x20, 0x20], "SYS Keyboard Driver"),
        ([0xFF, 0xFE, 0x3C, 0x00, 0x3F, 0x00, 0x78, 0x00, 0x6D, 0x00, 0x6C], "Windows At Job"),
        ([0x3C, 0x3F, 0x70, 0x68, 0x70], "PHP"), ([0x0D, 0x44, 0x4F, 0x43], "DOC"),
        ([0x23, 0x20, 0x44, 0x69, 0x73, 0x6B, 0x20, 0x44], "VMDK"), ([0x45, 0x6C, 0x66, 0x46, 0x69, 0x6C], "EVTX"),
        ([0x41, 0x45, 0x53], "AESCrypt"), ([0x43, 0x4F, 0x57, 0x44], "VMDK"), ([0x3C, 0x3F, 0x78, 0x6D], "XML"),
        ([0x3C, 0x3F, 0x58, 0x4D], "XML"), ([0x43, 0x57, 0x53], "CWS"), ([0x5A, 0x57, 0x53], "ZWS"), ([0x47, 0x49, 0x46], "GIF"),
        ([0x46, 0x49, 0x4C, 0x45], "NTFS MFT"), ([0x4A, 0x41, 0x52, 0x43, 0x53, 0x00], "JARCS"), ([0x4B, 0x44, 0x4D], "VMDK"),
        ([0x4C, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00], "LNK"), ([0x4D, 0x53, 0x43, 0x46], "CAB"),
        ([0x50, 0x4B, 0x03, 0x04], "ZIP"), ([0xFF, 0xFE, 0x3C, 0x00, 0x25, 0x00, 0x40], "JSP"),
        ([0x5F, 0x43, 0x41, 0x53, 0x45, 0x5F], "Encase File"), ([0x63, 0x6F, 0x6E, 0x65, 0x63, 0x74, 0x69, 0x78], "VHD"),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "OLE"), ([0xFF, 0xFF, 0xFF, 0xFF], "SYS"),
        ([0x23, 0x21, 0x2F], "UNIX SCRIPT"), ([0x4D, 0x44, 0x4D, 0x50], "MDMP"), ([0x46, 0x57, 0x53], "FWS (Flash)"),
        ([0x7F, 0x45], "ELF"), ([0x23, 0x21], "Script"), ([0x60, 0xEA], "ARJ"), ([0x1F, 0x9D], "TARZ"), ([0x1F, 0xA0], "TARZ"),
        ([0x3C, 0x25], "JSP"), ([0x4D, 0x5A], "EXE"), ([0xFF, 0xFE], "Windows Registry File"),
        ([0xE8], "SYS"), ([0xE9], "SYS"), ([0xEB], "SYS"),
    ]

    /// The type of a file whose first bytes are `head`. Pure.
    public static func of(_ head: UnsafeRawBufferPointer) -> String {
        for (magic, name) in table where head.count >= magic.count {
            var hit = true
            for (i, b) in magic.enumerated() where head[i] != b { hit = false; break }
            if hit { return name }
        }
        return "UNKNOWN"
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
