import Synchronization

// Owns: the lock-free metric cells (counter, gauge, histogram) that hot paths record into.
// Must not: allocate, lock or format on `increment`/`set`/`record`; those run on the
// permission path. Formatting happens at scrape time, in Exposition.swift.

/// A monotonically increasing count. One relaxed atomic add per increment: counters are
/// independent of each other and only read for exposition.
public final class Counter: Sendable {
    let cell = Atomic<UInt64>(0)
    public init() {}
    @inline(__always)
    public func increment(by n: UInt64 = 1) { cell.wrappingAdd(n, ordering: .relaxed) }
    public var value: UInt64 { cell.load(ordering: .relaxed) }
}

/// A value that goes up and down (queue depth, state flags). Integer-valued: every gauge
/// Vigil records on a hot path counts things; fractional gauges are sampled at scrape.
public final class Gauge: Sendable {
    let cell = Atomic<Int64>(0)
    public init() {}
    @inline(__always)
    public func set(_ v: Int64) { cell.store(v, ordering: .relaxed) }
    @inline(__always)
    public func add(_ d: Int64) { cell.wrappingAdd(d, ordering: .relaxed) }
    public var value: Int64 { cell.load(ordering: .relaxed) }
}

/// A latency histogram with fixed upper bounds in nanoseconds. Recording is a scan over
/// at most `maxBounds` integers plus two relaxed atomic adds: no lock (swift-prometheus's
/// Histogram takes one per sample, which is why Vigil keeps its own cells), no
/// allocation. Buckets are stored non-cumulative and summed at scrape; `_count` is
/// derived from the same bucket reads, so `+Inf == _count` holds in every scrape even
/// while workers record.
public final class Histogram: Sendable {
    public static let maxBounds = 31
    /// Upper bounds (inclusive, as Prometheus's `le`), strictly increasing, in nanoseconds.
    public let boundsNanos: [UInt64]
    private let buckets: InlineArray<32, Atomic<UInt64>> = InlineArray { _ in Atomic(0) }
    private let sum = Atomic<UInt64>(0)

    public init(boundsNanos: [UInt64]) {
        precondition(!boundsNanos.isEmpty && boundsNanos.count <= Histogram.maxBounds, "1 to \(Histogram.maxBounds) bounds")
        precondition(zip(boundsNanos, boundsNanos.dropFirst()).allSatisfy { $0 < $1 }, "bounds must increase")
        self.boundsNanos = boundsNanos
    }

    /// The bucket a value falls in: the first bound it does not exceed, or the overflow
    /// (`+Inf`) bucket at index `boundsNanos.count`.
    @inline(__always)
    public static func bucketIndex(_ nanos: UInt64, bounds: [UInt64]) -> Int {
        var i = 0
        let n = bounds.count
        while i < n && nanos > bounds[i] { i += 1 }
        return i
    }

    @inline(__always)
    public func record(nanos: UInt64) {
        buckets[Histogram.bucketIndex(nanos, bounds: boundsNanos)].wrappingAdd(1, ordering: .relaxed)
        sum.wrappingAdd(nanos, ordering: .relaxed)
    }

    /// One consistent-enough reading: cumulative counts per bound plus `+Inf`, and the sum.
    public struct Snapshot: Sendable, Equatable {
        public let boundsNanos: [UInt64]
        /// Cumulative: `cumulative[i]` values <= bound i; the last entry is `+Inf` (= count).
        public let cumulative: [UInt64]
        public let sumNanos: UInt64
        public var count: UInt64 { cumulative.last ?? 0 }
    }

    public func snapshot() -> Snapshot {
        var running: UInt64 = 0
        var out: [UInt64] = []
        out.reserveCapacity(boundsNanos.count + 1)
        for i in 0...boundsNanos.count {
            running &+= buckets[i].load(ordering: .relaxed)
            out.append(running)
        }
        return Snapshot(boundsNanos: boundsNanos, cumulative: out, sumNanos: sum.load(ordering: .relaxed))
    }
}
