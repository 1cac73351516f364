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
    /// descriptor the attacker still holds points at the old inode. The copy is
    /// written with every write checked, fsynced, read back through the same descriptor
    /// and hashed before the rename: a full disk (ENOSPC, or a short write the old code
    /// took for success) leaves the file at `path` as it was, never an empty one.
    func restore(_ i: Int, _ f: ProtectedFile) throws(VigilError) {
        try store.restoreFile(f)
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
