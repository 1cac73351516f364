import Foundation
import Glibc
import Testing
@testable import VigilEvents
import VigilTestSupport

/// Writers that do not rotate (the watchdog, the canary, `vigil service-ended`) share the
/// daemon's event log and follow its rotations: real files, the real writer threads.
@Suite("event log followers")
struct LogFollowTests {
    let dir = TempDir()

    func record(_ m: String) -> EventLog.Record {
        EventLog.Record(key: m, line: ECSEvent.daemonNote(level: "info", message: m).render())
    }

    @Test("a follower idle through five rotations goes on in the live file, with no false alarm: its file is .5 (keep 10), or gone past keep (keep 2)",
          arguments: [10, 2])
    func idleThroughRotations(keep: Int) throws {
        let f = dir.sub("follow-\(keep).json")
        let daemon = EventLog(path: f, toStdout: false, rateLimitSeconds: 0, sealAppendOnly: false,
                              rotation: LogRotation(maxBytes: 1 << 30, keep: keep))
        let watchdog = EventLog(path: f, toStdout: false, rateLimitSeconds: 0, sealAppendOnly: false)
        try daemon.start()
        try watchdog.start()
        watchdog.emit(record("watchdog before"))
        daemon.emit(record("daemon 0"))
        // The watchdog's line is written before the daemon rotates it away.
        for _ in 0..<100 where !(contents(f) ?? "").contains("watchdog before") { usleep(10_000) }
        for i in 1...5 {
            daemon.emit(record("daemon \(i)"))
            daemon.rotateNow()
        }
        daemon.stop()
        watchdog.emit(record("watchdog after"))
        watchdog.stop()
        let rotated: [String] = (1...keep).map { n in "\(f).\(n)" }
        let files = [f] + rotated.filter { p in FileManager.default.fileExists(atPath: p) }
        let all = files.compactMap { contents($0) }.joined()
        #expect(!all.contains("event-log-replaced") && !all.contains("event-log-deleted"), "\(all)")
        #expect((contents(f) ?? "").contains("watchdog after"), "the follower's next line lands in the live file")
    }
}
