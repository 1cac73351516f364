import Glibc
import VigilConfig
import VigilEngine
import VigilEvents
import VigilSystem

/// Judges one pooled permission event on a scan worker: scan within the budget, decide
/// (Decision), answer, then remember and log what the answer means. Also answers an
/// event whose deadline passed (for the deadline keeper).
///
/// The rules that keep deadlines from being farmed: an event whose deadline passed
/// while it waited is never scanned on the hot path (its scan goes to the background);
/// a scan may hold a worker for at most the scan budget (then `on_timeout` answers and
/// the background finishes it); libyara stops at that budget, never later.
///
/// Owns: the answer by verdict and its consequences. Must not: read the fanotify group,
/// or decide policy (Decision does).
final class PermissionJudge: Sendable {
    private let ctx: PathContext
    private let background: BackgroundScanner
    private let writeUps: FindingWriteUps

    init(ctx: PathContext, background: BackgroundScanner, writeUps: FindingWriteUps) {
        self.ctx = ctx
        self.background = background
        self.writeUps = writeUps
    }

    /// `set` is the rule set of the opener's workload (0: the host's); `scannerFor`
    /// gives this worker's scanner for another set (to complete a clean verdict).
    func judge(_ event: PendingEvent, scanner: any ScanEngine, generation: Int, set: Int = 0,
               scannerFor: (Int) -> (any ScanEngine, Int)? = { _ in nil }) {
        let config = ctx.config
        if event.answered != nil {
            // Its deadline passed while it waited: the answer is out. Scanning it here
            // would only make the next events late too.
            background.rescanLater(event, why: "answered by its deadline before a worker was free")
            return
        }
        if config.debugSlowScanMilliseconds > 0, !config.debugSlowScanName.isEmpty,
           event.path.lossyString.contains(config.debugSlowScanName) {
            usleep(UInt32(config.debugSlowScanMilliseconds) * 1000)
        }
        let started = monotonicNanos()
        let budgetEnd = min(event.deadline, started + ctx.budgetNanos)
        let upload = event.upload.map { ctx.uploads[$0] }
        // guard.exclude_types: typed by content, so renaming a file cannot opt it out.
        if upload == nil, !config.excludeTypes.isEmpty, let mime = scanner.contentType(OpenFile(borrowing: event.fd)),
           config.excludeTypes.contains(where: { UploadRule.matches(mime, $0) }) {
            if event.answer(.allow) {
                ctx.stats.bump(ctx.stats.answeredAtOnce)
                ctx.cache.rememberClean(fd: event.fd, stat: event.stat, generation: generation, set: set)
            }
            return
        }
        var report = ctx.runScan(scanner, fd: event.fd, path: event.path, stat: event.stat, wantType: upload != nil, deadline: budgetEnd)
        if let upload { report.findings += upload.rule.evaluate(path: event.path, size: Int64(event.stat.st_size), mime: report.mimeType ?? "") }
        ctx.stats.bump(ctx.stats.scanned)
        ctx.stats.metrics.recordCacheMiss(.version)
        let outcome = Decision.decide(Judgement(report), ctx.decisionPolicy(for: event.workload))
        // The opener is still blocked, so /proc/PID is still there to read.
        let subject = outcome.log ? Subject.of(pid: event.pid) : nil
        let answered = event.answer(outcome.response)
        // The digest first (hashed here, microseconds for a small file): the deny cache
        // keeps it, and must know the version before its next open; the type after.
        ctx.completeDigest(&report, fd: event.fd)
        if let hit = report.allowlisted { ctx.log.logAllowlisted(hit, report: report, pid: event.pid, exec: event.isExec) }
        let latency = Int((monotonicNanos() - event.arrival) / 1000)
        if answered {
            ctx.stats.latency.record(micros: latency)
            ctx.stats.metrics.recordScan(event.isExec ? .exec : .open, nanos: UInt64(latency) * 1000)
        }
        if outcome.rememberBad { ctx.cache.remember(event.stat, .bad(report.findings.map { ECSRule($0) }, sha256: report.sha256?.description), generation: generation, set: set) }
        // The counters, the cache and a rescan now; the line once a finding is typed, on
        // the write-up lane, so this thread takes the next event (FindingWriteUps).
        if answered {
            record(outcome, of: event, report: report, subject: subject, latency: latency, generation: generation, set: set)
        } else {
            late(outcome, of: event, generation: generation, set: set)
        }
        writeUps.complete(report, of: event, with: scanner) { [self] report in
            if answered {
                writeLine(outcome, of: event, report: report, subject: subject, latency: latency)
            } else {
                writeLateLine(outcome, of: event, report: report, subject: subject, latency: latency)
            }
        }
        if outcome.rememberClean, upload == nil, ctx.cache.sets > 1 { completeSets(event, set: set, generation: generation, scannerFor: scannerFor) }
    }

