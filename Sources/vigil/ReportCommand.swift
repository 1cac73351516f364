import ArgumentParser
import Foundation
import Glibc
import VigilEvents
import VigilInsight
import VigilSystem

// `vigil report`: from the event logs (the live file, rotated and gzip ones), what enforce
// mode denied and what audit mode would have denied, by rule, path and process (and by
// workload, when the lines carry `vigil.workload`).

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "What was denied (enforce) or would have been (audit) over a period, from the event logs.",
        discussion: """
        Reads log.file from the config and its rotated siblings (events.json.1, events.json.2.gz, ...), or --log FILE...: \
        one line at a time, gzip or plain. Lines that are not JSON objects, and deny/audit lines without a readable \
        @timestamp, are skipped and counted. --since and --until take a span back from now ("24h", "7d"), an RFC 3339 \
        instant with its offset, or a local date and time ("2026-11-26", "2026-11-26 08:00"; the TZ time zone). \
        Times are shown in local time with their offset; --json gives them in UTC.
        """)
    @OptionGroup var configOptions: ConfigOptions
    @Option(help: ArgumentHelp("From (\"24h\", \"2026-11-26T08:00:00+01:00\", \"2026-11-26\").", valueName: "time")) var since = "24h"
    @Option(help: ArgumentHelp("Up to (same forms; default: now).", valueName: "time")) var until: String?
    @Option(name: .customLong("log"), parsing: .upToNextOption, help: ArgumentHelp("Event log files (default: log.file and its rotations).", valueName: "file"))
    var logs: [String] = []
    @Option(help: "Entries per group.") var limit = 20
    @Flag(help: "One JSON object.") var json = false

    func run() throws {
        let now = wallClockSeconds()
        guard let from = parseInstant(since, now: now) else { throw ValidationError("--since: '\(since)' is not a span, an RFC 3339 time or a local date") }
        var to: Double?
        if let until {
            guard let t = parseInstant(until, now: now) else { throw ValidationError("--until: '\(until)' is not a span, an RFC 3339 time or a local date") }
            to = t
        }
        var files = logs
        if files.isEmpty {
            guard let logFile = try configOptions.load().daemon.logFile else {
                throw Failure(.error, "vigil: the config writes no log file (log.file); give --log FILE")
            }
            files = LogReport.logFiles(for: logFile, since: from)
            if files.isEmpty { throw Failure(.error, "vigil: no event log at \(logFile) (or its rotations)") }
        }
        var report = LogReport(since: from, until: to)
        for f in files { report.read(file: f) }
        if json { print(ReportCommand.json(report, limit: limit).text) } else { print(ReportCommand.render(report, limit: limit), terminator: "") }
        if report.filesRead.isEmpty { throw ExitStatus.error }
    }

    static func json(_ r: LogReport, limit: Int) -> JSONLine {
        var o = JSONLine()
        o.add("since", r.since.map { isoTimestamp(seconds: $0) })
        o.add("until", r.until.map { isoTimestamp(seconds: $0) })
        o.add("files", r.filesRead)
        o.add("file_errors", r.fileErrors)
        o.add("lines", r.linesRead)
        o.add("malformed", r.malformed)
        o.add("outside_window", r.outsideWindow)
        o.add("events", r.events)
        o.add("denies", r.denies)
        o.add("audits", r.audits)
        o.add("first_seen", r.first.map { isoTimestamp(seconds: $0) })
        o.add("last_seen", r.last.map { isoTimestamp(seconds: $0) })
        var groups = JSONLine()
        for d in InsightDimension.allCases {
            groups.add(d.rawValue, objects: r.ranked(d, limit: limit).map { g in
                var e = JSONLine()
                e.add("key", g.key)
                e.add("count", g.count)
                e.add("denies", g.denies)
                e.add("audits", g.audits)
                e.add("first_seen", isoTimestamp(seconds: g.first))
                e.add("last_seen", isoTimestamp(seconds: g.last))
                return e
            })
        }
        o.add("groups", object: groups)
        return o
    }

    static func render(_ r: LogReport, limit: Int) -> String {
        var out = "vigil report: \(r.since.map(localTimeText) ?? "the start") to \(r.until.map(localTimeText) ?? "now")\n"
        out += "  \(r.denies) denied (enforce), \(r.audits) would have been denied (audit); \(r.linesRead) lines in \(r.filesRead.count) files"
        out += r.malformed > 0 ? ", \(r.malformed) malformed lines skipped\n" : "\n"
        for e in r.fileErrors { out += "  warning: \(e)\n" }
        // By workload only when the logs carry workloads (a daemon with [[workload]]s).
        let workloads = !r.ranked(.workload, limit: 1).isEmpty
        for d in [InsightDimension.rule, .path, .process] + (workloads ? [.workload] : []) {
            let groups = r.ranked(d, limit: limit)
            out += "\nBY \(d.rawValue.uppercased())\n"
            if groups.isEmpty { out += "  (none)\n"; continue }
            out += "   count  deny audit  first seen                 last seen                  \(d.rawValue)\n"
            for g in groups {
                func pad(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }
                out += "  \(pad(String(g.count), 6)) \(pad(String(g.denies), 5)) \(pad(String(g.audits), 5))  \(localTimeText(g.first))  \(localTimeText(g.last))  \(g.key)\n"
            }
        }
        return out
    }
}
