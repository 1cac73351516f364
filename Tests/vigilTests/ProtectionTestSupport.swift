import Foundation
import Glibc
import VigilDaemon
import VigilEngine
import VigilSystem

/// A `vigil daemon` (or `vigil watchdog`) with self-protection on, confined to private
/// mounts: a tmpfs it guards on access, a tmpfs holding its state, log, socket and the
/// protected files, and optionally a ramfs (no inode flags) with more protected files.
/// Nothing outside these mounts is marked, sealed or made immutable; teardown stops
/// every process, clears the immutable flags and unmounts.
final class ProtectedDaemon {
    let dir = CLITempDir()
    let guarded: String
    let fs: String
    let ramfs: String?
    let configFile: String
    let socket: String
    let logFile: String
    let state: String
    let rules: String
    private(set) var process: Process?
    private let outputFile: String

    /// `protected` are file names created (with some content) in `fs/protected`, and
    /// `onRamfs` in the ramfs.
    init?(protected: [String] = ["vigil.toml", "rules.yar"], onRamfs: [String] = [], extra: String = "") {
        guard geteuid() == 0 else { return nil }
        guarded = dir.sub("guarded")
        fs = dir.sub("fs")
        mkdir(guarded, 0o755)
        mkdir(fs, 0o755)
        guard mount("tmpfs", guarded, "tmpfs", 0, "size=64m,mode=0755") == 0,
              mount("tmpfs", fs, "tmpfs", 0, "size=64m,mode=0755") == 0 else { return nil }
        if onRamfs.isEmpty {
            ramfs = nil
        } else {
            let r = dir.sub("ramfs")
            mkdir(r, 0o755)
            guard mount("ramfs", r, "ramfs", 0, "mode=0755") == 0 else { return nil }
            ramfs = r
        }
        chmod(dir.path, 0o755)
        state = fs + "/state"
        socket = fs + "/run/ctl.sock"
        logFile = fs + "/log/events.json"
        rules = fs + "/rules"
        outputFile = fs + "/output.txt"
        for d in ["protected", "forbidden", "rules", "run", "log"] { mkdir(fs + "/" + d, 0o755) }
        for f in ["eicar.yar", "eicar.hsb"] {
            _ = try? FileManager.default.copyItem(atPath: repoRootCLI + "/Signatures/" + f, toPath: rules + "/" + f)
        }
        var paths: [String] = []
        for name in protected {
            let p = fs + "/protected/" + name
            try? FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: p, contents: Data("original \(name)\n".utf8))
            chmod(p, 0o644)
            paths.append(p)
        }
        if let ramfs {
            for name in onRamfs {
                let p = ramfs + "/" + name
                _ = FileManager.default.createFile(atPath: p, contents: Data("original \(name)\n".utf8))
                paths.append(p)
            }
        }
        configFile = fs + "/vigil.toml"
        let toml = """
        [daemon]
        control_socket = "\(socket)"
        state_dir = "\(state)"
        threads = 1

        [guard]
        paths = ["\(guarded)"]

        [signatures]
        paths = ["\(rules)"]

        [log]
        file = "\(logFile)"
        stdout = false
        rate_limit_seconds = 0

        [protection]
        enabled = true
        own_files = false
        paths = [\(paths.map { "\"\($0)\"" }.joined(separator: ", "))]
        debug_write_probe = true
        \(extra)
        """
        _ = FileManager.default.createFile(atPath: configFile, contents: Data(toml.utf8))
    }

    deinit {
        shutdown()
        for root in [fs, ramfs].compactMap({ $0 }) { clearImmutable(under: root) }
        for m in [guarded, fs, ramfs].compactMap({ $0 }) { umount2(m, Int32(MNT_DETACH)) }
    }

    func path(_ name: String) -> String { fs + "/protected/" + name }
    func ramPath(_ name: String) -> String { ramfs! + "/" + name }

    /// Starts `vigil daemon` (or `vigil watchdog` when `watchdog`) and waits until the
    /// control socket answers.
    @discardableResult
    func start(watchdog: Bool = false, environment: [String: String] = [:]) -> Bool {
        let p = Process()
        if !environment.isEmpty {
            p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        p.executableURL = URL(fileURLWithPath: vigilBinary)
        p.arguments = watchdog ? ["watchdog", "--config", configFile] : ["daemon", "--config", configFile]
        _ = FileManager.default.createFile(atPath: outputFile, contents: nil)
        let out = FileHandle(forWritingAtPath: outputFile)
        p.standardOutput = out
        p.standardError = out
        p.standardInput = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        process = p
        return waitForStatus(timeout: 20) != nil
    }

    var output: String { (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? "" }

    func control(_ command: String) -> [String: Any]? {
        guard let reply = ControlClient.send(command, to: socket, timeoutSeconds: 10) else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(reply.utf8)) as? [String: Any]
    }

    var status: [String: Any]? { control("status") }
    var protection: [String: Any]? { status?["protection"] as? [String: Any] }

    /// Polls until `status` answers and `accept` holds; nil after `timeout` seconds.
    @discardableResult
    func waitForStatus(timeout: Double, where accept: ([String: Any]) -> Bool = { _ in true }) -> [String: Any]? {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if let s = status, accept(s) { return s }
            usleep(50_000)
        }
        return nil
    }

    /// Stops everything: the watchdog (which stops its daemon) or the daemon alone.
    func shutdown() {
        for _ in 0..<5 {
            guard let s = ControlClient.send("status", to: socket, timeoutSeconds: 2),
                  let obj = try? JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any] else { break }
            let prot = obj["protection"] as? [String: Any]
            if let w = prot?["watchdog_pid"] as? Int, kill(Int32(w), 0) == 0 {
                kill(Int32(w), SIGTERM)
                waitGone(Int32(w))
            } else if let d = obj["pid"] as? Int {
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
    }

    func waitGone(_ pid: Int32, timeout: Double = 20) {
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

    /// The event log, parsed.
    func events() -> [[String: Any]] {
        let lines = (try? String(contentsOfFile: logFile, encoding: .utf8))?.split(separator: "\n") ?? []
        return lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// Waits for a log event with `action` (and about `path`, when given).
    func event(_ action: String, path: String? = nil, timeout: Double = 5) -> [String: Any]? {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if let e = events().first(where: {
                ($0["event"] as? [String: Any])?["action"] as? String == action
                    && (path == nil || ($0["file"] as? [String: Any])?["path"] as? String == path)
            }) { return e }
            usleep(50_000)
        }
        return nil
    }
}

/// Polls `condition` until it holds or `timeout` passes; returns the seconds it took, or nil.
func eventually(timeout: Double, _ condition: () -> Bool) -> Double? {
    let start = Date()
    while Date().timeIntervalSince(start) < timeout {
        if condition() { return Date().timeIntervalSince(start) }
        usleep(10_000)
    }
    return condition() ? Date().timeIntervalSince(start) : nil
}

func contents(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

func isImmutable(_ path: String) -> Bool { (try? InodeFlags.isImmutable(path)) == true }

/// Clears the immutable flag on every file below `root`, so the mount can be torn down
/// and the folder removed.
func clearImmutable(under root: String) {
    guard let e = FileManager.default.enumerator(atPath: root) else { return }
    for case let rel as String in e { try? InodeFlags.setImmutable(root + "/" + rel, false) }
}

/// Runs a shell command line (the way an attacker would).
@discardableResult
func sh(_ command: String) -> CLIResult { runProgram("/bin/sh", ["-c", command]) }

/// open() with flags; 0 on success, else errno.
func tryOpen(_ path: String, _ flags: Int32) -> Int32 {
    let fd = open(path, flags | O_CLOEXEC)
    if fd < 0 { return errno }
    close(fd)
    return 0
}

/// The receiving end of sd_notify: a datagram socket standing in for systemd's.
final class NotifyListener {
    let path: String
    private let fd: Int32

    init?(path: String) {
        self.path = path
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            for (i, b) in path.utf8.prefix(raw.count - 1).enumerated() { raw[i] = b }
        }
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard rc == 0 else { close(fd); return nil }
        var tv = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd); unlink(path) }

    /// One message, or nil after 200 ms.
    func receive() -> String? {
        var buf = [UInt8](repeating: 0, count: 4096)
        let n = buf.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 4096, 0) }
        return n > 0 ? String(decoding: buf[0..<n], as: UTF8.self) : nil
    }
}

func canonicalPath(_ path: String) -> String {
    guard let p = realpath(path, nil) else { return path }
    defer { free(p) }
    return String(cString: p)
}
