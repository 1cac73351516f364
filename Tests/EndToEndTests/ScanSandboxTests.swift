import Foundation
import Glibc
import Testing
import VigilSystem
import VigilTestSupport

/// Privilege-separated scanning (issue 12 item 6): the parsers of scanned files run in
/// `vigil scan-worker` processes that cannot reach anything but the descriptors they
/// are handed, and a worker that dies or hangs costs one configured answer and one
/// event, never a hang.
@Suite("Sandboxed scan workers", .serialized, .enabled(if: geteuid() == 0))
struct ScanSandboxTests {
    /// The worker processes a daemon runs now (its children named vigil-scanwork).
    /// Starts `cat path` (its open waits for the verdict) and finds the worker scanning
    /// it within 20 s: the one running, while the others sleep in recvmsg.
    static func openWhileScanned(_ path: String, daemon: Int32) throws -> (opener: Process, busy: Int32?) {
        let opener = Process()
        opener.executableURL = URL(fileURLWithPath: "/bin/cat")
        opener.arguments = [path]
        opener.standardOutput = FileHandle.nullDevice
        opener.standardError = FileHandle.nullDevice
        try opener.run()
        let end = Date().addingTimeInterval(20)
        while Date() < end {
            let busy = workers(of: daemon).first { pid in
                let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
                return stat.split(separator: ")").last?.split(separator: " ").first == "R"
            }
            if let busy { return (opener, busy) }
            usleep(20_000)
        }
        return (opener, nil)
    }

