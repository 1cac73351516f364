import CLinux
import Glibc
import Synchronization
import VigilSystem

/// Pure: whether a folder outside every guarded folder may be ignored for good
/// (UnguardedFolders), from the folders above it.
///
/// The kernel weighs an ignore mark on a folder (FAN_MARK_IGNORE with FAN_EVENT_ON_CHILD)
/// against the folder the opener's path goes through, so a file renamed or hard-linked
/// into a guarded folder is asked about there at once: its new parent has no such mark.
/// What keeps the mark is the folder itself, moved whole (or with a folder above it)
/// into a guarded folder. Renaming a folder takes write permission on the folder above
/// it (and, where that one is sticky, owning one of the two), so a folder is ignored only
/// when no user but root could rename it or any folder above it, up to the root of its
/// filesystem: no unprivileged uploader can move it. A move by root (or a change of those
/// permissions) is seen by the watch group and drops the marks (UnguardedFolders.watchMask).
public enum FolderIgnore {
    /// A folder on the way up: its owner, mode and whether it has an access ACL (which
    /// can grant write to others whatever the mode says).
    public struct Folder: Sendable, Equatable {
        public var uid: UInt32
        public var mode: UInt32
        public var acl: Bool
        public init(uid: UInt32, mode: UInt32, acl: Bool = false) {
            self.uid = uid
            self.mode = mode
            self.acl = acl
        }

        /// Someone but root may add or remove its entries (write by group or others, or an ACL).
        var writableByOthers: Bool { mode & 0o022 != 0 || acl }
        var sticky: Bool { mode & UInt32(S_ISVTX) != 0 }
    }

    public enum Refusal: String, Sendable, Equatable {
        case movableByOthers = "movable-by-others"  // someone but root can rename it or a folder above it
        case unknownRoot = "unknown-root"            // the walk did not end at the filesystem's root
    }

    /// Whether someone but root can rename `folder`, an entry of `parent`: the owner of
    /// the parent can, and so can anyone who may write to it, unless the parent is sticky
    /// and both are root's (the sticky bit leaves renaming to the entry's and the
    /// folder's owners: /tmp, /var/tmp).
    public static func movableByOthers(_ folder: Folder, in parent: Folder) -> Bool {
        if parent.uid != 0 { return true }
        guard parent.writableByOthers else { return false }
        return !(parent.sticky && folder.uid == 0)
    }

    /// nil: the folder may be ignored. `chain`: the folder, then each folder above it up
    /// to and including the root of its filesystem; `reachedRoot`: the walk ended there.
    public static func refusal(chain: [Folder], reachedRoot: Bool) -> Refusal? {
        guard reachedRoot, !chain.isEmpty else { return .unknownRoot }
        for i in chain.indices.dropLast() where movableByOthers(chain[i], in: chain[i + 1]) { return .movableByOthers }
        return nil
    }

    /// After a change of owner, mode or ACL on a folder of a chain that was accepted: the
    /// folder is still root's and closed to others, or sticky: what could make it or an
    /// entry of it movable by someone else has not happened (a folder's own owner is
    /// weighed when its parent changes, or it does).
    public static func stillClosed(_ f: Folder) -> Bool {
        f.uid == 0 && (!f.writableByOthers || f.sticky)
    }
}

