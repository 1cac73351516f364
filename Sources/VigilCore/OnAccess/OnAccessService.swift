import CLinux
import Glibc
import Synchronization

/// The fanotify permission loop: one event thread reads batches and answers at once
/// what needs no scan; a pool of scan workers answers the rest by verdict; a deadline
/// keeper answers whatever is still open when the deadline passes.
///
/// Owns: the fanotify group, its marks, the scan workers, the verdict cache (kernel
/// ignore marks) and the current signatures. Must not: parse config, print.
public final class OnAccessService: @unchecked Sendable {
    public let config: DaemonConfig
    public let stats = OnAccessStats()
    let policy: AccessPolicy
    let log: EventLog
    let group: FanotifyGroup
    private let queue: BlockingQueue<Job>
    /// Upload folders, their byte prefixes and quarantine stores.
    private let uploads: [Upload]

    struct Upload: Sendable {
        let rule: UploadRule
        let prefix: [UInt8]
        let store: QuarantineStore
    }

    /// Work for the scan pool: a permission event waiting for its answer, or an upload
    /// whose writer has closed it (a notification: nobody waits, but it must be judged).
    enum Job: Sendable {
        case permission(PendingEvent)
        case upload(UploadJob)
    }

    struct UploadJob: Sendable {
        let file: OpenFile
        let path: RawPath
        let stat: stat
        let arrival: UInt64
        let upload: Int
    }
    private var deadlines: DeadlineKeeper!
    private var workers: [WorkerThread] = []
    private let ownPid = getpid()
    private let stopping = Atomic<Bool>(false)
    private let wakeFD: Int32
    private let deadlineNanos: UInt64

    /// Signatures in use and their generation; swapped whole on reload.
    private let engineLock = Lock()
    private var signatures: Signatures          // guarded by engineLock
    private var generation = 1                  // guarded by engineLock
    /// Serialises cache-mark additions against reloads, so no mark made with old rules
    /// survives the flush that a reload does.
    private let markLock = Lock()
    private var ignoreFlags: Fanotify.MarkFlags = [.add, .ignore, .evictable] // guarded by markLock
    /// Deny verdicts by file version: the kernel caches only "clean" (ignore marks), so a
    /// known-bad file would otherwise be read and matched again on every open. The key
    /// holds size, mtime, ctime and the rules generation: any change makes it miss.
    private let denyCacheLock = Lock()
    private var denyCache: [FileVersion: [String]] = [:]   // guarded by denyCacheLock
    private static let denyCacheLimit = 65536

    struct FileVersion: Hashable {
        let dev: UInt64, ino: UInt64, size: Int64
        let mtime: Int64, mtimeNanos: Int, ctime: Int64, ctimeNanos: Int
        let generation: Int

        init(_ st: stat, generation: Int) {
            dev = UInt64(st.st_dev); ino = UInt64(st.st_ino); size = Int64(st.st_size)
            mtime = Int64(st.st_mtim.tv_sec); mtimeNanos = st.st_mtim.tv_nsec
            ctime = Int64(st.st_ctim.tv_sec); ctimeNanos = st.st_ctim.tv_nsec
            self.generation = generation
        }
    }

    public private(set) var markedPaths: [String] = []
    public private(set) var markKind = "filesystem"

    public init(config: DaemonConfig, signatures: Signatures, log: EventLog) throws(VigilError) {
        self.config = config
        self.signatures = signatures
        self.log = log
        policy = AccessPolicy(config: config)
        var ups: [Upload] = []
        for rule in config.uploads {
            let prefix = Array((realpathString(rule.folder) ?? rule.folder).utf8)
            ups.append(Upload(rule: rule, prefix: prefix, store: try QuarantineStore(directory: rule.resolvedQuarantineDirectory)))
        }
        uploads = ups
        group = try FanotifyGroup(flags: [.classContent, .cloexec, .unlimitedQueue, .unlimitedMarks])
        queue = BlockingQueue(capacity: config.queueSize)
        wakeFD = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        deadlineNanos = UInt64(config.deadlineMilliseconds) * 1_000_000
        deadlines = DeadlineKeeper(onTimeout: config.onTimeout) { [weak self] event in self?.timedOut(event) }
    }

    deinit { close(wakeFD) }

