import Foundation
import Glibc
import Testing
import VigilDaemon
import VigilEngine
import VigilEvents
import VigilSystem

/// The default layout of a real host: Vigil's binary, config, rules, state, log and
/// control socket share one filesystem with the guarded folders. Here that filesystem is
/// a private tmpfs (nothing else is marked); the daemon runs with self-protection on, so
/// at start-up it seals and sets the immutable flag on files of the filesystem it has
/// just marked. A daemon that waits on its own fanotify events hangs every open there:
/// each step below is bounded, so a regression fails instead of hanging the suite.
final class OneFilesystemHost {
    let dir = CLITempDir()
    let root: String
    let binary: String
    let configFile: String
    let socket: String
    let logFile: String
    let state: String
    let srv: String
    private(set) var process: Process?
    private let outputFile: String

    init?(extraProtection: String = "", stdout: Bool = false) {
        guard geteuid() == 0 else { return nil }
        root = dir.sub("host")
        mkdir(root, 0o755)
        guard mount("tmpfs", root, "tmpfs", 0, "size=256m,mode=0755") == 0 else { return nil }
        chmod(dir.path, 0o755)
        for d in ["usr/bin", "etc/vigil/signatures", "var/lib/vigil", "var/log/vigil", "run/vigil", "srv", "home/user", "tmp"] {
            try? FileManager.default.createDirectory(atPath: root + "/" + d, withIntermediateDirectories: true)
        }
        binary = root + "/usr/bin/vigil"
        // cp in a child: a copy written by this process could leak its write descriptor
        // into a program another test starts meanwhile, and exec would fail (ETXTBSY).
        _ = runProgram("/bin/cp", [vigilBinary, binary])
        for f in ["eicar.yar", "eicar.hsb", "eicar.hdb", "vigil-test.yar"] {
            _ = try? FileManager.default.copyItem(atPath: repoRootCLI + "/Signatures/" + f, toPath: root + "/etc/vigil/signatures/" + f)
        }
        configFile = root + "/etc/vigil/vigil.toml"
        socket = root + "/run/vigil/ctl.sock"
        logFile = root + "/var/log/vigil/events.json"
        state = root + "/var/lib/vigil"
        srv = root + "/srv"
        outputFile = dir.sub("output.txt")
        let toml = """
        [daemon]
        mode = "enforce"
        control_socket = "\(socket)"
        state_dir = "\(state)"
        threads = 2

        [guard]
        paths = ["\(srv)", "\(root)/home", "\(root)/tmp"]

        [signatures]
        paths = ["\(root)/etc/vigil/signatures"]

        [log]
        file = "\(logFile)"
        stdout = \(stdout)
        rate_limit_seconds = 0

        [protection]
        enabled = true
        own_files = true
        \(extraProtection)
        """
        FileManager.default.createFile(atPath: configFile, contents: Data(toml.utf8))
    }

    deinit {
        stop()
        clearImmutable(under: root)
        umount2(root, Int32(MNT_DETACH))
    }

    /// Starts `vigil watchdog` (which starts the daemon) from the copy on the tmpfs.
    func start() -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["watchdog", "--config", configFile]
        _ = FileManager.default.createFile(atPath: outputFile, contents: nil)
        let out = FileHandle(forWritingAtPath: outputFile)
        p.standardOutput = out
        p.standardError = out
        p.standardInput = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        process = p
        return true
    }

    var output: String { (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? "" }

    func status(timeout: Int = 2) -> [String: Any]? {
        guard let reply = ControlClient.send("status", to: socket, timeoutSeconds: timeout) else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(reply.utf8)) as? [String: Any]
    }

    func waitForStatus(timeout: Double, where accept: ([String: Any]) -> Bool = { _ in true }) -> [String: Any]? {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if let s = status(), accept(s) { return s }
            usleep(100_000)
        }
        return nil
    }

    /// Every process running our copy of the binary (the watchdog and its daemon).
    var vigilPids: [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }.filter { pid in
            var exe = readLink("/proc/\(pid)/exe")?.description ?? ""
            if exe.hasSuffix(" (deleted)") { exe.removeLast(" (deleted)".count) }
            return exe == binary
        }
    }

    /// SIGTERM to the watchdog (it stops the daemon), then SIGKILL to whatever of ours is
    /// left: a wedged daemon fails open when it dies.
    func stop() {
        if let p = process {
            if p.isRunning { kill(p.processIdentifier, SIGTERM) }
            for _ in 0..<100 where p.isRunning { usleep(50_000) }
        }
        for pid in vigilPids { kill(pid, SIGKILL) }
        if let p = process {
            if p.isRunning { kill(p.processIdentifier, SIGKILL) }
            p.waitUntilExit()
            process = nil
        }
        let end = Date().addingTimeInterval(5)
        while !vigilPids.isEmpty && Date() < end { usleep(50_000) }
    }

    func events() -> [[String: Any]] {
        let lines = (try? String(contentsOfFile: logFile, encoding: .utf8))?.split(separator: "\n") ?? []
        return lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    func event(_ action: String, timeout: Double) -> [String: Any]? {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if let e = events().first(where: { ($0["event"] as? [String: Any])?["action"] as? String == action }) { return e }
            usleep(100_000)
        }
        return nil
    }
}

