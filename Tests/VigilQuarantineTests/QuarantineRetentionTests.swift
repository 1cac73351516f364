import Foundation
import Glibc
import Testing
@testable import VigilQuarantine
import VigilEngine
import VigilSystem
import VigilTestSupport

@Suite("Quarantine retention")
struct QuarantineRetentionTests {
    typealias C = QuarantineRetention.Candidate
    static let day = 86400.0

    @Test("the plan removes by age first, then oldest first until the kept bytes fit; shared bytes are freed with their last entry", arguments: [
        // (maxAge days, maxTotal, entries (id, sha, size, age in days; nil = unreadable time), expected removals "id:reason:freed")
        (30, 0, [("a", "s1", 10, 40.0), ("b", "s2", 10, 10.0)], ["a:max_age:10"]),
        (0, 0, [("a", "s1", 10, 400.0)], []),
        (0, 25, [("a", "s1", 10, 3.0), ("b", "s2", 10, 2.0), ("c", "s3", 10, 1.0)], ["a:max_total_size:10"]),
        (0, 5, [("a", "s1", 10, 3.0), ("b", "s2", 10, 2.0), ("c", "s3", 10, 1.0)],
         ["a:max_total_size:10", "b:max_total_size:10", "c:max_total_size:10"]),
        // Two entries of one content: the older frees nothing, the second frees its bytes.
        (0, 15, [("a", "s1", 10, 3.0), ("b", "s1", 10, 2.0), ("c", "s3", 10, 1.0)], ["a:max_total_size:0", "b:max_total_size:10"]),
        // Age and size together: the old one goes for age, then the size pass starts at the next oldest.
        (7, 10, [("old", "s1", 10, 9.0), ("mid", "s2", 10, 5.0), ("new", "s3", 10, 1.0)], ["old:max_age:10", "mid:max_total_size:10"]),
        // An unreadable time is never "old", and goes last for size.
        (7, 10, [("x", "s1", 10, nil), ("new", "s2", 10, 1.0)], ["new:max_total_size:10"]),
    ] as [(Int, Int, [(String, String, Int, Double?)], [String])])
    func plan(_ maxAgeDays: Int, _ maxTotal: Int, _ entries: [(String, String, Int, Double?)], _ expected: [String]) {
        let now = 1_000_000_000.0
        let r = QuarantineRetention(maxAgeSeconds: Int64(maxAgeDays) * 86400, maxTotalSize: Int64(maxTotal))
        let plan = r.plan(entries.map { C(id: $0.0, sha256: $0.1, size: Int64($0.2), quarantinedAt: $0.3.map { now - $0 * Self.day }) }, now: now)
        #expect(plan.removals.map { "\($0.id):\($0.reason.rawValue):\($0.freed)" } == expected)
    }

    @Test("RFC 3339 instants with any offset and spans like 30d", arguments: [
        ("2026-11-26T10:00:00Z", 1_795_687_200.0),
        ("2026-11-26T12:00:00+02:00", 1_795_687_200.0),
        ("2026-11-26T05:30:00-0430", 1_795_687_200.0),
        ("2026-11-26T10:00:00.250Z", 1_795_687_200.25),
        ("2026-11-26 10:00:00z", 1_795_687_200.0),
    ])
    func instants(_ text: String, _ epoch: Double) {
        #expect(parseRFC3339(text) == epoch)
    }

