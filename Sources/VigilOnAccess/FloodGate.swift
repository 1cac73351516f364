import Synchronization

/// Rate limit for lines that must be written but can come in floods (every allow that
/// skipped a scan): per reason, the first `burst` in each window are logged one by one
/// with path and process; the rest are counted and summarised once the window ends,
/// with a few example paths. Nothing is dropped silently.
///
/// Owns: the counts. Must not: write (the caller turns decisions into log records).
final class FloodGate: Sendable {
    struct Summary: Sendable, Equatable {
        let reason: String
        let suppressed: Int
        let examples: [String]
    }

    private struct Bucket {
        var windowStart: UInt64
        var logged = 0
        var suppressed = 0
        var examples: [String] = []
    }

    private let burst: Int
    private let window: UInt64
    private let buckets = Mutex<[String: Bucket]>([:])

    init(burst: Int = 50, windowNanos: UInt64 = 1_000_000_000) {
        self.burst = burst
        self.window = windowNanos
    }

    /// True: log this one individually. False: it was counted for the summary.
    /// `closed` returns the summaries of windows that ended (write them first).
    func admit(_ reason: String, example: @autoclosure () -> String, now: UInt64) -> (log: Bool, closed: [Summary]) {
        buckets.withLock { b in
            var closed: [Summary] = []
            for (key, bucket) in b where now - bucket.windowStart >= window {
                if bucket.suppressed > 0 { closed.append(Summary(reason: key, suppressed: bucket.suppressed, examples: bucket.examples)) }
                b[key] = nil
            }
            var bucket = b[reason] ?? Bucket(windowStart: now)
            defer { b[reason] = bucket }
            if bucket.logged < burst {
                bucket.logged += 1
                return (true, closed)
            }
            bucket.suppressed += 1
            if bucket.examples.count < 5 { bucket.examples.append(example()) }
            return (false, closed)
        }
    }

    /// Summaries of every window with suppressed lines (on a timer and at shutdown).
    func drain(now: UInt64, force: Bool = false) -> [Summary] {
        buckets.withLock { b in
            var closed: [Summary] = []
            for (key, bucket) in b where force || now - bucket.windowStart >= window {
                if bucket.suppressed > 0 { closed.append(Summary(reason: key, suppressed: bucket.suppressed, examples: bucket.examples)) }
                b[key] = nil
            }
            return closed
        }
    }
}
