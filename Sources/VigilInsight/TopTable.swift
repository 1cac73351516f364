import VigilEvents
import VigilSystem

// Owns: `vigil top`'s aggregation of ring samples into ranked entries per dimension,
// with rates, latency percentiles and suggested exclusions. Pure (the process names
// come in resolved), for table tests. Must not: read the ring, a clock or /proc.

public struct TopEntry: Sendable, Equatable {
    public var key: String
    public var events = 0
    public var denies = 0
    public var audits = 0
    public var execs = 0
    /// Scan latencies of the entry's scanned events (cache answers have none).
    var latencies: [UInt32] = []
    /// For a process: its executable (the key, and what the exclusion names), one of
    /// its command lines, and how many pids ran it in the window.
    public var executable: String?
    public var commandLine: String?
    var pids: Set<Int32> = []
    public var processes: Int { pids.count }
    /// For a path entry: a folder holding the events of several files.
    public var isFolder = false
    /// The workloads of the entry's openers, most events first (empty without
    /// [[workload]]s): shown beside process and path entries.
    public var workloads: [String] { workloadCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key) }
    var workloadCounts: [String: Int] = [:]

    init(key: String) { self.key = key }

    public var p50Micros: Int? { TopTable.percentile(latencies, 0.50) }
    public var p99Micros: Int? { TopTable.percentile(latencies, 0.99) }
    public var scanned: Int { latencies.count }
}

public enum TopTable {
    /// The entries of one dimension, most events first (ties by key), at most `limit`.
    /// For `path`, files and folder prefixes are ranked together; a folder is listed
    /// unless one child folder holds 90 % or more of its events (then the child is).
    /// Processes are merged by executable (a build's hundred compiler runs are one
    /// entry); a pid never named (it exited before the namer saw it) counts under
    /// `TopTable.unnamed`.
    public static let unnamed = "(exited before it was named)"

    public static func rank(_ samples: [ActivitySample], by dimension: InsightDimension, limit: Int,
                            identities: [Int32: ProcessIdentity]) -> [TopEntry] {
        var table: [String: TopEntry] = [:]
        func add(_ key: String, _ s: ActivitySample, folder: Bool = false, executable: String? = nil, commandLine: String? = nil) {
            var e = table[key] ?? TopEntry(key: key)
            e.events += 1
            if s.verdict == .deny { e.denies += 1 }
            if s.verdict == .audit { e.audits += 1 }
            if s.kind == .exec { e.execs += 1 }
            if let l = s.latencyMicros { e.latencies.append(l) }
            e.isFolder = folder
            if let executable { e.executable = executable }
            if let w = s.workload { e.workloadCounts[w, default: 0] += 1 }
            if e.commandLine == nil, let commandLine, !commandLine.isEmpty { e.commandLine = commandLine }
            if dimension == .process { e.pids.insert(s.pid) }
            table[key] = e
        }
        for s in samples {
            switch dimension {
            case .process:
                // The name read with the event itself wins: it cannot be a later owner of the pid.
                if let exe = s.executable {
                    let id = identities[s.pid]
                    add(exe, s, executable: exe, commandLine: id?.executable == exe ? id?.commandLine : nil)
                } else if let id = identities[s.pid] {
                    add(id.executable, s, executable: id.executable, commandLine: id.commandLine)
                } else {
                    add(TopTable.unnamed, s)
                }
            case .path:
                add(s.path.description, s)
                var dir = s.path.parentDirectory
                while let d = dir, d.hasPrefix("/"), d != "/" {
                    add(d + "/", s, folder: true)
                    dir = RawPath(d).parentDirectory
                }
            case .rule:
                add(s.rule ?? "(no finding)", s)
            case .kind:
                add(s.kind.label + " " + s.verdict.label, s)
            case .workload:
                // Without [[workload]]s there is nothing to group: no entries.
                if let w = s.workload { add(w, s) }
            }
        }
        var entries = Array(table.values)
        if dimension == .path {
            // A folder whose busiest child folder holds 90 % or more of its events says
            // little its child does not, and excluding it would hide far more: it is
            // shown through that child (the deepest folder for most of the events).
            var busiestChild: [String: Int] = [:]
            for e in entries where e.isFolder {
                if let parent = RawPath(String(e.key.dropLast())).parentDirectory {
                    busiestChild[parent + "/"] = max(busiestChild[parent + "/"] ?? 0, e.events)
                }
            }
            entries = entries.filter { !$0.isFolder || (busiestChild[$0.key] ?? 0) * 10 < $0.events * 9 }
        }
        entries.sort { $0.events != $1.events ? $0.events > $1.events : $0.key < $1.key }
        return Array(entries.prefix(max(0, limit)))
    }

    /// The config line that would stop an entry's events reaching the scanner, where one
    /// exists (paths and folders, executables) and nothing was found there.
    public static func exclusion(_ e: TopEntry, _ dimension: InsightDimension) -> String? {
        exclusionWithheld(e, dimension) == nil ? candidate(e, dimension) : nil
    }

    static func candidate(_ e: TopEntry, _ dimension: InsightDimension) -> String? {
        switch dimension {
        case .path: return "[guard] exclude_paths = [\(JSONLine.quote(e.key))]"
        case .process: return e.executable.map { "[guard] exclude_executables = [\(JSONLine.quote($0))]" }
        case .rule, .kind, .workload: return nil
        }
    }

    /// Why an entry that could be excluded gets no suggestion: something was denied or
    /// audited there, and an exclusion would hide exactly that. Nil when there is nothing
    /// to withhold.
    public static func exclusionWithheld(_ e: TopEntry, _ dimension: InsightDimension) -> String? {
        guard candidate(e, dimension) != nil, e.denies + e.audits > 0 else { return nil }
        let found = [e.denies > 0 ? "\(e.denies) denied" : nil, e.audits > 0 ? "\(e.audits) audited" : nil].compactMap { $0 }
        return "no exclusion suggested: " + found.joined(separator: ", ") + " here; excluding it would hide what was found"
    }

    /// The reply of `vigil top` for one dimension.
    public static func json(_ entries: [TopEntry], _ dimension: InsightDimension, seconds: Double) -> [JSONLine] {
        entries.map { e in
            var o = JSONLine()
            o.add("key", e.key)
            o.add("events", e.events)
            o.add("events_per_second", seconds > 0 ? (Double(e.events) / seconds * 100).rounded() / 100 : nil)
            o.add("denies", e.denies)
            o.add("audits", e.audits)
            o.add("execs", e.execs)
            o.add("scanned", e.scanned)
            o.add("scan_p50_us", e.p50Micros)
            o.add("scan_p99_us", e.p99Micros)
            if dimension == .path { o.add("folder", e.isFolder) }
            if dimension == .process {
                o.add("executable", e.executable)
                o.add("command_line", e.commandLine)
                o.add("processes", e.processes)
            }
            if dimension != .workload, !e.workloadCounts.isEmpty { o.add("workloads", e.workloads) }
            o.add("exclusion", exclusion(e, dimension))
            o.add("exclusion_withheld", exclusionWithheld(e, dimension))
            return o
        }
    }

    /// The nearest-rank percentile of `values` (nil when empty).
    static func percentile(_ values: [UInt32], _ q: Double) -> Int? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = Int((q * Double(sorted.count)).rounded(.up))
        return Int(sorted[min(max(rank, 1), sorted.count) - 1])
    }
}
