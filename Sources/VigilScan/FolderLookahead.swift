import Glibc
import VigilSystem

/// What a command-line target of `vigil scan` stands for in the two start-up choices
/// (PrefilterChoice, ThreadChoice): a file is one file; a folder that holds only a
/// handful of small files is those files; any other folder is "a folder" (any amount).
///
/// Owns: that bounded look, by names and stat(2) alone. No file is opened, so an
/// on-access scanner on the same host sees nothing of it. Must not: decide (the choices
/// do), or stand in for the walk (TreeWalker reads the tree again, as it finds it then).
///
/// Why: a folder used to be "any amount" unseen. A cron job or upload hook that scans a
/// folder holding one file paid for a bulk scan: the prefilter's compile (about 4 ms of
/// CPU with the bench rules) and, with the sandbox, one `vigil scan-worker` process per
/// core (about 7 ms each), to scan nothing much. The look gives up at the first sign of
/// more (too many files, bytes or names, a link the walk would follow, a folder too deep
/// or unreadable), so on a big tree it costs a few directory reads and the run is as
/// before. The choices only change how fast the verdicts come, never the verdicts; if the
/// folder grows between the look and the walk, the walk still scans all of it.
public enum FolderLookahead {
    /// Names read at most (all folders together) before giving up.
    public static let maxNames = 64
    /// Folders deeper than this below the named one: give up.
    public static let maxDepth = 8

    /// The targets `path` stands for: nil for a name that cannot be looked at (the scan
    /// reports its error), one file, the files of a small folder (at least one target,
    /// so an empty folder still gets its one thread), or the folder itself.
    public static func targets(_ path: RawPath, followSymlinks: Bool) -> [PrefilterChoice.Target?] {
        var st = stat()
        guard path.withCString({ stat($0, &st) }) == 0 else { return [nil] }
        let target = PrefilterChoice.Target(st)
        guard target?.isDirectory == true else { return [target] }
        guard let sizes = smallContents(path, followSymlinks: followSymlinks) else { return [target] }
        if sizes.isEmpty { return [PrefilterChoice.Target(isDirectory: false, size: 0)] }
        return sizes.map { PrefilterChoice.Target(isDirectory: false, size: $0) }
    }

    /// The sizes of the regular files under `folder` (its sub-folders included), or nil
    /// when that is more than `maxFiles` files or `maxBytes` bytes, or cannot be told
    /// within the bounds above.
    public static func smallContents(_ folder: RawPath, followSymlinks: Bool,
                                     maxFiles: Int = PrefilterChoice.fewFiles,
                                     maxBytes: Int64 = PrefilterChoice.smallTotal) -> [Int64]? {
        let fd = folder.withCString { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard fd >= 0 else { return nil }
        var look = Look(followSymlinks: followSymlinks, maxFiles: maxFiles, maxBytes: maxBytes)
        return look.folder(fd: fd, depth: 0) ? look.sizes : nil
    }

    private struct Look {
        let followSymlinks: Bool
        let maxFiles: Int
        let maxBytes: Int64
        var sizes: [Int64] = []
        var total: Int64 = 0
        var names = 0

        /// False as soon as the folder behind `fd` (which this closes) is not small.
        mutating func folder(fd: Int32, depth: Int) -> Bool {
            guard depth <= FolderLookahead.maxDepth, let dir = try? DirectoryReader(adopting: fd) else { return false }
            while true {
                let entry: DirectoryReader.Entry
                do {
                    guard let next = try dir.next() else { return true }
                    entry = next
                } catch {
                    return false
                }
                names += 1
                guard names <= FolderLookahead.maxNames else { return false }
                var st = stat()
                let name = RawPath(bytes: entry.name)
                guard name.withCString({ fstatat(dir.fd, $0, &st, AT_SYMLINK_NOFOLLOW) }) == 0 else {
                    // Vanished since readdir: the walk will not find it either.
                    if errno == ENOENT { continue }
                    return false
                }
                switch st.st_mode & S_IFMT {
                case S_IFREG:
                    sizes.append(Int64(st.st_size))
                    total += max(Int64(st.st_size), 0)
                    guard sizes.count <= maxFiles, total <= maxBytes else { return false }
                case S_IFDIR:
                    let sub = name.withCString { openat(dir.fd, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
                    guard sub >= 0, folder(fd: sub, depth: depth + 1) else { return false }
                case S_IFLNK:
                    // The walk skips links unless told to follow them; then they may lead
                    // anywhere, as big as it is.
                    if followSymlinks { return false }
                default:
                    break   // FIFOs, sockets, devices: never read by the walk
                }
            }
        }
    }
}
