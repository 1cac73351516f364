import Glibc
import VigilSystem

/// The signed description of a rules bundle: its version and every file with size and
/// SHA-256. The Ed25519 signature in `manifest.sig` covers these exact bytes, so one
/// verification vouches for every file the manifest names, and nothing else is installed.
///
/// ```
/// vigil-rules-bundle 1
/// version 42
/// created 2025-11-26T14:00:00Z
/// file <sha256 hex> <size> <relative/path.yar>
/// ```
/// Lines end in LF; the order is fixed; every field is checked. A bundle on a server is
/// `manifest`, `manifest.sig` and `files/<path>` for each listed file.
///
/// Owns: the manifest text, both ways. Must not: fetch, verify signatures, or touch files.
public struct BundleManifest: Sendable, Equatable {
    public static let magic = "vigil-rules-bundle 1"
    /// A manifest bigger than this is refused before it is parsed (one line per file).
    public static let maxBytes = 1 << 20
    public static let maxFiles = 10_000

    public struct File: Sendable, Equatable {
        public let path: String
        public let size: Int64
        public let sha256: String
        public init(path: String, size: Int64, sha256: String) {
            self.path = path
            self.size = size
            self.sha256 = sha256
        }
    }

    public let version: UInt64
    /// Publication time, seconds since the epoch (UTC, whole seconds).
    public let created: Int64
    public let files: [File]

    public init(version: UInt64, created: Int64, files: [File]) {
        self.version = version
        self.created = created
        self.files = files.sorted { $0.path < $1.path }
    }

    public var totalSize: Int64 { files.reduce(0) { $0 + $1.size } }

    public func render() -> [UInt8] {
        var text = BundleManifest.magic + "\n"
        text += "version \(version)\n"
        text += "created \(BundleManifest.formatTime(created))\n"
        for f in files { text += "file \(f.sha256) \(f.size) \(f.path)\n" }
        return Array(text.utf8)
    }

    public struct ParseError: Error, CustomStringConvertible, Sendable, Equatable {
        public let line: Int
        public let message: String
        public var description: String { line > 0 ? "manifest line \(line): \(message)" : "manifest: \(message)" }
    }

    /// Strict: anything not exactly in the format is refused with its line.
    public static func parse(_ bytes: [UInt8]) throws(ParseError) -> BundleManifest {
        guard bytes.count <= maxBytes else { throw ParseError(line: 0, message: "\(bytes.count) bytes, over the \(maxBytes)-byte limit") }
        guard bytes.last == 0x0A else { throw ParseError(line: 0, message: "does not end with a newline (truncated?)") }
        guard !bytes.contains(0x0D), !bytes.contains(0) else { throw ParseError(line: 0, message: "contains CR or NUL bytes") }
        let lines = bytes.dropLast().split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        guard lines.count >= 4 else { throw ParseError(line: 0, message: "too short: expected a header, version, created and at least one file") }
        guard lines[0] == magic else { throw ParseError(line: 1, message: "expected '\(magic)'") }
        guard lines[1].hasPrefix("version "), let version = decimal(lines[1].dropFirst(8)), version > 0 else {
            throw ParseError(line: 2, message: "expected 'version N' with N a positive decimal number")
        }
        guard lines[2].hasPrefix("created "), let created = parseTime(String(lines[2].dropFirst(8))) else {
            throw ParseError(line: 3, message: "expected 'created YYYY-MM-DDTHH:MM:SSZ'")
        }
        var files: [File] = []
        var seen = Set<String>()
        for (i, line) in lines.dropFirst(3).enumerated() {
            let n = i + 4
            let f = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
            guard f.count == 4, f[0] == "file" else { throw ParseError(line: n, message: "expected 'file SHA256 SIZE PATH'") }
            guard f[1].utf8.count == 64, f[1].utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
                throw ParseError(line: n, message: "SHA-256 must be 64 lower-case hex digits")
            }
            guard let size = decimal(f[2]), size <= UInt64(Int64.max) else { throw ParseError(line: n, message: "size must be a decimal number") }
            let path = String(f[3])
            if let why = pathProblem(path) { throw ParseError(line: n, message: "path '\(path)': \(why)") }
            guard seen.insert(path).inserted else { throw ParseError(line: n, message: "path '\(path)' listed twice") }
            files.append(File(path: path, size: Int64(size), sha256: String(f[1])))
        }
        guard files.count <= maxFiles else { throw ParseError(line: 0, message: "\(files.count) files, over the \(maxFiles)-file limit") }
        let manifest = BundleManifest(version: version, created: created, files: files)
        // Sorted on render: a manifest in another order was not made by `vigil rules sign`.
        guard manifest.files.map(\.path) == files.map(\.path) else { throw ParseError(line: 0, message: "files are not sorted by path") }
        return manifest
    }

    /// Why a bundle path cannot be installed, or nil. Relative, no empty, hidden or `..`
    /// parts (hidden names are Vigil's own in an installed set), a plain character set,
    /// so no path can leave the version folder or mean different things to different tools.
    public static func pathProblem(_ path: String) -> String? {
        guard !path.isEmpty, path.utf8.count <= 255 else { return "empty or longer than 255 bytes" }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 8 else { return "more than 8 levels deep" }
        for part in parts {
            guard let first = part.utf8.first else { return "empty part (leading, trailing or double '/')" }
            if first == UInt8(ascii: ".") { return "parts may not start with '.' (hidden names and '..' are refused)" }
            let ok = part.utf8.allSatisfy { c in
                (48...57).contains(c) || (65...90).contains(c) || (97...122).contains(c) || c == 0x2E || c == 0x5F || c == 0x2D || c == 0x2B
            }
            if !ok { return "only letters, digits and . _ - + are allowed" }
        }
        return nil
    }

    static func decimal(_ s: Substring) -> UInt64? {
        guard !s.isEmpty, s.utf8.count <= 20, s.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        if s.utf8.count > 1 && s.utf8.first == 48 { return nil } // no leading zeros: one spelling per number
        return UInt64(s)
    }

    public static func formatTime(_ t: Int64) -> String {
        var tt = time_t(t)
        var tmv = tm()
        gmtime_r(&tt, &tmv)
        var buf = [CChar](repeating: 0, count: 32)
        strftime(&buf, buf.count, "%Y-%m-%dT%H:%M:%SZ", &tmv)
        return String(cString: buf)
    }

    /// RFC 3339 UTC with whole seconds and a `Z`, nothing else.
    public static func parseTime(_ s: String) -> Int64? { parseUTCSeconds(s) }
}
