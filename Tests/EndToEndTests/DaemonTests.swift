import Foundation
import Glibc
import Testing
import VigilDaemon
import VigilSystem
import VigilTestSupport

/// `vigil daemon` against the real kernel: every test guards a private tmpfs and opens,
/// reads and executes real files on it. Serialized: each test starts its own daemon,
/// and the machine has two cores.
@Suite("vigil daemon (fanotify, real kernel)", .serialized, .enabled(if: geteuid() == 0))
struct DaemonTests {
    @Test("denies an open of a file holding EICAR with EPERM, and its event names the file's SHA-256 and type; a clean file opens and reads")
    func deniesEicarAllowsClean() throws {
        let d = try #require(DaemonHarness())
        let bad = d.write("eicar.com", eicar)
        let good = d.write("notes.txt", "meeting at noon\n")
        #expect(d.start(), "\(d.output)")
        #expect(tryRead(bad) == EPERM)
        #expect(tryRead(good) == 0)
        #expect(try String(contentsOfFile: good, encoding: .utf8) == "meeting at noon\n")
        let deny = try #require(d.events(waitingFor: "deny").first { ($0["event"] as? [String: Any])?["action"] as? String == "deny" })
        #expect((deny["file"] as? [String: Any])?["path"] as? String == bad)
        #expect(((deny["file"] as? [String: Any])?["hash"] as? [String: Any])?["sha256"] as? String == "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f")
        // Both completed after the answer (issue 14: libmagic alone took 2-3 ms while the
        // opener of a small text file waited), by the sandboxed worker for the type.
        #expect((deny["file"] as? [String: Any])?["mime_type"] as? String == "text/plain", "\(deny)")
        let process = try #require(deny["process"] as? [String: Any])
        #expect(process["pid"] as? Int32 == getpid() || process["pid"] as? Int == Int(getpid()))
        #expect((deny["vigil"] as? [String: Any])?["latency_us"] is Int)
        #expect(d.terminate() == 0, "SIGTERM exits 0")
    }

    @Test("denies executing a script or an ELF that matches a rule; clean ones run")
    func exec() throws {
        let d = try #require(DaemonHarness())
        let badScript = d.write("bad.sh", "#!/bin/sh\n# \(denyMarker)\necho ran\n", mode: 0o755)
        let goodScript = d.write("good.sh", "#!/bin/sh\necho ran\n", mode: 0o755)
        let elf = try #require(FileManager.default.contents(atPath: "/bin/true"))
        let goodELF = d.write("true-copy", Array(elf), mode: 0o755)
        let badELF = d.write("true-marked", Array(elf) + Array(denyMarker.utf8), mode: 0o755)
        #expect(d.start())
        let (s1, e1) = execute(badScript)
        #expect(s1 != 0 && (e1.contains("Operation not permitted") || e1.contains("Permission denied")), "\(e1)")
        let (s2, e2) = execute(badELF)
        #expect(s2 != 0 && (e2.contains("Operation not permitted") || e2.contains("Permission denied")), "\(e2)")
        #expect(runProgram(goodScript, []).stdout == "ran\n")
        #expect(runProgram(goodELF, []).status == 0)
        let denies = d.events(waitingFor: "deny").filter { ($0["event"] as? [String: Any])?["action"] as? String == "deny" }
        #expect(denies.contains { ($0["vigil"] as? [String: Any])?["access"] as? String == "exec" })
    }

    @Test("audit mode allows the open and logs the finding")
    func auditMode() throws {
        let a = try #require(DaemonHarness())
        // Audit mode through the command line flag.
        let bad = a.write("eicar.com", eicar)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: vigilBinary)
        p.arguments = ["daemon", "--config", a.configFile, "--audit"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        defer { kill(p.processIdentifier, SIGTERM); p.waitUntilExit() }
        for _ in 0..<200 where ControlClient.send("ping", to: a.socket, timeoutSeconds: 1) == nil { usleep(50_000) }
        #expect(tryRead(bad) == 0)
        let audit = a.events(waitingFor: "audit").first { ($0["event"] as? [String: Any])?["action"] as? String == "audit" }
        #expect(audit != nil)
        #expect((audit?["vigil"] as? [String: Any])?["mode"] as? String == "audit")
    }

