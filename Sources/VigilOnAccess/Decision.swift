import VigilConfig
import VigilEngine
import VigilSystem

// Owns: the answer to a scanned event, as a pure table. Must not: touch the kernel or the
// cache.

/// What the scan of one file amounts to, for the decision: the strongest finding, and
/// how much of the file the checks could judge.
public struct Judgement: Sendable, Equatable {
    /// The strongest verdict of every finding (allow when none).
    public var verdict: Verdict = .allow
    /// Nothing could be judged at all (the file could not be read).
    public var failed = false
    /// The scan stopped at its deadline: rules were not all evaluated.
    public var timedOut = false
    /// Only the head and tail windows of an oversize file were read.
    public var partial = false
    /// Every check ran over every byte it meant to and no rule was lost to an error.
    public var complete = true

    public init(verdict: Verdict = .allow, failed: Bool = false, timedOut: Bool = false, partial: Bool = false, complete: Bool = true) {
        self.verdict = verdict
        self.failed = failed
        self.timedOut = timedOut
        self.partial = partial
        self.complete = complete
    }
}

/// How the on-access path answers a scanned event. Pure: a table of cases tests it.
///
/// The law: a finding that denies wins over everything else (a hash-list hit denies
/// whatever happened to YARA); a file that could not be fully judged is never remembered
/// as clean; each kind of "could not judge" has its own configured answer.
public enum Decision {
    public enum Action: String, Sendable, Equatable {
        case allow
        case deny
        /// A finding that audit mode (or an audit-only rule) lets through.
        case audit
        /// Nothing could be judged: limits.on_error.
        case error
        /// The scan did not finish by the deadline: limits.on_timeout.
        case timeout
        /// Oversize, judged by its head and tail windows only: limits.on_oversize.
        case oversize
        /// Judged by every rule but one that failed at run time: allowed, reported.
        case scanProblem = "scan-problem"
    }

    public struct Outcome: Sendable, Equatable {
        public var response: Fanotify.Response
        public var action: Action
        /// Remember as clean (kernel ignore mark / version cache).
        public var rememberClean = false
        /// Remember this version as bad (deny cache).
        public var rememberBad = false
        /// Remember as judged-by-windows (no rescan of an unchanged oversize file).
        public var rememberPartial = false
        /// Scan it again in the background without a deadline (the answer had to go first).
        public var rescanLater = false
        /// Write an event line.
        public var log = true
    }

    public struct Policy: Sendable, Equatable {
        public var mode: DaemonConfig.Mode = .enforce
        public var onError: Fanotify.Response = .allow
        public var onTimeout: Fanotify.Response = .allow
        public var onOversize: Fanotify.Response = .allow
        public init() {}
    }

    public static func decide(_ j: Judgement, _ p: Policy) -> Outcome {
        let enforce = p.mode == .enforce
        if j.verdict >= .quarantine {
            return enforce ? Outcome(response: .deny, action: .deny, rememberBad: true)
                           : Outcome(response: .allow, action: .audit)
        }
        if j.verdict == .audit { return Outcome(response: .allow, action: .audit) }
        if j.failed { return Outcome(response: enforce ? p.onError : .allow, action: .error) }
        if j.timedOut { return Outcome(response: enforce ? p.onTimeout : .allow, action: .timeout, rescanLater: true) }
        if j.partial { return Outcome(response: enforce ? p.onOversize : .allow, action: .oversize, rememberPartial: j.complete) }
        if !j.complete { return Outcome(response: .allow, action: .scanProblem) }
        return Outcome(response: .allow, action: .allow, rememberClean: true, log: false)
    }
}
