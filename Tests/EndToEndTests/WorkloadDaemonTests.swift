import Foundation
import Glibc
import Testing
import VigilSystem
import VigilTestSupport

/// [[workload]] against the real kernel: cgroup v2 folders made by the test under the
/// host's v2 mount, helper processes moved into them through cgroup.procs, a daemon
/// guarding a private tmpfs, EICAR and the test marker as the bad files.
@Suite("workloads (real cgroups)", .serialized, .enabled(if: geteuid() == 0 && DaemonTests.cgroup2Root != nil))
struct WorkloadDaemonTests {
    /// A folder of cgroups for one test, removed (leaves first) when it ends.
    final class Cgroups {
        let root: String
        let top: String
        private var made: [String] = []

        init() throws {
            root = try #require(DaemonTests.cgroup2Root)
            Cgroups.sweepStale(root)
            top = "/vigil-wl-\(getpid())-\(Int.random(in: 0..<1_000_000))"
            #expect(mkdir(root + top, 0o755) == 0, "mkdir \(root + top): \(errno)")
            made.append(top)
        }

        /// Makes `top/name` and returns its cgroup v2 path.
        func make(_ name: String) -> String {
            let path = top + "/" + name
            #expect(mkdir(root + path, 0o755) == 0, "mkdir \(root + path): \(errno)")
            made.append(path)
            return path
        }

        /// Runs `argv` in the cgroup at `path`: the shell moves itself there, then execs.
        func run(in path: String, _ argv: [String]) -> (status: Int32, stdout: String, stderr: String) {
            let r = runProgram("/bin/sh", ["-c", "echo $$ > \"$0\" && exec \"$@\"", root + path + "/cgroup.procs"] + argv, timeout: 30)
            return (r.status, r.stdout, r.stderr)
        }

        /// Removes the empty trees of test runs that are gone (`vigil-wl-PID-N` whose PID
        /// no longer runs: a run killed before its clean-up, or one from before the
        /// clean-up knew about nspawn's sub-cgroups). A tree still holding a process, or
        /// of a run still alive, is left alone.
        static func sweepStale(_ root: String) {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] where name.hasPrefix("vigil-wl-") {
                let parts = name.split(separator: "-")
                guard parts.count == 4, let pid = Int32(parts[2]), kill(pid, 0) != 0 && errno == ESRCH else { continue }
                Cgroups.removeTree(root, "/" + name)
            }
        }

        /// rmdir of every cgroup folder at and below `top`, leaves first (a busy one stays).
        static func removeTree(_ root: String, _ top: String, also made: [String] = []) {
            let fm = FileManager.default
            let below = (fm.enumerator(atPath: root + top)?.allObjects as? [String] ?? []).filter { sub in
                var isDir: ObjCBool = false
                return fm.fileExists(atPath: root + top + "/" + sub, isDirectory: &isDir) && isDir.boolValue
            }
            let all = Set(below.map { top + "/" + $0 } + made + [top])
            for p in all.sorted(by: { $0.split(separator: "/").count > $1.split(separator: "/").count }) {
                for _ in 0..<50 where rmdir(root + p) != 0 && errno == EBUSY { usleep(20_000) }
            }
        }

