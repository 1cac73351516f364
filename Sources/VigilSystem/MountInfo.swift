import Glibc

// Owns: parsing /proc/PID/mountinfo (pure). Must not: read /proc or decide anything
// about the mounts (the on-access mount watcher and the self-audit do).

/// One line of /proc/PID/mountinfo.
public struct MountInfo: Sendable, Equatable {
    public let id: Int
    public let parent: Int
    public let dev: UInt64
    /// The mount's root inside its filesystem.
    public let root: [UInt8]
    /// Where it is mounted, relative to the reading process's root.
    public let mountPoint: [UInt8]
    public let fsType: String

    /// Parses a mountinfo table; malformed lines are skipped (the kernel writes it).
    public static func parse(_ text: [UInt8]) -> [MountInfo] {
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
    public static func unescape(_ s: some Collection<UInt8>) -> [UInt8] { KernelEscapes.decodeOctal(s) }
}

/// glibc's makedev: the st_dev value for a major:minor pair.
public func makeDevice(_ major: UInt64, _ minor: UInt64) -> UInt64 {
    ((major & 0xffff_f000) << 32) | ((major & 0xfff) << 8) | ((minor & 0xffff_ff00) << 12) | (minor & 0xff)
}
