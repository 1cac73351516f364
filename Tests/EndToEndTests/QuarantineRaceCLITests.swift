import Foundation
import Glibc
import Testing
import VigilSystem
import VigilTestSupport

/// Issue 9, item 1, through the command line: `vigil scan --move-to`, run by root (from
/// cron, say) over folders users may write, and `vigil quarantine restore`, while an
/// unprivileged racer (Tests/VigilRacer, running as nobody) swaps its upload folder for a
/// symbolic link to a root-only folder that holds a sample root keeps on purpose.
@Suite("vigil scan --move-to and restore against an unprivileged racer (real kernel)", .serialized, .enabled(if: geteuid() == 0))
struct QuarantineRaceCLITests {
    static let nobody: uid_t = 65534

    /// <root>/victim (0700 root: secret, eicar.com), <root>/up (01777), <root>/up/racer
    /// and its sub (nobody's), <root>/up/racer/sublink -> <root>/victim.
    final class Arena {
        let dir = TempDir()
        let root: String, victim: String, up: String, racer: String, sub: String, sublink: String, store: String
        let victimNames: [String]
        let victimFiles: [String: [UInt8]]

        init?() {
            chmod(dir.path, 0o755) // the racer must reach its folders
            guard let r = dir.mountTmpfs("t") else { return nil }
            chmod(r, 0o755)
            root = r; victim = r + "/victim"; up = r + "/up"; racer = up + "/racer"; sub = racer + "/sub"; sublink = racer + "/sublink"
            store = dir.sub("q")
            mkdir(victim, 0o700)
            mkdir(up, 0o755)
            chmod(up, 0o1777)
            for d in [racer, sub] {
                mkdir(d, 0o755)
                chown(d, QuarantineRaceCLITests.nobody, QuarantineRaceCLITests.nobody)
            }
            symlink(victim, sublink)
            lchown(sublink, QuarantineRaceCLITests.nobody, QuarantineRaceCLITests.nobody)
            // Root's files carry the very names the racer uploads under: a move that
            // followed the racer's link would take them.
            var files = ["secret": Array("root-only secret\n".utf8), "eicar.com": eicar, "invoice.com": Array("root's invoice\n".utf8)]
            for k in 0..<Arena.uploadsPerScan { files["u-\(k).com"] = Array("root's file \(k)\n".utf8) }
            victimFiles = files
            for (name, bytes) in victimFiles {
                FileManager.default.createFile(atPath: victim + "/" + name, contents: Data(bytes))
                chmod(victim + "/" + name, 0o600)
            }
            victimNames = Arena.names(victim)
        }

        static let uploadsPerScan = 40

        static func names(_ path: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }

        func harmDone() -> String? {
            if Arena.names(victim) != victimNames { return "\(victim) now holds \(Arena.names(victim))" }
            for (name, bytes) in victimFiles where FileManager.default.contents(atPath: victim + "/" + name).map(Array.init) != bytes {
                return "\(victim)/\(name) changed or is gone"
            }
            return nil
        }

        /// An EICAR upload of nobody's, written through the racer's real folder (held open).
        @discardableResult
        func upload(_ name: String, in folder: Int32) -> Bool {
            let fd = openat(folder, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard fd >= 0 else { return false }
            eicar.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
            fchown(fd, QuarantineRaceCLITests.nobody, QuarantineRaceCLITests.nobody)
            close(fd)
            return true
        }

        func startRacer(seconds: Double, _ ops: [String]) throws -> Process {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: (vigilBinary as NSString).deletingLastPathComponent + "/VigilRacer")
            p.arguments = [String(QuarantineRaceCLITests.nobody), String(seconds)] + ops
            p.standardOutput = Pipe()
            p.standardError = Pipe()
            try p.run()
            return p
        }

