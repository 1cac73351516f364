import Foundation
import Glibc
import Testing
@testable import VigilQuarantine
import VigilEngine
import VigilSystem
import VigilTestSupport

@Suite("QuarantineStore")
struct QuarantineStoreTests {
    let dir = TempDir()

    func quarantine(_ path: String, into store: QuarantineStore) throws -> QuarantineStore.Record {
        let s = try loadBundled()
        let file = try OpenFile.open(RawPath(path))
        let st = try file.stat()
        let report = try FileScanner(signatures: s).scan(file, path: RawPath(path), stat: st)
        #expect(report.isFinding)
        return try quarantineFound(file, at: RawPath(path), stat: st, report: report, into: store)
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
        let e = try store.entry(rec.id)
        #expect(e.originalPath == RawPath(original))
        #expect(e.mode == 0o755)
        #expect(e.sha256 == "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f")
        #expect(e.reasons.contains("rule:Vigil_EICAR_Test_File"))
        #expect(e.state == "stored")
        #expect(e.host == hostName())
        let events = try String(contentsOfFile: store.directory + "/events.json", encoding: .utf8)
        #expect(events.contains("\"action\":\"quarantine\"") && events.contains(rec.id))
    }

    @Test("moves a finding into the store by rename, keeping bytes and recording its origin in SQLite")
    func sameFilesystem() throws {
        let store = try QuarantineStore(directory: dir.sub("q"))
        let p = dir.write("dropper.sh", eicar, mode: 0o755)
        let rec = try quarantine(p, into: store)
        try check(rec, original: p, store: store)
        #expect(try store.list().count == 1)
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

    @Test("a second copy of the same bytes keeps one stored file and two entries; the file goes with the last entry")
    func duplicates() throws {
        let store = try QuarantineStore(directory: dir.sub("q"))
        let a = try quarantine(dir.write("a.com", eicar, mode: 0o755), into: store)
        let b = try quarantine(dir.write("b.com", eicar, mode: 0o755), into: store)
        #expect(a.storedPath == b.storedPath && a.id != b.id)
        #expect(try store.list().count == 2)
        _ = try store.delete(a.id)
        #expect(access(b.storedPath, F_OK) == 0, "still needed by the other entry")
        _ = try store.delete(b.id)
        #expect(access(b.storedPath, F_OK) != 0)
        #expect(try store.list().isEmpty)
    }

    @Test("a file replaced after it was scanned is left in place and no entry is kept")
    func replacedAfterScan() throws {
        let store = try QuarantineStore(directory: dir.sub("q"))
        let p = dir.write("swap.com", eicar)
        let s = try loadBundled()
        let file = try OpenFile.open(RawPath(p))
        let st = try file.stat()
        let report = try FileScanner(signatures: s).scan(file, path: RawPath(p), stat: st)
        unlink(p)
        dir.write("swap.com", "an innocent replacement")
        #expect(throws: VigilError.self) { _ = try quarantineFound(file, at: RawPath(p), stat: st, report: report, into: store) }
        #expect(try String(contentsOfFile: p, encoding: .utf8) == "an innocent replacement")
        #expect(try store.list().isEmpty)
    }

    @Test("restore puts back bytes, owner, group, mode and times exactly", .enabled(if: isRoot))
    func restoreRoundTrip() throws {
        let store = try QuarantineStore(directory: dir.sub("q"))
        let p = dir.write("sub/invoice.pdf", eicar, mode: 0o640)
        #expect(chown(p, 1234, 5678) == 0)
        var times = [timespec(tv_sec: 1_600_000_000, tv_nsec: 123_456_789), timespec(tv_sec: 1_500_000_000, tv_nsec: 987_654_321)]
        #expect(utimensat(AT_FDCWD, p, &times, 0) == 0)
        let rec = try quarantine(p, into: store)
        _ = try store.restore(rec.id)
        var st = stat()
        #expect(stat(p, &st) == 0)
        #expect(Array(try #require(FileManager.default.contents(atPath: p))) == eicar)
        #expect(st.st_uid == 1234 && st.st_gid == 5678)
        #expect(st.st_mode & 0o7777 == 0o640)
        #expect(st.st_mtim.tv_sec == 1_500_000_000 && st.st_mtim.tv_nsec == 987_654_321)
        #expect(st.st_atim.tv_sec == 1_600_000_000 && st.st_atim.tv_nsec == 123_456_789)
        #expect(try store.list().isEmpty, "a restored entry leaves the store")
        #expect(access(rec.storedPath, F_OK) != 0)
        let events = try String(contentsOfFile: store.directory + "/events.json", encoding: .utf8)
        #expect(events.contains("\"action\":\"restore\""))
    }

    @Test("restore refuses to overwrite an existing file unless forced")
    func restoreNoClobber() throws {
        let store = try QuarantineStore(directory: dir.sub("q"))
        let p = dir.write("x.com", eicar)
        let rec = try quarantine(p, into: store)
        dir.write("x.com", "someone else's new file")
        #expect(throws: VigilError.self) { _ = try store.restore(rec.id) }
        #expect(try String(contentsOfFile: p, encoding: .utf8) == "someone else's new file")
        #expect(try store.list().count == 1, "a refused restore keeps the entry")
        _ = try store.restore(rec.id, force: true)
        #expect(Array(try #require(FileManager.default.contents(atPath: p))) == eicar)
    }

    @Test("names with spaces, newlines and invalid UTF-8 survive quarantine and restore byte for byte")
    func hostileNames() throws {
        let store = try QuarantineStore(directory: dir.sub("q"))
        let name: [UInt8] = Array("my report\nfinal ".utf8) + [0xFF] + Array(".zip".utf8)
        let path = RawPath(dir.path).appending(name)
        let fd = path.withCString { open($0, O_WRONLY | O_CREAT, 0o644) }
        eicar.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
        close(fd)
        let s = try loadBundled()
        let file = try OpenFile.open(path)
        let st = try file.stat()
        let rec = try quarantineFound(file, at: path, stat: st, report: FileScanner(signatures: s).scan(file, path: path, stat: st), into: store)
        #expect(try store.entry(rec.id).originalPath == path)
        _ = try store.restore(rec.id)
        #expect(path.withCString { access($0, F_OK) } == 0)
    }

    @Test("recovery settles a pending row: rolled back while the original exists, forward once it is stored")
    func recovery() throws {
        let storeDir = dir.sub("q")
        do {
            let store = try QuarantineStore(directory: storeDir)
            _ = try quarantine(dir.write("keep.com", eicar), into: store)
        }
        // Simulate crashes: a pending row whose original is still there, and a temp copy.
        let db = storeDir + "/quarantine.db"
        let p = dir.write("still-here.com", eicar)
        var st = stat()
        stat(p, &st)
        let insert = "INSERT INTO entries VALUES ('pending1','pending','\(String(repeating: "a", count: 64))',X'\(Array(p.utf8).map { String(format: "%02x", $0) }.joined())',\(st.st_dev),\(st.st_ino),68,420,0,0,'root','root',0,0,0,0,NULL,'[]','now','h','scan');"
        _ = runProgram("/usr/bin/sqlite3", [db, insert])
        FileManager.default.createFile(atPath: storeDir + "/.tmp-crashed", contents: Data("half".utf8))
        let store = try QuarantineStore(directory: storeDir)
        #expect(try store.list().count == 1)
        #expect(access(p, F_OK) == 0, "the original is untouched")
        #expect(access(storeDir + "/.tmp-crashed", F_OK) != 0, "half-copied temp files are removed")
    }
}

/// How callers quarantine: with the folder the file was found in (held open since) and
/// its entry name there, as the tree walker hands them over.
func quarantineFound(_ file: OpenFile, at path: RawPath, stat st: stat, report: FileReport,
                     into store: QuarantineStore) throws -> QuarantineStore.Record {
    let folder = try OpenDirectory.open(path.parent)
    return try store.quarantine(file, in: folder, name: RawPath(bytes: Array(path.lastComponent)), displayPath: path,
                                stat: st, report: report)
}
