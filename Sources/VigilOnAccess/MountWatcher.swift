import CLinux
import Glibc
import VigilSystem

/// One line of /proc/PID/mountinfo.
struct MountInfo: Sendable, Equatable {
    let id: Int
    let parent: Int
    let dev: UInt64
    /// The mount's root inside its filesystem.
    let root: [UInt8]
    /// Where it is mounted, relative to the reading process's root.
    let mountPoint: [UInt8]
    let fsType: String

    /// Parses a mountinfo table; malformed lines are skipped (the kernel writes it).
    static func parse(_ text: [UInt8]) -> [MountInfo] {
        var out: [MountInfo] = []
        for line in text.split(separator: UInt8(ascii: "\n")) {
            let f = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
            guard f.count >= 10, let id = Int(String(decoding: f[0], as: UTF8.self)),
                  let parent = Int(String(decoding: f[1], as: UTF8.self)),
                  let dash = f.firstIndex(where: { $0.elementsEqual("-".utf8) }), dash + 1 < f.count else { continue }
            let mm = f[2].split(separator: UInt8(ascii: ":"))
            guard mm.count == 2, let major = UInt64(String(decoding: mm[0], as: UTF8.self)),
                  let minor = UInt64(String(decoding: mm[1], as: UTF8.self)) else { continue }
            out.append(MountInfo(id: id, parent: parent, dev: makeDevice(major, minor), root: unescape(f[3]),
                                 mountPoint: unescape(f[4]), fsType: String(decoding: f[dash + 1], as: UTF8.self)))
        }
        return out
    }

    /// mountinfo escapes space, tab, newline and backslash as \ooo.
    static func unescape(_ s: some Collection<UInt8>) -> [UInt8] {
        let b = Array(s)
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "\\"), i + 3 < b.count,
               let v = UInt8(String(decoding: b[(i + 1)...(i + 3)], as: UTF8.self), radix: 8) {
                out.append(v)
                i += 4
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return out
    }
}

/// glibc's makedev: the st_dev value for a major:minor pair.
func makeDevice(_ major: UInt64, _ minor: UInt64) -> UInt64 {
    ((major & 0xffff_f000) << 32) | ((major & 0xfff) << 8) | ((minor & 0xffff_ff00) << 12) | (minor & 0xff)
}

/// Where `path` (under `mount`'s mount point, in the same namespace's coordinates) is
/// inside the mount's filesystem; nil when it is not under that mount point.
func innerPath(of path: [UInt8], in mount: MountInfo) -> [UInt8]? {
    guard AccessPolicy.under(path, mount.mountPoint) else { return nil }
    let slash = [UInt8(ascii: "/")]
    let rel = mount.mountPoint == slash ? path : Array(path.dropFirst(mount.mountPoint.count))
    let inner = (mount.root == slash ? [] : mount.root) + rel
    return inner.isEmpty ? slash : inner
}

