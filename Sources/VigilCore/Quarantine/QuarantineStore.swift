import CLinux
import Foundation
import GRDB
import Glibc

/// A root-only folder that takes bad files out of reach, with its records in SQLite.
///
/// Layout: `<dir>/<sha256>` holds the bytes (mode 0400, never executable; one copy per
/// content), `<dir>/quarantine.db` one row per quarantined file, `<dir>/events.json` an
/// ECS line per quarantine, restore and delete.
///
/// Crash safety: a row is committed as `pending` before anything moves, the file is
/// moved (rename, or copy + fsync + rename + unlink across filesystems), and the row is
/// then marked `stored`. `recover()` (run on every open) settles a pending row by looking
/// at what exists: the original still there means roll back (drop the row and any copy
/// nobody else needs); the original gone and the bytes stored means roll forward. A kill
/// at any step leaves the original file or a complete entry, never neither and never a
/// half record.
///
/// Owns: moving files in and out and their records. Must not: decide what is bad.
public final class QuarantineStore: Sendable {
    public let directory: String
    private let db: DatabaseQueue

    public struct Entry: Sendable {
        public let id: String
        public let state: String
        public let sha256: String
        public let originalPath: RawPath
        public let size: Int64
        public let mode: UInt32
        public let uid: UInt32
        public let gid: UInt32
        public let owner: String
        public let group: String
        public let atime: timespec
        public let mtime: timespec
        public let mimeType: String?
        public let reasons: [String]
        public let quarantinedAt: String
        public let host: String
        public let source: String
        public let storedPath: String
    }

    /// The part of a quarantine the caller reports.
    public struct Record: Sendable {
        public let id: String
        public let storedPath: String
        public let originalPath: RawPath
        public let sha256: String
    }

    /// Test-only fault injection: `VIGIL_TEST_CRASH_AT=<step>` makes the process kill
    /// itself (SIGKILL) at that step, so tests can prove every step is crash-safe.
    public static let crashSteps = ["after-pending", "after-copy", "after-move", "after-unlink", "before-commit"]
    private static let crashAt: String? = getenv("VIGIL_TEST_CRASH_AT").map { String(cString: $0) }
    private static func step(_ name: String) {
        if crashAt == name { kill(getpid(), SIGKILL) }
    }

    public init(directory: String) throws(VigilError) {
        self.directory = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        try makeDirectories(self.directory, mode: 0o700)
        guard chmod(self.directory, 0o700) == 0 else {
            throw VigilError("cannot make \(self.directory) private", cause: .current)
        }
        do {
            var config = Configuration()
            config.busyMode = .timeout(10)
            config.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            db = try DatabaseQueue(path: self.directory + "/quarantine.db", configuration: config)
            try db.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
            var migrator = DatabaseMigrator()
            migrator.registerMigration("v1") { db in
                try db.execute(sql: """
                    CREATE TABLE entries (
                        id TEXT PRIMARY KEY,
                        state TEXT NOT NULL CHECK (state IN ('pending', 'stored')),
                        sha256 TEXT NOT NULL,
                        original_path BLOB NOT NULL,
                        original_dev INTEGER NOT NULL,
                        original_ino INTEGER NOT NULL,
                        size INTEGER NOT NULL,
                        mode INTEGER NOT NULL,
                        uid INTEGER NOT NULL,
                        gid INTEGER NOT NULL,
                        owner TEXT NOT NULL,
                        grp TEXT NOT NULL,
                        atime_sec INTEGER NOT NULL, atime_nsec INTEGER NOT NULL,
                        mtime_sec INTEGER NOT NULL, mtime_nsec INTEGER NOT NULL,
                        mime_type TEXT,
                        reasons TEXT NOT NULL,
                        quarantined_at TEXT NOT NULL,
                        host TEXT NOT NULL,
                        source TEXT NOT NULL
                    );
                    CREATE INDEX entries_sha ON entries(sha256);
                    """)
            }
            try migrator.migrate(db)
        } catch {
            throw VigilError("cannot open the quarantine database in \(self.directory): \(error)")
        }
        _ = try recover()
    }

    // MARK: quarantine

