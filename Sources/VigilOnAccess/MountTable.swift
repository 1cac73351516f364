import Glibc
import VigilSystem

// Mount tables, pure: parsing /proc/PID/mountinfo and finding the mounts that sit below
// a guarded folder. Tested as tables, without a kernel.
//
// Owns: the arithmetic of mount points. Must not: read /proc or mark anything.

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
