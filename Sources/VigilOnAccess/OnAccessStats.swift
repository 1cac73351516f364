import Glibc
import Synchronization
import VigilEvents
import VigilInsight
import VigilMetrics
import VigilSystem

/// Counters for `vigil status`. Relaxed atomics: each is independent and read for
/// display only.
///
/// Owns: the counters, the latency histogram and `vigil top`'s ring of recent answers.
/// Must not: decide anything.
public final class OnAccessStats: Sendable {
    public let events = Atomic<Int>(0)
    /// Answered on the event thread without a scan (own pid, unguarded, excluded, not regular).
    public let answeredAtOnce = Atomic<Int>(0)
    public let scanned = Atomic<Int>(0)
    /// Scanned and answered on the event thread (small files the prefilter clears; counted in `scanned` too).
    public let answeredInline = Atomic<Int>(0)
    public let denied = Atomic<Int>(0)
    public let audited = Atomic<Int>(0)
    public let timeouts = Atomic<Int>(0)
    public let oversize = Atomic<Int>(0)
    public let queueFull = Atomic<Int>(0)
    public let overflows = Atomic<Int>(0)
    public let cacheMarks = Atomic<Int>(0)
    public let cacheFull = Atomic<Int>(0)
    /// Clean verdicts not made kernel marks because someone held the file open for writing.
    public let cacheSkippedWriters = Atomic<Int>(0)
    /// Marks removed again because the file changed while it was being marked.
    public let cacheRaced = Atomic<Int>(0)
    /// Remembered verdicts dropped because a writer closed the file.
    public let cacheInvalidated = Atomic<Int>(0)
    /// Events answered from the version cache (execs, strict mode, known-bad).
    public let cacheVersionHits = Atomic<Int>(0)
    public let errors = Atomic<Int>(0)
    public let reloads = Atomic<Int>(0)
    public let uploads = Atomic<Int>(0)
    public let quarantined = Atomic<Int>(0)
    public let reloadFailures = Atomic<Int>(0)
    /// Answered without a full scan (queue full, oversize unread, engine error...), each logged or summarised.
    public let unscanned = Atomic<Int>(0)
    public let backgroundScans = Atomic<Int>(0)
    public let backgroundDropped = Atomic<Int>(0)
    /// Findings made by a background scan after the opener had been answered.
    public let lateDetections = Atomic<Int>(0)
    /// Sandboxed scan workers (ScanWorkers.swift): started, scans sent, died while
    /// scanning, killed past a deadline, files not handed to another worker after
    /// taking down two.
    public let workerStarts = Atomic<Int>(0)
    public let workerScans = Atomic<Int>(0)
    public let workerCrashes = Atomic<Int>(0)
    public let workerKills = Atomic<Int>(0)
    public let workerRefused = Atomic<Int>(0)
    /// Bursts that switched the answering threads into real time (`realtime = "burst"`).
    public let realtimeBursts = Atomic<Int>(0)
    /// Folders outside the guarded folders that the kernel no longer asks about
    /// (UnguardedFolders): marked now, placed and dropped in all, and refused by reason.
    public let folderIgnores = Atomic<Int>(0)
    public let folderIgnoresPlaced = Atomic<Int>(0)
    public let folderIgnoresDropped = Atomic<Int>(0)
    public let folderIgnoreRefusals = Mutex<[String: Int]>([:])
    /// Opens let through unscanned while the daemon stops (reported as `stop-window`).
    public let stopWindow = StopWindow()
    /// Time from reading a scanned event to answering it.
    public let latency = LatencyHistogram()
    /// The Prometheus cells: events by kind and verdict, latency per access, answers
    /// given by policy, cache traffic. Each record is one or two relaxed atomic adds.
    public let metrics = VigilMetrics()
    /// The same answers by workload (empty without [[workload]]s).
    public let workloads: WorkloadStats
    /// The recent answers `vigil top` ranks: one O(1) append after each answer of a
    /// scanned or cache-answered event (events the event thread lets through at once,
    /// such as excluded or unguarded paths, are not in it).
    public let activity = ActivityRing()
    /// Names the ring's pids soon after their events (its thread is the daemon's), so
    /// `vigil top` can name a process that has exited since.
    public let names: ProcessNamer

    public init(workloads: [String] = []) {
        self.workloads = WorkloadStats(names: workloads)
        names = ProcessNamer(ring: activity)
    }

    func bump(_ counter: borrowing Atomic<Int>) { counter.add(1, ordering: .relaxed) }

    /// An answer on the permission path, for the metrics: its kind and what it said.
    func answered(exec: Bool, _ verdict: MetricVerdict) {
        metrics.recordEvent(exec ? .exec : .open, verdict)
    }