    /// Moves the scanned file into the store. `file` is the descriptor that was scanned:
    /// the path must still name that same inode, or nothing is moved.
    public func quarantine(_ file: OpenFile, path: RawPath, stat st: stat, report: FileReport, source: String = "scan") throws(VigilError) -> Record {
        let sha: String
        if let d = report.sha256 { sha = d.description } else { sha = try sha256(of: file) }
        let id = String(sha.prefix(16)) + "-" + String(wallClockNanos(), radix: 36)
        let stored = directory + "/" + sha
        try requireSameInode(path, as: st)

        let reasons = "[" + report.findings.map { JSONLine.quote("\($0.source.rawValue):\($0.name)") }.joined(separator: ",") + "]"
        do {
            try db.write { db in
                try db.execute(sql: """
                    INSERT INTO entries (id, state, sha256, original_path, original_dev, original_ino, size, mode, uid, gid, owner, grp,
                        atime_sec, atime_nsec, mtime_sec, mtime_nsec, mime_type, reasons, quarantined_at, host, source)
                    VALUES (?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [id, sha, Data(path.bytes), Int64(bitPattern: UInt64(st.st_dev)), Int64(bitPattern: UInt64(st.st_ino)),
                                     Int64(st.st_size), Int64(st.st_mode & 0o7777), Int64(st.st_uid), Int64(st.st_gid),
                                     userName(st.st_uid), groupName(st.st_gid),
                                     Int64(st.st_atim.tv_sec), Int64(st.st_atim.tv_nsec), Int64(st.st_mtim.tv_sec), Int64(st.st_mtim.tv_nsec),
                                     report.mimeType, reasons, isoTimestamp(), hostName(), source])
            }
        } catch {
            throw VigilError("cannot record the quarantine in \(directory): \(error)")
        }
        QuarantineStore.step("after-pending")

        do {
            try move(file, path: path, stat: st, to: stored, id: id)
        } catch {
            // Nothing moved (or it was moved back): drop the pending row.
            _ = try? db.write { db in try db.execute(sql: "DELETE FROM entries WHERE id = ?", arguments: [id]) }
            throw error
        }
        QuarantineStore.step("before-commit")
        do {
            try db.write { db in try db.execute(sql: "UPDATE entries SET state = 'stored' WHERE id = ?", arguments: [id]) }
        } catch {
            // The bytes are stored and the original is gone; recovery completes the row.
            throw VigilError("quarantined \(path) but could not commit its record (recovery will): \(error)")
        }
        let record = Record(id: id, storedPath: stored, originalPath: path, sha256: sha)
        appendEvent(action: "quarantine", id: id, path: path, sha: sha, reasons: report.findings.map(\.name))
        return record
    }

    private func move(_ file: OpenFile, path: RawPath, stat st: stat, to stored: String, id: String) throws(VigilError) {
        var existing = stat()
        if lstat(stored, &existing) == 0 {
            // The same bytes are already stored; this row keeps this copy's origin.
            try requireSameInode(path, as: st)
            guard path.withCString({ unlink($0) }) == 0 else { throw VigilError("cannot remove \(path)", cause: .current) }
            QuarantineStore.step("after-move")
            QuarantineStore.step("after-unlink")
        } else if path.withCString({ p in rename(p, stored) }) == 0 {
            var moved = stat()
            if lstat(stored, &moved) != 0 || moved.st_ino != st.st_ino || moved.st_dev != st.st_dev {
                // Swapped between our check and the rename: put it back.
                _ = path.withCString { p in rename(stored, p) }
                throw VigilError("\(path) was replaced while it was being quarantined; left in place")
            }
            _ = chmod(stored, 0o400)
            syncDirectory(directory)
            QuarantineStore.step("after-move")
        } else if errno == EXDEV {
            try copyIn(file, to: stored, id: id)
            QuarantineStore.step("after-move")
            try requireSameInode(path, as: st)
            guard path.withCString({ unlink($0) }) == 0 else {
                throw VigilError("copied to quarantine but cannot remove \(path)", cause: .current)
            }
            QuarantineStore.step("after-unlink")
        } else {
            throw VigilError("cannot move \(path) to \(stored)", cause: .current)
        }
        if let parent = path.parentDirectory { syncDirectory(parent) }
    }

    private func copyIn(_ file: OpenFile, to stored: String, id: String) throws(VigilError) {
        let tmp = directory + "/.tmp-" + id
        let out = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o400)
        guard out >= 0 else { throw VigilError("cannot create \(tmp)", cause: .current) }
        var ok = false
        defer {
            close(out)
            if !ok { unlink(tmp) }
        }
        try copyBytes(from: file, to: out, what: tmp)
        guard fsync(out) == 0 else { throw VigilError("fsync \(tmp)", cause: .current) }
        QuarantineStore.step("after-copy")
        guard rename(tmp, stored) == 0 else { throw VigilError("cannot rename into \(stored)", cause: .current) }
        ok = true
        syncDirectory(directory)
    }

    // MARK: recovery

    public struct Recovery: Sendable, Equatable {
        public var rolledBack = 0
        public var rolledForward = 0
        public var tempFilesRemoved = 0
    }

    /// Settles rows left `pending` by a crash, and removes half-copied temp files.
    @discardableResult
    public func recover() throws(VigilError) -> Recovery {
        var result = Recovery()
        do {
            let pending = try db.read { db in try Row.fetchAll(db, sql: "SELECT id, sha256, original_path, original_dev, original_ino FROM entries WHERE state = 'pending'") }
            for row in pending {
                let id: String = row["id"]
                let sha: String = row["sha256"]
                let original = RawPath(bytes: Array((row["original_path"] as Data?) ?? Data()))
                let dev = UInt64(bitPattern: row["original_dev"] as Int64)
                let ino = UInt64(bitPattern: row["original_ino"] as Int64)
                var st = stat()
                let originalThere = original.withCString { lstat($0, &st) } == 0 && UInt64(st.st_dev) == dev && UInt64(st.st_ino) == ino
                var sst = stat()
                let storedThere = lstat(directory + "/" + sha, &sst) == 0
                if originalThere || !storedThere {
                    try db.write { db in try db.execute(sql: "DELETE FROM entries WHERE id = ?", arguments: [id]) }
                    // A copy made across filesystems that nobody else refers to goes too;
                    // a same-filesystem rename never happened if the original is still there.
                    if storedThere && !(UInt64(sst.st_dev) == dev && UInt64(sst.st_ino) == ino) {
                        try removeStoredIfUnreferenced(sha)
                    }
                    result.rolledBack += 1
                } else {
                    try db.write { db in try db.execute(sql: "UPDATE entries SET state = 'stored' WHERE id = ?", arguments: [id]) }
                    _ = chmod(directory + "/" + sha, 0o400)
                    result.rolledForward += 1
                }
            }
        } catch let e as VigilError {
            throw e
        } catch {
            throw VigilError("quarantine recovery in \(directory) failed: \(error)")
        }
        if let d = opendir(directory) {
            while let entry = readdir(d) {
                let name = withUnsafeBytes(of: &entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name.hasPrefix(".tmp-") {
                    unlink(directory + "/" + name)
                    result.tempFilesRemoved += 1
                }
            }
            closedir(d)
        }
        return result
    }

    private func removeStoredIfUnreferenced(_ sha: String) throws {
        let count = try db.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entries WHERE sha256 = ?", arguments: [sha]) } ?? 0
        if count == 0 { unlink(directory + "/" + sha) }
    }

    // MARK: list, show, restore, delete

    public func list() throws(VigilError) -> [Entry] {
        do {
            return try db.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM entries WHERE state = 'stored' ORDER BY quarantined_at, id").map(entry)
            }
        } catch {
            throw VigilError("cannot read \(directory)/quarantine.db: \(error)")
        }
    }

    /// The entry whose id is `id` or starts with it (unambiguously).
    public func entry(_ id: String) throws(VigilError) -> Entry {
        let matches = try list().filter { $0.id == id || $0.id.hasPrefix(id) }
        if let exact = matches.first(where: { $0.id == id }) { return exact }
        guard matches.count == 1 else {
            throw VigilError(matches.isEmpty ? "no quarantine entry \(id) in \(directory)" : "\(id) matches \(matches.count) entries; give more of the id")
        }
        return matches[0]
    }

    /// Puts the bytes back with their owner, mode and times. Refuses to replace an
    /// existing file unless `force`.
    public func restore(_ id: String, to target: RawPath? = nil, force: Bool = false) throws(VigilError) -> Entry {
        let e = try entry(id)
        let dest = target ?? e.originalPath
        guard let parent = dest.parentDirectory else { throw VigilError("no folder in \(dest)") }
        let src = open(e.storedPath, O_RDONLY | O_CLOEXEC)
        guard src >= 0 else { throw VigilError("cannot open \(e.storedPath)", cause: .current) }
        let source = OpenFile(adopting: src)
        try makeDirectories(parent, mode: 0o755)
        let tmp = RawPath(parent).appending(Array(".vigil-restore-\(e.id)".utf8))
        let out = tmp.withCString { open($0, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600) }
        guard out >= 0 else { throw VigilError("cannot create a file in \(parent)", cause: .current) }
        var done = false
        defer {
            close(out)
            if !done { _ = tmp.withCString { unlink($0) } }
        }
        try copyBytes(from: source, to: out, what: tmp.description)
        guard fchown(out, e.uid, e.gid) == 0 else { throw VigilError("cannot restore the owner of \(dest)", cause: .current) }
        guard fchmod(out, mode_t(e.mode)) == 0 else { throw VigilError("cannot restore the mode of \(dest)", cause: .current) }
        var times = [e.atime, e.mtime]
        guard futimens(out, &times) == 0 else { throw VigilError("cannot restore the times of \(dest)", cause: .current) }
        guard fsync(out) == 0 else { throw VigilError("fsync \(dest)", cause: .current) }
        let rc = tmp.withCString { t in dest.withCString { d in force ? rename(t, d) : vigil_rename_noreplace(t, d) } }
        guard rc == 0 else {
            if errno == EEXIST { throw VigilError("\(dest) exists; restore with --force to replace it, or --to another path") }
            throw VigilError("cannot restore \(dest)", cause: .current)
        }
        done = true
        syncDirectory(parent)
        try forget(e)
        appendEvent(action: "restore", id: e.id, path: dest, sha: e.sha256, reasons: e.reasons)
        return e
    }

    public func delete(_ id: String) throws(VigilError) -> Entry {
        let e = try entry(id)
        try forget(e)
        appendEvent(action: "delete", id: e.id, path: e.originalPath, sha: e.sha256, reasons: e.reasons)
        return e
    }

    private func forget(_ e: Entry) throws(VigilError) {
        do {
            try db.write { db in try db.execute(sql: "DELETE FROM entries WHERE id = ?", arguments: [e.id]) }
            try removeStoredIfUnreferenced(e.sha256)
        } catch {
            throw VigilError("cannot update \(directory)/quarantine.db: \(error)")
        }
    }

    private func entry(_ row: Row) -> Entry {
        let sha: String = row["sha256"]
        let reasonsText: String = row["reasons"]
        let reasons = reasonsText.dropFirst().dropLast().split(separator: ",").map { String($0.dropFirst().dropLast()) }
        return Entry(
            id: row["id"], state: row["state"], sha256: sha,
            originalPath: RawPath(bytes: Array((row["original_path"] as Data?) ?? Data())),
            size: row["size"], mode: UInt32(row["mode"] as Int64), uid: UInt32(row["uid"] as Int64), gid: UInt32(row["gid"] as Int64),
            owner: row["owner"], group: row["grp"],
            atime: timespec(tv_sec: Int(row["atime_sec"] as Int64), tv_nsec: Int(row["atime_nsec"] as Int64)),
            mtime: timespec(tv_sec: Int(row["mtime_sec"] as Int64), tv_nsec: Int(row["mtime_nsec"] as Int64)),
            mimeType: row["mime_type"], reasons: reasons, quarantinedAt: row["quarantined_at"], host: row["host"],
            source: row["source"], storedPath: directory + "/" + sha)
    }

    // MARK: events

    /// An ECS line for the store's own trail (`events.json`).
    func appendEvent(action: String, id: String, path: RawPath, sha: String, reasons: [String]) {
        let line = QuarantineStore.eventLine(action: action, id: id, path: path, sha: sha, reasons: reasons, store: directory)
        let fd = open(directory + "/events.json", O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        if fd >= 0 {
            writeAllBytes(fd, Array(line.text.utf8) + [10])
            close(fd)
        }
    }

    public static func eventLine(action: String, id: String, path: RawPath, sha: String, reasons: [String], store: String) -> JSONLine {
        var o = JSONLine()
        o.add("@timestamp", isoTimestamp())
        var ev = JSONLine()
        ev.add("kind", "event")
        ev.add("category", ["file", "malware"])
        ev.add("type", [action == "restore" ? "creation" : "deletion"])
        ev.add("action", action)
        ev.add("outcome", "success")
        ev.add("dataset", "vigil.quarantine")
        o.add("event", object: ev)
        o.add("file", object: ECS.file(path, sha256: sha))
        var vigil = JSONLine()
        vigil.add("quarantine_id", id)
        vigil.add("quarantine_store", store)
        vigil.add("rules", reasons)
        o.add("vigil", object: vigil)
        var host = JSONLine()
        host.add("name", hostName())
        o.add("host", object: host)
        return o
    }

    // MARK: helpers

    private func requireSameInode(_ path: RawPath, as st: stat) throws(VigilError) {
        var now = stat()
        guard path.withCString({ lstat($0, &now) }) == 0 else {
            throw VigilError("\(path) vanished before it could be quarantined", cause: .current)
        }
        guard now.st_ino == st.st_ino && now.st_dev == st.st_dev else {
            throw VigilError("\(path) was replaced after it was scanned; left in place")
        }
    }

    private func sha256(of file: OpenFile) throws(VigilError) -> String {
        let digest = MultiDigest()
        digest.start(.sha256)
        var buf = [UInt8](repeating: 0, count: 1 << 20)
        var offset: Int64 = 0
        while true {
            let n: Int
            do { n = try file.read(into: &buf, at: offset) } catch { throw VigilError("cannot read the file to hash it", cause: error) }
            if n == 0 { break }
            buf.withUnsafeBytes { digest.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            offset += Int64(n)
        }
        return digest.finish().sha256!.description
    }
}

/// Copies a whole file through its descriptor into `out`.
func copyBytes(from file: OpenFile, to out: Int32, what: String) throws(VigilError) {
    var buf = [UInt8](repeating: 0, count: 1 << 20)
    var offset: Int64 = 0
    while true {
        let n: Int
        do { n = try file.read(into: &buf, at: offset) } catch { throw VigilError("cannot read the file to copy", cause: error) }
        if n == 0 { break }
        var written = 0
        while written < n {
            let w = buf.withUnsafeBytes { write(out, $0.baseAddress! + written, n - written) }
            if w < 0 { if errno == EINTR { continue }; throw VigilError("cannot write \(what)", cause: .current) }
            written += w
        }
        offset += Int64(n)
    }
}

func userName(_ uid: uid_t) -> String {
    var pwd = passwd()
    var result: UnsafeMutablePointer<passwd>?
    var buf = [CChar](repeating: 0, count: 4096)
    if getpwuid_r(uid, &pwd, &buf, buf.count, &result) == 0, result != nil, let n = pwd.pw_name { return String(cString: n) }
    return String(uid)
}

func groupName(_ gid: gid_t) -> String {
    var grp = group()
    var result: UnsafeMutablePointer<group>?
    var buf = [CChar](repeating: 0, count: 4096)
    if getgrgid_r(gid, &grp, &buf, buf.count, &result) == 0, result != nil, let n = grp.gr_name { return String(cString: n) }
    return String(gid)
}

extension RawPath {
    var parentDirectory: String? {
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        return slash == 0 ? "/" : String(decoding: bytes[..<slash], as: UTF8.self)
    }
}

func makeDirectories(_ path: String, mode: mode_t) throws(VigilError) {
    var st = stat()
    if stat(path, &st) == 0 {
        guard st.isDirectory else { throw VigilError("\(path) exists and is not a directory") }
        return
    }
    if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
        try makeDirectories(String(path[..<slash]), mode: 0o755)
    }
    if mkdir(path, mode) != 0 && errno != EEXIST { throw VigilError("cannot create \(path)", cause: .current) }
}

/// Writes via a temporary file, fsync and rename, so readers see all or nothing.
func writeFileAtomically(_ path: String, contents: String, mode: mode_t) throws(VigilError) {
    let tmp = path + ".tmp"
    let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
    guard fd >= 0 else { throw VigilError("cannot create \(tmp)", cause: .current) }
    writeAllBytes(fd, Array(contents.utf8))
    let ok = fsync(fd) == 0
    close(fd)
    guard ok, rename(tmp, path) == 0 else { let e = Errno.current; unlink(tmp); throw VigilError("cannot write \(path)", cause: e) }
}

func syncDirectory(_ path: String) {
    let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if fd >= 0 { fsync(fd); close(fd) }
}

func wallClockNanos() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
}

/// RFC 3339 UTC with milliseconds, as ECS `@timestamp` expects.
public func isoTimestamp() -> String {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    var t = time_t(ts.tv_sec)
    var tmv = tm()
    gmtime_r(&t, &tmv)
    var buf = [CChar](repeating: 0, count: 32)
    strftime(&buf, buf.count, "%Y-%m-%dT%H:%M:%S", &tmv)
    let ms = Int(ts.tv_nsec / 1_000_000)
    let msText = ms < 10 ? "00\(ms)" : ms < 100 ? "0\(ms)" : "\(ms)"
    return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) + "." + msText + "Z"
}

public func hostName() -> String {
    var buf = [CChar](repeating: 0, count: 256)
    gethostname(&buf, buf.count - 1)
    return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

public func base64(_ bytes: [UInt8]) -> String {
    let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    var out = [UInt8]()
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var i = 0
    while i < bytes.count {
        let b0 = UInt32(bytes[i])
        let b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
        let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
        let v = b0 << 16 | b1 << 8 | b2
        out.append(table[Int(v >> 18 & 63)])
        out.append(table[Int(v >> 12 & 63)])
        out.append(i + 1 < bytes.count ? table[Int(v >> 6 & 63)] : UInt8(ascii: "="))
        out.append(i + 2 < bytes.count ? table[Int(v & 63)] : UInt8(ascii: "="))
        i += 3
    }
    return String(decoding: out, as: UTF8.self)
}
