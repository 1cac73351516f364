import CLinux
import Glibc
import VigilSystem

/// Turning a path into (folder descriptor, entry name) without following a link, so
/// that quarantine and restore act on a folder that cannot be swapped afterwards.
///
/// Owns: path resolution for the quarantine store's callers. Must not: act on the entry.
extension QuarantineStore {
    /// For the on-access daemon: the folder holding `path`, opened beneath `root` (the
    /// upload folder, opened once at start) with openat2(RESOLVE_BENEATH |
    /// RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS), and the entry name in it. A path that
    /// leads out of the upload folder or through any link is refused.
    public static func openParent(of path: RawPath, beneath root: OpenDirectory) throws(VigilError) -> (directory: OpenDirectory, name: RawPath) {
        var rootBytes = root.path.bytes
        while rootBytes.count > 1 && rootBytes.last == UInt8(ascii: "/") { rootBytes.removeLast() }
        let prefix = rootBytes == [UInt8(ascii: "/")] ? rootBytes : rootBytes + [UInt8(ascii: "/")]
        guard path.bytes.starts(with: prefix) else { throw VigilError("\(path) is not in the folder \(root.path)") }
        var rest = path.bytes[prefix.count...]
        while rest.first == UInt8(ascii: "/") { rest = rest.dropFirst() }
        let slash = rest.lastIndex(of: UInt8(ascii: "/"))
        let name = RawPath(bytes: Array(slash.map { rest[($0 + 1)...] } ?? rest))
        guard isPlainName(name) else { throw VigilError("\(path) does not name a file in \(root.path)") }
        guard let slash else {
            do { return (try OpenDirectory.duplicate(root.fd, path: root.path), name) } catch {
                throw VigilError("cannot hold the folder \(root.path)", cause: error)
            }
        }
        let relative = RawPath(bytes: Array(rest[..<slash]))
        let resolve = UInt64(VIGIL_RESOLVE_BENEATH | VIGIL_RESOLVE_NO_SYMLINKS | VIGIL_RESOLVE_NO_MAGICLINKS)
        do {
            let fd = try relative.withCString { p throws(Errno) in
                try sysCall { vigil_openat2(root.fd, p, UInt64(O_RDONLY | O_DIRECTORY | O_CLOEXEC), 0, resolve) }
            }
            return (OpenDirectory(adopting: fd, path: path.parent), name)
        } catch {
            switch error.code {
            case ELOOP: throw VigilError("a folder on the way to \(path) is a symbolic link; not followed", cause: error)
            case EXDEV: throw VigilError("\(path) leads out of \(root.path); refused", cause: error)
            case ENOENT: throw VigilError("the folder of \(path) is gone (moved or removed)", cause: error)
            case ENOTDIR: throw VigilError("a folder on the way to \(path) is not a folder", cause: error)
            default: throw VigilError("cannot open the folder of \(path)", cause: error)
            }
        }
    }

    /// For the command line: the folder holding `path` (absolute, or relative to the
    /// working directory), opened one component at a time with openat2(RESOLVE_NO_SYMLINKS
    /// | RESOLVE_NO_MAGICLINKS), and the entry name in it. With `createMissing`, missing
    /// folders are made with mkdirat in the folder just opened, never through a path.
    public static func openParent(of path: RawPath, createMissing: Bool = false) throws(VigilError) -> (directory: OpenDirectory, name: RawPath) {
        let name = RawPath(bytes: Array(path.lastComponent))
        guard isPlainName(name) else { throw VigilError("\(path) does not name a file") }
        return (try openDirectory(path.parent, createMissing: createMissing), name)
    }

    /// Opens the folder `path` component by component from "/" (or the working
    /// directory), refusing symbolic links, /proc magic links and "..".
    public static func openDirectory(_ path: RawPath, createMissing: Bool = false, mode: mode_t = 0o755) throws(VigilError) -> OpenDirectory {
        let absolute = path.bytes.first == UInt8(ascii: "/")
        var current: OpenDirectory
        do { current = try OpenDirectory.open(RawPath(absolute ? "/" : ".")) } catch {
            throw VigilError("cannot open \(absolute ? "/" : "the working directory")", cause: error)
        }
        for component in path.bytes.split(separator: UInt8(ascii: "/")) where component != [UInt8(ascii: ".")] {
            guard component != [UInt8(ascii: "."), UInt8(ascii: ".")] else {
                throw VigilError("\(path) goes through \"..\"; give the folder without it")
            }
            let name = RawPath(bytes: Array(component))
            let shown = current.path.appending(name.bytes)
            do {
                current = try current.openChild(name)
            } catch let e where e.code == ENOENT && createMissing {
                do {
                    _ = try name.withCString { p throws(Errno) in try sysCall { mkdirat(current.fd, p, mode) } }
                } catch let e where e.code == EEXIST {
                    _ = e // made by someone else meanwhile: opened (and checked) below like any other
                } catch {
                    throw VigilError("cannot create \(shown)", cause: error)
                }
                do { current = try current.openChild(name) } catch {
                    throw describe(error, shown)
                }
            } catch {
                throw describe(error, shown)
            }
        }
        return current
    }

    private static func describe(_ error: Errno, _ shown: RawPath) -> VigilError {
        switch error.code {
        case ELOOP: VigilError("\(shown) is a symbolic link; refusing to follow it", cause: error)
        case ENOTDIR: VigilError("\(shown) is not a folder", cause: error)
        case ENOENT: VigilError("\(shown) does not exist", cause: error)
        default: VigilError("cannot open \(shown)", cause: error)
        }
    }
}
