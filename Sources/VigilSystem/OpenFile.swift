import Glibc

/// An open file descriptor that closes itself exactly once. Used where an fd
/// crosses threads (walker to scan worker) and ownership must be unambiguous.
///
/// Owns: one descriptor (unless borrowed). Must not: be closed by anyone else.
public final class OpenFile: Sendable {
    // Close happens only in deinit, when no other reference exists.
    public let fd: Int32
    private let owned: Bool

    public init(adopting fd: Int32) {
        self.fd = fd
        owned = true
    }

    /// Uses a descriptor someone else owns and will close (a fanotify event fd).
    public init(borrowing fd: Int32) {
        self.fd = fd
        owned = false
    }

    deinit { if owned { _ = Glibc.close(fd) } }

    /// Opens `name` relative to `directory` (or the cwd) without following a final symlink
    /// and without blocking on FIFOs or device nodes that slipped past the type check.
    public static func open(_ path: RawPath, relativeTo directory: Int32 = AT_FDCWD,
                            flags: Int32 = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC) throws(Errno) -> OpenFile {
        let fd = try path.withCString { p throws(Errno) in
            try sysCall { openat(directory, p, flags) }
        }
        return OpenFile(adopting: fd)
    }

    public func stat() throws(Errno) -> Glibc.stat {
        var st = Glibc.stat()
        _ = try sysCall { fstat(fd, &st) }
        return st
    }

    /// Fills `array` from `offset` as far as the file goes; returns the bytes read.
    public func read(into array: inout [UInt8], at offset: Int64) throws(Errno) -> Int {
        var result: Result<Int, Errno> = .success(0)
        let count = array.count
        array.withUnsafeMutableBytes { p in
            do throws(Errno) { result = .success(try read(into: p.baseAddress!, count: count, at: offset)) } catch { result = .failure(error) }
        }
        return try result.get()
    }

    /// Reads up to `count` bytes at `offset` into `buffer`, retrying short reads until EOF.
    public func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int64) throws(Errno) -> Int {
        try OpenFile.read(fd: fd, into: buffer, count: count, at: offset)
    }

    /// The same for a bare descriptor (the event thread: no object per event).
    public static func read(fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int64) throws(Errno) -> Int {
        var done = 0
        while done < count {
            let n = try sysCall { pread(fd, buffer + done, count - done, off_t(offset) + off_t(done)) }
            if n == 0 { break }
            done += n
        }
        return done
    }
}

public extension stat {
    var isRegular: Bool { (st_mode & S_IFMT) == S_IFREG }
    var isDirectory: Bool { (st_mode & S_IFMT) == S_IFDIR }
    var isSymlink: Bool { (st_mode & S_IFMT) == S_IFLNK }
    /// A short name for what a non-regular file is, for skip messages.
    var kindName: String {
        switch st_mode & S_IFMT {
        case S_IFREG: return "regular file"
        case S_IFDIR: return "directory"
        case S_IFLNK: return "symbolic link"
        case S_IFIFO: return "FIFO"
        case S_IFSOCK: return "socket"
        case S_IFCHR: return "character device"
        case S_IFBLK: return "block device"
        default: return "special file"
        }
    }
}

/// `struct stat` is integers and timespecs only, so a copy is safe on any thread; the C
/// importer does not say so, hence the unchecked conformance (one of two in Vigil).
extension stat: @retroactive @unchecked Sendable {}
