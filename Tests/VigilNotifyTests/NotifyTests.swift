import Foundation
import Glibc
import XCTest
import VigilTestSupport
import VigilHTTP
@testable import VigilNotify

final class DetectionHookTests: XCTestCase {
    var dir = ""
    override func setUp() { dir = makeTempDir("vigil-hook") }
    override func tearDown() { removeTree(dir) }

    func script(_ name: String, _ body: String) throws -> String {
        let p = dir + "/" + name
        try ("#!/bin/sh\n" + body + "\n").write(toFile: p, atomically: true, encoding: .utf8)
        chmod(p, 0o755)
        return p
    }

    let job = HookJob(json: #"{"event":{"id":"e-1","action":"deny"},"file":{"path":"/srv/up/bad\nname.com"}}"#,
                      environment: HookJob.environment(eventID: "e-1", action: "deny", path: "/srv/up/bad\nname.com", sha256: "abc",
                                                       rule: "Vigil_EICAR_Test_File", verdict: "deny", pid: 42, executable: "/usr/bin/curl",
                                                       user: "1000", host: "h1"))

    func testTheHookGetsTheEventOnStdinAndKeyFieldsInItsEnvironmentOnly() throws {
        let hook = try script("hook.sh", "cat > \(dir)/stdin.json; env | sort > \(dir)/env.txt; printf %s \"$VIGIL_FILE_PATH\" > \(dir)/path.txt")
        let logs = LogLines()
        let h = DetectionHook(executable: hook, timeoutMillis: 10_000, log: logs.add)
        XCTAssertEqual(h.run(job), .exited(0))
        XCTAssertEqual(try String(contentsOfFile: dir + "/stdin.json", encoding: .utf8), job.json + "\n")
        let env = try String(contentsOfFile: dir + "/env.txt", encoding: .utf8)
        for line in ["VIGIL_EVENT_ID=e-1", "VIGIL_EVENT_ACTION=deny", "VIGIL_RULE_NAME=Vigil_EICAR_Test_File", "VIGIL_FILE_SHA256=abc",
                     "VIGIL_PROCESS_PID=42", "VIGIL_PROCESS_EXECUTABLE=/usr/bin/curl", "VIGIL_VERDICT=deny", "VIGIL_USER_ID=1000",
                     "VIGIL_HOST_NAME=h1", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"] {
            XCTAssertTrue(env.contains(line + "\n"), "missing \(line) in\n\(env)")
        }
        XCTAssertEqual(try String(contentsOfFile: dir + "/path.txt", encoding: .utf8), "/srv/up/bad\nname.com", "a newline in a path survives as it is")
        XCTAssertFalse(env.contains("HOME="), "the daemon's own environment is not passed on")
        XCTAssertTrue(logs.all.isEmpty, "\(logs.all)")
    }

    func testAHookOverItsTimeIsKilledWithItsWholeProcessGroup() throws {
        let hook = try script("slow.sh", "sleep 300 & echo $! > \(dir)/child.pid; echo $$ > \(dir)/hook.pid; sleep 300")
        let logs = LogLines()
        let h = DetectionHook(executable: hook, timeoutMillis: 1000, log: logs.add)
        XCTAssertEqual(h.run(job), .timedOut)
        let child = Int32(try String(contentsOfFile: dir + "/child.pid", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))!
        let hookPid = Int32(try String(contentsOfFile: dir + "/hook.pid", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))!
        XCTAssertFalse(isAlive(hookPid))
        XCTAssertTrue(waitUntil(5) { !isAlive(child) }, "the hook's background child was killed with its group")
        XCTAssertTrue(logs.all.contains { $0.contains("was killed with its process group") })
    }

    func testAHookThatNeverReadsItsInputCannotStallTheRunner() throws {
        // 1 MiB of JSON into a pipe nobody reads: the write would block forever if it could.
        let hook = try script("deaf.sh", "sleep 300")
        let h = DetectionHook(executable: hook, timeoutMillis: 800, log: { _, _ in })
        XCTAssertEqual(h.run(HookJob(json: String(repeating: "x", count: 1 << 20), environment: [])), .timedOut)
    }

    func testAHookThatClosesItsInputCostsAnEPIPENotTheHostProcess() throws {
        // The reader goes away while 1 MiB is still to be written: write(2) fails with
        // EPIPE and raises SIGPIPE, which (not ignored in this test process) would kill it.
        let hook = try script("closes-stdin.sh", "exec 0<&-; sleep 0.3; exit 3")
        let logs = LogLines()
        let h = DetectionHook(executable: hook, timeoutMillis: 10_000, log: logs.add)
        let before = signal(SIGPIPE, SIG_DFL)  // as in any process that did not ask otherwise
        defer { signal(SIGPIPE, before) }
        XCTAssertEqual(h.run(HookJob(json: String(repeating: "x", count: 1 << 20), environment: [])), .exited(3))
        var pending = sigset_t()
        sigpending(&pending)
        XCTAssertEqual(sigismember(&pending, SIGPIPE), 0, "no SIGPIPE left pending for this thread")
    }

