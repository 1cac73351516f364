import Glibc
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

    init(events: EventLog, stats: OnAccessStats, mode: DaemonConfig.Mode) {
        self.events = events
        self.stats = stats
        self.mode = mode
    }

    func emit(_ record: EventLog.Record) { events.emit(record) }

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
            l.add("vigil", object: v)
            emit(EventLog.Record(key: "flood|\(s.reason)|\(monotonicNanos())", line: l))
        }
    }

    func logCachedDeny(path: RawPath, st: stat, pid: Int32, exec: Bool, rules: [String], response: Fanotify.Response) {
        var l = eventLine(action: response == .deny ? "deny" : "audit", outcome: "success", path: path, size: Int64(st.st_size), pid: pid,
                          exec: exec, latencyMicros: 0, message: "known bad (cached verdict for this file version)")
        l.add("vigil_rules", rules)
        emit(EventLog.Record(key: "deny|\(path)|\(rules.joined(separator: ","))|cached", line: l))
    }

    func eventLine(action: String, outcome: String, path: RawPath, size: Int64, pid: Int32, exec: Bool, latencyMicros: Int,
                   report: FileReport? = nil, subject: Subject? = nil, message: String? = nil) -> JSONLine {
        var o = JSONLine()
        o.add("@timestamp", isoTimestamp())
        var ev = JSONLine()
        let alert = action == "deny" || action == "audit" || action == "late-verdict" && (report?.isFinding ?? false)
            || action == "anonymous-exec" && (report?.isFinding ?? false) || action == "quarantine" || action == "quarantine-race"
        ev.add("kind", alert ? "alert" : "event")
        ev.add("category", alert ? ["malware", "file"] : ["file"])
        ev.add("type", [action == "deny" ? "denied" : "allowed"])
        ev.add("action", action)
        ev.add("outcome", outcome)
        ev.add("module", "vigil")
        ev.add("dataset", "vigil.onaccess")
        o.add("event", object: ev)
        o.add("file", object: ECS.file(path, size: size, sha256: report?.sha256?.description, mimeType: report?.mimeType))
        var process = JSONLine()
        process.add("pid", Int(pid))
        process.add("executable", subject?.executable?.description)
        if let uid = subject?.uid {
            var user = JSONLine()
            user.add("id", String(uid))
            process.add("user", object: user)
        }
        o.add("process", object: process)
        if let first = report?.findings.first { o.add("rule", object: ECS.rule(first)) }
        o.add("message", message)
        var vigil = JSONLine()
        vigil.add("access", exec ? "exec" : "open")
        vigil.add("latency_us", latencyMicros)
        vigil.add("mode", mode.rawValue)
        if let r = report, r.isFinding {
            vigil.add("verdict", r.verdict.description)
            vigil.add("rules", r.findings.map(\.name))
            // Findings inside an archive name the member; the outer file is what was
            // denied or quarantined.
            var members: [String] = []
            for m in r.findings.compactMap(\.member) where !members.contains(m) { members.append(m) }
            if let first = members.first {
                vigil.add("archive_members", members)
                vigil.add("virtual_path", "\(path)!\(RawPath.escape(Array(first.utf8)))")
            }
        }
        if let problems = report?.problemTexts, !problems.isEmpty { vigil.add("problems", problems) }
        vigil.add("cgroup", subject?.cgroup)
        o.add("vigil", object: vigil)
        return o
    }

    func noteLine(_ level: String, _ message: String) -> JSONLine { ECS.note(level, message) }

    func note(_ level: String, _ message: String) { emit(.note(level, message)) }
}
