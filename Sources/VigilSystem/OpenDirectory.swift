import CLinux
import Glibc

/// A directory held open by descriptor. Every operation on a name in it goes through
/// `fd`, so renaming the folder, or swapping one of the folders on its path for a
/// symbolic link, changes nothing about which directory is acted on.
///
/// A class rather than a `~Copyable` descriptor because one directory is shared by every
/// scan job found in it, across threads, and must stay open until the last of them is
/// done (quarantine acts on it after the scan).
///
/// Owns: one directory descriptor. Must not: re-resolve `path`, which is kept for
/// messages and for matching paths below it, never for opening anything.
public final class OpenDirectory: Sendable {
    public let fd: Int32
    /// The path it was opened by (text for messages; possibly stale).
    public let path: RawPath

    public init(adopting fd: Int32, path: RawPath) {
        self.fd = fd
        self.path = path
    }

    deinit { _ = Glibc.close(fd) }

    /// Opens a folder the administrator named (config, command line): symbolic links on
    /// the way are followed, as the user typed them, once, at start. A folder we may
    /// search but not list is held with O_PATH (enough for every *at call but fsync).
    public static func open(_ path: RawPath) throws(Errno) -> OpenDirectory {
        let fd = try path.withCString { p throws(Errno) in
            do throws(Errno) {
                return try sysCall { Glibc.open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
            } catch let e where e.code == EACCES {
                _ = e
                return try sysCall { Glibc.open(p, VIGIL_O_PATH | O_DIRECTORY | O_CLOEXEC) }
            }
        }
        return OpenDirectory(adopting: fd, path: path)
    }

    /// A second descriptor for the same open directory, owned by the result; for a
    /// directory whose original descriptor belongs to a `DIR *` stream.
    public static func duplicate(_ fd: Int32, path: RawPath) throws(Errno) -> OpenDirectory {
        OpenDirectory(adopting: try sysCall { fcntl(fd, F_DUPFD_CLOEXEC, 0) }, path: path)
    }

    public func stat() throws(Errno) -> Glibc.stat {
        var st = Glibc.stat()
        _ = try sysCall { fstat(fd, &st) }
        return st
    }

    /// What `name` in this directory is, without following a symbolic link.
    public func stat(_ name: RawPath) throws(Errno) -> Glibc.stat {
        var st = Glibc.stat()
        _ = try name.withCString { p throws(Errno) in try sysCall { fstatat(fd, p, &st, AT_SYMLINK_NOFOLLOW) } }
        return st
    }

    /// Opens `name`, a direct child directory, refusing symbolic links (including
    /// /proc magic links), `..` and mount crossings when `sameMount`.
    public func openChild(_ name: RawPath, sameMount: Bool = false) throws(Errno) -> OpenDirectory {
        var resolve = UInt64(VIGIL_RESOLVE_BENEATH | VIGIL_RESOLVE_NO_SYMLINKS | VIGIL_RESOLVE_NO_MAGICLINKS)
        if sameMount { resolve |= UInt64(VIGIL_RESOLVE_NO_XDEV) }
        let child = try name.withCString { p throws(Errno) in
            try sysCall { vigil_openat2(fd, p, UInt64(O_RDONLY | O_DIRECTORY | O_CLOEXEC), 0, resolve) }
        }
        return OpenDirectory(adopting: child, path: path.appending(name.bytes))
    }

    /// The parent directory, if it is on the same mount (a rename can only stay within
    /// one mount); nil at a mount root or at "/".
    public func parentOnSameMount() throws(Errno) -> OpenDirectory? {
        let resolve = UInt64(VIGIL_RESOLVE_NO_XDEV | VIGIL_RESOLVE_NO_SYMLINKS | VIGIL_RESOLVE_NO_MAGICLINKS)
        let parent: Int32
        do {
            parent = try sysCall { vigil_openat2(fd, "..", UInt64(O_RDONLY | O_DIRECTORY | O_CLOEXEC), 0, resolve) }
        } catch let e where e.code == EXDEV {
            _ = e
            return nil
        }
        let up = OpenDirectory(adopting: parent, path: path.parentDirectory.map { RawPath($0) } ?? RawPath("/"))
        let (a, b) = (try stat(), try up.stat())
        return a.st_dev == b.st_dev && a.st_ino == b.st_ino ? nil : up
    }

    /// unlinkat(2) of `name` here: the entry itself, never what a link names.
    public func remove(_ name: RawPath, directory: Bool = false) throws(Errno) {
        _ = try name.withCString { p throws(Errno) in try sysCall { unlinkat(fd, p, directory ? AT_REMOVEDIR : 0) } }
    }

    /// fchmodat(2) of `name` here; only for entries of folders nobody else can write
    /// (fchmodat follows a final symbolic link).
    public func setMode(_ name: RawPath, _ mode: mode_t) throws(Errno) {
        _ = try name.withCString { p throws(Errno) in try sysCall { fchmodat(fd, p, mode, 0) } }
    }

    /// Forces the directory's entries to disk.
    public func sync() { _ = try? sysCall { fsync(fd) } }

    /// The directory's path as the kernel names it now (for records and messages).
    public var currentPath: RawPath { readLink("/proc/self/fd/\(fd)") ?? path }
}

extension stat {
    /// Same file: same device and inode.
    package func sameInode(as other: stat) -> Bool { st_dev == other.st_dev && st_ino == other.st_ino }
}

/// A single directory entry name: not empty, no "/", not "." or "..".
package func isPlainName(_ name: RawPath) -> Bool {
    !name.bytes.isEmpty && !name.bytes.contains(UInt8(ascii: "/")) && name.bytes != [46] && name.bytes != [46, 46]
        && !name.bytes.contains(0)
}
