import CLinux
import Glibc
import VigilConfig
import VigilEngine
import VigilEvents
import VigilSystem

/// The fanotify permission path, put together. One event's way through it:
///
///     EventLoop ─ facts (EventFacts) ─ Triage ─┬─ answered at once
///                                              └─ ScanPool (FairQueue, DeadlineKeeper)
///                                                   └─ PermissionJudge: scan, Decision, answer
///
/// Around it: the background rescans, the upload folders (UploadInbox, UploadJudge,
/// UploadWatcher), the mount watcher and the marks (GuardMarks).
///
/// Owns: the fanotify group and the order its parts start and stop in. Must not: parse
/// config, print, or do any stage's work itself.
public final class OnAccessService: Service {
    public let config: DaemonConfig
    public let stats: OnAccessStats
    let ctx: PathContext
    let group: FanotifyGroup
    let marks: GuardMarks
    private let pool: ScanPool
    let mounts: MountWatcher
    let unguarded: UnguardedFolders
    /// Answering first (background rescans, scan pool, deadline keeper, then the event
    /// loop), then guarding (upload and mount watchers, the marks): each may rely on what
    /// started before it, and stops before it, except the event loop, which stops last
    /// of all (see `retire`).
    private let scanning: [any Service]
    private let loop: EventLoop
    private let guarding: [any Service]
    private let startedScanning = ServiceStack()
    private let startedGuarding = ServiceStack()
    private let signaturePaths: [String]

    /// `group` is the seam for tests without root: a descriptor that speaks fanotify's
    /// wire format (`FanotifyGroup(adopting:)`), used with `startAnswering()`. By default
    /// a real permission group. `threadSetup` runs first on every thread that scans: the
    /// daemon passes its containment (self-protection's Landlock domain), which this
    /// module does not know.
    /// `signaturePaths`: where `signatures` came from; workloads with rules of their own
    /// load the host's paths plus theirs (WorkloadTable.ruleSets).
    /// `scanWorker`: the vigil binary that runs `vigil scan-worker` (the daemon passes its
    /// own); nil scans in this process's threads whatever `[scanning] sandbox` says (a
    /// library user, the module's tests: their binary has no such command).
    public init(config: DaemonConfig, signatures: Signatures, log: EventLog, group: FanotifyGroup? = nil,
                signaturePaths: [String] = [], threadSetup: @escaping @Sendable () -> Void = {}, scanWorker: String? = nil) throws(VigilError) {
        self.config = config
        let stats = OnAccessStats(workloads: config.workloads.rules.map(\.name))
        self.stats = stats
        var uploads: [Upload] = []
        for (i, rule) in config.uploads.enumerated() { uploads.append(try Upload(rule: rule, index: i)) }
        let guards = GuardMap(folders: config.guardPaths.map { ($0, nil) } + config.uploads.enumerated().map { ($0.element.folder, $0.offset) })
        if let group { self.group = group } else {
            let flags: Fanotify.InitFlags = [.classContent, .cloexec, .unlimitedQueue, .unlimitedMarks]
            // With [[workload]]s, each event carries its opener's pidfd (Linux 5.15+), so
            // the opener's cgroup is read from that very process (Workloads.swift);
            // without, by pid.
            if !config.workloads.isEmpty, let g = try? FanotifyGroup(flags: flags.union(.reportPidfd)) {
                self.group = g
            } else {
                self.group = try FanotifyGroup(flags: flags)
            }
        }
        let group = self.group
        let mode: VerdictCache.Mode = config.cacheMode == "strict" ? .strict : config.cacheMode == "off" ? .off : .kernel
        let plan = config.workloads.ruleSets(hostPaths: signaturePaths)
        let workloadSets = try OnAccessService.loadWorkloadSets(plan, config: config)
        let cache = VerdictCache(group: group, mode: mode, ownFolders: GuardMarks.ownFolders(config), stats: stats, sets: plan.paths.count)
        let workloads = config.workloads.isEmpty ? nil : WorkloadResolver(table: config.workloads, stats: stats.workloads)
        let ctx = PathContext(config: config, stats: stats, log: OnAccessLog(events: log, stats: stats, mode: config.mode, workloads: workloads),
                              cache: cache, rules: RulesInUse(signatures, workloadSets: workloadSets), uploads: uploads, workloads: workloads,
                              ruleSetOf: plan.setOf, threadSetup: threadSetup, scanWorker: config.sandbox ? scanWorker : nil)
        self.signaturePaths = signaturePaths
        self.ctx = ctx

        let threads = config.threads > 0 ? config.threads : max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        let uploadJudge = UploadJudge(ctx: ctx)
        let background = BackgroundScanner(ctx: ctx, uploads: uploadJudge)
        let writeUps = FindingWriteUps(ctx: ctx)
        let permissions = PermissionJudge(ctx: ctx, background: background, writeUps: writeUps)
        let stopWindow = ctx.stats.stopWindow
        // The keeper answers what the scans could not in time: real time unless the
        // admin said never (it sleeps while nothing waits on a scan).
        let deadlines = DeadlineKeeper(realtime: config.realtime != .never, onStopAllowed: { stopWindow.allowed(guardedPath: $0.path) }) {
            permissions.deadlinePassed($0)
        }
        pool = ScanPool(ctx: ctx, threads: threads, permissions: permissions, uploads: uploadJudge, deadlines: deadlines)
        var events: Fanotify.Events = []
        if config.guardOpen { events.insert(.openPerm) }
        if config.guardExec { events.insert(.openExecPerm) }
        // Close-write: uploads are judged then, and any writer's close (mapping and AIO
        // writes included) makes the next open and exec of the file scanned again.
        if mode != .off || !config.uploads.isEmpty { events.insert(.closeWrite) }
        let marks = GuardMarks(group: group, guards: guards, cache: cache, log: ctx.log,
                               paths: config.guardPaths + config.uploads.map(\.folder), events: events)
        self.marks = marks
        // Folders outside the guards on a guarded filesystem: ignored after their first
        // open where that is safe (UnguardedFolders).
        let unguarded = try UnguardedFolders(group: group, guards: guards, log: ctx.log, stats: stats,
                                             enabled: config.ignoreUnguardedFolders && mode != .off, keepAsking: { marks.audited.probes })
        cache.beforeFlush { unguarded.flushing() }
        self.unguarded = unguarded
        let inbox = UploadInbox(ctx: ctx, pool: pool)
        let loop = try EventLoop(ctx: ctx, group: group, gatherer: FactGatherer(ctx: ctx, guards: guards, policy: AccessPolicy(config: config)),
                                 pool: pool, uploads: inbox, unguarded: unguarded.enabled ? unguarded : nil)
        // Stopped in reverse: the pool before the write-ups it feeds, the background last.
        scanning = [background, writeUps, pool, deadlines]
            + (config.realtime == .burst ? [try PriorityGovernor(group: group, threads: ctx.answering, stats: stats, log: ctx.log)] : [])
        self.loop = loop

        let mounts = try MountWatcher(guards: guards, onMount: { marks.guardNewMount($0, pid: $1, namespace: $2) },
                                      onAnonymousExec: { background.anonymousExec(pid: $0, exe: $1) },
                                      onExposure: { unguarded.exposure($0) })
        self.mounts = mounts
        guarding = (uploads.isEmpty ? [] : [try UploadWatcher(ctx: ctx, inbox: inbox)]) + [unguarded, mounts, marks]
    }

