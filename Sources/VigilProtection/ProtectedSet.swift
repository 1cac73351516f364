import CLinux
import Glibc
import Synchronization
import VigilConfig
import VigilEngine
import VigilSystem

/// One protected file as sealed: its content hash, ownership and mode, and the identity
/// of the inode now at its path (to notice a swap without reading it).
public struct ProtectedFile: Sendable, Equatable {
    public let path: String
    public var sha256: String
    public var mode: mode_t
    public var uid: uid_t
    public var gid: gid_t
    /// The inode now at `path`, as last verified; refreshed after each restore.
    var identity: FileIdentity?
}

/// What a cheap `lstat` can tell about a file: if any of it changes, the content must be
/// checked again.
struct FileIdentity: Sendable, Equatable {
    let dev: UInt64, ino: UInt64, size: Int64, mode: mode_t, uid: uid_t, gid: gid_t
    let mtimeSec: Int, mtimeNsec: Int, ctimeSec: Int, ctimeNsec: Int

    init(_ st: stat) {
        dev = UInt64(st.st_dev); ino = UInt64(st.st_ino); size = Int64(st.st_size)
        mode = st.st_mode; uid = st.st_uid; gid = st.st_gid
        mtimeSec = st.st_mtim.tv_sec; mtimeNsec = st.st_mtim.tv_nsec
        ctimeSec = st.st_ctim.tv_sec; ctimeNsec = st.st_ctim.tv_nsec
    }

    static func of(_ path: String) -> FileIdentity? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        return FileIdentity(st)
    }
}

/// The protected set: which files, their SHA-256 manifest, and the sealed copies they are
/// restored from. Everything lives in `<state_dir>/protection`, a root-only (0700) folder.
///
/// Layout: `manifest.tsv` (one `sha256 TAB mode TAB uid TAB gid TAB path` line per file),
/// `sealed/<sha256>` (the bytes, mode 0400, immutable where the filesystem allows).
///
/// Owns: the manifest and the sealed copies. Must not: watch files or log.
public final class ProtectedSet: Sendable {
    public let directory: String
    var sealedDirectory: String { directory + "/sealed" }
    public var manifestPath: String { directory + "/manifest.tsv" }

    public init(stateDirectory: String) throws(VigilError) {
        directory = stateDirectory + "/protection"
        try makeDirectories(stateDirectory, mode: 0o700)
        try makeDirectories(directory, mode: 0o700)
        try makeDirectories(directory + "/sealed", mode: 0o700)
        chmod(directory, 0o700)
    }

    /// The files a config protects: Vigil's own (binary, config, signatures, installed
    /// units) when `ownFiles`, plus `paths`. Folders stand for every regular file below
    /// them. Files inside the state folder are left out: they are its own business.
    public static func candidates(config: ProtectionConfig, executable: String, configFile: String?,
                                  signaturePaths: [String], stateDirectory: String) -> [String] {
        var roots: [String] = []
        if config.ownFiles {
            roots.append(executable)
            if let configFile { roots.append(configFile) }
            // Trusted keys for `vigil rules update`: a planted key would sign anything.
            roots.append(Paths.trustedKeys)
            roots += signaturePaths
            // `vigil install` puts the units in /etc, the Debian package in /lib.
            for dir in [Paths.unitDirectory, Paths.packagedUnitDirectory] {
                for unit in Paths.units { roots.append(dir + "/" + unit) }
            }
        }
        roots += config.paths
        var out: [String] = []
        var seen = Swift.Set<String>()
        let state = stateDirectory.hasSuffix("/") ? stateDirectory : stateDirectory + "/"
        for root in roots {
            for file in regularFiles(under: root) where !file.hasPrefix(state) && !seen.contains(file) {
                // A newline or tab would break the manifest's lines; such a name is not ours.
                if file.contains("\n") || file.contains("\t") { continue }
                seen.insert(file)
                out.append(file)
            }
        }
        return out
    }

