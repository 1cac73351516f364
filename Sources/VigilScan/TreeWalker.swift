import CLinux
import Glibc
import VigilEngine
import VigilSystem

/// A regular file the walker opened and a worker will scan.
public struct ScanJob: Sendable {
    public let file: OpenFile
    public let path: RawPath
    public let stat: stat
    /// The folder the file was found in, held open (shared by every job found there)
    /// until the last job is done, and the file's entry name in it: quarantine acts on
    /// these, never on `path`, which a racer may have redirected meanwhile.
    public let directory: OpenDirectory
    public let name: RawPath
}

public struct WalkOptions: Sendable {
    public var followSymlinks = false
    public var oneFileSystem = false
    /// Glob patterns: with a `/` they match the whole path, otherwise the last name.
    public var excludes: [String] = []
    /// clamscan's `--exclude` / `--exclude-dir`: POSIX extended regexes over the whole
    /// path of files / of folders below the roots (issue 13).
    public var excludeRegexes: [PathRegex] = []
    public var excludeDirRegexes: [PathRegex] = []
    public init() {}
}

/// Walks files and folders and opens every regular file for a worker, without ever
/// opening FIFOs, sockets or device nodes, without following symlinks unless asked,
/// and without stopping at anything the tree throws at it.
///
/// Owns: directory traversal and the first open of each file. Must not: read file contents.
public struct TreeWalker {
    public let options: WalkOptions
    /// Files to scan.
    public let found: (ScanJob) -> Void
    /// Everything that is not scanned: skipped on purpose, or failed.
    public let note: (RawPath, FileReport.Status) -> Void
    /// Symlinks not followed (counted, not printed: they are not files).
    public let symlinkSkipped: () -> Void

    private struct DevIno: Hashable { let dev: UInt; let ino: UInt }

    public init(options: WalkOptions, found: @escaping (ScanJob) -> Void,
                note: @escaping (RawPath, FileReport.Status) -> Void, symlinkSkipped: @escaping () -> Void = {}) {
        self.options = options
        self.found = found
        self.note = note
        self.symlinkSkipped = symlinkSkipped
    }

