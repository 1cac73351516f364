import Glibc
import Synchronization
import VigilEngine
import VigilQuarantine
import VigilSystem

/// Totals of one on-demand scan.
public struct ScanSummary: Sendable {
    public var files = 0
    public var bytes: Int64 = 0
    /// Detections: one per matching rule or hash entry.
    public var findings = 0
    public var infectedFiles = 0
    /// Oversize files of which only the head and tail windows were scanned. Not errors:
    /// the size limit is configuration, and findings in the windows are reported.
    public var partiallyScanned = 0
    public var skipped = 0
    /// Files that could not be judged (or not fully): unreadable, YARA timed out or
    /// failed as a whole. Each file counts once.
    public var errors = 0
    /// Rules lost to run-time errors (one per file and rule); those files were judged by
    /// every other rule, so they are not `errors`.
    public var ruleErrors = 0
    /// Warnings such as a string reaching libyara's match limit.
    public var warnings = 0
    public var symlinksNotFollowed = 0
    /// Archive members scanned, and files where an archive limit or encryption left
    /// members unread (issue 13).
    public var archiveMembers = 0
    public var archiveBytes: Int64 = 0
    public var archiveLimits = 0
    public var quarantined = 0
    /// What the literal prefilter decided for the matched files (issue 14).
    public var prefilter = PrefilterCounts()
    public var seconds = 0.0

    public var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / 1_048_576 / seconds : 0 }
}

/// One result of a scan, handed to the caller for output: in the walk's order with one
/// thread, in the order files finish with more.
public struct ScanEvent: Sendable {
    public let report: FileReport
    /// Set when `--move-to` tried to move this file.
    public let quarantine: Result<QuarantineStore.Record, VigilError>?
    /// Set when `--copy` tried to copy this file: the copy's path, or why not.
    public var copy: Result<String, VigilError>? = nil
}

/// A parallel on-demand scan: one walker (the calling thread) opens files and a pool
/// of worker threads, each with its own `FileScanner`, reads and matches them.
///
/// Owns: threads, the job queue and the totals. Must not: print.
public final class ScanRun: Sendable {
    public struct Options: Sendable {
        public var walk = WalkOptions()
        public var limits = ScanLimits()
        public var threads = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        public var quarantine: QuarantineStore?
        /// Findings at or above this verdict are moved when a quarantine store is set.
        public var quarantineAt: Verdict = .quarantine
        /// clamscan's `--copy`: files with findings (any verdict above allow) are copied here.
        public var copies: InfectedCopies?
        /// Set: files are parsed in sandboxed `vigil scan-worker` processes, one per thread.
        public var sandbox: SandboxedScans?
        public init() {}
    }

    public let signatures: Signatures
    public let options: Options
    private let summary = Mutex(ScanSummary())

    public init(signatures: Signatures, options: Options) {
        self.signatures = signatures
        self.options = options
    }

    /// Totals so far (for a progress display).
    public var snapshot: ScanSummary { summary.withLock { $0 } }

    public func run(_ roots: [RawPath], onEvent: @escaping @Sendable (ScanEvent) -> Void) throws(VigilError) -> ScanSummary {
        // Nothing to walk (`vigil scan -` alone): no threads, and no workers to start.
        guard !roots.isEmpty else { return summary.withLock { $0 } }
        raiseOpenFileLimit()
        let start = monotonicSeconds()
        let threads = max(1, options.threads)
        // A short queue keeps few descriptors open and gives back-pressure to the walker:
        // each job holds its file and shares its folder's descriptor (kept for quarantine),
        // so at most two descriptors per queued job on top of the walk's own.
        let queue = BlockingQueue<Work>(capacity: 64 * threads)
        let workers = ThreadGroup()
        let image = try Image(options.sandbox, signatures, options.limits)
        defer { image.close() }
        let started = try startWorkers(image, count: threads)
        for i in 0..<threads {
            // Each scanner is thread-affine: made here, it moves into its worker (the
            // closure is `sending`) and no other thread can reach it.
            let scanner: Engine
            do { scanner = try engine(image, started: i < started.count ? started[i] : nil) } catch {
                queue.close()
                workers.joinAll()
                throw error
            }
            workers.spawn("vigil-scan-\(i)") { [self] in
                while let work = queue.pop() {
                    switch work {
                    case .scan(let job): process(job, with: scanner, onEvent: onEvent)
                    case .note(let event): record(event, onEvent: onEvent)
                    }
                }
                let counts = scanner.finish()
                summary.withLock { $0.prefilter = $0.prefilter + counts }
            }
        }
        let walker = TreeWalker(
            options: options.walk,
            found: { queue.push(.scan($0)) },
            // Through the queue, not printed here: with one thread, a skip or an error
            // then comes out between the files walked before and after it, as clamscan
            // prints, and not ahead of files still queued.
            note: { path, status in
                var report = FileReport(path: path)
                report.status = status
                queue.push(.note(ScanEvent(report: report, quarantine: nil)))
            },
            symlinkSkipped: { [self] in summary.withLock { $0.symlinksNotFollowed += 1 } }
        )
        for root in roots { walker.walk(root) }
        queue.close()
        workers.joinAll()
        return summary.withLock {
            $0.seconds = monotonicSeconds() - start
            return $0
        }
    }

    /// What the walker hands the workers: a file to scan, or a result it already has.
    private enum Work: Sendable {
        case scan(ScanJob)
        case note(ScanEvent)
    }

