import CLinux
import Glibc
import Synchronization
import VigilEvents
import VigilSystem

/// One version of one file: any write, truncate, chmod or replacement changes it, and a
/// reload (new rules) changes the generation.
struct FileVersion: Hashable, Sendable {
    let dev: UInt64, ino: UInt64, size: Int64
    let mtime: Int64, mtimeNanos: Int, ctime: Int64, ctimeNanos: Int
    let generation: Int

    init(_ st: stat, generation: Int) {
        dev = UInt64(st.st_dev); ino = UInt64(st.st_ino); size = Int64(st.st_size)
        mtime = Int64(st.st_mtim.tv_sec); mtimeNanos = st.st_mtim.tv_nsec
        ctime = Int64(st.st_ctim.tv_sec); ctimeNanos = st.st_ctim.tv_nsec
        self.generation = generation
    }

    var inode: Inode { Inode(dev: dev, ino: ino) }
}

struct Inode: Hashable, Sendable {
    let dev: UInt64, ino: UInt64
}

/// Remembered verdicts, so a file is read once per version, not once per open.
///
/// - Clean files opened for reading: a kernel ignore mark on the inode (`FAN_MARK_IGNORE
///   | FAN_MARK_EVICTABLE`): later opens never leave the kernel. The kernel drops the
///   mark on `write(2)`; it does not on writes through a shared mapping or Linux AIO. So
///   a mark is placed only when nobody holds the file open for writing (a read-lease
///   probe), and every close of a written file (`FAN_CLOSE_WRITE`, which the kernel sends
///   when the last writer, mapping included, lets go) drops it again.
/// - Executions are never answered by the kernel cache: each exec reaches us and is
///   answered from the version cache below. The writer's close event reaches us before
///   the exec's permission event (one queue, in order), so an exec after an AIO or
///   mapped write is always rescanned.
/// - `strict` (limits.cache = "strict"): no ignore marks at all; opens are answered from
///   the version cache too, and only while nobody writes the file.
/// - Denied versions: a deny cache, so a known-bad file is not read again on every open.
/// - Rule sets (issue 17): workloads with rules of their own scan with another rule set
///   than the host. Every remembered verdict is per set (set 0 is the host's), and the
///   kernel ignore mark — per inode, blind to who opens — is placed only once the
///   version was judged clean under every set: a file cleared under the host's rules is
///   never cleared by the kernel for a workload whose extra rules would match it. The
///   worker that cleared it under one set scans it under the others right after its
///   answer (PermissionJudge.completeSets), so the mark comes one scan per extra set
///   later, paid once per file version and never by a waiting opener. The alternative,
///   scanning every miss with the union of all sets and filtering findings per
///   workload, needs to know which set each rule came from; per-set verdicts keep the
///   sets independent. Audit answers are never remembered clean (Decision), whoever
///   opened.
///
/// Owns: the ignore marks and the version caches. Must not: decide verdicts.
final class VerdictCache: Sendable {
    enum Mode: String, Sendable { case off, kernel, strict }

    enum Remembered: Sendable, Equatable {
        case clean
        /// Judged from the head and tail windows of an oversize file (allowed by policy).
        case partial
        /// Known bad: the rules that matched and the file's SHA-256, so that a deny
        /// answered from the cache says what the first deny of this version said.
        case bad([ECSRule], sha256: String?)
    }

    let mode: Mode
    private let stats: OnAccessStats
    private let group: FanotifyGroup
    private struct MarkState {
        var flags: Fanotify.MarkFlags = [.add, .ignore, .evictable]
        var generation = 1
        /// The inodes given a kernel ignore mark (the kernel may evict some): the
        /// self-audit tells ours from an attacker's by them. Sharded: an insert on the
        /// event thread never rehashes the whole table (ShardedTable).
        var placed = ShardedTable<Inode, Void>(shardOf: { Int(truncatingIfNeeded: $0.ino) })
    }
    /// Past this many kernel marks, clean files are remembered in the version cache only.
    static let placedLimit = 1 << 20
    /// Serialises mark additions against reloads, so no mark made with old rules
    /// survives the flush a reload does.
    private let marks = Mutex(MarkState())
    private struct Versions {
        var byInode = ShardedTable<SetInode, (FileVersion, Remembered)>(shardOf: { Int(truncatingIfNeeded: $0.inode.ino) })
    }
    private struct SetInode: Hashable {
        let inode: Inode
        let set: Int
    }
    /// How many rule sets are in use (1 without workload rules).
    let sets: Int
    private let versions = Mutex(Versions())
    private static let versionLimit = 65536
    /// Vigil's own folders: ignored for good (see `protectOwn`).
    private let own: [String]

