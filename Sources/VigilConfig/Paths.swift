/// Every default path of an installed Vigil, in one place: the built-in defaults of
/// vigil.toml, `vigil install`, self-protection's own files and the lookup of bundled
/// rules and units all name these, so they cannot drift apart. (The Debian package
/// installs to the same places; packaging/ and the man pages say so in prose.)
///
/// Owns: the default locations. Must not: create or open anything.
public enum Paths {
    /// The config file read when `--config` is not given.
    public static let configFile = "/etc/vigil/vigil.toml"
    /// This machine's own rules and hash lists (kept on upgrade).
    public static let localSignatures = "/etc/vigil/signatures"
    /// Public keys `vigil rules update` trusts (sealed: a planted key would sign anything).
    public static let trustedKeys = "/etc/vigil/keys"
    /// Where `vigil rules update` keeps versions/N and the `current` link.
    public static let ruleStore = "/var/lib/vigil/rules"
    /// The local allowlist (`vigil allow add`).
    public static let allowlist = "/var/lib/vigil/allowlist"
    /// The rules that ship with Vigil (replaced on upgrade).
    public static let bundledSignatures = "/usr/share/vigil/signatures"
    /// The unit files that ship with Vigil, for `vigil install`.
    public static let bundledUnits = "/usr/share/vigil/systemd"
    public static let controlSocket = "/run/vigil/ctl.sock"
    /// Root-only state: the quarantine, sealed copies of Vigil's own files.
    public static let stateDirectory = "/var/lib/vigil"
    public static let quarantine = "/var/lib/vigil/quarantine"
    public static let eventLog = "/var/log/vigil/events.json"
    /// Where `vigil install` puts the binary.
    public static let installedBinary = "/usr/local/bin/vigil"
    /// Where `vigil install` puts the units, and where the package does.
    public static let unitDirectory = "/etc/systemd/system"
    public static let packagedUnitDirectory = "/lib/systemd/system"
    public static let units = ["vigil.service", "vigil-scan.service", "vigil-scan.timer", "vigil-scan-failed@.service",
                               "vigil-rules-update.service", "vigil-rules-update.timer",
                               "vigil-quarantine-prune.service", "vigil-quarantine-prune.timer",
                               "vigil-canary.service", "vigil-alarm@.service"]

    /// A file in the runtime folder, next to the control socket (the pid file, the
    /// liveness probe): a daemon started with another socket keeps them apart.
    public static func besideControlSocket(_ name: String, controlSocket: String) -> String {
        guard let slash = controlSocket.lastIndex(of: "/"), slash != controlSocket.startIndex else { return "/" + name }
        return String(controlSocket[..<slash]) + "/" + name
    }
}