    /// Walks one root given by the user. A root that is a symlink is followed, as `find -H` does.
    public func walk(_ root: RawPath) {
        var st = stat()
        do { _ = try root.withCString { p throws(Errno) in try sysCall { stat(p, &st) } } } catch {
            let e = error
            let l = root.withCString { p -> Int32 in var s = stat(); return lstat(p, &s) }
            if e.code == ELOOP || (e.code == ENOENT && l == 0) {
                note(root, .failed("symbolic link loop or dangling link"))
            } else {
                note(root, .failed(e.description))
            }
            return
        }
        if st.isDirectory {
            do {
                let fd = try root.withCString { (p) throws(Errno) in
                    try sysCall { open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
                }
                var visited = Set<DevIno>()
                if CLinux.vigil_fs_is_pseudo(CLinux.vigil_fs_type(fd)) != 0 {
                    close(fd)
                    note(root, .skipped("kernel pseudo-filesystem, not scanned"))
                    return
                }
                walkDirectory(fd: fd, path: root, rootDev: st.st_dev, parentDev: st.st_dev,
                              ancestors: [DevIno(dev: UInt(st.st_dev), ino: UInt(st.st_ino))], visited: &visited)
            } catch {
                note(root, .failed(error.description))
            }
        } else if st.isRegular {
            // The folder is held from now on, and the file is opened in it: whatever a
            // quarantine later removes is this name in this folder.
            let folder: OpenDirectory
            do { folder = try OpenDirectory.open(root.parent) } catch {
                note(root, .failed("cannot open its folder: \(error)"))
                return
            }
            var held: OpenDirectory? = folder
            openFile(in: folder.fd, holder: &held, name: RawPath(bytes: Array(root.lastComponent)), path: root, follow: true)
        } else {
            note(root, .skipped(st.kindName + ", not read"))
        }
    }

    private func excluded(_ path: RawPath, name: ArraySlice<UInt8>) -> Bool {
        if options.excludeRegexes.contains(where: { $0.matches(path) }) { return true }
        guard !options.excludes.isEmpty else { return false }
        let nameRaw = RawPath(bytes: Array(name))
        for pattern in options.excludes {
            let subject = pattern.contains("/") ? path : nameRaw
            let hit = subject.withCString { s in fnmatch(pattern, s, 0) == 0 }
            if hit { return true }
        }
        return false
    }

    private func walkDirectory(fd: Int32, path: RawPath, rootDev: dev_t, parentDev: dev_t,
                               ancestors: Set<DevIno>, visited: inout Set<DevIno>) {
        let dir: DirectoryReader
        do { dir = try DirectoryReader(adopting: fd) } catch {
            note(path, .failed("cannot read directory: \(error)"))
            return
        }
        let dirfd = dir.fd
        // A second descriptor for the jobs, made with the first file found: the stream's
        // own goes with closedir, the jobs' stays until the last of them is done.
        var held: OpenDirectory?
        while true {
            let entry: DirectoryReader.Entry
            do {
                guard let next = try dir.next() else { return }
                entry = next
            } catch {
                note(path, .failed("error reading directory: \(error)"))
                return
            }
            let name = entry.name
            let child = path.appending(name)
            if excluded(child, name: name[...]) { continue }
            var type = entry.type
            let nameRaw = RawPath(bytes: name)
            if type == UInt8(DT_UNKNOWN) || (type == UInt8(DT_LNK) && options.followSymlinks) {
                var st = stat()
                let flags: Int32 = type == UInt8(DT_LNK) ? 0 : AT_SYMLINK_NOFOLLOW
                do { _ = try nameRaw.withCString { p throws(Errno) in try sysCall { fstatat(dirfd, p, &st, flags) } } } catch {
                    let e = error
                    if e.code == ENOENT && type == UInt8(DT_LNK) { note(child, .skipped("dangling symbolic link")) }
                    else if e.code == ENOENT { note(child, .skipped("vanished before it could be scanned")) }
                    else if e.code == ELOOP { note(child, .skipped("symbolic link loop")) }
                    else { note(child, .failed(e.description)) }
                    continue
                }
                let follow = type == UInt8(DT_LNK)
                type = st.isDirectory ? UInt8(DT_DIR) : st.isRegular ? UInt8(DT_REG) : st.isSymlink ? UInt8(DT_LNK) : UInt8(DT_FIFO)
                if type == UInt8(DT_FIFO) { note(child, .skipped(st.kindName + ", not read")); continue }
                if follow && type == UInt8(DT_REG) { openFile(in: dirfd, holder: &held, name: nameRaw, path: child, follow: true); continue }
                if follow && type == UInt8(DT_DIR) {
                    enterDirectory(relativeTo: dirfd, name: nameRaw, path: child, follow: true, rootDev: rootDev,
                                   parentDev: parentDev, ancestors: ancestors, visited: &visited)
                    continue
                }
            }
            switch Int32(type) {
            case Int32(DT_REG): openFile(in: dirfd, holder: &held, name: nameRaw, path: child, follow: false)
            case Int32(DT_DIR):
                enterDirectory(relativeTo: dirfd, name: nameRaw, path: child, follow: false, rootDev: rootDev,
                               parentDev: parentDev, ancestors: ancestors, visited: &visited)
            case Int32(DT_LNK): symlinkSkipped()
            case Int32(DT_FIFO): note(child, .skipped("FIFO, not read"))
            case Int32(DT_SOCK): note(child, .skipped("socket, not read"))
            case Int32(DT_CHR): note(child, .skipped("character device, not read"))
            case Int32(DT_BLK): note(child, .skipped("block device, not read"))
            default: note(child, .skipped("special file, not read"))
            }
        }
    }

    private func enterDirectory(relativeTo dirfd: Int32, name: RawPath, path: RawPath, follow: Bool, rootDev: dev_t,
                                parentDev: dev_t, ancestors: Set<DevIno>, visited: inout Set<DevIno>) {
        if options.excludeDirRegexes.contains(where: { $0.matches(path) }) { return }
        let flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW)
        let fd: Int32
        do { fd = try name.withCString { p throws(Errno) in try sysCall { openat(dirfd, p, flags) } } } catch {
            let e = error
            switch e.code {
            case ENOENT: note(path, .skipped("vanished before it could be scanned"))
            case ELOOP: note(path, .skipped("symbolic link loop"))
            // Listed as a folder, but by now something else (a symbolic link swapped in,
            // which O_NOFOLLOW | O_DIRECTORY reports this way): not followed.
            case ENOTDIR where !follow: note(path, .skipped("replaced by a symbolic link or a file while the scan ran; not followed"))
            default: note(path, .failed("cannot open directory: \(e)"))
            }
            return
        }
        var st = stat()
        do { _ = try sysCall { fstat(fd, &st) } } catch {
            note(path, .failed("cannot stat directory: \(error)"))
            close(fd)
            return
        }
        let key = DevIno(dev: UInt(st.st_dev), ino: UInt(st.st_ino))
        if ancestors.contains(key) {
            note(path, .skipped("symbolic link loop (points to an enclosing directory)"))
            close(fd)
            return
        }
        if follow && !visited.insert(key).inserted {
            close(fd) // already walked through another link
            return
        }
        if st.st_dev != parentDev {
            if options.oneFileSystem && st.st_dev != rootDev {
                note(path, .skipped("on another filesystem (--one-file-system)"))
                close(fd)
                return
            }
            if CLinux.vigil_fs_is_pseudo(CLinux.vigil_fs_type(fd)) != 0 {
                note(path, .skipped("kernel pseudo-filesystem, not scanned"))
                close(fd)
                return
            }
        }
        var inner = ancestors
        inner.insert(key)
        walkDirectory(fd: fd, path: path, rootDev: rootDev, parentDev: st.st_dev, ancestors: inner, visited: &visited)
    }

    private func openFile(in dirfd: Int32, holder: inout OpenDirectory?, name: RawPath, path: RawPath, follow: Bool) {
        let flags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW)
        let file: OpenFile
        do { file = try OpenFile.open(name, relativeTo: dirfd, flags: flags) } catch {
            switch error.code {
            case ENOENT: note(path, .skipped("vanished before it could be scanned"))
            case ELOOP: symlinkSkipped()
            case ENXIO: note(path, .skipped("socket, not read"))
            default: note(path, .failed("cannot open: \(error)"))
            }
            return
        }
        let st: stat
        do { st = try file.stat() } catch {
            note(path, .failed("cannot stat: \(error)"))
            return
        }
        guard st.isRegular else {
            note(path, .skipped(st.kindName + ", not read"))
            return
        }
        if st.st_size == 0, CLinux.vigil_fs_is_pseudo(CLinux.vigil_fs_type(file.fd)) != 0 {
            note(path, .skipped("kernel pseudo-file, not scanned"))
            return
        }
        if holder == nil {
            do { holder = try OpenDirectory.duplicate(dirfd, path: path.parent) } catch {
                note(path, .failed("cannot hold its folder open: \(error)"))
                return
            }
        }
        found(ScanJob(file: file, path: path, stat: st, directory: holder!, name: name))
    }
}
