import Foundation
import Glibc
import Testing
import VigilSystem
import VigilTestSupport

/// Issue 12, the wedged stop: a daemon asked to stop (SIGTERM) must never wait on its own
/// permission events, whatever happened to its marks. Seen first in the Tier B QEMU guest
/// (a stop over 30 s, SIGKILL then) and reproduced here on every try: while the stop waited
/// for a scan, the self-audit took the guard's own flush for an attack, put the
/// filesystem mark back after the event thread had left, and the daemon's next open (its
/// pid file) waited on that mark for good, with every other opener on the filesystem.
///
/// The default one-filesystem layout (the daemon's pid file, state and log on the marked
/// filesystem), the self-audit every 100 ms, and a scan held 2.5 s by [debug]
/// slow_scan_ms so that the stop lasts long enough for several sweeps. Every wait is
/// bounded; a daemon that does not stop is shown (each thread's kernel stack) and killed.
@Suite("daemon stop: never waits on its own permission events (real kernel)", .serialized, .enabled(if: geteuid() == 0))
struct DaemonStopTests {
    /// The held scan takes 2.5 s; the stop may take that and the rest of the stop, never
    /// the 14 s after which the watchdog kills a wedged daemon.
    let bound = 10.0
    let held = "held-by-a-scan"

    func started() throws -> DaemonHarness {
        let d = try #require(DaemonHarness.oneFilesystem(extraProtection: """
            audit_interval_ms = 100
            [debug]
            slow_scan_ms = 2500
            slow_scan_name = "\(held)"
            """))
        _ = FileManager.default.createFile(atPath: d.guarded + "/eicar.com", contents: Data(eicar))
        _ = FileManager.default.createFile(atPath: d.guarded + "/\(held)", contents: Data("a file whose scan is held\n".utf8))
        #expect(d.start(), "\(d.output)")
        let s = d.waitForStatus(timeout: 20) { ($0["protection"] as? [String: Any])?["audit_sweeps"] as? Int ?? 0 > 0 }
        #expect(s != nil, "the self-audit sweeps")
        return d
    }

    /// An opener whose open waits on the held scan, once it waits in the kernel.
    func openerWaitingOnTheScan(_ d: DaemonHarness) throws -> Process {
        try openerWaiting(d.guarded + "/" + held, "the opener waits on the daemon's answer")
    }

    /// `cat path`, once its open waits in the kernel for the daemon's answer (`why` if not).
    func openerWaiting(_ path: String, _ why: Comment) throws -> Process {
        let cat = Process()
        cat.executableURL = URL(fileURLWithPath: "/bin/cat")
        cat.arguments = [path]
        cat.standardOutput = FileHandle.nullDevice
        cat.standardError = FileHandle.nullDevice
        try cat.run()
        let waits = eventually(timeout: 10) {
            ((try? String(contentsOfFile: "/proc/\(cat.processIdentifier)/wchan", encoding: .utf8)) ?? "").contains("fanotify")
        }
        #expect(waits != nil, why)
        return cat
    }

    /// SIGTERM; the seconds until the daemon exited with status 0, or nil: then each of
    /// its threads' state and kernel stack are recorded and it is killed.
    func stopped(_ d: DaemonHarness, _ what: String) -> Double? {
        guard let p = d.process else { return nil }
        let began = Date()
        kill(p.processIdentifier, SIGTERM)
        if eventually(timeout: bound, { !p.isRunning }) == nil {
            var threads: [String] = []
            for task in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(p.processIdentifier)/task")) ?? [] {
                let dir = "/proc/\(p.processIdentifier)/task/\(task)"
                let comm = (try? String(contentsOfFile: dir + "/comm", encoding: .utf8)) ?? "?"
                let stack = (try? String(contentsOfFile: dir + "/stack", encoding: .utf8)) ?? "?"
                threads.append("\(comm.trimmingCharacters(in: .whitespacesAndNewlines)): \(stack.split(separator: "\n").prefix(4).joined(separator: " "))")
            }
            Issue.record("\(what): the daemon still runs \(Int(bound)) s after SIGTERM; its threads: \(threads.joined(separator: " | "))")
            d.killHard()
            return nil
        }
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(what): a clean stop: \(p.terminationReason == .uncaughtSignal ? "signal" : "exit") \(p.terminationStatus)")
        return Date().timeIntervalSince(began)
    }

    func blindedCount(_ d: DaemonHarness) -> Int { LogEvent.all(in: d.logFile).filter { $0.action == "blinded" }.count }

    /// The stop itself: bounded, no `blinded` alarm for the guard's own flush, the opener
    /// answered, the stop logged, and the filesystem free afterwards.
    func expectCleanStop(_ d: DaemonHarness, _ what: String) throws {
        // Counted first: reading the log takes a while under load, and SIGTERM must come
        // while the held scan still runs.
        let blindedBefore = blindedCount(d)
        let cat = try openerWaitingOnTheScan(d)
        defer { if cat.isRunning { kill(cat.processIdentifier, SIGKILL) } }
        let took = stopped(d, what)
        print("daemon stop: \(what): \(took.map { "\(Int($0 * 1000)) ms" } ?? "wedged")")
        #expect(took != nil)
        #expect(eventually(timeout: 5) { !cat.isRunning } != nil, "\(what): the opener was answered")
        #expect(blindedCount(d) == blindedBefore, "\(what): no `blinded` for the daemon's own flush at stop")
        #expect(LogEvent.all(in: d.logFile).contains { $0.action == "daemon-stop" }, "\(what): the stop is logged")
        #expect(runProgram("/bin/cat", [d.guarded + "/eicar.com"], timeout: 10).status == 0, "\(what): nothing is left marked: the file opens")
    }

    @Test("SIGTERM while a scan holds the stop: the self-audit leaves the flushed marks alone and the daemon exits, its pid file removed")
    func stopDuringScan() throws {
        let d = try started()
        try expectCleanStop(d, "during a held scan")
        #expect(access(d.fs + "/run/vigil/vigil.pid", F_OK) != 0, "the pid file is gone")
    }

    /// Attack: open malware while the scanners are busy, and stop the daemon before its
    /// scan comes up. The stop takes the marks away at once (from then on the kernel lets
    /// opens through unseen, as when no daemon runs: the `daemon-stop` line says when),
    /// and whatever already waits in the scan queue is allowed unscanned, so that no
    /// opener waits on a daemon that is leaving. That must not go unseen: the
    /// `stop-window` warning counts those opens and names the first ones.
    @Test("attack: EICAR waiting in the scan queue when the daemon stops is allowed unscanned, and the stop-window warning counts and names it")
    func stopWindowReported() throws {
        let d = try started()
        // Both scan threads held (threads = 2), so the next open waits in the queue.
        let held = [try openerWaitingOnTheScan(d), try openerWaitingOnTheScan(d)]
        defer { for c in held where c.isRunning { kill(c.processIdentifier, SIGKILL) } }
        let eicarPath = d.guarded + "/eicar.com"
        let queued = try openerWaiting(eicarPath, "the EICAR open waits behind the two held scans")
        defer { if queued.isRunning { kill(queued.processIdentifier, SIGKILL) } }
        let p = try #require(d.process)
        kill(p.processIdentifier, SIGTERM)
        #expect(eventually(timeout: bound) { !p.isRunning } != nil, "the daemon exits")
        p.waitUntilExit()
        #expect(eventually(timeout: 5) { !queued.isRunning } != nil, "the queued opener was answered")
        queued.waitUntilExit()
        #expect(queued.terminationStatus == 0, "the queued EICAR open was allowed at the stop (unscanned)")
        let windows = LogEvent.all(in: d.logFile).filter { $0.action == "stop-window" }
        #expect(windows.count == 1, "one stop-window event")
        let w = try #require(windows.first)
        let v = w.vigil["stop_window"] as? [String: Any]
        print("daemon stop: stop window: \(v ?? [:])")
        #expect(v?["allowed_guarded"] as? Int ?? 0 >= 1, "the queued open is counted")
        #expect((v?["examples"] as? [String] ?? []).contains(eicarPath), "the event names the EICAR file")
        #expect((w["log"] as? [String: Any])?["level"] as? String == "warning", "a warning")
        #expect(!LogEvent.all(in: d.logFile).contains { $0.action == "deny" && $0.path == eicarPath }, "EICAR was never scanned (no deny)")
        expectValidECS(d.logFile, "the log, stop-window line included")
    }

    @Test("after the guard group was flushed through a copy of its fd (blinded, marks put back), the stop is as clean")
    func stopAfterBlinding() throws {
        let d = try started()
        let r = runProgram("/usr/bin/python3", [repoRoot + "/Tests/Fixtures/fanotify_attack.py", "\(d.pid)", "guard", "flush"], timeout: 30)
        #expect(r.status == 0, "the attack ran: \(r.stdout) \(r.stderr)")
        #expect(eventually(timeout: 5) { blindedCount(d) > 0 } != nil, "blinded")
        #expect(eventually(timeout: 5) { runProgram("/bin/cat", [d.guarded + "/eicar.com"], timeout: 10).status == 1 } != nil,
                "the marks are back: EICAR is denied")
        try expectCleanStop(d, "after FAN_MARK_FLUSH by an attacker")
    }

    @Test("an attacker holding a copy of the guard group's fd puts the filesystem mark back all through the stop: the daemon still exits")
    func stopWhileAttackerRemarks() throws {
        let d = try started()
        let attacker = Process()
        attacker.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        attacker.arguments = [repoRoot + "/Tests/Fixtures/fanotify_attack.py", "\(d.pid)", "guard", "remark-hold", d.guarded, "6"]
        let out = Pipe()
        attacker.standardOutput = out
        attacker.standardError = FileHandle.nullDevice
        try attacker.run()
        // Until the attacker lets go of its copy, its group keeps the mark: bounded by its 6 s.
        defer {
            if eventually(timeout: 15, { !attacker.isRunning }) == nil { kill(attacker.processIdentifier, SIGKILL) }
            attacker.waitUntilExit()
        }
        let line = out.fileHandleForReading.availableData
        #expect(String(decoding: line, as: UTF8.self).hasPrefix("holding"), "the attacker holds the copy")
        let cat = try openerWaitingOnTheScan(d)
        defer { if cat.isRunning { kill(cat.processIdentifier, SIGKILL) } }
        let took = stopped(d, "attacker re-marking")
        print("daemon stop: while an attacker re-adds the mark through its copy: \(took.map { "\(Int($0 * 1000)) ms" } ?? "wedged")")
        #expect(took != nil)
        #expect(eventually(timeout: 5) { !cat.isRunning } != nil, "the opener was answered")
    }
}
