import ArgumentParser
import Glibc
import VigilConfig
import VigilDaemon
import VigilMetrics
import VigilProtection
import VigilSystem

// `vigil daemon`.

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

    @Option(name: .customLong("metrics-listen"),
            help: ArgumentHelp("Serve Prometheus metrics here (replaces metrics.listen): ADDRESS:PORT, [IPv6]:PORT, unix:/PATH; '-' for none.", valueName: "addr"))
    var metricsListen: String?

    @Option(name: .customLong("watchdog-pid"), help: ArgumentHelp("The `vigil watchdog` supervising this daemon; the daemon supervises it back.", valueName: "pid", visibility: .hidden))
    var watchdogPid: Int32?

    func run() throws {
        let (file, configAlarms) = try verifiedConfig()
        var config = file.daemon
        if !guardPaths.isEmpty { config.guardPaths = guardPaths.map { $0.hasPrefix("/") ? $0 : (currentDirectory() + "/" + $0) } }
        if audit { config.mode = .audit }
        if let socket { config.controlSocket = socket }
        if let logFile { config.logFile = logFile == "-" ? nil : logFile }
        if let metricsListen {
            if metricsListen != "-" {
                do { _ = try ListenAddress.parse(metricsListen) } catch { throw ValidationError("--metrics-listen \(error.description)") }
            }
            config.metricsListen = metricsListen == "-" ? "" : metricsListen
        }
        let paths: [String]
        if !signatures.rules.isEmpty || !signatures.hashes.isEmpty { paths = try signatures.paths() }
        else if !config.signaturePaths.isEmpty { paths = config.signaturePaths }
        else { paths = try signatures.paths() }
        guard geteuid() == 0 else {
            throw Failure(.error, "vigil: the daemon needs root (fanotify permission events need CAP_SYS_ADMIN)")
        }
        var protection = protectionOptions(file)
        // Rules changed while no daemon guarded them go back to their seal before loading.
        protection.loadAlarms = configAlarms + SealedLoad.restoreRules(under: paths, stateDirectories: [config.stateDirectory, Paths.stateDirectory])
        let code: Int32
        do { code = try Daemon(config: config, signaturePaths: paths, protection: protection).run { printLog($0, $1) } } catch {
            throw Failure.logged(error)
        }
        throw ExitCode(code)
    }
}

extension DaemonCommand {
    /// The config as sealed: read once, hashed, and parsed from those bytes; when they
    /// are not the sealed ones (a swap in the restart window, a bind mount over the
    /// file), the sealed copy is parsed instead and the why comes back as an alarm. The
    /// check looks in the state folder the file names and in the default one, and runs
    /// whatever the file says about protection (a swap that turns it off is caught too).
    func verifiedConfig() throws -> (Configuration, [String]) {
        let path = configOptions.config ?? Paths.configFile
        guard access(path, F_OK) == 0 else { return (try configOptions.load(), []) }
        let bytes: [UInt8]
        do { bytes = try SealedLoad.readOnce(path) } catch {
            throw Failure(.error, "vigil: \(path): cannot read: \(error)")
        }
        let asFound = Result { () throws(ConfigError) in try Configuration.parse(String(decoding: bytes, as: UTF8.self), file: path) }
        let states = ((try? asFound.get()).map { [$0.daemon.stateDirectory] } ?? []) + [Paths.stateDirectory]
        let outcome = SealedLoad.config(path: path, canonical: realpathOf(path) ?? path, bytes: bytes, stateDirectories: states)
        guard let alarm = outcome.alarm else { return (try asFound.get(), []) }
        return (try Configuration.parse(String(decoding: outcome.bytes, as: UTF8.self), file: path), [alarm])
    }

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
