import Glibc
import VigilSystem

/// Putting a protected file back: from its sealed copy when someone tampered with it,
/// or sealing its new bytes when a maintainer changed it.
///
/// Owns: writing protected files. Must not: decide whether a change is tampering
/// (TamperRepair.swift does).
extension TamperGuard {
    /// A maintainer (a package manager on the allowlist) changed the file: the new
    /// bytes become the sealed ones.
    func resealAfterMaintainer(_ i: Int, _ f: ProtectedFile, _ maintainer: ProtectionEvent.Suspect, change: String) {
        let outcome: String
        var message = "protected file \(f.path) was updated by maintainer \(maintainer.executable ?? "?") (\(change)); re-sealed"
        var newSHA: String?
        do {
            let sealed = try store.seal(f.path)
            newSHA = sealed.sha256
            let all: [ProtectedFile] = armed.withLock { a in
                guard i < a.files.count else { return a.files }
                a.files[i] = sealed
                arm(i, immutable: true, in: &a)
                a.files[i].identity = FileIdentity.of(f.path)
                return a.files
            }
            try store.saveManifest(all)
            outcome = "success"
        } catch {
            outcome = "failure"
            message += " failed: \(error)"
        }
        emit("maintainer-update|\(f.path)|\(monotonicNanos())", ProtectionEvent.line(
            action: "maintainer-update", alert: false, outcome: outcome, message: message, path: f.path,
            expectedSHA256: newSHA, foundSHA256: newSHA, change: change, suspect: maintainer,
            extra: [("previous_sha256", f.sha256)]))
    }

    /// Streamed: a protected binary may be tens of MB.
    func currentHash(_ path: String) -> String? { sha256Hex(file: path) }

    /// Writes the sealed bytes to a new file next to the original and renames it into
    /// place: readers see the old or the restored file, never half of one, and a
    /// descriptor the attacker still holds points at the old inode.
    func restore(_ i: Int, _ f: ProtectedFile) throws(VigilError) {
        let bytes = try store.sealedBytes(sha: f.sha256)
        let slash = f.path.lastIndex(of: "/")!
        let dir = slash == f.path.startIndex ? "/" : String(f.path[..<slash])
        let tmp = dir + "/.vigil-restore-\(ownPid)-" + String(f.path[f.path.index(after: slash)...])
        // Its folder may have been moved or removed with it.
        try makeDirectories(dir, mode: 0o755)
        _ = try? InodeFlags.setImmutable(tmp, false)
        unlink(tmp)
        let out = try sysCall(orThrow: "cannot create \(tmp)") { open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600) }
        writeAllBytes(out, bytes)
        _ = fchown(out, f.uid, f.gid)
        _ = fchmod(out, f.mode)
        let synced = Result { () throws(Errno) in try sysCall { fsync(out) } }
        close(out)
        if case .failure(let e) = synced { unlink(tmp); throw VigilError("cannot write \(tmp)", cause: e) }
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
        armed.withLock { a in
            guard i < a.files.count else { return }
            a.noImmutable[f.path] = nil
            a.unmarked[f.path] = nil
            // A new inode: the old marks went with the old one.
            arm(i, immutable: true, in: &a)
            a.files[i].identity = FileIdentity.of(f.path)
        }
    }
}
