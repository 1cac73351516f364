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

    /// One way to blind the guard group through a copy of its fd (`pidfd_getfd`), and
    /// what the self-audit must call it.
    struct GuardAttack: Sendable, CustomTestStringConvertible {
        enum Target: Sendable { case none, guardedFolder, eicar }
        let mode: String
        let target: Target
        let change: String
        let testDescription: String

        func arguments(_ d: DaemonHarness) -> [String] {
            switch target {
            case .none: ["\(d.pid)", "guard", mode]
            case .guardedFolder: ["\(d.pid)", "guard", mode, d.guarded]
            case .eicar: ["\(d.pid)", "guard", mode, d.guarded + "/eicar.com"]
            }
        }

        static let all = [
            GuardAttack(mode: "flush", target: .none, change: "marks-flushed", testDescription: "FAN_MARK_FLUSH of every mark"),
            GuardAttack(mode: "remove-fs", target: .guardedFolder, change: "mark-removed", testDescription: "FAN_MARK_REMOVE of the filesystem's mark"),
            GuardAttack(mode: "ignore-fs", target: .guardedFolder, change: "ignore-mark-added", testDescription: "an ignore mask on the filesystem mark"),
            GuardAttack(mode: "ignore-inode", target: .eicar, change: "ignore-mark-added", testDescription: "an ignore mark on one malicious file"),
            GuardAttack(mode: "ignore-folder", target: .guardedFolder, change: "ignore-mark-added",
                        testDescription: "an ignore mark on the guarded folder's entries, shaped like Vigil's own on unguarded folders"),
        ]
    }

    @Test("attack: pidfd_getfd of the guard group, then each way to blind it: `blinded` with the change named, red, the marks put back and EICAR denied again",
          arguments: GuardAttack.all)
    func blindGuardGroup(_ a: GuardAttack) throws {
        let d = try started()
        attack("fanotify_attack.py", a.arguments(d))
        _ = try detected(d, "blinded", change: a.change, attack: a.testDescription)
        guardHoldsAgain(d, a.mode)
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
        defer { stopHelper(tracer) }
        let e = try detected(d, "traced", attack: "ptrace attach")
        #expect((e["process"] as? [String: Any])?["pid"] as? Int == Int(tracer.processIdentifier), "the tracer is named: \(e)")
        #expect(eventually(timeout: 30) { !tracer.isRunning } != nil, "the tracer leaves after its 4 s")
        #expect(!tracer.isRunning && tracer.terminationStatus == 0)
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

/// Mounts over what Vigil protects (issue 12, Tier B: mount watching): a bind mount over
/// the config folder swaps the config the next start reads; over the guarded folder, it
/// shows users other files.
@Suite("tier B: mounts over protected paths (real kernel)", .serialized, .enabled(if: geteuid() == 0))
struct MountOverTests {
    @Test("attack: mount --bind /tmp/evil over the config folder: `mounted-over` within 2 s, red")
    func bindOverConfig() throws {
        let d = try #require(DaemonHarness.oneFilesystem())
        #expect(d.start(), "\(d.output)")
        #expect(d.waitForStatus(timeout: 20) { ($0["protection"] as? [String: Any])?["audit_sweeps"] as? Int ?? 0 > 0 } != nil)
        let evil = d.dir.sub("evil")
        mkdir(evil, 0o755)
        _ = FileManager.default.createFile(atPath: evil + "/vigil.toml", contents: Data("[guard]\npaths = []\n".utf8))
        let folder = (d.configFile as NSString).deletingLastPathComponent
        let start = Date()
        #expect(runProgram("/bin/mount", ["--bind", evil, folder]).status == 0)
        defer { _ = runProgram("/bin/umount", ["-l", folder]) }
        var found: LogEvent?
        let took = eventually(timeout: 5) {
            found = LogEvent.all(in: d.logFile).first { $0.action == "mounted-over" }
            return found != nil
        }
        let e = try #require(found, "no mounted-over event")
        print("tier B: bind mount over the config folder -> mounted-over in \(Int((took ?? 0) * 1000)) ms (\(Int(Date().timeIntervalSince(start) * 1000)) ms with the mount)")
        #expect((took ?? 99) <= 2.0)
        let p = e.vigil["protection"] as? [String: Any]
        #expect(p?["mount_point"] as? String == folder && (p?["covers"] as? String)?.hasPrefix(folder) == true, "\(e)")
        #expect((e["log"] as? [String: Any])?["level"] as? String == "critical")
        #expect(d.status()?["protection_state"] as? String == "compromised")
        expectValidECS(d.logFile, "mounted-over")
    }

    @Test("attack: a tmpfs mounted over the guarded folder: `mounted-over`, red (and the new filesystem is guarded)")
    func tmpfsOverGuard() throws {
        let d = try #require(DaemonHarness.oneFilesystem())
        #expect(d.start(), "\(d.output)")
        #expect(d.waitForStatus(timeout: 20) { ($0["protection"] as? [String: Any])?["audit_sweeps"] as? Int ?? 0 > 0 } != nil)
        #expect(runProgram("/bin/mount", ["-t", "tmpfs", "evil", d.guarded]).status == 0)
        defer { _ = runProgram("/bin/umount", ["-l", d.guarded]) }
        let e = try #require(d.event("mounted-over", timeout: 5), "\(LogEvent.all(in: d.logFile).suffix(6)) \(d.status()?["warnings"] ?? "")")
        #expect((e.vigil["protection"] as? [String: Any])?["mount_point"] as? String == d.guarded)
        #expect(d.status()?["protection_state"] as? String == "compromised")
    }
}

/// The canary prober (issue 12, Tier B): its own process, opening a test file the guard
/// must refuse.
@Suite("tier B: canary prober (real processes)", .serialized, .enabled(if: geteuid() == 0))
struct CanaryTests {
    /// The canary file in the guarded folder, named in [protection] (the last table of
    /// the harness's config, so an appended key lands there).
    func withCanary(_ d: DaemonHarness) -> String {
        let file = d.guarded + "/.vigil-canary"
        let h = FileHandle(forWritingAtPath: d.configFile)
        h?.seekToEndOfFile()
        h?.write(Data("\ncanary_paths = [\"\(file)\"]\n".utf8))
        try? h?.close()
        return file
    }

    func canary(_ d: DaemonHarness) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: d.binary)
        p.arguments = ["canary", "--config", d.configFile]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    @Test("the canary's denials are counted, not logged one by one; attack: SIGSTOP of the daemon (its self-audit cannot speak), then pidfd_getfd + flush of its marks: the canary sees an allowed open: `blinded` from the canary, red")
    func allowedOpen() throws {
        let d = try #require(DaemonHarness.oneFilesystem(extraProtection: "canary_interval_ms = 300"))
        let file = withCanary(d)
        #expect(d.start(), "\(d.output)")
        #expect(eventually(timeout: 10) { access(file, F_OK) == 0 } != nil, "the daemon writes the canary file")
        let c = try canary(d)
        defer { stopHelper(c) }
        usleep(2_000_000)
        let denyLines = LogEvent.all(in: d.logFile).filter { $0.action == "deny" && $0.path == file }.count
        #expect(denyLines == 0, "probe denials are not logged each: \(denyLines) lines")
        #expect(LogEvent.all(in: d.logFile).first { $0.action == "blinded" } == nil, "a healthy guard: no alarm")
        // The attacker freezes the daemon (SIGSTOP) and flushes its marks in one go: the
        // daemon's own audit cannot see or repair anything now, so what sees the flush is
        // the canary, from its own process. (Stopped before the flush, not by this test:
        // a probe opened in between would wait on the stopped daemon, and be reported as
        // no answer.)
        defer { kill(d.pid, SIGCONT) }
        let start = Date()
        let r = runProgram("/usr/bin/python3", [repoRoot + "/Tests/Fixtures/fanotify_attack.py", "\(d.pid)", "guard", "freeze-flush"], timeout: 30)
        #expect(r.status == 0, "\(r.stderr)")
        var found: LogEvent?
        let took = eventually(timeout: 5) {
            found = LogEvent.all(in: d.logFile).first { $0.action == "blinded" && ($0.vigil["protection"] as? [String: Any])?["seen_by"] as? String == "canary" }
            return found != nil
        }
        let e = try #require(found, "the canary reports: \(LogEvent.all(in: d.logFile).suffix(4))")
        print("tier B: marks flushed, seen by the canary -> blinded/canary-allowed in \(Int((took ?? 0) * 1000)) ms")
        #expect((e.vigil["protection"] as? [String: Any])?["change"] as? String == "canary-allowed")
        // Within 2 s of the attack (the attacker's own start-up, seconds under load, is not counted).
        #expect((took ?? 99) <= 2.0, "seen \(took ?? -1) s after the attack, \(Date().timeIntervalSince(start)) s after launching it")
        expectValidECS(d.logFile, "the canary's blinded line")
        kill(d.pid, SIGCONT)
        // Red once it runs again (its own audit sees the flush; the canary's report, sent
        // while it was stopped, may time out).
        #expect(d.waitForStatus(timeout: 5) { $0["protection_state"] as? String == "compromised" } != nil, "red after SIGCONT")
    }

    @Test("never lose data: a canary path naming an existing file is left as it is, and the daemon warns")
    func existingFileKept() throws {
        let d = try #require(DaemonHarness.oneFilesystem())
        let file = d.guarded + "/notes.txt"
        _ = FileManager.default.createFile(atPath: file, contents: Data("precious\n".utf8))
        let h = FileHandle(forWritingAtPath: d.configFile)
        h?.seekToEndOfFile()
        h?.write(Data("\ncanary_paths = [\"\(file)\"]\n".utf8))
        try? h?.close()
        #expect(d.start(), "\(d.output)")
        let warned = eventually(timeout: 10) { LogEvent.all(in: d.logFile).contains { $0.message?.contains("cannot create the canary file \(file)") == true } }
        #expect(warned != nil, "\(LogEvent.all(in: d.logFile).suffix(5))")
        #expect(runProgram("/bin/cat", [file], timeout: 10).stdout == "precious\n")
    }

    @Test("attack: kill -9 of the daemon with no watchdog: the canary reports `blinded` in its own log line, with no daemon to ask")
    func deadDaemon() throws {
        let d = try #require(DaemonHarness.oneFilesystem(extraProtection: "canary_interval_ms = 300"))
        let file = withCanary(d)
        #expect(d.start(), "\(d.output)")
        #expect(eventually(timeout: 10) { access(file, F_OK) == 0 } != nil)
        let c = try canary(d)
        defer { stopHelper(c) }
        usleep(1_000_000)
        d.killHard()
        let e = try #require(d.event("blinded", timeout: 5), "the canary writes the log itself")
        #expect((e.vigil["protection"] as? [String: Any])?["change"] as? String == "canary-allowed")
        expectValidECS(d.logFile, "the canary's blinded line, no daemon")
    }
}

