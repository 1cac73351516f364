import Glibc
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
        // Archives (issue 13): opened for upload folders only (judgeUpload asks); an
        // upload that reaches a limit is quarantined rather than passed unread.
        limits.archives.enabled = false
        limits.archives.onLimit = .quarantine
        // Uploads share the scan workers with permission events: a shorter walk.
        limits.archives.limits.maxSeconds = 10
        return limits
    }

    /// Scans the file behind `fd`; libyara stops at `deadline` (monotonic ns) when given.
    func runScan(_ scanner: FileScanner, fd: Int32, path: RawPath, stat st: stat, wantType: Bool, deadline: UInt64?,
                 archives: Bool? = nil) -> FileReport {
        scanner.scan(OpenFile(borrowing: fd), path: path, stat: st, wantType: wantType, deadline: deadline, archives: archives)
    }
}

/// One thread's scanner (libyara scanners and libmagic handles are not thread-safe),
/// rebuilt when a reload changes the rules' generation.
struct ThreadScanner {
    private var scanner: FileScanner?
    private var generation = 0
    private let limits: ScanLimits

    init(limits: ScanLimits) { self.limits = limits }

    /// The scanner for the rules in use, and their generation.
    mutating func current(_ rules: RulesInUse) throws(VigilError) -> (FileScanner, Int) {
        let (sigs, gen) = rules.now
        if let scanner, generation == gen { return (scanner, gen) }
        scanner = nil
        let fresh = try FileScanner(signatures: sigs, limits: limits)
        scanner = fresh
        generation = gen
        return (fresh, gen)
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
