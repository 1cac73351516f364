import ArgumentParser
import Glibc
import VigilConfig
import VigilDaemon
import VigilProtection
import VigilSystem

// `vigil watchdog`.

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
        (after an outside rotation). The watchdog's pid is in vigil.pid next to the control socket.
        """
    )

    @OptionGroup var configOptions: ConfigOptions

    @Option(help: ArgumentHelp("Supervise this running daemon instead of starting one.", valueName: "pid", visibility: .hidden))
    var adopt: Int32?

    @Argument(parsing: .postTerminator, help: ArgumentHelp("Arguments for `vigil daemon`, after `--`.", valueName: "daemon-args"))
    var daemonArguments: [String] = []

    func run() throws {
        guard geteuid() == 0 else { throw Failure(.error, "vigil: the watchdog needs root (it runs the daemon)") }
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
        let code: Int32
        do {
            code = try Watchdog(daemonArguments: args, adopt: adopt, logFile: config.logFile, controlSocket: config.controlSocket,
                                protection: file.protection, stateDirectory: config.stateDirectory).run { printLog($0, $1) }
        } catch {
            throw Failure.logged(error)
        }
        throw ExitCode(code)
    }
}
