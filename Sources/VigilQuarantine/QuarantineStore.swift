import CLinux
import Foundation
import GRDB
import GRDBSQLite
import Glibc
import Synchronization
import VigilConfig
import VigilEngine
import VigilEvents
import VigilSystem

/// A root-only folder that takes bad files out of reach, with its records in SQLite.
///
/// Layout: `<dir>/<sha256>` holds the bytes (mode 0400, never executable; one copy per
/// content), `<dir>/quarantine.db` one row per quarantined file, `<dir>/events.json` an
/// ECS line per quarantine, restore and delete. Transient: `.tmp-<id>` a copy being
/// written, `.moving-<id>` an original being moved in from the same filesystem.
///
/// Descriptors, never paths re-resolved later: the folder is opened once (O_NOFOLLOW)
/// and must be ours and private; every file in it is reached through that descriptor.
/// A file is taken from the directory it was found in, by that directory's descriptor
/// and the entry name, and only an entry proven to be the scanned inode after it has
/// been moved somewhere only we can write is ever removed (QuarantineMove.swift).
/// SQLite alone opens by path: the store checks afterwards that the database it opened
/// is the one in the folder it holds.
///
/// Crash safety: a row is committed as `pending` before anything moves, the file is
/// moved, and the row is then marked `stored`. `recover()` (run on every open) settles a
/// pending row by looking at what exists (QuarantineRecovery.swift). A kill at any step
/// leaves the original file or a complete entry, never neither and never a half record.
///
/// Owns: the store folder, its database and event trail. Must not: decide what is bad.
public final class QuarantineStore: Sendable {
    public let directory: String
    /// The store folder, opened once and checked; everything in it is reached through it.
    let folder: OpenDirectory
    let db: DatabaseQueue
    /// Opened to write: its close (a WAL checkpoint) is sealed too.
    let writable: Bool

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
    /// `after-stage`: the original has been renamed somewhere private (the store on the
    /// same filesystem, a staging folder on its own filesystem) but not yet checked.
    public static let crashSteps = ["after-pending", "after-copy", "after-move", "after-stage", "after-unlink", "before-commit"]
    private static let crashAt: String? = getenv("VIGIL_TEST_CRASH_AT").map { String(cString: $0) }
    /// Test seam: called with each step's name on the thread doing the move, so that a
    /// test can play the racer at an exact point (swap a name between check and move).
    let stepHook = Mutex<(@Sendable (String) -> Void)?>(nil)
    func step(_ name: String) {
        if QuarantineStore.crashAt == name { kill(getpid(), SIGKILL) }
        if let hook = stepHook.withLock({ $0 }) { hook(name) }
    }

    public init(directory: String) throws(VigilError) {
        self.directory = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        folder = try QuarantineStore.openFolder(self.directory)
        db = try QuarantineStore.openDatabase(self.directory, in: folder)
        writable = true
        _ = try recover()
        // A new store (or one from before seals) is sealed as found.
        if faccessat(folder.fd, QuarantineStore.sealName, F_OK, 0) != 0 { seal() }
    }

    /// Opens an existing store to read it (`list`, `show`): nothing is created, chmodded,
    /// migrated or recovered, and SQLite opens the database read-only. A store that is
    /// not there is an error, not a new store.
    public init(readingOnly directory: String) throws(VigilError) {
        let dir = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        self.directory = dir
        let f: OpenDirectory
        do {
            f = OpenDirectory(adopting: try sysCall { open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }, path: RawPath(dir))
        } catch {
            throw VigilError(error.code == ENOENT ? "no quarantine store at \(dir)" : "cannot open the quarantine folder \(dir)", cause: error)
        }
        guard faccessat(f.fd, "quarantine.db", F_OK, 0) == 0 else { throw VigilError("no quarantine store at \(dir) (no quarantine.db)") }
        guard HeldFolderVFS.isDefault else { throw VigilError("cannot open the quarantine database in \(dir): SQLite would not take the store's VFS") }
        do {
            var config = Configuration()
            config.readonly = true
            config.busyMode = .timeout(10)
            db = try DatabaseQueue(path: HeldFolderVFS.path(of: "quarantine.db", in: f), configuration: config)
        } catch {
            throw VigilError("cannot read \(dir)/quarantine.db: \(error)")
        }
        folder = f
        writable = false
    }

    // MARK: the folder and the database

