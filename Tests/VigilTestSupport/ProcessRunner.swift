import Foundation
import Glibc

/// What a program did.
package struct ProcessResult: CustomStringConvertible {
    /// The exit status; -N after a death by signal N; -1 when it could not start; -2
    /// when it ran out of time (and was killed).
    package let status: Int32
    package let stdout: String
    package let stderr: String
    package let stdoutBytes: Data

    package var description: String { "status \(status), stdout \(stdout.debugDescription), stderr \(stderr.debugDescription)" }
}

/// Runs a program with a time limit (a hang fails the test instead of the CI run).
@discardableResult
package func runProgram(_ exe: String, _ args: [String], stdin: String? = nil, timeout: Double = 120,
                        environment: [String: String]? = nil) -> ProcessResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = args
    if let environment { p.environment = environment }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    let inPipe = Pipe()
    p.standardInput = stdin == nil ? FileHandle.nullDevice : inPipe
    do { try p.run() } catch { return ProcessResult(status: -1, stdout: "", stderr: "\(error)", stdoutBytes: Data()) }
    if let stdin {
        // A child may exit before reading all of its input (promtool on a bad exposition):
        // the write must fail with EPIPE, not kill the whole test process with SIGPIPE.
        // Fed from another thread once the child runs: input past the pipe's 64 KiB
        // cannot block this one.
        signal(SIGPIPE, SIG_IGN)
        DispatchQueue.global().async {
            try? inPipe.fileHandleForWriting.write(contentsOf: Data(stdin.utf8))
            try? inPipe.fileHandleForWriting.close()
        }
    }
    final class Collected: @unchecked Sendable { var data = Data() } // written by one reader, read after group.wait
    let o = Collected(), e = Collected()
    let group = DispatchGroup()
    group.enter(); DispatchQueue.global().async { o.data = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    group.enter(); DispatchQueue.global().async { e.data = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    if group.wait(timeout: .now() + timeout) == .timedOut {
        kill(p.processIdentifier, SIGKILL)
        return ProcessResult(status: -2, stdout: "", stderr: "timed out after \(timeout) s", stdoutBytes: Data())
    }
    p.waitUntilExit()
    let status = p.terminationReason == .uncaughtSignal ? -p.terminationStatus : p.terminationStatus
    return ProcessResult(status: status, stdout: String(decoding: o.data, as: UTF8.self), stderr: String(decoding: e.data, as: UTF8.self),
                         stdoutBytes: o.data)
}

/// Runs a shell command line (the way an attacker would).
@discardableResult
package func sh(_ command: String) -> ProcessResult { runProgram("/bin/sh", ["-c", command]) }

/// Polls `condition` until it holds or `timeout` passes; returns the seconds it took, or nil.
package func eventually(timeout: Double, _ condition: () -> Bool) -> Double? {
    let start = Date()
    while Date().timeIntervalSince(start) < timeout {
        if condition() { return Date().timeIntervalSince(start) }
        usleep(10_000)
    }
    return condition() ? Date().timeIntervalSince(start) : nil
}
