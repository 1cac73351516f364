import VigilSystem

/// Which entries a store's retention removes: first every entry older than `maxAge`,
/// then, oldest first, entries until the bytes the store keeps fit in `maxTotalSize`.
/// Bytes are counted per content (the store keeps one copy per SHA-256), so removing
/// an entry whose bytes another entry shares frees nothing, and the count says so.
/// Pure, for table tests; the store carries the answer out (QuarantineStore.prune).
///
/// Owns: the retention decision. Must not: touch a store.
public struct QuarantineRetention: Sendable, Equatable {
    /// Seconds; 0 keeps entries forever.
    public var maxAgeSeconds: Int64
    /// Bytes; 0 is no limit.
    public var maxTotalSize: Int64

    public init(maxAgeSeconds: Int64, maxTotalSize: Int64) {
        self.maxAgeSeconds = maxAgeSeconds
        self.maxTotalSize = maxTotalSize
    }

    public var isUnlimited: Bool { maxAgeSeconds <= 0 && maxTotalSize <= 0 }

    /// What the decision needs of an entry.
    public struct Candidate: Sendable, Equatable {
        public let id: String
        public let sha256: String
        public let size: Int64
        /// Epoch seconds; nil when the record's time cannot be read (never removed for age,
        /// removed last for size).
        public let quarantinedAt: Double?
        public init(id: String, sha256: String, size: Int64, quarantinedAt: Double?) {
            self.id = id; self.sha256 = sha256; self.size = size; self.quarantinedAt = quarantinedAt
        }
    }

    public enum Reason: String, Sendable, Equatable { case age = "max_age", size = "max_total_size" }

    public struct Removal: Sendable, Equatable {
        public let id: String
        public let reason: Reason
        /// Bytes this removal frees (0 when another kept entry has the same content).
        public let freed: Int64
    }

    /// The removals, oldest first, and the bytes kept after them.
    public func plan(_ entries: [Candidate], now: Double) -> (removals: [Removal], keptBytes: Int64) {
        // Oldest first; an unreadable time sorts last; ties by id for a stable order.
        let ordered = entries.sorted { a, b in
            switch (a.quarantinedAt, b.quarantinedAt) {
            case let (x?, y?): x != y ? x < y : a.id < b.id
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): a.id < b.id
            }
        }
        var holders: [String: Int] = [:]
        var bytes: [String: Int64] = [:]
        for e in ordered {
            holders[e.sha256, default: 0] += 1
            bytes[e.sha256] = max(bytes[e.sha256] ?? 0, e.size)
        }
        var kept = bytes.values.reduce(0, +)
        var removals: [Removal] = []
        func remove(_ e: Candidate, _ reason: Reason) {
            holders[e.sha256]! -= 1
            var freed: Int64 = 0
            if holders[e.sha256] == 0 { freed = bytes[e.sha256] ?? 0; kept -= freed }
            removals.append(Removal(id: e.id, reason: reason, freed: freed))
        }
        var rest: [Candidate] = []
        for e in ordered {
            if maxAgeSeconds > 0, let t = e.quarantinedAt, now - t > Double(maxAgeSeconds) { remove(e, .age) } else { rest.append(e) }
        }
        if maxTotalSize > 0 {
            for e in rest where kept > maxTotalSize { remove(e, .size) }
        }
        return (removals, kept)
    }
}
