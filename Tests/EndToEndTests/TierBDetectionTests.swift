import Foundation
import Glibc
import Testing
import VigilSystem
import VigilTestSupport

/// Tier B self-protection against a hostile root on the real kernel (no BPF LSM here):
/// each attack of issue 12 that the kernel lets root make is run for real against a
/// daemon in the default one-filesystem layout, and must produce its documented event
/// within 2 s and a red (`compromised`) status. The attackers are small programs in
/// Tests/Fixtures that use the kernel's own interfaces (pidfd_getfd, fanotify_mark,
/// ptrace). Each prints how long detection took, for the closing note.
@Suite("tier B: detection of a hostile root (real kernel)", .serialized, .enabled(if: geteuid() == 0))
struct TierBDetectionTests {
    /// The issue's promise: an event within 2 s. Polling adds up to 50 ms.
    let bound = 2.0

    func started() throws -> DaemonHarness {
        let d = try #require(DaemonHarness.oneFilesystem())
        FileManager.default.createFile(atPath: d.guarded + "/eicar.com", contents: Data(eicar))
        #expect(d.start(), "\(d.output)")
        let s = d.waitForStatus(timeout: 20) { ($0["protection"] as? [String: Any])?["audit_sweeps"] as? Int ?? 0 > 0 }
        #expect(s?["protection_state"] as? String != "compromised", "green before the attack: \(s ?? [:])")
        #expect((s?["protection"] as? [String: Any])?["dumpable"] as? Bool == false, "PR_SET_DUMPABLE 0 holds")
        #expect(runProgram("/bin/cat", [d.guarded + "/eicar.com"], timeout: 10).status == 1, "EICAR is denied before the attack")
        return d
    }

    func attack(_ script: String, _ args: [String]) -> ProcessResult {
        let r = runProgram("/usr/bin/python3", [repoRoot + "/Tests/Fixtures/" + script] + args, timeout: 30)
        #expect(r.status == 0, "the attack itself ran: \(r.stdout) \(r.stderr)")
        return r
    }

    /// Waits for the event and the red status; returns the seconds to the event.
    func detected(_ d: DaemonHarness, _ action: String, change: String? = nil, attack: String) throws -> LogEvent {
        var found: LogEvent?
        let took = eventually(timeout: bound + 3) {
            found = LogEvent.all(in: d.logFile).first { e in
                e.action == action && (change == nil || ((e.vigil["protection"] as? [String: Any])?["change"] as? String) == change)
            }
            return found != nil
        }
        let e = try #require(found, "\(attack): no \(action) event; log: \(LogEvent.all(in: d.logFile).suffix(5))")
        print("tier B: \(attack) -> \(action)/\(change ?? "-") in \(Int((took ?? 0) * 1000)) ms")
        #expect((took ?? 99) <= bound, "\(attack): detected in \(took ?? -1) s")
        #expect(e.kind == "alert")
        #expect((e["log"] as? [String: Any])?["level"] as? String == "critical")
        let s = d.status()
        #expect(s?["protection_state"] as? String == "compromised", "\(attack): status is red: \(s?["protection_state"] ?? "nil")")
        #expect((s?["warnings"] as? [String] ?? []).contains { $0.hasPrefix("ALARM: \(action)") })
        expectValidECS(d.logFile, attack)
        return e
    }

    func guardHoldsAgain(_ d: DaemonHarness, _ attack: String) {
        let again = eventually(timeout: bound) { runProgram("/bin/cat", [d.guarded + "/eicar.com"], timeout: 10).status == 1 }
        #expect(again != nil, "\(attack): the marks are put back and EICAR is denied again")
    }

    @Test("attack: pidfd_getfd of the guard group, then FAN_MARK_FLUSH of every mark: `blinded` (marks-flushed), red, marks put back")
    func flushGuard() throws {
        let d = try started()
        attack("fanotify_attack.py", ["\(d.pid)", "guard", "flush"])
        _ = try detected(d, "blinded", change: "marks-flushed", attack: "flush the guard group")
        guardHoldsAgain(d, "flush")
    }

    @Test("attack: pidfd_getfd, then FAN_MARK_REMOVE of the guarded filesystem's mark: `blinded` (mark-removed), red, put back")
    func removeFilesystemMark() throws {
        let d = try started()
        attack("fanotify_attack.py", ["\(d.pid)", "guard", "remove-fs", d.guarded])
        _ = try detected(d, "blinded", change: "mark-removed", attack: "remove the filesystem mark")
        guardHoldsAgain(d, "remove-fs")
    }

