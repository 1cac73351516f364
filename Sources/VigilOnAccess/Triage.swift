import VigilConfig
import VigilSystem

// Owns: the answer to an event before any byte is read, as a pure table. Must not: gather
// facts (EventFacts does).

/// What the event thread does with a permission event before any byte is read: answer
/// at once, or hand it to the scan pool. Pure: the loop gathers the facts (cheapest
/// first, stopping at the first that settles it) and this table decides, so the table
/// is tested without a kernel.
public enum Triage {
    /// Why an event was answered without a scan.
    public enum AtOnce: String, Sendable, Equatable {
        case ownProcess = "own-process"       // Vigil's own opens never wait on Vigil
        case stopping                         // shutting down: everything is allowed
        case notRegular = "not-regular"       // directories, devices, FIFOs, sockets
        case unguarded                        // outside every guarded folder
        case excluded                         // guard.exclude_paths
        case trustedProcess = "trusted-process" // exclude_uids / exclude_executables / exclude_cgroups
        case workloadOff = "workload-off"     // the opener's [[workload]] has mode = "off"
        case execOnly = "exec-only"           // a plain open by an exec_only [[workload]]
        case knownBad = "known-bad"           // this file version was denied before
        case knownClean = "known-clean"       // this file version was judged clean (exec cache)
        case oversize                         // over max_file_size with window scanning off
        case queueFull = "queue-full"         // the scan queue is full
    }

    public enum Outcome: Sendable, Equatable {
        case answer(Fanotify.Response, AtOnce)
        case scan
    }

    /// The facts, in the order the loop learns them. A fact the loop did not need to
    /// learn stays at its default.
    public struct Facts: Sendable, Equatable {
        public var ownProcess = false
        public var stopping = false
        public var regular = true
        public var guarded = true
        public var excluded = false
        public var trusted = false
        /// The opener's workload scans nothing (mode = "off").
        public var workloadOff = false
        /// The opener's workload scans executions only, and this is a plain open.
        public var execOnlyOpen = false
        /// Enforce mode and this version is in the deny cache.
        public var knownBad = false
        /// An exec (or a strict-cache open) of a version judged clean, with no writer now.
        public var knownClean = false
        public var oversize = false
        /// limits.oversize_window = 0: oversize files are not read at all.
        public var oversizeUnread = false
        /// The opener's workload's mode (the host's when it has none).
        public var mode: DaemonConfig.Mode = .enforce
        public var onOversize: Fanotify.Response = .allow
        public init() {}
    }

    public static func decide(_ f: Facts) -> Outcome {
        if f.ownProcess { return .answer(.allow, .ownProcess) }
        if f.stopping { return .answer(.allow, .stopping) }
        if !f.regular { return .answer(.allow, .notRegular) }
        if !f.guarded { return .answer(.allow, .unguarded) }
        if f.excluded { return .answer(.allow, .excluded) }
        if f.trusted { return .answer(.allow, .trustedProcess) }
        if f.workloadOff { return .answer(.allow, .workloadOff) }
        if f.execOnlyOpen { return .answer(.allow, .execOnly) }
        if f.knownBad { return .answer(f.mode == .audit ? .allow : .deny, .knownBad) }
        if f.knownClean { return .answer(.allow, .knownClean) }
        if f.oversize && f.oversizeUnread { return .answer(f.mode == .audit ? .allow : f.onOversize, .oversize) }
        return .scan
    }

    /// Whether an answer given without a scan must leave a log line (every allow that
    /// skipped a scan the policy wanted; never the routine ones).
    public static func mustLog(_ reason: AtOnce) -> Bool {
        switch reason {
        case .oversize, .queueFull, .knownBad: true
        case .ownProcess, .stopping, .notRegular, .unguarded, .excluded, .trustedProcess, .knownClean, .workloadOff, .execOnly: false
        }
    }
}