        func rounds(of p: Process) -> Int {
            let end = Date().addingTimeInterval(10)
            while p.isRunning && Date() < end { usleep(10_000) }
            if p.isRunning { kill(p.processIdentifier, SIGKILL); return -1 }
            let out = (p.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile()
            return Int(String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        }

        func entries() throws -> [[String: Any]] {
            let r = vigil(["quarantine", "list", "--json", "--store", store])
            return try r.stdout.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        }
    }

    @Test("vigil scan --move-to over the upload tree while the racer swaps its folder for a link to a root-only folder moves only uploads")
    func scanMoveToRace() throws {
        let a = try #require(Arena())
        let held = open(a.sub, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { close(held) }
        let seconds = 4.0
        let racer = try a.startRacer(seconds: seconds, ["exchange:\(a.sub):\(a.sublink)"])
        var scans = 0, uploads = 0
        var problems: [String] = []
        let end = Date().addingTimeInterval(seconds - 0.3)
        while Date() < end && problems.isEmpty {
            scans += 1
            for k in 0..<Arena.uploadsPerScan where a.upload("u-\(k).com", in: held) { uploads += 1 }
            let r = vigil(["scan", "--move-to", a.store, a.up], timeout: 30)
            if r.status != 0 && r.status != 1 { problems.append("scan \(scans): status \(r.status): \(r.stderr)") }
            if let harm = a.harmDone() { problems.append("scan \(scans): \(harm)") }
        }
        let racerRounds = a.rounds(of: racer)
        #expect(problems.isEmpty, "\(problems.prefix(3))")
        #expect(a.harmDone() == nil)
        #expect(racerRounds >= 1000, "the racer ran thousands of rounds (\(racerRounds))")
        let entries = try a.entries()
        print("racer: \(racerRounds) rounds; \(scans) scans of \(uploads) uploads; \(entries.count) quarantined")
        #expect(entries.count > 0)
        for e in entries {
            let path = (e["original"] as? [String: Any])?["path"] as? String ?? ""
            #expect(path.hasPrefix(a.racer + "/sub/") || path.hasPrefix(a.racer + "/sublink/"), "only uploads: \(path)")
            let stored = e["stored_path"] as? String ?? ""
            #expect(FileManager.default.contents(atPath: stored).map(Array.init) == eicar)
        }
        // Every upload is either quarantined or still in the racer's real folder.
        let left = Arena.names("/proc/self/fd/\(held)").filter { $0.hasPrefix("u-") }.count
        #expect(entries.count + left == uploads, "\(entries.count) quarantined + \(left) left = \(uploads) uploads")
    }

    @Test("vigil quarantine restore refuses a folder swapped for a link to a root-only folder and writes nothing there; --to restores elsewhere")
    func restoreThroughSwappedFolder() throws {
        let a = try #require(Arena())
        let held = open(a.sub, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { close(held) }
        a.upload("invoice.com", in: held)
        #expect(vigil(["scan", "--move-to", a.store, a.sub + "/invoice.com"]).status == 1)
        let id = try #require(try a.entries().first?["id"] as? String)
        // The racer's move: its folder is now a link to the root-only folder.
        #expect(rename(a.sub, a.racer + "/real") == 0 && rename(a.sublink, a.sub) == 0)
        let refused = vigil(["quarantine", "restore", "--store", a.store, id])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("symbolic link") && refused.stderr.contains("--to"), "\(refused.stderr)")
        #expect(a.harmDone() == nil, "nothing written into the root-only folder")
        #expect(try a.entries().count == 1, "a refused restore keeps the entry")
        let elsewhere = a.root + "/restored/invoice.com"
        let r = vigil(["quarantine", "restore", "--store", a.store, "--to", elsewhere, id])
        #expect(r.status == 0, "\(r.stderr)")
        var st = stat()
        #expect(stat(elsewhere, &st) == 0 && st.st_uid == QuarantineRaceCLITests.nobody)
        #expect(FileManager.default.contents(atPath: elsewhere).map(Array.init) == eicar)
        #expect(try a.entries().isEmpty)
    }
}
