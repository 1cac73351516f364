import CLinux
import Glibc
import Synchronization
import VigilEngine
import VigilEvents
import VigilSystem

/// Privilege-separated scanning (issue 12 item 6): the parsers of untrusted formats
/// (libyara and its modules, libmagic, libarchive) run in `vigil scan-worker`
/// processes, each in its own sandbox (Sandbox.enter: own uid, no capabilities,
/// Landlock with no file access, seccomp), fed the event's descriptor over a socket.
/// Every thread that scans (pool, background) talks to a worker of its own, so a
/// worker is never shared and never waited on by another thread.
///
/// What a worker's death means: the file it was scanning gets the configured answer
/// at once (on_error for a crash, on_timeout for a worker killed past its deadline),
/// one warning event `scan-worker-crashed` names the signal, the file and the rules
/// generation, and the next scan starts a new worker after a bounded backoff. A file
/// that took down two workers is not handed to a third for ten minutes: it is
/// answered by on_error without a scan, so no file can make workers crash in a loop.
///
/// Owns: the workers' lives, the rules image per generation, the crash memory.
/// Must not: judge (the judges do), or scan in the daemon's process.
final class ScanWorkers: Sendable {
    let identity: Sandbox.Identity
    /// Whether `identity` is the package's `vigil-scan` user (else nobody, for status).
    let dedicatedUser: Bool
    private let image = Mutex<(generation: Int, fd: Int32)>((0, -1))
    /// The workers alive now (pid -> generation), for status and tests.
    let live = Mutex<[Int32: Int]>([:])
    /// Files that killed workers: (dev, ino, mtime ns, size) -> (count, last time).
    private let offenders = Mutex<[FileKey: (count: Int, last: UInt64)]>([:])

    struct FileKey: Hashable {
        let dev: UInt64, ino: UInt64, mtime: Int64, size: Int64
        init(_ st: stat) {
            dev = UInt64(st.st_dev)
            ino = UInt64(st.st_ino)
            mtime = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
            size = Int64(st.st_size)
        }
    }

    static let offenderLimit = 2
    static let offenderMemoryNanos: UInt64 = 600 * 1_000_000_000

    /// The vigil binary the workers run (the daemon's own, as /proc/self/exe: the same
    /// inode even after an upgrade replaced the file, so both ends speak one protocol).
    let executable: String

    /// `[scanning] sandbox = "full"`: every scan comes here, the quick path's too (the
    /// event thread's InlineClear is off), so no byte of a scanned file is read in the daemon.
    let everyScan: Bool

    init(executable: String, everyScan: Bool = false) {
        self.executable = executable
        self.everyScan = everyScan
        (identity, dedicatedUser) = Sandbox.Identity.resolve()
    }

    /// The status line: what runs where, and with which rights.
    var statusLine: String {
        let user = dedicatedUser ? "user \(Sandbox.Identity.userName) (\(identity.uid))"
            : "user nobody (\(identity.uid)): no \(Sandbox.Identity.userName) user on this host (the package creates it)"
        let scope = everyScan ? "every scan, small files included, runs" : "full scans run"
        let quick = everyScan ? "no byte of a scanned file is read in the daemon (sandbox = \"full\": no quick path)"
            : "the quick path (Hyperscan over bytes already read, digests) runs in the daemon"
        return "on: \(scope) in \(live.withLock { $0.count }) sandboxed worker processes as \(user), no capabilities, Landlock without file access, seccomp; \(quick)"
    }

    /// The memfd holding `rules`' current generation for workers, built once per generation.
    func imageFd(_ rules: RulesInUse, limits: ScanLimits) throws(VigilError) -> (fd: Int32, generation: Int) {
        let (sets, generation) = rules.all
        return try image.withLock { (cur: inout (generation: Int, fd: Int32)) throws(VigilError) -> (fd: Int32, generation: Int) in
            if cur.fd >= 0 && cur.generation == generation { return (cur.fd, generation) }
            let fd = try WorkerProcess.imageMemfd(sets, limits: limits)
            if cur.fd >= 0 { close(cur.fd) }
            cur = (generation, fd)
            return (fd, generation)
        }
    }

    /// Whether `st` crashed workers often enough that it is not scanned again yet.
    func isOffender(_ st: stat) -> Bool {
        let now = monotonicNanos()
        return offenders.withLock { o in
            guard let e = o[FileKey(st)] else { return false }
            if now - e.last > ScanWorkers.offenderMemoryNanos { o[FileKey(st)] = nil; return false }
            return e.count >= ScanWorkers.offenderLimit
        }
    }