    @Test("oversize files are judged by their head and tail windows; what the windows do not clear follows limits.on_oversize")
    func oversize() throws {
        // Windows of 1 KiB: a 4 KiB file is read only in part.
        let deny = try #require(DaemonHarness(extra: "[limits]\nmax_file_size = \"1K\"\noversize_window = \"1K\"\non_oversize = \"deny\"\n"))
        let big = deny.write("big.txt", [UInt8](repeating: 0x61, count: 4096))
        let small = deny.write("small.txt", "small")
        #expect(deny.start())
        #expect(tryRead(big) == EPERM)
        #expect(tryRead(small) == 0)
        deny.stop()

        let allow = try #require(DaemonHarness(extra: "[limits]\nmax_file_size = \"1K\"\noversize_window = \"1K\"\non_oversize = \"allow\"\n"))
        let headBad = allow.write("big-eicar.com", eicar + [UInt8](repeating: 0x20, count: 4096))
        let middleBad = allow.write("middle-eicar.com", [UInt8](repeating: 0x20, count: 2048) + eicar + [UInt8](repeating: 0x20, count: 2048))
        #expect(allow.start())
        #expect(tryRead(headBad) == EPERM, "EICAR in the head window is found (before windows, an oversize file was never read)")
        #expect(tryRead(middleBad) == 0, "not in a window, so not read: allowed as configured, and logged")
        // Counted with the write-up, after the answer (and after the finding before it
        // had its details worked out): wait for it.
        #expect(eventually(timeout: 10) { allow.stat("oversize") >= 1 } != nil, "\(String(describing: allow.status()?["stats"]))")
    }

    @Test("excluded uids and excluded paths are allowed without a scan")
    func exclusions() throws {
        let g = try #require(DaemonHarness())
        // Rewrite the config with exclusions (the [guard] table must stay single).
        let toml = try String(contentsOfFile: g.configFile, encoding: .utf8)
            .replacingOccurrences(of: "paths = [\"\(g.guarded)\"]",
                                  with: "paths = [\"\(g.guarded)\"]\nexclude_uids = [65534]\nexclude_paths = [\"\(g.guarded)/trusted\", \"*.skipme\"]\nexclude_executables = [\"/usr/bin/tail\"]")
        FileManager.default.createFile(atPath: g.configFile, contents: Data(toml.utf8))
        mkdir(g.path("trusted"), 0o755)
        let trusted = g.write("trusted/eicar.com", eicar)
        let globbed = g.write("eicar.skipme", eicar)
        let bad = g.write("eicar.com", eicar, mode: 0o644)
        #expect(g.start(), "\(g.output)")
        #expect(tryRead(trusted) == 0)
        #expect(tryRead(globbed) == 0)
        #expect(tryRead(bad) == EPERM, "root is not excluded")
        let asNobody = runProgram("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "/bin/cat", bad])
        #expect(asNobody.status == 0, "uid 65534 is excluded: \(asNobody.stderr)")
        let trustedTool = runProgram("/usr/bin/tail", ["-c", "8", bad])
        #expect(trustedTool.status == 0, "an excluded executable is trusted: \(trustedTool.stderr)")
        #expect(tryRead(bad) == EPERM, "while everyone else is still checked")
    }

    /// Where cgroup v2 is mounted (/sys/fs/cgroup, or /sys/fs/cgroup/unified on hybrid systems).
    static let cgroup2Root: String? = {
        guard let info = try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8) else { return nil }
        for line in info.split(separator: "\n") {
            let halves = line.components(separatedBy: " - ")
            guard halves.count == 2, halves[1].hasPrefix("cgroup2 ") else { continue }
            let fields = halves[0].split(separator: " ")
            if fields.count > 4 { return String(fields[4]) }
        }
        return nil
    }()

    @Test("processes in an excluded cgroup (a trusted workload) are allowed without a scan", .enabled(if: cgroup2Root != nil))
    func cgroupExclusion() throws {
        let root = try #require(DaemonTests.cgroup2Root)
        let name = "vigil-test-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        #expect(mkdir(root + "/" + name, 0o755) == 0)
        defer { rmdir(root + "/" + name) }
        let g = try #require(DaemonHarness())
        let toml = try String(contentsOfFile: g.configFile, encoding: .utf8)
            .replacingOccurrences(of: "paths = [\"\(g.guarded)\"]", with: "paths = [\"\(g.guarded)\"]\nexclude_cgroups = [\"/\(name)\"]")
        FileManager.default.createFile(atPath: g.configFile, contents: Data(toml.utf8))
        let bad = g.write("eicar.com", eicar)
        #expect(g.start(), "\(g.output)")
        // The child moves itself into the workload's cgroup, then opens the file.
        let r = runProgram("/bin/sh", ["-c", "echo $$ > \"$1\" && exec cat \"$0\"", bad, root + "/" + name + "/cgroup.procs"])
        #expect(r.status == 0, "a process in the excluded cgroup is trusted: \(r.stderr)")
        #expect(tryRead(bad) == EPERM, "the test process (another cgroup) is still checked")
    }