    /// The rules image the workers read (a memfd), when the scan uses workers.
    private struct Image {
        let fd: Int32
        init(_ sandbox: SandboxedScans?, _ signatures: Signatures, _ limits: ScanLimits) throws(VigilError) {
            fd = sandbox == nil ? -1 : try WorkerProcess.imageMemfd([signatures], limits: limits)
        }
        func close() { if fd >= 0 { Glibc.close(fd) } }
    }

    /// One thread's way to scan: a FileScanner here, or a sandboxed worker.
    private enum Engine {
        case inProcess(FileScanner)
        case worker(SandboxedScanner)

        func scan(_ file: OpenFile, path: RawPath, stat st: stat) -> FileReport {
            switch self {
            case .inProcess(let s): s.scan(file, path: path, stat: st)
            case .worker(let w): w.scan(file, path: path, stat: st)
            }
        }

        func finish() -> PrefilterCounts {
            switch self {
            case .inProcess(let s): s.prefilterCounts
            case .worker(let w): w.finish()
            }
        }
    }

    /// Every thread's worker starts here, side by side (one worker's start-up, not one per
    /// thread), so that a sandbox that cannot be entered ends the scan with its reason
    /// before any file (not one error per file).
    private func startWorkers(_ image: Image, count: Int) throws(VigilError) -> [WorkerProcess] {
        guard let sandbox = options.sandbox else { return [] }
        var workers: [WorkerProcess] = []
        do {
            for _ in 0..<count {
                workers.append(try WorkerProcess.launch(executable: sandbox.executable, identity: sandbox.identity, imageFd: image.fd,
                                                        limits: options.limits))
            }
            for w in workers { try w.awaitReady(startMillis: SandboxedScanner.startMillis) }
        } catch {
            for w in workers { w.stop(kill: true) }
            throw VigilError("cannot start a sandboxed scan worker: \(error) (--sandbox=no scans in this process)")
        }
        return workers
    }

    /// One thread's engine; with workers, `started` is its first worker.
    private func engine(_ image: Image, started: WorkerProcess?) throws(VigilError) -> Engine {
        guard let sandbox = options.sandbox else { return .inProcess(try FileScanner(signatures: signatures, limits: options.limits)) }
        return .worker(SandboxedScanner(sandbox, imageFd: image.fd, limits: options.limits, started: started))
    }

    private func process(_ job: ScanJob, with scanner: Engine, onEvent: @Sendable (ScanEvent) -> Void) {
        let report = scanner.scan(job.file, path: job.path, stat: job.stat)
        var copied: Result<String, VigilError>?
        // Copy before a move takes the file away; both read the scanned descriptor.
        if let copies = options.copies, report.isFinding, report.verdict > .allow {
            do { copied = .success(try copies.copy(job.file, name: job.name)) } catch { copied = .failure(error) }
        }
        var moved: Result<QuarantineStore.Record, VigilError>?
        if let store = options.quarantine, report.isFinding, report.verdict >= options.quarantineAt {
            do {
                moved = .success(try store.quarantine(job.file, in: job.directory, name: job.name, displayPath: job.path,
                                                      stat: job.stat, report: report))
            }
            catch { moved = .failure(error) }
        }
        record(ScanEvent(report: report, quarantine: moved, copy: copied), onEvent: onEvent)
    }

    /// Scans one open file that no folder holds (standard input, clamscan's `-`): it
    /// counts in the summary like any file and is never moved (there is nothing to move).
    public func scanStandalone(_ file: OpenFile, path: RawPath, onEvent: @escaping @Sendable (ScanEvent) -> Void) throws(VigilError) {
        let image = try Image(options.sandbox, signatures, options.limits)
        defer { image.close() }
        let scanner = try engine(image, started: try startWorkers(image, count: 1).first)
        let st: stat
        do { st = try file.stat() } catch { throw VigilError("cannot stat \(path)", cause: error) }
        let report = scanner.scan(file, path: path, stat: st)
        let counts = scanner.finish()
        summary.withLock { $0.prefilter = $0.prefilter + counts }
        var copied: Result<String, VigilError>?
        if let copies = options.copies, report.isFinding, report.verdict > .allow {
            do { copied = .success(try copies.copy(file, name: path)) } catch { copied = .failure(error) }
        }
        record(ScanEvent(report: report, quarantine: nil, copy: copied), onEvent: onEvent)
    }

    private func record(_ event: ScanEvent, onEvent: (ScanEvent) -> Void) {
        summary.withLock { summary in
            let r = event.report
            switch r.status {
            case .scanned:
                summary.files += 1
                summary.bytes += r.bytesRead
                if r.isFinding {
                    summary.infectedFiles += 1
                    summary.findings += r.findings.count
                }
                if r.isPartial { summary.partiallyScanned += 1 }
                summary.archiveMembers += r.archiveMembers
                summary.archiveBytes += r.archiveBytes
                if r.problems.contains(where: { if case .archiveLimit = $0 { true } else if case .archiveEncrypted = $0 { true } else { false } }) {
                    summary.archiveLimits += 1
                }
                if r.problems.contains(where: \.isError) { summary.errors += 1 }
                summary.ruleErrors += r.problems.count(where: \.isRuleError)
                summary.warnings += r.problems.count(where: \.isWarning)
            case .skipped: summary.skipped += 1
            case .failed: summary.errors += 1
            }
            switch event.quarantine {
            case .success?: summary.quarantined += 1
            case .failure?: summary.errors += 1
            case nil: break
            }
            if case .failure? = event.copy { summary.errors += 1 }
            // Output under the same lock: lines from different workers never interleave.
            onEvent(event)
        }
    }
}
