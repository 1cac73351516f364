/// Text and ECS JSON renderings of scan results. Every path is escaped, so one
/// output line is always one record whatever bytes a file name holds.
public enum ScanOutput {
    /// `PATH: NAME[, NAME...] FOUND`, one line per file with findings: the shape
    /// clamscan users grep for and count.
    public static func findingLines(_ event: ScanEvent) -> [String] {
        let r = event.report
        var lines: [String] = []
        if r.isFinding { lines.append("\(r.path): \(r.findings.map(\.name).joined(separator: ", ")) FOUND") }
        switch event.quarantine {
        case .success(let rec)?: lines.append("\(r.path): moved to \(rec.storedPath)")
        case .failure(let e)?: lines.append("\(r.path): NOT moved to quarantine: \(e)")
        case nil: break
        }
        return lines
    }

    /// `PATH: skipped (why)` or `PATH: ERROR: why`, for standard error.
    public static func noteLine(_ report: FileReport) -> String? {
        switch report.status {
        case .scanned: nil
        case .skipped(let why): "\(report.path): skipped (\(why))"
        case .failed(let why): "\(report.path): ERROR: \(why)"
        }
    }

    /// One ECS object per finding.
    public static func findingObjects(_ event: ScanEvent) -> [String] {
        let r = event.report
        return r.findings.map { f in
            var o = JSONLine()
            o.add("@timestamp", isoTimestamp())
            var ev = JSONLine()
            ev.add("kind", "alert")
            ev.add("category", ["malware", "file"])
            ev.add("type", ["info"])
            ev.add("module", "vigil")
            ev.add("dataset", "vigil.scan")
            switch event.quarantine {
            case .success?: ev.add("action", "quarantined"); ev.add("outcome", "success")
            case .failure?: ev.add("action", "quarantine-failed"); ev.add("outcome", "failure")
            case nil: ev.add("action", "detected"); ev.add("outcome", "success")
            }
            o.add("event", object: ev)
            o.add("file", object: fileObject(r))
            o.add("rule", object: ECS.rule(f))
            var vigil = JSONLine()
            vigil.add("verdict", f.verdict.description)
            vigil.add("file_verdict", r.verdict.description)
            switch event.quarantine {
            case .success(let rec)?: vigil.add("quarantine_path", rec.storedPath)
            case .failure(let e)?: vigil.add("error", e.description)
            case nil: break
            }
            o.add("vigil", object: vigil)
            return o.text
        }
    }

    /// A skipped or failed file as an ECS event.
    public static func noteObject(_ report: FileReport) -> String? {
        let (action, outcome, why): (String, String, String)
        switch report.status {
        case .scanned: return nil
        case .skipped(let w): (action, outcome, why) = ("skipped", "unknown", w)
        case .failed(let w): (action, outcome, why) = ("scan-error", "failure", w)
        }
        var o = JSONLine()
        o.add("@timestamp", isoTimestamp())
        var ev = JSONLine()
        ev.add("kind", "event")
        ev.add("category", ["file"])
        ev.add("action", action)
        ev.add("outcome", outcome)
        ev.add("reason", why)
        ev.add("dataset", "vigil.scan")
        o.add("event", object: ev)
        o.add("file", object: ECS.file(report.path))
        return o.text
    }

    static func fileObject(_ r: FileReport) -> JSONLine {
        var file = ECS.file(r.path, size: r.size, sha256: r.sha256?.description, mimeType: r.mimeType)
        file.add("name", RawPath.escape(r.path.lastComponent))
        file.add("type", "file")
        return file
    }

    public static func summaryObject(_ s: ScanSummary) -> String {
        var o = JSONLine()
        o.add("@timestamp", isoTimestamp())
        var ev = JSONLine()
        ev.add("kind", "metric")
        ev.add("action", "scan-summary")
        ev.add("outcome", s.errors > 0 ? "failure" : "success")
        ev.add("dataset", "vigil.scan")
        ev.add("duration", Int(s.seconds * 1e9))
        o.add("event", object: ev)
        var scan = JSONLine()
        scan.add("files", s.files)
        scan.add("bytes", Int(s.bytes))
        scan.add("findings", s.findings)
        scan.add("infected_files", s.infectedFiles)
        scan.add("skipped", s.skipped)
        scan.add("errors", s.errors)
        scan.add("symlinks_not_followed", s.symlinksNotFollowed)
        scan.add("quarantined", s.quarantined)
        scan.add("seconds", (s.seconds * 1000).rounded() / 1000)
        scan.add("mb_per_s", (s.megabytesPerSecond * 10).rounded() / 10)
        var vigil = JSONLine()
        vigil.add("scan", object: scan)
        o.add("vigil", object: vigil)
        return o.text
    }

    public static func summaryText(_ s: ScanSummary) -> String {
        let secs = String(format2: s.seconds)
        let rate = String(format1: s.megabytesPerSecond)
        return """
        ----------- SCAN SUMMARY -----------
        Scanned files: \(s.files)
        Scanned data: \(formatBytes(s.bytes))
        Findings: \(s.findings) in \(s.infectedFiles) files
        Quarantined: \(s.quarantined)
        Skipped: \(s.skipped)
        Errors: \(s.errors)
        Time: \(secs) s (\(rate) MB/s)
        """
    }
}

extension String {
    init(format2 v: Double) { self = String((v * 100).rounded() / 100) }
    init(format1 v: Double) { self = String((v * 10).rounded() / 10) }
}
