import Glibc
import VigilEngine
import VigilEvents
import VigilSystem

/// The rules store: one folder per installed version and one `current` symlink, the only
/// thing a swap changes (one rename(2), atomic: a reader sees the old set or the new one).
///
/// ```
/// STORE/versions/41/…        an earlier set, kept for `vigil rules rollback`
/// STORE/versions/42/…        rule files + .vigil-manifest, .vigil-manifest.sig, .vigil-version
/// STORE/current -> versions/42
/// STORE/accepted             highest version ever installed: older or equal ones are refused
/// STORE/staging/…            downloads in progress (removed on failure)
/// STORE/.lock                flock: one update or rollback at a time
/// ```
///
/// Owns: the store's layout and every change to it. Must not: fetch or verify.
public final class RuleStore {
    public let root: String
    public var versionsDirectory: String { root + "/versions" }
    public var currentLink: String { root + "/current" }
    var acceptedFile: String { root + "/accepted" }
    var stagingDirectory: String { root + "/staging" }
    private var lockFD: Int32 = -1

    public struct StoreError: Error, CustomStringConvertible, Sendable {
        public let message: String
        public var description: String { message }
    }

    public init(root: String) throws(StoreError) {
        var r = root
        while r.count > 1 && r.hasSuffix("/") { r.removeLast() }
        self.root = r
        do {
            try FileTree.makeDirectories(versionsDirectory)
            try FileTree.makeDirectories(stagingDirectory)
        } catch { throw StoreError(message: error.message) }
    }

    deinit { if lockFD >= 0 { close(lockFD) } }

    /// Takes the store's lock, or fails at once if another update or rollback holds it.
    public func lock() throws(StoreError) {
        guard lockFD < 0 else { return }
        let fd = open(root + "/.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError(message: "cannot open \(root)/.lock: \(FileTree.errnoText())") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw StoreError(message: "another update or rollback is running on \(root)")
        }
        lockFD = fd
    }

    public func unlock() {
        if lockFD >= 0 { close(lockFD); lockFD = -1 }
    }

    public func directory(of version: UInt64) -> String { versionsDirectory + "/\(version)" }

    /// The version `current` points to, if any.
    public func currentVersion() -> UInt64? {
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink(currentLink, &buf, buf.count - 1)
        guard n > 0 else { return nil }
        let target = String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard target.hasPrefix("versions/") else { return nil }
        return UInt64(target.dropFirst("versions/".count))
    }

    /// Installed versions, oldest first.
    public func installedVersions() -> [UInt64] {
        guard let d = opendir(versionsDirectory) else { return [] }
        defer { closedir(d) }
        var out: [UInt64] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: &e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if let v = UInt64(name), FileTree.isDirectory(versionsDirectory + "/" + name) { out.append(v) }
        }
        return out.sorted()
    }

    /// The highest version ever accepted here (a rollback does not lower it).
    public func acceptedVersion() -> UInt64? {
        let recorded = (try? FileTree.readFile(acceptedFile, limit: 64)).flatMap {
            UInt64(String(decoding: $0, as: UTF8.self).trimmingCharacters())
        }
        switch (recorded, currentVersion()) {
        case (let a?, let c?): return max(a, c)
        case (let a?, nil): return a
        case (nil, let c?): return c
        default: return nil
        }
    }

    public func recordAccepted(_ version: UInt64) throws(StoreError) {
        do { try FileTree.replace(acceptedFile, Array("\(version)\n".utf8)) } catch { throw StoreError(message: error.message) }
    }

    /// A fresh folder for a download, inside the store (so installing it is a rename on
    /// one filesystem).
    public func makeStaging(for version: UInt64) throws(StoreError) -> String {
        var template = Array("\(stagingDirectory)/\(version)-XXXXXX".utf8CString)
        guard let p = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw StoreError(message: "cannot create a staging folder in \(stagingDirectory): \(FileTree.errnoText())")
        }
        let path = String(cString: p)
        chmod(path, 0o755)
        return path
    }

    public func discard(_ path: String) { FileTree.removeTree(path) }

    /// Moves a complete staging folder to `versions/N` (replacing a leftover of a failed
    /// earlier attempt at the same version, never the current one).
    public func install(staging: String, version: UInt64) throws(StoreError) {
        let target = directory(of: version)
        if FileTree.exists(target) {
            guard currentVersion() != version else { throw StoreError(message: "version \(version) is the current one; not replaced") }
            FileTree.removeTree(target)
        }
        guard rename(staging, target) == 0 else { throw StoreError(message: "cannot move \(staging) to \(target): \(FileTree.errnoText())") }
        FileTree.syncDirectory(versionsDirectory)
    }

    /// Points `current` at `versions/N` in one rename.
    public func point(currentTo version: UInt64) throws(StoreError) {
        guard FileTree.isDirectory(directory(of: version)) else { throw StoreError(message: "version \(version) is not installed") }
        let tmp = root + "/.current.\(getpid())"
        unlink(tmp)
        guard symlink("versions/\(version)", tmp) == 0 else { throw StoreError(message: "cannot create \(tmp): \(FileTree.errnoText())") }
        guard rename(tmp, currentLink) == 0 else {
            let e = FileTree.errnoText()
            unlink(tmp)
            throw StoreError(message: "cannot replace \(currentLink): \(e)")
        }
        FileTree.syncDirectory(root)
    }

    /// Removes all but the newest `keep` versions (never the current one), and leftovers
    /// of interrupted downloads. Returns the versions removed.
    @discardableResult
    public func prune(keep: Int) -> [UInt64] {
        let current = currentVersion()
        let all = installedVersions()
        var removed: [UInt64] = []
        for v in all.dropLast(max(1, keep)) where v != current {
            FileTree.removeTree(directory(of: v))
            removed.append(v)
        }
        if let d = opendir(stagingDirectory) {
            var names: [String] = []
            while let e = readdir(d) {
                let name = withUnsafeBytes(of: &e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name != "." && name != ".." { names.append(name) }
            }
            closedir(d)
            for n in names { FileTree.removeTree(stagingDirectory + "/" + n) }
        }
        return removed
    }

    /// The installed set's version record.
    public func version(_ v: UInt64) -> RulesVersion? { RulesVersion.read(directory: directory(of: v)) }
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\n" || f == "\t" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\n" || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}
