import ArgumentParser
import Glibc
import VigilDaemon
import VigilProtection
import VigilSystem

// `vigil maintenance begin|end|unlock`.

struct MaintenanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintenance",
        abstract: "Lift self-protection for an upgrade, then re-seal (root).",
        discussion: """
        Through the running daemon (control socket). When no daemon answers (a stopped
        service, a package script), the same is done offline on the state folder: begin
        clears the immutable flags and opens the window, end re-seals the files as they
        are now and closes it. The Debian package's scripts do this around upgrades.
        """,
        subcommands: [Begin.self, End.self, Unlock.self])

    /// True when nobody answers on `socket` (so offline work is safe).
    static func noDaemon(at socket: String) -> Bool {
        if case .failure(let e) = ControlClient.request(.ping, to: socket, timeoutSeconds: 5), e.code == ENOENT || e.code == ECONNREFUSED {
            return true
        }
        return false
    }

    static func requireRoot() throws {
        guard geteuid() == 0 else { throw Failure(.notRoot, "vigil: maintenance needs root") }
    }

    struct Begin: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lift protection: clear the immutable flags and let protected files be written. Logged with the reason.")
        @OptionGroup var options: ControlCommandOptions
        @Option(help: ArgumentHelp("Why (logged).", valueName: "text"))
        var reason: String
        func validate() throws {
            if !reason.contains(where: { $0 != " " && $0 != "\t" }) { throw ValidationError("--reason must say why") }
            if reason.contains("\n") { throw ValidationError("--reason is one line") }
        }
        func run() throws {
            try MaintenanceCommand.requireRoot()
            let config = try options.configOptions.load().daemon
            let socket = options.socketPath(config)
            guard MaintenanceCommand.noDaemon(at: socket) else { return try options.send(.maintenanceBegin(reason: reason), at: socket) }
            let n = try OfflineMaintenance(stateDirectory: config.stateDirectory).begin(reason: reason)
            print(#"{"ok":true,"maintenance":true,"offline":true,"unlocked":\#(n)}"#)
        }
    }

    struct End: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-seal the protected files as they are now (manifest, sealed copies, immutable flags) and restore protection.")
        @OptionGroup var options: ControlCommandOptions
        func run() throws {
            try MaintenanceCommand.requireRoot()
            let config = try options.configOptions.load().daemon
            let socket = options.socketPath(config)
            guard MaintenanceCommand.noDaemon(at: socket) else { return try options.send(.maintenanceEnd, at: socket) }
            let n = try OfflineMaintenance(stateDirectory: config.stateDirectory).end()
            print(#"{"ok":true,"maintenance":false,"offline":true,"sealed":\#(n)}"#)
        }
    }

    struct Unlock: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Clear the immutable flag on every protected file and sealed copy (package removal; run after begin).",
            discussion: "Refused while a daemon answers and is not in maintenance.")
        @OptionGroup var options: ControlCommandOptions
        func run() throws {
            try MaintenanceCommand.requireRoot()
            let config = try options.configOptions.load().daemon
            let socket = options.socketPath(config)
            if let reply = ControlClient.send(.status, to: socket, timeoutSeconds: 5), !reply.contains(#""maintenance":{"#) {
                throw Failure(.finding, "vigil: the daemon on \(socket) is not in maintenance; run `vigil maintenance begin --reason ...` first")
            }
            let n = OfflineMaintenance(stateDirectory: config.stateDirectory).unlock()
            print(#"{"ok":true,"unlocked":\#(n)}"#)
        }
    }
}
