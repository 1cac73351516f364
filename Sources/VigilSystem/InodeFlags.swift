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
