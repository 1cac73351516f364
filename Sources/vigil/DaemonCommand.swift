import ArgumentParser
import Glibc
import VigilConfig
import VigilDaemon
import VigilProtection
import VigilSystem

/// Options shared by the commands that read the daemon's config.
struct ConfigOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Config file (default \(Paths.configFile); built-in defaults when it is absent).", valueName: "file"))
    var config: String?

    /// The whole config file, read and parsed once.
    func load() throws -> Configuration {
        do { return try Configuration.load(path: config) } catch {
            printError("vigil: \(error)")
            throw ExitCode(2)
        }
    }
}

struct DaemonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon",
        abstract: "Guard files on open and exec with fanotify permission events (root).",
        discussion: """
        Marks the filesystems holding the guarded paths and answers every open (and
        execution) under them with allow or deny before the opener gets its file.
        SIGHUP or `vigil reload` reloads signatures; SIGTERM answers everything pending,
        removes the marks and exits 0. If the daemon dies, the kernel allows whatever was
        waiting: a crash fails open and never hangs the host.
        """
    )

    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var signatures: SignatureOptions

    @Option(name: [.customLong("guard"), .customLong("mount")], help: ArgumentHelp("Guard this folder (replaces guard.paths). Repeatable.", valueName: "path"))
    var guardPaths: [String] = []

    @Flag(help: "Detect only: log findings, never deny.")
    var audit = false

    @Option(help: ArgumentHelp("Control socket (replaces daemon.control_socket).", valueName: "path"))
    var socket: String?

    @Option(help: ArgumentHelp("Event log file (replaces log.file); '-' for none.", valueName: "file"))
    var logFile: String?

    @Option(name: .customLong("watchdog-pid"), help: ArgumentHelp("The `vigil watchdog` supervising this daemon; the daemon supervises it back.", valueName: "pid", visibility: .hidden))
    var watchdogPid: Int32?

    func run() throws {
        let file = try configOptions.load()
        var config = file.daemon
        if !guardPaths.isEmpty { config.guardPaths = guardPaths.map { $0.hasPrefix("/") ? $0 : (currentDirectory() + "/" + $0) } }
        if audit { config.mode = .audit }
        if let socket { config.controlSocket = socket }
        if let logFile { config.logFile = logFile == "-" ? nil : logFile }
        let paths: [String]
        if !signatures.rules.isEmpty || !signatures.hashes.isEmpty { paths = try signatures.paths() }
        else if !config.signaturePaths.isEmpty { paths = config.signaturePaths }
        else { paths = try signatures.paths() }
        guard geteuid() == 0 else {
            printError("vigil: the daemon needs root (fanotify permission events need CAP_SYS_ADMIN)")
            throw ExitCode(2)
        }
        let protection = protectionOptions(file)
        do {
            let code = try Daemon(config: config, signaturePaths: paths, protection: protection).run { printLog($0, $1) }
            throw ExitCode(code)
        } catch let e as VigilError {
            printLog("vigil: \(e)", .err)
            throw ExitCode(2)
        }
    }
}

extension DaemonCommand {
    func protectionOptions(_ file: Configuration) -> ProtectionOptions {
        var o = ProtectionOptions()
        o.config = file.protection
        if let path = file.file { o.configFile = realpathOf(path) ?? path }
        o.watchdogPid = watchdogPid
        // Our own arguments, minus the supervisor's pid, for a watchdog we may have to restart.
        var args = Array(ProgramArguments.all.dropFirst(2))
        if let i = args.firstIndex(of: "--watchdog-pid"), i + 1 < args.count { args.removeSubrange(i...(i + 1)) }
        args.removeAll { $0.hasPrefix("--watchdog-pid=") }
        o.daemonArguments = args
        return o
    }
}

func realpathOf(_ path: String) -> String? {
    guard let p = realpath(path, nil) else { return nil }
    defer { free(p) }
    return String(cString: p)
}

func currentDirectory() -> String {
    var buf = [CChar](repeating: 0, count: 4096)
    guard getcwd(&buf, buf.count) != nil else { return "." }
    return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// `vigil reload` / `vigil status`: one command over the control socket.
struct ControlCommandOptions: ParsableArguments {
    @OptionGroup var configOptions: ConfigOptions
    @Option(help: ArgumentHelp("Control socket (default: daemon.control_socket from the config).", valueName: "path"))
    var socket: String?

    /// The daemon's reply, or a clear exit: root is needed for the root-only socket, and
    /// a missing daemon is told apart from a refused connection.
    func request(_ command: String, timeoutSeconds: Int = 120) throws -> String {
        let path = try socket ?? configOptions.load().daemon.controlSocket
        switch ControlClient.request(command, to: path, timeoutSeconds: timeoutSeconds) {
        case .success(let reply):
            return reply
        case .failure(let e) where e.code == EACCES || e.code == EPERM || (geteuid() != 0 && e.code != ENOENT && e.code != ECONNREFUSED):
            printError("vigil: this needs root: the control socket \(path) serves root only (try: sudo vigil \(command.split(separator: " ").first ?? ""))")
            throw ExitCode(4)
        case .failure(let e):
            if geteuid() != 0 {
                printError("vigil: this needs root (the control socket \(path) serves root only); also, no daemon answers there: \(e)")
                throw ExitCode(4)
            }
            printError("vigil: no daemon answers on \(path): \(e) (is vigil.service running? systemctl status vigil)")
            throw ExitCode(3)
        }
    }

    func send(_ command: String) throws {
        let reply = try request(command)
        print(reply)
        if !reply.hasPrefix(#"{"ok":true"#) { throw ExitCode(1) }
    }
}

struct ReloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reload",
        abstract: "Reload the daemon's signatures; on any error the running ones stay.")
    @OptionGroup var options: ControlCommandOptions
    func run() throws { try options.send("reload") }
}

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what the daemon guards, its rules, counters, latency and protection (root).",
        discussion: """
        Exit status: 0 the daemon answers and reports no warning, 1 it answers with
        warnings (or an error), 3 no daemon answers, 4 not root. --json prints the daemon's
        status object, whose keys are only ever added (see "schema").
        """)
    @OptionGroup var options: ControlCommandOptions
    @Flag(help: "One JSON object with a stable schema, for scripts and monitoring.")
    var json = false

    func run() throws {
        let reply = try options.request("status", timeoutSeconds: 10)
        if json { print(reply) } else { print(StatusReport.render(reply), terminator: "") }
        guard reply.hasPrefix(#"{"ok":true"#) else { throw ExitCode(1) }
        if !json && StatusReport.hasWarnings(reply) { throw ExitCode(1) }
    }
}

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Work with the daemon's configuration.",
        subcommands: [Check.self, Default.self])

    struct Default: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the config file a fresh install gets: every setting, commented, audit mode, self-protection on.")
        @Option(name: .customLong("signatures"), help: ArgumentHelp("signatures.paths of the printed file. Repeatable.", valueName: "path"))
        var signatures: [String] = [Installer.signatures]
        func run() throws { print(DefaultConfigFile.render(signaturePaths: signatures), terminator: "") }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the config and print the effective configuration; errors name the key and line.")
        @OptionGroup var configOptions: ConfigOptions
        func run() throws {
            let file = try configOptions.load()
            print(file.daemon.render() + "\n" + file.protection.render(), terminator: "")
            // Warnings go to stderr so the printed config stays valid TOML.
            for w in file.daemon.warnings { printError("vigil: warning: \(w)") }
        }
    }
}
