import Glibc

/// Small filesystem helpers for the store and the signer, each a thin wrapper over one
/// or two system calls with errno turned into a message.
///
/// Owns: nothing. Must not: follow symlinks where the store does not expect them.
enum FileTree {
    struct IOError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }

    static func makeDirectories(_ path: String, mode: mode_t = 0o755) throws(IOError) {
        var built = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            built += "/" + part
            if mkdir(built, mode) != 0 && errno != EEXIST { throw IOError(message: "cannot create \(built): \(errnoText())") }
        }
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    /// Regular files below `root`, relative, sorted; hidden names skipped. Symlinks are
    /// refused: a bundle is files, not pointers to elsewhere on the signer's machine.
    static func regularFiles(under root: String) throws(IOError) -> [String] {
        var out: [String] = []
        func walk(_ rel: String) throws(IOError) {
            let dir = rel.isEmpty ? root : root + "/" + rel
            guard let d = opendir(dir) else { throw IOError(message: "cannot read \(dir): \(errnoText())") }
            defer { closedir(d) }
            var names: [String] = []
            while let e = readdir(d) {
                let name = withUnsafeBytes(of: &e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name.hasPrefix(".") { continue }
                names.append(name)
            }
            for name in names.sorted() {
                let r = rel.isEmpty ? name : rel + "/" + name
                var st = stat()
                guard lstat(root + "/" + r, &st) == 0 else { throw IOError(message: "cannot stat \(root)/\(r): \(errnoText())") }
                switch st.st_mode & S_IFMT {
                case S_IFDIR: try walk(r)
                case S_IFREG: out.append(r)
                default: throw IOError(message: "\(root)/\(r): not a regular file or folder (symlinks are not bundled)")
                }
            }
        }
        try walk("")
        return out
    }

    static func readFile(_ path: String, limit: Int) throws(IOError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw IOError(message: "cannot open \(path): \(errnoText())") }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw IOError(message: "cannot read \(path): \(errnoText())") }
            if n == 0 { return out }
            out += chunk[0..<n]
            if out.count > limit { throw IOError(message: "\(path): more than \(limit) bytes") }
        }
    }

    /// Writes a new file (never replaces one), fsynced.
    static func writeNew(_ path: String, _ bytes: [UInt8], mode: mode_t = 0o644) throws(IOError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else { throw IOError(message: "cannot create \(path): \(errnoText())") }
        defer { close(fd) }
        try writeAll(fd, bytes, path: path)
        guard fsync(fd) == 0 else { throw IOError(message: "cannot sync \(path): \(errnoText())") }
        fchmod(fd, mode)
    }

    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(IOError) {
        var done = 0
        while done < bytes.count {
            let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 { if errno == EINTR { continue }; throw IOError(message: "cannot write \(path): \(errnoText())") }
            done += n
        }
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(IOError) {
        guard !bytes.isEmpty else { return }
        var failure: IOError?
        bytes.withUnsafeBytes { raw in
            do throws(IOError) { try writeAll(fd, raw, path: path) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Replaces `path` with new contents in one rename.
    static func replace(_ path: String, _ bytes: [UInt8], mode: mode_t = 0o644) throws(IOError) {
        let tmp = path + ".tmp.\(getpid())"
        unlink(tmp)
        try writeNew(tmp, bytes, mode: mode)
        guard rename(tmp, path) == 0 else {
            let e = errnoText()
            unlink(tmp)
            throw IOError(message: "cannot replace \(path): \(e)")
        }
        syncDirectory(of: path)
    }

    static func syncDirectory(of path: String) {
        let dir = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let fd = open(dir.isEmpty ? "/" : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    static func syncDirectory(_ dir: String) {
        let fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    /// Removes a tree without following symlinks out of it.
    static func removeTree(_ path: String) {
        var st = stat()
        guard lstat(path, &st) == 0 else { return }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            if let d = opendir(path) {
                var names: [String] = []
                while let e = readdir(d) {
                    let name = withUnsafeBytes(of: &e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                    if name != "." && name != ".." { names.append(name) }
                }
                closedir(d)
                for n in names { removeTree(path + "/" + n) }
            }
            rmdir(path)
        } else {
            unlink(path)
        }
    }
}