    // MARK: start and stop

    /// Starts answering, then guarding: the marks go last, because from the moment they
    /// exist opens wait for us, so whatever answers them must already run.
    public func start() throws(VigilError) {
        guard !marks.events.intersection([.openPerm, .openExecPerm]).isEmpty else {
            throw VigilError("guard.open and guard.exec are both false: nothing to guard")
        }
        try startAnswering()
        for s in guarding { try startedGuarding.start(s) }
    }

    /// Starts every part that answers, and no marks: what `start` does first, and the
    /// whole of a test's permission path fed by a descriptor of its own.
    public func startAnswering() throws(VigilError) {
        for s in scanning { try startedScanning.start(s) }
        try loop.start()
    }

    /// The first half of the stop, for a caller with file work still to do (the daemon:
    /// its run record, its pid file, the services after this one): the marks go for good
    /// (nothing of ours adds one again, the self-audit's repair included), the watchers
    /// and scanning stop with everything pending answered, and the event thread stays,
    /// answering every event at once (allow, Triage's `stopping`) until `stop`.
    ///
    /// Why the event thread stays: the kernel answers a queued permission event only when
    /// someone writes a response or the group's last fd closes, never when a mark goes.
    /// Whatever reaches the group after this (an event queued before the flush, a mark
    /// put back through a copy of the group's fd, as a hostile root can take with
    /// pidfd_getfd) is answered, so no open, ours included, waits on a thread that left.
    /// Idempotent.
    public func retire() {
        ctx.stats.stopWindow.begin()
        guard !ctx.stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        startedGuarding.stopAll()
        startedScanning.stopAll()
        ctx.log.flushSummaries(force: true)
    }

    /// `retire`, then the event thread ends: every mark of the group is flushed once more
    /// first (one put back through a copy of its fd), and what is still queued is allowed
    /// by the kernel when the group's fd closes. Idempotent.
    public func stop() {
        retire()
        marks.flushAll()
        loop.stop()
    }