    func remember(offender st: stat) {
        let now = monotonicNanos()
        offenders.withLock { o in
            if o.count > 4096 { o = o.filter { now - $0.value.last <= ScanWorkers.offenderMemoryNanos } }
            let key = FileKey(st)
            o[key] = ((o[key]?.count ?? 0) + 1, now)
        }
    }
}

/// One thread's worker process: started on first use and again after a reload or a
/// death, answering one request at a time (the process itself: VigilEngine's WorkerProcess).
final class WorkerScanner {
    private let ctx: PathContext
    private let workers: ScanWorkers
    private let limits: ScanLimits
    private var process: (worker: WorkerProcess, generation: Int)?
    /// Backoff after failed starts or crashes: 0.1 s doubling to 5 s.
    private var backoffNanos: UInt64 = 0
    private var notBefore: UInt64 = 0
    private var engines: [WorkerEngine] = []

    init(ctx: PathContext, workers: ScanWorkers, limits: ScanLimits) {
        self.ctx = ctx
        self.workers = workers
        self.limits = limits
    }

    deinit { stop() }

    /// An engine for rule set `set` of the rules in use, and their generation. A worker of
    /// an older generation is replaced first (it is idle: this thread is its only client).
    func current(_ rules: RulesInUse, set: Int) throws(VigilError) -> (any ScanEngine, Int) {
        let generation = rules.now.1
        if let p = process, p.generation != generation { stop() }
        if process == nil { try start(rules) }
        while engines.count <= set { engines.append(WorkerEngine(owner: self, set: engines.count)) }
        return (engines[set], generation)
    }

    /// Lets an idle worker of a replaced generation go; true when it did.
    func dropIfStale(_ rules: RulesInUse) -> Bool {
        guard let p = process, p.generation != rules.now.1 else { return false }
        stop()
        return true
    }

    private func start(_ rules: RulesInUse) throws(VigilError) {
        // A restart soon after a death or a failed start waits out the backoff (5 s at
        // most) rather than failing the file: events waiting meanwhile are answered by
        // the deadline keeper if their deadline comes first.
        let now = monotonicNanos()
        if now < notBefore { usleep(UInt32(min(notBefore - now, 5_000_000_000) / 1000)) }
        do {
            let (imageFd, generation) = try workers.imageFd(rules, limits: limits)
            let worker = try WorkerProcess.start(executable: workers.executable, identity: workers.identity, imageFd: imageFd, limits: limits)
            ctx.stats.bump(ctx.stats.workerStarts)
            process = (worker, generation)
            workers.live.withLock { $0[worker.pid] = generation }
            backoffNanos = 0
        } catch {
            backoffNanos = min(max(backoffNanos * 2, 100_000_000), 5_000_000_000)
            notBefore = monotonicNanos() + backoffNanos
            throw error
        }
    }

    /// Ends the worker (see WorkerProcess.stop). Returns how it ended.
    @discardableResult
    private func stop(kill: Bool = false) -> String {
        guard let p = process else { return "not running" }
        process = nil
        engines = []
        let ended = p.worker.stop(kill: kill)
        workers.live.withLock { _ = $0.removeValue(forKey: p.worker.pid) }
        return ended
    }

