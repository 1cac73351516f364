import CLinux
import Foundation
import GRDB
import Glibc
import VigilEngine
import VigilEvents
import VigilSystem

/// Taking a scanned file out of the folder it was found in.
///
/// The race this closes: between the scan and the move, anyone who may write the folder
/// (or a folder on its path) can swap names, for example a folder for a symbolic link to
/// a root-only folder. So no path is ever resolved again: the folder is a descriptor the
/// caller opened when it found the file, the file is an entry name in that folder, and
/// an entry is removed only after it has been renamed into a folder only we can write
/// and shown there to be the scanned inode (dev, ino). An entry that turns out to be
/// something else was swapped in by someone: it is renamed back (never replacing
/// anything) and the quarantine fails with an alert.
///
/// Same filesystem: renameat2(folder, name -> store, .moving-<id>, RENAME_NOREPLACE),
/// check, then name it by its digest (or drop it when that content is stored already).
/// Across filesystems: copy from the scanned descriptor, check the digest, fsync, name
/// it by its digest; then rename the original into a fresh private staging folder on
/// its own mount, check, and unlink it there.
///
/// Owns: the move of one file into the store. Must not: decide what is bad, follow links.
extension QuarantineStore {
    /// Why a move did not happen.
    enum MoveFailure: Error {
        /// Nothing of the original left its folder (or it was put back): the rows can go.
        case nothingMoved(VigilError)
        /// An entry that is not the scanned file could not be put back yet: the pending
        /// row stays, so that recovery returns it later.
        case holding(VigilError)
    }