    /// True from `retire` on: the marks are gone on purpose, not blinded.
    public var isRetired: Bool { ctx.isStopping }

    /// Answers opens by `pid` at once, as our own (the watchdog: it must never wait on us).
    public func trust(pid: Int32) { ctx.trustedPid.store(pid, ordering: .releasing) }

    /// An inode mark on `path` (which need not be on a guarded filesystem): opens of it
    /// always reach the event thread, which answers them at once. The watchdog's liveness
    /// probe opens it to prove the event thread answers.
    public func markProbe(path: String) throws(Errno) { try marks.markProbe(path: path) }

    public var markedPaths: [String] { marks.markedPaths }
    public var markKind: String { marks.markKind }
    public var currentSignatures: (Signatures, Int) { ctx.rules.now }
    public var queueDepth: Int { pool.queue.depth }
    /// `[scanning] sandbox`: what runs where (for status), and the worker processes now.
    public var scanSandbox: (text: String, dedicatedUser: Bool, workers: [Int32]) {
        guard let w = ctx.workers else {
            return ("off: libyara, libmagic and libarchive parse scanned files inside the daemon, with its privileges"
                    + (config.sandbox ? " (no scan-worker binary was given)" : " ([scanning] sandbox = false)"), true, [])
        }
        return (w.statusLine, w.dedicatedUser, w.live.withLock { $0.keys.sorted() })
    }
    public var queueCapacity: Int { pool.queue.capacity }

    // MARK: reload

    /// Compiles new signatures (off the event path) and swaps them in; on any error the
    /// running signatures stay. Verdicts made with the old rules are forgotten.
    /// The rule sets of workloads with rules of their own (set 1 on; set 0 is the host's).
    static func loadWorkloadSets(_ plan: WorkloadTable.RuleSetPlan, config: DaemonConfig) throws(VigilError) -> [Signatures] {
        var sets: [Signatures] = []
        for paths in plan.paths.dropFirst() {
            do {
                let s = try Signatures.load(paths, allowlistFiles: [config.allowlistFile], allowGlobalRules: config.allowGlobalRules,
                                       keepSavedRules: config.sandbox)
                if config.prefilter { s.preparePrefilter() }
                sets.append(s)
            } catch {
                throw VigilError("cannot load the rules of a [[workload]] (\(paths.joined(separator: ", "))): \(error)")
            }
        }
        return sets
    }

    public func reload(paths: [String]) -> Result<Signatures, SignatureError> {
        let loaded: Signatures
        var workloadSets: [Signatures] = []
        do {
            loaded = try Signatures.load(paths, allowlistFiles: [config.allowlistFile], allowGlobalRules: config.allowGlobalRules,
                                       keepSavedRules: config.sandbox)
            // Workload sets are the host's paths plus theirs: reloaded together, all or none.
            for extra in config.workloads.ruleSets(hostPaths: paths).paths.dropFirst() {
                workloadSets.append(try Signatures.load(extra, allowlistFiles: [config.allowlistFile], allowGlobalRules: config.allowGlobalRules,
                                       keepSavedRules: config.sandbox))
            }
        } catch {
            stats.bump(stats.reloadFailures)
            let (running, _) = ctx.rules.now
            let l = ECSEvent.rulesReload(outcome: .failure, version: nil, rules: running.ruleCount, previousVersion: running.version.label,
                                         error: "\(error)").render()
            ctx.log.emit(EventLog.Record(key: "reload-failed|\(error)", line: l))
            return .failure(error)
        }
        _ = vigil_malloc_trim() // the load's transient buffers, before the old set is let go
        // Built here, off the event path: the first scan with the new rules must not wait for it.
        if ctx.config.prefilter { loaded.preparePrefilter() }
        let previous = ctx.rules.now.0.version.label
        if config.prefilter { for s in workloadSets { s.preparePrefilter() } }
        ctx.cache.flush { generation in ctx.rules.swap(all: [loaded] + workloadSets, generation: generation) }
        marks.remarkProbes()
        stats.bump(stats.reloads)
        var reloaded = ECSEvent.rulesReload(outcome: .success, version: loaded.version.label, rules: loaded.ruleCount, previousVersion: previous)
        reloaded.message = "reloaded: \(loaded.ruleCount) rules, \(loaded.hashes.entryCount) hash entries"
        reloaded.vigil.add("hash_entries", loaded.hashes.entryCount)
        ctx.log.emit(EventLog.Record(key: "reload|\(monotonicNanos())", line: reloaded.render()))
        logLoadReport(loaded, action: "reload")
        return .success(loaded)
    }
}
