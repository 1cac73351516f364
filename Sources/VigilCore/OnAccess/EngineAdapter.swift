import Glibc

/// The one place the permission path meets the scan engine's report: what to scan with
/// which limits, and what a report amounts to for the decision.
extension OnAccessService {
    func scanLimits() -> ScanLimits {
        var limits = ScanLimits()
        limits.maxFileSize = config.maxFileSize
        limits.retainLargeBuffer = false
        limits.yaraTimeoutSeconds = max(1, config.deadlineMilliseconds / 1000)
        return limits
    }

    /// Scans the file behind `fd`, stopping YARA at `deadline` (monotonic ns) when given.
    func runScan(_ scanner: FileScanner, fd: Int32, path: RawPath, stat st: stat, wantType: Bool, deadline: UInt64?) -> FileReport {
        scanner.scan(OpenFile(borrowing: fd), path: path, stat: st, wantType: wantType)
    }

    static func judgement(of report: FileReport) -> Judgement {
        var j = Judgement(verdict: report.verdict)
        switch report.status {
        case .scanned: break
        case .skipped: j.partial = true; j.complete = false
        case .failed(let why):
            if why.contains("timed out") { j.timedOut = true } else { j.failed = true }
            j.complete = false
        }
        return j
    }
}

extension FileReport {
    /// Why the file was not fully judged, for a log line.
    var failureText: String? {
        switch status {
        case .scanned: nil
        case .skipped(let why), .failed(let why): why
        }
    }

    /// Problems to list beside the verdict (`vigil.problems`).
    var problemTexts: [String] { failureText.map { [$0] } ?? [] }
}
