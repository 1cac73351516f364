import CLinux
import Glibc

// Whole-file reads and writes, folders and links: the small file helpers every part of
// Vigil uses, each a thin layer over its system calls.

package func makeDirectories(_ path: String, mode: mode_t) throws(VigilError) {
    var st = stat()
    if stat(path, &st) == 0 {
        guard st.isDirectory else { throw VigilError("\(path) exists and is not a directory") }
        return
    }
    if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
        try makeDirectories(String(path[..<slash]), mode: 0o755)
    }
    if mkdir(path, mode) != 0 && errno != EEXIST { throw VigilError("cannot create \(path)", cause: .current) }
}

/// Writes via a temporary file, fsync and rename, so readers see all or nothing.
package func writeFileAtomically(_ path: String, contents: String, mode: mode_t) throws(VigilError) {
    let tmp = path + ".tmp"
    let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
    guard fd >= 0 else { throw VigilError("cannot create \(tmp)", cause: .current) }
    writeAllBytes(fd, Array(contents.utf8))
    let ok = fsync(fd) == 0
    close(fd)
    guard ok, rename(tmp, path) == 0 else { let e = Errno.current; unlink(tmp); throw VigilError("cannot write \(path)", cause: e) }
}

package func syncDirectory(_ path: String) {
    let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if fd >= 0 { fsync(fd); close(fd) }
}

package func writeAllBytes(_ fd: Int32, _ bytes: [UInt8]) {
    var done = 0
    while done < bytes.count {
        let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
        if n < 0 { if errno == EINTR { continue }; return }
        done += n
    }
}

/// readlink(2) into raw bytes.
public func readLink(_ path: String) -> RawPath? {
    var buf = [UInt8](repeating: 0, count: 4096)
    let n = buf.withUnsafeMutableBytes { readlink(path, $0.baseAddress!.assumingMemoryBound(to: CChar.self), 4096) }
    guard n > 0 else { return nil }
    return RawPath(bytes: Array(buf[0..<n]))
}

package func readSmallFile(_ path: String) -> String? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var buf = [UInt8](repeating: 0, count: 8192)
    let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, 8192) }
    guard n > 0 else { return nil }
    return String(decoding: buf[0..<n], as: UTF8.self)
}

/// A whole small file (procfs tables), or nil.
package func readWholeFile(_ path: String, limit: Int = 4 << 20) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while out.count < limit {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 { if errno == EINTR { continue }; return out.isEmpty ? nil : out }
        if n == 0 { break }
        out += chunk[0..<n]
    }
    return out
}

/// Reads a whole (small) config-like file as UTF-8 text.
package func readTextFile(_ path: String) throws(Errno) -> String {
    let file = try OpenFile.open(RawPath(path), flags: O_RDONLY | O_CLOEXEC)
    var bytes = [UInt8]()
    var chunk = [UInt8](repeating: 0, count: 65536)
    var offset: Int64 = 0
    while true {
        let n = try file.read(into: &chunk, at: offset)
        if n == 0 { break }
        bytes.append(contentsOf: chunk[0..<n])
        offset += Int64(n)
        if n < chunk.count { break }
    }
    return String(decoding: bytes, as: UTF8.self)
}

package func realpathString(_ path: String) -> String? {
    guard let p = realpath(path, nil) else { return nil }
    defer { free(p) }
    return String(cString: p)
}

package func readAll(_ fd: Int32, what: String) throws(VigilError) -> [UInt8] {
    var out: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 { if errno == EINTR { continue }; throw VigilError("cannot read \(what)", cause: .current) }
        if n == 0 { return out }
        out.append(contentsOf: buf[0..<n])
    }
}


/// The mount point holding `path` (walks up while the device stays the same).
package func filesystemRoot(of path: String) -> String {
    var current = realpathString(path) ?? path
    var st = stat()
    guard stat(current, &st) == 0 else { return "/" }
    let dev = st.st_dev
    while current != "/" {
        let parent = current.lastIndex(of: "/").map { $0 == current.startIndex ? "/" : String(current[..<$0]) } ?? "/"
        var pst = stat()
        if stat(parent, &pst) != 0 || pst.st_dev != dev { return current }
        current = parent
    }
    return "/"
}

