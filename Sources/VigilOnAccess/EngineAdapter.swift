import Glibc
import VigilConfig
import VigilEngine
import VigilSystem

/// The one place the permission path meets the scan engine: what to scan with which
/// limits, a scanner per thread kept in step with the rules, and what a report amounts
/// to for the decision.
///
/// Owns: the translation between engine and decision. Must not: decide (Decision does).
extension PathContext {
    func scanLimits() -> ScanLimits {
        var limits = ScanLimits()
        limits.maxFileSize = config.maxFileSize
        limits.oversizeWindow = config.oversizeWindow
        limits.retainLargeBuffer = false
        // The hot path passes its own deadline (the scan budget); this is the ceiling.
        limits.yaraTimeout = Double(config.deadlineMilliseconds) / 1000
        limits.archives = openArchives
        limits.prefilter = config.prefilter
        // A finding's SHA-256 and type are for its event and the deny cache, not for the
        // answer: the judge completes them after answering (completeDigest, completeType). libmagic on a
        // small text file alone took 2-3 ms, which every opener of malware waited for.
        limits.detailsForFindings = false
        limits.preloadTypes = true
        return limits
    }

    /// A finding's SHA-256, after the opener has its answer: hashed here (no parsing).
    func completeDigest(_ report: inout FileReport, fd: Int32) {
        guard report.isFinding, report.sha256 == nil else { return }
        report.sha256 = MultiDigest.sha256(of: OpenFile(borrowing: fd))
    }

    /// A finding's MIME type, after the opener has its answer and the deny cache knows
    /// the version: by `scanner` (in a sandboxed worker when there are workers).
    func completeType(_ report: inout FileReport, fd: Int32, scanner: any ScanEngine) {
        guard report.isFinding, report.mimeType == nil else { return }
        // On the write-up lane's thread, at normal priority (FindingWriteUps); on a scan
        // thread only when that lane is full. (Stop 27 tried nice 10 on the scan thread:
        // a run of findings then held both scan threads under load. Not kept.)
        if config.debugSlowTypeMilliseconds > 0 { usleep(UInt32(config.debugSlowTypeMilliseconds) * 1000) }
        report.mimeType = scanner.contentType(OpenFile(borrowing: fd))
    }

    /// Archives on the permission path and for background rescans of its files: opt-in
    /// (`[archives] open`), and read only up to `open_max_unpacked`, within the scan budget
    /// the caller passes as the deadline.
    var openArchives: ArchiveOptions {
        let a = config.archives
        var o = PathContext.archiveOptions(a)
        o.enabled = a.open
        o.limits.maxTotalBytes = min(a.maxUnpacked, a.openMaxUnpacked)
        o.limits.maxEntrySize = min(a.maxEntrySize, a.openMaxUnpacked)
        o.limits.maxBufferedBytes = 2 * o.limits.maxEntrySize
        o.onLimit = Verdict(name: a.onLimit) ?? .audit
        return o
    }

    /// Archives in upload folders: on by default (`[archives] uploads`), with the full
    /// limits; a reached limit takes `upload_on_limit` (quarantine by default: a bomb is
    /// taken out of the folder, not passed unread).
    var uploadArchives: ArchiveOptions {
        let a = config.archives
        var o = PathContext.archiveOptions(a)
        o.enabled = a.uploads
        o.onLimit = Verdict(name: a.uploadOnLimit) ?? .quarantine
        return o
    }

    /// The limits both paths share. Pure, for tests.
    static func archiveOptions(_ a: ArchiveSettings) -> ArchiveOptions {
        var o = ArchiveOptions()
        o.limits.maxDepth = a.maxDepth
        o.limits.maxTotalBytes = a.maxUnpacked
        o.limits.maxRatio = Double(a.maxRatio)
        o.limits.maxEntries = a.maxEntries
        o.limits.maxEntrySize = a.maxEntrySize
        o.limits.maxBufferedBytes = 2 * a.maxEntrySize
        o.limits.maxSeconds = Double(a.maxTimeMilliseconds) / 1000
        o.onEncrypted = Verdict(name: a.onEncrypted) ?? .allow
        return o
    }

