import Glibc
import VigilSystem

/// Verification at load: the daemon checks the config and rules it is about to use
/// against the sealed manifest before using them, not only on disk afterwards. Without
/// it, a config swapped in the restart window (or bind-mounted over the real one) would
/// run in the new daemon while the file on disk was "restored".
///
/// The config is read once through one descriptor; those bytes are hashed and, when they
/// are the sealed ones, those very bytes are parsed. When they are not (and no
/// maintenance window is open), the sealed copy's bytes are used instead and the caller
/// raises a critical event. Rule files are checked and, when changed, restored from
/// their sealed copies before the signatures are loaded.
///
/// Owns: choosing which bytes are loaded. Must not: parse a config or compile rules.
public enum SealedLoad {
    /// What was read, what is used, and why they differ (nil: the file is the sealed one,
    /// or nothing seals it).
    public struct Outcome: Sendable {
        public let bytes: [UInt8]
        public let alarm: String?
    }

    /// The manifests that may seal `path`: each state folder given (the config's own, then
    /// the default: a swapped config cannot point the check elsewhere by its state_dir
    /// alone), that has a manifest and no open maintenance window.
    static func sealing(_ path: String, stateDirectories: [String]) -> (ProtectedSet, ProtectedFile)? {
        var seen = Set<String>()
        for dir in stateDirectories where seen.insert(dir).inserted {
            let protection = dir + "/protection"
            guard access(protection + "/manifest.tsv", F_OK) == 0, access(protection + "/maintenance", F_OK) != 0,
                  let store = try? ProtectedSet(stateDirectory: dir),
                  let entry = trusted(store)?.first(where: { $0.path == path }) else { continue }
            return (store, entry)
        }
        return nil
    }

    /// The manifest a load may check against: with a maintenance key, the signed one (a
    /// manifest forged with the daemon stopped is not; SelfProtection raises the alarm).
    static func trusted(_ store: ProtectedSet) -> [ProtectedFile]? {
        ManifestTrust.trustedFiles(store, auth: MaintenanceAuth(protectionDirectory: store.directory))
    }

    /// Reads `path` through one descriptor and picks the bytes to parse.
    public static func config(path: String, canonical: String, bytes: [UInt8], stateDirectories: [String]) -> Outcome {
        guard let (store, entry) = sealing(canonical, stateDirectories: stateDirectories) else { return Outcome(bytes: bytes, alarm: nil) }
        let found = sha256Hex(bytes)
        if found == entry.sha256 { return Outcome(bytes: bytes, alarm: nil) }
        let how = isMountPoint(path) ? "a mount over it" : "its content changed while no daemon guarded it"
        guard let sealed = try? store.sealedBytes(sha: entry.sha256) else {
            return Outcome(bytes: bytes, alarm: "the config \(path) is not the sealed one (\(how); sha256 \(found), sealed \(entry.sha256)) "
                           + "and its sealed copy is missing or damaged: the file as found is in use")
        }
        return Outcome(bytes: sealed, alarm: "the config \(path) is not the sealed one (\(how); sha256 \(found), sealed \(entry.sha256)): "
                       + "the sealed copy is in use")
    }

    /// Reads a whole file through one descriptor (the bytes checked are the bytes used).
    public static func readOnce(_ path: String) throws(VigilError) -> [UInt8] {
        let fd = try sysCall(orThrow: "cannot open \(path)") { open(path, O_RDONLY | O_CLOEXEC) }
        defer { close(fd) }
        return try readAll(fd, what: path)
    }

    /// Rule files (and any sealed file below `roots`) changed since sealing are put back
    /// from their sealed copies before the signatures load. Returns one alarm per file.
    public static func restoreRules(under roots: [String], stateDirectories: [String]) -> [String] {
        var alarms: [String] = []
        var seen = Set<String>()
        for dir in stateDirectories where seen.insert(dir).inserted {
            let protection = dir + "/protection"
            guard access(protection + "/manifest.tsv", F_OK) == 0, access(protection + "/maintenance", F_OK) != 0,
                  let store = try? ProtectedSet(stateDirectory: dir), let manifest = trusted(store) else { continue }
            let prefixes = roots.map { realpathString($0) ?? $0 }.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
            for f in manifest where prefixes.contains(where: { f.path.hasPrefix($0) || f.path + "/" == $0 }) {
                let found = sha256Hex(file: f.path)
                guard found != f.sha256 else { continue }
                let how = isMountPoint(f.path) ? "a mount over it" : found == nil ? "missing" : "changed"
                do {
                    try store.restoreFile(f)
                    alarms.append("the rule file \(f.path) was not the sealed one at load (\(how)); restored from its sealed copy before loading")
                } catch {
                    alarms.append("the rule file \(f.path) was not the sealed one at load (\(how)) and could not be restored: \(error)")
                }
            }
            break
        }
        return alarms
    }

    /// True when `path` is itself a mount point (a bind mount over a file).
    static func isMountPoint(_ path: String) -> Bool {
        guard let text = readWholeFile("/proc/self/mountinfo", limit: 8 << 20).map({ String(decoding: $0, as: UTF8.self) }) else { return false }
        let canonical = realpathString(path) ?? path
        return text.split(separator: "\n").contains { line in
            let f = line.split(separator: " ")
            return f.count > 4 && unescapeMountPath(f[4]) == canonical
        }
    }

    static func unescapeMountPath(_ s: Substring) -> String { String(decoding: KernelEscapes.decodeOctal(s.utf8), as: UTF8.self) }
}
