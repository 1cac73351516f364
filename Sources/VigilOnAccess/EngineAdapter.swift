import Glibc
import VigilEngine
import VigilSystem

/// The one place the permission path meets the scan engine's report: what to scan with
/// which limits, and what a report amounts to for the decision.
extension OnAccessService {
    func scanLimits() -> ScanLimits {
        var limits = ScanLimits()
        limits.maxFileSize = config.maxFileSize
        limits.oversizeWindow = config.oversizeWindow
        limits.retainLargeBuffer = false
        // The hot path passes its own deadline (the scan budget); this is the ceiling.
        limits.yaraTimeout = Double(config.deadlineMilliseconds) / 1000
        return limits
    }

    /// Scans the file behind `fd`; libyara stops at `deadline` (monotonic ns) when given.
    func runScan(_ scanner: FileScanner, fd: Int32, path: RawPath, stat st: stat, wantType: Bool, deadline: UInt64?) -> FileReport {
        scanner.scan(OpenFile(borrowing: fd), path: path, stat: st, wantType: wantType, deadline: deadline)
    }

    /// What a report amounts to: findings always stand; "could not judge" is told apart
    /// by kind, because each kind has its own configured answer.
    static func judgement(of report: FileReport) -> Judgement {
        var j = Judgement(verdict: report.verdict)
        if case .failed = report.status { j.failed = true }
        for p in report.problems {
            switch p {
            case .timedOut: j.timedOut = true
            case .engineError, .readError: j.failed = true
            case .partialContent: j.partial = true
            case .ruleError, .tooManyMatches: break
            }
        }
        // Complete: every check judged every byte it meant to (a window scan that lost
        // nothing else still counts as complete for what it read).
        j.complete = report.problems.allSatisfy { $0.isWarning || { if case .partialContent = $0 { true } else { false } }($0) }
            && !j.failed && !j.timedOut
        if case .failed = report.status { j.complete = false }
        return j
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
