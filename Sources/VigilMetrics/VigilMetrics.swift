import Synchronization

// Owns: the metric families Vigil records on its hot paths (events by kind and verdict,
// scan latency per access, answers given without a verdict, cache traffic), their
// names, labels and buckets. Must not: know Vigil's own types (the daemon maps its
// verdicts and reasons to these label enums), lock, or allocate when recording.

/// What an event was (the `kind` label).
public enum MetricAccess: Int, Sendable, CaseIterable {
    case open, exec, upload
    public var label: String { ["open", "exec", "upload"][rawValue] }
}

/// The verdict the event ended with (the `verdict` label), in the engine's order.
public enum MetricVerdict: Int, Sendable, CaseIterable {
    case allow, audit, quarantine, deny
    public var label: String { ["allow", "audit", "quarantine", "deny"][rawValue] }
}

/// Why an event was answered by policy instead of by a verdict (the `reason` label).
public enum FallbackReason: Int, Sendable, CaseIterable {
    /// The scan outlived its deadline or budget: `limits.on_timeout`.
    case deadline
    /// The scan queue was full: `limits.on_queue_full`.
    case queueFull
    /// Larger than `limits.max_file_size` and not judged from its windows: `limits.on_oversize`.
    case oversize
    /// Unreadable, or the engine failed: `limits.on_error`.
    case error
    public var label: String { ["deadline", "queue_full", "oversize", "error"][rawValue] }
}

/// The answer sent (the `answer` label): `allow` is fail-open, `deny` fail-closed.
public enum MetricAnswer: Int, Sendable, CaseIterable {
    case allow, deny
    public var label: String { rawValue == 0 ? "allow" : "deny" }
}

/// Which verdict cache (the `cache` label).
public enum MetricCache: Int, Sendable, CaseIterable {
    /// Verdicts per file version, in user space (execs, strict mode, known-bad files).
    case version
    /// Clean verdicts held by the kernel as ignore marks (hits never reach user space,
    /// so only marks placed, refused and invalidated are counted).
    case kernel
    public var label: String { rawValue == 0 ? "version" : "kernel" }
}

/// The cells recorded on the permission path and by the upload scanner. One instance
/// per daemon, created before the event loop starts; every record is one or two
/// relaxed atomic adds.
public final class VigilMetrics: MetricsCollector {
    /// Scan latency bounds: 50 µs to 10 s, roughly 1-2.5-5 per decade. A cached or tiny
    /// file answers in tens of microseconds; the default deadline is 2 s.
    public static let latencyBoundsNanos: [UInt64] = [
        50_000, 100_000, 250_000, 500_000,
        1_000_000, 2_500_000, 5_000_000, 10_000_000, 25_000_000, 50_000_000, 100_000_000, 250_000_000, 500_000_000,
        1_000_000_000, 2_000_000_000, 3_000_000_000, 5_000_000_000, 10_000_000_000,
    ]

    private static let kinds = MetricAccess.allCases.count
    private static let verdicts = MetricVerdict.allCases.count
    private let events: InlineArray<12, Atomic<UInt64>> = InlineArray { _ in Atomic(0) }        // kind × verdict
    private let fallbacks: InlineArray<8, Atomic<UInt64>> = InlineArray { _ in Atomic(0) }      // reason × answer
    private let cacheHits: InlineArray<2, Atomic<UInt64>> = InlineArray { _ in Atomic(0) }
    private let cacheMisses: InlineArray<2, Atomic<UInt64>> = InlineArray { _ in Atomic(0) }
    private let cacheEvictions: InlineArray<2, Atomic<UInt64>> = InlineArray { _ in Atomic(0) }
    public let scanLatency: [Histogram]
    public let kernelQueueOverflows = Counter()

    public init() {
        scanLatency = MetricAccess.allCases.map { _ in Histogram(boundsNanos: VigilMetrics.latencyBoundsNanos) }
    }

    /// An event answered (or, for uploads, judged) with `verdict`.
    @inline(__always)
    public func recordEvent(_ kind: MetricAccess, _ verdict: MetricVerdict) {
        events[kind.rawValue * VigilMetrics.verdicts + verdict.rawValue].wrappingAdd(1, ordering: .relaxed)
    }

    /// Time from reading the event to answering it (uploads: from close to verdict).
    @inline(__always)
    public func recordScan(_ kind: MetricAccess, nanos: UInt64) {
        scanLatency[kind.rawValue].record(nanos: nanos)
    }

    /// An event answered by policy without a verdict.
    @inline(__always)
    public func recordFallback(_ reason: FallbackReason, _ answer: MetricAnswer) {
        fallbacks[reason.rawValue * 2 + answer.rawValue].wrappingAdd(1, ordering: .relaxed)
    }

    @inline(__always) public func recordCacheHit(_ c: MetricCache) { cacheHits[c.rawValue].wrappingAdd(1, ordering: .relaxed) }
    @inline(__always) public func recordCacheMiss(_ c: MetricCache) { cacheMisses[c.rawValue].wrappingAdd(1, ordering: .relaxed) }
    @inline(__always) public func recordCacheEviction(_ c: MetricCache) { cacheEvictions[c.rawValue].wrappingAdd(1, ordering: .relaxed) }

    public func eventCount(_ kind: MetricAccess, _ verdict: MetricVerdict) -> UInt64 {
        events[kind.rawValue * VigilMetrics.verdicts + verdict.rawValue].load(ordering: .relaxed)
    }

    public func collect(into w: inout ExpositionWriter) {
        w.family("vigil_events_total", type: .counter, help: "Events judged, by kind (open, exec, upload) and final verdict.")
        for k in MetricAccess.allCases {
            for v in MetricVerdict.allCases {
                w.sample([("kind", k.label), ("verdict", v.label)], events[k.rawValue * VigilMetrics.verdicts + v.rawValue].load(ordering: .relaxed))
            }
        }
        w.family("vigil_scan_duration_seconds", type: .histogram,
                 help: "Time from reading a permission event to answering it (uploads: from close to verdict), by access.")
        for k in MetricAccess.allCases { w.histogram([("access", k.label)], scanLatency[k.rawValue].snapshot()) }
        w.family("vigil_fallback_answers_total", type: .counter,
                 help: "Events answered by policy without a verdict, by reason; answer=allow is fail-open, answer=deny fail-closed.")
        for r in FallbackReason.allCases {
            for a in MetricAnswer.allCases {
                w.sample([("reason", r.label), ("answer", a.label)], fallbacks[r.rawValue * 2 + a.rawValue].load(ordering: .relaxed))
            }
        }
        w.family("vigil_cache_hits_total", type: .counter, help: "Events answered from a remembered verdict, by cache.")
        for c in MetricCache.allCases { w.sample([("cache", c.label)], cacheHits[c.rawValue].load(ordering: .relaxed)) }
        w.family("vigil_cache_misses_total", type: .counter, help: "Events that needed a scan because no verdict was remembered, by cache.")
        for c in MetricCache.allCases { w.sample([("cache", c.label)], cacheMisses[c.rawValue].load(ordering: .relaxed)) }
        w.family("vigil_cache_evictions_total", type: .counter,
                 help: "Remembered verdicts dropped (file written, cache full, rules reloaded), by cache.")
        for c in MetricCache.allCases { w.sample([("cache", c.label)], cacheEvictions[c.rawValue].load(ordering: .relaxed)) }
        w.family("vigil_kernel_queue_overflows_total", type: .counter,
                 help: "FAN_Q_OVERFLOW events: the kernel's fanotify queue was full and events were lost to notification groups.")
        w.sample([], kernelQueueOverflows.value)
    }
}