/// Ignore marks for folders outside the guarded folders on a guarded filesystem (issue
/// 14, item 1): the first open of a file in such a folder is answered at once, as before,
/// and then the folder is marked so the kernel stops asking about its files: an
/// unguarded open costs one round trip on first sight, then nothing.
///
/// Why it cannot open a way around the scan:
/// - The marks are on folders, not files: a file renamed or hard-linked into a guarded
///   folder is opened through its new parent, which has no mark (FolderIgnore).
/// - A folder is marked only when nobody but root can move it or any folder above it.
/// - Every marked folder and every folder above it carries a watch (FAN_MOVE_SELF,
///   FAN_ATTRIB) in a group of its own: a move, chmod, chown or ACL change there drops
///   every folder mark; a move is also logged as a warning, with where the folder went.
///   The watches above a marked folder hold their folders in the inode cache: the kernel
///   may evict a folder above one whose inode it keeps (a folder whose dentry is gone
///   stays in the inode cache), and that folder read back would carry no watch, so its
///   move would go unseen while the folder below kept its mark. A drop releases them.
/// - A filesystem with a part shown inside a guarded folder through a mount (any
///   namespace) gets no folder marks, and loses them when such a mount appears.
/// - Folders holding the liveness probe or Vigil's own files are never marked here.
/// - The marks are evictable (the kernel drops them with the folder's inode) and the
///   verdict cache's flush (reload, repair) takes them too; either way they are placed
///   again on the next open.
///
/// Owns: the folder marks, their watches and the thread that places and drops them.
/// Must not: answer events (the event thread offers folders after answering).
final class UnguardedFolders: Service {
    /// The ignore mask: opens and execs of the folder's entries.
    static let mask: Fanotify.Events = [.openPerm, .openExecPerm, .eventOnChild]
    static let markFlags: Fanotify.MarkFlags = [.add, .ignore, .evictable, .ignoredSurviveModify]
    /// What drops every folder mark: a watched folder moved, or its owner, mode or ACL changed.
    static let watchMask: Fanotify.Events = [.moveSelf, .attrib, .onDir]
    /// Offers waiting for the thread; more are dropped (offered again later).
    static let queueLimit = 4096
    /// A folder deeper than this is not marked.
    static let depthLimit = 256
    /// Folder marks kept at most: past this, all are dropped and placed again as opens
    /// come. The kernel drops an evictable mark with its folder's inode without telling,
    /// so the records of removed and evicted folders would otherwise only grow. The same
    /// bound holds for the folders above them that the watches pin in memory.
    static let recordLimit = 65_536

    struct Offer: Sendable {
        let path: RawPath
        let dev: UInt64
        let ino: UInt64
    }

    struct Key: Hashable, Sendable {
        let dev: UInt64, ino: UInt64

        /// The folder behind `fd`, nil when fstat fails.
        static func of(_ fd: Int32) -> Key? {
            var st = stat()
            guard fstat(fd, &st) == 0 else { return nil }
            return Key(dev: UInt64(st.st_dev), ino: UInt64(st.st_ino))
        }
    }

    private struct Placed {
        /// The folder's file handle and the descriptor of a mount it decodes through.
        let handle: [UInt8]
        let mountFD: Int32
    }

    private struct State {
        var queue: [Offer] = []
        /// Filesystems with a part shown inside a guarded folder; nil until the mount
        /// watcher's first sweep (nothing is marked before).
        var exposed: Set<UInt64>?
        var exposureChanged = false
    }

    private let group: FanotifyGroup
    private let guards: GuardMap
    private let log: OnAccessLog
    private let stats: OnAccessStats
    /// Files whose folders are never marked here (the liveness probes), as paths: read
    /// when deciding.
    private let keepAsking: @Sendable () -> [String]
    private let watch: FanotifyGroup?
    /// Guard mounts whose root is their filesystem's root: mount id -> (dev, fd).
    private let rootMounts: [UInt64: (dev: UInt64, fd: Int32)]
    private let state = Mutex(State())
    /// Every folder mark placed and not yet dropped, and those dropped in the last few
    /// seconds. Held across each placement and each drop, and the self-audit reads the
    /// kernel's marks before these: a mark it saw is one it is told of, also when it was
    /// removed in between.
    private struct Marks {
        var placed: [Key: Placed] = [:]
        /// Folders above marked folders, watched and pinned until the next drop.
        var pinned = Set<Key>()
        var dropped = Set<Key>()
        var droppedUntil: UInt64 = 0

        mutating func forget() {
            dropped = Set(placed.keys)
            droppedUntil = monotonicNanos() + 5_000_000_000
            placed.removeAll()
        }
    }
    private let marks = Mutex(Marks())
    /// Bumped whenever marks are dropped: the event thread forgets which folders it offered.
    let epoch = Atomic<Int>(0)
    let enabled: Bool
    private let wake: EventFD
    private let stopSignal: EventFD
    private let thread = ThreadGroup()

    init(group: FanotifyGroup, guards: GuardMap, log: OnAccessLog, stats: OnAccessStats, enabled: Bool,
         keepAsking: @escaping @Sendable () -> [String]) throws(VigilError) {
        self.group = group
        self.guards = guards
        self.log = log
        self.stats = stats
        self.keepAsking = keepAsking
        wake = try EventFD()
        stopSignal = try EventFD()
        watch = enabled ? try? FanotifyGroup(flags: [.cloexec, .nonblock, Fanotify.InitFlags(rawValue: UInt32(VIGIL_FAN_REPORT_FID))],
                                             eventFlags: O_RDONLY | O_CLOEXEC) : nil
        self.enabled = enabled && watch != nil
        let table = MountInfo.parse(readWholeFile("/proc/self/mountinfo") ?? [])
        var roots: [UInt64: (dev: UInt64, fd: Int32)] = [:]
        for m in guards.mounts where table.contains(where: { UInt64($0.id) == m.mountID && $0.root == [UInt8(ascii: "/")] }) {
            roots[m.mountID] = (m.dev, m.fd)
        }
        rootMounts = roots
    }

