import Glibc
import VigilSystem

/// What the guard's fanotify group should hold, told to the daemon's self-audit (which
/// lives in VigilProtection: the daemon composes the two), and the repair it asks for.
///
/// Owns: the facts and the repair entry point. Must not: judge the marks.
extension OnAccessService {
    public struct GuardMarkFacts: Sendable {
        public struct Inode: Sendable, Hashable {
            /// stat(2)'s st_dev and st_ino.
            public let device: UInt64, inode: UInt64
        }
        /// Filesystem marks, by a path on each.
        public var filesystems: [(path: String, device: UInt64)] = []
        /// Mount marks, where the kernel refused a filesystem mark.
        public var mounts: [String] = []
        public var events: Fanotify.Events = []
        public var probes: [(path: String, inode: Inode)] = []
        /// Vigil's own folders, ignored for good with `ownIgnoreMask`.
        public var ownFolders: [Inode] = []
        public var ownIgnoreMask: Fanotify.Events = []
        /// Inodes with a verdict-cache ignore mark (kernel cache mode).
        public var cacheInodes: Set<Inode> = []
        /// Folders outside the guards ignored with `folderIgnoreMask` (UnguardedFolders).
        public var folderIgnores: Set<Inode> = []
        public var folderIgnoreMask: Fanotify.Events = []
    }

    /// The group the self-audit reads (/proc/self/fdinfo).
    public var guardGroup: FanotifyGroup { group }

    public func guardMarkFacts() -> GuardMarkFacts {
        func identity(_ path: String) -> GuardMarkFacts.Inode? {
            var st = stat()
            guard stat(path, &st) == 0 else { return nil }
            return GuardMarkFacts.Inode(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
        }
        var f = GuardMarkFacts()
        // The cache first: a mark placed after this read shows in neither the kernel's
        // view (read before) nor here.
        f.cacheInodes = Set(ctx.cache.placedMarks.joined().map { GuardMarkFacts.Inode(device: $0.key.dev, inode: $0.key.ino) })
        f.folderIgnores = Set(unguarded.marked.map { GuardMarkFacts.Inode(device: $0.dev, inode: $0.ino) })
        f.folderIgnoreMask = UnguardedFolders.mask
        let (filesystems, mounts, probes) = marks.audited
        f.filesystems = filesystems.compactMap { p in identity(p).map { (p, $0.device) } }
        f.mounts = mounts
        f.events = marks.events
        f.probes = probes.compactMap { p in identity(p).map { (p, $0) } }
        f.ownFolders = ctx.cache.ownFolders.compactMap(identity)
        f.ownIgnoreMask = VerdictCache.ownIgnoreMask
        return f
    }

    /// The canary files: their denials are counted and summarised, not logged each.
    public func quietCanaries(_ paths: [String]) { ctx.log.setCanaries(paths) }

    /// Called after a mount event (any namespace), so the self-audit looks at once.
    public func onMountChange(_ hook: @escaping @Sendable () -> Void) { mounts.addHook(hook) }

    /// Puts the guard's marks back: the filesystem and mount marks, and (when `inodes`)
    /// every inode mark: the cache is flushed (a foreign ignore mark goes with it), our
    /// own folders' ignore marks and the probes are placed again.
    public func repairGuardMarks(inodes: Bool) {
        guard !isRetired else { return }
        marks.replaceGuardMarks()
        if inodes {
            ctx.cache.flush { generation in ctx.rules.swap(ctx.rules.now.0, generation: generation) }
            marks.remarkProbes()
        }
    }
}
