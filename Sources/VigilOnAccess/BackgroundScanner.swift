import Glibc
import VigilEngine
import VigilEvents
import VigilSystem

/// A scan the answer could not wait for: an event answered by its deadline (or cut at
/// its scan budget), or a process running from an anonymous memory file. Scanned again
/// without a deadline, so detection still happens when enforcement had to let go.
struct BackgroundJob: Sendable {
    let file: OpenFile
    let path: RawPath
    let stat: stat
    let pid: Int32
    let exec: Bool
    let upload: Int?
    let why: String
    /// The opener's workload: its rule set judges the rescan, and a finding is
    /// remembered for that set.
    var workload: WorkloadTag? = nil
}

/// The background thread: full scans without a deadline (but with
/// limits.background_timeout_s), at normal priority, for events whose answer had to go
/// first. A finding makes later opens of that version denied.
///
/// Owns: its queue and thread. Must not: answer events (theirs are out already).
final class BackgroundScanner: Service {
    private let ctx: PathContext
    private let uploads: UploadJudge
    private let queue: BlockingQueue<BackgroundJob>
    private let thread = ThreadGroup()

    init(ctx: PathContext, uploads: UploadJudge) {
        self.ctx = ctx
        self.uploads = uploads
        queue = BlockingQueue(capacity: max(1, ctx.config.backgroundQueueSize))
    }

    /// limits.background_queue_size = 0 turns background scans off.
    func start() throws(VigilError) {
        guard ctx.config.backgroundQueueSize > 0 else { return }
        thread.spawn("vigil-rescan") { [self] in loop() }
    }

    func stop() {
        queue.close()
        thread.joinAll()
    }

    /// Hands an answered event's file to the background scan (the fd stays valid after
    /// the answer). A full background queue is logged: nothing is dropped silently.
    func rescanLater(_ event: PendingEvent, why: String) {
        if ctx.config.backgroundQueueSize > 0, let dup = try? sysCall({ fcntl(event.fd, F_DUPFD_CLOEXEC, 0) }),
           queue.tryPush(BackgroundJob(file: OpenFile(adopting: dup), path: event.path, stat: event.stat, pid: event.pid,
                                       exec: event.isExec, upload: event.upload, why: why, workload: event.workload)) {
            return
        }
        ctx.stats.bump(ctx.stats.backgroundDropped)
        ctx.log.emitGated("not-rescanned", line: ctx.log.eventLine(action: "not-rescanned", outcome: "failure", path: event.path,
                                                                   size: Int64(event.stat.st_size), pid: event.pid, exec: event.isExec, latencyMicros: 0,
                                                                   message: "answered without a full scan (\(why)) and the background queue is full: not scanned"),
                          key: "not-rescanned|\(event.path)", path: event.path)
    }

    /// A process runs from an anonymous memory file (memfd_create + fexecve): fanotify
    /// sees no open or exec of it, so it is reported here, with what a scan finds.
    func anonymousExec(pid: Int32, exe: RawPath) {
        guard let fd = try? sysCall({ open("/proc/\(pid)/exe", O_RDONLY | O_CLOEXEC) }) else { return }
        let file = OpenFile(adopting: fd)
        guard let st = try? file.stat(), st.isRegular else { return }
        if !queue.tryPush(BackgroundJob(file: file, path: exe, stat: st, pid: pid, exec: true, upload: nil,
                                        why: "anonymous executable: no open or exec event exists for it")) {
            ctx.stats.bump(ctx.stats.backgroundDropped)
        }
    }

    private func loop() {
        ctx.threadSetup()
        var limits = ctx.scanLimits()
        limits.yaraTimeoutSeconds = ctx.config.backgroundTimeoutSeconds
        // Nobody waits on a rescan: its findings carry their details from the scan.
        limits.detailsForFindings = true
        // With sandboxed workers, one worker for this thread, replaced on reload (its
        // memory is its own process's, not the daemon's).
        var kept = ctx.workers == nil ? nil : ThreadScanner(limits: limits, ctx: ctx)
        while let job = queue.pop() {
            if ctx.isStopping { continue }
            // Else a scanner per job: rescans are rare (deadline misses), and one kept while
            // this thread waits would hold a rule set a reload replaced in memory.
            var scanner = kept ?? ThreadScanner(limits: limits)
            // The worker lives through a burst of rescans, and ends when the queue is
            // empty (so it never holds a replaced generation for long).
            defer { if ctx.workers != nil { kept = queue.depth > 0 ? scanner : ThreadScanner(limits: limits, ctx: ctx) } }
            // An upload is judged again as the host would: the event that sent it here is
            // an opener's, and the writer is not known any more (see UploadJudge).
            let set = job.upload == nil ? ctx.ruleSet(for: job.workload) : 0
            guard let (engine, gen) = try? scanner.current(ctx.rules, set: set) else { continue }
            ctx.stats.bump(ctx.stats.backgroundScans)
            if let u = job.upload {
                // (Tagged host, with [[workload]]s, so its line names the policy used.)
                let host = ctx.workloads.map { _ in WorkloadTag(index: nil, cgroup: nil) }
                uploads.judge(UploadJob(file: job.file, path: job.path, stat: job.stat, arrival: monotonicNanos(), upload: u, pid: job.pid, origin: "rescan",
                                        workload: host),
                              scanner: engine, generation: gen, deadline: nil)
                continue
            }
            scan(job, with: engine, generation: gen, set: set)
        }
    }

    private func scan(_ job: BackgroundJob, with scanner: any ScanEngine, generation: Int, set: Int) {
        let started = monotonicNanos()
        let report = ctx.runScan(scanner, fd: job.file.fd, path: job.path, stat: job.stat, wantType: false, deadline: nil)
        let j = Judgement(report)
        let anonymous = job.why.hasPrefix("anonymous")
        if j.verdict >= .quarantine && !anonymous {
            ctx.cache.remember(job.stat, .bad(report.findings.map { ECSRule($0) }, sha256: report.sha256?.description), generation: generation, set: set)
            ctx.stats.bump(ctx.stats.lateDetections)
        }
        guard report.isFinding || !j.complete || anonymous else { return }
        let verdictText = report.isFinding ? report.verdict.description : j.complete ? "clean" : "not fully judged"
        let message = anonymous
            ? "a process runs from an anonymous memory file (memfd_create + fexecve), which fanotify cannot see or refuse; its executable scans \(verdictText)"
            : "background scan (\(job.why)): \(verdictText)" + (j.verdict >= .quarantine ? "; the opener already had it, later opens are denied" : "")
        let action = anonymous ? "anonymous-exec" : "late-verdict"
        let line = ctx.log.eventLine(action: action, outcome: "success", path: job.path, size: report.size, pid: job.pid, exec: job.exec,
                                     latencyMicros: Int((monotonicNanos() - started) / 1000), report: report, subject: Subject.of(pid: job.pid),
                                     message: message, workload: job.workload)
        ctx.log.emit(EventLog.Record(key: "\(action)|\(job.path)|\(report.findings.map(\.name).joined(separator: ","))", line: line))
    }
}
