import VigilEngine
import VigilEvents
import VigilSystem

// Owns: `vigil scan`'s lines, text and JSON. Must not: scan or decide exit codes.

/// Text and ECS JSON renderings of scan results. Every path is escaped, so one
/// output line is always one record whatever bytes a file name holds.
public enum ScanOutput {
    /// `PATH: NAME[, NAME...] FOUND`, one line per file with findings: the shape
    /// clamscan users grep for and count.
    public static func findingLines(_ event: ScanEvent) -> [String] {
        let r = event.report
        var lines: [String] = []
        // One line for the file's own findings, one per archive member with findings,
        // named `PATH!member` (issue 13); the outer file is what --move moves.
        var members: [String?] = []
        for f in r.findings where !members.contains(f.member) { members.append(f.member) }
        for member in members {
            let names = r.findings.filter { $0.member == member }.map(\.name).joined(separator: ", ")
            let shown = member.map { "\(r.path)!\(RawPath.escape(Array($0.utf8)))" } ?? "\(r.path)"
            lines.append("\(shown): \(names) FOUND")
        }
        switch event.copy {
        case .success(let to)?: lines.append("\(r.path): copied to \(to)")
        case .failure(let e)?: lines.append("\(r.path): NOT copied: \(e)")
        case nil: break
        }
        switch event.quarantine {
        case .success(let rec)?: lines.append("\(r.path): moved to \(rec.storedPath)")
        case .failure(let e)?: lines.append("\(r.path): NOT moved to quarantine: \(e)")
        case nil: break
        }
        return lines
    }

    /// Lines for standard error about a file: `PATH: skipped (why)`, `PATH: ERROR: why`,
    /// `PATH: RULE ERROR: ...`, `PATH: WARNING: ...`, `PATH: partially scanned (...)`.
    /// `infectedOnly` drops the notes that are not problems (skipped, partially scanned
    /// without a finding) and warnings, never errors or rule errors.
    public static func noteLines(_ report: FileReport, infectedOnly: Bool = false, errorsOnly: Bool = false) -> [String] {
        // clamscan's --quiet: errors only (files that could not be judged), nothing else.
        if errorsOnly {
            switch report.status {
            case .failed(let why): return ["\(report.path): ERROR: \(why)"]
            case .skipped: return []
            case .scanned: return report.problems.filter(\.isError).map { "\(report.path): ERROR: \($0)" }
            }
        }
        let p = report.path
        switch report.status {
        case .skipped(let why): return infectedOnly ? [] : ["\(p): skipped (\(why))"]
        case .failed(let why): return ["\(p): ERROR: \(why)"]
        case .scanned: break
        }
        var lines: [String] = []
        for problem in report.problems {
            switch problem {
            case .partialContent:
                // A finding in the windows is reported as a finding; otherwise say what was read.
                if !infectedOnly && !report.isFinding {
                    lines.append("\(p): partially scanned (\(formatBytes(report.size)), \(problem))")
                }
            case .tooManyMatches:
                if !infectedOnly { lines.append("\(p): WARNING: \(problem)") }
            case .ruleError:
                lines.append("\(p): RULE ERROR: \(problem)")
            case .timedOut, .engineError, .readError:
                lines.append("\(p): ERROR: \(problem)")
            case .archiveLimit, .archiveEncrypted:
                // Content left unjudged: shown even with --infected-only, so a bomb is never
                // a silent pass in a cron mail.
                lines.append("\(p): \(problem)")
            case .archiveUnreadable:
                if !infectedOnly { lines.append("\(p): \(problem)") }
            }
        }
        return lines
    }

    /// One ECS object per finding (ScanEvents.swift builds it).
    public static func findingObjects(_ event: ScanEvent) -> [String] {
        event.report.findings.map { ECSEvent.scanFinding(event, $0).render().text }
    }

    /// ECS events about a file that are not findings: skipped, failed, or scanned with
    /// problems (and no finding: a finding's own objects carry its problems under
    /// `vigil.problems`). `infectedOnly` keeps errors and rule errors, as `noteLines`.
    public static func noteObjects(_ report: FileReport, infectedOnly: Bool = false) -> [String] {
        ECSEvent.scanNote(report, infectedOnly: infectedOnly).map { [$0.render().text] } ?? []
    }

    /// One `vigil.problems[]` entry: `type` and `message` always, the rest as it applies.
    static func problemObject(_ p: ScanProblem) -> JSONLine {
        var o = JSONLine()
        o.add("type", p.kind)
        o.add("message", p.description)
        switch p {
        case let .ruleError(rule, namespace, file, string, code, message):
            o.add("rule", rule)
            o.add("namespace", namespace)
            o.add("rule_file", file)
            o.add("string", string)
            o.add("code", Int(code))
            o.add("error", message)
        case let .tooManyMatches(rule, namespace, file, string):
            o.add("rule", rule)
            o.add("namespace", namespace)
            o.add("rule_file", file)
            o.add("string", string)
        case let .timedOut(seconds, byDeadline):
            o.add("seconds", seconds)
            o.add("by_deadline", byDeadline)
        case let .engineError(code, _):
            o.add("code", Int(code))
        case .readError:
            break
        case let .partialContent(head, tail):
            o.add("head_bytes", Int(head))
            o.add("tail_bytes", Int(tail))
        case let .archiveLimit(limit, member, _):
            o.add("limit", limit)
            o.add("archive_member", member)
        case let .archiveEncrypted(member):
            o.add("archive_member", member)
        case let .archiveUnreadable(member, message):
            o.add("archive_member", member)
            o.add("error", message)
        }
        return o
    }

    public static func summaryObject(_ s: ScanSummary) -> String {
        ECSEvent.scanSummary(s).render().text
    }

    public static func summaryText(_ s: ScanSummary) -> String {
        let secs = String(format2: s.seconds)
        let rate = String(format1: s.megabytesPerSecond)
        return """
        ----------- SCAN SUMMARY -----------
        Scanned files: \(s.files)
        Scanned data: \(formatBytes(s.bytes))
        Infected files: \(s.infectedFiles)
        Findings: \(s.findings) in \(s.infectedFiles) files
        Quarantined: \(s.quarantined)
        Partially scanned: \(s.partiallyScanned)
        Archive members: \(s.archiveMembers) (\(formatBytes(s.archiveBytes)) unpacked)
        Archives not fully read: \(s.archiveLimits)
        Skipped: \(s.skipped)
        Errors: \(s.errors)
        Rule errors: \(s.ruleErrors)
        Warnings: \(s.warnings)
        Time: \(secs) s (\(rate) MB/s)
        """
    }
}

extension String {
    init(format2 v: Double) { self = String((v * 100).rounded() / 100) }
    init(format1 v: Double) { self = String((v * 10).rounded() / 10) }
}