    /// A version judged clean under one rule set is judged under the others that have
    /// not judged it yet, after the answer (nobody waits), so that the kernel mark —
    /// which would clear it for every opener — is placed only when every set agrees
    /// (VerdictCache). A finding under another set is remembered for that set: the
    /// next open by one of its workloads is answered from the deny cache.
    private func completeSets(_ event: PendingEvent, set: Int, generation: Int, scannerFor: (Int) -> (any ScanEngine, Int)?) {
        var policy = ctx.decisionPolicy
        policy.mode = .enforce
        for t in ctx.cache.setsNotClean(event.stat, generation: generation, besides: set) {
            guard let (scanner, gen) = scannerFor(t), gen == generation else { return }
            var report = ctx.runScan(scanner, fd: event.fd, path: event.path, stat: event.stat, wantType: false,
                                     deadline: monotonicNanos() + ctx.budgetNanos)
            ctx.completeDigest(&report, fd: event.fd)
            let o = Decision.decide(Judgement(report), policy)
            if o.rememberClean {
                ctx.cache.rememberClean(fd: event.fd, stat: event.stat, generation: generation, set: t)
            } else {
                if o.rememberBad {
                    ctx.cache.remember(event.stat, .bad(report.findings.map { ECSRule($0) }, sha256: report.sha256?.description), generation: generation, set: t)
                }
                return   // not clean for everyone: no kernel mark
            }
        }
    }

    /// What an answer by verdict leaves behind: counters, the cache, a rescan, a line.
    private func record(_ outcome: Decision.Outcome, of event: PendingEvent, report: FileReport, subject: Subject?, latency: Int, generation: Int, set: Int) {
        let stats = ctx.stats, config = ctx.config
        if event.workload != nil {
            stats.workloads.bump(event.workload, .scanned)
            stats.workloads.bump(event.workload, outcome.response == .deny ? .denied : outcome.action == .audit ? .audited : .allowed)
        }
        switch outcome.response {
        case .deny: stats.bump(stats.denied)
        case .allow: if outcome.action == .audit { stats.bump(stats.audited) }
        }
        if outcome.rememberClean { ctx.cache.rememberClean(fd: event.fd, stat: event.stat, generation: generation, set: set) }
        if outcome.rememberPartial { ctx.cache.remember(event.stat, .partial, generation: generation, set: set) }
        if outcome.action == .timeout { stats.bump(stats.timeouts) }
        if outcome.action == .error || outcome.action == .scanProblem { stats.bump(stats.errors) }
        if outcome.action == .oversize { stats.bump(stats.oversize) }
        let audit = outcome.action == .audit
        switch outcome.action {
        case .timeout: stats.fellBack(exec: event.isExec, .deadline, outcome.response, audit: audit)
        case .error: stats.fellBack(exec: event.isExec, .error, outcome.response, audit: audit)
        case .oversize: stats.fellBack(exec: event.isExec, .oversize, outcome.response, audit: audit)
        default: stats.answered(exec: event.isExec, outcome.response == .deny ? .deny : audit ? .audit : .allow)
        }
        if outcome.rescanLater { background.rescanLater(event, why: "its scan was cut at the scan budget (\(config.effectiveScanBudgetMilliseconds) ms)") }
        stats.sampled(pid: event.pid, path: event.path, exec: event.isExec, outcome.response == .deny ? .deny : audit ? .audit : .allow,
                      latencyMicros: latency, rule: report.findings.first?.name, workload: event.workload, executable: subject?.executable)
    }