    package static func regularFiles(under root: String) -> [String] {
        var st = stat()
        guard lstat(root, &st) == 0 else { return [] }
        if st.isRegular { return [root] }
        guard st.isDirectory else { return [] }
        let names = listDirectory(root).map(\.text)
        let base = root.hasSuffix("/") ? String(root.dropLast()) : root
        return names.sorted().flatMap { regularFiles(under: base + "/" + $0) }
    }

    // MARK: manifest

    public func loadManifest() -> [ProtectedFile]? {
        manifestBytes().map(Self.parseManifest)
    }

    /// The manifest's bytes as on disk (what a signature covers); nil when there is none.
    public func manifestBytes() -> [UInt8]? { readWholeFile(manifestPath, limit: 64 << 20) }

    public static func parseManifest(_ bytes: [UInt8]) -> [ProtectedFile] {
        let text = String(decoding: bytes, as: UTF8.self)
        var out: [ProtectedFile] = []
        for line in text.split(separator: "\n") {
            let f = line.split(separator: "\t", maxSplits: 4, omittingEmptySubsequences: false)
            guard f.count == 5, let mode = UInt32(f[1], radix: 8), let uid = UInt32(f[2]), let gid = UInt32(f[3]) else { continue }
            out.append(ProtectedFile(path: String(f[4]), sha256: String(f[0]), mode: mode, uid: uid, gid: gid, identity: nil))
        }
        return out
    }

    public func saveManifest(_ files: [ProtectedFile]) throws(VigilError) {
        let text = files.map { "\($0.sha256)\t\(String($0.mode & 0o7777, radix: 8))\t\($0.uid)\t\($0.gid)\t\($0.path)\n" }.joined()
        try writeManifest(Array(text.utf8))
    }

    /// Writes the manifest's bytes and remembers them as this process's: the sweep
    /// (TamperGuard.checkManifest) puts them back when anyone else rewrites the file.
    public func writeManifest(_ bytes: [UInt8]) throws(VigilError) {
        // Under the lock: the sweep never sees the new file before it is this process's.
        try written.withLock { (w: inout Written?) throws(VigilError) in
            try writeFileAtomically(manifestPath, contents: String(decoding: bytes, as: UTF8.self), mode: 0o600)
            w = Written(bytes: bytes, identity: FileIdentity.of(manifestPath))
        }
    }

    /// The manifest this process wrote or adopted (after verifying it at load), and the
    /// inode, size and times it had then: one lstat per sweep tells whether it changed.
    struct Written: Sendable {
        var bytes: [UInt8]
        var identity: FileIdentity?
    }
    let written = Mutex<Written?>(nil)

    /// The manifest as found becomes the one to keep (verified by the caller).
    public func adoptManifest() {
        guard let bytes = manifestBytes() else { return }
        written.withLock { $0 = Written(bytes: bytes, identity: FileIdentity.of(manifestPath)) }
    }

    /// When anyone but this process rewrote (or deleted) the manifest since it was
    /// written or adopted: puts this process's bytes back and returns what was found
    /// (nil bytes: deleted) and whether the put-back worked. nil when unchanged.
    public func putBackManifestIfChanged() -> (found: [UInt8]?, kept: [UInt8], error: String?)? {
        written.withLock { (w: inout Written?) -> (found: [UInt8]?, kept: [UInt8], error: String?)? in
            guard let mine = w else { return nil }
            let now = FileIdentity.of(manifestPath)
            if now != nil && now == mine.identity { return nil }
            let found = manifestBytes()
            if found == mine.bytes {
                w?.identity = now
                return nil
            }
            var error: String?
            do {
                try writeFileAtomically(manifestPath, contents: String(decoding: mine.bytes, as: UTF8.self), mode: 0o600)
            } catch let e { error = "\(e)" }
            w?.identity = FileIdentity.of(manifestPath)
            return (found, mine.bytes, error)
        }
    }

