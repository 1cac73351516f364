import ArgumentParser
import Glibc
import VigilConfig
import VigilDaemon
import VigilEngine
import VigilProtection
import VigilSystem

// `vigil install`.

struct InstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install the binary, a default config, the signatures and the systemd units (root).",
        discussion: """
        Writes \(Installer.binary), \(Installer.configFile) (with self-protection on;
        kept if present), \(Installer.signatures)/ (kept if present) and the units in
        \(Installer.unitDirectory)/. Then: systemctl daemon-reload && systemctl enable --now
        vigil.service vigil-scan.timer. Hosts that prefer cron: see README (/etc/cron.d/vigil).
        """
    )

    @Option(help: ArgumentHelp("Install under this folder instead of / (packaging, tests).", valueName: "dir"))
    var root: String = ""

    @Flag(help: "Overwrite an existing config and signatures.")
    var force = false

    @Option(help: ArgumentHelp("Seal this Ed25519 public key (from `vigil maintenance keygen`): maintenance then needs a token signed by its private key.", valueName: "pub"))
    var maintenanceKey: String?

    @Option(help: ArgumentHelp("State folder where the maintenance key is sealed (default: the installed config's daemon.state_dir under --root).", valueName: "dir"))
    var stateDir: String?

    func run() throws {
        guard let sigs = Signatures.bundledDirectory() else { throw Failure(.error, "vigil: no Signatures folder to install (set VIGIL_SIGNATURES)") }
        guard let units = Installer.bundledUnits() else { throw Failure(.error, "vigil: no Systemd folder with the unit files (set VIGIL_SYSTEMD)") }
        let written = try Installer(root: root).install(executable: ownExecutable(fallback: Paths.installedBinary), signaturesFrom: sigs,
                                                        unitsFrom: units, force: force)
        for p in written { print("installed \(p)") }
        if let maintenanceKey {
            guard let pem = readWholeFile(maintenanceKey, limit: 64 << 10) else { throw Failure(.error, "vigil: cannot read \(maintenanceKey)") }
            let state = stateDir ?? (root + ((try? Configuration.load(path: root + Installer.configFile).daemon.stateDirectory) ?? Paths.stateDirectory))
            // A key already sealed is replaced only inside a maintenance window.
            let replace = access(state + "/protection/maintenance", F_OK) == 0
            let fp = try MaintenanceAuth.installKey(pem: pem, stateDirectory: state, replace: replace)
            print("sealed maintenance key \(fp) in \(state)/protection/maintenance-key.pem")
        }
    }
}
