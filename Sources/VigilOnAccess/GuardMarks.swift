import Glibc
import Synchronization
import VigilConfig
import VigilSystem

/// The marks that make the kernel ask: every guarded folder's whole filesystem (a mount
/// mark where a filesystem mark is refused), filesystems mounted below a guarded folder
/// later, the liveness probe's inode, and the ignore marks on Vigil's own folders.
/// Started last: from the first mark on, opens wait for the event thread, so it must
/// already run. Stopped first: once the marks are gone no new event can wait on us, and
/// after `stop` nothing of ours adds a mark again (a repair asked by the self-audit, a
/// reload's probe, a new mount), so a stopping daemon never marks what it no longer
/// answers.
///
/// Owns: adding and flushing those marks. Must not: answer events.
final class GuardMarks: Service {
    private let group: FanotifyGroup
    private let guards: GuardMap
    private let cache: VerdictCache
    private let log: OnAccessLog
    /// The folders the config names to guard (upload folders included).
    private let paths: [String]
    /// The events every guarded filesystem is marked for.
    let events: Fanotify.Events

    private struct Marked {
        var paths: [String] = []
        var kind = "filesystem"
        /// Inode marks that must survive the flush of a reload (the liveness probe file).
        var probes: [String] = []
        /// Paths marked with a mount mark (the kernel refused a filesystem mark there).
        var mountMarked: Set<String> = []
        /// Filesystems mounted below a guarded folder later, marked through this path.
        var newMounts: [String] = []
        /// Set by `stop`: every later add is refused. Read and set under the lock that
        /// every add holds, so none can land after the flush.
        var retired = false
    }
    private let marked = Mutex(Marked())

    init(group: FanotifyGroup, guards: GuardMap, cache: VerdictCache, log: OnAccessLog, paths: [String], events: Fanotify.Events) {
        self.group = group
        self.guards = guards
        self.cache = cache
        self.log = log
        self.paths = paths
        self.events = events
    }

    var markedPaths: [String] { marked.withLock { $0.paths } }
    var markKind: String { marked.withLock { $0.kind } }

    /// Ignores Vigil's own folders, then marks the guarded filesystems.
    func start() throws(VigilError) {
        for failure in cache.protectOwn() {
            log.note("warning", "cannot exempt Vigil's own folder from its guard (its files' events will reach the daemon): \(failure)")
        }
        let present = Set(guards.folders.map(\.path))
        for path in paths {
            let real = realpathString(path) ?? path
            guard present.contains(real) else {
                log.note("warning", "guarded path \(path) does not exist; not guarded")
                continue
            }
            do {
                // A filesystem mark also sees opens made through other mount namespaces
                // (containers, bind mounts, sandboxed services); a mount mark would not.
                try group.mark([.add, .filesystem], events, path: path)
            } catch {
                switch error.code {
                case EXDEV, ENODEV, EOPNOTSUPP, EINVAL:
                    do { try group.mark([.add, .mount], events, path: path) } catch {
                        throw VigilError("cannot mark \(path)", cause: error)
                    }
                    marked.withLock { $0.kind = "mount"; $0.mountMarked.insert(path) }
                case ENOSPC:
                    throw VigilError("cannot mark \(path): fanotify mark limit reached (/proc/sys/fs/fanotify/max_user_marks)", cause: error)
                default:
                    throw VigilError("cannot mark \(path)", cause: error)
                }
            }
            marked.withLock { $0.paths.append(path) }
        }
        guard !markedPaths.isEmpty else { throw VigilError("none of the guarded paths exists: \(paths.joined(separator: ", "))") }
    }

    /// No new events once the marks are gone; what is already queued is answered by the
    /// services still running.
    func stop() {
        marked.withLock { m in
            m.retired = true
            flushAll()
        }
    }

    /// Every mark of the group, of each kind. Also the service's last step: a mark put
    /// back through a copy of the group's fd (pidfd_getfd) after `stop` goes too.
    func flushAll() {
        try? group.mark([.flush, .filesystem], [], path: nil)
        try? group.mark([.flush, .mount], [], path: nil)
        try? group.mark([.flush], [], path: nil)
    }

