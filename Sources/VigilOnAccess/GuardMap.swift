import CLinux
import Glibc
import Synchronization
import VigilSystem

/// Decides whether the file behind an event is under a guarded folder from what the
/// file *is*, not from the path its opener used.
///
/// The path the kernel reports for an event fd is built from the opener's mount: a bind
/// mount (also one made by an unprivileged user in its own namespace), an overlayfs whose
/// lower layer is a guarded folder, or an over-long path would each show a guarded file
/// under a path outside the guarded prefix. So when the event's mount is not the guard's
/// own mount, the inode is re-opened through the guard's mount (a file handle: the
/// kernel finds the inode's place in that tree, or says it has none there) and that
/// canonical path is what policy sees. A file whose location cannot be told is treated
/// as guarded: scanning too much costs time, scanning too little is the hole. So is a
/// file outside the guarded folders reached through a bind mount inside one.
///
/// No ignore mark is ever placed on an unguarded *file* of a guarded filesystem: the
/// file would carry it when renamed or hard-linked into a guarded folder, and no
/// permission event holds a rename. Folders outside the guards that only root can move
/// are ignored instead (UnguardedFolders), after their first open: a file that leaves
/// such a folder leaves its mark behind.
///
/// Filesystems mounted below a guarded folder (in any mount namespace) are guarded
/// whole; the mount watcher adds them.
///
/// Owns: the guards' mount descriptors and the set of wholly guarded filesystems.
/// Must not: answer events, read file contents.
public final class GuardMap: Sendable {
    /// One guarded folder: its canonical path and the mount it lives on.
    struct Guard: Sendable {
        let path: [UInt8]
        let dev: UInt64
        let mountID: UInt64
        /// A descriptor on the folder (read-only: open_by_handle_at refuses O_PATH ones);
        /// file handles are decoded through its mount.
        let mountFD: Int32
        /// Index into the upload rules, or nil for a plain guarded folder.
        let upload: Int?
        /// The folder is the root of its mount: every file reached through that mount is
        /// under it, so no path is needed to say it is guarded.
        let mountRoot: Bool
    }

    /// Where an event's file is, as policy needs it.
    public struct Location: Sendable {
        /// The canonical path (through a guard's mount) or the opener's path when it is
        /// already canonical; nil when no path could be read (too long).
        public var path: RawPath?
        public var guarded: Bool
        /// The upload rule whose folder holds the file.
        public var upload: Int?
        /// True when the opener's mount was not the guard's (bind mount, other namespace,
        /// overlayfs): logged, because it is also how a walk-around would look.
        public var viaOtherMount = false
        /// The filesystem is guarded whole (mounted below a guarded folder).
        public var wholeFilesystem = false
        /// The path was not read: the caller did not need it to decide (`locate`'s
        /// `needPath`); it is read after the answer, from the same fd, when wanted.
        public var pathUnread = false
    }

    private let guards: [Guard]
    private let byDev: [UInt64: [Int]]
    /// Filesystems guarded whole, with why (for status and logs).
    private let whole = Mutex<[UInt64: String]>([:])

