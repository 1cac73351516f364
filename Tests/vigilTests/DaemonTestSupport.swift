import Foundation
import Glibc
import VigilDaemon
import VigilEngine
import VigilSystem

/// A `vigil daemon` guarding its own private tmpfs: the only thing it marks. Stopped
/// (and the tmpfs unmounted) when released, even when a test fails.
final class GuardedDaemon {
    let dir = CLITempDir()
    let mnt: String
    let rules: String
    let socket: String
    let logFile: String
    let configFile: String
    private(set) var process: Process?
    private let output = Pipe()

    /// `extra` is TOML added to the config; `rulesInside` puts the rule folder and the
    /// event log on the guarded filesystem (the daemon must not deadlock on its own files).
    init?(extra: String = "", rulesInside: Bool = false, logInside: Bool = false) {
        guard geteuid() == 0 else { return nil }
        mnt = dir.sub("guarded")
        mkdir(mnt, 0o755)
        guard mount("tmpfs", mnt, "tmpfs", 0, "size=256m,mode=0755") == 0 else { return nil }
        chmod(dir.path, 0o755)
        rules = rulesInside ? mnt + "/.vigil-rules" : dir.sub("rules")
        mkdir(rules, 0o755)
        for f in ["eicar.yar", "eicar.hsb", "eicar.hdb", "vigil-test.yar"] {
            _ = try? FileManager.default.copyItem(atPath: repoRootCLI + "/Signatures/" + f, toPath: rules + "/" + f)
        }
        socket = dir.sub("ctl.sock")
        logFile = logInside ? mnt + "/.vigil-events.json" : dir.sub("events.json")
        configFile = dir.sub("vigil.toml")
        let toml = """
        [daemon]
        control_socket = "\(socket)"
        state_dir = "\(dir.sub("state"))"
        threads = 2

        [guard]
        paths = ["\(mnt)"]

        [signatures]
        paths = ["\(rules)"]

        [log]
        file = "\(logFile)"
        stdout = false
        rate_limit_seconds = 0

        \(extra)
        """
        FileManager.default.createFile(atPath: configFile, contents: Data(toml.utf8))
    }

    deinit {
        stop()
        umount2(mnt, Int32(MNT_DETACH))
    }

    /// Starts the daemon and waits until it guards (its control socket answers).
    @discardableResult
    func start() -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: vigilBinary)
        p.arguments = ["daemon", "--config", configFile]
        p.standardOutput = output
        p.standardError = output
        p.standardInput = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        process = p
        for _ in 0..<300 {
            if ControlClient.send("ping", to: socket, timeoutSeconds: 2) != nil { return true }
            if !p.isRunning { return false }
            usleep(50_000)
        }
        return false
    }

    func stop() {
        guard let p = process else { return }
        process = nil
        if p.isRunning { kill(p.processIdentifier, SIGTERM) }
        for _ in 0..<200 where p.isRunning { usleep(50_000) }
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
    }

    /// Exit status after SIGTERM.
    func terminate() -> Int32 {
        guard let p = process else { return -1 }
        process = nil
        kill(p.processIdentifier, SIGTERM)
        for _ in 0..<200 where p.isRunning { usleep(50_000) }
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        return p.terminationStatus
    }

    func killHard() {
        guard let p = process else { return }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        process = nil
    }

    var pid: Int32 { process?.processIdentifier ?? -1 }

    func path(_ name: String) -> String { mnt + "/" + name }

    /// Creates a file on the guarded filesystem. Writing opens it, which the daemon
    /// allows while it is still empty.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8], mode: mode_t = 0o644) -> String {
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
    func write(_ name: String, _ text: String, mode: mode_t = 0o644) -> String { write(name, Array(text.utf8), mode: mode) }

    func control(_ command: String) -> [String: Any]? {
        guard let reply = ControlClient.send(command, to: socket) else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(reply.utf8)) as? [String: Any]
    }

    func stat(_ key: String) -> Int {
        (control("status")?["stats"] as? [String: Any])?[key] as? Int ?? -1
    }

    /// The event log as parsed objects (waits briefly for the writer thread).
    func events(waitingFor action: String? = nil) -> [[String: Any]] {
        for _ in 0..<100 {
            let lines = (try? String(contentsOfFile: logFile, encoding: .utf8))?.split(separator: "\n") ?? []
            let objs = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            if action == nil || objs.contains(where: { ($0["event"] as? [String: Any])?["action"] as? String == action }) { return objs }
            usleep(50_000)
        }
        return []
    }

    var daemonOutput: String {
        String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
    }
}

/// open + read + close; 0 on success, else errno.
func tryRead(_ path: String) -> Int32 {
    let fd = open(path, O_RDONLY)
    if fd < 0 { return errno }
    var b: UInt8 = 0
    let n = read(fd, &b, 1)
    let e = errno
    close(fd)
    return n < 0 ? e : 0
}

/// Runs a program from the guarded filesystem; returns (exit status, stderr).
func execute(_ path: String) -> (Int32, String) {
    let r = runProgram("/bin/sh", ["-c", "exec \"$0\"", path])
    return (r.status, r.stderr)
}

let denyMarkerCLI = "VIGIL-TEST-" + "MARKER-DENY"
