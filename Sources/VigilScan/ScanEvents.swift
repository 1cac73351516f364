import VigilEngine
import VigilEvents
import VigilSystem

// Owns: the ECS events `vigil scan --json` writes (a finding, a note about a file, the
// closing summary), built on VigilEvents' ECSEvent. Must not: do I/O.

extension ECSEvent {
    // MARK: on demand (`vigil scan --json`)

    /// One finding of one file; quarantined or not.
    public static func scanFinding(_ event: ScanEvent, _ f: Finding, rulesVersion: String? = nil) -> ECSEvent {
        let r = event.report
        let (action, outcome, types): (String, Outcome, [EventType]) = switch event.quarantine {
        case .success?: ("quarantined", .success, [.info, .deletion])
        case .failure?: ("quarantine-failed", .failure, [.info])
        case nil: ("detected", .success, [.info])
        }
        var e = ECSEvent(kind: .alert, categories: [.malware, .file], types: types, action: action, outcome: outcome, dataset: "vigil.scan")
        e.file = ECSFile(path: r.path, size: r.size, sha256: r.sha256?.description, mimeType: r.mimeType)
        e.rule = ECSRule(f, version: rulesVersion)
        e.message = "\(f.name) found in \(r.path)"
        if let member = f.member {
            e.vigil.add("archive_member", member)
            e.vigil.add("virtual_path", "\(r.path)!\(RawPath.escape(Array(member.utf8)))")
        }
        e.vigil.add("verdict", f.verdict.description)
        e.vigil.add("file_verdict", r.verdict.description)
        if !r.problems.isEmpty {
            e.vigil.add("complete", r.isComplete)
            e.vigil.add("problems", objects: r.problems.map(ScanOutput.problemObject))
        }
        switch event.quarantine {
        case .success(let rec)?:
            e.vigil.add("quarantine_path", rec.storedPath)
            e.vigil.add("quarantine_id", rec.id)
        case .failure(let err)?:
            e.vigil.add("error", err.description)
            e.errorMessage = err.description
        case nil: break
        }
        return e
    }

    /// A file that was skipped, failed, or scanned with problems and no finding; nil
    /// when there is nothing to say (or only a note `infectedOnly` drops).
    public static func scanNote(_ report: FileReport, infectedOnly: Bool = false) -> ECSEvent? {
        let (action, outcome, why): (String, Outcome, String)
        switch report.status {
        case .skipped(let w):
            if infectedOnly { return nil }
            (action, outcome, why) = ("skipped", .unknown, w)
        case .failed(let w):
            (action, outcome, why) = ("scan-error", .failure, w)
        case .scanned:
            guard !report.isFinding, let first = report.problems.first else { return nil }
            if let error = report.problems.first(where: \.isError) {
                (action, outcome, why) = ("scan-error", .failure, error.description)
            } else if let ruleError = report.problems.first(where: \.isRuleError) {
                (action, outcome, why) = ("rule-error", .unknown, ruleError.description)
            } else if infectedOnly {
                return nil
            } else if report.isPartial {
                (action, outcome, why) = ("partially-scanned", .unknown, first.description)
            } else {
                (action, outcome, why) = ("scan-warning", .success, first.description)
            }
        }
        var e = ECSEvent(kind: .event, categories: [.file], types: outcome == .failure ? [.info, .error] : [.info],
                         action: action, outcome: outcome, dataset: "vigil.scan")
        e.reason = why
        e.file = report.status == .scanned
            ? ECSFile(path: report.path, size: report.size, sha256: report.sha256?.description, mimeType: report.mimeType)
            : ECSFile(path: report.path)
        if outcome == .failure || action == "rule-error" { e.errorMessage = why }
        if !report.problems.isEmpty {
            e.vigil.add("complete", report.isComplete)
            e.vigil.add("problems", objects: report.problems.map(ScanOutput.problemObject))
        }
        return e
    }

    /// The closing summary of a scan run.
    public static func scanSummary(_ s: ScanSummary) -> ECSEvent {
        var e = ECSEvent(kind: .metric, categories: [.malware], types: [.info], action: "scan-summary",
                         outcome: s.errors > 0 ? .failure : .success, dataset: "vigil.scan")
        e.durationNanos = Int(s.seconds * 1e9)
        e.message = "\(s.files) files scanned, \(s.findings) findings in \(s.infectedFiles) files, \(s.errors) errors"
        var scan = JSONLine()
        scan.add("files", s.files)
        scan.add("bytes", Int(s.bytes))
        scan.add("findings", s.findings)
        scan.add("infected_files", s.infectedFiles)
        scan.add("partially_scanned", s.partiallyScanned)
        scan.add("skipped", s.skipped)
        scan.add("errors", s.errors)
        scan.add("rule_errors", s.ruleErrors)
        scan.add("warnings", s.warnings)
        scan.add("symlinks_not_followed", s.symlinksNotFollowed)
        scan.add("archive_members", s.archiveMembers)
        scan.add("archive_bytes", Int(s.archiveBytes))
        scan.add("archive_limits", s.archiveLimits)
        scan.add("quarantined", s.quarantined)
        // The literal prefilter's decisions: libyara not called / conditions only / libyara
        // with the rules a hit allows / files libyara mapped itself (too big to hold).
        var pre = JSONLine()
        pre.add("skipped", s.prefilter.skipped)
        pre.add("conditions_only", s.prefilter.conditionsOnly)
        pre.add("full", s.prefilter.full)
        pre.add("unfiltered", s.prefilter.unfiltered)
        scan.add("prefilter", object: pre)
        scan.add("seconds", (s.seconds * 1000).rounded() / 1000)
        scan.add("mb_per_s", (s.megabytesPerSecond * 10).rounded() / 10)
        e.vigil.add("scan", object: scan)
        return e
    }

}