@Suite("service-ended (systemd's ExecStopPost)")
struct ServiceEndedTests {
    @Test("kill -9 of the service's main process, as systemd reports it: a critical event and the run record")
    func killed() throws {
        let dir = TempDir()
        let state = dir.sub("state")
        let log = dir.sub("events.json")
        let conf = dir.write("vigil.toml", "[daemon]\nstate_dir = \"\(state)\"\n[log]\nfile = \"\(log)\"\n")
        mkdir(state, 0o700)
        _ = dir.write("state/run.tsv", "pid\t4242\nboot_id\tb\nstarted_at\t1\n")
        let r = vigil(["service-ended", "--config", conf], environment: ["SERVICE_RESULT": "signal", "EXIT_CODE": "killed", "EXIT_STATUS": "KILL"])
        #expect(r.status == 0, "\(r.stderr)")
        let e = try #require(LogEvent.all(in: log).first { $0.action == "service-ended" })
        #expect((e.vigil["protection"] as? [String: Any])?["change"] as? String == "killed")
        #expect((e["log"] as? [String: Any])?["level"] as? String == "critical")
        #expect(contents(state + "/run.tsv")?.contains("exit\tsignal 9 (the service's main process)") == true, "\(contents(state + "/run.tsv") ?? "")")
        #expect(contents(state + "/run.tsv")?.contains("exit_seen_by\tsystemd") == true)
        expectValidECS(log, "service-ended")
    }