    init(group: FanotifyGroup, mode: Mode, ownFolders: [String], stats: OnAccessStats, sets: Int = 1) {
        self.sets = max(1, sets)
        self.group = group
        self.stats = stats
        self.mode = mode
        own = ownFolders
    }

    var generation: Int { marks.withLock { $0.generation } }
    /// Run before every flush of the group's inode marks (which takes marks of others too).
    private let flushHooks = Mutex<[@Sendable () -> Void]>([])
    func beforeFlush(_ hook: @escaping @Sendable () -> Void) { flushHooks.withLock { $0.append(hook) } }
    /// The inodes with a kernel ignore mark of ours (see MarkState.placed), as shards to
    /// iterate outside the lock (taking them copies nothing).
    var placedMarks: [[Inode: Void]] { marks.withLock { $0.placed.snapshot } }
    /// The folders `protectOwn` ignores, and the mask it ignores there.
    var ownFolders: [String] { own }
    static let ownIgnoreMask: Fanotify.Events = [.openPerm, .closeWrite, .eventOnChild, .onDir]

    // MARK: Vigil's own files

    /// Ignore marks that survive modification on Vigil's own folders (state, quarantine
    /// stores, log): no event — and so no event fd — for a file in them ever reaches the
    /// daemon. That matters beyond speed: closing any descriptor of a file drops every
    /// POSIX lock the process holds on it, and SQLite's locks on quarantine.db are POSIX
    /// locks. Exec events stay on, so nothing can be run from there unseen.
    func protectOwn() -> [String] {
        var failed: [String] = []
        for dir in own {
            do throws(Errno) {
                // Close-write too: a reader's close of the database would hand us an fd
                // for it as surely as an open.
                try group.mark([.add, .ignore, .ignoredSurviveModify], VerdictCache.ownIgnoreMask, path: dir)
            } catch {
                failed.append("\(dir): \(error)")
            }
        }
        return failed
    }

    // MARK: lookups

    func remembered(_ st: stat, set: Int = 0) -> Remembered? {
        let v = FileVersion(st, generation: generation)
        let hit: Remembered? = versions.withLock { s in
            guard let entry = s.byInode[SetInode(inode: v.inode, set: set)], entry.0 == v else { return nil }
            return entry.1
        }
        if hit != nil { stats.cacheVersionHits.add(1, ordering: .relaxed); stats.metrics.recordCacheHit(.version) }
        return hit
    }

    /// True when the version cache may answer an event on `fd`: exec (always, when the
    /// cache is on) or any open in strict mode, and nobody writes the file right now.
    func mayAnswerFromVersions(exec: Bool, fd: Int32) -> Bool {
        guard mode != .off, exec || mode == .strict else { return false }
        return vigil_has_writers(fd) == 0
    }

    // MARK: remembering

    func remember(_ st: stat, _ what: Remembered, generation: Int, set: Int = 0) {
        let v = FileVersion(st, generation: generation)
        versions.withLock { s in
            if s.byInode.count >= VerdictCache.versionLimit { s.byInode.removeAll(keepingCapacity: true) }
            s.byInode[SetInode(inode: v.inode, set: set)] = (v, what)
        }
    }

    /// The rule sets (other than `set`) that have not judged this version clean yet.
    func setsNotClean(_ st: stat, generation: Int, besides set: Int) -> [Int] {
        guard sets > 1 else { return [] }
        let v = FileVersion(st, generation: generation)
        return versions.withLock { s in
            (0..<sets).filter { t in
                guard t != set, let e = s.byInode[SetInode(inode: v.inode, set: t)], e.0 == v, e.1 == .clean else { return t != set }
                return false
            }
        }
    }

