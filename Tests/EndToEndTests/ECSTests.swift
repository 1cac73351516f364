import Foundation
import Glibc
import Testing
import VigilTestSupport

/// Every kind of line Vigil writes, produced by the real binary against real files and
/// the real kernel, checked by the schema's own checker (Tests/ECS/check-ecs.py, the team's
/// ECS kit kept in the repository so a fresh clone can run it: the ECS field list, allowed
/// values, required fields, absolute paths).
@Suite("ECS events (check-ecs.py)", .serialized, .enabled(if: geteuid() == 0))
struct ECSTests {
    static var checker: String { repoRoot + "/Tests/ECS/check-ecs.py" }

    /// check-ecs.py over `file`: its exit status and report.
    static func check(_ file: String) -> (Int32, String) {
        let r = runProgram("/usr/bin/python3", [checker, file], timeout: 60)
        return (r.status, r.stdout + r.stderr)
    }

    static func kinds(_ file: String) -> Set<String> {
        Set(LogEvent.all(in: file).compactMap { e in
            guard let ev = e["event"] as? [String: Any], let ds = ev["dataset"] as? String, let a = ev["action"] as? String else { return nil }
            return ds + "/" + a
        })
    }

    @Test("the checker fails on a line that is not ECS (so the checks below can fail)")
    func checkerCanFail() throws {
        #expect(access(ECSTests.checker, R_OK) == 0, "the schema checker is in Tests/ECS")
        let dir = TempDir()
        let f = dir.write("bad.json", #"{"@timestamp":"2026-01-01T00:00:00Z","event":{"kind":"nonsense"},"file":{"path":"relative/x"},"vigil_rules":["x"]}"# + "\n")
        let (status, report) = ECSTests.check(f)
        #expect(status == 1, "\(report)")
        #expect(report.contains("vigil_rules is not an ECS field") && report.contains("not an allowed value") && report.contains("file.path is not absolute"))
    }

    @Test("vigil scan --json (relative paths, a finding, a quarantined finding, a skipped file, the summary) and the quarantine trail (quarantine, restore, delete) pass check-ecs.py")
    func scanAndQuarantine() throws {
        let dir = TempDir()
        let tree = dir.sub("tree")
        #expect(mkdir(tree, 0o755) == 0)
        FileManager.default.createFile(atPath: tree + "/eicar.com", contents: Data(eicar))
        FileManager.default.createFile(atPath: tree + "/other.com", contents: Data(eicar + [10]))
        FileManager.default.createFile(atPath: tree + "/notes.txt", contents: Data("meeting at noon\n".utf8))
        #expect(symlink("/etc/hostname", tree + "/link") == 0)
        let rules = repoRoot + "/Signatures"
        // Relative arguments, run from the tree's parent: every file.path must come out absolute.
        let plain = runProgram("/bin/sh", ["-c", "cd '\(dir.path)' && exec '\(vigilBinary)' scan --json --rules '\(rules)' tree"])
        #expect(plain.status == 1, "\(plain.stderr)")
        let scanFile = dir.write("scan.json", plain.stdout)
        let (s1, r1) = ECSTests.check(scanFile)
        #expect(s1 == 0, "\(r1)\n\(plain.stdout)")
        #expect(LogEvent.all(in: scanFile).allSatisfy { (($0["file"] as? [String: Any])?["path"] as? String ?? "/").hasPrefix("/") })
        let scanKinds = ECSTests.kinds(scanFile)
        #expect(scanKinds.isSuperset(of: ["vigil.scan/detected", "vigil.scan/scan-summary"]), "\(scanKinds)")

        let store = dir.sub("store")
        let moved = runProgram("/bin/sh", ["-c", "cd '\(dir.path)' && exec '\(vigilBinary)' scan --json --rules '\(rules)' --move-to store tree"])
        #expect(moved.status == 1, "\(moved.stderr)")
        let movedFile = dir.write("moved.json", moved.stdout)
        let (s2, r2) = ECSTests.check(movedFile)
        #expect(s2 == 0, "\(r2)")
        #expect(ECSTests.kinds(movedFile).contains("vigil.scan/quarantined"))

        let list = vigil(["quarantine", "list", "--json", "--store", store])
        let ids = list.stdout.split(separator: "\n").compactMap { line -> String? in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String
        }
        #expect(ids.count == 2, "\(list.stdout)\(list.stderr)")
        if ids.count == 2 {
            // From another working directory than the scan's: the entry was stored absolute.
            let restore = vigil(["quarantine", "restore", "--store", store, ids[0]])
            #expect(restore.status == 0, "\(restore.stdout)\(restore.stderr)")
            #expect(access(tree + "/eicar.com", F_OK) == 0 || access(tree + "/other.com", F_OK) == 0, "restored where it was found")
            #expect(vigil(["quarantine", "delete", "--store", store, ids[1]]).status == 0)
        }
        // Retention: quarantined again, then pruned by size (every entry is over 0 bytes of room... 1 byte).
        #expect(runProgram("/bin/sh", ["-c", "cd '\(dir.path)' && exec '\(vigilBinary)' scan --rules '\(rules)' --move-to store tree"]).status == 1)
        let prune = vigil(["quarantine", "prune", "--store", store, "--socket", "-", "--max-total-size", "1"])
        #expect(prune.status == 0 && prune.stdout.contains("1 entry deleted"), "\(prune.stdout)\(prune.stderr)")
        let trail = store + "/events.json"
        let (s3, r3) = ECSTests.check(trail)
        #expect(s3 == 0, "\(r3)")
        #expect(ECSTests.kinds(trail).isSuperset(of: ["vigil.quarantine/quarantine", "vigil.quarantine/restore", "vigil.quarantine/delete",
                                                      "vigil.quarantine/purge"]),
                "\(ECSTests.kinds(trail))")
    }

    @Test("`vigil rules update` and `vigil rules rollback` (a real signed bundle from a local folder; a good run, a refused downgrade, a rollback) pass check-ecs.py")
    func updateKinds() throws {
        let dir = TempDir()
        let key = dir.sub("keys/pub.key")
        #expect(mkdir(dir.sub("keys"), 0o755) == 0 && mkdir(dir.sub("web"), 0o755) == 0 && mkdir(dir.sub("src"), 0o755) == 0)
        #expect(vigil(["rules", "keygen", key]).status == 0)
        for f in ["eicar.yar", "eicar.hdb"] {
            try FileManager.default.copyItem(atPath: repoRoot + "/Signatures/" + f, toPath: dir.sub("src/" + f))
        }
        for v in [1, 2] {
            let r = vigil(["rules", "sign", "--key", key, "--version", String(v), dir.sub("src"), dir.sub("web/b\(v)")])
            #expect(r.status == 0, "sign: \(r.stderr)")
        }
        let store = dir.sub("store")
        func update(_ bundle: String) -> ProcessResult {
            vigil(["rules", "update", "--key", key + ".pub", "--store", store, "--no-reload", "--json", "--source", "file://" + dir.sub("web/" + bundle)],
                  timeout: 120)
        }
        let first = update("b2")
        #expect(first.status == 0, "\(first.stderr)")
        let downgrade = update("b1")
        #expect(downgrade.status != 0, "an older version is refused at check-version")
        let rollback = vigil(["rules", "rollback", "--store", store, "--no-reload", "--json"])
        var lines = first.stdout + downgrade.stdout + rollback.stdout
        if !lines.hasSuffix("\n") { lines += "\n" }
        let file = dir.write("update.json", lines)
        let (status, report) = ECSTests.check(file)
        #expect(status == 0, "\(report)\n\(lines)")
        let all = LogEvent.all(in: file)
        #expect(all.count >= 12, "one line per step of the good run, and more")
        #expect(all.contains { ($0["event"] as? [String: Any])?["outcome"] as? String == "failure" }, "the refused downgrade is in the checked lines")
        #expect(ECSTests.kinds(file).allSatisfy { $0.hasPrefix("vigil.rules/") }, "\(ECSTests.kinds(file))")
    }

    @Test("the daemon's lines (start, deny, cached deny, an allow by policy, uploads clean and quarantined, reloads good and bad, stop) pass check-ecs.py")
    func daemonKinds() throws {
        let d = try #require(DaemonHarness(extra: "[limits]\nmax_file_size = \"4K\"\noversize_window = 0\n"))
        // The upload folder exists only once the tmpfs does: appended to the harness's config.
        let h = try #require(FileHandle(forWritingAtPath: d.configFile))
        h.seekToEndOfFile()
        h.write(Data("\n[[uploads]]\nfolder = \"\(d.guarded)/uploads\"\naction = \"quarantine\"\n".utf8))
        h.closeFile()
        #expect(mkdir(d.guarded + "/uploads", 0o777) == 0)
        let bad = d.write("eicar.com", eicar)
        let big = d.write("big.log", String(repeating: "log line\n", count: 1000))
        #expect(d.start(), "\(d.output)")
        #expect(tryRead(bad) == EPERM)
        // The deny's line is written after the deny cache remembers the version (both
        // after the answer): once it is in, the next open is answered from the cache.
        #expect(d.event("deny", path: bad, timeout: 10) != nil)
        #expect(tryRead(bad) == EPERM, "the second open is answered from the cache")
        #expect(tryRead(big) == 0, "oversize and not read: allowed by limits.on_oversize")
        let clean = d.write("uploads/report.txt", "quarterly numbers\n")
        let dirty = d.write("uploads/payload.com", eicar)
        #expect(d.event("upload-clean", path: clean, timeout: 10) != nil)
        #expect(d.event("quarantine", path: dirty, timeout: 10) != nil)
        #expect(vigil(["reload", "--socket", d.socket]).status == 0)
        let broken = d.rules + "/broken.yar"
        FileManager.default.createFile(atPath: broken, contents: Data("rule broken { condition: nonsense }\n".utf8))
        #expect(vigil(["reload", "--socket", d.socket]).status != 0)
        unlink(broken)
        #expect(d.event("rules-reload", timeout: 10) != nil)
        #expect(d.terminate() == 0)

        let (status, report) = ECSTests.check(d.logFile)
        #expect(status == 0, "\(report)")
        let all = LogEvent.all(in: d.logFile)
        let kinds = ECSTests.kinds(d.logFile)
        for k in ["vigil.daemon/daemon-start", "vigil.onaccess/deny", "vigil.onaccess/oversize", "vigil.onaccess/upload-clean",
                  "vigil.onaccess/quarantine", "vigil.daemon/rules-reload", "vigil.daemon/daemon-stop"] {
            #expect(kinds.contains(k), "\(k) missing from \(kinds)")
        }
        let denies = all.filter { $0.action == "deny" }
        #expect(denies.count == 2, "one scanned, one cached")
        for deny in denies {
            // The cached deny says what the first one said: the rule and the file's hash.
            #expect((deny["rule"] as? [String: Any])?["name"] as? String != nil, "\(deny)")
            #expect(((deny["file"] as? [String: Any])?["hash"] as? [String: Any])?["sha256"] as? String
                    == "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f")
            let process = deny["process"] as? [String: Any]
            #expect(process?["pid"] as? Int == Int(getpid()))
            #expect((process?["parent"] as? [String: Any])?["pid"] as? Int == Int(getppid()))
            #expect((process?["user"] as? [String: Any])?["name"] as? String == "root")
        }
        #expect(denies.contains { ($0["vigil"] as? [String: Any])?["cached"] as? Bool == true })
        for upload in all where (upload["vigil"] as? [String: Any])?["upload"] != nil {
            #expect(((upload["file"] as? [String: Any])?["hash"] as? [String: Any])?["sha256"] is String, "every scanned upload has its SHA-256")
            #expect(((upload["process"] as? [String: Any])?["pid"] as? Int ?? 0) > 0, "the writer, never pid 0")
        }
        #expect(Set(all.compactMap { ($0["event"] as? [String: Any])?["id"] as? String }).count == all.count, "every line has its own event.id")
        #expect(all.contains { $0.action == "rules-reload" && ($0["event"] as? [String: Any])?["outcome"] as? String == "failure" })
    }

    @Test("self-protection's lines (chattr -i on a protected file, undone) pass check-ecs.py")
    func protectionKinds() throws {
        let d = try #require(DaemonHarness.protected(["vigil.toml"]))
        #expect(d.start(), "\(d.output)")
        let f = d.protectedFile("vigil.toml")
        #expect(runProgram("/usr/bin/chattr", ["-i", f]).status == 0)
        let alert = try #require(d.event("immutable-reasserted", path: f, timeout: 10))
        #expect((alert["event"] as? [String: Any])?["dataset"] as? String == "vigil.protection")
        #expect((alert["process"] as? [String: Any])?["pid"] is Int)
        d.stop()
        let (status, report) = ECSTests.check(d.logFile)
        #expect(status == 0, "\(report)")
    }
}
