import Glibc
import VigilConfig
import VigilEngine
import VigilProtection
import VigilSystem

/// `vigil install` / `vigil uninstall`: puts the binary, a default config, the
/// signatures and the systemd units in place, under `root` ("" = this machine), and
/// takes them away again. Existing config and signatures are kept unless `force`.
///
/// Owns: the installed file layout. Must not: start or stop services.
public struct Installer: Sendable {
    public let root: String
    // The installed layout, as Paths names it.
    public static let binary = Paths.installedBinary
    public static let configFile = Paths.configFile
    public static let signatures = Paths.localSignatures
    public static let unitDirectory = Paths.unitDirectory
    public static let units = Paths.units

    public init(root: String = "") {
        self.root = root.hasSuffix("/") ? String(root.dropLast()) : root
    }

    func at(_ path: String) -> String { root + path }

    /// The config `vigil install` writes: audit mode, self-protection on (see DefaultConfigFile).
    public static let defaultConfig = DefaultConfigFile.render(signaturePaths: [signatures])

    /// Where the unit files ship: next to the bundled Signatures (a source tree or
    /// /usr/share/vigil), or $VIGIL_SYSTEMD.
    public static func bundledUnits() -> String? {
        var candidates: [String] = []
        if let env = getenv("VIGIL_SYSTEMD") { candidates.append(String(cString: env)) }
        if let sigs = Signatures.bundledDirectory(), let slash = sigs.lastIndex(of: "/") {
            candidates.append(String(sigs[..<slash]) + "/Systemd")
        }
        candidates.append(Paths.bundledUnits)
        return candidates.first { access($0 + "/vigil.service", R_OK) == 0 }
    }

    /// Installs; returns the paths written.
    public func install(executable: String, signaturesFrom: String, unitsFrom: String, force: Bool) throws(VigilError) -> [String] {
        var written: [String] = []
        try makeDirectories(at(Installer.binary.folderPart), mode: 0o755)
        try makeDirectories(at(Installer.configFile.folderPart), mode: 0o755)
        try makeDirectories(at(Installer.unitDirectory), mode: 0o755)
        try copy(executable, to: at(Installer.binary), mode: 0o755)
        written.append(at(Installer.binary))
        if force || access(at(Installer.configFile), F_OK) != 0 {
            try unlock(at(Installer.configFile))
            try writeFileAtomically(at(Installer.configFile), contents: Installer.defaultConfig, mode: 0o644)
            written.append(at(Installer.configFile))
        }
        if force || access(at(Installer.signatures), F_OK) != 0 {
            try makeDirectories(at(Installer.signatures), mode: 0o755)
            for file in ProtectedSet.regularFiles(under: signaturesFrom) {
                let name = String(file.dropFirst(signaturesFrom.count))
                if let slash = name.lastIndex(of: "/"), slash != name.startIndex {
                    try makeDirectories(at(Installer.signatures) + String(name[..<slash]), mode: 0o755)
                }
                try copy(file, to: at(Installer.signatures) + name, mode: 0o644)
                written.append(at(Installer.signatures) + name)
            }
        }
        for unit in Installer.units {
            try copy(unitsFrom + "/" + unit, to: at(Installer.unitDirectory + "/" + unit), mode: 0o644)
            written.append(at(Installer.unitDirectory + "/" + unit))
        }
        return written
    }

    /// Removes what `install` put in place (the state folder with the quarantine stays).
    public func uninstall() throws(VigilError) -> [String] {
        var removed: [String] = []
        var paths = [at(Installer.binary), at(Installer.configFile)]
        paths += Installer.units.map { at(Installer.unitDirectory + "/" + $0) }
        paths += ProtectedSet.regularFiles(under: at(Installer.signatures))
        for p in paths where access(p, F_OK) == 0 {
            try unlock(p)
            _ = try sysCall(orThrow: "cannot remove \(p)") { unlink(p) }
            removed.append(p)
        }
        removeEmptyFolders(at(Installer.signatures))
        rmdir(at(Installer.configFile.folderPart))
        return removed
    }

    private func removeEmptyFolders(_ dir: String) {
        listDirectory(dir).map { dir + "/" + $0.text }.forEach(removeEmptyFolders)
        rmdir(dir)
    }

    /// A file sealed by a running daemon keeps its immutable flag after the daemon stops.
    private func unlock(_ path: String) throws(VigilError) {
        do { try InodeFlags.setImmutable(path, false) } catch {
            if error.code != ENOENT && !InodeFlags.isUnsupported(error) {
                throw VigilError("cannot clear the immutable flag of \(path)", cause: error)
            }
        }
    }

    private func copy(_ from: String, to: String, mode: mode_t) throws(VigilError) {
        let src = try sysCall(orThrow: "cannot read \(from)") { open(from, O_RDONLY | O_CLOEXEC) }
        defer { close(src) }
        let bytes = try readAll(src, what: from)
        try unlock(to)
        let tmp = to + ".vigil-install"
        unlink(tmp)
        let out = try sysCall(orThrow: "cannot create \(tmp)") { open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode) }
        writeAllBytes(out, bytes)
        fchmod(out, mode)
        let synced = Result { () throws(Errno) in try sysCall { fsync(out) } }
        close(out)
        do {
            _ = try synced.get()
            // rename, not an in-place write: a running binary cannot be opened for writing (ETXTBSY).
            _ = try sysCall { rename(tmp, to) }
        } catch {
            unlink(tmp)
            throw VigilError("cannot install \(to)", cause: error)
        }
    }
}

private extension String {
    /// "/usr/local/bin" for "/usr/local/bin/vigil".
    var folderPart: String { lastIndex(of: "/").map { $0 == startIndex ? "/" : String(self[..<$0]) } ?? "." }
}
