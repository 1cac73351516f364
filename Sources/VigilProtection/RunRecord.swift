import Glibc
import VigilEvents
import VigilSystem

// Owns: the record of the daemon's run (state/run.tsv, state/alive), how the previous
// run ended as judged from it, and the start event that says so. Must not: supervise.

/// What a daemon leaves behind about its run: started when and as which process, last
/// seen alive when, stopped cleanly or not, and (from its watchdog's waitpid, or from
/// systemd's ExecStopPost) how it exited. Read by the next start, so a `kill -9` of the
/// watchdog and the daemon together still produces an event, with the gap.
public struct RunRecord: Sendable, Equatable {
    public var pid: Int32
    public var bootID: String
    public var startedAt: Double
    /// A clean stop (SIGTERM, every pending open answered).
    public var cleanStopAt: Double?
    /// How the process ended, when someone saw it: "signal 9", "exit 1", "core signal 11".
    public var exit: String?
    public var exitAt: Double?
    /// Who saw the exit: "watchdog" or "systemd".
    public var exitSeenBy: String?

    public init(pid: Int32, bootID: String, startedAt: Double) {
        self.pid = pid
        self.bootID = bootID
        self.startedAt = startedAt
    }

    public func render() -> String {
        var lines = ["pid\t\(pid)", "boot_id\t\(bootID)", "started_at\t\(startedAt)"]
        if let cleanStopAt { lines.append("clean_stop_at\t\(cleanStopAt)") }
        if let exit { lines.append("exit\t\(exit)") }
        if let exitAt { lines.append("exit_at\t\(exitAt)") }
        if let exitSeenBy { lines.append("exit_seen_by\t\(exitSeenBy)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// nil for a missing, empty or unreadable record (a corrupt one is "unknown", never a crash).
    public static func parse(_ text: String) -> RunRecord? {
        var f: [Substring: Substring] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            if parts.count == 2 { f[parts[0]] = parts[1] }
        }
        guard let pid = f["pid"].flatMap({ Int32($0) }), let boot = f["boot_id"], let started = time(f["started_at"]) else { return nil }
        var r = RunRecord(pid: pid, bootID: String(boot), startedAt: started)
        r.cleanStopAt = time(f["clean_stop_at"])
        r.exit = f["exit"].map(String.init)
        r.exitAt = time(f["exit_at"])
        r.exitSeenBy = f["exit_seen_by"].map(String.init)
        return r
    }

    /// A time in the record: seconds since the epoch, finite, from 1970 to the year 5000.
    /// Anything else ("-1e300", "inf", "nan": an edited or damaged record) is no time:
    /// made whole numbers (the event's gap_ms, a timestamp's time_t) those trapped the
    /// daemon at every start, before it guarded anything.
    static func time(_ text: Substring?) -> Double? {
        guard let v = text.flatMap({ Double($0) }), v.isFinite, v >= 0, v < maxTime else { return nil }
        return v
    }
    static let maxTime = 95_617_584_000.0   // 5000-01-01T00:00:00Z

    /// A wait(2) status in words: "exit N", "signal N", "core signal N".
    public static func describe(waitStatus s: Int32) -> String {
        let signal = s & 0x7f
        if signal == 0 { return "exit \((s >> 8) & 0xff)" }
        return (s & 0x80 != 0 ? "core signal " : "signal ") + "\(signal)"
    }
}

/// How the previous run ended, judged from its record. Pure.
public enum PreviousRun {
    public struct Verdict: Sendable, Equatable {
        /// "first-start", "clean-stop", "killed", "crashed", "exited", "host-restarted", "unknown".
        public let how: String
        /// Seconds without a daemon: from the end (or the last sign of life) to now.
        public let gapSeconds: Double?
        /// Anything but a clean stop or a first start is an alert.
        public var alert: Bool { !["first-start", "clean-stop"].contains(how) }
        public let message: String
    }

    /// Signals that mean the process crashed rather than was killed.
    static let crashSignals: Set<Int32> = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGSYS]

    public static func judge(_ r: RunRecord?, aliveAt: Double?, bootID: String, now: Double) -> Verdict {
        guard let r else { return Verdict(how: "first-start", gapSeconds: nil, message: "no record of a previous run") }
        let lastAlive = max(aliveAt ?? r.startedAt, r.startedAt)
        if let stop = r.cleanStopAt {
            return Verdict(how: "clean-stop", gapSeconds: max(0, now - stop), message: "the previous daemon (pid \(r.pid)) stopped cleanly")
        }
        if r.bootID != bootID {
            return Verdict(how: "host-restarted", gapSeconds: nil,
                           message: "the previous daemon (pid \(r.pid)) never stopped: the host went down or rebooted (last seen alive \(isoTimestamp(seconds: lastAlive)))")
        }
        if let exit = r.exit {
            let gap = max(0, now - (r.exitAt ?? lastAlive))
            let by = r.exitSeenBy.map { " (seen by \($0))" } ?? ""
            // "signal N" or "core signal N", as the watchdog writes it; systemd's
            // ExecStopPost adds words after the number ("signal 9 (the service's main process)").
            let words = exit.split(separator: " ")
            let numberAt = words.first == "signal" ? 1 : words.first == "core" && words.count > 1 && words[1] == "signal" ? 2 : nil
            if let i = numberAt, i < words.count, let n = Int32(words[i]) {
                let how = crashSignals.contains(n) || words.first == "core" ? "crashed" : "killed"
                return Verdict(how: how, gapSeconds: gap, message: "the previous daemon (pid \(r.pid)) was \(how == "crashed" ? "crashed" : "killed") by signal \(n)\(by)")
            }
            return Verdict(how: "exited", gapSeconds: gap, message: "the previous daemon (pid \(r.pid)) exited without a clean stop (\(exit))\(by)")
        }
        return Verdict(how: "unknown", gapSeconds: max(0, now - lastAlive),
                       message: "the previous daemon (pid \(r.pid)) ended without a clean stop and nobody saw how "
                           + "(killed together with its watchdog, or both crashed); last seen alive \(isoTimestamp(seconds: lastAlive))")
    }
}

/// The record on disk: `run.tsv` (rewritten whole, by rename, at start, clean stop and
/// exit) and `alive` (a timestamp overwritten in place every second: no fsync, no
/// rename, so it costs a page-cache write; a power cut loses it, which the boot id tells).
public final class RunState: Sendable {
    public let directory: String
    var recordPath: String { directory + "/run.tsv" }
    var alivePath: String { directory + "/alive" }