    // MARK: sealing

    /// Reads `path` as it is now and keeps a sealed copy of its bytes. Streams: the
    /// copy is written while it is hashed, 64 KiB at a time, so sealing a 60 MB binary
    /// does not hold 60 MB (and leave the heap that large) in the daemon.
    public func seal(_ path: String) throws(VigilError) -> ProtectedFile {
        let fd = try sysCall(orThrow: "cannot open \(path) to seal it") { open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.isRegular else { throw VigilError("\(path) is not a regular file; not sealed") }
        let tmp = sealedDirectory + "/.sealing-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let out = try sysCall(orThrow: "cannot create \(tmp)") { open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o400) }
        let sha: String
        do { sha = try copyHashing(from: fd, to: out, what: path) } catch {
            close(out)
            unlink(tmp)
            throw error
        }
        let target = sealedDirectory + "/" + sha
        if sha256Hex(file: target) == sha {
            // Already sealed (unchanged file, or the same bytes under another name).
            close(out)
            unlink(tmp)
        } else {
            let synced = Result { () throws(Errno) in try sysCall { fsync(out) } }
            close(out)
            _ = try? InodeFlags.setImmutable(target, false)
            unlink(target)
            do {
                _ = try synced.get()
                _ = try sysCall { rename(tmp, target) }
            } catch {
                unlink(tmp)
                throw VigilError("cannot store \(target)", cause: error)
            }
            _ = try? InodeFlags.setImmutable(target, true)
        }
        return ProtectedFile(path: path, sha256: sha, mode: st.st_mode & 0o7777, uid: st.st_uid, gid: st.st_gid,
                             identity: FileIdentity(st))
    }

    /// The sealed bytes for `sha`, verified: a damaged copy is never restored.
    public func sealedBytes(sha: String) throws(VigilError) -> [UInt8] {
        let path = sealedDirectory + "/" + sha
        let fd = try sysCall(orThrow: "the sealed copy \(path) is missing") { open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC) }
        defer { close(fd) }
        let bytes = try readAll(fd, what: path)
        guard sha256Hex(bytes) == sha else { throw VigilError("the sealed copy \(path) is damaged") }
        return bytes
    }

    /// The SHA-256 of a file's bytes, streamed (a 60 MB binary is not held); nil when
    /// it cannot be read.
    public static func digest(file path: String) -> String? { sha256Hex(file: path) }

    /// The SHA-256 of a program, links followed: for /proc/PID/exe, a link the kernel
    /// resolves to the very inode the process executes, even one replaced or deleted
    /// since (the O_NOFOLLOW of `digest(file:)` refuses it with ELOOP); nil when it
    /// cannot be read.
    public static func digest(program path: String) -> String? {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return try? copyHashing(from: fd, to: -1, what: path)
    }

    /// The digest the manifest under `stateDirectory` seals for `path`, read only
    /// (nothing is created: a client asks this, not the daemon); nil when none.
    public static func sealedDigest(of path: String, stateDirectory: String) -> String? {
        guard let text = try? readTextFile(stateDirectory + "/protection/manifest.tsv") else { return nil }
        for line in text.split(separator: "\n") {
            let f = line.split(separator: "\t", maxSplits: 4, omittingEmptySubsequences: false)
            if f.count == 5, f[4] == path { return String(f[0]) }
        }
        return nil
    }

