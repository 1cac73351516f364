import VigilSystem

// Owns: the daemon's [archives] settings, their defaults and validation. Must not: read
// archives or name engine types (the on-access adapter turns these into the engine's
// archive options).

/// `[archives]`: whether the daemon opens archives (zip, tar, gzip, 7z, ...) and scans
/// their members, and the limits that bound the work one archive may cause.
///
/// Upload folders open archives by default (nobody waits on an upload, and an archive is
/// how malware is uploaded). The permission path does not: an opener waits for the
/// answer, so it is opt-in (`open = true`), and then reads at most `open_max_unpacked`
/// bytes of an archive within the scan budget.
public struct ArchiveSettings: Sendable, Equatable {
    /// Verdict names a reached limit or an encrypted member may be given.
    public static let verdictNames = ["allow", "audit", "quarantine", "deny"]

    public var open = false
    public var uploads = true
    /// Archives inside archives, the outer file's members being depth 1.
    public var maxDepth = 5
    /// Bytes unpacked from one archive, every level together.
    public var maxUnpacked: Int64 = 256 << 20
    /// Unpacked bytes per byte of the archive (checked past 64 MiB unpacked).
    public var maxRatio = 250
    /// Members of one archive, every level together (stock jars hold 33,000).
    public var maxEntries = 100_000
    /// Bytes of one member that are scanned.
    public var maxEntrySize: Int64 = 64 << 20
    /// Wall-clock time for one archive, in milliseconds.
    public var maxTimeMilliseconds = 10_000
    /// On the permission path: bytes unpacked from one archive before the limit answers.
    public var openMaxUnpacked: Int64 = 16 << 20
    /// The verdict of a reached limit on the permission path ("allow": a note only).
    public var onLimit = "audit"
    /// The verdict of a reached limit in an upload folder.
    public var uploadOnLimit = "quarantine"
    /// The verdict of an encrypted member or encrypted headers.
    public var onEncrypted = "allow"

    public init() {}

    static let keys: Set<String> = ["open", "uploads", "max_depth", "max_unpacked", "max_ratio", "max_entries", "max_entry_size",
                                    "max_time_ms", "open_max_unpacked", "on_limit", "upload_on_limit", "on_encrypted"]

    static func read(_ r: TableReader) throws(ConfigError) -> ArchiveSettings {
        var a = ArchiveSettings()
        try r.only(keys)
        if let b = try r.bool("open") { a.open = b }
        if let b = try r.bool("uploads") { a.uploads = b }
        if let n = try r.int("max_depth") {
            guard (1...32).contains(n) else { throw r.bad("max_depth", "must be 1 to 32") }
            a.maxDepth = n
        }
        if let s = try r.size("max_unpacked") {
            guard s >= 1 << 20 && s <= 64 << 30 else { throw r.bad("max_unpacked", "must be 1M to 64G") }
            a.maxUnpacked = s
        }
        if let n = try r.int("max_ratio") {
            guard (2...100_000).contains(n) else { throw r.bad("max_ratio", "must be 2 to 100000") }
            a.maxRatio = n
        }
        if let n = try r.int("max_entries") {
            guard (1...10_000_000).contains(n) else { throw r.bad("max_entries", "must be 1 to 10000000") }
            a.maxEntries = n
        }
        if let s = try r.size("max_entry_size") {
            guard s >= 4 << 10 && s <= 1 << 30 else { throw r.bad("max_entry_size", "must be 4K to 1G (it is held in memory by each scan thread)") }
            a.maxEntrySize = s
        }
        if let n = try r.int("max_time_ms") {
            guard (10...3_600_000).contains(n) else { throw r.bad("max_time_ms", "must be 10 to 3600000") }
            a.maxTimeMilliseconds = n
        }
        if let s = try r.size("open_max_unpacked") {
            guard s >= 64 << 10 && s <= 1 << 30 else { throw r.bad("open_max_unpacked", "must be 64K to 1G (an opener waits while it is read)") }
            a.openMaxUnpacked = s
        }
        for key in ["on_limit", "upload_on_limit", "on_encrypted"] {
            guard let v = try r.string(key) else { continue }
            guard verdictNames.contains(v) else {
                throw r.bad(key, "must be \"allow\" (a note only), \"audit\", \"quarantine\" or \"deny\", not \"\(v)\"")
            }
            switch key {
            case "on_limit": a.onLimit = v
            case "upload_on_limit": a.uploadOnLimit = v
            default: a.onEncrypted = v
            }
        }
        return a
    }

    func render() -> String {
        func q(_ s: String) -> String { TOMLDocument.quote(s) }
        return """
        [archives]
        open = \(open)
        uploads = \(uploads)
        max_depth = \(maxDepth)
        max_unpacked = \(maxUnpacked)
        max_ratio = \(maxRatio)
        max_entries = \(maxEntries)
        max_entry_size = \(maxEntrySize)
        max_time_ms = \(maxTimeMilliseconds)
        open_max_unpacked = \(openMaxUnpacked)
        on_limit = \(q(onLimit))
        upload_on_limit = \(q(uploadOnLimit))
        on_encrypted = \(q(onEncrypted))

        """
    }
}