    @Test("a scan that misses the deadline is answered with on_timeout")
    func deadline() throws {
        let slow = "[limits]\ndeadline_ms = 300\non_timeout = \"deny\"\n\n[debug]\nslow_scan_ms = 3000\nslow_scan_name = \"slow\"\n"
        let d = try #require(DaemonHarness(extra: slow))
        let file = d.write("slow-but-clean.txt", "nothing bad here")
        let fast = d.write("fast.txt", "nothing bad here either")
        #expect(d.start())
        #expect(tryRead(file) == EPERM, "clean, but the verdict came too late: fail-closed as configured")
        #expect(tryRead(fast) == 0)
        let timeout = d.events(waitingFor: "timeout").first { ($0["event"] as? [String: Any])?["action"] as? String == "timeout" }
        #expect((timeout?["file"] as? [String: Any])?["path"] as? String == file)
        #expect(d.stat("timeouts") == 1)
        // The late verdict is still logged once the slow scan ends.
        let late = d.events(waitingFor: "late-verdict").contains { ($0["event"] as? [String: Any])?["action"] as? String == "late-verdict" }
        #expect(late)
    }

    @Test("a finding's file type is looked up off the scan threads: the next open does not wait for it")
    func findingTypedOffScanThread() throws {
        // One scan thread, and looking up a type takes 6 s. Before the write-up lane the
        // scan thread typed the finding after its answer, so the next pooled open waited
        // until its deadline and was refused by on_timeout = deny.
        let slow = "[limits]\ndeadline_ms = 2000\non_timeout = \"deny\"\n\n[debug]\nslow_type_ms = 6000\n"
        let d = try #require(DaemonHarness(extra: slow))
        let toml = try String(contentsOfFile: d.configFile, encoding: .utf8).replacingOccurrences(of: "threads = 2", with: "threads = 1")
        FileManager.default.createFile(atPath: d.configFile, contents: Data(toml.utf8))
        let bad = d.write("eicar.com", eicar)
        // Over 64 KiB: never judged on the event thread, always by the pool.
        let big = d.write("big-clean.txt", String(repeating: "nothing to see here\n", count: 5000))
        #expect(d.start(), "\(d.output)")
        #expect(tryRead(bad) == EPERM)
        #expect(tryRead(big) == 0, "judged by the one scan thread while the finding is typed elsewhere, not refused by on_timeout")
        #expect(d.stat("timeouts") == 0)
        #expect(d.stat("denied") == 1, "counted at its answer, not when its line is written")
        // The line still comes, typed, once the lookup ends.
        var deny: LogEvent?
        for _ in 0..<300 where deny == nil {
            deny = LogEvent.all(in: d.logFile).first { $0.action == "deny" && $0.path == bad }
            if deny == nil { usleep(50_000) }
        }
        #expect((deny?["file"] as? [String: Any])?["mime_type"] as? String == "text/plain", "\(String(describing: deny))")
    }

    @Test("on_timeout = allow fails open")
    func deadlineFailOpen() throws {
        let slow = "[limits]\ndeadline_ms = 200\non_timeout = \"allow\"\n\n[debug]\nslow_scan_ms = 2000\nslow_scan_name = \"slow\"\n"
        let d = try #require(DaemonHarness(extra: slow))
        let file = d.write("slow.com", eicar)
        #expect(d.start())
        #expect(tryRead(file) == 0, "answered allow at the deadline")
    }

    @Test("kill -9 of the daemon releases an opener blocked on it")
    func killReleasesBlockedOpener() throws {
        let slow = "[limits]\ndeadline_ms = 60000\n\n[debug]\nslow_scan_ms = 60000\nslow_scan_name = \"slow\"\n"
        let d = try #require(DaemonHarness(extra: slow))
        let file = d.write("slow.txt", "waiting")
        #expect(d.start())
        let opener = Process()
        opener.executableURL = URL(fileURLWithPath: "/bin/cat")
        opener.arguments = [file]
        let out = Pipe()
        opener.standardOutput = out
        try opener.run()
        // Wait until the daemon holds the event, then kill it.
        for _ in 0..<100 where d.stat("events") < 1 { usleep(50_000) }
        usleep(200_000)
        #expect(opener.isRunning, "the opener is blocked in open()")
        d.killHard()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { opener.waitUntilExit(); done.signal() }
        #expect(done.wait(timeout: .now() + 30) == .success, "the kernel released the opener when the group died")
        #expect(opener.terminationStatus == 0)
        #expect(String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "waiting")
    }

