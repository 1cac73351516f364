import Synchronization

/// Counters for `vigil status` and the metrics endpoint. Relaxed atomics: each is
/// independent and read for display only.
public final class OnAccessStats: Sendable {
    public let events = Atomic<Int>(0)
    /// Answered on the event thread without a scan (own pid, unguarded, excluded, not regular).
    public let answeredAtOnce = Atomic<Int>(0)
    public let scanned = Atomic<Int>(0)
    public let denied = Atomic<Int>(0)
    public let audited = Atomic<Int>(0)
    public let timeouts = Atomic<Int>(0)
    public let oversize = Atomic<Int>(0)
    public let queueFull = Atomic<Int>(0)
    public let overflows = Atomic<Int>(0)
    public let cacheMarks = Atomic<Int>(0)
    public let cacheFull = Atomic<Int>(0)
    public let errors = Atomic<Int>(0)
    public let reloads = Atomic<Int>(0)
    public let uploads = Atomic<Int>(0)
    public let quarantined = Atomic<Int>(0)
    public let reloadFailures = Atomic<Int>(0)

    public init() {}

    func bump(_ counter: borrowing Atomic<Int>) { counter.add(1, ordering: .relaxed) }

    public func json() -> JSONLine {
        var o = JSONLine()
        o.add("events", events.load(ordering: .relaxed))
        o.add("answered_at_once", answeredAtOnce.load(ordering: .relaxed))
        o.add("scanned", scanned.load(ordering: .relaxed))
        o.add("denied", denied.load(ordering: .relaxed))
        o.add("audited", audited.load(ordering: .relaxed))
        o.add("timeouts", timeouts.load(ordering: .relaxed))
        o.add("oversize", oversize.load(ordering: .relaxed))
        o.add("queue_full", queueFull.load(ordering: .relaxed))
        o.add("kernel_queue_overflows", overflows.load(ordering: .relaxed))
        o.add("cache_marks", cacheMarks.load(ordering: .relaxed))
        o.add("cache_full", cacheFull.load(ordering: .relaxed))
        o.add("errors", errors.load(ordering: .relaxed))
        o.add("reloads", reloads.load(ordering: .relaxed))
        o.add("uploads_scanned", uploads.load(ordering: .relaxed))
        o.add("quarantined", quarantined.load(ordering: .relaxed))
        o.add("reload_failures", reloadFailures.load(ordering: .relaxed))
        return o
    }
}
