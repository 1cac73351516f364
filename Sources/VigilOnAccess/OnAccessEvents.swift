import Glibc
import Synchronization
import VigilConfig
import VigilEngine
import VigilEvents
import VigilSystem

/// The event lines the permission path writes, and the rule that every allow made
/// without a full scan leaves one (through the flood gate: the first ones one by one,
/// with path and process, the rest counted in a summary). Lines are queued on the event
/// log, whose own thread writes them: never before the answer they describe.
///
/// Owns: the on-access ECS lines and the flood gate. Must not: answer events.
final class OnAccessLog: Sendable {
    let events: EventLog
    let gate = FloodGate()
    private let stats: OnAccessStats
    private let mode: DaemonConfig.Mode
    private let workloads: WorkloadResolver?

    init(events: EventLog, stats: OnAccessStats, mode: DaemonConfig.Mode, workloads: WorkloadResolver? = nil) {
        self.events = events
        self.stats = stats
        self.mode = mode
        self.workloads = workloads
    }

    func emit(_ record: EventLog.Record) { events.emit(record) }

    /// The canary files (`vigil canary` opens them every few seconds and must be refused):
    /// their denials are counted, one summary a minute, not a line each.
    private struct Canaries {
        var paths: Set<RawPath> = []
        var denied = 0
        var since: UInt64 = 0
    }
    private let canaries = Mutex(Canaries())

    func setCanaries(_ paths: [String]) { canaries.withLock { $0.paths = Set(paths.map { RawPath($0) }) } }

    /// True for a deny of a canary file: counted, and summarised once a minute.
    func quietCanary(_ path: RawPath) -> Bool {
        let now = monotonicNanos()
        let summary: Int? = canaries.withLock { c in
            guard c.paths.contains(path) else { return nil }
            if c.since == 0 { c.since = now }
            c.denied += 1
            guard now - c.since >= 60_000_000_000 else { return 0 }
            defer { c.denied = 0; c.since = now }
            return c.denied
        }
        guard let summary else { return false }
        if summary > 0 {
            emit(EventLog.Record(key: "canary-summary|\(now)", line: noteLine("info", "\(summary) opens of the canary files by vigil canary were denied in the last minute, as they must be")))
        }
        return true
    }

    /// Before answering an event let through or refused without a scan: asks the flood
    /// gate whether it gets its own line, and if so reads the process (the opener is
    /// still blocked now). Then answer, then `logUnscanned`.
    struct UnscannedNote {
        let admitted: Bool
        let subject: Subject?
        let closed: [FloodGate.Summary]
    }

    func noteUnscanned(_ reason: String, path: RawPath, pid: Int32) -> UnscannedNote {
        let (admitted, closed) = gate.admit(reason, example: path.description, now: monotonicNanos())
        return UnscannedNote(admitted: admitted, subject: admitted ? Subject.of(pid: pid) : nil, closed: closed)
    }

    /// The line for an event answered without a scan: with path and process, or counted
    /// in the flood summary.
    func logUnscanned(_ note: UnscannedNote, _ reason: String, path: RawPath, size: Int64, pid: Int32, exec: Bool,
                      response: Fanotify.Response, message: String?) {
        stats.bump(stats.unscanned)
        writeSummaries(note.closed)
        guard note.admitted else { return }
        let line = eventLine(action: reason, outcome: response == .deny ? "failure" : "success", path: path, size: size, pid: pid,
                             exec: exec, latencyMicros: 0, subject: note.subject,
                             message: (message.map { $0 + "; " } ?? "") + "answered \(response == .deny ? "deny" : "allow") without a scan")
        emit(EventLog.Record(key: "\(reason)|\(path)|\(monotonicNanos())", line: line))
    }

    /// A line about an allow without a full judgement, through the flood gate.
    func emitGated(_ reason: String, line: JSONLine, key: String, path: RawPath) {
        let (admitted, closed) = gate.admit(reason, example: path.description, now: monotonicNanos())
        writeSummaries(closed)
        if admitted { emit(EventLog.Record(key: key, line: line)) }
    }

    func flushSummaries(force: Bool) {
        writeSummaries(gate.drain(now: monotonicNanos(), force: force))
    }

    private func writeSummaries(_ summaries: [FloodGate.Summary]) {
        for s in summaries {
            var l = noteLine("warning", "\(s.suppressed) more events of kind \(s.reason) in the last second were answered without a full scan; "
                + "examples: \(s.examples.joined(separator: ", "))")
            var v = JSONLine()
            v.add("flood_reason", s.reason)
            v.add("flood_suppressed", s.suppressed)
            v.add("flood_examples", s.examples)
            l.merge(intoObject: "vigil", v)
            emit(EventLog.Record(key: "flood|\(s.reason)|\(monotonicNanos())", line: l))
        }
    }

