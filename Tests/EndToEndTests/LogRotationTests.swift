import Foundation
import Glibc
import Testing
import VigilTestSupport

/// The daemon rotates its own event log ([log] rotate_size, rotate_keep, `vigil log
/// rotate`): nobody else renames the file, so it works where Tier A refuses logrotate's
/// rename (the QEMU guest test covers that side). Here, on the host (Tier B): a running
/// daemon under its watchdog, its real exporter and a loopback `_bulk` receiver.
@Suite("event log rotation by the daemon (real kernel, watchdog, exporter)", .serialized, .enabled(if: geteuid() == 0))
struct LogRotationTests {
    /// The log's files, oldest first (`.N` ... `.1`, then the live one), as they are now.
    static func files(_ d: DaemonHarness) -> [String] {
        let dir = (d.logFile as NSString).deletingLastPathComponent
        let base = (d.logFile as NSString).lastPathComponent
        let numbers = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).compactMap { name -> Int? in
            name.hasPrefix(base + ".") ? Int(name.dropFirst(base.count + 1)) : nil
        }
        return numbers.sorted(by: >).map { "\(d.logFile).\($0)" } + [d.logFile]
    }

    static func lines(_ d: DaemonHarness) -> [LogEvent] { files(d).flatMap { LogEvent.all(in: $0) } }
    static func ids(_ d: DaemonHarness) -> [String] {
        lines(d).compactMap { ($0["event"] as? [String: Any])?["id"] as? String }
    }
    /// Where the missing lines are (file, action), for a failure's message.
    static func missing(_ d: DaemonHarness, _ ids: Set<String>) -> String {
        var out: [String] = []
        for f in files(d) {
            let m = LogEvent.all(in: f).filter { (($0["event"] as? [String: Any])?["id"] as? String).map(ids.contains) ?? false }
            if !m.isEmpty { out.append("\((f as NSString).lastPathComponent): \(m.count) missing, first \(m.first?.action ?? "-") \(m.first?.path ?? "")") }
        }
        return "\(ids.count) missing [\(out.joined(separator: "; "))]"
    }
    static func appendOnly(_ path: String) -> Bool {
        let r = runProgram("/usr/bin/lsattr", ["-d", path], timeout: 10)
        return r.stdout.split(separator: " ").first?.contains("a") == true
    }

    @Test("past rotate_size and on request the daemon rotates: chain holds across the files, keep is kept, rotated files stay append-only, the watchdog follows, every line is shipped once")
    func rotatesBySizeAndOnRequest() throws {
        let dir = makeTempDir("vigil-logrot")
        defer { removeTree(dir) }
        let receiver = try BulkReceiver(dir: dir)
        // Keys right after the harness's [log] table belong to it.
        let d = try #require(DaemonHarness(extra: "rotate_size = \"64K\"\nrotate_keep = 4\n[shipping]\nurl = \"\(receiver.url)\"\nbatch_size = 50\n"))
        #expect(d.start(watchdog: true), "\(d.output)")
        let first = try #require(d.waitForStatus(timeout: 20) { ($0["protection"] as? [String: Any])?["watchdog_pid"] is Int })
        let daemon1 = try #require(first["pid"] as? Int)

        // The exporter followed every rotation: what the files hold is stored, nothing twice.
        // Each round waits for it before the next, so no file is deleted past rotate_keep
        // before it was shipped (that loss is the documented limit of a small keep).
        var logged = Set<String>()
        func shippedSoFar(_ what: String) {
            var reference: Set<String> = []
            #expect(waitUntil(90) {
                reference = Set(Self.ids(d))
                return Set(receiver.storedEventIDs()).isSuperset(of: reference)
            }, "\(what): all shipped: \(Self.missing(d, reference.subtracting(receiver.storedEventIDs()))); \(receiver.stats() ?? [:]); \(ShippingDaemonTests.shipping(d) ?? [:])")
            logged.formUnion(reference)
        }
        // Denies, one line each (about 1.5 KiB): past 64 KiB the live file becomes .1.
        ShippingDaemonTests.denies(d, "a", 80)
        #expect(waitUntil(20) { FileManager.default.fileExists(atPath: d.logFile + ".1") }, "rotated by size: \(Self.files(d))")
        let bySize = Self.lines(d).filter { $0.action == "event-log-rotated" }
        #expect(bySize.contains { ($0.vigil["protection"] as? [String: Any])?["reason"] as? String == "size" }, "\(bySize)")
        // (.1 appears at the rename, a moment before the new file's first line.)
        #expect(waitUntil(10) { LogEvent.all(in: d.logFile).first != nil }, "the new live file gets its first line")
        #expect(LogEvent.all(in: d.logFile).first?.action == "event-log-rotated", "the new file starts by saying so")
        shippedSoFar("after rotations by size")

        // On request (`vigil log rotate` through the control socket).
        let before = Self.lines(d).filter { $0.action == "event-log-rotated" }.count
        let asked = vigil(["log", "rotate", "--config", d.configFile, "--socket", d.socket])
        #expect(asked.status == 0 && asked.stdout.contains(#""ok":true"#), "\(asked.stdout) \(asked.stderr)")
        #expect(waitUntil(10) { Self.lines(d).filter { $0.action == "event-log-rotated" }.count == before + 1 }, "a requested rotation")
        #expect(Self.lines(d).contains { $0.action == "event-log-rotated" && ($0.vigil["protection"] as? [String: Any])?["reason"] as? String == "requested" })
        // (Shipped before the kill: a daemon killed before its exporter's first cursor starts
        // over at the live file; that is how shipping begins, not a rotation matter.)
        shippedSoFar("after a requested rotation")

        // The watchdog (the log's second writer) follows: kill -9 the daemon, the watchdog
        // logs it into the live file, the restarted daemon goes on in the same chain.
        #expect(kill(Int32(daemon1), SIGKILL) == 0)
        let back = d.waitForStatus(timeout: 20) { ($0["pid"] as? Int).map { $0 != daemon1 } ?? false }
        #expect(back != nil, "a new daemon answers: \(d.output)")
        #expect(waitUntil(10) { LogEvent.all(in: d.logFile).contains { ($0.action ?? "").hasPrefix("daemon-") } },
                "the watchdog's lines land in the live file: \(LogEvent.all(in: d.logFile).map { $0.action ?? "-" })")


        // More rotations than rotate_keep: the oldest go, at most .1 .. .4 remain.
        for round in 0..<5 {
            ShippingDaemonTests.denies(d, "b\(round)", 50)
            shippedSoFar("round \(round)")
        }
        #expect(FileManager.default.fileExists(atPath: d.logFile + ".4"), "\(Self.files(d))")
        #expect(!FileManager.default.fileExists(atPath: d.logFile + ".5"), "rotate_keep = 4: \(Self.files(d))")
        for f in Self.files(d) { #expect(Self.appendOnly(f), "append-only: \(f)") }

        // One chain through the files, oldest first.
        let verify = vigil(["log", "verify"] + Self.files(d))
        #expect(verify.status == 0 && verify.stdout.hasPrefix("OK: "), "\(verify.stdout) \(verify.stderr)")
        // No line names a tampered or replaced log (the daemon's own rotation is no alarm).
        let alarms = Self.lines(d).filter { ["event-log-deleted", "event-log-replaced", "event-log-truncated", "event-log-rotation-failed"].contains($0.action ?? "") }
        #expect(alarms.isEmpty, "\(alarms)")

        let stored = receiver.storedEventIDs()
        #expect(stored.count == Set(stored).count, "no event stored twice")
        #expect(logged.isSubset(of: Set(stored)), "every line seen in the files was stored: \(logged.subtracting(stored).count) not")
        #expect(logged.count >= 330, "the 330 denies and the lifecycle lines: \(logged.count)")
        #expect(ShippingDaemonTests.shipping(d)?["files_lost"] as? Int == 0, "\(ShippingDaemonTests.shipping(d) ?? [:])")
        d.stop()
    }

    @Test("root's mv of the live log is refused while append-only, and reported when the flag is lifted first (not taken for a rotation)")
    func rootsRenameIsReported() throws {
        let d = try #require(DaemonHarness(extra: "rotate_size = \"64K\"\n"))
        #expect(d.start(), "\(d.output)")
        ShippingDaemonTests.denies(d, "a", 3)
        #expect(rename(d.logFile, d.logFile + ".1") != 0 && errno == EPERM, "the live log is append-only: rename refused")
        // chattr -a, then mv at once (the writer's 1 s check puts +a back: try again if it won).
        var moved = false
        for _ in 0..<5 where !moved {
            let lift = runProgram("/usr/bin/chattr", ["-a", d.logFile], timeout: 10)
            #expect(lift.status == 0, "\(lift.stderr)")
            moved = rename(d.logFile, d.logFile + ".1") == 0
        }
        #expect(moved, "errno \(errno)")
        // The name of a rotated file does not make it one: the daemon did not rotate.
        #expect(waitUntil(5) { LogEvent.all(in: d.logFile).contains { $0.action == "event-log-deleted" || $0.action == "event-log-append-only-removed" } },
                "reported in the new file: \(LogEvent.all(in: d.logFile).map { $0.action ?? "-" })")
        #expect(!LogEvent.all(in: d.logFile).contains { $0.action == "event-log-rotated" })
        _ = runProgram("/usr/bin/chattr", ["-a", d.logFile + ".1"], timeout: 10)
        d.stop()
    }
}
