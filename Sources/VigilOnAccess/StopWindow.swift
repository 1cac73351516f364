import Synchronization
import VigilEvents
import VigilSystem

// Owns: the count of opens let through unscanned while the daemon stops, and the event
// that reports them. Must not: decide an answer (Triage's `stopping` does), or read
// files.

/// A stop takes the marks away at once (from then on the kernel lets opens through
/// unseen, as when no daemon runs; `daemon-stop` says when). What was already waiting
/// on the daemon is allowed without a verdict, so that no opener waits on a daemon that
/// is leaving: opens in the scan queue or mid-scan (the deadline keeper's stop), queued
/// jobs a scan thread picks up after that, and events that still reach the event thread
/// (queued before the flush, or a mark an attacker put back). Those opens got their
/// file unjudged: an attacker who fills the scanners and stops the daemon must leave a
/// trace, so they are counted and reported as one `stop-window` event (a line per open
/// would flood the log at the moment it is stopping).
public final class StopWindow: Sendable {
    /// How many guarded paths the event names, the first ones seen.
    public static let maxExamples = 5

    struct State {
        var began: UInt64?
        /// Opens of regular files in guarded folders, which would have been judged.
        var guarded = 0
        /// Everything else answered while stopping (unguarded, not regular, unreadable).
        var other = 0
        var examples: [String] = []
        /// What the last report covered (a late open after it goes to stderr).
        var reportedGuarded = 0
        var reportedOther = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// The stop began (idempotent).
    func begin(now: UInt64 = monotonicNanos()) {
        state.withLock { if $0.began == nil { $0.began = now } }
    }

    /// An open answered allow while stopping; `guardedPath` when it was a regular file
    /// in a guarded folder.
    func allowed(guardedPath: RawPath?) {
        state.withLock { s in
            guard let p = guardedPath else { s.other += 1; return }
            s.guarded += 1
            if s.examples.count < Self.maxExamples { s.examples.append(p.description) }
        }
    }

    public struct Summary: Sendable, Equatable {
        public var millis: Int
        public var guarded: Int
        public var other: Int
        public var examples: [String]
    }

    /// Everything counted so far (nil before the stop began); marks it reported.
    public func report(now: UInt64 = monotonicNanos()) -> Summary? {
        state.withLock { s in
            guard let began = s.began else { return nil }
            s.reportedGuarded = s.guarded
            s.reportedOther = s.other
            return Summary(millis: Int((now &- began) / 1_000_000), guarded: s.guarded, other: s.other, examples: s.examples)
        }
    }

    /// Opens counted after the last `report` (guarded, other).
    public var unreported: (guarded: Int, other: Int) {
        state.withLock { ($0.guarded - $0.reportedGuarded, $0.other - $0.reportedOther) }
    }

    /// The `stop-window` event: a warning when a guarded file went through unscanned.
    public static func event(_ s: Summary) -> ECSEvent {
        var e = ECSEvent(kind: .event, categories: [.file], types: [.access, .allowed], action: "stop-window",
                         outcome: .success, dataset: "vigil.onaccess")
        e.logLevel = s.guarded > 0 ? "warning" : "info"
        let guarded = s.guarded == 1 ? "1 open of a guarded file that was waiting on it was" : "\(s.guarded) opens of guarded files that were waiting on it were"
        e.message = "vigil: while the daemon stopped (\(s.millis) ms, from the stop to its log's end) \(guarded) allowed without a verdict"
            + (s.other > 0 ? ", and \(s.other) other events at once" : "")
            + (s.examples.isEmpty ? "" : "; first: \(s.examples.joined(separator: ", "))")
        var w = JSONLine()
        w.add("duration_ms", s.millis)
        w.add("allowed_guarded", s.guarded)
        w.add("allowed_other", s.other)
        if !s.examples.isEmpty { w.add("examples", s.examples) }
        e.vigil.add("stop_window", object: w)
        return e
    }
}
