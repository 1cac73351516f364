import Glibc

/// A root-only folder that takes bad files out of reach.
///
/// Layout: `<sha256>` holds the bytes (mode 0400, never executable), and
/// `<sha256>-<nanos>.json` records where one copy came from. The record is written
/// (and fsynced) before the move, so a crash at any point leaves the original file, or
/// the stored file and its record: never a file that vanished without a trace.
///
/// Owns: moving files in and recording them. Must not: decide what is bad.
public final class QuarantineStore: Sendable {
    public let directory: String

    public init(directory: String) throws(VigilError) {
        self.directory = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        try makeDirectories(self.directory, mode: 0o700)
        guard chmod(self.directory, 0o700) == 0 else {
            throw VigilError("cannot make \(self.directory) private", cause: .current)
        }
    }

    public struct Record: Sendable {
        public let id: String
        public let storedPath: String
        public let originalPath: RawPath
        public let sha256: String
    }

    /// Moves the scanned file into the store. `file` is the descriptor that was scanned:
    /// the path must still name that same inode, or nothing is moved.
    public func quarantine(_ file: OpenFile, path: RawPath, stat st: stat, report: FileReport) throws(VigilError) -> Record {
        let sha: String
        if let d = report.sha256 { sha = d.description } else { sha = try sha256(of: file) }
        let id = "\(sha)-\(wallClockNanos())"
        let stored = directory + "/" + sha
        let recordPath = directory + "/" + id + ".json"

        try requireSameInode(path, as: st)

        var rec = JSONLine()
        rec.add("id", id)
        rec.add("@timestamp", isoTimestamp())
        var origin = JSONLine()
        origin.add("path", path.description)
        origin.add("path_base64", base64(path.bytes))
        origin.add("size", Int(st.st_size))
        origin.add("mode", Int(st.st_mode & 0o7777))
        origin.add("uid", Int(st.st_uid))
        origin.add("gid", Int(st.st_gid))
        origin.add("mtime", Int(st.st_mtim.tv_sec))
        origin.add("mtime_nsec", Int(st.st_mtim.tv_nsec))
        rec.add("original", object: origin)
        rec.add("sha256", sha)
        rec.add("mime_type", report.mimeType)
        rec.add("reasons", report.findings.map { "\($0.source.rawValue):\($0.name)" })
        rec.add("host", hostName())
        try writeFileAtomically(recordPath, contents: rec.text + "\n", mode: 0o600)

        var existing = stat()
        if lstat(stored, &existing) == 0 {
            // Same bytes are already stored; the record keeps this copy's origin.
            try requireSameInode(path, as: st)
            guard path.withCString({ unlink($0) }) == 0 else { throw VigilError("cannot remove \(path)", cause: .current) }
        } else if path.withCString({ p in rename(p, stored) }) == 0 {
            var moved = stat()
            if lstat(stored, &moved) != 0 || moved.st_ino != st.st_ino || moved.st_dev != st.st_dev {
                // Someone swapped the file between our check and the rename: put it back.
                _ = path.withCString { p in rename(stored, p) }
                unlink(recordPath)
                throw VigilError("\(path) was replaced while it was being quarantined; left in place")
            }
        } else if errno == EXDEV {
            try copyIn(file, to: stored, id: id)
            try requireSameInode(path, as: st)
            guard path.withCString({ unlink($0) }) == 0 else { throw VigilError("copied to quarantine but cannot remove \(path)", cause: .current) }
        } else {
            let e = Errno.current
            unlink(recordPath)
            throw VigilError("cannot move \(path) to \(stored)", cause: e)
        }
        _ = chmod(stored, 0o400)
        syncDirectory(directory)
        if let parent = path.parentDirectory { syncDirectory(parent) }
        return Record(id: id, storedPath: stored, originalPath: path, sha256: sha)
    }

