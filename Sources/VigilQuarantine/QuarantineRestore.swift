import CLinux
import Glibc
import VigilSystem

/// Putting a quarantined file back, as root, into a folder that may be writable by the
/// very user whose file it was.
///
/// The race this closes: restore used to write into a parent folder resolved by path; a
/// folder on that path swapped for a symbolic link sent a file with its original owner
/// and mode anywhere (/etc/profile.d, say). Now the destination folder is opened one
/// component at a time without following any link (missing folders are made with
/// mkdirat in the folder just opened), the file is built unnamed (O_TMPFILE) in that
/// folder and given its owner, mode and times through its descriptor, and only then
/// linked under its name, which fails rather than replace anything unless `force`.
///
/// Owns: `restore`. Must not: follow a link, replace a file without `force`.
extension QuarantineStore {
    /// Puts the bytes back with their owner, mode and times. Refuses to replace an
    /// existing file unless `force`, and refuses a destination reached through a link.
    public func restore(_ id: String, to target: RawPath? = nil, force: Bool = false) throws(VigilError) -> Entry {
        let e = try entry(id)
        let dest = target ?? e.originalPath
        let source: OpenFile
        do throws(Errno) {
            source = OpenFile(adopting: try sysCall { openat(folder.fd, e.sha256, O_RDONLY | O_NOFOLLOW | O_CLOEXEC) })
            guard try source.stat().isRegular else { throw Errno(EINVAL) }
        } catch {
            throw VigilError("cannot open the stored copy \(e.storedPath)", cause: error)
        }
        let parent: OpenDirectory, name: RawPath
        do {
            (parent, name) = try QuarantineStore.openParent(of: dest, createMissing: true)
        } catch {
            let hint = error.cause?.code == ELOOP ? " (it could lead anywhere); restore with --to into a folder reached without symbolic links" : ""
            throw VigilError("refusing to restore \(dest): \(error.message)\(hint)", cause: error.cause)
        }

        // The new file, unnamed until it is complete; a fresh name of ours where the
        // filesystem has no O_TMPFILE.
        var tempName: RawPath?
        let out: Int32
        do {
            out = try sysCall { openat(parent.fd, ".", Int32(VIGIL_O_TMPFILE) | O_WRONLY | O_CLOEXEC, 0o600) }
        } catch {
            let temp = RawPath(".vigil-restore-" + e.id + "-" + String(wallClockNanos(), radix: 36))
            do {
                out = try temp.withCString { p throws(Errno) in
                    try sysCall { openat(parent.fd, p, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600) }
                }
            } catch {
                throw VigilError("cannot create a file in \(parent.path)", cause: error)
            }
            tempName = temp
        }
        var published = false
        var ours = stat()
        defer {
            if !published, let tempName { QuarantineStore.removeOwnTemp(tempName, in: parent, ours) }
            close(out)
        }
        _ = try? sysCall { fstat(out, &ours) }
        try copyBytes(from: source, to: out, what: dest.description)
        do {
            // Owner before mode: chown clears set-user-ID bits, which the mode restores.
            _ = try sysCall { fchown(out, e.uid, e.gid) }
        } catch { throw VigilError("cannot restore the owner of \(dest)", cause: error) }
        do { _ = try sysCall { fchmod(out, mode_t(e.mode)) } } catch { throw VigilError("cannot restore the mode of \(dest)", cause: error) }
        var times = [e.atime, e.mtime]
        do { _ = try sysCall { futimens(out, &times) } } catch { throw VigilError("cannot restore the times of \(dest)", cause: error) }
        do { _ = try sysCall { fsync(out) } } catch { throw VigilError("fsync \(dest)", cause: error) }

        do {
            if tempName == nil && !force {
                // linkat never replaces: an existing file makes it fail with EEXIST.
                try QuarantineStore.link(out, into: parent, as: name)
            } else {
                if tempName == nil {
                    let temp = RawPath(".vigil-restore-" + e.id + "-" + String(wallClockNanos(), radix: 36))
                    try QuarantineStore.link(out, into: parent, as: temp)
                    tempName = temp
                }
                let flags = force ? 0 : UInt32(VIGIL_RENAME_NOREPLACE)
                _ = try tempName!.withCString { t throws(Errno) in
                    try name.withCString { n throws(Errno) in try sysCall { vigil_renameat2(parent.fd, t, parent.fd, n, flags) } }
                }
            }
        } catch {
            if error.code == EEXIST { throw VigilError("\(dest) exists; restore with --force to replace it, or --to another path") }
            throw VigilError("cannot restore \(dest)", cause: error)
        }
        published = true
        parent.sync()
        try forget(e)
        appendEvent(action: "restore", id: e.id, path: dest, sha: e.sha256, reasons: e.reasons)
        return e
    }

    /// Names an unnamed (O_TMPFILE) file. linkat(AT_EMPTY_PATH) needs
    /// CAP_DAC_READ_SEARCH; without it the /proc/self/fd link does the same.
    static func link(_ fd: Int32, into dir: OpenDirectory, as name: RawPath) throws(Errno) {
        do {
            _ = try name.withCString { p throws(Errno) in try sysCall { vigil_link_fd(fd, dir.fd, p) } }
        } catch let e where e.code == EPERM || e.code == ENOENT {
            _ = try name.withCString { p throws(Errno) in
                try sysCall { linkat(AT_FDCWD, "/proc/self/fd/\(fd)", dir.fd, p, AT_SYMLINK_FOLLOW) }
            }
        }
    }

    /// Removes our own temporary name after a failed restore, if it is still ours. The
    /// one bounded race left in restore: in a folder others may write, someone can swap
    /// the name between the check and the unlink; unlinkat then removes their entry in
    /// that same folder (no link is followed), which they could have removed themselves.
    static func removeOwnTemp(_ name: RawPath, in dir: OpenDirectory, _ ours: stat) {
        guard let now = try? dir.stat(name), now.sameInode(as: ours) else { return }
        try? dir.remove(name)
    }
}
