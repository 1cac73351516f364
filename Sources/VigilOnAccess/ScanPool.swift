import CLinux
import Glibc
import VigilEngine
import VigilSystem

/// Work for the scan pool: a permission event waiting for its answer, or an upload
/// whose writer has closed it (a notification: nobody waits, but it must be judged).
enum PoolJob: Sendable {
    case permission(PendingEvent)
    case upload(UploadJob)
}

/// The scan workers: each owns its scanner (a libyara scanner per rule set, a libmagic
/// handle), takes jobs from the fair queue and hands each to its judge.
///
/// Owns: the workers and the queue. Must not: answer events itself (the judges and the
/// deadline keeper do), or wait on the event thread.
final class ScanPool: Service {
    let queue: FairQueue<PoolJob>
    private let ctx: PathContext
    private let threads: Int
    private let permissions: PermissionJudge
    private let uploads: UploadJudge
    private let deadlines: DeadlineKeeper
    private let workers = ThreadGroup()

    init(ctx: PathContext, threads: Int, permissions: PermissionJudge, uploads: UploadJudge, deadlines: DeadlineKeeper) {
        self.ctx = ctx
        self.threads = threads
        self.permissions = permissions
        self.uploads = uploads
        self.deadlines = deadlines
        queue = FairQueue(capacity: ctx.config.queueSize, consumers: threads)
    }

    func start() throws(VigilError) {
        for i in 0..<threads {
            workers.spawn("vigil-scan-\(i)") { [self] in work() }
        }
    }

    /// Closes the queue; what is left is answered allow (the service is stopping).
    func stop() {
        queue.close()
        workers.joinAll()
    }

    /// Queues a permission event in its opener's lane and starts its deadline; false
    /// when the queue is full (the caller answers by on_queue_full).
    func submit(_ event: PendingEvent) -> Bool {
        guard queue.tryPush(.permission(event), lane: event.lane) else { return false }
        deadlines.add(event)
        return true
    }

    /// Queues an upload in a lane of its own; false when the queue is full.
    func submit(_ upload: UploadJob) -> Bool {
        queue.tryPush(.upload(upload), lane: UInt32.max)
    }

    private func work() {
        // Scan workers parse hostile bytes: the daemon confines them here (Landlock).
        ctx.threadSetup()
        // Openers wait on these scans: they answer, like the event thread, at its
        // priority (DaemonConfig.realtime: real time during bursts, by default). Every
        // hot scan is bounded by the scan budget, and the kernel keeps 5 % of each second
        // for normal tasks whatever happens.
        ctx.answering.join()
        defer { ctx.answering.leave() }
        var scanner = ThreadScanner(limits: ctx.scanLimits(), ctx: ctx)
        // Build the scanner (libmagic loads its database) before the first event waits on it.
        do { _ = try scanner.current(ctx.rules) } catch {
            ctx.log.note("error", "cannot create a scanner: \(error)")
        }
        // Idle for a second after a reload: drop the old set's scanner and give the freed
        // heap back.
        while let job = queue.pop(idle: .seconds(1), onIdle: {
            if scanner.dropIfStale(ctx.rules) { _ = vigil_malloc_trim() }
            // A sandboxed worker (re)starts before the next event waits on it: after a
            // reload, a crash, or a failed start (within its backoff).
            if ctx.workers != nil { _ = try? scanner.current(ctx.rules) }
        }) {
            if ctx.isStopping {
                // Queued before the stop, never scanned: counted (the deadline keeper may
                // have answered it already).
                if case .permission(let event) = job, event.answer(.allow) { ctx.stats.stopWindow.allowed(guardedPath: event.path) }
                continue
            }
            let engine: any ScanEngine, generation: Int
            // A workload with rules of its own is judged by its rule set: an opener's, or
            // an upload's writer's.
            let set: Int = switch job {
            case .permission(let event): ctx.ruleSet(for: event.workload)
            case .upload(let upload): ctx.ruleSet(for: upload.workload)
            }
            do { (engine, generation) = try scanner.current(ctx.rules, set: set) } catch {
                ctx.stats.bump(ctx.stats.errors)
                if case .permission(let event) = job { permissions.cannotScan(event, because: error) }
                continue
            }
            switch job {
            case .permission(let event):
                permissions.judge(event, scanner: engine, generation: generation, set: set) { try? scanner.current(ctx.rules, set: $0) }
            case .upload(let upload):
                // Nobody waits on an upload's verdict: it runs at normal priority.
                ctx.answering.leave()
                uploads.judge(upload, scanner: engine, generation: generation, set: set, deadline: nil)
                ctx.answering.join()
            }
        }
    }
}
