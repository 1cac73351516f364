import Glibc
import VigilConfig
import VigilDaemon
import VigilEngine
import VigilEvents
import VigilSystem
import VigilUpdate

/// `vigil --version`: the program's version and the rule set installed on this host (the
/// store's `current`, else the configured or bundled folders, fingerprinted).
enum InstalledRules {
    static func versionText() -> String {
        var lines = [VigilVersion.current]
        let config = (try? Configuration.load(path: nil).daemon) ?? DaemonConfig()
        let now = wallClockSeconds()
        func age(_ t: Double?) -> String {
            guard let t else { return "" }
            return ", \(StatusReport.duration(Int(max(0, now - t)))) old"
        }
        // Only read: opening a RuleStore creates its folders, which --version must never do.
        if access(config.rulesStore + "/current", F_OK) == 0 || readLink(config.rulesStore + "/current") != nil,
           let store = try? RuleStore(root: config.rulesStore), let v = store.currentVersion(), let info = store.version(v) {
            lines.append("rules: version \(v) from \(info.source), published \(info.createdAt.map { isoTimestamp(seconds: $0) } ?? "?")\(age(info.createdAt)), "
                         + "installed \(info.installedAt.map { isoTimestamp(seconds: $0) } ?? "?") (\(store.currentLink), key \(info.key ?? "?"))")
        } else {
            lines.append("rules: no signed bundle installed in \(config.rulesStore)")
        }
        let paths = config.signaturePaths.isEmpty ? (Signatures.bundledDirectory().map { [$0] } ?? []) : config.signaturePaths
        if !paths.isEmpty, let sources = try? Signatures.collect(paths) {
            let all = sources.ruleFiles + sources.compiledFiles + sources.hashFiles + sources.clamFiles
            let v = RulesVersion.of(paths: paths.map { realpathOrSelf($0) }, files: all)
            lines.append("loaded by the daemon: version \(v.label) from \(paths.joined(separator: ", "))\(age(v.createdAt))")
        }
        return lines.joined(separator: "\n")
    }

    static func realpathOrSelf(_ p: String) -> String {
        guard let r = realpath(p, nil) else { return p }
        defer { free(r) }
        return String(cString: r)
    }
}
