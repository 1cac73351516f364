import Foundation
import Glibc
import VigilSystem
import VigilTestSupport

/// Tests/Fixtures/bundle_server.py on a free loopback port: static files, plus /slow/
/// (throttled, to be killed mid-body) and /chunked/ (no Content-Length). Killed when
/// released.
final class BundleServer {
    let root: String
    private(set) var port = 0
    private let process = Process()

    init?(root: String) {
        self.root = root
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [repoRoot + "/Tests/Fixtures/bundle_server.py", root]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        var text = ""
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline && !text.contains("\n") {
            let d = out.fileHandleForReading.availableData
            if d.isEmpty { break }
            text += String(decoding: d, as: UTF8.self)
        }
        guard let line = text.split(separator: "\n").first, line.hasPrefix("PORT "), let p = Int(line.dropFirst(5)) else {
            process.terminate()
            return nil
        }
        port = p
    }

    var url: String { "http://127.0.0.1:\(port)" }
    var pid: Int32 { process.processIdentifier }

    /// SIGKILL: the connection drops wherever the body is.
    func kill() {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { kill() }
}
