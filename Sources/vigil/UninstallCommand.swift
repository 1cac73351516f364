import ArgumentParser
import VigilDaemon

// `vigil uninstall`.

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
        if let reply = try control.verifiedStatus(at: socket), !reply.contains(#""maintenance":{"#) {
            throw Failure(.finding, "vigil: the daemon on \(socket) is not in maintenance; run `vigil maintenance begin --reason ...` first")
        }
        for p in try Installer(root: root).uninstall() { print("removed \(p)") }
    }
}