    /// Creates the store folder if needed and opens it without following a symbolic
    /// link. It must belong to us and be writable by nobody else: whoever can write it
    /// could plant records or swap stored files.
    static func openFolder(_ dir: String) throws(VigilError) -> OpenDirectory {
        if let slash = dir.lastIndex(of: "/"), slash != dir.startIndex {
            try makeDirectories(String(dir[..<slash]), mode: 0o755)
        }
        do { _ = try sysCall { mkdir(dir, 0o700) } } catch let e where e.code == EEXIST { _ = e } catch {
            throw VigilError("cannot create the quarantine folder \(dir)", cause: error)
        }
        let f: OpenDirectory
        do {
            f = OpenDirectory(adopting: try sysCall { open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }, path: RawPath(dir))
        } catch {
            if error.code == ELOOP || error.code == ENOTDIR {
                throw VigilError("the quarantine folder \(dir) is a symbolic link or not a folder; refusing it", cause: error)
            }
            throw VigilError("cannot open the quarantine folder \(dir)", cause: error)
        }
        let st: stat
        do { st = try f.stat() } catch { throw VigilError("cannot stat the quarantine folder \(dir)", cause: error) }
        guard st.st_uid == geteuid() else {
            throw VigilError("the quarantine folder \(dir) belongs to uid \(st.st_uid), not to us (uid \(geteuid())); refusing it: its owner could plant or swap entries")
        }
        guard st.st_mode & 0o022 == 0 else {
            throw VigilError("the quarantine folder \(dir) is writable by others (mode \(String(st.st_mode & 0o7777, radix: 8))); check what is in it, then chmod 700 it")
        }
        if st.st_mode & 0o7777 != 0o700 {
            do { _ = try sysCall { fchmod(f.fd, 0o700) } } catch { throw VigilError("cannot make \(dir) private", cause: error) }
        }
        return f
    }