    @Test("a file cached clean is denied after a reload with a rule that matches it; a modified file is rescanned")
    func reloadAndModify() throws {
        let d = try #require(DaemonHarness())
        let doc = d.write("doc.txt", "contains ACME-INTERNAL-CODENAME-ORCA\n")
        let note = d.write("note.txt", "harmless\n")
        #expect(d.start())
        #expect(tryRead(doc) == 0)
        #expect(tryRead(note) == 0)
        for _ in 0..<50 where d.stat("cache_marks") < 2 { usleep(20_000) }
        #expect(d.stat("cache_marks") >= 2, "clean verdicts became kernel ignore marks")
        let scannedBefore = d.stat("scanned")
        #expect(tryRead(doc) == 0)
        #expect(d.stat("scanned") == scannedBefore, "a cached file costs no scan")

        // New rule, reload: the cached clean verdict must not survive.
        FileManager.default.createFile(atPath: d.rules + "/orca.yar",
                                       contents: Data("rule Orca { strings: $a = \"ACME-INTERNAL-CODENAME-ORCA\" condition: $a }\n".utf8))
        let r = vigil(["reload", "--socket", d.socket])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(tryRead(doc) == EPERM)

        // Modifying a cached file clears its mark: the next open is scanned again.
        let fd = open(note, O_WRONLY | O_APPEND)
        #expect(fd >= 0)
        let text = Array("now with \(denyMarker)\n".utf8)
        text.withUnsafeBytes { _ = Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
        #expect(tryRead(note) == EPERM)
    }

    @Test("repeated identical events are logged once and counted")
    func rateLimit() throws {
        let d = try #require(DaemonHarness())
        let toml = try String(contentsOfFile: d.configFile, encoding: .utf8).replacingOccurrences(of: "rate_limit_seconds = 0", with: "rate_limit_seconds = 60")
        FileManager.default.createFile(atPath: d.configFile, contents: Data(toml.utf8))
        let bad = d.write("eicar.com", eicar)
        #expect(d.start())
        for _ in 0..<6 { #expect(tryRead(bad) == EPERM) }
        #expect(d.terminate() == 0)
        let denies = d.events().filter { ($0["event"] as? [String: Any])?["action"] as? String == "deny" }
        let repeats = denies.compactMap { ($0["vigil"] as? [String: Any])?["repeats"] as? Int }.reduce(0, +)
        #expect(denies.count - denies.filter { ($0["vigil"] as? [String: Any])?["repeats"] != nil }.count <= 2, "the first scan, and the first cached answer")
        #expect(denies.count < 6)
        #expect(repeats + denies.filter { ($0["vigil"] as? [String: Any])?["repeats"] == nil }.count == 6, "every deny is accounted for: \(denies)")
    }

    @Test("a denied file is denied again without a rescan; once it changes it is scanned again")
    func denyCache() throws {
        let d = try #require(DaemonHarness())
        let bad = d.write("eicar.com", eicar)
        #expect(d.start())
        #expect(tryRead(bad) == EPERM)
        // The version is remembered after the answer, before the deny is written up:
        // once the line is there, the cache knows it.
        #expect(d.events(waitingFor: "deny").contains { ($0["event"] as? [String: Any])?["action"] as? String == "deny" })
        let scanned = d.stat("scanned")
        #expect(tryRead(bad) == EPERM)
        #expect(tryRead(bad) == EPERM)
        #expect(d.stat("scanned") == scanned, "known-bad versions are answered from the cache")
        // Opening the bad version for writing is denied too, so replace it: a new inode
        // is a new version.
        unlink(bad)
        d.write("eicar.com", "now harmless")
        #expect(tryRead(bad) == 0)
        #expect(d.stat("scanned") > scanned)
    }

    @Test("a reload with a broken rule keeps the running rules and names file and line")
    func badReloadKeepsRules() throws {
        let d = try #require(DaemonHarness())
        let bad = d.write("eicar.com", eicar)
        #expect(d.start())
        FileManager.default.createFile(atPath: d.rules + "/broken.yar", contents: Data("rule broken {\n  condition:\n    nonsense_identifier\n}\n".utf8))
        let r = vigil(["reload", "--socket", d.socket])
        #expect(r.status == 1)
        #expect(r.stdout.contains(d.rules + "/broken.yar:3"), "\(r.stdout)")
        #expect(tryRead(bad) == EPERM, "old rules still enforce")
        #expect(d.stat("reload_failures") == 1)
    }

    @Test("8 concurrent openers x 10,000 opens finish without a hang or an error; the daemon's own rules and log live on the guarded filesystem")
    func load() throws {
        let d = try #require(DaemonHarness(rulesInside: true, logInside: true))
        var files: [String] = []
        for i in 0..<200 { files.append(d.write("load/f\(i).txt", "file \(i) " + String(repeating: "x", count: i * 37))) }
        let bad = d.write("load/eicar.com", eicar)
        #expect(d.start(), "\(d.output)")
        struct Counts { var errors = 0, denied = 0 }
        let shared = Locked(Counts())
        let all = files
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            var errors = 0, denied = 0
            for i in 0..<10_000 {
                // Every 500th open, rewrite a file so the cache is exercised, not just hit.
                if i % 500 == 0 {
                    let p = all[(worker * 25 + i / 500) % all.count]
                    let fd = open(p, O_WRONLY | O_APPEND)
                    if fd >= 0 { _ = Glibc.write(fd, "+", 1); close(fd) } else { errors += 1 }
                }
                let target = i % 1000 == 999 ? bad : all[(i * 7 + worker) % all.count]
                let rc = tryRead(target)
                if target == bad { if rc == EPERM { denied += 1 } else { errors += 1 } }
                else if rc != 0 { errors += 1 }
            }
            shared.withLock { $0.errors += errors; $0.denied += denied }
        }
        let counts = shared.value
        #expect(counts.errors == 0)
        #expect(counts.denied == 80)
        // The daemon is still healthy and answers.
        #expect(d.control("reload")?["ok"] as? Bool == true, "re-reading its own rules from the guarded fs does not deadlock")
        #expect(tryRead(bad) == EPERM)
        #expect(d.terminate() == 0)
    }
}

@Suite("vigil config")
struct ConfigTests {
    let dir = TempDir()