extension OneFilesystemHost {
    /// Runs `vigil daemon` alone with its standard output on a pipe that $JOURNAL_STREAM
    /// names, as systemd does when the journal is the service's output.
    func startDaemonOnJournal() -> (Process, Pipe)? {
        let pipe = Pipe()
        var st = Glibc.stat()
        guard fstat(pipe.fileHandleForWriting.fileDescriptor, &st) == 0 else { return nil }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["daemon", "--config", configFile]
        p.environment = ProcessInfo.processInfo.environment.merging(["JOURNAL_STREAM": "\(st.st_dev):\(st.st_ino)"]) { _, new in new }
        p.standardOutput = pipe
        p.standardError = pipe
        p.standardInput = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return nil }
        return (p, pipe)
    }
}

/// Opens and reads `path` in a child process with a time limit; true when it returned
/// (with any result) before the limit.
func openReturns(_ path: String, within seconds: Double) -> Bool {
    runProgram("/bin/sh", ["-c", "cat \"$0\" >/dev/null 2>&1; exit 0", path], timeout: seconds).status == 0
}

@Suite("one filesystem: Vigil's own files on the guarded filesystem (real kernel)", .serialized, .enabled(if: geteuid() == 0))
struct OneFilesystemTests {
    @Test("with self-protection on and every Vigil file on the guarded tmpfs, the daemon starts and every open there returns")
    func startsWithoutHanging() throws {
        let h = try #require(OneFilesystemHost())
        let eicar = h.srv + "/eicar.com"
        FileManager.default.createFile(atPath: eicar, contents: Data(eicarBytes))
        FileManager.default.createFile(atPath: h.srv + "/clean.txt", contents: Data("clean\n".utf8))
        #expect(h.start())
        let s = h.waitForStatus(timeout: 20) { ($0["protection"] as? [String: Any])?["protected_files"] as? Int ?? 0 > 0 }
        #expect(s != nil, "status answers within 20 s: \(h.output)")
        // Children with a time limit: an open in this process that hangs would hang the suite.
        for path in [h.configFile, h.binary, h.root + "/etc/vigil/signatures/eicar.yar", h.logFile, h.srv + "/clean.txt",
                     h.state + "/protection/manifest.tsv"] {
            #expect(openReturns(path, within: 10), "open of \(path) returns")
        }
        let denied = runProgram("/bin/cat", [eicar], timeout: 10)
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
        let h = try #require(OneFilesystemHost(extraProtection: "liveness_interval_ms = 500\nliveness_timeout_ms = 2000"))
        FileManager.default.createFile(atPath: h.srv + "/waiting.txt", contents: Data("x\n".utf8))
        #expect(h.start())
        let s = try #require(h.waitForStatus(timeout: 20) { ($0["protection"] as? [String: Any])?["watchdog_pid"] is Int }, "\(h.output)")
        let daemon = try #require(s["pid"] as? Int)
        kill(Int32(daemon), SIGSTOP)
        // An opener now waits on the stopped daemon, until the watchdog kills it.
        let start = Date()
        let released = openReturns(h.srv + "/waiting.txt", within: 20)
        #expect(released, "the blocked open returns once the daemon is killed")
        let took = Date().timeIntervalSince(start)
        #expect(took < 15, "released in \(took) s")
        // Reading the log opens a file on the guarded tmpfs: only once opens return again.
        guard released, openReturns(h.logFile, within: 10) else { return }
        let e = h.event("daemon-unresponsive", timeout: 10)
        #expect(e != nil, "the watchdog logs the wedged daemon: \(h.output)")
        let back = h.waitForStatus(timeout: 20) { ($0["pid"] as? Int).map { $0 != daemon } ?? false }
        #expect(back != nil, "a new daemon answers: \(h.output)")
        #expect(openReturns(h.srv + "/waiting.txt", within: 10))
    }

    @Test("under journald, each line on stdout and stderr starts with its syslog priority: deny warning, start-up info")
    func journalPriorities() throws {
        let h = try #require(OneFilesystemHost(stdout: true))
        FileManager.default.createFile(atPath: h.srv + "/eicar.com", contents: Data(eicarBytes))
        let (p, pipe) = try #require(h.startDaemonOnJournal())
        defer { if p.isRunning { kill(p.processIdentifier, SIGKILL) }; p.waitUntilExit() }
        #expect(h.waitForStatus(timeout: 20) != nil)
        let denied = runProgram("/bin/cat", [h.srv + "/eicar.com"], timeout: 10)
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
                                                "umount -l /proc && exec \"$0\" rules check \"$1\"", vigilBinary, repoRootCLI + "/Signatures"],
                           timeout: 60)
        #expect(r.status == 0 && r.stdout.hasPrefix("OK: "), "\(r)")
        let v = runProgram("/usr/bin/unshare", ["--mount", "--propagation", "private", "/bin/sh", "-c", "umount -l /proc && exec \"$0\" --version", vigilBinary],
                           timeout: 60)
        #expect(v.status == 0 && v.stdout == VigilVersion.current + "\n", "\(v)")
    }
}