    @Test("a clean systemctl stop: an info event, nothing recorded as a kill")
    func stopped() throws {
        let dir = TempDir()
        let log = dir.sub("events.json")
        let conf = dir.write("vigil.toml", "[daemon]\nstate_dir = \"\(dir.sub("state"))\"\n[log]\nfile = \"\(log)\"\n")
        let r = vigil(["service-ended", "--config", conf], environment: ["SERVICE_RESULT": "success", "EXIT_CODE": "exited", "EXIT_STATUS": "0"])
        #expect(r.status == 0, "\(r.stderr)")
        let e = try #require(LogEvent.all(in: log).first { $0.action == "service-ended" })
        #expect(e.kind == "event" && (e.vigil["protection"] as? [String: Any])?["change"] as? String == "stopped")
    }
}

/// Stops a helper this test started (the canary, a tracer): SIGTERM, up to `seconds` to
/// exit, then SIGKILL. Never an unbounded wait: a stuck helper fails the test, it does
/// not hang the suite.
func stopHelper(_ p: Process, seconds: Double = 10) {
    guard p.isRunning else { return }
    kill(p.processIdentifier, SIGTERM)
    if let took = eventually(timeout: seconds, { !p.isRunning }) {
        if took > 2 { print("stopHelper: \(p.executableURL?.lastPathComponent ?? "?") took \(Int(took * 1000)) ms to stop") }
        return
    }
    Issue.record("\(p.executableURL?.path ?? "?") did not stop within \(seconds) s of SIGTERM; killed")
    kill(p.processIdentifier, SIGKILL)
    _ = eventually(timeout: 10) { !p.isRunning }
}