    /// Opens the database through the folder we hold: SQLite is given
    /// `/proc/self/fd/<folder>/quarantine.db`, which the kernel resolves through our
    /// descriptor every time (also for the WAL and shared-memory files), and the store's
    /// VFS keeps SQLite from turning that into a path string first (HeldFolderVFS).
    static func openDatabase(_ dir: String, in folder: OpenDirectory) throws(VigilError) -> DatabaseQueue {
        guard HeldFolderVFS.isDefault else {
            throw VigilError("cannot open the quarantine database in \(dir): SQLite would not take the store's VFS")
        }
        let db: DatabaseQueue
        do {
            var config = Configuration()
            config.busyMode = .timeout(10)
            config.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                // Keep the WAL file when the last connection closes (no unlink by name).
                var on: Int32 = 1
                _ = sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_PERSIST_WAL, &on)
            }
            db = try DatabaseQueue(path: HeldFolderVFS.path(of: "quarantine.db", in: folder), configuration: config)
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
            // Where a pending move took its file from and where it parked it, so that
            // recovery can act on verified folders instead of re-resolving a path.
            migrator.registerMigration("v2-moves") { db in
                try db.execute(sql: """
                    CREATE TABLE moves (
                        id TEXT PRIMARY KEY,
                        parent_dev INTEGER NOT NULL, parent_ino INTEGER NOT NULL,
                        stage_path BLOB, stage_dev INTEGER, stage_ino INTEGER
                    );
                    """)
            }
            try migrator.migrate(db)
        } catch {
            throw VigilError("cannot open the quarantine database in \(dir): \(error)")
        }
        return db
    }

    // The connection goes before the folder descriptor its path goes through.
    deinit {
        try? db.close()
        // Closing the last connection checkpoints the WAL into the file: seal what it left.
        if writable { seal() }
    }

    // MARK: list, show, delete

    public func list() throws(VigilError) -> [Entry] {
        do {
            return try db.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM entries WHERE state = 'stored' ORDER BY quarantined_at, id").map(entry)
            }
        } catch {
            throw VigilError("cannot read \(directory)/quarantine.db: \(error)")
        }
    }

    /// Moves committed as pending and not settled: under way, or cut by a crash until the
    /// next read-write open (a scan, a restore, `vigil quarantine recover`, the daemon).
    public func pendingCount() throws(VigilError) -> Int {
        do {
            return try db.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entries WHERE state = 'pending'") } ?? 0
        } catch {
            throw VigilError("cannot read \(directory)/quarantine.db: \(error)")
        }
    }

    /// What an id or id prefix names in this store.
    public enum Lookup: Sendable {
        case found(Entry)
        case missing
        /// A prefix of several ids (they are listed, so the caller can say which).
        case ambiguous([String])
    }

    public func lookup(_ id: String) throws(VigilError) -> Lookup {
        guard !id.isEmpty else { return .missing }
        let matches = try list().filter { $0.id.hasPrefix(id) }
        if let exact = matches.first(where: { $0.id == id }) { return .found(exact) }
        switch matches.count {
        case 0: return .missing
        case 1: return .found(matches[0])
        default: return .ambiguous(matches.map(\.id))
        }
    }

    /// The entry whose id is `id` or starts with it (unambiguously).
    public func entry(_ id: String) throws(VigilError) -> Entry {
        switch try lookup(id) {
        case .found(let e): return e
        case .missing: throw VigilError("no quarantine entry \(id) in \(directory)")
        case .ambiguous(let ids):
            throw VigilError("\(id) is the start of \(ids.count) entries in \(directory) (\(ids.prefix(5).joined(separator: ", "))\(ids.count > 5 ? ", ..." : "")); give more of the id")
        }
    }

    public func delete(_ id: String) throws(VigilError) -> Entry {
        let e = try entry(id)
        try forget(e)
        appendEvent(action: "delete", id: e.id, path: e.originalPath, sha: e.sha256, reasons: e.reasons)
        return e
    }

    /// Retention: removes what `retention` plans at `now` (QuarantineRetention), oldest
    /// first, each with a `purge` line in the trail; with `dryRun`, only says what would
    /// go. Returns each removal with its entry.
    public func prune(_ retention: QuarantineRetention, now: Double, dryRun: Bool) throws(VigilError) -> [(Entry, QuarantineRetention.Removal)] {
        guard !retention.isUnlimited else { return [] }
        let entries = try list()
        let byID = Dictionary(entries.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let plan = retention.plan(entries.map {
            QuarantineRetention.Candidate(id: $0.id, sha256: $0.sha256, size: $0.size, quarantinedAt: parseRFC3339($0.quarantinedAt))
        }, now: now)
        var done: [(Entry, QuarantineRetention.Removal)] = []
        for removal in plan.removals {
            guard let e = byID[removal.id] else { continue }
            if !dryRun {
                try forget(e)
                appendEvent(action: "purge", id: e.id, path: e.originalPath, sha: e.sha256, reasons: e.reasons,
                            detail: "retention \(removal.reason.rawValue)")
            }
            done.append((e, removal))
        }
        return done
    }

    func forget(_ e: Entry) throws(VigilError) {
        do {
            try writeSealed { db in try db.execute(sql: "DELETE FROM entries WHERE id = ?", arguments: [e.id]) }
            try removeStoredIfUnreferenced(e.sha256)
        } catch {
            throw VigilError("cannot update \(directory)/quarantine.db: \(error)")
        }
    }

    /// Drops the stored bytes once no row needs them (through the folder descriptor).
    func removeStoredIfUnreferenced(_ sha: String) throws {
        let count = try db.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entries WHERE sha256 = ?", arguments: [sha]) } ?? 0
        if count == 0 { try? folder.remove(RawPath(sha)) }
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

    /// An ECS line for the store's own trail (`events.json`, opened through the folder).
    func appendEvent(action: String, id: String, path: RawPath, sha: String, reasons: [String], detail: String? = nil) {
        var event = ECSEvent.quarantine(action: action, id: id, originalPath: path, sha256: sha, reasons: reasons, store: directory)
        event.message = detail
        let line = event.render()
        guard let fd = try? sysCall({ openat(folder.fd, "events.json", O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600) }) else { return }
        writeAllBytes(fd, Array(line.text.utf8) + [10])
        close(fd)
    }

    public static func eventLine(action: String, id: String, path: RawPath, sha: String, reasons: [String], store: String) -> JSONLine {
        ECSEvent.quarantine(action: action, id: id, originalPath: path, sha256: sha, reasons: reasons, store: store).render()
    }

    // MARK: helpers

    /// `path` joined to the working directory when relative (lexically: `.` dropped,
    /// `..` kept, since resolving it without the filesystem could name another file).
    static func absolute(_ path: RawPath) -> RawPath {
        if path.bytes.first == UInt8(ascii: "/") { return path }
        var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buf, buf.count) != nil else { return path }
        let cwd = RawPath(bytes: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) })
        return ECSFile(path: path).absolutePath(cwd)
    }

    func sha256(of file: OpenFile) throws(VigilError) -> String {
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

/// Copies a whole file through its descriptor into `out`, feeding `digest` if given.
func copyBytes(from file: OpenFile, to out: Int32, what: String, digest: MultiDigest? = nil) throws(VigilError) {
    var buf = [UInt8](repeating: 0, count: 1 << 20)
    var offset: Int64 = 0
    while true {
        let n: Int
        do { n = try file.read(into: &buf, at: offset) } catch { throw VigilError("cannot read the file to copy", cause: error) }
        if n == 0 { break }
        if let digest { buf.withUnsafeBytes { digest.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) } }
        var written = 0
        while written < n {
            do {
                let done = written
                written += try sysCall { buf.withUnsafeBytes { write(out, $0.baseAddress! + done, n - done) } }
            } catch {
                throw VigilError("cannot write \(what)", cause: error)
            }
        }
        offset += Int64(n)
    }
}
