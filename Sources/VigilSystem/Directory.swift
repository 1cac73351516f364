import Glibc

/// readdir(3) over one directory, with its errors: readdir reports failure only through
/// errno (a NULL entry with errno set), so that read happens here and nowhere else.
/// Not Sendable: a directory stream belongs to the thread that reads it.
///
/// Owns: one DIR stream (and the descriptor inside it). Must not: follow anything.
public final class DirectoryReader {
    public struct Entry {
        public let name: [UInt8]
        /// d_type (DT_REG, DT_DIR, DT_LNK, ...; DT_UNKNOWN when the filesystem does not say).
        public let type: UInt8
        public var text: String { String(decoding: name, as: UTF8.self) }
    }

    private let stream: OpaquePointer

    /// Takes over `fd`, which is closed with the stream (also when this throws).
    public init(adopting fd: Int32) throws(Errno) {
        do { stream = try sysCallPointer { fdopendir(fd) } } catch {
            close(fd)
            throw error
        }
    }

    public convenience init(path: String) throws(Errno) {
        try self.init(adopting: try sysCall { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) })
    }

    deinit { closedir(stream) }

    /// The stream's descriptor, for *at calls relative to this directory.
    public var fd: Int32 { dirfd(stream) }

    /// The next entry other than "." and ".."; nil at the end.
    public func next() throws(Errno) -> Entry? {
        while true {
            errno = 0
            guard let e = readdir(stream) else {
                if errno != 0 { throw Errno.current }
                return nil
            }
            let name: [UInt8] = withUnsafeBytes(of: &e.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if name == [46] || name == [46, 46] { continue }
            return Entry(name: name, type: e.pointee.d_type)
        }
    }

    /// Every remaining entry; those before an error, when reading fails.
    public func all() -> [Entry] {
        var out: [Entry] = []
        while let e = try? next() { out.append(e) }
        return out
    }
}

/// The entries of the directory at `path` (not "." or ".."), unsorted; none when it
/// cannot be read.
public func listDirectory(_ path: String) -> [DirectoryReader.Entry] {
    (try? DirectoryReader(path: path))?.all() ?? []
}
