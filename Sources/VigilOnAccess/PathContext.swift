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
    /// Each workload's rule set (0: the host's).
    let ruleSetOf: [Int]
    let deadlineNanos: UInt64
    let budgetNanos: UInt64
    /// Runs first on every thread that scans (the daemon's containment).
    let threadSetup: @Sendable () -> Void
    /// The sandboxed scan workers (`[scanning] sandbox`); nil: scans run in our threads.
    let workers: ScanWorkers?
    let ownPid = getpid()
    /// Another process of ours (the watchdog) whose opens are answered at once, like our own.
    let trustedPid = Atomic<Int32>(0)
    let stopping = Atomic<Bool>(false)
    /// The threads that answer, switched into real time together (`[daemon] realtime`).
    let answering: AnsweringThreads

    init(config: DaemonConfig, stats: OnAccessStats, log: OnAccessLog, cache: VerdictCache, rules: RulesInUse,
         uploads: [Upload], workloads: WorkloadResolver? = nil, ruleSetOf: [Int] = [], threadSetup: @escaping @Sendable () -> Void,
         scanWorker: String? = nil) {
        self.config = config
        self.stats = stats
        self.log = log
        self.cache = cache
        self.rules = rules
        self.uploads = uploads
        self.workloads = workloads
        self.ruleSetOf = ruleSetOf
        self.threadSetup = threadSetup
        answering = AnsweringThreads(realtime: config.realtime == .always)
        workers = scanWorker.map { ScanWorkers(executable: $0, everyScan: config.sandboxMode == .full) }
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

    /// The rule set an opener of `workload` is judged by.
    func ruleSet(for workload: WorkloadTag?) -> Int {
        guard let i = workload?.index, i < ruleSetOf.count else { return 0 }
        return ruleSetOf[i]
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

/// The signatures in use and their generation, swapped whole on reload: the host's
/// (set 0) and those of workloads with rules of their own (see WorkloadTable.ruleSets).
final class RulesInUse: Sendable {
    private let current: Mutex<(sets: [Signatures], generation: Int)>

    init(_ signatures: Signatures, workloadSets: [Signatures] = []) { current = Mutex(([signatures] + workloadSets, 1)) }

    /// The host's set.
    var now: (Signatures, Int) { current.withLock { ($0.sets[0], $0.generation) } }

    func set(_ i: Int) -> (Signatures, Int) { current.withLock { ($0.sets[min(i, $0.sets.count - 1)], $0.generation) } }

    var count: Int { current.withLock { $0.sets.count } }

    /// Every set (the host's first) and the generation.
    var all: ([Signatures], Int) { current.withLock { ($0.sets, $0.generation) } }

    func swap(_ signatures: Signatures, generation: Int) { current.withLock { $0 = ([signatures] + $0.sets.dropFirst(), generation) } }

    func swap(all sets: [Signatures], generation: Int) { current.withLock { $0 = (sets, generation) } }
}
