import VigilSystem

// Owns: deciding, from the daemon's own mount table, whether something was mounted over
// a path Vigil protects or one of its ancestors since start. Must not: read /proc (the
// self-audit passes the table) or unmount anything.

public enum MountAudit {
    /// A mount as the baseline remembers it: not by its id alone, which the kernel gives
    /// again once a mount is gone (on a busy host, or a test suite mounting and unmounting
    /// in parallel, a bind mount over /etc/vigil could take the id of a tmpfs that was
    /// there at start, and pass as known).
    public struct Seen: Hashable, Sendable {
        let id: Int, parent: Int, dev: UInt64
        let root: [UInt8], mountPoint: [UInt8]
        public init(_ m: MountInfo) {
            (id, parent, dev, root, mountPoint) = (m.id, m.parent, m.dev, m.root, m.mountPoint)
        }
    }

    /// What is mounted now, as the baseline `covering` compares with.
    public static func baseline(_ table: [MountInfo]) -> Set<Seen> { Set(table.map(Seen.init)) }

    /// Mounts not in `baseline` (the mounts at start) whose mount point is a protected path
    /// or an ancestor of one: `mount --bind /tmp/evil /etc/vigil` swaps the config the
    /// next start reads, a tmpfs over /var/lib/vigil hides the state, one over the guarded
    /// folder shows users other files. Returns each with the protected path it covers
    /// (the first, sorted).
    public static func covering(_ table: [MountInfo], baseline: Set<Seen>, protected: [String]) -> [(mount: MountInfo, covers: String)] {
        var out: [(MountInfo, String)] = []
        for m in table where !baseline.contains(Seen(m)) {
            let point = String(decoding: m.mountPoint, as: UTF8.self)
            if let hit = protected.sorted().first(where: { covers(point, $0) }) { out.append((m, hit)) }
        }
        return out
    }

    /// True when `mountPoint` is `path` or one of its ancestor folders.
    static func covers(_ mountPoint: String, _ path: String) -> Bool {
        if mountPoint == path || mountPoint == "/" { return true }
        return path.hasPrefix(mountPoint.hasSuffix("/") ? mountPoint : mountPoint + "/")
    }
}
