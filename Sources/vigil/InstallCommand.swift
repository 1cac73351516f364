import ArgumentParser
import Glibc
import VigilConfig
import VigilDaemon
import VigilEngine
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

    func run() throws {
        guard let sigs = Signatures.bundledDirectory() else { throw Failure(.error, "vigil: no Signatures folder to install (set VIGIL_SIGNATURES)") }
        guard let units = Installer.bundledUnits() else { throw Failure(.error, "vigil: no Systemd folder with the unit files (set VIGIL_SYSTEMD)") }
        let written = try Installer(root: root).install(executable: ownExecutable(fallback: Paths.installedBinary), signaturesFrom: sigs,
                                                        unitsFrom: units, force: force)
        for p in written { print("installed \(p)") }
    }
}
