import Glibc
import VigilSystem

/// Maintenance without a running daemon, for package scripts and a stopped service:
/// the immutable flag stays on protected files and sealed copies after the daemon
/// stops, so an upgrade or removal must lift it itself, and a later daemon must not
/// "restore" the old seal over an upgrade.
///
/// Owns: nothing new; works on ProtectedSet's folder. Must not: run while a daemon that
/// is not in maintenance answers (the caller checks).
public struct OfflineMaintenance {
    public let store: String

    public init(stateDirectory: String) { store = stateDirectory + "/protection" }

    var exists: Bool { access(store, F_OK) == 0 }

    /// Opens the maintenance window (a daemon started meanwhile keeps protection lifted)
    /// and clears the immutable flags. Returns the files unlocked. With a maintenance
    /// key sealed, the same token check as the daemon's (its nonce is spent here).
    public func begin(reason: String, token: String? = nil, scope: String = "maintenance") throws(VigilError) -> Int {
        guard exists else { return 0 }
        let auth = MaintenanceAuth(protectionDirectory: store)
        if auth.required, case .failure(let why) = auth.consume(token, needed: scope) {
            throw VigilError("maintenance refused: \(why.rawValue)")
        }
        _ = try MaintenanceState(directory: store).begin(reason: reason)
        return unlock()
    }

    /// A challenge issued offline (no daemon answers); the same file the daemon uses.
    public func challenge() throws(VigilError) -> MaintenanceChallenge {
        _ = try ProtectedSet(stateDirectory: String(store.dropLast("/protection".count)))
        return try MaintenanceAuth(protectionDirectory: store).issue()
    }

    /// Clears the immutable flag on every protected file of the manifest and every
    /// sealed copy; returns how many were cleared or already clear.
    public func unlock() -> Int {
        guard exists, let set = try? ProtectedSet(stateDirectory: String(store.dropLast("/protection".count))) else { return 0 }
        var n = 0
        for f in set.loadManifest() ?? [] where (try? InodeFlags.setImmutable(f.path, false)) != nil { n += 1 }
        for e in listDirectory(set.sealedDirectory) where (try? InodeFlags.setImmutable(set.sealedDirectory + "/" + e.text, false)) != nil { n += 1 }
        return n
    }

    /// Re-seals the manifest's files as they are now (the upgrade's bytes become the
    /// sealed ones) and closes the window. The next daemon sets the flags again.
    public func end() throws(VigilError) -> Int {
        guard exists else { return 0 }
        let stateDir = String(store.dropLast("/protection".count))
        let set = try ProtectedSet(stateDirectory: stateDir)
        var files: [ProtectedFile] = []
        for f in set.loadManifest() ?? [] where access(f.path, F_OK) == 0 {
            files.append(try set.seal(f.path))
        }
        try set.saveManifest(files)
        set.pruneSealed(keeping: files)
        _ = MaintenanceState(directory: store).end()
        return files.count
    }
}