    /// The line of an answer by verdict, if it has one.
    private func writeLine(_ outcome: Decision.Outcome, of event: PendingEvent, report: FileReport, subject: Subject?, latency: Int) {
        let config = ctx.config
        guard outcome.log else { return }
        if outcome.response == .deny && ctx.log.quietCanary(event.path) { return }
        let sent = outcome.response == .deny ? "deny" : "allow"
        let message: String? = switch outcome.action {
        case .error: "could not be judged; answered \(sent) (limits.on_error): \(report.failureText ?? "")"
        case .timeout: "not judged within the scan budget; answered \(sent) (limits.on_timeout); scanning it again in the background"
        case .oversize: "larger than limits.max_file_size (\(formatBytes(config.maxFileSize))): judged by its first and last \(formatBytes(config.oversizeWindow)); answered \(sent) (limits.on_oversize)"
        case .scanProblem: "judged by every rule but the ones that failed: \(report.failureText ?? "")"
        // What enforce would have done, and whose audit mode let it through.
        case .audit where report.verdict >= .quarantine:
            "would have been denied; allowed because " + (event.workload?.index.flatMap { ctx.workloads?.table.rules[$0].name }.map { "workload '\($0)' is in audit mode" }
                                                          ?? "daemon.mode is audit")
        default: nil
        }
        let line = ctx.log.eventLine(action: outcome.action.rawValue, outcome: outcome.action == .error || outcome.action == .timeout ? "failure" : "success",
                                     path: event.path, size: report.size, pid: event.pid, exec: event.isExec, latencyMicros: latency,
                                     report: report, subject: subject, message: message, workload: event.workload)
        let key = "\(outcome.action.rawValue)|\(event.path)|\(report.findings.map(\.name).joined(separator: ","))|\(subject?.executable?.description ?? "")"
        if outcome.response == .allow && outcome.action != .audit && outcome.action != .scanProblem {
            // An allow without a full judgement: through the flood gate, like every other.
            ctx.log.emitGated(outcome.action.rawValue, line: line, key: key, path: event.path)
        } else {
            ctx.log.emit(EventLog.Record(key: key, line: line))
        }
    }

    /// The deadline keeper answered first; this verdict is late. A finding still counts
    /// (later opens are denied), and the line says what the opener got.
    private func late(_ outcome: Decision.Outcome, of event: PendingEvent, generation: Int, set: Int) {
        if outcome.rememberClean { ctx.cache.rememberClean(fd: event.fd, stat: event.stat, generation: generation, set: set) }
        if outcome.rescanLater { background.rescanLater(event, why: "its scan did not finish by the deadline") }
    }

    /// The line of a late verdict.
    private func writeLateLine(_ outcome: Decision.Outcome, of event: PendingEvent, report: FileReport, subject: Subject?, latency: Int) {
        let sent = event.answered == .deny ? "deny" : "allow"
        let line = ctx.log.eventLine(action: "late-verdict", outcome: "success", path: event.path, size: report.size, pid: event.pid,
                                     exec: event.isExec, latencyMicros: latency, report: report, subject: subject ?? Subject.of(pid: event.pid),
                                     message: "scan finished after the deadline; \(sent) was sent; the scan said \(outcome.action.rawValue)",
                                     workload: event.workload)
        let key = "late|\(event.path)|\(report.findings.map(\.name).joined(separator: ","))"
        if report.isFinding { ctx.log.emit(EventLog.Record(key: key, line: line)) } else { ctx.log.emitGated("late-verdict", line: line, key: key, path: event.path) }
    }

    /// The deadline passed with the event still unanswered: `on_timeout` answers it, and
    /// its scan (still queued, or running) ends in the background, never on the hot path.
    func deadlinePassed(_ event: PendingEvent) {
        let answer = ctx.inMode(ctx.config.onTimeout, workload: event.workload)
        let (admitted, _) = ctx.log.gate.admit("timeout", example: event.path.description, now: monotonicNanos())
        let subject = admitted ? Subject.of(pid: event.pid) : nil
        guard event.answer(answer) else { return }
        ctx.stats.bump(ctx.stats.timeouts)
        ctx.stats.fellBack(exec: event.isExec, .deadline, answer, audit: false)
        guard admitted else { return }
        let line = ctx.log.eventLine(action: "timeout", outcome: "failure", path: event.path, size: Int64(event.stat.st_size),
                                     pid: event.pid, exec: event.isExec, latencyMicros: Int((monotonicNanos() - event.arrival) / 1000),
                                     subject: subject,
                                     message: "no verdict within \(ctx.config.deadlineMilliseconds) ms; answered \(answer == .allow ? "allow" : "deny") (limits.on_timeout); it is scanned in the background",
                                     workload: event.workload)
        ctx.log.emit(EventLog.Record(key: "timeout|\(event.path)|\(event.arrival)", line: line))
    }

    /// No scanner could be built for the rules in use: `on_error` answers.
    func cannotScan(_ event: PendingEvent, because error: VigilError) {
        let answer = ctx.inMode(ctx.config.onError, workload: event.workload)
        let note = ctx.log.noteUnscanned("engine-error", path: event.path, pid: event.pid)
        if event.answer(answer) { ctx.stats.fellBack(exec: event.isExec, .error, answer, audit: false) }
        ctx.log.logUnscanned(note, "engine-error", path: event.path, size: Int64(event.stat.st_size), pid: event.pid,
                             exec: event.isExec, response: answer, message: "cannot create a scanner: \(error)")
    }
}