    public var currentSignatures: (Signatures, Int) { engineLock.withLock { (signatures, generation) } }

    // MARK: start and stop

    /// Starts the workers, then marks the guarded filesystems. Marks go last: from the
    /// moment they exist, opens wait for us.
    public func start() throws(VigilError) {
        let n = config.threads > 0 ? config.threads : max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        for i in 0..<n {
            workers.append(WorkerThread(name: "vigil-scan-\(i)") { [self] in workerLoop() })
        }
        var events: Fanotify.Events = []
        if config.guardOpen { events.insert(.openPerm) }
        if config.guardExec { events.insert(.openExecPerm) }
        guard !events.isEmpty else { throw VigilError("guard.open and guard.exec are both false: nothing to guard") }
        let targets = config.guardPaths.map { ($0, events) } + uploads.map { ($0.rule.folder, events.union(.closeWrite)) }
        for (path, events) in targets {
            var st = stat()
            guard stat(path, &st) == 0 else {
                log.emit(note("warning", "guarded path \(path) does not exist; not guarded"))
                continue
            }
            do {
                // A filesystem mark also sees opens made through other mount namespaces
                // (containers, bind mounts, sandboxed services); a mount mark would not.
                try group.mark([.add, .filesystem], events, path: path)
            } catch {
                switch error.code {
                case EXDEV, ENODEV, EOPNOTSUPP, EINVAL:
                    do { try group.mark([.add, .mount], events, path: path) } catch {
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
    }

    /// Answers everything pending, removes the marks and stops the threads.
    public func stop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        // No new events once the marks are gone; what is already queued is allowed.
        try? group.mark([.flush, .filesystem], [], path: nil)
        try? group.mark([.flush, .mount], [], path: nil)
        try? group.mark([.flush], [], path: nil)
        wake()
        deadlines.stop(answeringWith: .allow)
        queue.close()
        workers.forEach { $0.join() }
        workers = []
    }

    public func wake() {
        var one: UInt64 = 1
        _ = write(wakeFD, &one, 8)
    }

    // MARK: event thread

    /// Runs the event loop on the calling thread until `stop()`. `signalFD` (may be -1)
    /// is polled too; `onSignal` handles what it delivers.
    public func runEventLoop(signalFD: Int32, onSignal: (Int32) -> Void) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 16)
        defer { buffer.deallocate() }
        var fds = [pollfd(fd: group.fd, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: signalFD, events: Int16(POLLIN), revents: 0)]
        let nfds = signalFD >= 0 ? 3 : 2
        while !stopping.load(ordering: .acquiring) {
            let rc = poll(&fds, nfds_t(nfds), -1)
            if rc < 0 { if errno == EINTR { continue }; break }
            if nfds == 3 && fds[2].revents != 0 {
                var info = signalfd_siginfo()
                while read(signalFD, &info, MemoryLayout<signalfd_siginfo>.size) == MemoryLayout<signalfd_siginfo>.size {
                    onSignal(Int32(info.ssi_signo))
                }
            }
            if fds[1].revents != 0 {
                var v: UInt64 = 0
                _ = read(wakeFD, &v, 8)
            }
            if fds[0].revents != 0 {
                let events: [Fanotify.RawEvent]
                do { events = try group.read(into: buffer) } catch {
                    log.emit(note("error", "reading fanotify events failed: \(error)"))
                    stats.bump(stats.errors)
                    continue
                }
                for raw in events { handle(raw) }
            }
        }
    }

    private func handle(_ raw: Fanotify.RawEvent) {
        stats.bump(stats.events)
        if raw.mask.contains(.queueOverflow) {
            stats.bump(stats.overflows)
            log.emit(note("error", "the kernel's fanotify queue overflowed; events were lost"))
        }
        guard raw.fd >= 0 else { return }
        guard raw.mask.isPermission else {
            if raw.mask.contains(.closeWrite) && raw.pid != ownPid && !stopping.load(ordering: .relaxed) {
                handleClosedUpload(raw)
            } else {
                close(raw.fd)
            }
            return
        }
        let event = PermissionEvent(raw, group: group, fallback: .allow)
        // Our own opens (rules, config, log) must never wait on ourselves.
        if raw.pid == ownPid || stopping.load(ordering: .relaxed) {
            stats.bump(stats.answeredAtOnce)
            event.respond(.allow)
            return
        }
        guard let path = readLink("/proc/self/fd/\(raw.fd)"), policy.isGuarded(path) else {
            stats.bump(stats.answeredAtOnce)
            event.respond(.allow)
            return
        }
        var st = stat()
        guard fstat(raw.fd, &st) == 0, st.isRegular else {
            stats.bump(stats.answeredAtOnce)
            event.respond(.allow)
            return
        }
        if policy.needsSubject, policy.isTrusted(Subject.of(pid: raw.pid)) {
            stats.bump(stats.answeredAtOnce)
            event.respond(.allow)
            return
        }
        let now = monotonicNanos()
        if Int64(st.st_size) > config.maxFileSize {
            stats.bump(stats.oversize)
            let answer = config.mode == .audit ? Fanotify.Response.allow : config.onOversize
            if config.onOversize == .deny {
                let l = eventLine(action: "oversize", outcome: answer == .deny ? "failure" : "success", path: path, size: Int64(st.st_size),
                                  pid: raw.pid, exec: raw.mask.contains(.openExecPerm), latencyMicros: 0,
                                  message: "larger than limits.max_file_size (\(formatBytes(config.maxFileSize)))")
                event.respond(answer)
                log.emit(EventLog.Record(key: "oversize|\(path)", line: l))
            } else {
                event.respond(answer)
            }
            return
        }
        if config.mode == .enforce {
            let version = FileVersion(st, generation: engineLock.withLock { generation })
            if let rules = denyCacheLock.withLock({ denyCache[version] }) {
                stats.bump(stats.denied)
                stats.bump(stats.answeredAtOnce)
                event.respond(.deny)
                var l = eventLine(action: "deny", outcome: "success", path: path, size: Int64(st.st_size), pid: raw.pid,
                                  exec: raw.mask.contains(.openExecPerm), latencyMicros: Int((monotonicNanos() - now) / 1000),
                                  message: "known bad (cached verdict)")
                l.add("vigil_rules", rules)
                log.emit(EventLog.Record(key: "deny|\(path)|\(rules.joined(separator: ","))|cached", line: l))
                return
            }
        }
        let pending = PendingEvent(event, path: path, stat: st, arrival: now, deadline: now + deadlineNanos,
                                   group: group, fallback: config.onTimeout)
        guard queue.tryPush(.permission(pending)) else {
            stats.bump(stats.queueFull)
            pending.answer(config.mode == .audit ? .allow : config.onQueueFull)
            log.emit(EventLog.Record(key: "queue-full", line: noteLine("error", "scan queue full (\(config.queueSize)); answered \(config.onQueueFull == .allow ? "allow" : "deny") without scanning")))
            return
        }
        deadlines.add(pending)
    }

    /// A file written into an upload folder was closed: judge it now, without waiting
    /// for someone to open it. Until then (and if quarantine fails) the permission path
    /// still guards every open of it.
    private func handleClosedUpload(_ raw: Fanotify.RawEvent) {
        let file = OpenFile(adopting: raw.fd)
        guard let path = readLink("/proc/self/fd/\(raw.fd)"),
              let index = uploadIndex(for: path),
              let st = try? file.stat(), st.isRegular else { return }
        if !queue.tryPush(.upload(UploadJob(file: file, path: path, stat: st, arrival: monotonicNanos(), upload: index))) {
            stats.bump(stats.queueFull)
            log.emit(note("error", "scan queue full: upload \(path) not scanned on close (opens of it are still checked)"))
        }
    }

    /// The upload rule covering `path`, if any.
    private func uploadIndex(for path: RawPath) -> Int? {
        uploads.isEmpty ? nil : uploads.firstIndex { AccessPolicy.under(path.bytes, $0.prefix) }
    }

    // MARK: scan workers

    private func workerLoop() {
        // Scan workers parse hostile bytes: they write only where containment allows.
        Containment.enterCurrentThread()
        var scanner: FileScanner?
        var scannerGeneration = 0
        var limits = ScanLimits()
        limits.maxFileSize = config.maxFileSize
        limits.retainLargeBuffer = false
        limits.yaraTimeoutSeconds = max(1, config.deadlineMilliseconds / 1000 * 4)
        // Build the scanner (libmagic loads its database) before the first event waits on it.
        do {
            let (sigs, gen) = currentSignatures
            scanner = try FileScanner(signatures: sigs, limits: limits)
            scannerGeneration = gen
        } catch {
            log.emit(note("error", "cannot create a scanner: \(error)"))
        }
        while let job = queue.pop() {
            if stopping.load(ordering: .relaxed) {
                if case .permission(let event) = job { event.answer(.allow) }
                continue
            }
            let (sigs, gen) = currentSignatures
            if scanner == nil || scannerGeneration != gen {
                do {
                    scanner = try FileScanner(signatures: sigs, limits: limits)
                    scannerGeneration = gen
                } catch {
                    stats.bump(stats.errors)
                    if case .permission(let event) = job { event.answer(config.mode == .audit ? .allow : config.onTimeout) }
                    log.emit(note("error", "cannot create a scanner: \(error)"))
                    continue
                }
            }
            switch job {
            case .permission(let event):
                if config.debugSlowScanMilliseconds > 0, !config.debugSlowScanName.isEmpty,
                   event.path.lossyString.contains(config.debugSlowScanName) {
                    usleep(UInt32(config.debugSlowScanMilliseconds) * 1000)
                }
                let upload = uploadIndex(for: event.path)
                var report = scanner!.scan(OpenFile(borrowing: event.fd), path: event.path, stat: event.stat, wantType: upload != nil)
                if let upload, report.status == .scanned {
                    report.findings += uploads[upload].rule.evaluate(path: event.path, size: report.size, mime: report.mimeType ?? "")
                }
                decide(event, report: report, generation: gen)
            case .upload(let job):
                judgeUpload(job, scanner: scanner!, generation: gen)
            }
        }
    }

    private func decide(_ event: PendingEvent, report: FileReport, generation: Int) {
        stats.bump(stats.scanned)
        var response = Fanotify.Response.allow
        var action = "allow"
        var failed: String?
        switch report.status {
        case .failed(let why):
            failed = why
            response = config.onTimeout
            action = "error"
        case .skipped:
            break
        case .scanned:
            if report.verdict >= .quarantine {
                response = .deny
                action = "deny"
            } else if report.verdict == .audit {
                action = "audit"
            } else if let problem = report.problems.first(where: \.isError) {
                // Not judged (YARA timed out or failed): as a failed scan (engine API change, issue 9).
                failed = problem.description
                response = config.onTimeout
                action = "error"
            }
        }
        if config.mode == .audit && response == .deny {
            response = .allow
            action = "audit"
        }
        // The opener is still blocked, so /proc/PID is still there to read.
        let subject = report.isFinding || failed != nil ? Subject.of(pid: event.pid) : nil
        let answered = event.answer(response)
        let latency = Int((monotonicNanos() - event.arrival) / 1000)

        if answered && response == .allow && report.isClean && config.cacheClean {
            cacheClean(fd: event.fd, stat: event.stat, generation: generation)
        }
        if response == .deny && report.isFinding {
            let version = FileVersion(event.stat, generation: generation)
            denyCacheLock.withLock {
                if denyCache.count >= OnAccessService.denyCacheLimit { denyCache.removeAll(keepingCapacity: true) }
                denyCache[version] = report.findings.map(\.name)
            }
        }
        if response == .deny && answered { stats.bump(stats.denied) }
        if action == "audit" { stats.bump(stats.audited) }
        if failed != nil { stats.bump(stats.errors) }
        guard report.isFinding || failed != nil || !answered else { return }

        let message = !answered
            ? "scan finished after the deadline; \(event.answered == .deny ? "deny" : "allow") was sent; the scan said \(action)"
            : failed
        let line = eventLine(action: answered ? action : "late-verdict", outcome: failed == nil ? "success" : "failure",
                             path: event.path, size: report.size, pid: event.pid, exec: event.isExec, latencyMicros: latency,
                             report: report, subject: subject, message: message)
        let key = "\(action)|\(event.path)|\(report.findings.map(\.name).joined(separator: ","))|\(subject?.executable?.description ?? "")"
        log.emit(EventLog.Record(key: key, line: line))
    }

    /// Remembers a clean verdict as a kernel ignore mark on the inode: later opens never
    /// reach us until the file is modified (the kernel clears the mark then).
    private func cacheClean(fd: Int32, stat seen: stat, generation: Int) {
        markLock.withLock {
            guard engineLock.withLock({ self.generation }) == generation else { return }
            var flags = ignoreFlags
            while true {
                do throws(Errno) {
                    try group.mark(flags, [.openPerm, .openExecPerm], dirfd: fd, path: nil)
                    break
                } catch {
                    if error.code == EINVAL && flags.contains(.evictable) {
                        flags.remove(.evictable)          // before 5.19
                    } else if error.code == EINVAL && flags.contains(.ignore) {
                        flags = [.add, .ignoredMask]      // before 6.0
                    } else if error.code == ENOSPC {
                        stats.bump(stats.cacheFull)       // cache full: correct, just slower
                        return
                    } else {
                        return
                    }
                }
            }
            ignoreFlags = flags
            // A write that landed between our read and the mark would not have cleared
            // it: if the file changed since the event, forget the verdict.
            var now = stat()
            if fstat(fd, &now) != 0 || now.st_size != seen.st_size
                || now.st_mtim.tv_sec != seen.st_mtim.tv_sec || now.st_mtim.tv_nsec != seen.st_mtim.tv_nsec
                || now.st_ctim.tv_sec != seen.st_ctim.tv_sec || now.st_ctim.tv_nsec != seen.st_ctim.tv_nsec {
                var removeFlags = flags
                removeFlags.remove(.add)
                removeFlags.remove(.evictable)
                removeFlags.insert(.remove)
                try? group.mark(removeFlags, [.openPerm, .openExecPerm], dirfd: fd, path: nil)
                return
            }
            stats.bump(stats.cacheMarks)
        }
    }

    /// Scans and types a closed upload; quarantines, leaves for the permission path to
    /// deny, or audits, as its folder's rule says. Every upload gets one event line.
    private func judgeUpload(_ job: UploadJob, scanner: FileScanner, generation: Int) {
        let upload = uploads[job.upload]
        var report = scanner.scan(job.file, path: job.path, stat: job.stat, wantType: true)
        if report.status == .scanned {
            report.findings += upload.rule.evaluate(path: job.path, size: report.size, mime: report.mimeType ?? "")
        }
        stats.bump(stats.uploads)
        var action = "upload-clean"
        var message: String?
        var storedID: String?
        let unjudged: String? = if case .failed(let why) = report.status { why } else if report.isFinding { nil }
            else { report.problems.first(where: \.isError)?.description }
        if let why = unjudged {
            action = "upload-error"
            message = why
            stats.bump(stats.errors)
        } else if report.verdict >= .quarantine {
            if config.mode == .audit || upload.rule.action == .audit {
                action = "audit"
                stats.bump(stats.audited)
            } else if upload.rule.action == .quarantine {
                do {
                    let rec = try upload.store.quarantine(job.file, path: job.path, stat: job.stat, report: report, source: "upload")
                    action = "quarantine"
                    storedID = rec.id
                    message = "moved to \(rec.storedPath)"
                    stats.bump(stats.quarantined)
                } catch {
                    action = "quarantine-failed"
                    message = "\(error); opens of it are denied"
                    stats.bump(stats.errors)
                }
            } else {
                action = "deny"
                message = "left in place; every open of it is denied"
            }
        } else if report.verdict == .audit {
            action = "audit"
            stats.bump(stats.audited)
        } else if report.status == .scanned && config.cacheClean {
            cacheClean(fd: job.file.fd, stat: job.stat, generation: generation)
        }
        var line = eventLine(action: action, outcome: action.hasSuffix("failed") || action == "upload-error" ? "failure" : "success",
                             path: job.path, size: report.size, pid: 0, exec: false,
                             latencyMicros: Int((monotonicNanos() - job.arrival) / 1000), report: report, message: message)
        var extra = JSONLine()
        extra.add("upload_folder", upload.rule.folder)
        extra.add("quarantine_id", storedID)
        extra.add("verdict_unix_ns", Int(wallClockNanos()))
        line.add("vigil_upload", object: extra)
        log.emit(EventLog.Record(key: "upload|\(action)|\(job.path)|\(job.arrival)", line: line))
    }

    private func timedOut(_ event: PendingEvent) {
        stats.bump(stats.timeouts)
        let line = eventLine(action: "timeout", outcome: "failure", path: event.path, size: Int64(event.stat.st_size),
                             pid: event.pid, exec: event.isExec, latencyMicros: Int((monotonicNanos() - event.arrival) / 1000),
                             message: "no verdict within \(config.deadlineMilliseconds) ms; answered \(config.onTimeout == .allow ? "allow" : "deny") (limits.on_timeout)")
        log.emit(EventLog.Record(key: "timeout|\(event.path)", line: line))
    }

    // MARK: reload

    /// Compiles new signatures (off the event path) and swaps them in; on any error the
    /// running signatures stay. Clean verdicts made with the old rules are forgotten.
    public func reload(paths: [String]) -> Result<Signatures, SignatureError> {
        let loaded: Signatures
        do { loaded = try Signatures.load(paths) } catch {
            stats.bump(stats.reloadFailures)
            var l = noteLine("error", "reload failed, keeping the running rules: \(error)")
            l.add("vigil_action", "reload")
            log.emit(EventLog.Record(key: "reload-failed|\(error)", line: l))
            return .failure(error)
        }
        markLock.withLock {
            engineLock.withLock {
                signatures = loaded
                generation += 1
            }
            try? group.mark([.flush], [], path: nil)
        }
        denyCacheLock.withLock { denyCache.removeAll() }
        stats.bump(stats.reloads)
        log.emit(EventLog.Record(key: "reload|\(monotonicNanos())",
                                 line: noteLine("info", "reloaded: \(loaded.ruleCount) rules, \(loaded.hashes.entryCount) hash entries")))
        return .success(loaded)
    }

    // MARK: event lines

    func eventLine(action: String, outcome: String, path: RawPath, size: Int64, pid: Int32, exec: Bool, latencyMicros: Int,
                   report: FileReport? = nil, subject: Subject? = nil, message: String? = nil) -> JSONLine {
        var o = JSONLine()
        o.add("@timestamp", isoTimestamp())
        var ev = JSONLine()
        let alert = action == "deny" || action == "audit" || action == "late-verdict"
        ev.add("kind", alert ? "alert" : "event")
        ev.add("category", alert ? ["malware", "file"] : ["file"])
        ev.add("type", [action == "deny" ? "denied" : "allowed"])
        ev.add("action", action)
        ev.add("outcome", outcome)
        ev.add("module", "vigil")
        ev.add("dataset", "vigil.onaccess")
        o.add("event", object: ev)
        o.add("file", object: ECS.file(path, size: size, sha256: report?.sha256?.description, mimeType: report?.mimeType))
        var process = JSONLine()
        process.add("pid", Int(pid))
        process.add("executable", subject?.executable?.description)
        if let uid = subject?.uid {
            var user = JSONLine()
            user.add("id", String(uid))
            process.add("user", object: user)
        }
        o.add("process", object: process)
        if let first = report?.findings.first { o.add("rule", object: ECS.rule(first)) }
        o.add("message", message)
        var vigil = JSONLine()
        vigil.add("access", exec ? "exec" : "open")
        vigil.add("latency_us", latencyMicros)
        vigil.add("mode", config.mode.rawValue)
        if let r = report, r.isFinding {
            vigil.add("verdict", r.verdict.description)
            vigil.add("rules", r.findings.map(\.name))
        }
        vigil.add("cgroup", subject?.cgroup)
        o.add("vigil", object: vigil)
        return o
    }

    func noteLine(_ level: String, _ message: String) -> JSONLine {
        var o = JSONLine()
        o.add("@timestamp", isoTimestamp())
        var ev = JSONLine()
        ev.add("kind", "event")
        ev.add("category", ["process"])
        ev.add("action", level)
        ev.add("dataset", "vigil.daemon")
        o.add("event", object: ev)
        var logObj = JSONLine()
        logObj.add("level", level)
        o.add("log", object: logObj)
        o.add("message", message)
        return o
    }

    func note(_ level: String, _ message: String) -> EventLog.Record {
        EventLog.Record(key: "\(level)|\(message)", line: noteLine(level, message))
    }
}