    /// `folders` are (path, upload index) pairs; missing folders are left out (the
    /// caller reports them).
    init(folders: [(String, Int?)]) {
        var gs: [Guard] = []
        for (path, upload) in folders {
            let real = realpathString(path) ?? path
            let fd = open(real, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            var st = stat()
            var mnt: UInt64 = 0
            guard fstat(fd, &st) == 0, vigil_fd_mount_id(fd, &mnt) == 0 else { close(fd); continue }
            var bytes = Array(real.utf8)
            while bytes.count > 1 && bytes.last == UInt8(ascii: "/") { bytes.removeLast() }
            gs.append(Guard(path: bytes, dev: UInt64(st.st_dev), mountID: mnt, mountFD: fd, upload: upload,
                            mountRoot: vigil_fd_is_mount_root(fd) == 1))
        }
        guards = gs
        var map: [UInt64: [Int]] = [:]
        for (i, g) in gs.enumerated() { map[g.dev, default: []].append(i) }
        byDev = map
    }

    deinit { for g in guards { close(g.mountFD) } }

    /// The guarded folders that exist, as (path, dev).
    var folders: [(path: String, dev: UInt64, upload: Int?)] {
        guards.map { (String(decoding: $0.path, as: UTF8.self), $0.dev, $0.upload) }
    }

    /// Each guard's mount: its filesystem, mount id and a descriptor on the guard folder
    /// (file handles decode through it).
    var mounts: [(dev: UInt64, mountID: UInt64, fd: Int32)] { guards.map { ($0.dev, $0.mountID, $0.mountFD) } }

    var devices: Set<UInt64> { Set(guards.map(\.dev)).union(whole.withLock { Set($0.keys) }) }

    /// Marks a filesystem as guarded whole (a mount below a guarded folder).
    @discardableResult
    func guardWhole(dev: UInt64, reason: String) -> Bool {
        whole.withLock { w in
            if w[dev] != nil { return false }
            w[dev] = reason
            return true
        }
    }

    var wholeFilesystems: [UInt64: String] { whole.withLock { $0 } }

    /// Where the file behind `fd` (an event fd; `st` is its fstat) is. `mountID`: the
    /// fd's mount id when the caller has it (from the same statx as `st`). `needPath`
    /// false: the caller needs the path only when the location depends on it (no path
    /// exclusions); where it does not (a filesystem guarded whole, or the file reached
    /// through the own mount of a guard at that mount's root with no upload folder on
    /// it), the path is left unread (`pathUnread`): the cold path asks /proc for it only
    /// after the answer, if at all.
    func locate(fd: Int32, stat st: stat, mountID: UInt64? = nil, needPath: Bool = true) -> Location {
        let dev = UInt64(st.st_dev)
        let isWhole = whole.withLock { $0[dev] != nil }
        if isWhole && !needPath {
            var loc = Location(path: nil, guarded: true)
            loc.wholeFilesystem = true
            loc.pathUnread = true
            return loc
        }
        var mnt: UInt64 = mountID ?? 0
        let haveMount = mountID != nil || (byDev[dev] != nil && vigil_fd_mount_id(fd, &mnt) == 0)
        if !needPath, haveMount, let candidates = byDev[dev], guardsWholeMount(mnt, candidates) {
            var loc = Location(path: nil, guarded: true)
            loc.pathUnread = true
            return loc
        }
        let opened = fdPath(fd)
        if isWhole {
            var loc = Location(path: opened, guarded: true)
            loc.wholeFilesystem = true
            return loc
        }
        guard let candidates = byDev[dev] else {
            // A filesystem we marked for no guard of ours cannot happen; a mark left from
            // an unmounted guard can. Nothing to guard there.
            return Location(path: opened, guarded: false)
        }
        if let opened, haveMount, candidates.contains(where: { guards[$0].mountID == mnt }) {
            // Opened through a guard's own mount: the path is already the canonical one.
            return classify(opened, candidates.filter { guards[$0].mountID == mnt }, viaOtherMount: false)
        }
        // Another mount of a guarded filesystem: ask each guard's mount where the inode is.
        var tried = Set<UInt64>()
        var undecided = false
        for i in candidates where tried.insert(guards[i].mountID).inserted {
            let alt: Int32
            do { alt = try sysCall { vigil_reopen_through(guards[i].mountFD, fd, VIGIL_O_PATH | O_CLOEXEC) } } catch {
                // ESTALE: the inode is not in this mount's tree. Anything else (no file
                // handles on this filesystem) leaves the question open.
                if error.code != ESTALE { undecided = true }
                continue
            }
            let canonical = fdPath(alt)
            close(alt)
            guard let canonical else { undecided = true; continue }
            let sameMount = candidates.filter { guards[$0].mountID == guards[i].mountID }
            let loc = classify(canonical, sameMount, viaOtherMount: true)
            if loc.guarded { return loc }
        }
        if undecided || opened == nil {
            // Location unknown (no handles, path too long): guarded, so it is scanned.
            var loc = Location(path: opened, guarded: true)
            loc.viaOtherMount = true
            loc.upload = nil
            return loc
        }
        // The inode lives outside every guarded folder, but the opener reached it through
        // a path inside one: a folder bind-mounted into a guarded folder. What users open
        // there is what the guard is for, so it is scanned as guarded (by the path the
        // kernel shows us, read at the event: no mount watcher has to be first).
        if let opened {
            let loc = classify(opened, candidates, viaOtherMount: true)
            if loc.guarded { return loc }
        }
        return Location(path: opened, guarded: false, viaOtherMount: true)
    }

    /// A guard folder is the root of mount `mnt` and no upload folder lies on that mount:
    /// every file reached through `mnt` is guarded, and none is an upload.
    private func guardsWholeMount(_ mnt: UInt64, _ candidates: [Int]) -> Bool {
        var root = false
        for i in candidates where guards[i].mountID == mnt {
            if guards[i].upload != nil { return false }
            if guards[i].mountRoot { root = true }
        }
        return root
    }

    private func classify(_ path: RawPath, _ candidates: [Int], viaOtherMount: Bool) -> Location {
        var loc = Location(path: path, guarded: false, viaOtherMount: viaOtherMount)
        // A deleted file's link reads "PATH (deleted)"; the prefix test still holds.
        for i in candidates where AccessPolicy.under(path.bytes, guards[i].path) {
            loc.guarded = true
            if let u = guards[i].upload { loc.upload = u; break }
        }
        return loc
    }
}
