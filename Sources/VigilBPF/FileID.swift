import Glibc

/// An inode as the kernel names it: the super block's `dev_t` in the kernel's encoding
/// (major << 20 | minor, which differs from glibc's `st_dev`) and the inode number. The
/// BPF programs key everything by this, never by path.
public struct FileID: Hashable, Sendable, CustomStringConvertible {
    public let device: UInt32
    public let inode: UInt64

    public init(device: UInt32, inode: UInt64) {
        self.device = device
        self.inode = inode
    }

    /// From a `stat` result: converts glibc's `st_dev` to the kernel's encoding.
    public init(_ st: stat) {
        self.init(major: Self.major(UInt64(st.st_dev)), minor: Self.minor(UInt64(st.st_dev)), inode: UInt64(st.st_ino))
    }

    public init(major: UInt32, minor: UInt32, inode: UInt64) {
        device = major << 20 | minor
        self.inode = inode
    }

    /// The inode at `path`, following symlinks when `followLinks` (a protected symlink
    /// is rarely what is meant: the file it names is).
    public static func of(_ path: String, followLinks: Bool = true) throws(BPFError) -> FileID {
        var st = stat()
        let rc = followLinks ? stat(path, &st) : lstat(path, &st)
        guard rc == 0 else { throw BPFError("stat \(path)", code: errno) }
        return FileID(st)
    }

    public var major: UInt32 { device >> 20 }
    public var minor: UInt32 { device & 0xFFFFF }
    public var description: String { "\(major):\(minor):\(inode)" }

    // glibc's encoding (sys/sysmacros.h, which does not import into Swift).
    static func major(_ dev: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: ((dev >> 8) & 0xFFF) | ((dev >> 32) & ~0xFFF)) }
    static func minor(_ dev: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: (dev & 0xFF) | ((dev >> 12) & ~0xFF)) }
}