    @Test("attack: pidfd_getfd, then an ignore mask on the filesystem mark: `blinded` (ignore-mark-added), red, removed")
    func ignoreFilesystem() throws {
        let d = try started()
        attack("fanotify_attack.py", ["\(d.pid)", "guard", "ignore-fs", d.guarded])
        _ = try detected(d, "blinded", change: "ignore-mark-added", attack: "ignore mask on the filesystem mark")
        guardHoldsAgain(d, "ignore-fs")
    }

    @Test("attack: pidfd_getfd, then an ignore mark on one malicious file: `blinded` (ignore-mark-added), red, removed")
    func ignoreOneFile() throws {
        let d = try started()
        attack("fanotify_attack.py", ["\(d.pid)", "guard", "ignore-inode", d.guarded + "/eicar.com"])
        _ = try detected(d, "blinded", change: "ignore-mark-added", attack: "ignore mark on one file")
        guardHoldsAgain(d, "ignore-inode")
    }

    @Test("attack: pidfd_getfd of self-protection's permission group, then FAN_MARK_FLUSH: `blinded`, red, protected files re-armed")
    func flushTamperGroup() throws {
        let d = try started()
        attack("fanotify_attack.py", ["\(d.pid)", "tamper", "flush"])
        _ = try detected(d, "blinded", change: "marks-flushed", attack: "flush the tamper permission group")
        // Re-armed: the config is refused for writing again (immutable flag off for the check).
        let rearmed = eventually(timeout: bound) {
            guard (try? InodeFlags.setImmutable(d.configFile, false)) != nil else { return false }
            let refused = tryOpen(d.configFile, O_WRONLY | O_APPEND | O_NONBLOCK) == EPERM
            return refused
        }
        #expect(rearmed != nil, "the permission mark on the config is back")
        #expect(eventually(timeout: 3) { isImmutable(d.configFile) } != nil)
    }

    @Test("attack: ptrace (PTRACE_SEIZE by root, which non-dumpable does not refuse): `traced`, red, the tracer named")
    func traced() throws {
        let d = try started()
        let tracer = Process()
        tracer.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        tracer.arguments = [repoRoot + "/Tests/Fixtures/ptrace_attack.py", "\(d.pid)", "seize", "4"]
        try tracer.run()
        defer { tracer.waitUntilExit() }
        let e = try detected(d, "traced", attack: "ptrace attach")
        #expect((e["process"] as? [String: Any])?["pid"] as? Int == Int(tracer.processIdentifier), "the tracer is named: \(e)")
        tracer.waitUntilExit()
        #expect(tracer.terminationStatus == 0)
        #expect(d.control("ping")?["ok"] as? Bool == true, "the daemon runs on after the tracer leaves")
    }

    @Test("attack: ptrace-injected mmap of anonymous executable memory: `code-injected` (and `traced`), red")
    func injectedCode() throws {
        let d = try started()
        let r = attack("ptrace_attack.py", ["\(d.pid)", "inject-exec"])
        let address = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines).dropFirst(2)
        let e = try detected(d, "code-injected", change: "anonymous-exec-mapping", attack: "injected anonymous exec mapping")
        #expect(((e.vigil["protection"] as? [String: Any])?["mapping"] as? String)?.hasPrefix(String(address)) == true, "\(e) vs \(address)")
        #expect(d.control("ping")?["ok"] as? Bool == true, "the daemon survived the injection")
    }

}

/// Kill visibility (issue 12, item 4): every start says how the previous daemon ended,
/// from the run record the daemon, its watchdog and systemd keep in the state folder.
@Suite("tier B: kill visibility (real processes)", .serialized, .enabled(if: geteuid() == 0))
struct KillVisibilityTests {
    func previousRun(_ d: DaemonHarness, after: Int) -> LogEvent? {
        var found: LogEvent?
        _ = eventually(timeout: 10) {
            found = LogEvent.all(in: d.logFile).filter { $0.action == "previous-run-ended" }.dropFirst(after).first
            return found != nil
        }
        return found
    }

    func how(_ e: LogEvent?) -> String? { (e?.vigil["protection"] as? [String: Any])?["change"] as? String }
    func gapMillis(_ e: LogEvent?) -> Int? { ((e?.vigil["protection"] as? [String: Any])?["gap_ms"] as? String).flatMap { Int($0) } }

