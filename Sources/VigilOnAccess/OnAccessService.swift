import CLinux
import Glibc
import Synchronization
import VigilConfig
import VigilEngine
import VigilEvents
import VigilSystem

/// The fanotify permission path, put together: the event loop (EventLoop.swift) reads
/// batches and answers at once what needs no scan; the scan pool (ScanPool.swift)
/// answers the rest by verdict within each event's deadline; upload folders
/// (Uploads.swift) are judged when written; the mount watcher keeps filesystems mounted
/// below a guarded folder guarded.
///
/// Owns: the fanotify group and its marks, the signatures in use, and the parts above.
/// Must not: parse config, print.
public final class OnAccessService: @unchecked Sendable {
    // Immutable after init, or set once by start() before any thread that reads it runs.
    public let config: DaemonConfig
    public let stats = OnAccessStats()
    let policy: AccessPolicy
    let log: EventLog
    let group: FanotifyGroup
    let guards: GuardMap
    let cache: VerdictCache
    let queue: FairQueue<Job>
    let background: BlockingQueue<BackgroundJob>
    let gate = FloodGate()
    let uploads: [Upload]
    /// Upload contents queued, being judged or judged in the last 10 s: a file can arrive
    /// by two events (created, then closed after writing; a chmod in between) and must be
    /// judged once. (A writer who rewrites an upload with the same size and resets its
    /// mtime within that window is not judged on arrival again; opens of it still are.)
    let uploadsSeen = Mutex<[UploadKey: UInt64]>([:])
    let decisionPolicy: Decision.Policy
    var deadlines: DeadlineKeeper!
    var workers: [WorkerThread] = []
    var backgroundThread: WorkerThread?
    var mountWatcher: MountWatcher?
    var uploadWatcher: UploadWatcher?
    /// Answers the kernel. Started before the first mark exists and does no file work of
    /// its own, so no open on a marked filesystem (ours included) ever waits on a thread
    /// that is itself waiting on an open.
    var eventThread: WorkerThread?
    let ownPid = getpid()
    /// Another process of ours (the watchdog) whose opens are answered at once, like our own.
    let trustedPid = Atomic<Int32>(0)
    /// Inode marks that must survive the flush of a reload (the liveness probe file).
    private let probePaths = Mutex<[String]>([])
    let stopping = Atomic<Bool>(false)
    let wakeFD: Int32
    let deadlineNanos: UInt64
    let budgetNanos: UInt64
    /// The events every guarded filesystem is marked for.
    let markEvents: Fanotify.Events

    /// Signatures in use and their generation; swapped whole on reload.
    private let engine: Mutex<(signatures: Signatures, generation: Int)>

    /// Work for the scan pool: a permission event waiting for its answer, or an upload
    /// whose writer has closed it (a notification: nobody waits, but it must be judged).
    enum Job: Sendable {
        case permission(PendingEvent)
        case upload(UploadJob)
    }

    public private(set) var markedPaths: [String] = []
    public private(set) var markKind = "filesystem"

    /// Runs first on every thread that scans (workers, background): the daemon passes
    /// its containment (self-protection's Landlock domain), which this module does not know.
    let threadSetup: @Sendable () -> Void

    public init(config: DaemonConfig, signatures: Signatures, log: EventLog,
                threadSetup: @escaping @Sendable () -> Void = {}) throws(VigilError) {
        self.config = config
        self.threadSetup = threadSetup
        engine = Mutex((signatures, 1))
        self.log = log
        policy = AccessPolicy(config: config)
        var ups: [Upload] = []
        for (i, rule) in config.uploads.enumerated() {
            ups.append(try Upload(rule: rule, index: i))
        }
        uploads = ups
        guards = GuardMap(folders: config.guardPaths.map { ($0, nil) } + config.uploads.enumerated().map { ($0.element.folder, $0.offset) })
        group = try FanotifyGroup(flags: [.classContent, .cloexec, .unlimitedQueue, .unlimitedMarks])
        let mode: VerdictCache.Mode = config.cacheMode == "strict" ? .strict : config.cacheMode == "off" ? .off : .kernel
        cache = VerdictCache(group: group, mode: mode, ownFolders: OnAccessService.ownFolders(config), stats: stats)
        let threads = config.threads > 0 ? config.threads : max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        queue = FairQueue(capacity: config.queueSize, consumers: threads)
        background = BlockingQueue(capacity: max(1, config.backgroundQueueSize))
        wakeFD = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        guard wakeFD >= 0 else { throw VigilError("eventfd failed", cause: .current) }
        deadlineNanos = UInt64(config.deadlineMilliseconds) * 1_000_000
        budgetNanos = UInt64(config.effectiveScanBudgetMilliseconds) * 1_000_000
        var events: Fanotify.Events = []
        if config.guardOpen { events.insert(.openPerm) }
        if config.guardExec { events.insert(.openExecPerm) }
        // Close-write: uploads are judged then, and any writer's close (mapping and AIO
        // writes included) makes the next open and exec of the file scanned again.
        if mode != .off || !config.uploads.isEmpty { events.insert(.closeWrite) }
        markEvents = events
        var p = Decision.Policy()
        p.mode = config.mode
        p.onError = config.onError
        p.onTimeout = config.onTimeout
        p.onOversize = config.onOversize
        decisionPolicy = p
        _threadCount = threads
        deadlines = DeadlineKeeper(realtime: config.realtime) { [weak self] event in self?.deadlinePassed(event) }
    }