    /// A sample for `vigil top`, after the answer.
    func sampled(pid: Int32, path: RawPath, exec: Bool, _ verdict: ActivityVerdict, latencyMicros: Int?, rule: String?,
                 workload: WorkloadTag? = nil, executable: RawPath? = nil) {
        activity.append(ActivitySample(monotonicNanos: monotonicNanos(), pid: pid, path: path, kind: exec ? .exec : .open, verdict: verdict,
                                       latencyMicros: latencyMicros.map { UInt32(clamping: $0) }, rule: rule,
                                       workload: workloads.label(workload), executable: executable?.description))
    }

    /// An answer given by policy without a verdict (deadline, queue full, oversize, error).
    func fellBack(exec: Bool, _ reason: FallbackReason, _ response: Fanotify.Response, audit: Bool) {
        metrics.recordFallback(reason, response == .deny ? .deny : .allow)
        answered(exec: exec, response == .deny ? .deny : audit ? .audit : .allow)
    }

    /// The userspace verdict cache's hit ratio: version-cache answers over events that
    /// needed a verdict (cache hits plus scans). Clean files cached as kernel ignore marks
    /// never reach us, so their hits cannot be counted; `cache_marks` says how many exist.
    public var cacheHitRatio: Double? {
        let hits = cacheVersionHits.load(ordering: .relaxed)
        let total = hits + scanned.load(ordering: .relaxed)
        return total == 0 ? nil : Double(hits) / Double(total)
    }

    /// The `stats` object of `vigil status --json`. Keys are only ever added.
    public func json() -> JSONLine {
        var o = JSONLine()
        o.add("events", events.load(ordering: .relaxed))
        o.add("answered_at_once", answeredAtOnce.load(ordering: .relaxed))
        o.add("scanned", scanned.load(ordering: .relaxed))
        o.add("answered_inline", answeredInline.load(ordering: .relaxed))
        o.add("realtime_bursts", realtimeBursts.load(ordering: .relaxed))
        o.add("denied", denied.load(ordering: .relaxed))
        o.add("audited", audited.load(ordering: .relaxed))
        o.add("timeouts", timeouts.load(ordering: .relaxed))
        o.add("oversize", oversize.load(ordering: .relaxed))
        o.add("queue_full", queueFull.load(ordering: .relaxed))
        o.add("kernel_queue_overflows", overflows.load(ordering: .relaxed))
        o.add("cache_marks", cacheMarks.load(ordering: .relaxed))
        o.add("cache_full", cacheFull.load(ordering: .relaxed))
        o.add("cache_skipped_writers", cacheSkippedWriters.load(ordering: .relaxed))
        o.add("cache_raced", cacheRaced.load(ordering: .relaxed))
        o.add("cache_invalidated", cacheInvalidated.load(ordering: .relaxed))
        o.add("cache_version_hits", cacheVersionHits.load(ordering: .relaxed))
        o.add("errors", errors.load(ordering: .relaxed))
        o.add("reloads", reloads.load(ordering: .relaxed))
        o.add("uploads_scanned", uploads.load(ordering: .relaxed))
        o.add("quarantined", quarantined.load(ordering: .relaxed))
        o.add("reload_failures", reloadFailures.load(ordering: .relaxed))
        o.add("unscanned", unscanned.load(ordering: .relaxed))
        o.add("background_scans", backgroundScans.load(ordering: .relaxed))
        o.add("background_dropped", backgroundDropped.load(ordering: .relaxed))
        o.add("late_detections", lateDetections.load(ordering: .relaxed))
        o.add("scan_worker_starts", workerStarts.load(ordering: .relaxed))
        o.add("scan_worker_scans", workerScans.load(ordering: .relaxed))
        o.add("scan_worker_crashes", workerCrashes.load(ordering: .relaxed))
        o.add("scan_worker_kills", workerKills.load(ordering: .relaxed))
        o.add("scan_worker_refused", workerRefused.load(ordering: .relaxed))
        o.add("unguarded_folders_ignored", folderIgnores.load(ordering: .relaxed))
        o.add("unguarded_folders_placed", folderIgnoresPlaced.load(ordering: .relaxed))
        o.add("unguarded_folders_dropped", folderIgnoresDropped.load(ordering: .relaxed))
        var refused = JSONLine()
        for (why, n) in folderIgnoreRefusals.withLock({ $0 }).sorted(by: { $0.key < $1.key }) { refused.add(why, n) }
        o.add("unguarded_folders_refused", object: refused)
        return o
    }
}
