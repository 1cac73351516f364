import GRDBSQLite
import Glibc
import VigilSystem

/// SQLite's own unix VFS, except that a database path through `/proc/self/fd/N/` is used
/// as it is.
///
/// Why: SQLite opens files by path, and its unix VFS first "canonicalises" the path by
/// resolving every symbolic link into a path string (unixFullPathname), which it then
/// opens, and derives the WAL and shared-memory names from, later. For a quarantine store
/// that string would be the folder's path, which anyone who may write a folder above it
/// can redirect. Kept as `/proc/self/fd/N/quarantine.db`, every open goes through the
/// kernel's magic link to the folder descriptor the store holds, however the folder's
/// path changes. Any other path is handed to the unix VFS unchanged.
///
/// Owns: the registration of that VFS as SQLite's default. Must not: change anything else.
enum HeldFolderVFS {
    static let prefix = "/proc/self/fd/"

    /// The path SQLite should be given for `name` in `folder`.
    static func path(of name: String, in folder: OpenDirectory) -> String { prefix + "\(folder.fd)/" + name }

    /// Registered once, before the first store opens its database.
    static let isDefault: Bool = {
        guard let unix = sqlite3_vfs_find(nil) else { return false }
        let vfs = UnsafeMutablePointer<sqlite3_vfs>.allocate(capacity: 1) // lives as long as the process
        vfs.initialize(to: unix.pointee)
        vfs.pointee.zName = UnsafePointer(strdup("vigil-held-folder"))
        vfs.pointee.pNext = nil
        vfs.pointee.xFullPathname = { _, zPath, nOut, zOut in
            guard let zPath, let zOut else { return SQLITE_CANTOPEN }
            if strncmp(zPath, HeldFolderVFS.prefix, 14) == 0 {
                let n = strlen(zPath)
                guard n < Int(nOut) else { return SQLITE_CANTOPEN }
                memcpy(zOut, zPath, n + 1)
                return SQLITE_OK
            }
            guard let unix = sqlite3_vfs_find("unix"), let full = unix.pointee.xFullPathname else { return SQLITE_CANTOPEN }
            return full(unix, zPath, nOut, zOut)
        }
        return sqlite3_vfs_register(vfs, 1) == SQLITE_OK
    }()
}