/// Pure: which mounts of one namespace's table sit below a guarded folder, so their
/// filesystems must be marked and guarded whole. A guard is (filesystem, path inside
/// that filesystem); `whole` are filesystems already guarded whole (their sub-mounts are
/// below a guard too). Returns the new mounts, parents before children.
func mountsBelowGuards(_ table: [MountInfo], guards: [(dev: UInt64, inner: [UInt8])], whole: Set<UInt64>) -> [MountInfo] {
    let byID = Dictionary(table.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var guardedDevs = whole
    var found: [MountInfo] = []
    var changed = true
    var done = Set<Int>()
    while changed {
        changed = false
        for m in table where !done.contains(m.id) {
            guard let p = byID[m.parent], p.id != m.id else { continue }
            // Where m is mounted, as a path inside the parent's filesystem.
            guard let inner = innerPath(of: m.mountPoint, in: p) else { continue }
            let below = guardedDevs.contains(p.dev) || guards.contains { $0.dev == p.dev && AccessPolicy.under(inner, $0.inner) }
            if below {
                done.insert(m.id)
                // A mount of a filesystem that already holds a guard is marked already;
                // its files are placed by identity (GuardMap), not guarded whole.
                if !guardedDevs.contains(m.dev) && !guards.contains(where: { $0.dev == m.dev }) {
                    found.append(m)
                }
                if !guards.contains(where: { $0.dev == m.dev }), guardedDevs.insert(m.dev).inserted { changed = true }
            }
        }
    }
    return found
}

/// Watches every mount namespace for filesystems mounted below a guarded folder, and
/// has them marked: a tmpfs mounted over a folder inside /srv/share (by root, or by a
/// user in its own user and mount namespace) would otherwise be a place the guard never
/// sees. Mount events (FAN_MNT_ATTACH, Linux 6.15+) wake it at once; a scan of /proc
/// every second finds new namespaces (and replaces the events on older kernels).
/// It also reports processes running from anonymous memory files (memfd + fexecve),
/// which fanotify never sees.
///
/// Owns: the mount-event group and its namespace marks. Must not: answer events.
final class MountWatcher: @unchecked Sendable {
    // Mutable state is touched by the watcher thread only, after init.
    private let group: FanotifyGroup?
    private var namespaces: [UInt64: Int32] = [:]   // ns inode -> a pid in it
    private var marked = Set<UInt64>()               // namespaces with a mount mark
    private var seenAnonymous = Set<String>()
    private let guards: () -> [(dev: UInt64, inner: [UInt8])]
    private let whole: () -> Set<UInt64>
    private let onMount: (MountInfo, _ pid: Int32, _ nsInode: UInt64) -> Void
    private let onAnonymousExec: (_ pid: Int32, _ exe: RawPath) -> Void
    private let stopFD = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
    private var thread: WorkerThread?
    let mountEvents: Bool

    init(guards: @escaping () -> [(dev: UInt64, inner: [UInt8])], whole: @escaping () -> Set<UInt64>,
         onMount: @escaping (MountInfo, Int32, UInt64) -> Void, onAnonymousExec: @escaping (Int32, RawPath) -> Void) {
        self.guards = guards
        self.whole = whole
        self.onMount = onMount
        self.onAnonymousExec = onAnonymousExec
        group = try? FanotifyGroup(flags: Fanotify.InitFlags(rawValue: UInt32(VIGIL_FAN_REPORT_MNT)).union([.cloexec, .nonblock]), eventFlags: 0)
        mountEvents = group != nil
    }

    deinit { close(stopFD) }

    func start() {
        sweep(force: true)
        thread = WorkerThread(name: "vigil-mounts") { [self] in loop() }
    }

    func stop() {
        var one: UInt64 = 1
        _ = write(stopFD, &one, 8)
        thread?.join()
        thread = nil
    }

    private func loop() {
        var fds = [pollfd(fd: group?.fd ?? -1, events: Int16(POLLIN), revents: 0), pollfd(fd: stopFD, events: Int16(POLLIN), revents: 0)]
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 16 * 1024, alignment: 16)
        defer { buffer.deallocate() }
        var lastSweep = monotonicNanos()
        var lastAnon: UInt64 = 0
        while true {
            fds[0].revents = 0
            fds[1].revents = 0
            _ = poll(&fds, 2, 1000)
            if fds[1].revents != 0 { return }
            var mountsChanged = false
            if fds[0].revents != 0, let group {
                while let n = try? group.readRaw(into: buffer), n > 0 { mountsChanged = true }
            }
            let now = monotonicNanos()
            if mountsChanged || now - lastSweep >= 1_000_000_000 {
                lastSweep = now
                sweep(force: mountsChanged || !mountEvents)
            }
            if now - lastAnon >= 5_000_000_000 {
                lastAnon = now
                anonymousExecSweep()
            }
        }
    }

    /// Finds new namespaces (marking them for mount events) and re-reads the mount
    /// tables of those that are new or, with `force`, of all.
    private func sweep(force: Bool) {
        var current: [UInt64: Int32] = [:]
        forEachPid { pid in
            var st = stat()
            if stat("/proc/\(pid)/ns/mnt", &st) == 0, current[UInt64(st.st_ino)] == nil { current[UInt64(st.st_ino)] = pid }
        }
        let fresh = current.keys.filter { namespaces[$0] == nil }
        namespaces = current
        marked = marked.filter { current[$0] != nil }
        if let group {
            for ns in fresh where !marked.contains(ns) {
                let fd = open("/proc/\(current[ns]!)/ns/mnt", O_RDONLY | O_CLOEXEC)
                guard fd >= 0 else { continue }
                if (try? group.mark(Fanotify.MarkFlags(rawValue: UInt32(VIGIL_FAN_MARK_MNTNS)).union(.add),
                                    Fanotify.Events(rawValue: VIGIL_FAN_MNT_ATTACH | VIGIL_FAN_MNT_DETACH), dirfd: fd, path: nil)) != nil {
                    marked.insert(ns)
                }
                close(fd)
            }
        }
        for (ns, pid) in current where force || fresh.contains(ns) {
            guard let text = readWholeFile("/proc/\(pid)/mountinfo") else { continue }
            for m in mountsBelowGuards(MountInfo.parse(text), guards: guards(), whole: whole()) {
                onMount(m, pid, ns)
            }
        }
    }

    private func anonymousExecSweep() {
        var alive = Set<String>()
        forEachPid { pid in
            guard let exe = readLink("/proc/\(pid)/exe"), exe.bytes.starts(with: Array("/memfd:".utf8)) else { return }
            // pid + start time: a reused pid is a new process.
            let key = "\(pid)|\(processStartTime(pid) ?? 0)"
            alive.insert(key)
            if seenAnonymous.insert(key).inserted { onAnonymousExec(pid, exe) }
        }
        seenAnonymous.formIntersection(alive)
    }
}