    private func copyIn(_ file: OpenFile, to stored: String, id: String) throws(VigilError) {
        let tmp = directory + "/.tmp-" + id
        let out = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o400)
        guard out >= 0 else { throw VigilError("cannot create \(tmp)", cause: .current) }
        defer { close(out) }
        var buf = [UInt8](repeating: 0, count: 1 << 20)
        var offset: Int64 = 0
        while true {
            let n: Int
            do { n = try file.read(into: &buf, at: offset) }
            catch { unlink(tmp); throw VigilError("cannot read the file to quarantine", cause: error) }
            if n == 0 { break }
            var written = 0
            while written < n {
                let w = buf.withUnsafeBytes { write(out, $0.baseAddress! + written, n - written) }
                if w < 0 { if errno == EINTR { continue }; let e = Errno.current; unlink(tmp); throw VigilError("cannot write \(tmp)", cause: e) }
                written += w
            }
            offset += Int64(n)
        }
        guard fsync(out) == 0 else { let e = Errno.current; unlink(tmp); throw VigilError("fsync \(tmp)", cause: e) }
        guard rename(tmp, stored) == 0 else { let e = Errno.current; unlink(tmp); throw VigilError("cannot rename into \(stored)", cause: e) }
    }

    private func requireSameInode(_ path: RawPath, as st: stat) throws(VigilError) {
        var now = stat()
        guard path.withCString({ lstat($0, &now) }) == 0 else {
            throw VigilError("\(path) vanished before it could be quarantined", cause: .current)
        }
        guard now.st_ino == st.st_ino && now.st_dev == st.st_dev else {
            throw VigilError("\(path) was replaced after it was scanned; left in place")
        }
    }

    private func sha256(of file: OpenFile) throws(VigilError) -> String {
        let digest = MultiDigest()
        digest.start(.sha256)
        var buf = [UInt8](repeating: 0, count: 1 << 20)
        var offset: Int64 = 0
        while true {
            let n: Int
            do { n = try file.read(into: &buf, at: offset) }
            catch { throw VigilError("cannot read the file to hash it", cause: error) }
            if n == 0 { break }
            buf.withUnsafeBytes { digest.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            offset += Int64(n)
        }
        return digest.finish().sha256!.description
    }
}

extension RawPath {
    var parentDirectory: String? {
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        return slash == 0 ? "/" : String(decoding: bytes[..<slash], as: UTF8.self)
    }
}

func makeDirectories(_ path: String, mode: mode_t) throws(VigilError) {
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
func writeFileAtomically(_ path: String, contents: String, mode: mode_t) throws(VigilError) {
    let tmp = path + ".tmp"
    let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
    guard fd >= 0 else { throw VigilError("cannot create \(tmp)", cause: .current) }
    let bytes = Array(contents.utf8)
    var done = 0
    while done < bytes.count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, bytes.count - done) }
        if n < 0 { if errno == EINTR { continue }; let e = Errno.current; close(fd); unlink(tmp); throw VigilError("cannot write \(tmp)", cause: e) }
        done += n
    }
    let ok = fsync(fd) == 0
    close(fd)
    guard ok, rename(tmp, path) == 0 else { let e = Errno.current; unlink(tmp); throw VigilError("cannot write \(path)", cause: e) }
}

func syncDirectory(_ path: String) {
    let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if fd >= 0 { fsync(fd); close(fd) }
}

func wallClockNanos() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
}

/// RFC 3339 UTC with milliseconds, as ECS `@timestamp` expects.
public func isoTimestamp() -> String {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    var t = time_t(ts.tv_sec)
    var tmv = tm()
    gmtime_r(&t, &tmv)
    var buf = [CChar](repeating: 0, count: 32)
    strftime(&buf, buf.count, "%Y-%m-%dT%H:%M:%S", &tmv)
    let ms = Int(ts.tv_nsec / 1_000_000)
    let msText = ms < 10 ? "00\(ms)" : ms < 100 ? "0\(ms)" : "\(ms)"
    return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) + "." + msText + "Z"
}

public func hostName() -> String {
    var buf = [CChar](repeating: 0, count: 256)
    gethostname(&buf, buf.count - 1)
    return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

public func base64(_ bytes: [UInt8]) -> String {
    let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    var out = [UInt8]()
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var i = 0
    while i < bytes.count {
        let b0 = UInt32(bytes[i])
        let b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
        let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
        let v = b0 << 16 | b1 << 8 | b2
        out.append(table[Int(v >> 18 & 63)])
        out.append(table[Int(v >> 12 & 63)])
        out.append(i + 1 < bytes.count ? table[Int(v >> 6 & 63)] : UInt8(ascii: "="))
        out.append(i + 2 < bytes.count ? table[Int(v & 63)] : UInt8(ascii: "="))
        i += 3
    }
    return String(decoding: out, as: UTF8.self)
}