    func start() throws(VigilError) {
        guard enabled else { return }
        thread.spawn("vigil-unguarded") { [self] in run() }
    }

    /// Ends the thread. The marks go with the group's flush when the service stops
    /// (GuardMarks.stop), like every other inode mark of the group.
    func stop() {
        guard enabled else { return }
        stopSignal.signal()
        thread.joinAll()
    }

    /// Folders marked now.
    var count: Int { marks.withLock { $0.placed.count } }

    /// The marked folders (and those dropped a moment ago), for the self-audit.
    var marked: Set<Key> {
        marks.withLock { m in
            var keys = Set(m.placed.keys)
            if monotonicNanos() < m.droppedUntil { keys.formUnion(m.dropped) }
            return keys
        }
    }

    // MARK: called by others

    /// The event thread answered an open of `path` as unguarded: its folder may be marked.
    /// Never blocks; the event thread offers each folder once per epoch.
    func offer(_ o: Offer) {
        let first = state.withLock { s -> Bool in
            guard s.queue.count < UnguardedFolders.queueLimit else { return false }
            s.queue.append(o)
            return s.queue.count == 1
        }
        if first { wake.signal() }
    }

    /// The mount watcher's latest view of which filesystems show outside parts inside a
    /// guarded folder.
    func exposure(_ devs: Set<UInt64>) {
        let changed = state.withLock { s -> Bool in
            let grown = s.exposed.map { !devs.isSubset(of: $0) } ?? false
            s.exposed = devs
            s.exposureChanged = s.exposureChanged || grown
            return grown
        }
        if changed { wake.signal() }
    }

    /// The verdict cache is about to flush every inode mark of the group (ours too):
    /// forget them first (the self-audit still knows them for a few seconds), and have
    /// the event thread offer their folders again.
    func flushing() {
        marks.withLock { $0.forget() }
        epoch.add(1, ordering: .releasing)
        stats.folderIgnores.store(0, ordering: .relaxed)
    }

    // MARK: the thread