    /// One request. A dead or stuck worker gives a failed report (crash) or a timed-out
    /// one (killed past the deadline), never a wait beyond `deadline` plus a grace.
    fileprivate func request(_ req: WorkerRequest, fd: Int32) -> WorkerReply {
        if workers.isOffender(req.stat) {
            ctx.stats.bump(ctx.stats.workerRefused)
            return .failed("not scanned: this version of the file took down \(ScanWorkers.offenderLimit) scan workers in the last \(ScanWorkers.offenderMemoryNanos / 60_000_000_000) minutes")
        }
        // A worker that died idle (killed by someone) is noticed here, logged, and
        // replaced before the file is sent: its death is not this file's doing.
        if let p = process, p.worker.hasEnded {
            let ended = stop()
            ctx.stats.bump(ctx.stats.workerCrashes)
            logDeath(pid: p.worker.pid, generation: p.generation, request: nil, how: ended, killed: false)
        }
        if process == nil {
            do { try start(ctx.rules) } catch { return .failed("\(error)") }
        }
        guard let p = process else { return .failed("no scan worker") }
        let started = monotonicNanos()
        if req.kind == .scan { ctx.stats.bump(ctx.stats.workerScans) }   // not the type asked after an answer
        // The worker's own limits end a scan by the deadline; past it (plus a grace for
        // the report), it is stuck in a parser and is killed.
        let ceiling = UInt64(limits.yaraTimeout * 1e9) + UInt64(max(limits.archives.limits.maxSeconds, 0) * 1e9)
        let end = (req.deadline ?? started + ceiling) + 2_000_000_000
        let now = monotonicNanos()
        let wait = Int32(min(end > now ? (end - now) / 1_000_000 : 0, 600_000))
        switch p.worker.exchange(req, fd: fd, timeoutMillis: max(wait, 100), path: req.path) {
        case .reply(let reply):
            return reply
        case .malformed(let why):
            return died(p, request: req, note: "the worker sent a malformed reply (\(why)); it was stopped", blame: true)
        case .timedOut(let ended):
            ctx.stats.bump(ctx.stats.workerKills)
            workers.remember(offender: req.stat)
            stop()
            logDeath(pid: p.worker.pid, generation: p.generation, request: req, how: ended, killed: true)
            var r = FileReport(path: req.path)
            r.size = Int64(req.stat.st_size)
            r.problems.append(.timedOut(seconds: Double(monotonicNanos() - started) / 1e9, byDeadline: true))
            return .report(r)
        case .died(let ended):
            return died(p, request: req, note: ended, blame: true)
        case .notSent(let ended):
            return died(p, request: req, note: ended, blame: false)
        }
    }

    private func died(_ p: (worker: WorkerProcess, generation: Int), request: WorkerRequest, note: String, blame: Bool) -> WorkerReply {
        stop()
        ctx.stats.bump(ctx.stats.workerCrashes)
        if blame { workers.remember(offender: request.stat) }
        backoffNanos = min(max(backoffNanos * 2, 100_000_000), 5_000_000_000)
        notBefore = monotonicNanos() + backoffNanos
        logDeath(pid: p.worker.pid, generation: p.generation, request: request, how: note, killed: false)
        return .failed("the scan worker died while scanning it (\(note))")
    }

    private func logDeath(pid: Int32, generation: Int, request: WorkerRequest?, how: String, killed: Bool) {
        let action = killed ? "scan-worker-killed" : "scan-worker-crashed"
        let message = killed
            ? "scan worker \(pid) was still scanning past the deadline and was killed (\(how)); the file was answered by limits.on_timeout"
            : request == nil ? "scan worker \(pid) died while idle (\(how)); a new worker starts"
            : "scan worker \(pid) died while scanning (\(how)); the file was answered by limits.on_error; a new worker starts"
        let path = request?.path ?? RawPath("")
        let e = ECSEvent.scanWorker(action: action, message: message, path: path, pid: pid, ended: how, generation: generation,
                                    rulesVersion: ctx.rules.set(request?.set ?? 0).0.version.label)
        ctx.log.emit(EventLog.Record(key: "\(action)|\(path)|\(pid)", line: e.render()))
    }
}

/// A rule set of a thread's worker, as the judges see it.
final class WorkerEngine: ScanEngine {
    private unowned let owner: WorkerScanner
    let set: Int

    init(owner: WorkerScanner, set: Int) {
        self.owner = owner
        self.set = set
    }

    func scan(_ file: OpenFile, path: RawPath, stat st: stat, wantType: Bool, deadline: UInt64?, archives: ArchiveOptions?) -> FileReport {
        let req = WorkerRequest(kind: .scan, set: set, path: path, stat: st, wantType: wantType, deadline: deadline, archives: archives)
        switch owner.request(req, fd: file.fd) {
        case .report(var r):
            r.path = path
            return r
        case .failed(let why):
            var r = FileReport(path: path)
            r.size = Int64(st.st_size)
            r.status = .failed(why)
            return r
        case .contentType, .ready, .counts:
            var r = FileReport(path: path)
            r.status = .failed("the scan worker answered out of turn")
            return r
        }
    }

    func contentType(_ file: OpenFile) -> String? {
        guard let st = try? file.stat() else { return nil }
        let req = WorkerRequest(kind: .contentType, set: set, path: RawPath(""), stat: st, wantType: true, deadline: nil, archives: nil)
        if case .contentType(let mime) = owner.request(req, fd: file.fd) { return mime }
        return nil
    }
}
