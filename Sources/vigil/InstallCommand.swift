import ArgumentParser
import Glibc
import VigilConfig
import VigilDaemon
import VigilEngine
import VigilSystem

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
        guard let sigs = Signatures.bundledDirectory() else {
            printError("vigil: no Signatures folder to install (set VIGIL_SIGNATURES)")
            throw ExitCode(2)
        }
        guard let units = Installer.bundledUnits() else {
            printError("vigil: no Systemd folder with the unit files (set VIGIL_SYSTEMD)")
            throw ExitCode(2)
        }
        do {
            let written = try Installer(root: root).install(executable: ownExecutable(fallback: Paths.installedBinary), signaturesFrom: sigs, unitsFrom: units, force: force)
            for p in written { print("installed \(p)") }
        } catch {
            printError("vigil: \(error)")
            throw ExitCode(2)
        }
    }
}

struct UninstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uninstall",
        abstract: "Remove what `vigil install` put in place; only while the daemon is in maintenance (root).",
        discussion: "The state folder (quarantine, sealed copies) stays. A daemon that answers on the control socket must be in maintenance (`vigil maintenance begin --reason ...`).")

    @Option(help: ArgumentHelp("Uninstall from under this folder instead of /.", valueName: "dir"))
    var root: String = ""

    @OptionGroup var control: ControlCommandOptions

    func run() throws {
        let socket = try control.socket ?? control.configOptions.load().daemon.controlSocket
        if let reply = ControlClient.send("status", to: socket, timeoutSeconds: 5) {
            guard reply.contains(#""maintenance":{"#) else {
                printError("vigil: the daemon on \(socket) is not in maintenance; run `vigil maintenance begin --reason ...` first")
                throw ExitCode(1)
            }
        }
        do {
            for p in try Installer(root: root).uninstall() { print("removed \(p)") }
        } catch {
            printError("vigil: \(error)")
            throw ExitCode(2)
        }
    }
}
