import Foundation
import Glibc
import VigilSystem

/// A `vigil daemon` (or `vigil watchdog`) confined to private mounts of its own: nothing
/// outside them is marked, sealed or made immutable. Stopped, and its mounts detached,
/// when released, even when a test fails. Root only (nil otherwise).
///
/// Three layouts, each a way Vigil is deployed:
/// - `init(extra:rulesInside:logInside:)`: a guarded tmpfs, Vigil's own files beside it
///   (its rules or its log inside, on request: it must not deadlock on its own files);
/// - `protected(_:onRamfs:extra:)`: self-protection on, with a second tmpfs holding the
///   state, log, socket, rules and the protected files (and a ramfs, which has no inode
///   flags, for more);
/// - `oneFilesystem(extraProtection:stdout:)`: the default layout of a real host, where
///   the binary, config, rules, state, log and socket share one tmpfs with the guarded
///   folders (every step that opens a file there is bounded by the caller).
package final class DaemonHarness {
    /// The temporary folder everything lives in (and whose mounts go with it).
    package let dir: TempDir
    /// The (first) guarded folder.
    package let guarded: String
    /// The tmpfs holding Vigil's own files (protected and one-filesystem layouts; the
    /// temporary folder otherwise).
    package let fs: String
    package let ramfs: String?
    package let binary: String
    package let configFile: String
    package let socket: String
    package let logFile: String
    package let state: String
    package let rules: String
    private let outputFile: String
    package private(set) var process: Process?

    private init(dir: TempDir, guarded: String, fs: String, ramfs: String? = nil, binary: String = vigilBinary, rules: String,
                 socket: String, logFile: String, state: String, configFile: String, outputFile: String) {
        self.dir = dir
        // Other users (the tests' unprivileged openers) must reach the mounts inside.
        chmod(dir.path, 0o755)
        self.guarded = guarded
        self.fs = fs
        self.ramfs = ramfs
        self.binary = binary
        self.rules = rules
        self.socket = socket
        self.logFile = logFile
        self.state = state
        self.configFile = configFile
        self.outputFile = outputFile
    }

    deinit { stop() }

    // MARK: layouts

    /// A daemon guarding its own private tmpfs: the only thing it marks. `extra` is TOML
    /// added to the config.
    /// `signatures` replaces the body of the [signatures] table (rule paths, store, allowlist).
    /// `subFolder`: guard only that folder of the tmpfs (created; `guarded` is it), so
    /// the rest of the filesystem is marked but unguarded, as on a file server guarding /srv.
    /// `tmpfsSize`: the guarded tmpfs's size limit (a huge sparse file that libyara maps
    /// fills its holes with pages).
    package convenience init?(extra: String = "", rulesInside: Bool = false, logInside: Bool = false, signatures: String? = nil,
                              subFolder: String? = nil, tmpfsSize: String = "256m") {
        guard isRoot else { return nil }
        let dir = TempDir()
        guard let mnt = dir.mountTmpfs("guarded", size: tmpfsSize) else { return nil }
        let folder = subFolder.map { mnt + "/" + $0 } ?? mnt
        if folder != mnt { mkdir(folder, 0o755) }
        let rules = rulesInside ? mnt + "/.vigil-rules" : dir.sub("rules")
        self.init(dir: dir, guarded: folder, fs: dir.path, rules: rules, socket: dir.sub("ctl.sock"),
                  logFile: logInside ? mnt + "/.vigil-events.json" : dir.sub("events.json"), state: dir.sub("state"),
                  configFile: dir.sub("vigil.toml"), outputFile: dir.sub("output.txt"))
        copySignatures(["eicar.yar", "eicar.hsb", "eicar.hdb", "vigil-test.yar"])
        writeConfig(threads: 2, guard: [folder], signatures: signatures, extra: extra)
    }

    /// Self-protection on. `files` are created (with some content) in `fs/protected`,
    /// `onRamfs` in the ramfs; `extra` is added to the [protection] table.
    package static func protected(_ files: [String] = ["vigil.toml", "rules.yar"], onRamfs: [String] = [], extra: String = "") -> DaemonHarness? {
        guard isRoot else { return nil }
        let dir = TempDir()
        guard let guarded = dir.mountTmpfs("guarded"), let fs = dir.mountTmpfs("fs") else { return nil }
        var ramfs: String?
        if !onRamfs.isEmpty {
            guard let r = dir.mountRamfs("ramfs") else { return nil }
            ramfs = r
        }
        let h = DaemonHarness(dir: dir, guarded: guarded, fs: fs, ramfs: ramfs, rules: fs + "/rules", socket: fs + "/run/ctl.sock",
                              logFile: fs + "/log/events.json", state: fs + "/state", configFile: fs + "/vigil.toml", outputFile: fs + "/output.txt")
        for d in ["protected", "forbidden", "rules", "run", "log"] { mkdir(fs + "/" + d, 0o755) }
        h.copySignatures(["eicar.yar", "eicar.hsb"])
        var paths: [String] = []
        for name in files {
            let p = h.protectedFile(name)
            try? FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: p, contents: Data("original \(name)\n".utf8))
            chmod(p, 0o644)
            paths.append(p)
        }
        for name in onRamfs {
            let p = h.ramPath(name)
            _ = FileManager.default.createFile(atPath: p, contents: Data("original \(name)\n".utf8))
            paths.append(p)
        }
        h.writeConfig(threads: 1, guard: [guarded], extra: """
            [protection]
            enabled = true
            own_files = false
            paths = [\(paths.map { "\"\($0)\"" }.joined(separator: ", "))]
            debug_write_probe = true
            \(Self.tierAOff(unless: extra))
            \(extra)
            """)
        return h
    }

    /// The default layout of a real host on one tmpfs: `usr/bin/vigil` (a copy of the
    /// binary), `etc/vigil`, `var/lib/vigil`, `var/log/vigil`, `run/vigil`, and the guarded
    /// `srv`, `home` and `tmp`; self-protection on, Vigil's own files included.
    package static func oneFilesystem(extraProtection: String = "", stdout: Bool = false) -> DaemonHarness? {
        guard isRoot else { return nil }
        let dir = TempDir()
        guard let root = dir.mountTmpfs("host", size: "256m") else { return nil }
        for d in ["usr/bin", "etc/vigil/signatures", "var/lib/vigil", "var/log/vigil", "run/vigil", "srv", "home/user", "tmp"] {
            try? FileManager.default.createDirectory(atPath: root + "/" + d, withIntermediateDirectories: true)
        }
        let h = DaemonHarness(dir: dir, guarded: root + "/srv", fs: root, binary: root + "/usr/bin/vigil", rules: root + "/etc/vigil/signatures",
                              socket: root + "/run/vigil/ctl.sock", logFile: root + "/var/log/vigil/events.json", state: root + "/var/lib/vigil",
                              configFile: root + "/etc/vigil/vigil.toml", outputFile: dir.sub("output.txt"))
        // cp in a child: a copy written by this process could leak its write descriptor
        // into a program another test starts meanwhile, and exec would fail (ETXTBSY).
        runProgram("/bin/cp", [vigilBinary, h.binary])
        h.copySignatures(["eicar.yar", "eicar.hsb", "eicar.hdb", "vigil-test.yar"])
        h.writeConfig(mode: "enforce", threads: 2, guard: [root + "/srv", root + "/home", root + "/tmp"], stdout: stdout, extra: """
            [protection]
            enabled = true
            own_files = true
            \(Self.tierAOff(unless: extraProtection))
            \(extraProtection)
            """)
        return h
    }

    /// Tier A off unless a test asks for it: on a kernel where BPF LSM loads, every
    /// daemon test would otherwise share one set of pinned programs (TierATests and the
    /// QEMU guest test are where it runs).
    static func tierAOff(unless extra: String) -> String {
        extra.contains("bpf =") ? "" : "bpf = \"off\""
    }

    private func copySignatures(_ names: [String]) {
        mkdir(rules, 0o755)
        for f in names { _ = try? FileManager.default.copyItem(atPath: bundledSignatures + "/" + f, toPath: rules + "/" + f) }
    }

    private func writeConfig(mode: String? = nil, threads: Int, guard paths: [String], stdout: Bool = false, signatures: String? = nil, extra: String) {
        let toml = """
        [daemon]
        \(mode.map { "mode = \"\($0)\"" } ?? "")
        control_socket = "\(socket)"
        state_dir = "\(state)"
        threads = \(threads)

        [guard]
        paths = [\(paths.map { "\"\($0)\"" }.joined(separator: ", "))]

        [signatures]
        \(signatures ?? "paths = [\"\(rules)\"]")

        [log]
        file = "\(logFile)"
        stdout = \(stdout)
        rate_limit_seconds = 0

        \(extra)
        """
        FileManager.default.createFile(atPath: configFile, contents: Data(toml.utf8))
    }

    // MARK: running

    /// Starts `vigil daemon` (or `vigil watchdog`) and waits until its control socket
    /// answers (20 s at most); false when it does not.
    @discardableResult
    /// `wrapper`: a program that execs the daemon's command line given after it (keeping
    /// its pid), e.g. to run it in a mount namespace of its own.
    package func start(watchdog: Bool = false, environment: [String: String] = [:], wrapper: [String] = []) -> Bool {
        let p = Process()
        if !environment.isEmpty {
            p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let command = [binary, watchdog ? "watchdog" : "daemon", "--config", configFile]
        p.executableURL = URL(fileURLWithPath: (wrapper + command)[0])
        p.arguments = Array((wrapper + command).dropFirst())
        _ = FileManager.default.createFile(atPath: outputFile, contents: nil)
        let out = FileHandle(forWritingAtPath: outputFile)
        p.standardOutput = out
        p.standardError = out
        p.standardInput = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        process = p
        let end = Date().addingTimeInterval(20)
        while Date() < end {
            if case .success = UnixSocket.request("ping", to: socket, timeoutSeconds: 2) { return true }
            if !p.isRunning { return false }
            usleep(50_000)
        }
        return false
    }

    /// What the daemon (or watchdog) wrote on standard output and error.
    package var output: String { (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? "" }

    package var pid: Int32 { process?.processIdentifier ?? -1 }

    /// Stops everything this harness started: the watchdog (which stops its daemon) or
    /// the daemon alone, whichever answers, then the process it started, then (a private
    /// copy of the binary) whatever still runs it. Idempotent.
    package func stop() {
        let began = Date()
        // A slow stop is bounded below, but says so: it is how a daemon that will not
        // stop shows in a run that passed.
        defer {
            let took = Date().timeIntervalSince(began)
            if took > 5 { print("DaemonHarness: stopping the daemon of \(fs) took \(Int(took * 1000)) ms") }
        }
        for _ in 0..<5 {
            guard let s = status(timeout: 2) else { break }
            if let w = (s["protection"] as? [String: Any])?["watchdog_pid"] as? Int, kill(Int32(w), 0) == 0 {
                kill(Int32(w), SIGTERM)
                waitGone(Int32(w))
            } else if let d = s["pid"] as? Int {
                kill(Int32(d), SIGTERM)
                waitGone(Int32(d))
            }
        }
        if let p = process {
            if p.isRunning { kill(p.processIdentifier, SIGTERM) }
            for _ in 0..<200 where p.isRunning { usleep(50_000) }
            if p.isRunning { kill(p.processIdentifier, SIGKILL) }
            p.waitUntilExit()
            process = nil
        }
        if binary != vigilBinary {
            for pid in vigilPids { kill(pid, SIGKILL) }
            let end = Date().addingTimeInterval(5)
            while !vigilPids.isEmpty && Date() < end { usleep(50_000) }
        }
    }

    /// SIGTERM to the process started; its exit status.
    package func terminate() -> Int32 {
        guard let p = process else { return -1 }
        process = nil
        kill(p.processIdentifier, SIGTERM)
        for _ in 0..<200 where p.isRunning { usleep(50_000) }
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        return p.terminationStatus
    }

    package func killHard() {
        guard let p = process else { return }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        process = nil
    }

    /// Waits (20 s at most) until `pid` has exited (or is a zombie).
    package func waitGone(_ pid: Int32, timeout: Double = 20) {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if kill(pid, 0) != 0 && errno == ESRCH { return }
            // A zombie child of ours still answers kill(0): reap what we can.
            var st: Int32 = 0
            _ = waitpid(pid, &st, WNOHANG)
            if let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), text.contains(") Z ") { return }
            usleep(50_000)
        }
    }

    /// Every process running this harness's private copy of the binary.
    package var vigilPids: [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }.filter { pid in
            var exe = readLink("/proc/\(pid)/exe")?.description ?? ""
            if exe.hasSuffix(" (deleted)") { exe.removeLast(" (deleted)".count) }
            return exe == binary
        }
    }

    /// Runs `vigil daemon` alone with its standard output on a pipe that $JOURNAL_STREAM
    /// names, as systemd does when the journal is the service's output.
    package func startDaemonOnJournal() -> (Process, Pipe)? {
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

    // MARK: asking it

    /// One control command, its reply parsed.
    package func control(_ command: String, timeout: Int = 120) -> [String: Any]? {
        guard let reply = try? UnixSocket.request(command, to: socket, timeoutSeconds: timeout).get() else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(reply.utf8)) as? [String: Any]
    }

    package func status(timeout: Int = 10) -> [String: Any]? { control("status", timeout: timeout) }
    package var protection: [String: Any]? { status()?["protection"] as? [String: Any] }

    /// A counter of `status`'s stats (-1 when there is no answer).
    package func stat(_ key: String) -> Int {
        (status()?["stats"] as? [String: Any])?[key] as? Int ?? -1
    }

    /// Polls until `status` answers and `accept` holds; nil after `timeout` seconds.
    @discardableResult
    package func waitForStatus(timeout: Double, where accept: ([String: Any]) -> Bool = { _ in true }) -> [String: Any]? {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if let s = status(timeout: 2), accept(s) { return s }
            usleep(50_000)
        }
        return nil
    }

    /// The event log, parsed (waiting up to 5 s for a line with `action`, when given).
    package func events(waitingFor action: String? = nil) -> [LogEvent] {
        for _ in 0..<100 {
            let all = LogEvent.all(in: logFile)
            if action == nil || all.contains(where: { $0.action == action }) { return all }
            usleep(50_000)
        }
        return []
    }

    /// Waits for a log line with `action` (and about `path`, when given).
    package func event(_ action: String, path: String? = nil, timeout: Double = 5) -> LogEvent? {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if let e = LogEvent.all(in: logFile).first(where: { $0.action == action && (path == nil || $0.path == path) }) { return e }
            usleep(50_000)
        }
        return nil
    }

    // MARK: files

    /// A name in the guarded folder.
    package func path(_ name: String) -> String { guarded + "/" + name }
    /// A protected file (protected layout).
    package func protectedFile(_ name: String) -> String { fs + "/protected/" + name }
    /// A file on the ramfs (protected layout).
    package func ramPath(_ name: String) -> String { ramfs! + "/" + name }

    /// Creates a file in the guarded folder. Writing opens it, which the daemon allows
    /// while it is still empty.
    @discardableResult
    package func write(_ name: String, _ bytes: [UInt8], mode: mode_t = 0o644) -> String {
        let p = path(name)
        try? FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, mode)
        precondition(fd >= 0, "create \(p): \(String(cString: strerror(errno)))")
        bytes.withUnsafeBytes { _ = Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
        chmod(p, mode)
        return p
    }

    @discardableResult
    package func write(_ name: String, _ text: String, mode: mode_t = 0o644) -> String { write(name, Array(text.utf8), mode: mode) }
}
