import CLinux
import Glibc
import Synchronization
import VigilSystem

/// Watches every mount namespace for filesystems mounted below a guarded folder, and
/// has them marked: a tmpfs mounted over a folder inside /srv/share (by root, or by a
/// user in its own user and mount namespace) would otherwise be a place the guard never
/// sees. Mount events (FAN_MNT_ATTACH, Linux 6.15+) wake it at once; a scan of /proc
/// every second finds new namespaces (and replaces the events on older kernels).
/// It also reports processes running from anonymous memory files (memfd + fexecve),
/// which fanotify never sees.
///
/// Owns: the mount-event group and its namespace marks. Must not: answer events.
final class MountWatcher: Service {
    /// What the watcher thread remembers between sweeps: its alone once started.
    private struct Seen: Sendable {
        var namespaces: [UInt64: Int32] = [:]   // ns inode -> a pid in it
        var marked = Set<UInt64>()               // namespaces with a mount mark
        var anonymous = Set<String>()
        /// Per namespace: filesystems with a part outside the guards shown inside one.
        var exposed: [UInt64: Set<UInt64>] = [:]
    }

    private let group: FanotifyGroup?
    private let guardMap: GuardMap
    /// Each guard as (filesystem, path inside it), from this namespace's mount table.
    private let guards: [(dev: UInt64, inner: [UInt8])]
    private let onMount: @Sendable (MountInfo, _ pid: Int32, _ nsInode: UInt64) -> Void
    private let onAnonymousExec: @Sendable (_ pid: Int32, _ exe: RawPath) -> Void
    /// Told after every sweep which filesystems show a part from outside the guarded
    /// folders inside one, in any namespace (UnguardedFolders marks none of those).
    private let onExposure: @Sendable (Set<UInt64>) -> Void
    private let wake: EventFD
    private let thread = ThreadGroup()
    let mountEvents: Bool
    /// Told of every mount event (the self-audit's wake-up).
    private let hooks = Mutex<[@Sendable () -> Void]>([])

    func addHook(_ hook: @escaping @Sendable () -> Void) { hooks.withLock { $0.append(hook) } }

    init(guards guardMap: GuardMap, onMount: @escaping @Sendable (MountInfo, Int32, UInt64) -> Void,
         onAnonymousExec: @escaping @Sendable (Int32, RawPath) -> Void,
         onExposure: @escaping @Sendable (Set<UInt64>) -> Void = { _ in }) throws(VigilError) {
        self.guardMap = guardMap
        self.onExposure = onExposure
        self.onMount = onMount
        self.onAnonymousExec = onAnonymousExec
        wake = try EventFD()
        let table = MountInfo.parse(readWholeFile("/proc/self/mountinfo") ?? [])
        var inner: [(dev: UInt64, inner: [UInt8])] = []
        for g in guardMap.folders {
            let path = Array(g.path.utf8)
            guard let m = table.filter({ $0.dev == g.dev && AccessPolicy.under(path, $0.mountPoint) })
                .max(by: { $0.mountPoint.count < $1.mountPoint.count }),
                  let p = innerPath(of: path, in: m) else { continue }
            inner.append((g.dev, p))
        }
        guards = inner
        group = try? FanotifyGroup(flags: Fanotify.InitFlags(rawValue: UInt32(VIGIL_FAN_REPORT_MNT)).union([.cloexec, .nonblock]), eventFlags: 0)
        mountEvents = group != nil
    }

    /// Guards what is mounted already (on the caller's thread, so the guard is complete
    /// when start returns), then watches.
    func start() throws(VigilError) {
        var seen = Seen()
        sweep(force: true, &seen)
        thread.spawn("vigil-mounts") { [self] in loop(seen) }
    }

    func stop() {
        wake.signal()
        thread.joinAll()
    }

    private func loop(_ initial: Seen) {
        var seen = initial
        var fds = [readable(group?.fd ?? -1), readable(wake.fd)]
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 16 * 1024, alignment: 16)
        defer { buffer.deallocate() }
        var lastSweep = monotonicNanos()
        var lastAnon: UInt64 = 0
        while true {
            _ = try? pollDescriptors(&fds, timeoutMillis: 1000)
            if fds[1].revents != 0 { return }
            var mountsChanged = false
            if fds[0].revents != 0, let group {
                while let batch = try? group.read(into: buffer), !batch.events.isEmpty { mountsChanged = true }
                if mountsChanged { for h in hooks.withLock({ $0 }) { h() } }
            }
            let now = monotonicNanos()
            if mountsChanged || now - lastSweep >= 1_000_000_000 {
                lastSweep = now
                sweep(force: mountsChanged || !mountEvents, &seen)
            }
            if now - lastAnon >= 5_000_000_000 {
                lastAnon = now
                anonymousExecSweep(&seen)
            }
        }
    }

    /// Finds new namespaces (marking them for mount events) and re-reads the mount
    /// tables of those that are new or, with `force`, of all.
    private func sweep(force: Bool, _ seen: inout Seen) {
        var current: [UInt64: Int32] = [:]
        forEachPid { pid in
            var st = stat()
            if stat("/proc/\(pid)/ns/mnt", &st) == 0, current[UInt64(st.st_ino)] == nil { current[UInt64(st.st_ino)] = pid }
        }
        let fresh = current.keys.filter { seen.namespaces[$0] == nil }
        seen.namespaces = current
        seen.marked = seen.marked.filter { current[$0] != nil }
        seen.exposed = seen.exposed.filter { current[$0.key] != nil }
        if let group {
            for ns in fresh where !seen.marked.contains(ns) {
                guard let fd = try? sysCall({ open("/proc/\(current[ns]!)/ns/mnt", O_RDONLY | O_CLOEXEC) }) else { continue }
                if (try? group.mark(Fanotify.MarkFlags(rawValue: UInt32(VIGIL_FAN_MARK_MNTNS)).union(.add),
                                    Fanotify.Events(rawValue: VIGIL_FAN_MNT_ATTACH | VIGIL_FAN_MNT_DETACH), dirfd: fd, path: nil)) != nil {
                    seen.marked.insert(ns)
                }
                close(fd)
            }
        }
        for (ns, pid) in current where force || fresh.contains(ns) {
            guard let text = readWholeFile("/proc/\(pid)/mountinfo") else { continue }
            let table = MountInfo.parse(text)
            for m in mountsBelowGuards(table, guards: guards, whole: Set(guardMap.wholeFilesystems.keys)) {
                onMount(m, pid, ns)
            }
            seen.exposed[ns] = filesystemsExposedInGuards(table, guards: guards, whole: Set(guardMap.wholeFilesystems.keys))
        }
        onExposure(seen.exposed.values.reduce(into: Set<UInt64>()) { $0.formUnion($1) })
    }

    private func anonymousExecSweep(_ seen: inout Seen) {
        var alive = Set<String>()
        forEachPid { pid in
            guard let exe = readLink("/proc/\(pid)/exe"), exe.bytes.starts(with: Array("/memfd:".utf8)) else { return }
            // pid + start time: a reused pid is a new process.
            let key = "\(pid)|\(processStartTime(pid) ?? 0)"
            alive.insert(key)
            if seen.anonymous.insert(key).inserted { onAnonymousExec(pid, exe) }
        }
        seen.anonymous.formIntersection(alive)
    }
}