    static func workers(of daemon: Int32) -> [Int32] {
        var out: [Int32] = []
        for e in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(e), let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { continue }
            let fields = Dictionary(status.split(separator: "\n").compactMap { line -> (String, String)? in
                let p = line.split(separator: ":", maxSplits: 1)
                return p.count == 2 ? (String(p[0]), p[1].trimmingCharacters(in: .whitespaces)) : nil
            }, uniquingKeysWith: { a, _ in a })
            if fields["PPid"] == "\(daemon)" && fields["Name"] == "vigil-scanwork" { out.append(pid) }
        }
        return out.sorted()
    }

    /// Waits (bounded) for `count` workers whose sandbox is complete.
    static func waitForWorkers(of daemon: Int32, count: Int, besides old: [Int32] = [], timeout: Double = 30) -> [Int32] {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            let now = workers(of: daemon).filter { !old.contains($0) && Sandbox.observe(pid: $0)?.seccomp == 2 }
            if now.count >= count { return now }
            usleep(50_000)
        }
        return workers(of: daemon).filter { !old.contains($0) }
    }

    @Test("a worker's sandbox refuses reading secrets, reopening by path, creating files, the network, ptrace and memory writes into the daemon, signals, exec, setuid(0) and executable memory, and still scans the descriptor it was passed")
    func sandboxRefusesEscapes() throws {
        let dir = TempDir()
        chmod(dir.path, 0o755)
        let file = dir.write("passed.txt", "a file with vigil-sandbox-self-test inside\n")
        chmod(file, 0o600)   // only root could open it: the worker holds the descriptor
        let scratch = dir.sub("scratch")
        mkdir(scratch, 0o777)
        let r = runProgram(vigilBinary, ["scan-worker", "--self-test", "--file", file, "--attack", "\(getpid())", "--scratch", scratch,
                                         "--uid", "65534", "--gid", "65534"], timeout: 60)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("entered: uid 65534"), "\(r.stderr)")
        #expect(!r.stderr.contains("ALLOWED") && !r.stderr.contains("FAIL"), "\(r.stderr)")
        for attack in ["open /etc/shadow", "reopen the passed file by its path", "create a file", "write to the passed (read-only) file",
                       "socket(AF_INET)", "connect", "ptrace(PTRACE_ATTACH) the daemon", "process_vm_writev into the daemon",
                       "kill(daemon, 0)", "execve /bin/false", "setuid(0)", "executable memory (mmap PROT_EXEC)"] {
            #expect(r.stderr.contains("refused " + attack), "\(attack): \(r.stderr)")
        }
        #expect(r.stderr.contains("scanned the passed file: Vigil_Sandbox_SelfTest matched"), "\(r.stderr)")
        #expect(access(scratch + "/sandbox-escape", F_OK) != 0, "no file was created")
    }

    @Test("the self-test can fail: the same attempts without the sandbox succeed (root reads /etc/shadow, creates files, opens sockets)")
    func selfTestControl() throws {
        let dir = TempDir()
        let file = dir.write("passed.txt", "vigil-sandbox-self-test\n")
        let scratch = dir.sub("scratch")
        mkdir(scratch, 0o700)
        // A target of our own for the ptrace and signal attempts, so the control run
        // attaches to nothing that matters.
        let target = Process()
        target.executableURL = URL(fileURLWithPath: "/bin/sleep")
        target.arguments = ["30"]
        try target.run()
        // SIGKILL: the control run's PTRACE_ATTACH leaves it stopped, where SIGTERM waits.
        defer { kill(target.processIdentifier, SIGKILL); target.waitUntilExit() }
        let r = runProgram(vigilBinary, ["scan-worker", "--self-test", "--control", "--file", file, "--attack", "\(target.processIdentifier)",
                                         "--scratch", scratch], timeout: 60)
        #expect(r.status != 0, "\(r.stderr)")
        #expect(r.stderr.contains("ALLOWED open /etc/shadow") && r.stderr.contains("ALLOWED create a file")
                && r.stderr.contains("ALLOWED socket(AF_INET)"), "\(r.stderr)")
    }

    @Test("through workers: EICAR and a YARA hit are denied, clean files allowed; workers run unprivileged (uid, CapEff 0, Seccomp 2, NoNewPrivs 1); status lists them")
    func deniesThroughWorkers() throws {
        let d = try #require(DaemonHarness(extra: "[scanning]\nsandbox = true\n"))
        let bad = d.write("eicar.com", eicar)
        let hit = d.write("marked.txt", "this file says VIGIL-TEST-MARKER-" + "DENY in the middle\n" + String(repeating: "padding ", count: 20_000))
        let clean = d.write("clean.txt", String(repeating: "nothing to see ", count: 10_000))
        #expect(d.start(), "\(d.output)")
        let pids = ScanSandboxTests.waitForWorkers(of: d.pid, count: 2)
        #expect(pids.count >= 2, "one worker per scan thread: \(pids)")
        for pid in pids {
            let o = try #require(Sandbox.observe(pid: pid))
            #expect(o.uid != 0 && o.uid != nil, "worker \(pid) runs as its own user: \(o)")
            #expect(o.capEff == 0 && o.capBnd == 0, "no capabilities, none to regain: \(o)")
            #expect(o.seccomp == 2, "seccomp filter: \(o)")
            #expect(o.noNewPrivs == 1, "\(o)")
        }
        #expect(tryRead(bad) == EPERM)
        #expect(tryRead(hit) == EPERM)
        #expect(tryRead(clean) == 0)
        #expect(d.stat("scan_worker_scans") >= 2, "the pool's scans went to the workers")
        let status = try #require(d.status())
        let sandbox = try #require(status["scan_sandbox"] as? [String: Any])
        #expect(sandbox["on"] as? Bool == true)
        #expect(Set((sandbox["workers"] as? [Int] ?? []).map { Int32($0) }).isSuperset(of: Set(pids)), "\(sandbox)")
        #expect((sandbox["state"] as? String ?? "").contains("Landlock"), "\(sandbox)")
    }

    @Test("kill -9 of a worker in a slow scan: the opener gets on_error at once, one scan-worker-crashed event (check-ecs.py), the next scans work; a reload moves workers to the new generation")
    func workerCrashAndReload() throws {
        let config = "[limits]\ndeadline_ms = 30000\nscan_budget_ms = 30000\non_error = \"deny\"\non_timeout = \"allow\"\n\n[scanning]\nsandbox = true\n"
        let d = try #require(DaemonHarness(extra: config))
        // The ScanLimits tests' slow file: a regex libyara works hard on (16 MiB of it).
        FileManager.default.createFile(atPath: d.rules + "/slow.yar",
                                       contents: Data("rule Slow { strings: $r = /a[^b]{0,50}c/ condition: $r and filesize < 16 }\n".utf8))
        let slow = d.write("slow.bin", [UInt8](repeating: 0x61, count: 16 << 20) + [0x63])
        #expect(d.start(), "\(d.output)")
        let before = ScanSandboxTests.waitForWorkers(of: d.pid, count: 2)
        #expect(before.count >= 2, "\(before)")
        let (opener, busy) = try ScanSandboxTests.openWhileScanned(slow, daemon: d.pid)
        let victim = try #require(busy, "a worker is scanning the slow file")
        let killedAt = Date()
        kill(victim, SIGKILL)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { opener.waitUntilExit(); done.signal() }
        #expect(done.wait(timeout: .now() + 10) == .success, "the opener is answered, not left waiting for the deadline (30 s)")
        #expect(Date().timeIntervalSince(killedAt) < 10)
        #expect(opener.terminationStatus != 0, "on_error = deny answered it")
        let crash = try #require(d.event("scan-worker-crashed", path: slow, timeout: 10), "\(d.events())")
        #expect(((crash.vigil["scan_worker"] as? [String: Any])?["ended"] as? String ?? "").contains("signal 9"), "\(crash)")
        #expect((crash.vigil["scan_worker"] as? [String: Any])?["rules_generation"] as? Int == 1)
        #expect(d.events().filter { $0.action == "scan-worker-crashed" }.count == 1, "one event for one death")
        let lines = ((try? String(contentsOfFile: d.logFile, encoding: .utf8)) ?? "").split(separator: "\n").filter { $0.contains("\"scan-worker-crashed\"") }
        let ecsFile = d.dir.write("crash.json", lines.joined(separator: "\n") + "\n")
        let (status, report) = ECSTests.check(ecsFile)
        #expect(status == 0, "\(report)")
        #expect(d.stat("scan_worker_crashes") == 1)
        // The next scans work (a new worker took over).
        let bad = d.write("eicar.com", eicar)
        #expect(tryRead(bad) == EPERM)
        #expect(tryRead(d.write("fine.txt", String(repeating: "fine ", count: 30_000))) == 0,
                "\(d.events().filter { $0.action != "deny" }.map { "\($0.action ?? "") \($0.message ?? "")" })")
        // A reload: new rules, new workers with the new generation, old ones gone.
        let current = ScanSandboxTests.workers(of: d.pid)
        FileManager.default.createFile(atPath: d.rules + "/new.yar",
                                       contents: Data("rule Added_After_Reload { strings: $a = \"ADDED-AFTER-RELOAD-91c2\" condition: $a }\n".utf8))
        #expect((d.control("reload")?["ok"] as? Bool) == true)
        let fresh = ScanSandboxTests.waitForWorkers(of: d.pid, count: 2, besides: current)
        #expect(fresh.count >= 2, "new workers for generation 2: \(fresh)")
        for _ in 0..<100 where !Set(ScanSandboxTests.workers(of: d.pid)).isDisjoint(with: current) { usleep(50_000) }
        #expect(Set(ScanSandboxTests.workers(of: d.pid)).isDisjoint(with: current), "the old generation's workers were drained")
        let added = d.write("added.txt", "ADDED-AFTER-RELOAD-91c2 " + String(repeating: "x", count: 100_000))
        #expect(tryRead(added) == EPERM, "the new worker has the reloaded rules")
    }
}

