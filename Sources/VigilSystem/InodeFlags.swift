import CLinux
import Glibc

/// The immutable inode flag (`chattr +i`): while set, not even root can write, truncate,
/// rename or unlink the file without first clearing it (which needs CAP_LINUX_IMMUTABLE
/// and shows up as an attribute change we watch for).
///
/// Owns: FS_IOC_GETFLAGS/FS_IOC_SETFLAGS. Must not: decide which files to protect.
public enum InodeFlags {
    static let immutable = vigil_fs_immutable_fl()

    /// Whether the file at `path` is immutable. Throws ENOTTY/EOPNOTSUPP on filesystems
    /// without inode flags (ramfs, many FUSE and network filesystems).
    public static func isImmutable(_ path: String) throws(Errno) -> Bool {
        let fd = try openForFlags(path)
        defer { close(fd) }
        var flags: UInt32 = 0
        _ = try sysCall { vigil_get_inode_flags(fd, &flags) }
        return flags & immutable != 0
    }

    /// Sets or clears the flag; a no-op when it already has that value.
    public static func setImmutable(_ path: String, _ on: Bool) throws(Errno) {
        let fd = try openForFlags(path)
        defer { close(fd) }
        var flags: UInt32 = 0
        _ = try sysCall { vigil_get_inode_flags(fd, &flags) }
        let wanted = on ? flags | immutable : flags & ~immutable
        if wanted != flags { _ = try sysCall { vigil_set_inode_flags(fd, wanted) } }
    }

    /// FS_APPEND_FL (linux/fs.h): writes only at the end; no truncate, rename or unlink.
    public static let appendOnlyFlag: UInt32 = 0x0000_0020

    /// The flags of an open file.
    public static func getFlags(fd: Int32) throws(Errno) -> UInt32 {
        var flags: UInt32 = 0
        _ = try sysCall { vigil_get_inode_flags(fd, &flags) }
        return flags
    }

    /// Sets or clears `flag` on an open file (the event log's append-only).
    public static func setFlag(fd: Int32, _ flag: UInt32, _ on: Bool) throws(Errno) {
        let flags = try getFlags(fd: fd)
        let wanted = on ? flags | flag : flags & ~flag
        if wanted != flags { _ = try sysCall { vigil_set_inode_flags(fd, wanted) } }
    }

    /// Sets or clears append-only on the file at `path` (`vigil log unseal` offline).
    public static func setAppendOnly(_ path: String, _ on: Bool) throws(Errno) {
        let fd = try openForFlags(path)
        defer { close(fd) }
        try setFlag(fd: fd, appendOnlyFlag, on)
    }

    /// What the VFS itself refused before an open of this file could be seen by anyone:
    /// may_open() checks the in-core inode's immutable flag (no open for writing or with
    /// O_TRUNC) and append-only flag (no open for writing without O_APPEND, none with
    /// O_TRUNC) before fsnotify's permission event, on every kernel Vigil runs on.
    public struct RefusedAtOpen: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// Every open for writing or truncation.
        public static let writes = RefusedAtOpen(rawValue: 1)
        /// Every open for writing without O_APPEND, and truncation.
        public static let nonAppendingWrites = RefusedAtOpen(rawValue: 2)
    }

    /// Read from an open file (a permission event's descriptor): one fstatfs and one
    /// FS_IOC_GETFLAGS. Nil when it cannot be trusted: on filesystems other than
    /// ext2/3/4, xfs, btrfs, tmpfs and f2fs the ioctl's answer need not be what the VFS
    /// enforces (a FUSE server answers it itself, and may lie or never answer), or the
    /// ioctl failed.
    public static func refusedAtOpen(fd: Int32) -> RefusedAtOpen? {
        guard vigil_fs_keeps_inode_flags(vigil_fs_type(fd)) != 0, let flags = try? getFlags(fd: fd) else { return nil }
        var out: RefusedAtOpen = []
        if flags & immutable != 0 { out.insert(.writes) }
        if flags & appendOnlyFlag != 0 { out.insert(.nonAppendingWrites) }
        return out
    }

    /// Read-only and non-blocking: the ioctl needs no write access, and a FIFO planted
    /// in place of a protected file must not block us.
    private static func openForFlags(_ path: String) throws(Errno) -> Int32 {
        try sysCall { open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC) }
    }

    /// "no inode flags on this filesystem", as opposed to a failure worth an error.
    package static func isUnsupported(_ e: Errno) -> Bool {
        e.code == ENOTTY || e.code == EOPNOTSUPP || e.code == EINVAL || e.code == ENOSYS
    }
}
