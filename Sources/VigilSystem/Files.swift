import CLinux
import Glibc

// Whole-file reads and writes, folders and links: the small file helpers every part of
// Vigil uses, each a thin layer over its system calls (through sysCall).
//
// Owns: those helpers. Must not: decide what a failure means beyond its message.

/// mkdir -p: every missing folder on the way (the last one with `mode`).
package func makeDirectories(_ path: String, mode: mode_t) throws(VigilError) {
    var st = stat()
    if stat(path, &st) == 0 {
        guard st.isDirectory else { throw VigilError("\(path) exists and is not a directory") }
        return
    }
    if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
        try makeDirectories(String(path[..<slash]), mode: 0o755)
    }
    do { _ = try sysCall { mkdir(path, mode) } } catch where error.code == EEXIST {
        // Made by someone else meanwhile.
    } catch {
        throw VigilError("cannot create \(path)", cause: error)
    }
}

/// Writes via a temporary file, fsync and rename, so readers see all or nothing.
package func writeFileAtomically(_ path: String, contents: String, mode: mode_t) throws(VigilError) {
    let tmp = path + ".tmp"
    let fd = try sysCall(orThrow: "cannot create \(tmp)") { open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode) }
    writeAllBytes(fd, Array(contents.utf8))
    let synced = Result { () throws(Errno) in try sysCall { fsync(fd) } }
    close(fd)
    do {
        _ = try synced.get()
        _ = try sysCall { rename(tmp, path) }
    } catch {
        unlink(tmp)
        throw VigilError("cannot write \(path)", cause: error)
    }
}

/// Forces a folder's entries to disk (after a rename into it); best effort.
package func syncDirectory(_ path: String) {
    guard let fd = try? sysCall({ open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }) else { return }
    _ = try? sysCall { fsync(fd) }
    close(fd)
}

/// Writes all of `bytes` (short writes continued); gives up silently on an error: for
/// logs and replies, where there is nobody left to tell.
package func writeAllBytes(_ fd: Int32, _ bytes: [UInt8]) {
    var done = 0
    while done < bytes.count {
        let sent = done
        guard let n = try? sysCall({ bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + sent, bytes.count - sent) } }) else { return }
        done += n
    }
}

/// readlink(2) into raw bytes.
public func readLink(_ path: String) -> RawPath? {
    var buf = [UInt8](repeating: 0, count: 4096)
    guard let n = try? sysCall({ buf.withUnsafeMutableBytes { readlink(path, $0.baseAddress!.assumingMemoryBound(to: CChar.self), 4096) } }),
          n > 0 else { return nil }
    return RawPath(bytes: Array(buf[0..<n]))
}

/// The path the kernel shows for an open descriptor (/proc/self/fd/N), or nil. Read into
/// the stack; the one allocation is the result's bytes (the event thread reads it for
/// every event whose location depends on its path).
public func fdPath(_ fd: Int32) -> RawPath? {
    // Most paths fit 512 bytes, which Swift keeps on the stack (larger temporary
    // allocations go to the heap); a longer one is read again into PATH_MAX bytes.
    let short = withUnsafeTemporaryAllocation(byteCount: 512, alignment: 1) { buf -> (RawPath?, Bool) in
        let n = vigil_fd_path(fd, buf.baseAddress!.assumingMemoryBound(to: CChar.self), 512)
        guard n > 0 else { return (nil, false) }
        guard n < 512 else { return (nil, true) }
        return (RawPath(bytes: Array(UnsafeRawBufferPointer(rebasing: buf[0..<n]))), false)
    }
    guard short.1 else { return short.0 }
    return withUnsafeTemporaryAllocation(byteCount: 4096, alignment: 1) { buf -> RawPath? in
        let n = vigil_fd_path(fd, buf.baseAddress!.assumingMemoryBound(to: CChar.self), 4096)
        // 4096 bytes read: possibly cut (PATH_MAX); treated as unreadable.
        guard n > 0, n < 4096 else { return nil }
        return RawPath(bytes: Array(UnsafeRawBufferPointer(rebasing: buf[0..<n])))
    }
}

/// The first 8 KiB of a small text file (procfs status lines, markers), or nil.
package func readSmallFile(_ path: String) -> String? {
    guard let fd = try? sysCall({ open(path, O_RDONLY | O_CLOEXEC) }) else { return nil }
    defer { close(fd) }
    var buf = [UInt8](repeating: 0, count: 8192)
    guard let n = try? sysCall({ buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, 8192) } }), n > 0 else { return nil }
    return String(decoding: buf[0..<n], as: UTF8.self)
}

/// A whole small file (procfs tables), or nil; what was read before an error.
package func readWholeFile(_ path: String, limit: Int = 4 << 20) -> [UInt8]? {
    guard let fd = try? sysCall({ open(path, O_RDONLY | O_CLOEXEC) }) else { return nil }
    defer { close(fd) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while out.count < limit {
        guard let n = try? sysCall({ chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) } }) else { return out.isEmpty ? nil : out }
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

/// The whole of `fd` from where it stands.
package func readAll(_ fd: Int32, what: String) throws(VigilError) -> [UInt8] {
    var out: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = try sysCall(orThrow: "cannot read \(what)") { buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) } }
        if n == 0 { return out }
        out.append(contentsOf: buf[0..<n])
    }
}

/// realpath(3): the canonical path, every link resolved; nil when it does not resolve.
package func realpathString(_ path: String) -> String? {
    guard let p = realpath(path, nil) else { return nil }
    defer { free(p) }
    return String(cString: p)
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