    /// Scans the file behind `fd`; libyara stops at `deadline` (monotonic ns) when given.
    func runScan(_ scanner: any ScanEngine, fd: Int32, path: RawPath, stat st: stat, wantType: Bool, deadline: UInt64?,
                 archives: ArchiveOptions? = nil) -> FileReport {
        scanner.scan(OpenFile(borrowing: fd), path: path, stat: st, wantType: wantType, deadline: deadline, archives: archives)
    }
}

/// One thread's scanners, one per rule set in use (libyara scanners and libmagic handles
/// are not thread-safe), each built on first use and rebuilt when a reload changes the
/// rules' generation. Set 0 is the host's; workloads with rules of their own add more.
/// With `[scanning] sandbox` on, the thread's scan worker process holds them instead
/// (ScanWorkers.swift) and the engines given out send it the file.
struct ThreadScanner {
    private var scanners: [FileScanner?] = []
    private var generation = 0
    private let limits: ScanLimits
    private let worker: WorkerScanner?

    init(limits: ScanLimits, ctx: PathContext? = nil) {
        self.limits = limits
        worker = ctx.flatMap { c in c.workers.map { WorkerScanner(ctx: c, workers: $0, limits: ThreadScanner.forWorkers(limits)) } }
    }

    /// What a scan worker process scans with: `limits`, with files bigger than one chunk
    /// read in chunks through one fixed buffer and the prefilter's stream database
    /// (`ScanLimits.chunkedReads`), as `vigil scan` reads them. Workers never run the
    /// quick path, so its block database and the daemon's start-up are not touched; the
    /// worker's memory stays one chunk however big the file (issue 14 item 3).
    static func forWorkers(_ limits: ScanLimits) -> ScanLimits {
        var l = limits
        l.chunkedReads = true
        return l
    }

    /// The scanner for rule set `set` of the rules in use, and their generation.
    mutating func current(_ rules: RulesInUse, set: Int = 0) throws(VigilError) -> (any ScanEngine, Int) {
        if let worker { return try worker.current(rules, set: set) }
        let (sigs, gen) = rules.set(set)
        if generation != gen {
            scanners = []
            generation = gen
        }
        if set < scanners.count, let scanner = scanners[set] { return (scanner, gen) }
        let fresh = try FileScanner(signatures: sigs, limits: limits)
        while scanners.count <= set { scanners.append(nil) }
        scanners[set] = fresh
        return (fresh, gen)
    }

    /// Lets go of scanners whose rules a reload replaced; true when it did. Called by
    /// an idle worker, so a reload's doubled memory lasts seconds, not until the next open.
    mutating func dropIfStale(_ rules: RulesInUse) -> Bool {
        if let worker { return worker.dropIfStale(rules) }
        guard scanners.contains(where: { $0 != nil }), generation != rules.now.1 else { return false }
        scanners = []
        return true
    }
}

extension Judgement {
    /// What a report amounts to: findings always stand; "could not judge" is told apart
    /// by kind, because each kind has its own configured answer.
    init(_ report: FileReport) {
        self.init(verdict: report.verdict)
        if case .failed = report.status { failed = true }
        for p in report.problems {
            switch p {
            case .timedOut: timedOut = true
            case .engineError, .readError: failed = true
            case .partialContent: partial = true
            case .ruleError, .tooManyMatches: break
            // Archive members not judged (issue 13): like an oversize file's unread middle.
            case .archiveLimit, .archiveEncrypted, .archiveUnreadable: partial = true
            }
        }
        // Complete: every check judged every byte it meant to (a window scan that lost
        // nothing else still counts as complete for what it read).
        complete = report.problems.allSatisfy { $0.isWarning || { if case .partialContent = $0 { true } else { false } }($0) }
            && !failed && !timedOut
        if case .failed = report.status { complete = false }
    }
}

extension FileReport {
    /// Why the file was not fully judged, for a log line.
    var failureText: String? {
        var parts: [String] = []
        if case .failed(let why) = status { parts.append(why) }
        parts += problems.filter { !$0.isWarning }.map(\.description)
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// Problems to list beside the verdict (`vigil.problems`).
    var problemTexts: [String] { problems.map(\.description) }
}