    func testFailuresAreReportedWithTheHooksOwnWords() throws {
        let logs = LogLines()
        let failing = try script("fail.sh", "echo 'no mail relay' >&2; exit 3")
        XCTAssertEqual(DetectionHook(executable: failing, log: logs.add).run(job), .exited(3))
        XCTAssertTrue(logs.all.contains { $0.contains("exited with status 3: no mail relay") }, "\(logs.all)")
        let missing = DetectionHook(executable: dir + "/nope", log: logs.add)
        guard case .spawnFailed = missing.run(job) else { return XCTFail("a missing hook is a spawn failure") }
        let notExec = dir + "/plain.txt"
        try "x".write(toFile: notExec, atomically: true, encoding: .utf8)
        guard case .spawnFailed = DetectionHook(executable: notExec, log: logs.add).run(job) else { return XCTFail() }
    }

    func testTheQueueIsBoundedAndDropsAreCountedAndReported() throws {
        let hook = try script("count.sh", "cat > /dev/null; echo run >> \(dir)/runs; sleep 0.1")
        let logs = LogLines()
        let h = DetectionHook(executable: hook, timeoutMillis: 5000, queueCapacity: 4, log: logs.add)
        h.start()
        var accepted = 0
        for _ in 0..<100 where h.submit(job) { accepted += 1 }
        h.stop()
        let dropped = h.queue.dropped.load(ordering: .relaxed)
        XCTAssertEqual(accepted + dropped, 100)
        XCTAssertGreaterThanOrEqual(dropped, 100 - 4 - 1, "at most the queue plus the one running")
        let runs = try String(contentsOfFile: dir + "/runs", encoding: .utf8).split(separator: "\n").count
        XCTAssertEqual(runs, accepted, "every accepted detection ran once")
        XCTAssertEqual(h.count("success"), UInt64(accepted))
        XCTAssertTrue(logs.all.contains { $0.contains("\(dropped) detections were not passed to") }, "\(logs.all)")
    }
}

final class WebhookTests: XCTestCase {
    var dir = ""
    var receiver: Process?
    override func setUp() { dir = makeTempDir("vigil-webhook") }
    override func tearDown() {
        if let r = receiver { kill(r.processIdentifier, SIGKILL); r.waitUntilExit() }
        removeTree(dir)
    }

    func startReceiver(failFirst: String = "") throws -> String {
        let port = freePort()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = [repoRoot + "/Tests/Receivers/webhook_receiver.py", "--port", String(port), "--out", dir + "/got.ndjson",
                       "--ready-file", dir + "/ready", "--fail-first", failFirst]
        p.standardError = FileHandle.nullDevice
        try p.run()
        receiver = p
        XCTAssertTrue(waitUntil(20) { FileManager.default.fileExists(atPath: dir + "/ready") })
        usleep(100_000)
        return "http://127.0.0.1:\(port)/hook"
    }

    func testDetectionsArePostedAndServerErrorsRetried() throws {
        let url = try startReceiver(failFirst: "503,500")
        let logs = LogLines()
        let w = Webhook(url: url, attempts: 3, backoffMillis: 50, log: logs.add)
        w.start()
        for i in 0..<3 { w.submit(#"{"event":{"id":"w-\#(i)"}}"#) }
        w.stop()
        let got = try String(contentsOfFile: dir + "/got.ndjson", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(got, [#"{"event":{"id":"w-0"}}"#, #"{"event":{"id":"w-1"}}"#, #"{"event":{"id":"w-2"}}"#])
        XCTAssertEqual(w.delivered.value, 3)
        XCTAssertEqual(w.failed.value, 0)
    }

    func testAnUnreachableWebhookFailsBoundedAndIsReported() throws {
        let logs = LogLines()
        var o = HTTPClientOptions()
        o.connectTimeoutSeconds = 2
        o.timeoutSeconds = 2
        let w = Webhook(url: "http://127.0.0.1:\(freePort())/hook", options: o, attempts: 2, backoffMillis: 10, log: logs.add)
        w.start()
        w.submit("{}")
        w.stop()
        XCTAssertEqual(w.failed.value, 1)
        XCTAssertTrue(logs.all.contains { $0.contains("not delivered") })
    }

    func testAPermanentClientErrorIsNotRetried() throws {
        let url = try startReceiver(failFirst: "400,400,400")
        let logs = LogLines()
        let w = Webhook(url: url, attempts: 3, backoffMillis: 10, log: logs.add)
        w.start()
        w.submit("{}")
        w.stop()
        XCTAssertEqual(w.failed.value, 1)
        XCTAssertTrue(logs.all.contains { $0.contains("HTTP 400") })
        // Only one of the three 400s was used: the next event is answered 400 again (not 200).
        let w2 = Webhook(url: url, attempts: 1, backoffMillis: 10, log: logs.add)
        w2.start(); w2.submit("{}"); w2.stop()
        XCTAssertEqual(w2.failed.value, 1)
    }
}
