/// What Vigil does with each kind of ClamAV database file, by extension. One table, so
/// `vigil rules check`, the loader and the README say the same thing.
///
/// Owns: the extension table. Must not: read files.
public enum ClamKind: Equatable, Sendable {
    /// `HASH:SIZE:NAME` whole-file hashes (MD5, SHA-1, SHA-256): the engine's hash lists.
    case fileHashes
    /// `SIZE:HASH:NAME` hashes of single PE sections (`.mdb` MD5, `.msb` SHA-1/SHA-256).
    case sectionHashes
    /// `HASH:SIZE:NAME` allowlists (false-positive hashes): win over every rule and list.
    case allowlist
    /// `.ndb` extended (body) signatures: translated to YARA rules, or rejected one by one.
    case bodySignatures
    /// `.cvd`, `.cld`, `.cud`: a 512-byte header and a (gzipped) tar of the files above.
    case container
    /// Read and reported, but matching needs something Vigil does not have: every
    /// signature in such a file is counted as skipped with this reason.
    case unsupported(String)
    /// Metadata Vigil uses or needs not (the container's file list, config, ignore lists).
    case metadata(String)

    public static func of(extension ext: String) -> ClamKind? {
        switch ext.lowercased() {
        case "hdb", "hsb", "hdu", "hsu": .fileHashes
        case "fp", "sfp": .allowlist
        case "ndb", "ndu": .bodySignatures
        case "cvd", "cld", "cud": .container
        case "mdb", "msb", "mdu", "msu": .sectionHashes
        case "ldb", "ldu": .unsupported("logical signatures (subsignature expressions, ClamAV bytecode-free logic): not translated")
        case "cdb": .unsupported("container metadata signatures: Vigil does not open archives on access")
        case "cbc": .unsupported("ClamAV bytecode signatures: no bytecode interpreter")
        case "idb": .unsupported("PE icon signatures: no icon matcher")
        case "pdb", "gdb", "wdb": .unsupported("phishing URL signatures: no mail/HTML URL checks")
        case "ftm": .unsupported("file type magic: Vigil types files with libmagic")
        case "crb", "cat": .unsupported("Authenticode certificate rules: no signature checks of PE files")
        case "imp": .unsupported("PE import table hashes: not implemented")
        case "yar", "yara": .unsupported("YARA rules inside a ClamAV container: put them in a rules folder as .yar files")
        case "pwdb": .unsupported("archive passwords: Vigil does not open encrypted archives")
        case "zmd", "rmd": .unsupported("archive metadata signatures: Vigil does not open archives on access")
        case "info": .metadata("container file list (checked: every listed file's size and SHA-256)")
        case "cfg": .metadata("engine configuration (DCONF): no switchable ClamAV engine parts")
        case "ign", "ign2": .metadata("ignored signature names: applied to the hash and body signatures loaded with them")
        default: nil
        }
    }

    /// Every extension the table knows (for the loader's routing).
    public static let extensions: [String] = [
        "hdb", "hsb", "hdu", "hsu", "fp", "sfp", "ndb", "ndu", "cvd", "cld", "cud", "mdb", "msb", "mdu", "msu",
        "ldb", "ldu", "cdb", "cbc", "idb", "pdb", "gdb", "wdb", "ftm", "crb", "cat", "imp", "pwdb", "zmd", "rmd",
        "info", "cfg", "ign", "ign2",
    ]
}

/// What was left out, named and counted: a whole file, or the signatures of one kind in
/// a file. Never silent: `vigil rules check`, the daemon's start-up and reload lines and
/// `vigil status` all print it.
public struct SkipNote: Sendable, Equatable, CustomStringConvertible {
    /// The file, or `container!member`.
    public let origin: String
    /// Signatures (lines) left out; 0 when a whole non-signature file was skipped.
    public let count: Int
    public let reason: String
    public init(origin: String, count: Int, reason: String) {
        self.origin = origin
        self.count = count
        self.reason = reason
    }
    public var description: String {
        count > 0 ? "\(origin): \(count) signature\(count == 1 ? "" : "s") skipped: \(reason)" : "\(origin): skipped: \(reason)"
    }
}

/// Lines that hold a signature: not blank, not a `#` comment. ClamAV counts the same way.
public func signatureLineCount(_ bytes: [UInt8]) -> Int {
    var count = 0
    var lineStart = true
    var content = false
    var comment = false
    for b in bytes {
        if b == 0x0A {
            if content && !comment { count += 1 }
            lineStart = true; content = false; comment = false
            continue
        }
        if lineStart && b == UInt8(ascii: "#") { comment = true }
        if b != 0x20 && b != 0x09 && b != 0x0D { content = true }
        lineStart = false
    }
    if content && !comment { count += 1 }
    return count
}

/// A section hash line (`SIZE:HASH:NAME[:...]`) in the hash-list order (`HASH:SIZE:NAME[:...]`),
/// so one parser judges both. Comments and blank lines pass unchanged.
public func sectionHashLineAsHashLine(_ line: Substring) -> String {
    let trimmed = line.drop { $0 == " " || $0 == "\t" }
    if trimmed.isEmpty || trimmed.hasPrefix("#") { return String(line) }
    var f = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
    guard f.count >= 2 else { return String(line) }
    f.swapAt(0, 1)
    return f.joined(separator: ":")
}