    private let _threadCount: Int

    deinit { close(wakeFD) }

    /// Vigil's own folders: no event for their files may reach the daemon (see
    /// VerdictCache.protectOwn). Each folder and its sub-folders (a directory mark covers
    /// its direct entries only).
    static func ownFolders(_ config: DaemonConfig) -> [String] {
        var roots = [config.stateDirectory] + config.quarantineStores
        if let log = config.logFile, let slash = log.lastIndex(of: "/"), slash != log.startIndex {
            let dir = String(log[..<slash])
            // Only a folder of Vigil's own; a shared one (/var/log) stays scanned.
            if dir.hasSuffix("/vigil") || dir == config.stateDirectory { roots.append(dir) }
        }
        var out: [String] = []
        for root in roots {
            var st = stat()
            guard stat(root, &st) == 0, st.isDirectory else { continue }
            out.append(root)
            out += subdirectories(of: root, depth: 3)
        }
        return Array(Set(out)).sorted()
    }

    private static func subdirectories(of root: String, depth: Int) -> [String] {
        guard depth > 0, let d = opendir(root) else { return [] }
        defer { closedir(d) }
        var out: [String] = []
        while let e = readdir(d) {
            guard e.pointee.d_type == UInt8(DT_DIR) else { continue }
            let name = withUnsafeBytes(of: &e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." { continue }
            let child = root + "/" + name
            out.append(child)
            out += subdirectories(of: child, depth: depth - 1)
        }
        return out
    }

    public var currentSignatures: (Signatures, Int) { engine.withLock { ($0.signatures, $0.generation) } }

    // MARK: start and stop

    /// Starts the workers and the event thread, then marks the guarded filesystems.
    /// Marks go last: from the moment they exist, opens wait for us, so whatever answers
    /// them must already run. Own folders are ignored before that.
    public func start() throws(VigilError) {
        guard !markEvents.intersection([.openPerm, .openExecPerm]).isEmpty else {
            throw VigilError("guard.open and guard.exec are both false: nothing to guard")
        }
        for i in 0..<_threadCount {
            workers.append(WorkerThread(name: "vigil-scan-\(i)") { [self] in workerLoop() })
        }
        if config.backgroundQueueSize > 0 {
            backgroundThread = WorkerThread(name: "vigil-rescan") { [self] in backgroundLoop() }
        }
        eventThread = WorkerThread(name: "vigil-events") { [self] in runEventLoop(signalFD: -1) { _ in } }
        for failure in cache.protectOwn() {
            log.emit(note("warning", "cannot exempt Vigil's own folder from its guard (its files' events will reach the daemon): \(failure)"))
        }
        let present = Set(guards.folders.map(\.path))
        for path in config.guardPaths + config.uploads.map(\.folder) {
            let real = realpathString(path) ?? path
            guard present.contains(real) else {
                log.emit(note("warning", "guarded path \(path) does not exist; not guarded"))
                continue
            }
            do {
                // A filesystem mark also sees opens made through other mount namespaces
                // (containers, bind mounts, sandboxed services); a mount mark would not.
                try group.mark([.add, .filesystem], markEvents, path: path)
            } catch {
                switch error.code {
                case EXDEV, ENODEV, EOPNOTSUPP, EINVAL:
                    do { try group.mark([.add, .mount], markEvents, path: path) } catch {
                        throw VigilError("cannot mark \(path)", cause: error)
                    }
                    markKind = "mount"
                case ENOSPC:
                    throw VigilError("cannot mark \(path): fanotify mark limit reached (/proc/sys/fs/fanotify/max_user_marks)", cause: error)
                default:
                    throw VigilError("cannot mark \(path)", cause: error)
                }
            }
            markedPaths.append(path)
        }
        guard !markedPaths.isEmpty else { throw VigilError("none of the guarded paths exists: \(config.guardPaths.joined(separator: ", "))") }
        startMountWatcher()
        if !uploads.isEmpty {
            uploadWatcher = UploadWatcher(service: self)
            uploadWatcher?.start()
        }
    }

    /// Answers everything pending, removes the marks and stops the threads.
    public func stop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        // No new events once the marks are gone; what is already queued is allowed.
        try? group.mark([.flush, .filesystem], [], path: nil)
        try? group.mark([.flush, .mount], [], path: nil)
        try? group.mark([.flush], [], path: nil)
        wake()
        eventThread?.join()
        eventThread = nil
        mountWatcher?.stop()
        uploadWatcher?.stop()
        deadlines.stop(answeringWith: .allow)
        queue.close()
        workers.forEach { $0.join() }
        workers = []
        background.close()
        backgroundThread?.join()
        backgroundThread = nil
        flushSummaries(force: true)
    }

