import Foundation
import Glibc
import Testing
@testable import VigilQuarantine
import VigilSystem
import VigilTestSupport

/// Issue 9, item 1, as the attacker did it: an unprivileged user (the racer, a separate
/// process running as nobody) swaps folder and file names in its upload folder as fast as
/// it can while root quarantines or restores its EICAR upload there. Before the fix the
/// daemon deleted root-only files elsewhere or moved them into the racer's folder within
/// seconds. Each test runs until the work it asserts is done (thousands of rounds, both
/// outcomes), never longer than `cap`, so a loaded machine passes slower, not falsely,
/// and a regression fails instead of hanging.
@Suite("quarantine against an unprivileged racer (real kernel)", .serialized, .enabled(if: isRoot))
struct QuarantineRaceTests {
    /// The most a test's loop (and its racer) may run.
    static let cap = 60.0

    struct Tally: CustomStringConvertible {
        var rounds = 0, quarantined = 0, refused = 0, alerts = 0, skipped = 0
        var reasons: [String: Int] = [:]
        var description: String {
            "\(rounds) rounds: \(quarantined) quarantined, \(refused) refused (\(alerts) alerts), \(skipped) skipped; reasons \(reasons)"
        }
    }

    /// The racer plays every swap of the attack at once: the folder for a symbolic link
    /// to the root-only folder, the file for a link to a root-only file, for a hard link
    /// to one (refused by protected_hardlinks, tried anyway), for another file of its own.
    static func attack(_ a: RaceArena) -> [String] {
        ["exchange:\(a.sub):\(a.sublink)", "symlink:\(a.sub)/eicar.com:\(a.victim)/secret",
         "hardlink:\(a.sub)/eicar.com:\(a.pub)/rootfile", "replace:\(a.sub)/eicar.com:\(a.sub)/decoy",
         "exchange:\(a.sub)/eicar.com:\(a.sub)/decoy"]
    }

    func race(storeOnOtherFilesystem: Bool) throws {
        let a = try #require(RaceArena(storeOnOtherFilesystem: storeOnOtherFilesystem))
        let store = try QuarantineStore(directory: a.storeDir)
        let report = try eicarReport()
        // What a caller holds: the upload folder (the daemon opens it once at start) and
        // the folder the file was found in (the walker holds it while the job is queued).
        let upRoot = try OpenDirectory.open(RawPath(a.up))
        let subFolder = try OpenDirectory.open(RawPath(a.sub))
        let racer = try a.startRacer(seconds: QuarantineRaceTests.cap, QuarantineRaceTests.attack(a))
        var t = Tally()
        var problems: [String] = []
        var quarantinedInodes = Set<ino_t>()
        let end = Date().addingTimeInterval(QuarantineRaceTests.cap)
        while Date() < end && problems.isEmpty && !(t.rounds >= 1000 && t.quarantined > 0 && t.refused > 0) {
            t.rounds += 1
            guard let file = a.upload(in: subFolder) else { t.skipped += 1; continue }
            let st = try file.stat()
            do throws(VigilError) {
                // Odd rounds go the daemon's way (path from the kernel, folder opened
                // beneath the upload folder), even rounds the walker's (held folder).
                let rec = t.rounds % 2 == 1
                    ? try store.quarantine(file, at: RawPath(a.sub + "/eicar.com"), beneath: upRoot, stat: st, report: report, source: "upload")
                    : try store.quarantine(file, in: subFolder, name: RawPath("eicar.com"), displayPath: RawPath(a.sub + "/eicar.com"),
                                           stat: st, report: report)
                t.quarantined += 1
                quarantinedInodes.insert(st.st_ino)
                // Exactly the scanned inode left the upload folder: it is the stored file,
                // or (a copy, or the same bytes stored already) it has no name left at all.
                let links = (try? file.stat())?.st_nlink ?? 99
                let stored = try? store.folder.stat(RawPath(rec.sha256))
                if !(links == 0 || stored?.st_ino == st.st_ino) {
                    problems.append("round \(t.rounds): quarantined, but the scanned inode still has \(links) links outside the store")
                }
            } catch {
                t.refused += 1
                if error.isAlert { t.alerts += 1 }
                let kind = String(error.message.split(separator: ";").first ?? "")
                    .replacingOccurrences(of: a.sub + "/eicar.com", with: "<upload>").replacingOccurrences(of: a.up, with: "<up>")
                t.reasons[kind, default: 0] += 1
            }
            if let harm = a.harmDone() { problems.append("round \(t.rounds): \(harm)") }
        }
        let (racerRounds, racerErrors) = a.finish(racer, within: QuarantineRaceTests.cap)
        print("racer: \(racerRounds) rounds; store: \(t)")
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        #expect(a.harmDone() == nil)
        #expect(racerRounds >= 1000, "the racer ran thousands of rounds (\(racerRounds)) \(racerErrors)")
        #expect(t.rounds >= 1000, "thousands of quarantine rounds: \(t)")
        #expect(t.quarantined > 0 && t.refused > 0, "both outcomes happened: \(t)")

        // The store holds exactly what was quarantined: one row per success, for the
        // scanned inodes only, with complete bytes, and nothing half done.
        let rows = try store.db.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entries WHERE state = 'stored'") } ?? -1
        #expect(rows == t.quarantined)
        let pending = try store.db.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entries WHERE state = 'pending'") } ?? -1
        #expect(pending == 0)
        for e in try store.list() {
            #expect(e.originalPath == RawPath(a.sub + "/eicar.com"))
            #expect(FileManager.default.contents(atPath: e.storedPath).map(Array.init) == eicar)
        }
        let inodes = try store.db.read { db in try Int64.fetchAll(db, sql: "SELECT original_ino FROM entries") }
        #expect(Set(inodes.map { ino_t(UInt64(bitPattern: $0)) }).isSubset(of: quarantinedInodes))
        #expect(a.names(in: a.storeDir).filter { $0.hasPrefix(".") }.isEmpty, "no temporary entries left in the store")
        #expect(a.strayEntries().isEmpty, "no staging folders left: \(a.strayEntries())")
        #expect(try QuarantineStore(directory: a.storeDir).recover() == QuarantineStore.Recovery(), "nothing left to recover")
    }