    /// A deny (or audit) answered from the version cache: the rules and hash the first
    /// deny of this file version found, and the opener read while it waited.
    func logCachedDeny(path: RawPath, st: stat, pid: Int32, exec: Bool, rules: [ECSRule], sha256: String?, subject: Subject?,
                       response: Fanotify.Response, workload: WorkloadTag? = nil) {
        if response == .deny && quietCanary(path) { return }
        var extra = JSONLine()
        extra.add("cached", true)
        let l = eventLine(action: response == .deny ? "deny" : "audit", outcome: "success", path: path, size: Int64(st.st_size), pid: pid,
                          exec: exec, latencyMicros: 0, subject: subject, message: "known bad (cached verdict for this file version)",
                          cachedRules: rules, cachedSHA256: sha256, extra: extra, workload: workload)
        emit(EventLog.Record(key: "deny|\(path)|\(rules.map(\.name).joined(separator: ","))|cached", line: l))
    }

    /// One ECS line about an event of the permission path or an upload: `file.*` with
    /// an absolute path and the hash when known, `process.*` with parent and user when
    /// the opener was read, `rule.*` on every finding; Vigil's own keys under `vigil`
    /// (`extra` is merged there).
    func eventLine(action: String, outcome: String, path: RawPath, size: Int64, pid: Int32, exec: Bool, latencyMicros: Int,
                   report: FileReport? = nil, subject: Subject? = nil, message: String? = nil,
                   cachedRules: [ECSRule] = [], cachedSHA256: String? = nil, extra: JSONLine = JSONLine(),
                   upload: Bool = false, rule: ECSRule? = nil, workload: WorkloadTag? = nil) -> JSONLine {
        let finding = (report?.isFinding ?? false) || !cachedRules.isEmpty
        let alert = action == "deny" || action == "audit" || action == "late-verdict" && finding
            || action == "anonymous-exec" && finding || action == "quarantine" || action == "quarantine-race"
        let denied = action == "deny" || action == "quarantine"
        var types: [ECSEvent.EventType] = upload ? [.creation] : [.access]
        types.append(denied ? .denied : .allowed)
        var e = ECSEvent(kind: alert ? .alert : .event, categories: alert ? [.malware, .file] : [.file], types: types, action: action,
                         outcome: ECSEvent.Outcome(rawValue: outcome) ?? .unknown, dataset: "vigil.onaccess")
        e.file = ECSFile(path: path, size: size, sha256: report?.sha256?.description ?? cachedSHA256, mimeType: report?.mimeType)
        if pid > 0 { e.process = ECSProcess(subject ?? Subject(pid: pid)) }
        let rules = report.map { $0.findings.map { ECSRule($0) } } ?? cachedRules
        e.rule = rule ?? rules.first
        e.message = message
        e.vigil.add("access", upload ? "upload" : exec ? "exec" : "open")
        e.vigil.add("latency_us", latencyMicros)
        // The opener's workload: the one its event was judged under, else the one its
        // cgroup (read with the subject) falls into.
        let cgroup = workload?.cgroup ?? subject?.cgroup
        let index = workload != nil ? workload?.index : cgroup.flatMap { workloads?.index(of: $0) }
        let wl = index.flatMap { workloads?.table.rules[$0] }
        if let cgroup {
            let id = WorkloadIdentity(cgroupPath: cgroup)
            e.container = id.containerID.map { ECSContainer(id: $0, name: id.containerName, runtime: id.runtime) }
            e.serviceName = id.serviceName
        }
        e.vigil.add("mode", wl?.mode.rawValue ?? mode.rawValue)
        if cgroup != nil || workload != nil { e.vigil.add("workload", wl?.name ?? "host") }
        if let r = report, r.isFinding { e.vigil.add("verdict", r.verdict.description) }
        if !rules.isEmpty { e.vigil.add("rules", rules.map(\.name)) }
        if let r = report, r.isFinding {
            // Findings inside an archive name the member; the outer file is what was
            // denied or quarantined.
            var members: [String] = []
            for m in r.findings.compactMap(\.member) where !members.contains(m) { members.append(m) }
            if let first = members.first {
                e.vigil.add("archive_members", members)
                e.vigil.add("virtual_path", "\(path)!\(RawPath.escape(Array(first.utf8)))")
            }
        }
        if let problems = report?.problemTexts, !problems.isEmpty { e.vigil.add("problems", problems) }
        e.vigil.add("cgroup", cgroup)
        e.vigil.append(contentsOf: extra)
        return e.render()
    }

    func noteLine(_ level: String, _ message: String) -> JSONLine { ECS.note(level, message) }

    func note(_ level: String, _ message: String) { emit(.note(level, message)) }
}

extension ECSProcess {
    /// The opener as the permission path read it from /proc while it waited.
    init(_ s: Subject) {
        self.init(pid: s.pid, executable: s.executable,
                  parent: s.parentPid.map { Parent(pid: $0, executable: s.parentExecutable) }, uid: s.uid,
                  userName: s.uid.flatMap { UserNames.shared.name($0) }, gid: s.gid)
    }
}
