import Glibc
import Synchronization
import VigilConfig
import VigilEngine
import VigilSystem

/// What every stage of the permission path reads and none owns alone: the config, the
/// counters, the log, the verdict cache, the rules in use, who "we" are and whether we
/// are stopping. Built once by OnAccessService and handed to each stage.
///
/// Owns: nothing that changes, except the two flags below. Must not: do any stage's work.
final class PathContext: Sendable {
    let config: DaemonConfig
    let stats: OnAccessStats
    let log: OnAccessLog
    let cache: VerdictCache
    let rules: RulesInUse
    let uploads: [Upload]
    let decisionPolicy: Decision.Policy
    /// The opener's workload; nil when no [[workload]] is configured (nothing is read).
    let workloads: WorkloadResolver?
    let deadlineNanos: UInt64
    let budgetNanos: UInt64
    /// Runs first on every thread that scans (the daemon's containment).
    let threadSetup: @Sendable () -> Void
    let ownPid = getpid()
    /// Another process of ours (the watchdog) whose opens are answered at once, like our own.
    let trustedPid = Atomic<Int32>(0)
    let stopping = Atomic<Bool>(false)

    init(config: DaemonConfig, stats: OnAccessStats, log: OnAccessLog, cache: VerdictCache, rules: RulesInUse,
         uploads: [Upload], workloads: WorkloadResolver? = nil, threadSetup: @escaping @Sendable () -> Void) {
        self.config = config
        self.stats = stats
        self.log = log
        self.cache = cache
        self.rules = rules
        self.uploads = uploads
        self.workloads = workloads
        self.threadSetup = threadSetup
        deadlineNanos = UInt64(config.deadlineMilliseconds) * 1_000_000
        budgetNanos = UInt64(config.effectiveScanBudgetMilliseconds) * 1_000_000
        var p = Decision.Policy()
        p.mode = config.mode
        p.onError = config.onError
        p.onTimeout = config.onTimeout
        p.onOversize = config.onOversize
        decisionPolicy = p
    }

    /// The decision policy for an opener of `workload`: the host's, with the workload's
    /// mode. An audit workload's findings are allowed and never remembered (Decision
    /// remembers bad only when enforcing, and a finding is never remembered clean).
    func decisionPolicy(for workload: WorkloadTag?) -> Decision.Policy {
        guard let i = workload?.index, let w = workloads?.table.rules[i] else { return decisionPolicy }
        var p = decisionPolicy
        p.mode = w.mode == .audit ? .audit : .enforce
        return p
    }

    /// `response` in the opener's mode (audit turns a deny into an allow).
    func inMode(_ response: Fanotify.Response, workload: WorkloadTag?) -> Fanotify.Response {
        decisionPolicy(for: workload).mode == .audit ? .allow : response
    }

    /// Our own opens (rules, config, log, quarantine, sealing) and the watchdog's must
    /// never wait on us.
    func isUs(_ pid: Int32) -> Bool { pid == ownPid || pid == trustedPid.load(ordering: .relaxed) }

    var isStopping: Bool { stopping.load(ordering: .relaxed) }

    /// `response`, unless audit mode turns a deny into an allow.
    func inMode(_ response: Fanotify.Response) -> Fanotify.Response { config.mode == .audit ? .allow : response }
}

/// The signatures in use and their generation, swapped whole on reload.
final class RulesInUse: Sendable {
    private let current: Mutex<(signatures: Signatures, generation: Int)>

    init(_ signatures: Signatures) { current = Mutex((signatures, 1)) }

    var now: (Signatures, Int) { current.withLock { ($0.signatures, $0.generation) } }

    func swap(_ signatures: Signatures, generation: Int) { current.withLock { $0 = (signatures, generation) } }
}
