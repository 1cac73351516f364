import Prometheus

// Owns: the metric families Vigil records on its hot paths (events by kind and verdict,
// scan latency per access, answers given without a verdict, cache traffic), their
// names, labels and buckets, registered in swift-prometheus at start-up. Must not: know
// Vigil's own types (the daemon maps its verdicts and reasons to these label enums),
// look up a label set, allocate or format when recording.

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

/// The series recorded on the permission path and by the upload scanner: swift-prometheus
/// Counters and ValueHistograms, registered once when the daemon starts. Every labelled
/// child is resolved here, at start-up, into a fixed table, so recording never looks a
/// label set up, allocates or formats. Measured (bench/metrics/run.sh, release): a
/// counter through an unretained reference is the library's relaxed atomic add, 6-8 ns
/// like the hand-written cells before (20 ns through a plain array of class references:
/// the retain and release); a latency sample is the library ValueHistogram's locked
/// update, 44-68 ns uncontended (its DurationHistogram took 160 ns).
public final class VigilMetrics: Sendable {
    /// Scan latency bounds: 50 µs to 10 s, roughly 1-2.5-5 per decade. A cached or tiny
    /// file answers in tens of microseconds; the default deadline is 2 s.
    public static let latencyBoundsNanos: [UInt64] = [
        50_000, 100_000, 250_000, 500_000,
        1_000_000, 2_500_000, 5_000_000, 10_000_000, 25_000_000, 50_000_000, 100_000_000, 250_000_000, 500_000_000,
        1_000_000_000, 2_000_000_000, 3_000_000_000, 5_000_000_000, 10_000_000_000,
    ]

    /// The registry these series live in; the daemon's scrape adds its sampled families to it.
    public let registry: PrometheusCollectorRegistry
    private static let verdicts = MetricVerdict.allCases.count
    /// The strong references (the registry holds them too); recording goes through the
    /// unretained tables below, valid as long as this object lives.
    private let owned: [Counter]
    private let ownedLatency: [ValueHistogram]
    private let events: [Unmanaged<Counter>]          // kind × verdict
    private let fallbacks: [Unmanaged<Counter>]       // reason × answer
    private let cacheHits: [Unmanaged<Counter>]
    private let cacheMisses: [Unmanaged<Counter>]
    private let cacheEvictions: [Unmanaged<Counter>]
    private let latency: [Unmanaged<ValueHistogram>]
    private let overflows: Unmanaged<Counter>

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        func d(_ name: String, _ help: String) -> MetricNameDescriptor { MetricNameDescriptor(metricName: name, unitName: "", helpText: help) }
        let ev = d("vigil_events_total", "Events judged, by kind (open, exec, upload) and final verdict.")
        let events = MetricAccess.allCases.flatMap { k in
            MetricVerdict.allCases.map { v in registry.makeCounter(descriptor: ev, labels: [("kind", k.label), ("verdict", v.label)]) }
        }
        let lat = d("vigil_scan_duration_seconds",
                    "Time from reading a permission event to answering it (uploads: from close to verdict), by access.")
        let bounds = VigilMetrics.latencyBoundsNanos.map { Double($0) / 1e9 }
        ownedLatency = MetricAccess.allCases.map { registry.makeValueHistogram(descriptor: lat, labels: [("access", $0.label)], buckets: bounds) }
        let fb = d("vigil_fallback_answers_total",
                   "Events answered by policy without a verdict, by reason; answer=allow is fail-open, answer=deny fail-closed.")
        let fallbacks = FallbackReason.allCases.flatMap { r in
            MetricAnswer.allCases.map { a in registry.makeCounter(descriptor: fb, labels: [("reason", r.label), ("answer", a.label)]) }
        }
        func perCache(_ name: String, _ help: String) -> [Counter] {
            MetricCache.allCases.map { registry.makeCounter(descriptor: d(name, help), labels: [("cache", $0.label)]) }
        }
        let hits = perCache("vigil_cache_hits_total", "Events answered from a remembered verdict, by cache.")
        let misses = perCache("vigil_cache_misses_total", "Events that needed a scan because no verdict was remembered, by cache.")
        let evictions = perCache("vigil_cache_evictions_total", "Remembered verdicts dropped (file written, cache full, rules reloaded), by cache.")
        let overflow = registry.makeCounter(descriptor: d("vigil_kernel_queue_overflows_total",
            "FAN_Q_OVERFLOW events: the kernel's fanotify queue was full and events were lost to notification groups."))
        owned = events + fallbacks + hits + misses + evictions + [overflow]
        func u(_ c: [Counter]) -> [Unmanaged<Counter>] { c.map { Unmanaged.passUnretained($0) } }
        self.events = u(events)
        self.fallbacks = u(fallbacks)
        cacheHits = u(hits)
        cacheMisses = u(misses)
        cacheEvictions = u(evictions)
        overflows = Unmanaged.passUnretained(overflow)
        latency = ownedLatency.map { Unmanaged.passUnretained($0) }
    }

    /// A FAN_Q_OVERFLOW event.
    @inline(__always)
    public func recordKernelQueueOverflow() { overflows._withUnsafeGuaranteedRef { $0.increment() } }

    /// An event answered (or, for uploads, judged) with `verdict`.
    @inline(__always)
    public func recordEvent(_ kind: MetricAccess, _ verdict: MetricVerdict) {
        events[kind.rawValue * VigilMetrics.verdicts + verdict.rawValue]._withUnsafeGuaranteedRef { $0.increment() }
    }

    /// Time from reading the event to answering it (uploads: from close to verdict).
    @inline(__always)
    public func recordScan(_ kind: MetricAccess, nanos: UInt64) {
        latency[kind.rawValue]._withUnsafeGuaranteedRef { $0.record(Double(nanos) / 1e9) }
    }

    /// An event answered by policy without a verdict.
    @inline(__always)
    public func recordFallback(_ reason: FallbackReason, _ answer: MetricAnswer) {
        fallbacks[reason.rawValue * 2 + answer.rawValue]._withUnsafeGuaranteedRef { $0.increment() }
    }

    @inline(__always) public func recordCacheHit(_ c: MetricCache) { cacheHits[c.rawValue]._withUnsafeGuaranteedRef { $0.increment() } }
    @inline(__always) public func recordCacheMiss(_ c: MetricCache) { cacheMisses[c.rawValue]._withUnsafeGuaranteedRef { $0.increment() } }
    @inline(__always) public func recordCacheEviction(_ c: MetricCache) { cacheEvictions[c.rawValue]._withUnsafeGuaranteedRef { $0.increment() } }
}
