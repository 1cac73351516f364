import Glibc
import VigilSystem

/// Hash lists: known-bad (or known-noteworthy) files by digest.
///
/// Formats, detected per line:
/// - ClamAV `.hdb`/`.hsb` (`.hdu`/`.hsu`): `HASH:SIZE:NAME[:MINFLEVEL[:MAXFLEVEL]]`;
///   the algorithm follows from the hash length (32 MD5, 40 SHA-1, 64 SHA-256). SIZE is
///   1...4294967294 or `*`, and `*` needs MINFLEVEL >= 73, all as ClamAV 1.x checks them
///   (`md5:0:name` would flag every empty file; ClamAV refuses it, and so do we).
///   FLEVEL fields are read as ClamAV reads them (atoi); Vigil has no engine levels, so
///   they gate nothing.
/// - `sha256sum`/`sha1sum`/`md5sum` output: `HASH  NAME` or `HASH *NAME`.
/// Lines end in LF or CRLF (lists edited on Windows). Blank lines, leading blanks and
/// lines starting with `#` are skipped (ClamAV refuses blank lines; skipping them can flag
/// nothing). A bad line fails the whole list with its file and line, so a typo never
/// silently disables protection.
///
/// Owns: parsing and lookup. Must not: read scanned files.
public final class HashList: Sendable {
    public struct Entry: Sendable, Equatable {
        public let name: String
        public let size: Int64?
        /// `file:line` of the entry.
        public let origin: String
        public let verdict: Verdict
    }

    /// Entries in flat arrays with O(1) lookup (DigestTable.swift).
    private let table: DigestTable
    /// Per algorithm, the sizes that occur, or nil when some entry has no size.
    /// A file whose size is in no set needs no digest at all: most files skip hashing.
    private let sizes: [DigestKindKey: Set<Int64>?]
    public let entryCount: Int
    public let sources: [String]

    enum DigestKindKey: Hashable, Sendable {
        case md5, sha1, sha256
        var kinds: DigestKinds { self == .md5 ? .md5 : self == .sha1 ? .sha1 : .sha256 }
        init?(hexLength: Int) {
            switch hexLength {
            case 32: self = .md5
            case 40: self = .sha1
            case 64: self = .sha256
            default: return nil
            }
        }
    }

    public static let empty = HashList(table: DigestTable(), sizes: [:], sources: [])

    private init(table: DigestTable, sizes: [DigestKindKey: Set<Int64>?], sources: [String]) {
        self.table = table
        self.sizes = sizes
        self.entryCount = table.count
        self.sources = sources
    }

    public static let fileExtensions: Set<String> = ["hdb", "hsb", "hdu", "hsu", "sha256", "sha256sum", "sha1", "sha1sum", "md5", "md5sum"]

    public static func load(files: [String], verdict: Verdict = .deny) throws(HashListError) -> HashList {
        var texts: [(name: String, text: String)] = []
        for file in files {
            do { texts.append((file, try readTextFile(file))) } catch {
                throw HashListError(file: file, line: 0, message: "cannot read: \(error)")
            }
        }
        return try load(texts: texts, verdict: verdict)
    }

    /// Lists already in memory (members of a ClamAV container), each with the name its
    /// entries' origins and errors give.
    public static func load(texts: [(name: String, text: String)], verdict: Verdict = .deny) throws(HashListError) -> HashList {
        var table = DigestTable()
        // Mutated in place: copying a set out of a dictionary per entry is quadratic.
        var sizeSets: [DigestKindKey: Set<Int64>] = [:]
        var unsized: Set<DigestKindKey> = []
        for (file, text) in texts {
            let fileIndex = table.addFile(file, verdict: verdict)
            var lineNo = 0
            for line in lines(of: text) {
                lineNo += 1
                let trimmed = line.drop { $0 == " " || $0 == "\t" }
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                let (kind, digest, size, name) = try parse(trimmed, file: file, line: lineNo)
                table.add(kind, digest, size: size, name: Substring(name), file: fileIndex, line: lineNo)
                if let size { sizeSets[kind, default: []].insert(size) } else { unsized.insert(kind) }
            }
        }
        table.finish()
        var sizes: [DigestKindKey: Set<Int64>?] = [:]
        for (kind, set) in sizeSets { sizes[kind] = .some(set) }
        for kind in unsized { sizes[kind] = .some(nil) }
        return HashList(table: table, sizes: sizes, sources: texts.map(\.name))
    }

    private static func parse(_ line: Substring, file: String, line lineNo: Int) throws(HashListError) -> (DigestKindKey, DigestValue, Int64?, String) {
        let hexEnd = line.firstIndex { !$0.isHexDigit } ?? line.endIndex
        let hex = line[..<hexEnd]
        guard let kind = DigestKindKey(hexLength: hex.count), let digest = DigestValue(hex: hex) else {
            throw HashListError(file: file, line: lineNo, message: "expected an MD5, SHA-1 or SHA-256 hex digest at the start of the line")
        }
        let rest = line[hexEnd...]
        if rest.first == ":" {
            let fields = rest.dropFirst().split(separator: ":", omittingEmptySubsequences: false)
            switch clamavFields(fields.map(String.init)) {
            case .success(let (size, name)): return (kind, digest, size, name)
            case .failure(let why): throw HashListError(file: file, line: lineNo, message: why.message)
            }
        }
        if let first = rest.first, first == " " || first == "\t" {
            var name = rest.drop { $0 == " " || $0 == "\t" }
            if name.hasPrefix("*") { name = name.dropFirst() }
            guard !name.isEmpty else { throw HashListError(file: file, line: lineNo, message: "missing file name after the digest") }
            let base = file.split(separator: "/").last.map(String.init) ?? file
            return (kind, digest, nil, "\(base):\(name)")
        }
        throw HashListError(file: file, line: lineNo, message: "expected ':' (ClamAV HASH:SIZE:NAME) or spaces (sha256sum) after the digest")
    }