    public init(stateDirectory: String) { directory = stateDirectory }

    public static var bootID: String {
        readSmallFile("/proc/sys/kernel/random/boot_id").map { String($0.filter { $0 != "\n" }) } ?? "unknown"
    }

    public func read() -> RunRecord? { readSmallFile(recordPath).flatMap(RunRecord.parse) }

    public var aliveAt: Double? {
        readSmallFile(alivePath).flatMap { UInt64($0.filter { $0 != "\n" && $0 != " " }) }.map { Double($0) / 1000 }
            .flatMap { $0 < RunRecord.maxTime ? $0 : nil }
    }

    public func write(_ r: RunRecord) {
        try? makeDirectories(directory, mode: 0o700)
        let tmp = recordPath + ".tmp"
        guard let fd = try? sysCall({ open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600) }) else { return }
        let bytes = Array(r.render().utf8)
        let ok = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) } == bytes.count && fsync(fd) == 0
        close(fd)
        if ok { rename(tmp, recordPath) } else { unlink(tmp) }
    }

    /// Now alive (fixed width, overwritten in place).
    public func touchAlive(_ now: Double = wallClockSeconds()) {
        guard let fd = try? sysCall({ open(alivePath, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600) }) else { return }
        // Whole milliseconds, padded: a shorter write never leaves a longer one's tail.
        let ms = String(UInt64(max(0, now) * 1000))
        let text = Array((String(repeating: "0", count: max(0, 16 - ms.count)) + ms + "\n").utf8)
        _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        close(fd)
    }

    /// The watchdog (or systemd's ExecStopPost) saw `pid` end: recorded unless that run
    /// already stopped cleanly, or the record is of another process.
    public func recordExit(pid: Int32?, _ how: String, seenBy: String, at now: Double = wallClockSeconds()) {
        guard var r = read(), r.cleanStopAt == nil, pid == nil || r.pid == pid, r.exit == nil else { return }
        r.exit = how
        r.exitAt = now
        r.exitSeenBy = seenBy
        write(r)
    }

    /// At start: judges the previous run, then records this one. The verdict's event is
    /// the caller's to log.
    public func begin(pid: Int32 = getpid(), now: Double = wallClockSeconds()) -> PreviousRun.Verdict {
        let boot = RunState.bootID
        let verdict = PreviousRun.judge(read(), aliveAt: aliveAt, bootID: boot, now: now)
        write(RunRecord(pid: pid, bootID: boot, startedAt: now))
        touchAlive(now)
        return verdict
    }

    public func cleanStop(now: Double = wallClockSeconds()) {
        guard var r = read(), r.pid == getpid() else { return }
        r.cleanStopAt = now
        write(r)
    }

    /// The start event: how the previous run ended and how long nothing guarded.
    public static func event(_ v: PreviousRun.Verdict) -> JSONLine {
        var e = ECSEvent.protection(action: "previous-run-ended", alert: v.alert, outcome: v.alert ? .failure : .success,
                                    message: "vigil: " + v.message + (v.gapSeconds.map { "; \(Int($0 * 1000)) ms without a daemon" } ?? ""),
                                    change: v.how, extra: v.gapSeconds.map { [("gap_ms", "\(Int($0 * 1000))")] } ?? [])
        if v.alert { e.logLevel = "critical" }
        return e.render()
    }
}