    /// Moves the scanned file into the store. `file` is the descriptor that was scanned
    /// and `st` its fstat; `directory` is the folder it was found in, held open since,
    /// and `name` its entry there. `displayPath` is only recorded and shown.
    public func quarantine(_ file: OpenFile, in directory: OpenDirectory, name: RawPath, displayPath: RawPath,
                           stat st: stat, report: FileReport, source: String = "scan") throws(VigilError) -> Record {
        // Recorded absolute: a relative scan argument, restored from another working
        // directory, would otherwise recreate the file somewhere else.
        let displayPath = QuarantineStore.absolute(displayPath)
        guard isPlainName(name) else { throw VigilError("\(displayPath): \(name) is not an entry name; not moved") }
        guard st.isRegular else { throw VigilError("\(displayPath) is not a regular file; not moved") }
        if let now = try? file.stat() { precondition(now.sameInode(as: st), "quarantine: the stat given is not the scanned descriptor's") }
        let sha: String
        if let d = report.sha256 { sha = d.description } else { sha = try sha256(of: file) }
        let id = String(sha.prefix(16)) + "-" + String(wallClockNanos(), radix: 36)
        try requireEntry(name, in: directory, is: st, displayPath)
        let parent: stat
        do { parent = try directory.stat() } catch { throw VigilError("cannot stat the folder of \(displayPath)", cause: error) }

        // Recovery must not settle a move while it is under way (another process, such
        // as `vigil quarantine list`, may open the store meanwhile).
        let lock = lockFolder(exclusive: false)
        defer { unlockFolder(lock) }
        let reasons = "[" + report.findings.map { JSONLine.quote("\($0.source.rawValue):\($0.name)") }.joined(separator: ",") + "]"
        do {
            try writeSealed { db in
                try db.execute(sql: """
                    INSERT INTO entries (id, state, sha256, original_path, original_dev, original_ino, size, mode, uid, gid, owner, grp,
                        atime_sec, atime_nsec, mtime_sec, mtime_nsec, mime_type, reasons, quarantined_at, host, source)
                    VALUES (?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [id, sha, Data(displayPath.bytes), Int64(bitPattern: UInt64(st.st_dev)), Int64(bitPattern: UInt64(st.st_ino)),
                                     Int64(st.st_size), Int64(st.st_mode & 0o7777), Int64(st.st_uid), Int64(st.st_gid),
                                     userName(st.st_uid), groupName(st.st_gid),
                                     Int64(st.st_atim.tv_sec), Int64(st.st_atim.tv_nsec), Int64(st.st_mtim.tv_sec), Int64(st.st_mtim.tv_nsec),
                                     report.mimeType, reasons, isoTimestamp(), hostName(), source])
                try db.execute(sql: "INSERT INTO moves (id, parent_dev, parent_ino) VALUES (?, ?, ?)",
                               arguments: [id, Int64(bitPattern: UInt64(parent.st_dev)), Int64(bitPattern: UInt64(parent.st_ino))])
            }
        } catch {
            throw VigilError("cannot record the quarantine in \(self.directory): \(error)")
        }
        step("after-pending")

        do {
            if try !moveWithinFilesystem(file, in: directory, name: name, displayPath, stat: st, sha: sha, id: id) {
                try copyIn(file, sha: sha, id: id, displayPath)
                step("after-move")
                try removeOriginal(name, in: directory, displayPath, stat: st, id: id)
            }
        } catch {
            switch error {
            case .nothingMoved(let why):
                // The original is where it was: drop the rows and any copy nobody needs.
                _ = try? writeSealed { db in
                    try db.execute(sql: "DELETE FROM entries WHERE id = ?", arguments: [id])
                    try db.execute(sql: "DELETE FROM moves WHERE id = ?", arguments: [id])
                }
                try? removeStoredIfUnreferenced(sha)
                throw why
            case .holding(let why):
                throw why
            }
        }
        step("before-commit")
        do {
            try commit(id)
        } catch {
            // The bytes are stored and the original is gone; recovery completes the row.
            throw VigilError("quarantined \(displayPath) but could not commit its record (recovery will): \(error)")
        }
        appendEvent(action: "quarantine", id: id, path: displayPath, sha: sha, reasons: report.findings.map(\.name))
        return Record(id: id, storedPath: self.directory + "/" + sha, originalPath: displayPath, sha256: sha)
    }

    /// The on-access daemon's call: `path` is where the kernel says the scanned file is;
    /// its folder is opened beneath `root` (the upload folder's descriptor, opened at
    /// start) without following any link, and the move acts on that folder only.
    public func quarantine(_ file: OpenFile, at path: RawPath, beneath root: OpenDirectory, stat st: stat,
                           report: FileReport, source: String) throws(VigilError) -> Record {
        let (folderOfFile, name) = try QuarantineStore.openParent(of: path, beneath: root)
        return try quarantine(file, in: folderOfFile, name: name, displayPath: path, stat: st, report: report, source: source)
    }

    func commit(_ id: String) throws {
        try writeSealed { db in
            try db.execute(sql: "UPDATE entries SET state = 'stored' WHERE id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM moves WHERE id = ?", arguments: [id])
        }
    }

    // MARK: same filesystem

    /// Renames the entry into the store, then checks that it is the scanned inode.
    /// Returns false when the store is on another filesystem (or mount).
    private func moveWithinFilesystem(_ file: OpenFile, in directory: OpenDirectory, name: RawPath, _ shown: RawPath,
                                      stat st: stat, sha: String, id: String) throws(MoveFailure) -> Bool {
        let moving = RawPath(".moving-" + id)
        do {
            try QuarantineStore.rename(directory, name, to: folder, moving)
        } catch {
            switch error.code {
            // Another filesystem or mount, or Landlock refusing to give the file more
            // rights than it had: copy instead.
            case EXDEV: return false
            case ENOENT: throw .nothingMoved(VigilError("\(shown) vanished before it could be quarantined", cause: error))
            default: throw .nothingMoved(VigilError("cannot move \(shown) into \(self.directory)", cause: error))
            }
        }
        step("after-stage")
        // The store is ours alone: what is at `moving` now stays what we check here.
        guard let moved = try? folder.stat(moving), moved.sameInode(as: st) else {
            throw swapped(shown, from: folder, moving, to: directory, name, id: id)
        }
        // Through the scanned descriptor: the same inode, never executable again.
        _ = try? sysCall { fchmod(file.fd, 0o400) }
        do {
            if try nameByDigest(moving, sha: sha) { step("after-unlink") }
        } catch {
            if let back = putBack(from: folder, moving, to: directory, name, id: id) {
                throw .nothingMoved(VigilError("cannot store \(shown); put back\(back == name ? "" : " as \(back)")", cause: error))
            }
            throw .holding(VigilError("cannot store \(shown); it stays in \(self.directory)/\(moving) until recovery settles it", cause: error))
        }
        folder.sync()
        step("after-move")
        directory.sync()
        return true
    }

    /// Gives a checked original in the store its digest name, or drops it when those
    /// bytes are stored already (one copy per content); true when it was dropped.
    @discardableResult
    func nameByDigest(_ moving: RawPath, sha: String) throws(Errno) -> Bool {
        if (try? folder.stat(RawPath(sha))) == nil {
            do {
                try QuarantineStore.rename(folder, moving, to: folder, RawPath(sha))
                return false
            } catch let e where e.code == EEXIST {
                _ = e // stored meanwhile by another quarantine of the same bytes
            }
        }
        try folder.remove(moving)
        return true
    }

    // MARK: across filesystems

    /// A copy read from the scanned descriptor (never from a path), checked against the
    /// scanned digest, synced, then named by its digest.
    private func copyIn(_ file: OpenFile, sha: String, id: String, _ shown: RawPath) throws(MoveFailure) {
        let tmp = RawPath(".tmp-" + id)
        let out: Int32
        do {
            out = try tmp.withCString { p throws(Errno) in
                try sysCall { openat(folder.fd, p, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o400) }
            }
        } catch {
            throw .nothingMoved(VigilError("cannot create \(directory)/\(tmp)", cause: error))
        }
        var named = false
        defer {
            close(out)
            if !named { try? folder.remove(tmp) }
        }
        let digest = MultiDigest()
        digest.start(.sha256)
        do { try copyBytes(from: file, to: out, what: "\(directory)/\(tmp)", digest: digest) } catch { throw .nothingMoved(error) }
        guard digest.finish().sha256?.description == sha else {
            throw .nothingMoved(VigilError("\(shown) changed after it was scanned; left in place (it is checked again when opened)"))
        }
        do { _ = try sysCall { fsync(out) } } catch { throw .nothingMoved(VigilError("fsync \(directory)/\(tmp)", cause: error)) }
        step("after-copy")
        if (try? folder.stat(RawPath(sha))) == nil {
            do {
                try QuarantineStore.rename(folder, tmp, to: folder, RawPath(sha))
                named = true
            } catch let e where e.code == EEXIST {
                _ = e // the same bytes were stored meanwhile: this copy goes
            } catch {
                throw .nothingMoved(VigilError("cannot store \(shown)", cause: error))
            }
        }
        folder.sync()
    }

    /// The original must still leave its folder. It is renamed into a fresh private
    /// staging folder on its own mount, checked there, and only then unlinked: the unlink
    /// acts in a folder nobody else can write, so it can hit nothing but the scanned inode.
    private func removeOriginal(_ name: RawPath, in directory: OpenDirectory, _ shown: RawPath, stat st: stat, id: String) throws(MoveFailure) {
        let stageName = RawPath(".vigil-stage-" + id)
        var lastError: Errno?
        for place in QuarantineStore.stagingPlaces(for: directory) {
            guard let placeStat = try? place.stat() else { continue }
            // Recorded before it exists: after a crash, recovery finds it through this row.
            do {
                try writeSealed { db in
                    try db.execute(sql: "UPDATE moves SET stage_path = ?, stage_dev = ?, stage_ino = ? WHERE id = ?",
                                   arguments: [Data(place.currentPath.bytes), Int64(bitPattern: UInt64(placeStat.st_dev)),
                                               Int64(bitPattern: UInt64(placeStat.st_ino)), id])
                }
            } catch {
                throw .nothingMoved(VigilError("cannot record the quarantine in \(self.directory): \(error)"))
            }
            do {
                _ = try stageName.withCString { p throws(Errno) in try sysCall { mkdirat(place.fd, p, 0o700) } }
            } catch {
                lastError = error // not allowed here (permissions, Landlock, read-only): try the next place
                continue
            }
            // Whatever is under that name now must be ours and private, or it is not used
            // (someone who may write `place` could have swapped our new folder).
            guard let stage = try? place.openChild(stageName, sameMount: true), let stageStat = try? stage.stat(),
                  stageStat.st_uid == geteuid(), stageStat.st_mode & 0o777 == 0o700 else {
                lastError = Errno(EPERM)
                continue
            }
            defer { QuarantineStore.removeStage(stageName, stage: stageStat, in: place) }
            let parked = RawPath("f")
            do {
                try QuarantineStore.rename(directory, name, to: stage, parked)
            } catch {
                switch error.code {
                case ENOENT: throw .nothingMoved(VigilError("\(shown) vanished before it could be removed; the copy is discarded", cause: error))
                case EXDEV, EACCES, EPERM: lastError = error; continue
                default: throw .nothingMoved(VigilError("cannot remove \(shown)", cause: error))
                }
            }
            step("after-stage")
            guard let parkedStat = try? stage.stat(parked), parkedStat.sameInode(as: st) else {
                throw swapped(shown, from: stage, parked, to: directory, name, id: id)
            }
            do {
                try stage.remove(parked)
            } catch {
                if let back = putBack(from: stage, parked, to: directory, name, id: id) {
                    throw .nothingMoved(VigilError("cannot remove \(shown); put back\(back == name ? "" : " as \(back)")", cause: error))
                }
                throw .holding(VigilError("cannot remove \(shown); it stays parked in \(stage.currentPath) until recovery settles it", cause: error))
            }
            step("after-unlink")
            directory.sync()
            return
        }
        throw .nothingMoved(VigilError("found no folder on the mount of \(shown) where it can be removed safely; the copy is discarded and the original left in place", cause: lastError))
    }

    /// Folders on the mount of `directory` where a private staging folder can go: the
    /// nearest ones up the tree that nobody but us can change first (then nothing at all
    /// is left to race), and the file's own folder last.
    static func stagingPlaces(for directory: OpenDirectory) -> [OpenDirectory] {
        var places: [OpenDirectory] = []
        var current = directory
        for _ in 0..<64 {
            if let st = try? current.stat(), onlyWeCanChange(st) { places.append(current) }
            guard let up = try? current.parentOnSameMount() else { break }
            current = up
        }
        if !places.contains(where: { $0 === directory }) { places.append(directory) }
        return places
    }

    /// Nobody but us can add, rename or remove our entries in a folder with this status:
    /// ours, and writable by nobody else, or sticky (others cannot touch our entries).
    static func onlyWeCanChange(_ st: stat) -> Bool {
        st.st_uid == geteuid() && (st.st_mode & 0o022 == 0 || st.st_mode & S_ISVTX != 0)
    }

    /// Removes our (empty) staging folder. In a folder only we can change this is exact.
    /// In the file's own folder it is the one bounded race left: between the check and
    /// the rmdir, someone who may write that folder can put another entry under the name;
    /// rmdir then removes it only if it is an empty directory there, which that person
    /// could have removed (or, in a sticky folder, only moved there because it is theirs).
    static func removeStage(_ stageName: RawPath, stage: stat, in place: OpenDirectory) {
        guard let now = try? place.stat(stageName), now.sameInode(as: stage) else { return }
        try? place.remove(stageName, directory: true)
        place.sync()
    }

    // MARK: swapped entries

    /// The entry renamed was not the scanned file: someone swapped the name between the
    /// check and the rename. It is put back, never deleted, and the move fails loudly.
    private func swapped(_ shown: RawPath, from holder: OpenDirectory, _ taken: RawPath, to directory: OpenDirectory,
                         _ name: RawPath, id: String) -> MoveFailure {
        let what = "\(shown) was swapped for another entry while it was being quarantined (a race, possibly an attack)"
        if let back = putBack(from: holder, taken, to: directory, name, id: id) {
            return .nothingMoved(VigilError("\(what); that entry was put back untouched\(back == name ? "" : " as \(back)") and the scanned file was not moved", alert: true))
        }
        return .holding(VigilError("\(what); that entry could not be put back yet and is held in \(holder.currentPath) until recovery returns it", alert: true))
    }

    /// Renames `taken` back into the folder it came from: under its own name if that is
    /// free, else under a name of ours; never replacing anything. Returns the name used.
    func putBack(from holder: OpenDirectory, _ taken: RawPath, to directory: OpenDirectory, _ name: RawPath, id: String) -> RawPath? {
        for candidate in [name, RawPath(".vigil-returned-" + id)] {
            do {
                try QuarantineStore.rename(holder, taken, to: directory, candidate)
                directory.sync()
                return candidate
            } catch {
                if error.code != EEXIST { return nil }
            }
        }
        return nil
    }

    // MARK: helpers

    /// The name still holds the scanned inode: a cheap early refusal (the move itself
    /// checks again after the rename, which is what makes it safe).
    func requireEntry(_ name: RawPath, in directory: OpenDirectory, is st: stat, _ shown: RawPath) throws(VigilError) {
        let now: stat
        do { now = try directory.stat(name) } catch { throw VigilError("\(shown) vanished before it could be quarantined", cause: error) }
        guard !now.isSymlink else {
            throw VigilError("\(shown) is a symbolic link; the file it leads to is not moved through it (quarantine it by its own path)")
        }
        guard now.sameInode(as: st) else { throw VigilError("\(shown) was replaced after it was scanned; left in place") }
    }

    /// renameat2 between two held folders; never replaces an existing entry.
    static func rename(_ from: OpenDirectory, _ a: RawPath, to: OpenDirectory, _ b: RawPath) throws(Errno) {
        _ = try a.withCString { pa throws(Errno) in
            try b.withCString { pb throws(Errno) in
                try sysCall { vigil_renameat2(from.fd, pa, to.fd, pb, UInt32(VIGIL_RENAME_NOREPLACE)) }
            }
        }
    }

    /// flock on the store folder: shared while moving, exclusive while recovering. Each
    /// holder locks its own open of the folder (flock belongs to the open file, so two
    /// threads sharing `folder` would otherwise release each other's lock).
    func lockFolder(exclusive: Bool) -> Int32 {
        guard let fd = try? sysCall({ openat(folder.fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC) }) else { return -1 }
        _ = try? sysCall { flock(fd, exclusive ? LOCK_EX : LOCK_SH) }
        return fd
    }

    func unlockFolder(_ fd: Int32) {
        if fd >= 0 { close(fd) }
    }
}