    /// Remembers a clean verdict for `fd` (the event fd; `seen` its fstat at the event)
    /// under rule set `set`; the kernel mark follows once every set judged it clean.
    func rememberClean(fd: Int32, stat seen: stat, generation: Int, set: Int = 0) {
        guard mode != .off else { return }
        remember(seen, .clean, generation: generation, set: set)
        guard mode == .kernel else { return }
        guard setsNotClean(seen, generation: generation, besides: set).isEmpty else { return }
        // Writers now (a write fd, or a shared writable mapping): their writes may never
        // clear a kernel mark. Leave it to the version cache and the close event. Without
        // them, the read lease is held until the mark is placed and the version checked:
        // the kernel holds back every open for writing meanwhile (a few microseconds), so
        // no writer can appear in between (one probe instead of two, issue 14).
        if vigil_hold_read_lease(fd) != 0 {
            stats.cacheSkippedWriters.add(1, ordering: .relaxed)
            return
        }
        defer { vigil_release_lease(fd) }
        marks.withLock { m in
            guard m.generation == generation, m.placed.count < VerdictCache.placedLimit else { return }
            var flags = m.flags
            while true {
                do throws(Errno) {
                    try group.mark(flags, [.openPerm], dirfd: fd, path: nil)
                    break
                } catch {
                    if error.code == EINVAL && flags.contains(.evictable) {
                        flags.remove(.evictable)          // before 5.19
                    } else if error.code == EINVAL && flags.contains(.ignore) {
                        flags = [.add, .ignoredMask]      // before 6.0
                    } else if error.code == ENOSPC {
                        stats.cacheFull.add(1, ordering: .relaxed) // cache full: correct, just slower
                        return
                    } else {
                        return
                    }
                }
            }
            m.flags = flags
            // A write that landed between our read and the lease (its writer gone by
            // then) would not have cleared the mark: if the file changed since the
            // event, forget the verdict. No writer can come while the lease is held.
            var now = stat()
            if fstat(fd, &now) != 0 || FileVersion(now, generation: generation) != FileVersion(seen, generation: generation) {
                removeMark(fd: fd, flags: flags)
                stats.cacheRaced.add(1, ordering: .relaxed)
                return
            }
            m.placed[Inode(dev: UInt64(seen.st_dev), ino: UInt64(seen.st_ino))] = ()
            stats.cacheMarks.add(1, ordering: .relaxed)
        }
    }

    // MARK: forgetting

    /// A writer closed the file behind `fd` (FAN_CLOSE_WRITE): whatever it wrote, through
    /// write(2), a mapping or AIO, the next open and exec are scanned.
    func invalidate(fd: Int32) {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return }
        let inode = Inode(dev: UInt64(st.st_dev), ino: UInt64(st.st_ino))
        let dropped = versions.withLock { s in
            (0..<sets).reduce(false) { d, t in s.byInode.removeValue(forKey: SetInode(inode: inode, set: t)) != nil || d }
        }
        if mode == .kernel {
            let flags = marks.withLock { $0.flags }
            removeMark(fd: fd, flags: flags)
            marks.withLock { _ = $0.placed.removeValue(forKey: inode) }
        }
        if dropped { stats.cacheInvalidated.add(1, ordering: .relaxed); stats.metrics.recordCacheEviction(.version) }
    }

    private func removeMark(fd: Int32, flags: Fanotify.MarkFlags) {
        var remove = flags
        remove.remove(.add)
        remove.remove(.evictable)
        remove.insert(.remove)
        try? group.mark(remove, [.openPerm], dirfd: fd, path: nil)
    }

    /// New rules: every remembered verdict is stale. Returns the new generation.
    @discardableResult
    func flush(andThen body: (Int) -> Void = { _ in }) -> Int {
        let hooks = flushHooks.withLock { $0 }
        let gen = marks.withLock { m -> Int in
            m.generation += 1
            // The folder marks (UnguardedFolders) go with the flush: their records first.
            for h in hooks { h() }
            // FLUSH drops every inode mark of the group, our own folders' too: put those
            // back at once (a file of ours opened in between costs one event, no more).
            try? group.mark([.flush], [], path: nil)
            m.placed.removeAll()
            _ = protectOwn()
            body(m.generation)
            return m.generation
        }
        versions.withLock { $0.byInode.removeAll() }
        return gen
    }
}