    @Test("a racer swapping folders and names for links to root-only files never makes the store touch them (same filesystem)")
    func racerSameFilesystem() throws {
        try race(storeOnOtherFilesystem: false)
    }

    @Test("a racer swapping folders and names for links to root-only files never makes the store touch them (store on another filesystem)")
    func racerOtherFilesystem() throws {
        try race(storeOnOtherFilesystem: true)
    }

    @Test("restore while a racer swaps the original folder for a link to a root-only folder: restored in the real folder or refused, never written outside")
    func restoreRace() throws {
        let a = try #require(RaceArena())
        let store = try QuarantineStore(directory: a.storeDir)
        let report = try eicarReport()
        let subFolder = try OpenDirectory.open(RawPath(a.sub))
        let racer = try a.startRacer(seconds: QuarantineRaceTests.cap, ["exchange:\(a.sub):\(a.sublink)"])
        var restored = 0, refused = 0, rounds = 0
        var problems: [String] = []
        let end = Date().addingTimeInterval(QuarantineRaceTests.cap)
        while Date() < end && problems.isEmpty && !(rounds >= 200 && restored > 0 && refused > 0) {
            rounds += 1
            guard let file = a.upload(in: subFolder) else { continue }
            let rec = try store.quarantine(file, in: subFolder, name: RawPath("eicar.com"), displayPath: RawPath(a.sub + "/eicar.com"),
                                           stat: try file.stat(), report: report)
            do {
                _ = try store.restore(rec.id)
                restored += 1
                // It went into the racer's real folder (wherever that is named now), as the racer's.
                var st = stat()
                if fstatat(subFolder.fd, "eicar.com", &st, AT_SYMLINK_NOFOLLOW) != 0 || st.st_uid != RaceArena.nobody {
                    problems.append("round \(rounds): restored, but not into the real folder")
                }
            } catch {
                refused += 1
                if !error.message.contains("symbolic link") { problems.append("round \(rounds): \(error)") }
                _ = try store.delete(rec.id)
            }
            if let harm = a.harmDone() { problems.append("round \(rounds): \(harm)") }
        }
        let (racerRounds, _) = a.finish(racer, within: QuarantineRaceTests.cap)
        print("racer: \(racerRounds) rounds; restore: \(rounds) rounds, \(restored) restored, \(refused) refused")
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        #expect(a.harmDone() == nil)
        #expect(racerRounds >= 1000 && rounds >= 200, "racer \(racerRounds), restore \(rounds) rounds")
        #expect(restored > 0 && refused > 0, "both outcomes happened")
        #expect(a.strayEntries().isEmpty, "\(a.strayEntries())")
    }
}