    /// Puts the sealed bytes of `f` back at its path (TamperGuard after tampering,
    /// SealedLoad before a load): see TamperGuard.restore for how.
    func restoreFile(_ f: ProtectedFile) throws(VigilError) {
        let bytes = try sealedBytes(sha: f.sha256)
        let slash = f.path.lastIndex(of: "/")!
        let dir = slash == f.path.startIndex ? "/" : String(f.path[..<slash])
        let tmp = dir + "/.vigil-restore-\(getpid())-" + String(f.path[f.path.index(after: slash)...])
        // Its folder may have been moved or removed with it.
        try makeDirectories(dir, mode: 0o755)
        _ = try? InodeFlags.setImmutable(tmp, false)
        unlink(tmp)
        let out = try sysCall(orThrow: "cannot create \(tmp)") { open(tmp, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600) }
        do throws(VigilError) {
            try writeAllChecked(out, bytes, what: tmp)
            _ = fchown(out, f.uid, f.gid)
            _ = fchmod(out, f.mode)
            _ = try sysCall(orThrow: "cannot fsync \(tmp)") { fsync(out) }
            guard lseek(out, 0, SEEK_SET) == 0 else { throw VigilError("cannot rewind \(tmp)") }
            let back = try copyHashing(from: out, to: -1, what: tmp)
            guard back == f.sha256 else { throw VigilError("\(tmp) reads back as \(back), not the sealed \(f.sha256)") }
        } catch {
            close(out)
            unlink(tmp)
            throw error
        }
        close(out)
        // An immutable impostor (or the original with its flag) would refuse the rename.
        _ = try? InodeFlags.setImmutable(f.path, false)
        do { _ = try sysCall { rename(tmp, f.path) } } catch {
            var st = stat()
            if lstat(f.path, &st) == 0 && st.isDirectory && rmdir(f.path) == 0 && rename(tmp, f.path) == 0 {
                // An empty folder had taken its place.
            } else {
                unlink(tmp)
                throw VigilError("cannot rename the restored copy onto \(f.path)", cause: error)
            }
        }
        syncDirectory(dir)
    }

    /// Removes sealed copies no manifest entry refers to (after a maintenance re-seal).
    public func pruneSealed(keeping files: [ProtectedFile]) {
        // The last signed manifest's copies stay: they are what a refused (unsigned)
        // manifest falls back on.
        let signed = readWholeFile(directory + "/manifest.signed.tsv", limit: 64 << 20).map(Self.parseManifest) ?? []
        let keep = Swift.Set((files + signed).map(\.sha256))
        let stale = listDirectory(sealedDirectory).map(\.text).filter { $0.count == 64 && !keep.contains($0) }
        for name in stale {
            _ = try? InodeFlags.setImmutable(sealedDirectory + "/" + name, false)
            unlink(sealedDirectory + "/" + name)
        }
    }
}

/// Copies `from` to `to` (-1: nowhere) in 64 KiB chunks; returns the SHA-256 of the bytes.
func copyHashing(from fd: Int32, to out: Int32, what: String) throws(VigilError) -> String {
    let d = MultiDigest()
    d.start(.sha256)
    var buf = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = try sysCall(orThrow: "cannot read \(what)") { buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) } }
        if n == 0 { break }
        buf.withUnsafeBytes { d.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        if out >= 0 { try writeAllChecked(out, Array(buf[0..<n]), what: "the copy of \(what)") }
    }
    return d.finish().sha256!.description
}

/// Writes all of `bytes`, continuing short writes; throws on any error (ENOSPC, EIO,
/// EDQUOT): a protected file's copy must never be taken for written when it is not.
func writeAllChecked(_ fd: Int32, _ bytes: [UInt8], what: String) throws(VigilError) {
    var done = 0
    while done < bytes.count {
        let sent = done
        let n = try sysCall(orThrow: "cannot write \(what)") { bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + sent, bytes.count - sent) } }
        if n == 0 { throw VigilError("cannot write \(what): no progress") }
        done += n
    }
}

/// The SHA-256 of a file's bytes, streamed; nil when it cannot be read.
func sha256Hex(file path: String) -> String? {
    let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    return try? copyHashing(from: fd, to: -1, what: path)
}

func sha256Hex(_ bytes: [UInt8]) -> String {
    let d = MultiDigest()
    d.start(.sha256)
    bytes.withUnsafeBytes { d.update($0) }
    return d.finish().sha256!.description
}
