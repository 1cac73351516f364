import Foundation
import GRDB
import Glibc
import VigilEngine
import VigilSystem

/// The database's seal: after each of its own writes, a Vigil process records the
/// inode, size and modification time of quarantine.db and of its WAL in
/// `quarantine.db.seal` (through the held folder). The daemon compares every 2 s
/// (QuarantineStore.tampering): a quarantine.db deleted, replaced, or written by another
/// program (sqlite3 writes the WAL or the file) no longer matches, and that is an event.
/// O(1) per write: a digest of every row would make each quarantine cost the table.
/// Not a secret: a root that restores the times and sizes (or rewrites the seal) is not
/// caught; the edit that does not is.
///
/// Owns: the seal file. Must not: change the database.
extension QuarantineStore {
    static let sealName = "quarantine.db.seal"

    /// A write through the store, sealed after it commits.
    func writeSealed<T>(_ updates: (Database) throws -> T) throws -> T {
        let result = try db.write(updates)
        seal()
        return result
    }

    /// "ino size mtime" of the database and its WAL ("-" when absent).
    static func fingerprint(_ stat: (String) -> Glibc.stat?) -> String {
        ["quarantine.db", "quarantine.db-wal"].map { name in
            guard let st = stat(name) else { return "-" }
            return "\(st.st_ino):\(st.st_size):\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
        }.joined(separator: " ")
    }

    /// Records what the database is now. Best effort: a seal that cannot be written
    /// shows up as a mismatch later, which is the safe side.
    func seal() {
        let text = "v2 " + Self.fingerprint { try? folder.stat(RawPath($0)) } + "\n"
        let tmp = "quarantine.db.seal.tmp"
        let fd = openat(folder.fd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        writeAllBytes(fd, Array(text.utf8))
        close(fd)
        if renameat(folder.fd, tmp, folder.fd, Self.sealName) != 0 { unlinkat(folder.fd, tmp, 0) }
    }

    /// Why the store at `dir` no longer matches its seal, or nil (it matches, or it was
    /// never sealed: a store from before seals, or none there).
    public static func tampering(_ dir: String) -> String? {
        guard let text = try? readTextFile(dir + "/" + sealName) else { return nil }
        guard text.hasPrefix("v2 ") else { return "the seal \(dir)/\(sealName) is unreadable" }
        let sealed = text.dropFirst(3).split(separator: " ").map { $0.filter { $0 != "\n" } }
        let now = fingerprint { name in
            var st = stat()
            return lstat(dir + "/" + name, &st) == 0 ? st : nil
        }.split(separator: " ").map(String.init)
        guard sealed.count == 2, now.count == 2 else { return "the seal \(dir)/\(sealName) is unreadable" }
        if now[0] == "-" { return "\(dir)/quarantine.db was deleted" }
        if now[0].split(separator: ":").first != sealed[0].split(separator: ":").first {
            return "\(dir)/quarantine.db was replaced by another file"
        }
        if now != sealed { return "\(dir)/quarantine.db was changed outside Vigil (its file or WAL was written since Vigil last wrote it)" }
        return nil
    }
}
