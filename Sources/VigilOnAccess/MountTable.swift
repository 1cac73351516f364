import Glibc
import VigilSystem

// Mount tables, pure: finding the mounts that sit below a guarded folder (the table's
// lines are VigilSystem's MountInfo). Tested as tables, without a kernel.
//
// Owns: the arithmetic of mount points. Must not: read /proc or mark anything.

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

/// Pure: the filesystems some part of which, outside every guarded folder, shows inside
/// one through a mount whose mount point lies below a guard (a bind mount of /opt/app at
/// /srv/share/app). A folder of such a filesystem that Vigil stopped asking about
/// (UnguardedFolders) would be opened there unseen: those filesystems get no folder
/// ignore marks while the mount exists. A mount that shows only guarded content of its
/// filesystem exposes nothing. `whole`: filesystems guarded whole (their sub-mounts are
/// below a guard too).
func filesystemsExposedInGuards(_ table: [MountInfo], guards: [(dev: UInt64, inner: [UInt8])], whole: Set<UInt64>) -> Set<UInt64> {
    let byID = Dictionary(table.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var exposed = Set<UInt64>()
    for m in table {
        guard let p = byID[m.parent], p.id != m.id, let inner = innerPath(of: m.mountPoint, in: p) else { continue }
        let below = whole.contains(p.dev) || guards.contains { $0.dev == p.dev && AccessPolicy.under(inner, $0.inner) }
        // Only a filesystem that holds a guard can carry folder marks (another one mounted
        // below a guard is guarded whole); and a mount showing guarded content of it shows
        // nothing new.
        guard below, guards.contains(where: { $0.dev == m.dev }),
              !guards.contains(where: { $0.dev == m.dev && AccessPolicy.under(m.root, $0.inner) }) else { continue }
        exposed.insert(m.dev)
    }
    return exposed
}
