import Foundation
import Glibc
import Testing
import VigilDaemon
import VigilEngine
import VigilEvents
import VigilSystem
import VigilTestSupport

@Suite("one filesystem: Vigil's own files on the guarded filesystem (real kernel)", .serialized, .enabled(if: geteuid() == 0))
struct OneFilesystemTests {
    @Test("with self-protection on and every Vigil file on the guarded tmpfs, the daemon starts and every open there returns")
    func startsWithoutHanging() throws {
        let h = try #require(DaemonHarness.oneFilesystem())
        let eicarFile = h.guarded + "/eicar.com"
        FileManager.default.createFile(atPath: eicarFile, contents: Data(eicar))
        FileManager.default.createFile(atPath: h.guarded + "/clean.txt", contents: Data("clean\n".utf8))
        #expect(h.start(watchdog: true))
        let s = h.waitForStatus(timeout: 20) { ($0["protection"] as? [String: Any])?["protected_files"] as? Int ?? 0 > 0 }
        #expect(s != nil, "status answers within 20 s: \(h.output)")
        // Children with a time limit: an open in this process that hangs would hang the suite.
        for path in [h.configFile, h.binary, h.fs + "/etc/vigil/signatures/eicar.yar", h.logFile, h.guarded + "/clean.txt",
                     h.state + "/protection/manifest.tsv"] {
            #expect(openReturns(path, within: 10), "open of \(path) returns")
        }
        let denied = runProgram("/bin/cat", [eicarFile], timeout: 10)
        #expect(denied.status == 1 && denied.stderr.contains("Operation not permitted"), "EICAR in a guarded folder is denied: \(denied)")
        guard s != nil, openReturns(h.logFile, within: 5) else { return }
        #expect(h.event("deny", timeout: 5) != nil)
        // The daemon's protected files are sealed: the immutable flag is on the binary copy.
        #expect(isImmutable(h.binary))
        // For people: aligned lines, exit 1 only when there are warnings.
        let r = runProgram(h.binary, ["status", "--socket", h.socket], timeout: 10)
        #expect((r.status == 0 || r.status == 1) && r.stdout.contains("enforce (findings are denied)") && r.stdout.contains("scan latency"),
                "vigil status answers: \(r.stdout) \(r.stderr)")
        let json = runProgram(h.binary, ["status", "--json", "--socket", h.socket], timeout: 10)
        let o = try #require(try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json)")
        for key in ["schema", "version", "uptime_seconds", "mode", "guarded", "rules", "rules_age_seconds", "stats", "queue",
                    "scan_latency_us", "protection", "protection_state", "warnings"] {
            #expect(o[key] != nil, "status --json has \(key)")
        }
        let nobody = runProgram("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", h.binary, "status", "--socket", h.socket], timeout: 10)
        #expect(nobody.status == 4 && nobody.stderr.contains("needs root"), "a non-root caller is told it needs root: \(nobody)")
    }

    @Test("a daemon alive but not answering (SIGSTOP) is found by the watchdog's liveness probe, killed (fail open) and restarted")
    func livenessProbe() throws {
        let h = try #require(DaemonHarness.oneFilesystem(extraProtection: "liveness_interval_ms = 500\nliveness_timeout_ms = 2000"))
        FileManager.default.createFile(atPath: h.guarded + "/waiting.txt", contents: Data("x\n".utf8))
        #expect(h.start(watchdog: true))
        let s = try #require(h.waitForStatus(timeout: 20) { ($0["protection"] as? [String: Any])?["watchdog_pid"] is Int }, "\(h.output)")
        let daemon = try #require(s["pid"] as? Int)
        kill(Int32(daemon), SIGSTOP)
        // An opener now waits on the stopped daemon, until the watchdog kills it.
        let start = Date()
        let released = openReturns(h.guarded + "/waiting.txt", within: 20)
        #expect(released, "the blocked open returns once the daemon is killed")
        let took = Date().timeIntervalSince(start)
        #expect(took < 15, "released in \(took) s")
        // Reading the log opens a file on the guarded tmpfs: only once opens return again.
        guard released, openReturns(h.logFile, within: 10) else { return }
        let e = h.event("daemon-unresponsive", timeout: 10)
        #expect(e != nil, "the watchdog logs the wedged daemon: \(h.output)")
        let back = h.waitForStatus(timeout: 20) { ($0["pid"] as? Int).map { $0 != daemon } ?? false }
        #expect(back != nil, "a new daemon answers: \(h.output)")
        #expect(openReturns(h.guarded + "/waiting.txt", within: 10))
    }

    /// vigil.service's WatchdogSignal=SIGUSR2 reaches the watchdog (the unit's main
    /// process) when the daemon sent no WATCHDOG=1 for WatchdogSec. The PID 1 test covers
    /// it under real systemd; here the same signal is sent by hand, so the alert's ECS
    /// shape is checked on every run of the suite.
    @Test("systemd's watchdog signal: the frozen daemon is killed (waiting opens return), one daemon-unresponsive alert that passes check-ecs.py, the watchdog exits 3 for systemd to restart the unit")
    func systemdWatchdogSignal() throws {
        // A liveness probe slower than this test, so only the signal can find the daemon.
        let h = try #require(DaemonHarness.oneFilesystem(extraProtection: "liveness_interval_ms = 60000\nliveness_timeout_ms = 60000"))
        FileManager.default.createFile(atPath: h.guarded + "/waiting.txt", contents: Data("x\n".utf8))
        #expect(h.start(watchdog: true))
        let s = try #require(h.waitForStatus(timeout: 20) { ($0["protection"] as? [String: Any])?["watchdog_pid"] is Int }, "\(h.output)")
        let daemon = try #require(s["pid"] as? Int)
        let watchdog = h.pid
        kill(Int32(daemon), SIGSTOP)
        kill(watchdog, SIGUSR2)
        #expect(openReturns(h.guarded + "/waiting.txt", within: 15), "the open that waited on the frozen daemon returns")
        let p = try #require(h.process)
        let end = Date().addingTimeInterval(15)
        while p.isRunning && Date() < end { usleep(50_000) }
        let exited: Int32? = p.isRunning ? nil : p.terminationStatus
        #expect(exited == 3, "the watchdog exits 3 (systemd restarts the unit): \(String(describing: exited)) \(h.output)")
        #expect(kill(Int32(daemon), 0) != 0, "the frozen daemon is gone")
        guard openReturns(h.logFile, within: 10) else { return }
        let e = try #require(h.event("daemon-unresponsive", timeout: 5), "\(h.output)")
        #expect(e.description.contains("systemd-watchdog"), "the alert says systemd's watchdog found it: \(e)")
        expectValidECS(h.logFile, "the systemd-watchdog daemon-unresponsive alert")
    }

    @Test("under journald, each line on stdout and stderr starts with its syslog priority: deny warning, start-up info")
    func journalPriorities() throws {
        let h = try #require(DaemonHarness.oneFilesystem(stdout: true))
        FileManager.default.createFile(atPath: h.guarded + "/eicar.com", contents: Data(eicar))
        let (p, pipe) = try #require(h.startDaemonOnJournal())
        defer { if p.isRunning { kill(p.processIdentifier, SIGKILL) }; p.waitUntilExit() }
        #expect(h.waitForStatus(timeout: 20) != nil)
        let denied = runProgram("/bin/cat", [h.guarded + "/eicar.com"], timeout: 10)
        #expect(denied.status == 1)
        usleep(300_000)
        kill(p.processIdentifier, SIGTERM)
        p.waitUntilExit()
        try? pipe.fileHandleForWriting.close()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let lines = text.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("<6>vigil: guarding ") }, "start-up line at info: \(text)")
        #expect(lines.contains { $0.hasPrefix("<4>{") && $0.contains(#""action":"deny""#) }, "the deny at warning: \(text)")
        #expect(lines.allSatisfy { $0.hasPrefix("<") }, "every line has a priority: \(text)")
    }

    @Test("without /proc (minimal chroots, containers) commands still read their arguments")
    func argumentsWithoutProc() throws {
        // A private mount namespace whose /proc is gone: CommandLine would see no arguments.
        let r = runProgram("/usr/bin/unshare", ["--mount", "--propagation", "private", "/bin/sh", "-c",
                                                "umount -l /proc && exec \"$0\" rules check \"$1\"", vigilBinary, repoRoot + "/Signatures"],
                           timeout: 60)
        #expect(r.status == 0 && r.stdout.hasPrefix("OK: "), "\(r)")
        let v = runProgram("/usr/bin/unshare", ["--mount", "--propagation", "private", "/bin/sh", "-c", "umount -l /proc && exec \"$0\" --version", vigilBinary],
                           timeout: 60)
        #expect(v.status == 0 && v.stdout.hasPrefix(VigilVersion.current + "\n"), "\(v)")
    }
}