    /// An inode mark on `path` (which need not be on a guarded filesystem): opens of it
    /// always reach the event thread, which answers them at once.
    func markProbe(path: String) throws(Errno) {
        try marked.withLock { m throws(Errno) in
            guard !m.retired else { return }
            m.probes.append(path)
            try group.mark([.add], [.openPerm], path: path)
        }
    }

    /// A reload flushed every inode mark, the probes' too: put them back.
    func remarkProbes() {
        marked.withLock { m in
            guard !m.retired else { return }
            for p in m.probes { try? group.mark([.add], [.openPerm], path: p) }
        }
    }

    /// A filesystem was mounted below a guarded folder: mark it and guard it whole.
    func guardNewMount(_ m: MountInfo, pid: Int32, namespace: UInt64) {
        let mountPoint = String(decoding: m.mountPoint, as: UTF8.self)
        let reason = "\(m.fsType) mounted at \(mountPoint) (mount namespace \(namespace))"
        guard guards.guardWhole(dev: m.dev, reason: reason) else { return }
        let via = "/proc/\(pid)/root" + mountPoint
        do {
            let added = try marked.withLock { m throws(Errno) -> Bool in
                guard !m.retired else { return false }
                try group.mark([.add, .filesystem], events, path: via)
                m.newMounts.append(via)
                return true
            }
            if added { log.note("warning", "guarding a filesystem mounted below a guarded folder: \(reason)") }
        } catch {
            log.note("error", "cannot guard \(reason): \(error); its files are not checked")
        }
    }

    // MARK: self-audit

    /// What the group holds, for the self-audit: each filesystem (or mount) marked, the
    /// probes. Paths are the ones marked, so their device is the one marked.
    var audited: (filesystems: [String], mounts: [String], probes: [String]) {
        marked.withLock { m in (m.paths.filter { !m.mountMarked.contains($0) } + m.newMounts, Array(m.mountMarked), m.probes) }
    }

    /// Puts the filesystem and mount marks back after someone removed them or added an
    /// ignore mask to them: flushed and added again (one flush covers every way an ignore
    /// mask can have been set).
    func replaceGuardMarks() {
        marked.withLock { m in
            // After `stop` the marks are gone on purpose: the event thread is about to end,
            // and a mark put back now would make the next open (the daemon's own, of its pid
            // file) wait for an answer that never comes.
            guard !m.retired else { return }
            let filesystems = m.paths.filter { !m.mountMarked.contains($0) } + m.newMounts
            try? group.mark([.flush, .filesystem], [], path: nil)
            for p in filesystems { try? group.mark([.add, .filesystem], events, path: p) }
            if !m.mountMarked.isEmpty {
                try? group.mark([.flush, .mount], [], path: nil)
                for p in m.mountMarked { try? group.mark([.add, .mount], events, path: p) }
            }
        }
    }

    /// Vigil's own folders: no event for their files may reach the daemon (see
    /// VerdictCache.protectOwn). Each folder and its sub-folders (a directory mark covers
    /// its direct entries only).
    static func ownFolders(_ config: DaemonConfig) -> [String] {
        var roots = [config.stateDirectory] + config.quarantineStores
        if let log = config.logFile, let slash = log.lastIndex(of: "/"), slash != log.startIndex {
            let dir = String(log[..<slash])
            // Only a folder of Vigil's own; a shared one (/var/log) stays scanned.
            if dir.hasSuffix("/vigil") || dir == config.stateDirectory { roots.append(dir) }
        }
        var out: [String] = []
        for root in roots {
            var st = stat()
            guard stat(root, &st) == 0, st.isDirectory else { continue }
            out.append(root)
            out += subdirectories(of: root, depth: 3)
        }
        return Array(Set(out)).sorted()
    }

    private static func subdirectories(of root: String, depth: Int) -> [String] {
        guard depth > 0 else { return [] }
        var out: [String] = []
        for e in listDirectory(root) where e.type == UInt8(DT_DIR) {
            let child = root + "/" + e.text
            out.append(child)
            out += subdirectories(of: child, depth: depth - 1)
        }
        return out
    }
}
