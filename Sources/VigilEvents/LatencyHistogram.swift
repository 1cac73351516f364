import Synchronization

// Owns: the latency buckets. Must not: time anything itself.

/// Latencies in logarithmic buckets (4 per power of two, about 19 % wide): recording is
/// one short critical section on the scan path, and p50/p99 since start cost a pass over
/// 160 counters when someone asks.
public final class LatencyHistogram: Sendable {
    static let subBuckets = 4
    static let bucketCount = 40 * subBuckets
    private let counts = Mutex<[Int]>(Array(repeating: 0, count: LatencyHistogram.bucketCount))

    public init() {}

    static func bucket(_ micros: Int) -> Int {
        let v = max(1, micros)
        let exp = Int.bitWidth - 1 - v.leadingZeroBitCount          // floor(log2 v)
        let frac = exp >= 2 ? (v >> (exp - 2)) & 3 : (v << (2 - exp)) & 3
        return min(bucketCount - 1, exp * subBuckets + frac)
    }

    /// The upper bound of a bucket, in microseconds.
    static func upperBound(_ bucket: Int) -> Int {
        let exp = bucket / subBuckets, frac = bucket % subBuckets
        return ((4 + frac + 1) << exp) / 4
    }

    public func record(micros: Int) {
        let b = LatencyHistogram.bucket(micros)
        counts.withLock { $0[b] += 1 }
    }

    public var count: Int { counts.withLock { $0.reduce(0, +) } }

    /// The latency below which `q` (0...1) of the recorded events fall; nil when empty.
    public func quantile(_ q: Double) -> Int? {
        let c = counts.withLock { $0 }
        let n = c.reduce(0, +)
        guard n > 0 else { return nil }
        let rank = max(1, Int((Double(n) * q).rounded(.up)))
        var seen = 0
        for i in c.indices {
            seen += c[i]
            if seen >= rank { return LatencyHistogram.upperBound(i) }
        }
        return LatencyHistogram.upperBound(LatencyHistogram.bucketCount - 1)
    }
}

