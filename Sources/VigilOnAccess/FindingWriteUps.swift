import CLinux
import Glibc
import VigilEngine
import VigilSystem

/// A finding's file type, looked up after its answer on a thread of its own, and then
/// its line. libmagic takes 0.3-1.7 ms on a small text file; done on the scan thread
/// that judged the finding, it kept that thread from the next event. Measured before
/// this lane: a run of denied 6 KiB text files, two scan threads, alternated between
/// 0.2 ms and 1-2 ms per open (every other open found both threads typing).
///
/// The lane has its own scanner: with the sandbox, its own worker process (started at
/// the first finding), so libmagic still never parses a file inside the daemon. A full
/// lane (a burst of findings) types on the caller's thread, as before: a finding's line
/// waits for its type, it does not lose it (but while the daemon stops, see `loop`).
///
/// Owns: its queue and thread. Must not: answer (the answer is out) or decide.
final class FindingWriteUps: Service {
    struct Job: Sendable {
        /// Holds the event's fd open until the line is written.
        let event: PendingEvent
        let report: FileReport
        /// Writes the line (and the rest of the answer's consequences) once typed.
        let finish: @Sendable (FileReport) -> Void
    }

    private let ctx: PathContext
    /// One lane: no fairness is needed here, but its idle wake-up is (a reload's old
    /// scanner, and its worker, go after a second without findings).
    private let queue: FairQueue<Job>
    private let thread = ThreadGroup()

    init(ctx: PathContext, capacity: Int = 64) {
        self.ctx = ctx
        queue = FairQueue(capacity: capacity, consumers: 1)
    }

    func start() throws(VigilError) {
        thread.spawn("vigil-writeup") { [self] in loop() }
    }

    /// Stops taking jobs, writes up the ones queued, and waits for the thread.
    func stop() {
        queue.close()
        thread.joinAll()
    }

    /// Types `report` (a finding without a type) and hands it to `finish`: on the lane's
    /// thread, or on this one when the lane is full or stopped.
    func complete(_ report: FileReport, of event: PendingEvent, with scanner: any ScanEngine,
                  finish: @escaping @Sendable (FileReport) -> Void) {
        guard report.isFinding, report.mimeType == nil else { return finish(report) }
        if queue.tryPush(Job(event: event, report: report, finish: finish), lane: 0) { return }
        var typed = report
        ctx.completeType(&typed, fd: event.fd, scanner: scanner)
        finish(typed)
    }

    private func loop() {
        // It parses hostile bytes when there is no sandbox: confined like the scan threads,
        // but at normal priority (nobody waits on a line).
        ctx.threadSetup()
        var scanner = ThreadScanner(limits: ctx.scanLimits(), ctx: ctx)
        while let job = queue.pop(idle: .seconds(1), onIdle: {
            if scanner.dropIfStale(ctx.rules) { _ = vigil_malloc_trim() }
        }) {
            var report = job.report
            // The type does not depend on the rule set: libmagic's database is the same.
            // Stopping: the lines go out untyped rather than wait on a worker (a failed
            // start backs off for up to 5 s, per job).
            if !ctx.isStopping, let (engine, _) = try? scanner.current(ctx.rules) {
                ctx.completeType(&report, fd: job.event.fd, scanner: engine)
            }
            job.finish(report)
        }
    }
}
