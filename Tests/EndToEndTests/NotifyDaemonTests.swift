import Foundation
import Glibc
import Testing
import VigilTestSupport

/// Telling someone about a detection, from a running daemon: the on_detection hook (a
/// real executable) and a webhook (a real HTTP receiver on loopback) get each deny.
@Suite("vigil daemon notifications (real kernel, real hook and receiver)", .serialized, .enabled(if: geteuid() == 0))
struct NotifyDaemonTests {
    static func freePort() -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var sa = sockaddr_in()
        sa.sin_family = sa_family_t(AF_INET)
        sa.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return UInt16(bigEndian: sa.sin_port)
    }

    /// Polls (bounded by tries) until `path` has content.
    static func contents(_ path: String) -> String? {
        for _ in 0..<200 {
            if let s = try? String(contentsOfFile: path, encoding: .utf8), s.hasSuffix("\n") { return s }
            usleep(50_000)
        }
        return nil
    }

    @Test("a deny runs on_detection with the event on stdin and VIGIL_* variables, and is POSTed to the webhook; a clean open is neither")
    func hookAndWebhook() throws {
        let dir = TempDir()
        let out = dir.sub("hook")
        let hook = dir.write("hook.sh", "#!/bin/sh\ncat > '\(out).json.tmp' && mv '\(out).json.tmp' '\(out).json'\nenv | grep '^VIGIL_' | sort > '\(out).env'\necho >> '\(out).json'\n", mode: 0o755)
        let port = NotifyDaemonTests.freePort()
        let received = dir.sub("webhook.ndjson")
        let ready = dir.sub("ready")
        let receiver = Process()
        receiver.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        receiver.arguments = [repoRoot + "/Tests/Receivers/webhook_receiver.py", "--port", "\(port)", "--out", received, "--ready-file", ready]
        try receiver.run()
        // SIGKILL: the receiver inherits the test thread's blocked signals, SIGTERM among them.
        defer { kill(receiver.processIdentifier, SIGKILL); receiver.waitUntilExit() }
        for _ in 0..<200 where access(ready, F_OK) != 0 { usleep(50_000) }
        #expect(access(ready, F_OK) == 0, "the receiver listens")

        let d = try #require(DaemonHarness(extra: "[notify]\non_detection = \"\(hook)\"\nwebhook = \"http://127.0.0.1:\(port)/vigil\"\ntimeout_ms = 5000\n"))
        let good = d.write("notes.txt", "meeting at noon\n")
        let bad = d.write("eicar.com", eicar)
        #expect(d.start(), "\(d.output)")
        #expect(tryRead(good) == 0)
        #expect(tryRead(bad) == EPERM)

        let json = try #require(NotifyDaemonTests.contents(out + ".json"), "the hook ran")
        let event = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((event["event"] as? [String: Any])?["action"] as? String == "deny")
        let env = try #require(NotifyDaemonTests.contents(out + ".env"))
        #expect(env.contains("VIGIL_EVENT_ACTION=deny\n") && env.contains("VIGIL_FILE_PATH=\(bad)\n"), "\(env)")
        #expect(env.contains("VIGIL_FILE_SHA256=275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f\n"), "\(env)")
        #expect(env.contains("VIGIL_RULE_NAME=") && env.contains("VIGIL_PROCESS_PID=\(getpid())\n"), "\(env)")
        let posted = try #require(NotifyDaemonTests.contents(received), "the webhook got it")
        #expect(posted.contains(#""action":"deny""#) && posted.contains(bad))
        #expect(!posted.contains(good) && !json.contains(good), "a clean open is no detection")
        #expect(d.terminate() == 0)
    }
}
