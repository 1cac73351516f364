import Foundation
import Glibc
import VigilEngine
import VigilSystem

let eicarBytes: [UInt8] = Array(("X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*").utf8)

let repoRootCLI: String = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
    }
    fatalError("no Package.swift above \(#filePath)")
}()

/// The `vigil` binary built next to this test bundle (or $VIGIL_BIN).
let vigilBinary: String = {
    if let env = ProcessInfo.processInfo.environment["VIGIL_BIN"] { return env }
    let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var dir = exe.deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = dir.appendingPathComponent("vigil").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        dir.deleteLastPathComponent()
    }
    return repoRootCLI + "/.build/debug/vigil"
}()

struct CLIResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs a program with a time limit (a hang fails the test instead of the CI run);
/// a death by signal N is reported as status -N.
func runProgram(_ exe: String, _ args: [String], timeout: Double = 120, environment: [String: String]? = nil) -> CLIResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = args
    if let environment { p.environment = environment }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    do { try p.run() } catch { return CLIResult(status: -1, stdout: "", stderr: "\(error)") }
    final class Box: @unchecked Sendable { var data = Data() }
    let o = Box(), e = Box()
    let group = DispatchGroup()
    group.enter(); DispatchQueue.global().async { o.data = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    group.enter(); DispatchQueue.global().async { e.data = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    if group.wait(timeout: .now() + timeout) == .timedOut {
        kill(p.processIdentifier, SIGKILL)
        return CLIResult(status: -2, stdout: "", stderr: "timed out")
    }
    p.waitUntilExit()
    let status = p.terminationReason == .uncaughtSignal ? -p.terminationStatus : p.terminationStatus
    return CLIResult(status: status, stdout: String(decoding: o.data, as: UTF8.self), stderr: String(decoding: e.data, as: UTF8.self))
}

/// Runs the `vigil` binary with the bundled Signatures.
func vigil(_ args: [String], timeout: Double = 120, prefix: [String] = [], environment: [String: String] = [:]) -> CLIResult {
    var env = ProcessInfo.processInfo.environment
    env["VIGIL_SIGNATURES"] = repoRootCLI + "/Signatures"
    for (k, v) in environment { env[k] = v }
    if prefix.isEmpty { return runProgram(vigilBinary, args, timeout: timeout, environment: env) }
    return runProgram(prefix[0], Array(prefix.dropFirst()) + [vigilBinary] + args, timeout: timeout, environment: env)
}

/// Runs `vigil` as another user (for permission tests; root reads everything).
func vigilAs(user uid: uid_t, _ args: [String]) -> CLIResult {
    vigil(args, prefix: ["/usr/bin/setpriv", "--reuid=\(uid)", "--regid=\(uid)", "--clear-groups"])
}

final class CLITempDir {
    let path: String
    private var mounts: [String] = []
    init() {
        var template = Array("/tmp/vigil-cli-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }
    /// A fresh tmpfs at `name` (root only): another filesystem for cross-device moves.
    func mountTmpfs(_ name: String) -> String? {
        let p = sub(name)
        try? FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
        guard mount("tmpfs", p, "tmpfs", 0, "size=64m") == 0 else { return nil }
        mounts.append(p)
        return p
    }
    deinit {
        for m in mounts.reversed() { umount2(m, Int32(MNT_DETACH)) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/rm")
        p.arguments = ["-rf", path]
        try? p.run()
        p.waitUntilExit()
    }
    func sub(_ name: String) -> String { path + "/" + name }
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8], mode: mode_t = 0o644) -> String {
        let p = sub(name)
        try? FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: p, contents: Data(bytes))
        chmod(p, mode)
        return p
    }
    @discardableResult
    func write(_ name: String, _ text: String, mode: mode_t = 0o644) -> String { write(name, Array(text.utf8), mode: mode) }
}
