import ArgumentParser
import Glibc
import VigilConfig
import VigilDaemon
import VigilProtection
import VigilSystem

struct WatchdogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watchdog",
        abstract: "Run the daemon under a watchdog that restarts it, and that it restarts in turn (root).",
        discussion: """
        Starts `vigil daemon` (with --config and the arguments after `--`), watches it
        through a pidfd and restarts it with backoff (100 ms, doubling to 30 s) when it
        dies. The daemon watches the watchdog the same way and restarts it. Every few
        seconds it opens the daemon's probe file (a permission event the daemon must
        answer); a daemon that leaves it waiting is killed (the kernel then allows what
        waited: fail open) and restarted. SIGTERM stops the daemon, then the watchdog;
        SIGHUP is passed to the daemon (reload); SIGUSR1 reopens the event log in both
        (after logrotate). The watchdog's pid is in vigil.pid next to the control socket.
        """
    )

    @OptionGroup var configOptions: ConfigOptions

    @Option(help: ArgumentHelp("Supervise this running daemon instead of starting one.", valueName: "pid", visibility: .hidden))
    var adopt: Int32?

    @Argument(parsing: .postTerminator, help: ArgumentHelp("Arguments for `vigil daemon`, after `--`.", valueName: "daemon-args"))
    var daemonArguments: [String] = []

    func run() throws {
        guard geteuid() == 0 else {
            printError("vigil: the watchdog needs root (it runs the daemon)")
            throw ExitCode(2)
        }
        var args = daemonArguments
        if let config = configOptions.config, !args.contains("--config") { args = ["--config", config] + args }
        // The event log of the daemon's config, so restarts are in the same place as tampering.
        var configPath: String?
        if let i = args.firstIndex(of: "--config"), i + 1 < args.count { configPath = args[i + 1] }
        // One read of the file: the daemon's paths and [protection]'s liveness settings.
        let file = (try? Configuration.load(path: configPath)) ?? Configuration()
        var config = file.daemon
        if let i = args.firstIndex(of: "--socket"), i + 1 < args.count { config.controlSocket = args[i + 1] }
        if let i = args.firstIndex(of: "--log-file"), i + 1 < args.count { config.logFile = args[i + 1] == "-" ? nil : args[i + 1] }
        do {
            let code = try Watchdog(daemonArguments: args, adopt: adopt, logFile: config.logFile, controlSocket: config.controlSocket,
                                    protection: file.protection).run { printLog($0, $1) }
            throw ExitCode(code)
        } catch let e as VigilError {
            printLog("vigil: \(e)", .err)
            throw ExitCode(2)
        }
    }
}

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

    /// True when the reply means "no daemon answers" (so offline work is safe).
    static func noDaemon(_ options: ControlCommandOptions) throws -> Bool {
        let path = try options.socket ?? options.configOptions.load().daemon.controlSocket
        if case .failure(let e) = ControlClient.request("ping", to: path, timeoutSeconds: 5), e.code == ENOENT || e.code == ECONNREFUSED {
            return true
        }
        return false
    }

    static func requireRoot() throws {
        guard geteuid() == 0 else {
            printError("vigil: maintenance needs root")
            throw ExitCode(4)
        }
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
            if try MaintenanceCommand.noDaemon(options) {
                let state = try options.configOptions.load().daemon.stateDirectory
                do {
                    let n = try OfflineMaintenance(stateDirectory: state).begin(reason: reason)
                    print(#"{"ok":true,"maintenance":true,"offline":true,"unlocked":\#(n)}"#)
                } catch {
                    printError("vigil: \(error)")
                    throw ExitCode(2)
                }
                return
            }
            try options.send("maintenance-begin \(reason)")
        }
    }

    struct End: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-seal the protected files as they are now (manifest, sealed copies, immutable flags) and restore protection.")
        @OptionGroup var options: ControlCommandOptions
        func run() throws {
            try MaintenanceCommand.requireRoot()
            if try MaintenanceCommand.noDaemon(options) {
                let state = try options.configOptions.load().daemon.stateDirectory
                do {
                    let n = try OfflineMaintenance(stateDirectory: state).end()
                    print(#"{"ok":true,"maintenance":false,"offline":true,"sealed":\#(n)}"#)
                } catch {
                    printError("vigil: \(error)")
                    throw ExitCode(2)
                }
                return
            }
            try options.send("maintenance-end")
        }
    }

    struct Unlock: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Clear the immutable flag on every protected file and sealed copy (package removal; run after begin).",
            discussion: "Refused while a daemon answers and is not in maintenance.")
        @OptionGroup var options: ControlCommandOptions
        func run() throws {
            try MaintenanceCommand.requireRoot()
            let path = try options.socket ?? options.configOptions.load().daemon.controlSocket
            if let reply = ControlClient.send("status", to: path, timeoutSeconds: 5), !reply.contains(#""maintenance":{"#) {
                printError("vigil: the daemon on \(path) is not in maintenance; run `vigil maintenance begin --reason ...` first")
                throw ExitCode(1)
            }
            let n = OfflineMaintenance(stateDirectory: try options.configOptions.load().daemon.stateDirectory).unlock()
            print(#"{"ok":true,"unlocked":\#(n)}"#)
        }
    }
}
