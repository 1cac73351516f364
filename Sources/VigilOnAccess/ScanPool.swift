import CLinux
import Glibc
import VigilConfig
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
}

/// The scan workers: each owns its scanner (a libyara scanner per rule set, a libmagic
/// handle), takes events from the fair queue and answers them by verdict.
///
/// The rules that keep deadlines from being farmed: an event whose deadline passed
/// while it waited is never scanned on the hot path (its scan goes to the background
/// thread); a scan may hold a worker for at most the scan budget (then `on_timeout`
/// answers and the background finishes it); libyara stops at that budget, never later.
extension OnAccessService {
    func workerLoop() {
        // Scan workers parse hostile bytes: the daemon confines them here (Landlock).
        threadSetup()
        // Openers wait on these scans: real-time, like the event loop (see
        // DaemonConfig.realtime). Every hot scan is bounded by the scan budget, and the
        // kernel keeps 5 % of each second for normal tasks whatever happens.
        let realtime = config.realtime && vigil_thread_realtime(1) == 0
        var scanner: FileScanner?
        var scannerGeneration = 0
        let limits = scanLimits()
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
                    if case .permission(let event) = job {
                        let answer = config.mode == .audit ? Fanotify.Response.allow : config.onError
                        let note = noteUnscanned("engine-error", path: event.path, pid: event.pid)
                        event.answer(answer)
                        logUnscanned(note, "engine-error", path: event.path, size: Int64(event.stat.st_size), pid: event.pid,
                                     exec: event.isExec, response: answer, message: "cannot create a scanner: \(error)")
                    }
                    continue
                }
            }
            switch job {
            case .permission(let event):
                judge(event, scanner: scanner!, generation: gen)
            case .upload(let job):
                // Nobody waits on an upload's verdict: it runs at normal priority.
                if realtime { _ = vigil_thread_normal() }
                judgeUpload(job, scanner: scanner!, generation: gen, deadline: nil)
                if realtime { _ = vigil_thread_realtime(1) }
            }
        }
    }

    /// Scans one permission event within its budget and answers it.
    private func judge(_ event: PendingEvent, scanner: FileScanner, generation: Int) {
        if event.answered != nil {
            // Its deadline passed while it waited: the answer is out. Scanning it here
            // would only make the next events late too.
            rescanLater(event, why: "answered by its deadline before a worker was free")
            return
        }
        if config.debugSlowScanMilliseconds > 0, !config.debugSlowScanName.isEmpty,
           event.path.lossyString.contains(config.debugSlowScanName) {
            usleep(UInt32(config.debugSlowScanMilliseconds) * 1000)
        }
        let started = monotonicNanos()
        let budgetEnd = min(event.deadline, started + budgetNanos)
        let upload = event.upload.map { uploads[$0] }
        // guard.exclude_types: typed by content, so renaming a file cannot opt it out.
        if upload == nil, !config.excludeTypes.isEmpty, let mime = scanner.contentType(OpenFile(borrowing: event.fd)),
           config.excludeTypes.contains(where: { UploadRule.matches(mime, $0) }) {
            if event.answer(.allow) {
                stats.bump(stats.answeredAtOnce)
                cache.rememberClean(fd: event.fd, stat: event.stat, generation: generation)
            }
            return
        }
        var report = runScan(scanner, fd: event.fd, path: event.path, stat: event.stat, wantType: upload != nil, deadline: budgetEnd)
        if let upload { report.findings += upload.rule.evaluate(path: event.path, size: Int64(event.stat.st_size), mime: report.mimeType ?? "") }
        stats.bump(stats.scanned)
        let outcome = Decision.decide(OnAccessService.judgement(of: report), decisionPolicy)
        // The opener is still blocked, so /proc/PID is still there to read.
        let subject = outcome.log ? Subject.of(pid: event.pid) : nil
        let answered = event.answer(outcome.response)
        let latency = Int((monotonicNanos() - event.arrival) / 1000)
        if answered { stats.latency.record(micros: latency) }
        if outcome.rememberBad { cache.remember(event.stat, .bad(report.findings.map(\.name)), generation: generation) }
        if !answered {
            // The deadline keeper answered first; this verdict is late. A finding still
            // counts (later opens are denied), and the line says what the opener got.
            if outcome.rememberClean { cache.rememberClean(fd: event.fd, stat: event.stat, generation: generation) }
            let sent = event.answered == .deny ? "deny" : "allow"
            if outcome.rescanLater { rescanLater(event, why: "its scan did not finish by the deadline") }
            let line = eventLine(action: "late-verdict", outcome: "success", path: event.path, size: report.size, pid: event.pid,
                                 exec: event.isExec, latencyMicros: latency, report: report, subject: subject ?? Subject.of(pid: event.pid),
                                 message: "scan finished after the deadline; \(sent) was sent; the scan said \(outcome.action.rawValue)")
            let key = "late|\(event.path)|\(report.findings.map(\.name).joined(separator: ","))"
            if report.isFinding { log.emit(EventLog.Record(key: key, line: line)) } else { emitGated("late-verdict", line: line, key: key, path: event.path) }
            return
        }
        switch outcome.response {
        case .deny: stats.bump(stats.denied)
        case .allow: if outcome.action == .audit { stats.bump(stats.audited) }
        }
        if outcome.rememberClean { cache.rememberClean(fd: event.fd, stat: event.stat, generation: generation) }
        if outcome.rememberPartial { cache.remember(event.stat, .partial, generation: generation) }
        if outcome.action == .timeout { stats.bump(stats.timeouts) }
        if outcome.action == .error || outcome.action == .scanProblem { stats.bump(stats.errors) }
        if outcome.action == .oversize { stats.bump(stats.oversize) }
        if outcome.rescanLater { rescanLater(event, why: "its scan was cut at the scan budget (\(config.effectiveScanBudgetMilliseconds) ms)") }
        guard outcome.log else { return }
        let message: String? = switch outcome.action {
        case .error: "could not be judged; answered \(outcome.response == .deny ? "deny" : "allow") (limits.on_error): \(report.failureText ?? "")"
        case .timeout: "not judged within the scan budget; answered \(outcome.response == .deny ? "deny" : "allow") (limits.on_timeout); scanning it again in the background"
        case .oversize: "larger than limits.max_file_size (\(formatBytes(config.maxFileSize))): judged by its first and last \(formatBytes(config.oversizeWindow)); answered \(outcome.response == .deny ? "deny" : "allow") (limits.on_oversize)"
        case .scanProblem: "judged by every rule but the ones that failed: \(report.failureText ?? "")"
        default: nil
        }
        let line = eventLine(action: outcome.action.rawValue, outcome: outcome.action == .error || outcome.action == .timeout ? "failure" : "success",
                             path: event.path, size: report.size, pid: event.pid, exec: event.isExec, latencyMicros: latency,
                             report: report, subject: subject, message: message)
        let key = "\(outcome.action.rawValue)|\(event.path)|\(report.findings.map(\.name).joined(separator: ","))|\(subject?.executable?.description ?? "")"
        if outcome.response == .allow && outcome.action != .audit && outcome.action != .scanProblem {
            // An allow without a full judgement: through the flood gate, like every other.
            emitGated(outcome.action.rawValue, line: line, key: key, path: event.path)
        } else {
            log.emit(EventLog.Record(key: key, line: line))
        }
    }

    /// The deadline passed with the event still unanswered: `on_timeout` answers it, and
    /// its scan (still queued, or running) ends in the background, never on the hot path.
    func deadlinePassed(_ event: PendingEvent) {
        let answer = config.mode == .audit ? Fanotify.Response.allow : config.onTimeout
        let (admitted, _) = gate.admit("timeout", example: event.path.description, now: monotonicNanos())
        let subject = admitted ? Subject.of(pid: event.pid) : nil
        guard event.answer(answer) else { return }
        stats.bump(stats.timeouts)
        guard admitted else { return }
        let line = eventLine(action: "timeout", outcome: "failure", path: event.path, size: Int64(event.stat.st_size),
                             pid: event.pid, exec: event.isExec, latencyMicros: Int((monotonicNanos() - event.arrival) / 1000),
                             subject: subject,
                             message: "no verdict within \(config.deadlineMilliseconds) ms; answered \(answer == .allow ? "allow" : "deny") (limits.on_timeout); it is scanned in the background")
        log.emit(EventLog.Record(key: "timeout|\(event.path)|\(event.arrival)", line: line))
    }

    /// Hands an answered event's file to the background scan (the fd stays valid after
    /// the answer). A full background queue is logged: nothing is dropped silently.
    func rescanLater(_ event: PendingEvent, why: String) {
        let dup = fcntl(event.fd, F_DUPFD_CLOEXEC, 0)
        guard dup >= 0, config.backgroundQueueSize > 0,
              background.tryPush(BackgroundJob(file: OpenFile(adopting: dup), path: event.path, stat: event.stat, pid: event.pid,
                                               exec: event.isExec, upload: event.upload, why: why)) else {
            stats.bump(stats.backgroundDropped)
            emitGated("not-rescanned", line: eventLine(action: "not-rescanned", outcome: "failure", path: event.path,
                                                       size: Int64(event.stat.st_size), pid: event.pid, exec: event.isExec, latencyMicros: 0,
                                                       message: "answered without a full scan (\(why)) and the background queue is full: not scanned"),
                      key: "not-rescanned|\(event.path)", path: event.path)
            return
        }
    }

    /// The background thread: full scans without a deadline (but with
    /// limits.background_timeout_s), for events whose answer had to go first.
    func backgroundLoop() {
        threadSetup()
        var scanner: FileScanner?
        var scannerGeneration = 0
        var limits = scanLimits()
        limits.yaraTimeoutSeconds = config.backgroundTimeoutSeconds
        while let job = background.pop() {
            if stopping.load(ordering: .relaxed) { continue }
            let (sigs, gen) = currentSignatures
            if scanner == nil || scannerGeneration != gen {
                scanner = try? FileScanner(signatures: sigs, limits: limits)
                scannerGeneration = gen
            }
            guard let scanner else { continue }
            stats.bump(stats.backgroundScans)
            if let u = job.upload {
                judgeUpload(UploadJob(file: job.file, path: job.path, stat: job.stat, arrival: monotonicNanos(), upload: u, pid: job.pid, origin: "rescan"),
                            scanner: scanner, generation: gen, deadline: nil)
                continue
            }
            let started = monotonicNanos()
            let report = runScan(scanner, fd: job.file.fd, path: job.path, stat: job.stat, wantType: false, deadline: nil)
            let j = OnAccessService.judgement(of: report)
            let anonymous = job.why.hasPrefix("anonymous")
            if j.verdict >= .quarantine && !anonymous {
                cache.remember(job.stat, .bad(report.findings.map(\.name)), generation: gen)
                stats.bump(stats.lateDetections)
            }
            guard report.isFinding || !j.complete || anonymous else { continue }
            let verdictText = report.isFinding ? report.verdict.description : j.complete ? "clean" : "not fully judged"
            let message = anonymous
                ? "a process runs from an anonymous memory file (memfd_create + fexecve), which fanotify cannot see or refuse; its executable scans \(verdictText)"
                : "background scan (\(job.why)): \(verdictText)" + (j.verdict >= .quarantine ? "; the opener already had it, later opens are denied" : "")
            let action = anonymous ? "anonymous-exec" : "late-verdict"
            let line = eventLine(action: action, outcome: "success", path: job.path, size: report.size, pid: job.pid, exec: job.exec,
                                 latencyMicros: Int((monotonicNanos() - started) / 1000), report: report, subject: Subject.of(pid: job.pid),
                                 message: message)
            log.emit(EventLog.Record(key: "\(action)|\(job.path)|\(report.findings.map(\.name).joined(separator: ","))", line: line))
        }
    }

    /// A process runs from an anonymous memory file (memfd_create + fexecve): fanotify
    /// sees no open or exec of it, so it is reported here, with what a scan finds.
    func anonymousExec(pid: Int32, exe: RawPath) {
        let fd = open("/proc/\(pid)/exe", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        let file = OpenFile(adopting: fd)
        guard let st = try? file.stat(), st.isRegular else { return }
        if !background.tryPush(BackgroundJob(file: file, path: exe, stat: st, pid: pid, exec: true, upload: nil,
                                             why: "anonymous executable: no open or exec event exists for it")) {
            stats.bump(stats.backgroundDropped)
        }
    }
}