    public func wake() {
        var one: UInt64 = 1
        _ = write(wakeFD, &one, 8)
    }

    /// Answers opens by `pid` at once, as our own (the watchdog: it must never wait on us).
    public func trust(pid: Int32) { trustedPid.store(pid, ordering: .releasing) }

    /// An inode mark on `path` (which need not be on a guarded filesystem): opens of it
    /// always reach the event thread, which answers them at once. The watchdog's liveness
    /// probe opens it to prove the event thread answers.
    public func markProbe(path: String) throws(Errno) {
        probePaths.withLock { $0.append(path) }
        try group.mark([.add], [.openPerm], path: path)
    }

    public var queueDepth: Int { queue.depth }
    public var queueCapacity: Int { queue.capacity }

    // MARK: mounts below guarded folders

    private func startMountWatcher() {
        // Each guard as (filesystem, path inside it), from this namespace's mount table.
        let table = MountInfo.parse(readWholeFile("/proc/self/mountinfo") ?? [])
        var inner: [(dev: UInt64, inner: [UInt8])] = []
        for g in guards.folders {
            let path = Array(g.path.utf8)
            guard let m = table.filter({ $0.dev == g.dev && AccessPolicy.under(path, $0.mountPoint) })
                .max(by: { $0.mountPoint.count < $1.mountPoint.count }),
                  let p = innerPath(of: path, in: m) else { continue }
            inner.append((g.dev, p))
        }
        let guardsInner = inner
        let watcher = MountWatcher(guards: { guardsInner }, whole: { [guards] in Set(guards.wholeFilesystems.keys) },
                                   onMount: { [weak self] m, pid, ns in self?.guardNewMount(m, pid: pid, namespace: ns) },
                                   onAnonymousExec: { [weak self] pid, exe in self?.anonymousExec(pid: pid, exe: exe) })
        mountWatcher = watcher
        watcher.start()
    }

    /// A filesystem was mounted below a guarded folder: mark it and guard it whole.
    private func guardNewMount(_ m: MountInfo, pid: Int32, namespace: UInt64) {
        let mountPoint = String(decoding: m.mountPoint, as: UTF8.self)
        let reason = "\(m.fsType) mounted at \(mountPoint) (mount namespace \(namespace))"
        guard guards.guardWhole(dev: m.dev, reason: reason) else { return }
        let via = "/proc/\(pid)/root" + mountPoint
        do {
            try group.mark([.add, .filesystem], markEvents, path: via)
            log.emit(note("warning", "guarding a filesystem mounted below a guarded folder: \(reason)"))
        } catch {
            log.emit(note("error", "cannot guard \(reason): \(error); its files are not checked"))
        }
    }

    // MARK: reload

    /// Compiles new signatures (off the event path) and swaps them in; on any error the
    /// running signatures stay. Verdicts made with the old rules are forgotten.
    public func reload(paths: [String]) -> Result<Signatures, SignatureError> {
        let loaded: Signatures
        do { loaded = try Signatures.load(paths) } catch {
            stats.bump(stats.reloadFailures)
            var l = noteLine("error", "reload failed, keeping the running rules: \(error)")
            l.add("vigil_action", "reload")
            log.emit(EventLog.Record(key: "reload-failed|\(error)", line: l))
            return .failure(error)
        }
        cache.flush { generation in
            engine.withLock { $0 = (loaded, generation) }
        }
        // The flush dropped every inode mark, the probe's too.
        for p in probePaths.withLock({ $0 }) { try? group.mark([.add], [.openPerm], path: p) }
        stats.bump(stats.reloads)
        log.emit(EventLog.Record(key: "reload|\(monotonicNanos())",
                                 line: noteLine("info", "reloaded: \(loaded.ruleCount) rules, \(loaded.hashes.entryCount) hash entries")))
        return .success(loaded)
    }
}