    @Test("attack: kill -9 of the watchdog and the daemon in one call: the next start reports `previous-run-ended` (unknown, critical) and the gap")
    func killBoth() throws {
        let d = try #require(DaemonHarness.oneFilesystem())
        #expect(d.start(watchdog: true), "\(d.output)")
        let s = try #require(d.waitForStatus(timeout: 20) { ($0["protection"] as? [String: Any])?["watchdog_pid"] is Int })
        #expect(how(previousRun(d, after: 0)) == "first-start")
        let daemon = Int32(try #require(s["pid"] as? Int)), watchdog = Int32(try #require((s["protection"] as? [String: Any])?["watchdog_pid"] as? Int))
        usleep(1_200_000)   // past one alive stamp
        #expect(runProgram("/bin/kill", ["-9", "\(watchdog)", "\(daemon)"]).status == 0)
        d.waitGone(daemon)
        d.waitGone(watchdog)
        d.killHard()
        sleep(2)
        #expect(d.start(watchdog: true), "\(d.output)")
        let e = try #require(previousRun(d, after: 1), "\(LogEvent.all(in: d.logFile).suffix(3))")
        #expect(how(e) == "unknown", "\(e)")
        #expect(e.kind == "alert")
        #expect((e["log"] as? [String: Any])?["level"] as? String == "critical")
        let gap = try #require(gapMillis(e))
        print("tier B: kill -9 of watchdog and daemon -> previous-run-ended/unknown, gap \(gap) ms reported")
        #expect(gap >= 2000 && gap < 15_000, "the gap covers the 2 s without a daemon: \(gap) ms")
        #expect(e.message?.contains("pid \(daemon)") == true)
        expectValidECS(d.logFile, "kill -9 of both")
    }

    @Test("attack: kill -9 of the daemon alone: its watchdog restarts it, and the new daemon reports `killed` by signal 9, seen by the watchdog")
    func killDaemon() throws {
        let d = try #require(DaemonHarness.oneFilesystem())
        #expect(d.start(watchdog: true), "\(d.output)")
        let s = try #require(d.waitForStatus(timeout: 20) { ($0["protection"] as? [String: Any])?["watchdog_pid"] is Int })
        let daemon = Int32(try #require(s["pid"] as? Int))
        kill(daemon, SIGKILL)
        let e = try #require(previousRun(d, after: 1), "\(LogEvent.all(in: d.logFile).suffix(3))")
        #expect(how(e) == "killed", "\(e)")
        #expect(e.message?.contains("signal 9") == true && e.message?.contains("watchdog") == true, "\(e.message ?? "")")
        print("tier B: kill -9 of the daemon -> previous-run-ended/killed, gap \(gapMillis(e) ?? -1) ms")
        expectValidECS(d.logFile, "kill -9 of the daemon")
    }

    @Test("a clean stop (SIGTERM) is reported as such at the next start, not as an alert; heartbeats count up and pass check-ecs.py")
    func cleanStopAndHeartbeat() throws {
        let d = try #require(DaemonHarness.oneFilesystem(extraProtection: "heartbeat_seconds = 1"))
        #expect(d.start(), "\(d.output)")
        let beats = eventually(timeout: 10) { LogEvent.all(in: d.logFile).filter { $0.action == "heartbeat" }.count >= 3 }
        #expect(beats != nil)
        let hb = LogEvent.all(in: d.logFile).filter { $0.action == "heartbeat" }.map { $0.vigil["heartbeat"] as? [String: Any] ?? [:] }
        #expect(hb.prefix(3).compactMap { $0["sequence"] as? Int } == [1, 2, 3])
        let bootID = try String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(hb.first?["boot_id"] as? String == bootID)
        #expect(hb.first?["tier"] as? String == "B")
        #expect(hb.first?["marks_ok"] as? Bool == true)
        #expect((hb.first?["config_digest"] as? String)?.count == 64, "the sealed config's SHA-256: \(hb.first ?? [:])")
        #expect((hb.first?["rules_digest"] as? String)?.count == 64)
        #expect(d.terminate() == 0)
        #expect(d.start(), "\(d.output)")
        let e = try #require(previousRun(d, after: 1))
        #expect(how(e) == "clean-stop" && e.kind == "event", "\(e)")
        d.stop()
        let check = runProgram("/usr/bin/python3", [repoRoot + "/Tests/ECS/check-ecs.py", d.logFile])
        #expect(check.status == 0, "\(check.stdout)")
    }
}

/// Every line of a live event log so far (the alerts `blinded`, `traced`, `code-injected`,
/// `previous-run-ended` among them) passes the ECS kit's checker. Only complete lines are
/// checked: the daemon may be writing the next one.
func expectValidECS(_ logFile: String, _ what: String) {
    guard let data = FileManager.default.contents(atPath: logFile), let end = data.lastIndex(of: UInt8(ascii: "\n")) else {
        Issue.record("\(what): no complete line in \(logFile)")
        return
    }
    let copy = NSTemporaryDirectory() + "vigil-ecs-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).json"
    FileManager.default.createFile(atPath: copy, contents: data[...end])
    defer { unlink(copy) }
    let check = runProgram("/usr/bin/python3", [repoRoot + "/Tests/ECS/check-ecs.py", copy], timeout: 60)
    #expect(check.status == 0, "\(what): the log fails check-ecs.py: \(check.stdout) \(check.stderr)")
}
