import Glibc
import VigilEngine
import VigilEvents
import VigilQuarantine
import VigilSystem

/// Upload folders: every file that lands in one is scanned, hashed and typed at once,
/// whichever way it arrived, and bad ones are quarantined, left denied, or audited, as
/// the folder's rule says. Until then (and if quarantine fails) the permission path
/// guards every open of it.
///
/// Owns: the verdict on an upload and what follows it. Must not: answer permission
/// events (nobody waits on an upload).
final class UploadJudge: Sendable {
    private let ctx: PathContext

    init(ctx: PathContext) { self.ctx = ctx }

    /// Scans and types an upload; quarantines, leaves for the permission path to deny,
    /// or audits, as its folder's rule says. The size and type rules apply to every
    /// upload, oversize ones included. Every upload gets one event line.
    ///
    /// The writer's workload (`job.workload`) chooses the rules (`set`, its rule set) and
    /// the mode: audit reports what would have been done and leaves the file, off does
    /// not judge it at all (opens of it are still judged, by each opener's workload).
    /// A writer not identified race-free is judged as the host (WorkloadResolver.writer).
    func judge(_ job: UploadJob, scanner: any ScanEngine, generation: Int, set: Int = 0, deadline: UInt64?) {
        let upload = ctx.uploads[job.upload]
        let stats = ctx.stats, cache = ctx.cache
        let workload = job.workload?.index.flatMap { ctx.workloads?.table.rules[$0] }
        if workload?.mode == .off { return }
        // The host's mode, or the writer's workload's (an enforcing workload enforces on
        // an audit host, as for opens).
        let auditing = ctx.decisionPolicy(for: job.workload).mode == .audit
        var report = ctx.runScan(scanner, fd: job.file.fd, path: job.path, stat: job.stat, wantType: true, deadline: deadline,
                                 archives: ctx.uploadArchives)
        report.findings += upload.rule.evaluate(path: job.path, size: Int64(job.stat.st_size), mime: report.mimeType ?? "")
        stats.bump(stats.uploads)
        let j = Judgement(report)
        var action = "upload-clean"
        var message: String?
        var storedID: String?
        if j.verdict >= .quarantine {
            if auditing || upload.rule.action == .audit {
                action = "audit"
                stats.bump(stats.audited)
                if let workload, workload.mode == .audit, upload.rule.action != .audit {
                    message = "would have been \(upload.rule.action == .quarantine ? "quarantined" : "denied"); left in place because workload '\(workload.name)' is in audit mode"
                }
            } else {
                // Opens of this version are denied from now on, whatever happens next.
                cache.remember(job.stat, .bad(report.findings.map { ECSRule($0) }, sha256: report.sha256?.description), generation: generation, set: set)
                if upload.rule.action == .quarantine {
                    do {
                        guard let root = upload.root else { throw VigilError("the upload folder \(upload.rule.folder) was not there when the daemon started") }
                        let rec = try upload.store.quarantine(job.file, at: job.path, beneath: root, stat: job.stat, report: report, source: "upload")
                        action = "quarantine"
                        storedID = rec.id
                        message = "moved to \(rec.storedPath)"
                        stats.bump(stats.quarantined)
                    } catch {
                        // A swap during the move is how an attack looks: an alert, not an error.
                        action = (error as? VigilError)?.isAlert == true ? "quarantine-race" : "quarantine-failed"
                        message = "\(error); opens of it are denied"
                        stats.bump(stats.errors)
                    }
                } else {
                    action = "deny"
                    message = "left in place; every open of it is denied"
                }
            }
        } else if j.verdict == .audit {
            action = "audit"
            stats.bump(stats.audited)
        } else if j.failed || j.timedOut {
            action = "upload-error"
            message = report.failureText
            stats.bump(stats.errors)
        } else if !j.complete {
            action = "upload-partial"
            message = "not fully judged: \(report.failureText ?? "")"
        } else {
            cache.rememberClean(fd: job.file.fd, stat: job.stat, generation: generation, set: set)
        }
        let judgedNanos = monotonicNanos() - job.arrival
        stats.metrics.recordScan(.upload, nanos: judgedNanos)
        stats.metrics.recordEvent(.upload, action == "quarantine" ? .quarantine : action == "deny" ? .deny : action == "audit" ? .audit : .allow)
        // Every scanned upload carries its SHA-256, clean ones too (the engine hashes only
        // what its hash lists or a finding need); read here, off the permission path.
        if report.sha256 == nil, report.status == .scanned, let sha = MultiDigest.sha256(of: job.file) { report.sha256 = sha }
        var u = JSONLine()
        u.add("upload_folder", upload.rule.folder)
        u.add("upload_origin", job.origin)
        u.add("quarantine_id", storedID)
        u.add("verdict_unix_ns", Int(wallClockNanos()))
        var extra = JSONLine()
        extra.add("upload", object: u)
        // The writer that closed it, if it is still there to read.
        let subject = job.pid > 0 ? Subject.of(pid: job.pid) : nil
        let line = ctx.log.eventLine(action: action, outcome: action.hasSuffix("failed") || action == "upload-error" ? "failure" : "success",
                             path: job.path, size: report.size, pid: job.pid, exec: false,
                             latencyMicros: Int((monotonicNanos() - job.arrival) / 1000), report: report, subject: subject, message: message,
                             extra: extra, upload: true, workload: job.workload)
        ctx.log.emit(EventLog.Record(key: "upload|\(action)|\(job.path)|\(job.arrival)", line: line))
    }
}
