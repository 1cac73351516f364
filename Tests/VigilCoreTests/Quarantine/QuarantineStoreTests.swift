import Foundation
import Glibc
import Testing
@testable import VigilCore

@Suite("QuarantineStore")
struct QuarantineStoreTests {
    let dir = TempDir()

    func quarantine(_ path: String, into store: QuarantineStore) throws -> QuarantineStore.Record {
        let s = try loadBundled()
        let file = try OpenFile.open(RawPath(path))
        let st = try file.stat()
        let report = try FileScanner(signatures: s).scan(file, path: RawPath(path), stat: st)
        #expect(report.isFinding)
        return try store.quarantine(file, path: RawPath(path), stat: st, report: report)
    }

    func check(_ rec: QuarantineStore.Record, original: String, store: QuarantineStore) throws {
        #expect(access(original, F_OK) != 0, "the original is gone")
        let bytes = try #require(FileManager.default.contents(atPath: rec.storedPath))
        #expect(Array(bytes) == eicar, "bytes kept exactly")
        var st = stat()
        #expect(stat(rec.storedPath, &st) == 0)
        #expect(st.st_mode & 0o777 == 0o400, "stored files are read-only and never executable")
        var dst = stat()
        #expect(stat(store.directory, &dst) == 0 && dst.st_mode & 0o777 == 0o700, "the store is private")
        let record = try #require(FileManager.default.contents(atPath: store.directory + "/" + rec.id + ".json"))
        let obj = try #require(try JSONSerialization.jsonObject(with: record) as? [String: Any])
        let origin = try #require(obj["original"] as? [String: Any])
        #expect(origin["path"] as? String == original)
        #expect(origin["mode"] as? Int == 0o755)
        #expect(obj["sha256"] as? String == "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f")
        #expect((obj["reasons"] as? [String])?.contains("rule:Vigil_EICAR_Test_File") == true)
    }

    @Test("moves a finding into the store by rename, keeping bytes and recording its origin")
    func sameFilesystem() throws {
        let store = try QuarantineStore(directory: dir.sub("q"))
        let p = dir.write("dropper.sh", eicar, mode: 0o755)
        let rec = try quarantine(p, into: store)
        try check(rec, original: p, store: store)
    }

    @Test("moves across filesystems by copy, fsync, rename and unlink", .enabled(if: isRoot))
    func crossFilesystem() throws {
        let other = try #require(dir.mountTmpfs("other"))
        let store = try QuarantineStore(directory: dir.sub("q"))
        let p = dir.write("other/upload.bin", eicar, mode: 0o755)
        #expect(p.hasPrefix(other))
        let rec = try quarantine(p, into: store)
        try check(rec, original: p, store: store)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: store.directory).filter { $0.hasPrefix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test("a second copy of the same bytes keeps one stored file and two records")
    func duplicates() throws {
        let store = try QuarantineStore(directory: dir.sub("q"))
        let a = try quarantine(dir.write("a.com", eicar, mode: 0o755), into: store)
        let b = try quarantine(dir.write("b.com", eicar, mode: 0o755), into: store)
        #expect(a.storedPath == b.storedPath)
        #expect(a.id != b.id)
        let records = try FileManager.default.contentsOfDirectory(atPath: store.directory).filter { $0.hasSuffix(".json") }
        #expect(records.count == 2)
    }

    @Test("a file replaced after it was scanned is left in place")
    func replacedAfterScan() throws {
        let store = try QuarantineStore(directory: dir.sub("q"))
        let p = dir.write("swap.com", eicar)
        let s = try loadBundled()
        let file = try OpenFile.open(RawPath(p))
        let st = try file.stat()
        let report = try FileScanner(signatures: s).scan(file, path: RawPath(p), stat: st)
        unlink(p)
        dir.write("swap.com", "an innocent replacement")
        #expect(throws: VigilError.self) { _ = try store.quarantine(file, path: RawPath(p), stat: st, report: report) }
        #expect(try String(contentsOfFile: p, encoding: .utf8) == "an innocent replacement")
    }
}