/// `[scanning] sandbox = "full"`: no byte of a scanned file is read in the daemon. The
/// event thread's quick path is off, so small files go through the pool to a worker like
/// big ones, with the same answers, cache, deadlines and configured fallbacks.
@Suite("Sandbox \"full\": every scan in a worker", .serialized, .enabled(if: geteuid() == 0))
struct FullSandboxTests {
    @Test("small files: EICAR and a YARA hit are denied, clean ones allowed and cached; the quick path never runs (answered_inline 0) and every scanned file is a worker scan; status and metrics say full")
    func smallFilesGoToWorkers() throws {
        let sockets = TempDir()
        let metrics = sockets.sub("metrics.sock")
        let d = try #require(DaemonHarness(extra: "[scanning]\nsandbox = \"full\"\n\n[metrics]\nlisten = \"unix:\(metrics)\"\n"))
        let bad = d.write("eicar.com", eicar)
        let hit = d.write("marked.txt", "this file says VIGIL-TEST-MARKER-" + "DENY\n")
        let cleans = (0..<20).map { d.write("clean-\($0).txt", "an ordinary small file \($0)\n") }
        let bigger = d.write("notes.txt", String(repeating: "an ordinary line of text\n", count: 2000))   // 50 KiB: still under 64 KiB
        #expect(d.start(), "\(d.output)")
        let pids = ScanSandboxTests.waitForWorkers(of: d.pid, count: 2)
        #expect(pids.count >= 2, "\(pids)")
        let (workerScans, scanned, marks) = (d.stat("scan_worker_scans"), d.stat("scanned"), d.stat("cache_marks"))
        // The pool's worker scans: background scans go to workers too, and one may come from
        // outside this test (the daemon reports any process run from a memfd on the host,
        // such as another test's, and scans it in the background).
        let background = d.stat("background_scans")
        let poolScans = { (d.stat("scan_worker_scans") - workerScans) - (d.stat("background_scans") - background) }
        #expect(tryRead(bad) == EPERM, "EICAR (68 bytes)")
        #expect(tryRead(hit) == EPERM, "a YARA hit in 39 bytes")
        for c in cleans { #expect(tryRead(c) == 0) }
        #expect(tryRead(bigger) == 0)
        #expect(d.stat("answered_inline") == 0, "the event thread judged nothing: \(String(describing: d.status()?["stats"]))")
        #expect(d.stat("scanned") - scanned == 23, "each file scanned once")
        #expect(poolScans() == 23, "and each scan was a worker's: \(String(describing: d.status()?["stats"]))")
        // A clean verdict is cached in the kernel as with `true`: the next opens never reach us.
        // The marks are placed after the answers (nobody waits for them): wait for them.
        #expect(eventually(timeout: 5) { d.stat("cache_marks") - marks >= cleans.count } != nil, "the clean verdicts became kernel marks")
        let events = d.stat("events")
        for c in cleans { #expect(tryRead(c) == 0) }
        #expect(d.stat("events") == events, "ignore marks answered the second opens in the kernel")
        #expect(poolScans() == 23)
        #expect(tryRead(bad) == EPERM, "and EICAR stays denied (remembered, not rescanned)")
        let status = try #require(d.status())
        let sandbox = try #require(status["scan_sandbox"] as? [String: Any])
        #expect(sandbox["mode"] as? String == "full", "\(sandbox)")
        #expect((sandbox["state"] as? String ?? "").contains("no byte of a scanned file is read in the daemon"), "\(sandbox)")
        let scrape = runProgram("/usr/bin/curl", ["-sS", "--max-time", "10", "--unix-socket", metrics, "http://localhost/metrics"], timeout: 20)
        #expect(scrape.stdout.contains("scan_sandbox=\"full\""), "vigil_info names the mode: \(scrape.stdout.split(separator: "\n").filter { $0.hasPrefix("vigil_info") }) \(scrape.stderr)")
    }

    @Test("the control: with sandbox = true the same small clean file is judged on the event thread (the counter above can move)")
    func poolModeStillUsesTheQuickPath() throws {
        let d = try #require(DaemonHarness(extra: "[scanning]\nsandbox = true\n"))
        #expect(d.start(), "\(d.output)")
        var i = 0
        let inline = eventually(timeout: 20) {
            i += 1
            _ = tryRead(d.write("small-\(i).txt", "an ordinary small file \(i)\n"))
            return d.stat("answered_inline") >= 1
        }
        #expect(inline != nil, "the quick path answered a small clean file")
        #expect(((d.status()?["scan_sandbox"] as? [String: Any])?["mode"] as? String) == "pool")
    }

    @Test("kill -9 of the worker scanning a small file: on_error answers the opener at once, one scan-worker-crashed event, the next small files are scanned by a new worker")
    func workerCrashOnSmallFile() throws {
        let config = "[limits]\ndeadline_ms = 30000\nscan_budget_ms = 30000\non_error = \"deny\"\non_timeout = \"allow\"\n\n[scanning]\nsandbox = \"full\"\n"
        let d = try #require(DaemonHarness(extra: config))
        // A rule libyara spends seconds on, for files starting with "SLOW" only (`and`
        // stops at the first test for every other file).
        FileManager.default.createFile(atPath: d.rules + "/slow-small.yar", contents: Data(
            "rule Slow_Small { condition: uint32(0) == 0x574f4c53 and for any i in (0..2000000000) : (uint8(i % filesize) == 0xFF) }\n".utf8))
        let slow = d.write("slow.txt", "SLOW: a 40-byte file a worker chews on\n")
        #expect(d.start(), "\(d.output)")
        let before = ScanSandboxTests.waitForWorkers(of: d.pid, count: 2)
        #expect(before.count >= 2, "\(before)")
        let (opener, busy) = try ScanSandboxTests.openWhileScanned(slow, daemon: d.pid)
        let victim = try #require(busy, "a worker is scanning the small slow file")
        kill(victim, SIGKILL)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { opener.waitUntilExit(); done.signal() }
        #expect(done.wait(timeout: .now() + 10) == .success, "answered at once, not at the 30 s deadline")
        #expect(opener.terminationStatus != 0, "on_error = deny answered it")
        let crash = try #require(d.event("scan-worker-crashed", path: slow, timeout: 10), "\(d.events())")
        #expect(((crash.vigil["scan_worker"] as? [String: Any])?["ended"] as? String ?? "").contains("signal 9"), "\(crash)")
        #expect(d.stat("scan_worker_crashes") == 1)
        #expect(tryRead(d.write("eicar.com", eicar)) == EPERM, "a new worker scans the next small file")
        #expect(tryRead(d.write("fine.txt", "fine\n")) == 0)
        #expect(d.stat("answered_inline") == 0)
    }
}
