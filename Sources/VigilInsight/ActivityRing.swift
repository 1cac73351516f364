import Dispatch
import Synchronization
import VigilSystem

// Owns: the daemon's memory of recent permission events for `vigil top`: a fixed ring of
// small summaries, appended after each answer. Must not: read /proc, format anything,
// or grow (its size is fixed at start; the oldest summary is overwritten).

/// The dimensions `vigil top` and `vigil report` group by. One list, so a new dimension
/// is one case here and one key function in each table. `workload` is the opener's
/// `[[workload]]` (or "host"); without workloads in the config it has no entries.
public enum InsightDimension: String, Sendable, CaseIterable {
    case process, path, rule, kind, workload
}

/// What an event was, for the `kind` dimension.
public enum ActivityKind: UInt8, Sendable {
    case open, exec
    public var label: String { self == .open ? "open" : "exec" }
}

/// What it was answered, in the order `vigil top` counts them.
public enum ActivityVerdict: UInt8, Sendable {
    case allow, audit, deny
    public var label: String { ["allow", "audit", "deny"][Int(rawValue)] }
}

/// One answered permission event, as `vigil top` needs it: no process details (reading
/// /proc is done at query time, off the permission path).
public struct ActivitySample: Sendable {
    public var monotonicNanos: UInt64
    public var pid: Int32
    public var path: RawPath
    public var kind: ActivityKind
    public var verdict: ActivityVerdict
    /// From reading the event to answering it; nil when answered from a cache.
    public var latencyMicros: UInt32?
    /// The first finding's rule, when there was one.
    public var rule: String?
    /// The opener's workload name ("host" for the default); nil when the config has no
    /// [[workload]]. The name is the config's own string, shared, not copied.
    public var workload: String?
    /// The opener's executable when the permission path had already read it (events it
    /// logs read /proc for the log line anyway); otherwise the ProcessNamer names the pid.
    public var executable: String?

    public init(monotonicNanos: UInt64, pid: Int32, path: RawPath, kind: ActivityKind, verdict: ActivityVerdict,
                latencyMicros: UInt32?, rule: String?, workload: String? = nil, executable: String? = nil) {
        self.monotonicNanos = monotonicNanos
        self.pid = pid
        self.path = path
        self.kind = kind
        self.verdict = verdict
        self.latencyMicros = latencyMicros
        self.rule = rule
        self.workload = workload
        self.executable = executable
    }
}

/// A fixed ring of the most recent samples. `append` is O(1) under a mutex held for one
/// slot assignment (the path's bytes are shared, not copied); `snapshot` copies the
/// ring out under the same mutex, so a `vigil top` reader holds the writers up for one
/// copy of at most `capacity` slots, never for the aggregation.
public final class ActivityRing: Sendable {
    public let capacity: Int
    private struct State {
        var slots: [ActivitySample?]
        var next = 0
        var total: UInt64 = 0
    }
    private let state: Mutex<State>
    /// A reader sleeping in `waitForSamples`: the next append wakes it (one relaxed load
    /// per append otherwise).
    private let sleeper = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)

    /// 65,536 slots by default: about 5 MiB with typical paths, minutes of a busy host.
    public init(capacity: Int = 65_536) {
        self.capacity = max(1, capacity)
        state = Mutex(State(slots: [ActivitySample?](repeating: nil, count: max(1, capacity))))
    }

    @inline(__always)
    public func append(_ sample: ActivitySample) {
        state.withLock { s in
            s.slots[s.next] = sample
            s.next = s.next + 1 == s.slots.count ? 0 : s.next + 1
            s.total &+= 1
        }
        if sleeper.load(ordering: .relaxed), sleeper.exchange(false, ordering: .acquiringAndReleasing) { wake.signal() }
    }

    /// Samples appended so far.
    public var totalAppended: UInt64 { state.withLock { $0.total } }

    /// Sleeps until a sample is appended after the first `seen`, `wakeReader` is called,
    /// or `timeoutNanos` pass; true when there are samples after `seen`. One reader at a
    /// time (the namer's thread), so an idle daemon's reader costs no wake-ups.
    public func waitForSamples(after seen: UInt64, timeoutNanos: UInt64) -> Bool {
        // Announce first, then look: an append that the look missed sees the announcement
        // (both go through the state's mutex) and signals.
        sleeper.store(true, ordering: .releasing)
        if totalAppended != seen {
            sleeper.store(false, ordering: .relaxed)
            return true
        }
        _ = wake.wait(timeout: .now() + .nanoseconds(Int(min(timeoutNanos, UInt64(Int.max)))))
        sleeper.store(false, ordering: .relaxed)
        return totalAppended != seen
    }

    /// Ends a `waitForSamples` now (a stop).
    public func wakeReader() { wake.signal() }

    /// The pids of the samples appended after the first `seen` (a `totalAppended` from
    /// an earlier call), newest first, and the total now. At most `capacity` of them: older
    /// ones were overwritten. Copies pids only, so the writers wait for a few microseconds.
    public func pids(after seen: UInt64) -> (pids: [Int32], totalAppended: UInt64) {
        state.withLock { s in
            let n = s.slots.count
            let fresh = Int(min(s.total &- min(seen, s.total), UInt64(n)))
            var out: [Int32] = []
            out.reserveCapacity(fresh)
            var i = s.next
            for _ in 0..<fresh {
                i = i == 0 ? n - 1 : i - 1
                if let x = s.slots[i] { out.append(x.pid) }
            }
            return (out, s.total)
        }
    }

    /// The samples no older than `sinceNanos` (monotonic), oldest first; how many were
    /// ever appended; and the oldest sample still kept (older than the window: the ring
    /// covers all of it). Walks back from the newest and stops at the window's start.
    public func snapshot(sinceNanos: UInt64) -> (samples: [ActivitySample], totalAppended: UInt64, oldestKept: UInt64?) {
        state.withLock { s in
            var out: [ActivitySample] = []
            let n = s.slots.count
            var oldest: UInt64?
            var i = s.next
            for _ in 0..<n {
                i = i == 0 ? n - 1 : i - 1
                guard let x = s.slots[i] else { break }
                oldest = x.monotonicNanos
                if x.monotonicNanos < sinceNanos { break }
                out.append(x)
            }
            out.reverse()
            return (out, s.total, oldest)
        }
    }
}
