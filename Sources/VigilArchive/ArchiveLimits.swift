/// Bounds on the work one archive may cause, and the bookkeeping that enforces them.
///
/// Owns: the limits, their defaults and the pure accounting that says which one an
/// archive reached. Must not: read archives, or decide what a reached limit means for
/// the outer file's verdict (the caller's configuration does that).
public struct ArchiveLimits: Sendable, Equatable {
    /// Archives inside archives: the outer file's members are depth 1; a member at
    /// `maxDepth` that is itself an archive is scanned as bytes but not opened.
    public var maxDepth = 5
    /// Bytes unpacked from one outer file, every level and member together (ClamAV's
    /// MaxScanSize is 400 MB): what bounds decompression bombs of every shape.
    public var maxTotalBytes: Int64 = 512 << 20
    /// Unpacked bytes per byte of the outer file, checked once more than `ratioFloor`
    /// bytes were unpacked (below that a bomb costs nothing worth refusing).
    public var maxRatio: Double = 250
    public var ratioFloor: Int64 = 64 << 20
    /// Members (headers read) per outer file, every level together. Real archives are
    /// big: a stock Debian with a JDK and the Google Cloud SDK has jars of 15,000-33,000
    /// members (ClamAV's 10,000 would cut them short).
    public var maxEntries = 100_000
    /// Bytes of one member that are held and scanned; the rest of a bigger member is
    /// decompressed (counting toward `maxTotalBytes`) but not scanned.
    public var maxEntrySize: Int64 = 64 << 20
    /// Member bytes held in memory at once across nesting levels (a member being read
    /// while its parent archive is still open).
    public var maxBufferedBytes: Int64 = 128 << 20
    /// Wall-clock seconds for one outer file (0: none). A caller's deadline may end it sooner.
    public var maxSeconds: Double = 30

    public init() {}
}

/// Which limit stopped the reading of an archive (or of one member).
public enum ArchiveLimit: String, Sendable, Equatable, CaseIterable {
    case depth
    case totalBytes = "total-bytes"
    case ratio
    case entries
    case entrySize = "entry-size"
    case time

    /// Whether reaching it ends the whole outer file (the others only cut one member).
    public var endsScan: Bool {
        switch self {
        case .totalBytes, .ratio, .entries, .time: true
        case .depth, .entrySize: false
        }
    }
}

/// Running totals for one outer file. Pure: the clock is passed in.
public struct ArchiveBudget: Sendable, Equatable {
    public let limits: ArchiveLimits
    /// Size of the outer file (the denominator of the ratio).
    public let packedSize: Int64
    /// CLOCK_MONOTONIC nanoseconds at which time is up, nil for never.
    public let end: UInt64?
    public private(set) var unpacked: Int64 = 0
    public private(set) var entries = 0

    /// `deadline` (CLOCK_MONOTONIC ns) ends it sooner than `maxSeconds` when earlier.
    public init(limits: ArchiveLimits, packedSize: Int64, start: UInt64, deadline: UInt64? = nil) {
        self.limits = limits
        self.packedSize = max(1, packedSize)
        let own: UInt64? = limits.maxSeconds > 0 ? start &+ UInt64(min(limits.maxSeconds, 1e9) * 1e9) : nil
        switch (own, deadline) {
        case (nil, nil): end = nil
        case (let o?, nil): end = o
        case (nil, let d?): end = d
        case (let o?, let d?): end = min(o, d)
        }
    }

    /// Counts one more member header; `.entries` once over the limit.
    public mutating func addEntry() -> ArchiveLimit? {
        entries += 1
        return entries > limits.maxEntries ? .entries : nil
    }

    /// Counts `n` more unpacked bytes; the first limit they cross, if any.
    public mutating func addBytes(_ n: Int64, now: UInt64) -> ArchiveLimit? {
        unpacked += n
        if unpacked > limits.maxTotalBytes { return .totalBytes }
        if unpacked > limits.ratioFloor, Double(unpacked) / Double(packedSize) > limits.maxRatio { return .ratio }
        return check(now: now)
    }

    /// `.time` once the clock passed the end.
    public func check(now: UInt64) -> ArchiveLimit? {
        if let end, now >= end { return .time }
        return nil
    }

    /// How many bytes of a member at this point may be held: the entry limit, and what
    /// is left of the buffered budget after `held` bytes of enclosing members.
    public func memberCap(held: Int64) -> Int64 {
        max(0, min(limits.maxEntrySize, limits.maxBufferedBytes - held))
    }
}
