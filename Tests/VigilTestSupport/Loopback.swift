import Foundation
import Glibc

// Owns: the small helpers the metrics, shipping, notify and end-to-end targets share to
// run real companion programs (a free loopback port, a scratch folder, polling with a
// bound, a process's liveness) and the loopback `_bulk` receiver
// (Tests/Receivers/bulk_receiver.py). Each wait is bounded, so a hang fails the test
// rather than the CI run.

/// `runProgram` with the companion-program targets' shorter time limit.
package func runTool(_ exe: String, _ args: [String], stdin: String? = nil, timeout: Double = 60) -> ProcessResult {
    runProgram(exe, args, stdin: stdin, timeout: timeout)
}

/// A free TCP port on loopback (bound and released; the tiny race is acceptable in tests).
package func freePort() -> UInt16 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var sa = sockaddr_in()
    sa.sin_family = sa_family_t(AF_INET)
    sa.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    _ = withUnsafePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
    return UInt16(bigEndian: sa.sin_port)
}

package func makeTempDir(_ prefix: String) -> String {
    var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
    return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
}

package func removeTree(_ path: String) { _ = runTool("/bin/rm", ["-rf", path]) }

/// The first existing path among candidates (Debian puts these in /usr/bin).
package func tool(_ name: String) -> String? {
    ["/usr/bin/\(name)", "/usr/local/bin/\(name)", "/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// Polls `condition` every 20 ms for at most `seconds`.
package func waitUntil(_ seconds: Double, _ condition: () -> Bool) -> Bool {
    let end = Date().addingTimeInterval(seconds)
    while Date() < end {
        if condition() { return true }
        usleep(20_000)
    }
    return condition()
}

package func isAlive(_ pid: Int32) -> Bool {
    // A zombie still answers kill(0): look at its state too.
    guard kill(pid, 0) == 0 else { return false }
    let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
    return !(stat.split(separator: ")").last?.trimmingCharacters(in: .whitespaces).hasPrefix("Z") ?? true)
}

/// Tests/Receivers/bulk_receiver.py on a loopback port, with its store on disk so it can
/// be killed and started again with what it had acknowledged.
package final class BulkReceiver {
    package let port: UInt16
    package let store: String
    package let dir: String
    package private(set) var process: Process?

    package init(dir: String, faults: String = "{}") throws {
        self.dir = dir
        port = freePort()
        store = dir + "/receiver-store.ndjson"
        try start(faults: faults)
    }

    package var url: String { "http://127.0.0.1:\(port)" }

    package func start(faults: String = "{}") throws {
        let ready = dir + "/receiver-ready"
        unlink(ready)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = [repoRoot + "/Tests/Receivers/bulk_receiver.py", "--port", String(port), "--store", store, "--ready-file", ready, "--faults", faults]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        process = p
        guard waitUntil(20, { FileManager.default.fileExists(atPath: ready) && stats() != nil }) else { throw ReceiverError.notReady }
    }

    package enum ReceiverError: Error { case notReady }

    package func kill9() {
        guard let p = process else { return }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        process = nil
    }

    /// Waits for the receiver to exit by itself (a `die_after_items` fault).
    package func waitForDeath(_ seconds: Double) -> Bool {
        guard let p = process else { return true }
        let ok = waitUntil(seconds) { !p.isRunning }
        if ok { process = nil }
        return ok
    }

    package func control(_ json: String) {
        _ = runTool("/usr/bin/curl", ["-sS", "--max-time", "5", "-X", "POST", "-H", "Content-Type: application/json", "-d", json, url + "/_control"])
    }

    package func stats() -> [String: Int]? {
        let r = runTool("/usr/bin/curl", ["-sS", "--max-time", "5", url + "/_stats"])
        guard r.status == 0 else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Int]
    }

    /// Every stored document's `event.id`, from its source (not its `_id`): a sender that
    /// re-sent under a new `_id` would show here as a repeated event id.
    package func storedEventIDs() -> [String] {
        let r = runTool("/usr/bin/curl", ["-sS", "--max-time", "10", url + "/_docs"])
        return r.stdout.split(separator: "\n").compactMap { line in
            let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return ((o?["_source"] as? [String: Any])?["event"] as? [String: Any])?["id"] as? String
        }
    }

    deinit { kill9() }
}
