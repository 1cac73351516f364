import VigilEvents
import VigilSystem
import Glibc

/// Which set of signatures is loaded: the version of a signed bundle installed by
/// `vigil rules update` (from the `.vigil-version` file the updater writes into each
/// version folder), or, for rules that came from anywhere else, a fingerprint of their
/// files (`local-` and 12 hex digits of a SHA-256 over paths, sizes and mtimes), so two
/// hosts can still tell whether they run the same set. Shown by `vigil status`,
/// `vigil --version` and on every detection event (`rule.version`).
///
/// Owns: the `.vigil-version` format, both ways. Must not: load rules.
public struct RulesVersion: Sendable, Equatable {
    public static let fileName = ".vigil-version"

    /// `42` for bundle version 42, else `local-<fingerprint>`.
    public var label: String
    public var bundleVersion: UInt64?
    /// Where the bundle was fetched from (URL), or the folders the rules were read from.
    public var source: String
    /// When the set was published (bundle) or last changed (newest file mtime), epoch seconds.
    public var createdAt: Double?
    /// When `vigil rules update` installed it.
    public var installedAt: Double?
    /// The signing key's fingerprint.
    public var key: String?
    /// The folder holding the versioned set (resolved: `…/versions/42`, not `…/current`).
    public var directory: String?

    public init(label: String, bundleVersion: UInt64? = nil, source: String, createdAt: Double? = nil, installedAt: Double? = nil,
                key: String? = nil, directory: String? = nil) {
        self.label = label
        self.bundleVersion = bundleVersion
        self.source = source
        self.createdAt = createdAt
        self.installedAt = installedAt
        self.key = key
        self.directory = directory
    }

    public static let none = RulesVersion(label: "none", source: "")

    public func render() -> String {
        var s = "version \(bundleVersion.map(String.init) ?? label)\n"
        if let createdAt { s += "created \(isoTimestamp(seconds: createdAt))\n" }
        s += "source \(source)\n"
        if let installedAt { s += "installed \(isoTimestamp(seconds: installedAt))\n" }
        if let key { s += "key \(key)\n" }
        return s
    }

    /// Reads `<dir>/.vigil-version`; nil when there is none or it is not ours.
    public static func read(directory dir: String) -> RulesVersion? {
        guard let bytes = readWholeFile(dir + "/" + fileName, limit: 64 << 10) else { return nil }
        var v = RulesVersion(label: "", source: "", directory: dir)
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            guard let space = line.firstIndex(of: " ") else { continue }
            let key = line[..<space], value = String(line[line.index(after: space)...])
            switch key {
            case "version":
                guard let n = UInt64(value) else { return nil }
                v.bundleVersion = n
                v.label = value
            case "created": v.createdAt = parseISOTimestamp(value)
            case "installed": v.installedAt = parseISOTimestamp(value)
            case "source": v.source = value
            case "key": v.key = value
            default: continue
            }
        }
        return v.bundleVersion == nil ? nil : v
    }

    /// The version of a set loaded from `paths` (resolved) made of `files`.
    public static func of(paths: [String], files: [String]) -> RulesVersion {
        for p in paths {
            if let v = read(directory: p) { return v }
        }
        var text = ""
        var newest: Double = 0
        for f in files {
            var st = stat()
            guard stat(f, &st) == 0 else { continue }
            let mtime = Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9
            newest = max(newest, mtime)
            text += "\(f)\t\(st.st_size)\t\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)\n"
        }
        let d = MultiDigest()
        d.start(.sha256)
        Array(text.utf8).withUnsafeBytes { d.update($0) }
        let fingerprint = String(d.finish().sha256!.description.prefix(12))
        return RulesVersion(label: "local-" + fingerprint, source: paths.joined(separator: ", "), createdAt: newest > 0 ? newest : nil)
    }
}

/// `2025-11-26T14:00:00Z` to epoch seconds; nil for anything else (a date that does not
/// exist included).
public func parseISOTimestamp(_ s: String) -> Double? { parseUTCSeconds(s).map(Double.init) }

/// The warning for rules older than `maxDays` (0: never). Pure, for table tests.
public func rulesAgeWarning(_ v: RulesVersion, maxDays: Int, now: Double) -> String? {
    guard maxDays > 0, let created = v.createdAt else { return nil }
    let age = now - created
    guard age > Double(maxDays) * 86400 else { return nil }
    let days = Int(age / 86400)
    return "rules version \(v.label) are \(days) days old (signatures.max_age_days = \(maxDays)): "
        + (v.bundleVersion != nil ? "`vigil rules update` has not installed a newer bundle" : "these local rules have not changed")
}