    @Test("malformed instants and spans are refused")
    func refused() {
        for bad in ["2026-02-31T00:00:00Z", "2026-11-26T10:00:00", "2026-11-26T25:00:00Z", "2026-11-26T10:00:00+2", "yesterday", "2026-11-26T10:00:00.Z"] {
            #expect(parseRFC3339(bad) == nil, "\(bad)")
        }
        #expect(parseDuration("30d") == 30 * 86400 && parseDuration("24h") == 86400 && parseDuration("5m") == 300 && parseDuration("90") == 90)
        #expect(parseDuration("2w") == 14 * 86400 && parseDuration("0") == 0)
        for bad in ["", "d", "-1d", "1y", "1.5h", "9999999999999999999d"] { #expect(parseDuration(bad) == nil, "\(bad)") }
        #expect(formatDuration(30 * 86400) == "30d" && formatDuration(14 * 86400) == "2w" && formatDuration(90) == "90s")
    }

    // MARK: a real store

    let dir = TempDir()

    /// Quarantines a real finding of `size` bytes (the EICAR string, then padding that
    /// makes each content its own).
    func quarantine(_ name: String, size: Int, into store: QuarantineStore) throws -> QuarantineStore.Record {
        var bytes = eicar + Array(name.utf8)
        bytes += [UInt8](repeating: 0x41, count: max(0, size - bytes.count))
        let path = dir.write(name, bytes, mode: 0o644)
        let file = try OpenFile.open(RawPath(path))
        let st = try file.stat()
        let report = try FileScanner(signatures: try loadBundled()).scan(file, path: RawPath(path), stat: st)
        #expect(report.isFinding)
        let rec = try quarantineFound(file, at: RawPath(path), stat: st, report: report, into: store)
        usleep(5000)  // quarantined_at has millisecond resolution: keep the order unambiguous
        return rec
    }

    func storedBytes(_ store: QuarantineStore) -> Int64 {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: store.directory)) ?? []
        return names.filter { $0.count == 64 }.reduce(0) { total, n in
            var st = stat()
            return total + (stat(store.directory + "/" + n, &st) == 0 ? Int64(st.st_size) : 0)
        }
    }

    @Test("prune by total size deletes the oldest real files until the store's bytes fit, each with a purge line; a dry run deletes nothing")
    func bySize() throws {
        let store = try QuarantineStore(directory: dir.sub("q"))
        let recs = try [100, 200, 300, 400].map { try quarantine("f\($0).bin", size: $0 << 10, into: store) }
        #expect(storedBytes(store) == 1000 << 10)
        let limits = QuarantineRetention(maxAgeSeconds: 0, maxTotalSize: 600 << 10)

        let preview = try store.prune(limits, now: wallClockSeconds(), dryRun: true)
        #expect(preview.map(\.0.id) == recs.prefix(3).map(\.id))
        #expect(try store.list().count == 4 && storedBytes(store) == 1000 << 10, "a dry run changes nothing")

        let done = try store.prune(limits, now: wallClockSeconds(), dryRun: false)
        #expect(done.map(\.0.id) == recs.prefix(3).map(\.id), "oldest first: 100K, 200K, then 300K leave 400K")
        #expect(try store.list().map(\.id) == [recs[3].id])
        #expect(storedBytes(store) == 400 << 10, "the stored files are gone from disk")
        for r in recs.prefix(3) { #expect(access(r.storedPath, F_OK) != 0) }
        let purges = LogEvent.all(in: store.directory + "/events.json").filter { ($0["event"] as? [String: Any])?["action"] as? String == "purge" }
        #expect(purges.count == 3)
        #expect(Set(purges.compactMap { ($0["vigil"] as? [String: Any])?["quarantine_id"] as? String }) == Set(recs.prefix(3).map(\.id)))
        #expect(try store.prune(limits, now: wallClockSeconds(), dryRun: false).isEmpty, "within limits: nothing more to do")
    }

    @Test("prune by age deletes entries older than max_age and keeps the rest")
    func byAge() throws {
        let store = try QuarantineStore(directory: dir.sub("q"))
        let a = try quarantine("a.bin", size: 4096, into: store)
        _ = try quarantine("b.bin", size: 8192, into: store)
        let limits = QuarantineRetention(maxAgeSeconds: 30 * 86400, maxTotalSize: 0)
        #expect(try store.prune(limits, now: wallClockSeconds() + 86400, dryRun: false).isEmpty, "a day old: kept")
        // Entry a made older than the limit in its record (the clock cannot be moved).
        let old = "2000-01-01T00:00:00.000Z"
        try store.db.write { try $0.execute(sql: "UPDATE entries SET quarantined_at = ? WHERE id = ?", arguments: [old, a.id]) }
        let done = try store.prune(limits, now: wallClockSeconds(), dryRun: false)
        #expect(done.map(\.0.id) == [a.id] && done.first?.1.reason == .age)
        #expect(try store.list().count == 1 && access(a.storedPath, F_OK) != 0)
    }

    @Test("two entries of the same bytes: removing the older keeps the stored file for the other")
    func sharedContent() throws {
        let store = try QuarantineStore(directory: dir.sub("q"))
        let p1 = dir.write("one.com", eicar)
        let p2 = dir.write("two.com", eicar)
        let s = try loadBundled()
        var recs: [QuarantineStore.Record] = []
        for p in [p1, p2] {
            let f = try OpenFile.open(RawPath(p))
            let st = try f.stat()
            recs.append(try quarantineFound(f, at: RawPath(p), stat: st, report: try FileScanner(signatures: s).scan(f, path: RawPath(p), stat: st), into: store))
            usleep(5000)
        }
        let done = try store.prune(QuarantineRetention(maxAgeSeconds: 0, maxTotalSize: 1), now: wallClockSeconds(), dryRun: false)
        #expect(done.map(\.1.freed) == [0, 68], "the first removal frees nothing, the last frees the 68 bytes")
        #expect(try store.list().isEmpty && access(recs[0].storedPath, F_OK) != 0)
    }
}