        deinit {
            // The helpers have exited: the cgroups are empty and can go, leaves first,
            // with the ones a runtime made inside ours (nspawn adds payload and supervisor).
            Cgroups.removeTree(root, top, also: made)
        }
    }

    static let marker = "VIGIL-TEST-MARKER-" + "DENY"

    @Test("audit workload: EICAR allowed and logged with its workload; host and enforced workload: denied; exec-only: plain opens not scanned, exec of a bad file denied")
    func modes() throws {
        let cg = try Cgroups()
        let ci = cg.make("ci-7"), web = cg.make("web"), db = cg.make("db")
        let config = """
            [[workload]]
            name = "ci"
            cgroup = "\(cg.top)/ci-*"
            mode = "audit"

            [[workload]]
            name = "web"
            cgroup = "\(cg.top)/web"
            mode = "enforce"

            [[workload]]
            name = "db"
            cgroup = "\(cg.top)/db"
            exec_only = true
            """
        let d = try #require(DaemonHarness(extra: config))
        let bad = d.write("eicar.com", eicar)
        let tool = d.write("tool.sh", "#!/bin/sh\n# \(WorkloadDaemonTests.marker)\nexit 0\n", mode: 0o755)
        #expect(d.start(), "\(d.output)")

        // Audit workload first, before any verdict is cached.
        let audited = cg.run(in: ci, ["/bin/cat", bad])
        #expect(audited.status == 0, "the audit workload's open is allowed: \(audited.stderr)")
        #expect(audited.stdout.contains("EICAR"), "and it read the file")
        let auditLine = try #require(d.event("audit", path: bad), "an audit line")
        #expect(auditLine.vigil["workload"] as? String == "ci")
        #expect(auditLine.vigil["mode"] as? String == "audit")
        #expect(auditLine.vigil["cgroup"] as? String == ci)
        #expect(auditLine.vigil["verdict"] as? String == "deny", "what enforce would have done")
        #expect(auditLine.message?.contains("would have been denied; allowed because workload 'ci' is in audit mode") == true, "\(auditLine)")

        // The host (this test process) and the enforced workload are denied.
        #expect(tryRead(bad) == EPERM, "the host default enforces")
        let denied = cg.run(in: web, ["/bin/cat", bad])
        #expect(denied.status != 0 && denied.stderr.contains("Operation not permitted"), "the enforced workload is denied: \(denied)")
        // Again from the audit workload: still allowed (a deny cached for others is not its answer).
        #expect(cg.run(in: ci, ["/bin/cat", bad]).status == 0)

        // Exec-only: its plain opens are not scanned, its executions are.
        let plain = cg.run(in: db, ["/bin/cat", bad])
        #expect(plain.status == 0, "an exec-only workload's plain open is not scanned: \(plain.stderr)")
        let exec = cg.run(in: db, [tool])
        #expect(exec.status != 0 && (exec.stderr.contains("ermission denied") || exec.stderr.contains("not permitted")), "its exec of a bad file is denied: \(exec)")

        // The log is written after the answers: wait for the last deny's line itself.
        _ = d.event("deny", path: tool)
        let lines = d.events(waitingFor: "deny")
        let byWorkload = Dictionary(grouping: lines.filter { $0.path == bad || $0.path == tool }) { $0.vigil["workload"] as? String ?? "-" }
        #expect(byWorkload["host"]?.contains { $0.action == "deny" } == true, "the host's deny names the host: \(byWorkload.keys)")
        #expect(byWorkload["web"]?.contains { $0.action == "deny" } == true, "the web deny names its workload")
        #expect(byWorkload["db"]?.contains { $0.action == "deny" && $0.path == tool } == true, "the exec deny names db")
        #expect(byWorkload["db"]?.contains { $0.path == bad } != true, "db's plain open left no finding")
        #expect(byWorkload["ci"]?.allSatisfy { $0.action == "audit" } == true, "ci was only ever audited")
        // One line per workload, for the record (the closing note quotes them).
        for w in ["ci", "web", "db", "host"] {
            if let l = byWorkload[w]?.first { print("workload event \(w): \(l.json)") }
        }

        // Status lists each workload with its counters, the host last.
        let status = try #require(d.status())
        let workloads = try #require(status["workloads"] as? [[String: Any]])
        #expect(workloads.map { $0["name"] as? String } == ["ci", "web", "db", "host"])
        func count(_ w: Int, _ k: String) -> Int { workloads[w][k] as? Int ?? -1 }
        #expect(count(0, "audited") == 2 && count(0, "denied") == 0, "\(workloads[0])")
        #expect(count(1, "denied") == 1, "\(workloads[1])")
        #expect(count(2, "skipped") >= 1 && count(2, "denied") == 1, "\(workloads[2])")
        #expect(count(3, "denied") >= 1, "\(workloads[3])")
        #expect(workloads[0]["mode"] as? String == "audit" && workloads[2]["exec_only"] as? Bool == true)
        // Openers were identified through their pidfd (FAN_REPORT_PIDFD + PIDFD_GET_INFO,
        // Linux 6.13+), and a second open from the same cgroup came from the id cache.
        let identity = try #require(status["workload_identity"] as? [String: Any])
        #expect(identity["pidfd_read"] as? Int ?? 0 >= 3 && identity["pidfd_cached"] as? Int ?? 0 >= 1 && identity["pid_read"] as? Int == 0, "\(identity)")

        // vigil top: the same answers by workload, and each path entry names its workloads.
        let topRun = vigil(["top", "--json", "--socket", d.socket, "--window", "5m"])
        #expect(topRun.status == 0, "\(topRun.stderr)")
        let top = try #require(TopReportTests.object(topRun.stdout), "\(topRun.stdout)")
        let groups = try #require(top["groups"] as? [String: [[String: Any]]])
        let byTop = Dictionary(uniqueKeysWithValues: (groups["workload"] ?? []).compactMap { e in (e["key"] as? String).map { ($0, e) } })
        #expect(byTop["ci"]?["audits"] as? Int == 2 && byTop["ci"]?["denies"] as? Int == 0, "\(groups["workload"] ?? [])")
        #expect(byTop["web"]?["denies"] as? Int == 1 && (byTop["host"]?["denies"] as? Int ?? 0) >= 1, "\(groups["workload"] ?? [])")
        #expect((byTop["db"]?["denies"] as? Int ?? 0) >= 1, "db's exec deny (its skipped plain open is not in the ring)")
        let badEntry = groups["path"]?.first { $0["key"] as? String == bad }
        #expect(Set(badEntry?["workloads"] as? [String] ?? []) == ["ci", "web", "host"], "\(badEntry ?? [:])")
        let table = vigil(["top", "--socket", d.socket])
        #expect(table.status == 0 && table.stdout.contains("\nWORKLOAD\n") && table.stdout.contains("[ci, "), "\(table.stdout)")

        // Every line passes the ECS checker (container/service/vigil.workload included).
        d.stop()
        let (ok, report) = ECSTests.check(d.logFile)
        #expect(ok == 0, "\(report)")

        // vigil report groups the log's denies and audits by vigil.workload.
        let rep = vigil(["report", "--json", "--since", "1h", "--log", d.logFile])
        #expect(rep.status == 0, "\(rep.stderr)")
        let byLog = Dictionary(uniqueKeysWithValues: (((TopReportTests.object(rep.stdout)?["groups"] as? [String: [[String: Any]]])?["workload"]) ?? [])
            .compactMap { e in (e["key"] as? String).map { ($0, e) } })
        #expect(byLog["ci"]?["audits"] as? Int == 2 && byLog["ci"]?["denies"] as? Int == 0, "\(rep.stdout)")
        #expect(byLog["web"]?["denies"] as? Int == 1 && byLog["db"]?["denies"] as? Int == 1 && (byLog["host"]?["denies"] as? Int ?? 0) >= 1, "\(rep.stdout)")
        let human = vigil(["report", "--since", "1h", "--log", d.logFile])
        #expect(human.status == 0 && human.stdout.contains("BY WORKLOAD"), "\(human.stdout)")
    }

    @Test("cache per rule set: a file cleared under workload A's rules (the host's) is denied to workload B, whose extra rule matches it; a file clean for every set gets its kernel mark")
    func cachePerRuleSet() throws {
        let cg = try Cgroups()
        let a = cg.make("a"), b = cg.make("b")
        let extra = TempDir()
        // Hex strings, so the rule file does not match itself.
        _ = extra.write("b-only.yar", """
            rule Workload_B_Only
            {
                meta:
                    description = "a string only workload b's rules look for"
                    vigil_action = "deny"
                strings:
                    $s = { 42 2D 4F 4E 4C 59 2D 53 45 43 52 45 54 }
                condition:
                    $s
            }
            """)
        let config = """
            [[workload]]
            name = "a"
            cgroup = "\(cg.top)/a"

            [[workload]]
            name = "b"
            cgroup = "\(cg.top)/b"
            rules = ["\(extra.path)"]
            """
        let d = try #require(DaemonHarness(extra: config))
        let file = d.write("report.txt", "quarterly numbers, and a " + "B-ONLY-" + "SECRET" + " inside\n")
        let clean = d.write("clean.txt", "nothing for anyone\n")
        #expect(d.start(), "\(d.output)")

        #expect(cg.run(in: a, ["/bin/cat", file]).status == 0, "clean under the host's rules: workload a reads it")
        #expect(cg.run(in: a, ["/bin/cat", clean]).status == 0)
        // The kernel mark would clear the file for every opener: it must not exist for
        // `file`. Wait until the clean file's mark is placed (its completion scan ran),
        // so the worker has finished with both.
        let marked = d.waitForStatus(timeout: 10) { (($0["stats"] as? [String: Any])?["cache_marks"] as? Int ?? 0) >= 1 }
        #expect(marked != nil, "the file clean under every rule set was marked in the kernel")
        let denied = cg.run(in: b, ["/bin/cat", file])
        #expect(denied.status != 0 && denied.stderr.contains("Operation not permitted"), "workload b's extra rule matches: denied \(denied)")
        #expect(cg.run(in: a, ["/bin/cat", file]).status == 0, "and workload a still reads it")
        #expect(tryRead(file) == 0, "and so does the host")
        #expect(cg.run(in: b, ["/bin/cat", clean]).status == 0, "a file clean for every set is clean for b too")
        let line = try #require(d.events(waitingFor: "deny").first { $0.action == "deny" && $0.path == file })
        #expect(line.vigil["workload"] as? String == "b")
        #expect((line["rule"] as? [String: Any])?["name"] as? String == "Workload_B_Only")
    }

    /// The Debian 12 root tarball scripts/test.sh makes (scripts/debian-root.sh).
    static let debianRoot: String? = {
        guard let t = ProcessInfo.processInfo.environment["VIGIL_TEST_DEBIAN_ROOT"], access(t, R_OK) == 0,
              access("/usr/bin/systemd-nspawn", X_OK) == 0 else { return nil }
        return t
    }()

    @Test("a real systemd-nspawn container on a Debian root, in a machine scope: its EICAR open is audited and logged with its workload and container; the host is denied",
          .enabled(if: debianRoot != nil))
    func nspawnContainer() throws {
        let tarball = try #require(WorkloadDaemonTests.debianRoot)
        let cg = try Cgroups()
        _ = cg.make("machine.slice")
        // The scope machined would make for `systemd-nspawn --machine=vigiltest` (this host
        // runs no systemd as pid 1, so the test makes it; nspawn runs in it with --keep-unit).
        let scope = cg.make("machine.slice/machine-vigiltest.scope")
        let dir = TempDir()
        let root = try #require(dir.mountTmpfs("vigiltest", size: "1g"))
        let untar = runProgram("/bin/tar", ["-C", root, "-xf", tarball], timeout: 300)
        #expect(untar.status == 0, "\(untar.stderr)")
        let config = """
            [[workload]]
            name = "containers"
            cgroup = "\(cg.top)/machine.slice/machine-*.scope"
            mode = "audit"
            """
        let d = try #require(DaemonHarness(extra: config))
        let bad = d.write("eicar.com", eicar)
        #expect(d.start(), "\(d.output)")
        let inside = cg.run(in: scope, ["/usr/bin/timeout", "120", "/usr/bin/systemd-nspawn", "--quiet", "--register=no", "--keep-unit",
                                        "-D", root, "--bind-ro=\(d.guarded):/srv/guarded", "/bin/cat", "/srv/guarded/eicar.com"])
        #expect(inside.status == 0 && inside.stdout.contains("EICAR"), "the container's workload audits: \(inside)")
        let line = try #require(d.event("audit", path: bad, timeout: 10), "an audit line for the container's open")
        #expect(line.vigil["workload"] as? String == "containers")
        let container = line["container"] as? [String: Any]
        #expect(container?["name"] as? String == "vigiltest" && container?["runtime"] as? String == "systemd-nspawn", "\(line)")
        #expect((line.vigil["cgroup"] as? String)?.hasPrefix(scope) == true, "\(line.vigil)")
        #expect(tryRead(bad) == EPERM, "the host enforces")
        print("workload event containers: \(line.json)")
        d.stop()
        let (ok, report) = ECSTests.check(d.logFile)
        #expect(ok == 0, "\(report)")
    }

    @Test("uploads are judged by their writer's workload: audit reports and leaves the file, enforce and the host quarantine it, workload b's extra rule quarantines what the host's rules let through")
    func uploadsByWriter() throws {
        let cg = try Cgroups()
        let ci = cg.make("ci"), web = cg.make("web"), b = cg.make("b")
        let extra = TempDir()
        // Hex strings, so the rule file does not match itself.
        _ = extra.write("b-only.yar", """
            rule Workload_B_Upload
            {
                strings:
                    $s = { 42 2D 55 50 4C 4F 41 44 2D 53 45 43 52 45 54 }
                condition:
                    $s
            }
            """)
        let d = try #require(DaemonHarness(extra: """
            [[workload]]
            name = "ci"
            cgroup = "\(cg.top)/ci"
            mode = "audit"

            [[workload]]
            name = "web"
            cgroup = "\(cg.top)/web"

            [[workload]]
            name = "b"
            cgroup = "\(cg.top)/b"
            rules = ["\(extra.path)"]
            """))
        // After the harness's tables: the upload folder (quarantine, the default).
        let config = try #require(FileHandle(forWritingAtPath: d.configFile))
        config.seekToEndOfFile()
        config.write(Data("\n[[uploads]]\nfolder = \"\(d.guarded)/uploads\"\n".utf8))
        config.closeFile()
        mkdir(d.guarded + "/uploads", 0o777)
        #expect(d.start(), "\(d.output)")

        /// Writes `content` to `path` from a shell in cgroup `group` that stays alive a
        /// moment after closing it (printf is a dash builtin: the shell itself is the
        /// writer), so its pidfd names it when the daemon reads the close-write event.
        func upload(_ group: String, _ path: String, _ content: String) {
            let r = cg.run(in: group, ["/bin/sh", "-c", "printf '%s' \"$0\" > \"$1\" && sleep 1", content, path])
            #expect(r.status == 0, "\(r.stderr)")
        }
        func verdict(_ path: String) -> LogEvent? {
            for _ in 0..<200 {
                if let hit = d.events().last(where: { $0.path == path && $0.vigil["upload"] != nil }) { return hit }
                usleep(25_000)
            }
            return nil
        }
        let eicarText = String(decoding: eicar, as: UTF8.self)

        // The audit workload's bad upload: reported with what enforce would have done, and left.
        let fromCI = d.guarded + "/uploads/ci.com"
        upload(ci, fromCI, eicarText)
        let audited = try #require(verdict(fromCI), "an upload line for the audit workload's file")
        #expect(audited.action == "audit" && audited.vigil["workload"] as? String == "ci", "\(audited.json)")
        #expect(audited.message?.contains("would have been quarantined; left in place because workload 'ci' is in audit mode") == true, "\(audited.json)")
        #expect(access(fromCI, F_OK) == 0, "the audit workload's upload stays")
        #expect(tryRead(fromCI) == EPERM, "and the host's open of it is still denied")

        // The same from the enforced workload and from the host (this test process): quarantined.
        let fromWeb = d.guarded + "/uploads/web.com"
        upload(web, fromWeb, eicarText)
        let quarantined = try #require(verdict(fromWeb))
        #expect(quarantined.action == "quarantine" && quarantined.vigil["workload"] as? String == "web", "\(quarantined.json)")
        #expect(access(fromWeb, F_OK) != 0, "taken out of the folder")
        let fromHost = d.write("uploads/host.com", eicar)
        let hostLine = try #require(verdict(fromHost))
        #expect(hostLine.action == "quarantine" && hostLine.vigil["workload"] as? String == "host", "\(hostLine.json)")
        #expect(access(fromHost, F_OK) != 0)

        // Workload b's extra rule: its upload is quarantined; the same bytes from web
        // (the host's rules) are clean.
        let secret = "minutes, with a " + "B-UPLOAD-" + "SECRET" + " inside\n"
        let fromB = d.guarded + "/uploads/b.txt", sameFromWeb = d.guarded + "/uploads/web.txt"
        upload(b, fromB, secret)
        let bLine = try #require(verdict(fromB))
        #expect(bLine.action == "quarantine" && bLine.vigil["workload"] as? String == "b", "\(bLine.json)")
        #expect(bLine.json.contains("Workload_B_Upload"), "\(bLine.json)")
        #expect(access(fromB, F_OK) != 0)
        upload(web, sameFromWeb, secret)
        let webLine = try #require(verdict(sameFromWeb))
        #expect(webLine.action == "upload-clean" && webLine.vigil["workload"] as? String == "web", "\(webLine.json)")
        #expect(access(sameFromWeb, F_OK) == 0)
        for l in [audited, quarantined, hostLine, bLine, webLine] { print("workload upload event: \(l.json)") }
        d.stop()
        let (ok, report) = ECSTests.check(d.logFile)
        #expect(ok == 0, "\(report)")
    }

    @Test("a workload's own rule folder is sealed like the host's rules (Vigil's files on the guarded tmpfs): a write is refused; chattr -i then truncate is restored and reported")
    func ruleFolderSealed() throws {
        let h = try #require(DaemonHarness.oneFilesystem())
        let folder = h.fs + "/etc/vigil/rules.d/ci"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let rule = folder + "/ci-only.yar"
        let original = "rule Vigil_Test_CI_Only { strings: $a = \"VIGIL-CI-ONLY-" + "MARKER\" condition: $a }\n"
        #expect(FileManager.default.createFile(atPath: rule, contents: Data(original.utf8)))
        // The harness's config ends with [protection]; the workload is a table of its own.
        let config = try #require(FileHandle(forWritingAtPath: h.configFile))
        config.seekToEndOfFile()
        config.write(Data("\n[[workload]]\nname = \"ci\"\ncgroup = \"/vigil-wl-unused/ci-*\"\nmode = \"audit\"\nrules = [\"\(folder)\"]\n".utf8))
        config.closeFile()
        #expect(h.start(), "\(h.output)")
        let s = h.waitForStatus(timeout: 20) { ($0["protection"] as? [String: Any])?["protected_files"] as? Int ?? 0 > 0 }
        #expect(s != nil, "status answers within 20 s: \(h.output)")
        #expect(isImmutable(h.fs + "/etc/vigil/signatures/eicar.yar"), "the host's rules are sealed")
        #expect(isImmutable(rule), "and so is the workload's rule file")
        #expect(tryOpen(rule, O_WRONLY | O_TRUNC) == EPERM, "a write is refused")
        let manifest = contents(h.state + "/protection/manifest.tsv") ?? ""
        #expect(manifest.contains("\t" + rule + "\n"), "in the sealed manifest: \(manifest)")
        // As fast as an attacker with root can: drop the flag, truncate at once.
        try InodeFlags.setImmutable(rule, false)
        let truncated = truncate(rule, 0) == 0
        let took = eventually(timeout: 3) { contents(rule) == original && isImmutable(rule) }
        #expect(took != nil, "restored and immutable again; now: \(contents(rule) ?? "nil")")
        if truncated {
            #expect(h.event("tamper-restored", path: rule) != nil, "the restore is reported")
        } else {
            #expect(h.event("immutable-reasserted", path: rule) != nil, "the re-assert won the race and is reported")
        }
        h.stop()
        try? InodeFlags.setImmutable(rule, false)
    }

    @Test("vigil config explain --pid names the workload of a process moved into a test cgroup")
    func explain() throws {
        let cg = try Cgroups()
        let ci = cg.make("ci-1")
        let dir = TempDir()
        let toml = dir.write("vigil.toml", "[[workload]]\nname = \"ci\"\ncgroup = \"\(cg.top)/ci-*\"\nmode = \"audit\"\n")
        // A helper that sits in the cgroup while `vigil config explain` looks at it.
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sh")
        sleeper.arguments = ["-c", "echo $$ > \"$0\" && exec sleep 30", cg.root + ci + "/cgroup.procs"]
        try sleeper.run()
        defer { kill(sleeper.processIdentifier, SIGKILL); sleeper.waitUntilExit() }
        var moved = false
        for _ in 0..<100 where !moved {
            moved = (try? String(contentsOfFile: "/proc/\(sleeper.processIdentifier)/cgroup", encoding: .utf8))?.contains(ci) == true
            if !moved { usleep(20_000) }
        }
        #expect(moved)
        let r = runProgram(vigilBinary, ["config", "explain", "--config", toml, "--pid", "\(sleeper.processIdentifier)"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("cgroup    \(ci)") && r.stdout.contains("workload  ci (mode audit)"), "\(r.stdout)")
        let host = runProgram(vigilBinary, ["config", "explain", "--config", toml, "--cgroup", "/user.slice"])
        #expect(host.status == 0 && host.stdout.contains("workload  host"), "\(host.stdout)")
    }
}
