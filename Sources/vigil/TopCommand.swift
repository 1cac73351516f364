import ArgumentParser
import Foundation
import Glibc
import VigilDaemon
import VigilInsight
import VigilSystem

// `vigil top`: the running daemon's noisiest processes, paths (and folders), rules,
// kinds and workloads over a window, with a suggested exclusion for the top paths and
// processes where nothing was found.

struct TopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "top",
        abstract: "The noisiest processes, paths, rules over a recent window, from the running daemon (root).",
        discussion: """
        The daemon keeps a fixed ring of its recent answers (65,536: scanned events and cache answers; events it lets through at \
        once, such as excluded paths, are not in it). Processes are named by executable within about 100 ms of their events \
        (a denied or audited one from the event itself), so one that has exited since is still named; the pids of one \
        executable are one entry. Paths include folder prefixes (the deepest folder that gathers several files) and the \
        exclusion line that would keep them from the scanner; no exclusion is suggested where something was denied or audited. \
        With [[workload]]s in the config, the opener's workload is a dimension of its own and each process and path entry \
        names its workloads in brackets. With --interval the table refreshes in a terminal; when standard output is not \
        a terminal it prints once.
        """)
    @OptionGroup var options: ControlCommandOptions
    @Option(help: ArgumentHelp("How far back (\"5m\", \"30s\", \"1h\").", valueName: "span")) var window = "5m"
    @Option(help: ArgumentHelp("One dimension: process, path, rule, kind or workload (default: process, path and rule; workload too when the config has [[workload]]s).", valueName: "dimension"))
    var by: String?
    @Option(help: "Entries per dimension.") var limit = 10
    @Option(help: ArgumentHelp("Refresh every N seconds in a terminal (one-shot when stdout is not a tty).", valueName: "seconds"))
    var interval: Int?
    @Flag(help: "The daemon's reply as one JSON object.") var json = false

    func validate() throws {
        guard let w = parseDuration(window), w > 0 else { throw ValidationError("--window: '\(window)' is not a span like \"5m\"") }
        _ = w
        if let by, InsightDimension(rawValue: by) == nil {
            throw ValidationError("--by: one of \(InsightDimension.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard (1...1000).contains(limit) else { throw ValidationError("--limit: 1 to 1000") }
        if let interval { guard interval >= 1 else { throw ValidationError("--interval: at least 1 second") } }
    }

    func run() throws {
        let seconds = Int(parseDuration(window) ?? 300)
        let refresh = interval != nil && isatty(1) == 1 && !json
        while true {
            let reply = try options.request(.top(windowSeconds: seconds, limit: limit), timeoutSeconds: 30)
            guard let obj = (try? JSONSerialization.jsonObject(with: Data(reply.utf8))) as? [String: Any], obj["ok"] as? Bool == true else {
                throw Failure(.finding, "vigil: the daemon refused: \(reply)")
            }
            if json {
                print(reply)
            } else {
                // Clear the screen and home the cursor before each refresh.
                if refresh { print("\u{1B}[H\u{1B}[2J", terminator: "") }
                print(TopCommand.render(obj, dimensions: by.flatMap(InsightDimension.init(rawValue:)).map { [$0] } ?? TopCommand.defaultDimensions(obj)),
                      terminator: "")
            }
            fflush(nil)  // every output stream: stdout itself is not concurrency-safe to name
            guard refresh, let interval else { return }
            sleep(UInt32(interval))
        }
    }

    /// Process, path and rule; workload first when the daemon has [[workload]]s (its
    /// samples carry one, so the group has entries).
    static func defaultDimensions(_ obj: [String: Any]) -> [InsightDimension] {
        let workloads = ((obj["groups"] as? [String: Any])?["workload"] as? [Any])?.isEmpty == false
        return (workloads ? [.workload] : []) + [.process, .path, .rule]
    }

    /// For a process entry: how many pids ran the executable, and one command line.
    static func processNote(_ e: [String: Any]) -> String {
        var note = ""
        if let n = e["processes"] as? Int, n > 1 { note += " (\(n) processes)" }
        if let c = e["command_line"] as? String, !c.isEmpty { note += "  " + (c.count > 80 ? String(c.prefix(77)) + "..." : c) }
        return note
    }

    static func render(_ obj: [String: Any], dimensions: [InsightDimension]) -> String {
        var out = "vigil top: \(obj["events"] as? Int ?? 0) events in the last \(formatDuration(Int64(obj["window_seconds"] as? Int ?? 0)))"
            + " (\(obj["events_per_second"] as? Double ?? 0)/s)"
        if obj["truncated"] as? Bool == true {
            out += "; the ring (\(obj["ring_capacity"] as? Int ?? 0)) holds only the last \(obj["covered_seconds"] as? Double ?? 0) s"
        }
        out += "\n"
        let groups = obj["groups"] as? [String: Any] ?? [:]
        var exclusions: [String] = []
        for d in dimensions {
            let entries = groups[d.rawValue] as? [[String: Any]] ?? []
            out += "\n\(d.rawValue.uppercased())\n"
            out += "  events   ev/s  deny audit  scan p50/p99 us  \(d.rawValue)\n"
            if entries.isEmpty { out += "  (none)\n" }
            for e in entries {
                let p50 = (e["scan_p50_us"] as? Int).map(String.init) ?? "-"
                let p99 = (e["scan_p99_us"] as? Int).map(String.init) ?? "-"
                func pad(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }
                out += "  \(pad(String(e["events"] as? Int ?? 0), 6)) \(pad(String(e["events_per_second"] as? Double ?? 0), 6))"
                    + " \(pad(String(e["denies"] as? Int ?? 0), 5)) \(pad(String(e["audits"] as? Int ?? 0), 5))  \(pad(p50 + "/" + p99, 15))  "
                    + "\(e["key"] as? String ?? "?")" + TopCommand.processNote(e)
                // Which workloads' openers made the entry's events (with [[workload]]s).
                if let w = e["workloads"] as? [String], !w.isEmpty { out += "  [\(w.joined(separator: ", "))]" }
                out += "\n"
                if let why = e["exclusion_withheld"] as? String { out += "  \(String(repeating: " ", count: 50))(\(why))\n" }
                if exclusions.count < 3, d == .path || d == .process, let x = e["exclusion"] as? String { exclusions.append(x) }
            }
        }
        if !exclusions.isEmpty {
            out += "\nTo stop scanning the noisiest (only if you trust them), in /etc/vigil/vigil.toml:\n"
            for x in exclusions { out += "  \(x)\n" }
        }
        return out
    }
}