    struct FieldError: Error, Equatable { let message: String }

    /// The fields after `HASH:` of a ClamAV hash signature, judged as ClamAV's
    /// `cli_loadhash` judges them: the size (nil for `*`) and the name, or why the line
    /// is refused. Pure, for tests.
    static func clamavFields(_ fields: [String]) -> Result<(Int64?, String), FieldError> {
        guard fields.count >= 2 else { return .failure(FieldError(message: "expected HASH:SIZE:NAME")) }
        guard fields.count <= 4 else {
            return .failure(FieldError(message: "too many ':' fields: expected HASH:SIZE:NAME[:MINFLEVEL[:MAXFLEVEL]]"))
        }
        let sizeField = fields[0], name = fields[1]
        var size: Int64?
        if sizeField == "*" {
            guard fields.count >= 3, atoi(fields[2]) >= 73 else {
                return .failure(FieldError(message: "size '*' needs a minimum FLEVEL of at least 73 (HASH:*:NAME:73), as ClamAV requires"))
            }
        } else {
            // strtol, as ClamAV: an optional '+', decimal digits. 0 would match every empty file.
            let digits = sizeField.hasPrefix("+") ? String(sizeField.dropFirst()) : sizeField
            guard !digits.isEmpty, digits.allSatisfy(isDecimal), let s = Int64(digits), s > 0, s < 0xFFFF_FFFF else {
                return .failure(FieldError(message: "size '\(sizeField)' must be a number from 1 to 4294967294, or '*'"))
            }
            size = s
        }
        guard !name.isEmpty else { return .failure(FieldError(message: "empty signature name")) }
        return .success((size, name))
    }

    private static func isDecimal(_ c: Character) -> Bool { c >= "0" && c <= "9" }

    /// Lines split on LF bytes, a trailing CR dropped. Swift's `Character` splitting
    /// cannot do it: "\r\n" is one grapheme, so a CRLF file would be one line.
    static func lines(of text: String) -> [Substring] {
        var out: [Substring] = []
        var utf8 = Substring(text).utf8[...]
        if utf8.starts(with: [0xEF, 0xBB, 0xBF]) { utf8 = utf8.dropFirst(3) } // a byte-order mark
        while !utf8.isEmpty {
            let end = utf8.firstIndex(of: 0x0A) ?? utf8.endIndex
            var line = utf8[..<end]
            if line.last == 0x0D { line = line.dropLast() }
            out.append(Substring(line))
            utf8 = end == utf8.endIndex ? utf8[end...] : utf8[utf8.index(after: end)...]
        }
        return out
    }

    /// The digests worth computing for a file of this size.
    public func neededDigests(forSize size: Int64) -> DigestKinds {
        var kinds: DigestKinds = []
        for (kind, set) in sizes {
            if let set { if set.contains(size) { kinds.insert(kind.kinds) } } else { kinds.insert(kind.kinds) }
        }
        return kinds
    }

    public func lookup(_ digests: Digests, size: Int64) -> [Entry] {
        var hits: [Entry] = []
        func check(_ key: DigestKindKey, _ value: DigestValue?) {
            guard let value else { return }
            for e in table.lookup(key, value) {
                let entrySize = table.size(of: e)
                guard entrySize == nil || entrySize == size else { continue }
                hits.append(Entry(name: table.name(of: e), size: entrySize, origin: table.origin(of: e), verdict: table.verdict(of: e)))
            }
        }
        check(.md5, digests.md5)
        check(.sha1, digests.sha1)
        check(.sha256, digests.sha256)
        return hits
    }
}

public struct HashListError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let line: Int
    public let message: String
    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

extension HashList {
    /// For a scan worker (WorkerImage.swift).
    func encode(into w: inout ByteWriter) {
        table.encode(into: &w)
        w.u32(UInt32(sources.count))
        for s in sources { w.string(s) }
    }

    static func decode(from r: inout ByteReader) throws(ByteReader.Malformed) -> HashList {
        let table = try DigestTable.decode(from: &r)
        var sources: [String] = []
        for _ in 0..<(try r.count("hash list sources")) { sources.append(try r.string()) }
        // The per-kind size sets, as load(texts:) builds them.
        var sizeSets: [DigestKindKey: Set<Int64>] = [:], unsized: Set<DigestKindKey> = []
        for (kind, t) in [(DigestKindKey.md5, table.md5), (.sha1, table.sha1), (.sha256, table.sha256)] {
            for e in t.entryOf {
                if let size = table.size(of: Int(e)) { sizeSets[kind, default: []].insert(size) } else { unsized.insert(kind) }
            }
        }
        var sizes: [DigestKindKey: Set<Int64>?] = [:]
        for (kind, set) in sizeSets { sizes[kind] = .some(set) }
        for kind in unsized { sizes[kind] = .some(nil) }
        return HashList(table: table, sizes: sizes, sources: sources)
    }
}