    private func run() {
        guard let watch else { return }
        var fds = [readable(wake.fd), readable(watch.fd), readable(stopSignal.fd)]
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 16 * 1024, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            // No timeout: an idle daemon does not wake this thread.
            guard (try? pollDescriptors(&fds, timeoutMillis: -1)) != nil else { return }
            if fds[2].revents != 0 { return }
            if fds[1].revents != 0 { watched(watch, buffer) }
            if fds[0].revents != 0 {
                _ = wake.drain()
                let (offers, grown) = state.withLock { s -> ([Offer], Bool) in
                    defer { s.queue.removeAll(keepingCapacity: true); s.exposureChanged = false }
                    return (s.queue, s.exposureChanged)
                }
                if grown {
                    dropAll()
                    log.note("warning", "a mount shows a folder from outside the guarded folders inside one: every unguarded folder is asked about again, and none of that filesystem is ignored while the mount exists")
                }
                for o in offers { place(o) }
            }
        }
    }

    /// A watched folder moved or changed: every folder mark goes (they are placed again
    /// on the next opens). A move is a warning: it is how a folder Vigil ignored would be
    /// brought into a guarded folder. A change that leaves the folder root's and closed to
    /// others (a touch, a chmod 755 to 700) or a folder that is gone (removed) drops
    /// nothing.
    private func watched(_ watch: FanotifyGroup, _ buffer: UnsafeMutableRawBufferPointer) {
        var moved: [String] = []
        var drop = false
        while let batch = try? watch.read(into: buffer), !batch.events.isEmpty {
            for e in batch.events {
                if e.fd >= 0 { close(e.fd) }
                if e.mask.contains(.queueOverflow) {
                    drop = true
                    moved.append("(events lost: the watch queue overflowed)")
                    continue
                }
                let handle = batch.fileHandle(of: e)
                if e.mask.contains(.moveSelf) {
                    drop = true
                    moved.append(describe(handle) + " (by pid \(e.pid))")
                } else if !stillClosed(handle) {
                    drop = true
                }
            }
        }
        guard drop else { return }
        dropAll()
        if !moved.isEmpty {
            log.note("warning", "a folder outside the guarded folders, or one above it, was moved: every unguarded folder is asked about again: " + moved.joined(separator: "; "))
        }
    }

    /// After an owner, mode or ACL change: the folder is gone, or still cannot be moved
    /// by others. A folder above a marked one must stay root's and closed to others (it
    /// holds the next one); a marked folder that is above none only has to stay where
    /// nobody else can move it, which its own mode does not decide (a service's folder,
    /// such as /var/lib/postgresql, touched or chmod-ed by its owner, keeps its mark).
    private func stillClosed(_ handle: [UInt8]?) -> Bool {
        guard let handle else { return false }
        for (_, m) in rootMounts {
            let fd = vigil_open_by_handle(m.fd, handle, handle.count, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if fd < 0 {
                if errno == ESTALE { continue }
                return false
            }
            defer { close(fd) }
            guard let f = UnguardedFolders.folder(fd) else { return false }
            guard let key = Key.of(fd) else { return false }
            let markedOnly = marks.withLock { $0.placed[key] != nil && !$0.pinned.contains(key) }
            guard markedOnly else { return FolderIgnore.stillClosed(f) }
            // A filesystem's root cannot be renamed (its mounts are the mount watcher's).
            if vigil_fd_is_mount_root(fd) == 1 { return true }
            let up = openat(fd, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
            guard up >= 0 else { return false }
            defer { close(up) }
            guard let parent = UnguardedFolders.folder(up) else { return false }
            return !FolderIgnore.movableByOthers(f, in: parent)
        }
        // Decoded through no mount: removed.
        return true
    }

    private func describe(_ handle: [UInt8]?) -> String {
        guard let handle else { return "a folder" }
        for (_, m) in rootMounts {
            let fd = vigil_open_by_handle(m.fd, handle, handle.count, O_RDONLY | O_CLOEXEC | VIGIL_O_PATH)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            if let p = fdPath(fd) { return "now \(p)" }
        }
        return "a folder"
    }

    /// Removes every folder mark, then forgets them (in that order, under the lock the
    /// self-audit reads through), and releases every watch with the folders they pin
    /// (the next placements watch again what they need).
    private func dropAll() {
        let n = marks.withLock { all -> Int in
            defer {
                try? watch?.mark([.flush], [], path: nil)
                all.pinned.removeAll()
            }
            for (_, m) in all.placed {
                let fd = vigil_open_by_handle(m.mountFD, m.handle, m.handle.count, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                // ESTALE: the folder is gone, and its mark with it.
                guard fd >= 0 else { continue }
                try? group.mark([.remove, .ignore], UnguardedFolders.mask, dirfd: fd, path: nil)
                close(fd)
            }
            defer { all.forget() }
            return all.placed.count
        }
        epoch.add(1, ordering: .releasing)
        stats.folderIgnores.store(0, ordering: .relaxed)
        stats.folderIgnoresDropped.add(n, ordering: .relaxed)
    }

    /// Counted by reason (`vigil status --json`: unguarded_folders_refused).
    private func refuse(_ why: String) {
        stats.folderIgnoreRefusals.withLock { $0[why, default: 0] += 1 }
    }

    /// What FolderIgnore weighs of a folder: owner, mode, ACL (one it cannot read counts
    /// as present).
    static func folder(_ fd: Int32) -> FolderIgnore.Folder? {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        return FolderIgnore.Folder(uid: st.st_uid, mode: st.st_mode & 0o7777, acl: vigil_has_access_acl(fd) != 0)
    }

    /// Marks the folder holding `o` if it may be ignored.
    private func place(_ o: Offer) {
        guard let exposed = state.withLock({ $0.exposed }) else { return refuse("mounts-unread") }
        guard !exposed.contains(o.dev), guards.wholeFilesystems[o.dev] == nil else { return refuse("shown-in-guard-by-mount") }
        let bytes = o.path.bytes
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")), slash + 1 < bytes.count else { return refuse("no-name") }
        let parent = slash == 0 ? "/" : String(decoding: bytes[..<slash], as: UTF8.self)
        let name = String(decoding: bytes[(slash + 1)...], as: UTF8.self)
        guard !parent.utf8.contains(0), !name.utf8.contains(0) else { return refuse("nul-in-name") }
        let dir = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dir >= 0 else { return refuse("open-failed") }
        var fds: [Int32] = [dir]
        defer { for fd in fds { close(fd) } }
        // The folder is the one holding the file the kernel asked about (not a folder
        // that took its path since).
        var st = stat()
        guard fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0, UInt64(st.st_dev) == o.dev, UInt64(st.st_ino) == o.ino else {
            return refuse("raced")
        }
        var mnt: UInt64 = 0
        guard fstat(dir, &st) == 0, UInt64(st.st_dev) == o.dev, vigil_fd_mount_id(dir, &mnt) == 0,
              let root = rootMounts[mnt], root.dev == o.dev else { return refuse("mount-not-filesystem-root") }
        let key = Key(dev: o.dev, ino: UInt64(st.st_ino))
        // The probes are files: their folders are the ones kept (a folder mark would
        // silence a probe's own inode mark, and the watchdog would take a daemon that
        // answers for a wedged one).
        for probe in keepAsking() {
            var k = stat()
            let slash = probe.lastIndex(of: "/") ?? probe.startIndex
            let folder = slash == probe.startIndex ? "/" : String(probe[..<slash])
            if stat(folder, &k) == 0, UInt64(k.st_dev) == key.dev, UInt64(k.st_ino) == key.ino { return refuse("holds-probe") }
        }
        // Up to the root of the filesystem (the root of this mount, whose root is the
        // filesystem's), through the folders' own ".." entries, not the path.
        guard let first = UnguardedFolders.folder(dir) else { return refuse("stat-failed") }
        var chain: [FolderIgnore.Folder] = [first]
        var reachedRoot = false
        var cur = dir
        for _ in 0..<UnguardedFolders.depthLimit {
            let isRoot = vigil_fd_is_mount_root(cur)
            if isRoot == 1 { reachedRoot = true; break }
            guard isRoot == 0 else { break }
            let up = openat(cur, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
            guard up >= 0 else { break }
            fds.append(up)
            var upMount: UInt64 = 0
            guard fstat(up, &st) == 0, UInt64(st.st_dev) == o.dev, vigil_fd_mount_id(up, &upMount) == 0, upMount == mnt,
                  let f = UnguardedFolders.folder(up) else { break }
            chain.append(f)
            cur = up
        }
        if let why = FolderIgnore.refusal(chain: chain, reachedRoot: reachedRoot) { return refuse(why.rawValue) }
        if marks.withLock({ $0.placed.count >= UnguardedFolders.recordLimit || $0.pinned.count >= UnguardedFolders.recordLimit }) { dropAll() }
        var handle = [UInt8](repeating: 0, count: 256)
        let n = vigil_fd_handle(dir, &handle, handle.count)
        guard n > 0 else { return refuse("no-file-handle") }
        // Watches first: from the moment the ignore mark exists, a move must be seen. The
        // folder's own watch goes with its inode, as its ignore mark does; the watches
        // above it pin their folders (see the type's comment), so a folder that is both
        // (marked, and above another marked one) stays pinned: EEXIST.
        guard let watch else { return }
        var above: [Key] = []
        for (i, fd) in fds.enumerated() {
            do {
                if i == 0 {
                    try watch.mark([.add, .evictable], UnguardedFolders.watchMask, dirfd: fd, path: nil)
                } else {
                    try watch.mark([.add], UnguardedFolders.watchMask, dirfd: fd, path: nil)
                    if let key = Key.of(fd) { above.append(key) }
                }
            } catch where i == 0 && error.code == EEXIST {
            } catch { return refuse("watch-\(error.code)") }
        }
        marks.withLock { $0.pinned.formUnion(above) }
        // Now that a move would be seen: the folder is still where the path said, and
        // that is outside every guarded folder. The path was read at the event; since
        // then one of its components may have become a symbolic link into a guarded
        // folder, or the folder may have been moved there.
        guard let real = fdPath(dir), real.bytes.elementsEqual(bytes[..<max(slash, 1)]),
              !guards.folders.contains(where: { AccessPolicy.under(real.bytes, Array($0.path.utf8)) }) else { return refuse("moved") }
        // Placed even when recorded already: a flush may have taken the mark after the
        // record was made (adding the same mark again changes nothing).
        let added = marks.withLock { m -> Bool? in
            do {
                // EEXIST: the folder has a mark that is not evictable (one of Vigil's own).
                try group.mark(UnguardedFolders.markFlags, UnguardedFolders.mask, dirfd: dir, path: nil)
            } catch { return nil }
            defer { m.placed[key] = Placed(handle: Array(handle[0..<Int(n)]), mountFD: root.fd) }
            return m.placed[key] == nil
        }
        switch added {
        case true?:
            stats.folderIgnoresPlaced.add(1, ordering: .relaxed)
            stats.folderIgnores.add(1, ordering: .relaxed)
        case false?: break
        case nil: refuse("mark-refused")
        }
    }
}