    @Test("config check prints the effective configuration")
    func effective() {
        let f = dir.write("v.toml", "[guard]\npaths = [\"/srv/share\"]\n\n[limits]\non_timeout = \"deny\"\nmax_file_size = \"8M\"\n")
        let r = vigil(["config", "check", "--config", f])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("paths = [\"/srv/share\"]"))
        #expect(r.stdout.contains("on_timeout = \"deny\""))
        #expect(r.stdout.contains("max_file_size = 8388608"))
    }

    @Test("errors name the key and the line")
    func errors() {
        let cases: [(String, String)] = [
            ("[limits]\non_timeout = \"maybe\"\n", ":2: limits.on_timeout: must be \"allow\""),
            ("[guard]\npaths = [\"/srv\"]\nopen = \"yes\"\n", ":3: guard.open: expected true or false"),
            ("[daemon]\nmode = \"enforce\"\nthreds = 4\n", ":3: daemon.threds: unknown setting"),
            ("[limits]\ndeadline_ms = 5\n", ":2: limits.deadline_ms: must be 10 to 60000"),
            ("[guard]\npaths = [\"relative/dir\"]\n", ":2: guard.paths: 'relative/dir' must be an absolute path"),
            ("[nonsense]\n", ":1: unknown section [nonsense]"),
            ("[log]\nfile = \"/var/log/x\n", ":2: unterminated or invalid string"),
            ("[guard]\npaths = [\"/a\",\n  \"/b\"\n", ":2: unterminated array"),
        ]
        for (i, (toml, expected)) in cases.enumerated() {
            let f = dir.write("bad\(i).toml", toml)
            let r = vigil(["config", "check", "--config", f])
            #expect(r.status == 2)
            #expect(r.stderr.contains(f + expected), "\(toml) -> \(r.stderr)")
        }
    }

    @Test("multi-line arrays, comments and literal strings parse")
    func syntax() {
        let f = dir.write("ok.toml", """
        # Vigil
        [guard]   # the folders
        paths = [
          "/srv/a",   # first
          '/srv/b',
        ]
        exclude_uids = [ 0, 1_000 ]
        """)
        let r = vigil(["config", "check", "--config", f])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("paths = [\"/srv/a\", \"/srv/b\"]"))
        #expect(r.stdout.contains("exclude_uids = [0, 1000]"))
    }

    @Test("without a config file the built-in defaults apply")
    func defaults() {
        let r = vigil(["config", "check", "--config", "/nonexistent/vigil.toml"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("/nonexistent/vigil.toml: no such file"))
    }
}
