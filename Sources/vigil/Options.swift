import ArgumentParser
import Glibc
import VigilConfig
import VigilDaemon
import VigilEngine
import VigilSystem
import VigilUpdate

// Owns: the option groups several commands share. Must not: run a command.

/// Options shared by the commands that read the daemon's config.
struct ConfigOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Config file (default \(Paths.configFile); built-in defaults when it is absent).", valueName: "file"))
    var config: String?

    /// The whole config file, read and parsed once.
    func load() throws(ConfigError) -> Configuration { try Configuration.load(path: config) }
}

/// Where signatures come from when no `--rules` is given.
struct SignatureOptions: ParsableArguments {
    @Option(name: [.customLong("rules"), .customShort("d"), .customLong("database")], help: ArgumentHelp(
        "YARA rules (.yar, .yara), compiled rules (.yarc) or hash lists (.hdb, .hsb, .sha256): files or folders. Repeatable.",
        valueName: "path"))
    var rules: [String] = []

    @Option(name: .customLong("hashes"), help: ArgumentHelp("Hash lists (ClamAV .hdb/.hsb or sha256sum format). Repeatable.", valueName: "path"))
    var hashes: [String] = []

    @Option(name: .customLong("allowlist"), help: ArgumentHelp(
        "Allowlist of known-good SHA-256s (default: signatures.allowlist of the default config, when it exists). Repeatable.",
        valueName: "file"))
    var allowlists: [String] = []

    func paths() throws -> [String] {
        let given = rules + hashes
        if !given.isEmpty { return given }
        guard let bundled = Signatures.bundledDirectory() else {
            throw ValidationError("no --rules given and no bundled Signatures folder found (set VIGIL_SIGNATURES)")
        }
        return [bundled]
    }

    /// `keepSavedRules`: for scan workers (`vigil scan --sandbox`), which get libyara's saved form.
    func load(keepSavedRules: Bool = false) throws -> Signatures {
        let allow = allowlists.isEmpty ? ((try? Configuration.load(path: nil)).map { [$0.daemon.allowlistFile] } ?? []) : allowlists
        return try Signatures.load(try paths(), allowlistFiles: allow, keepSavedRules: keepSavedRules)
    }
}

/// `vigil reload`, `vigil status`, maintenance: one command over the control socket.
struct ControlCommandOptions: ParsableArguments {
    @OptionGroup var configOptions: ConfigOptions
    @Option(help: ArgumentHelp("Control socket (default: daemon.control_socket from the config).", valueName: "path"))
    var socket: String?

    /// The socket to use: --socket, or the config's (read once, by the caller).
    func socketPath(_ config: DaemonConfig) -> String { socket ?? config.controlSocket }

    /// The daemon's reply, or a clear exit: root is needed for the root-only socket, and
    /// a missing daemon is told apart from a refused connection.
    func request(_ command: ControlCommand, timeoutSeconds: Int = 120) throws -> String {
        let path = try socket ?? configOptions.load().daemon.controlSocket
        return try request(command, at: path, timeoutSeconds: timeoutSeconds)
    }

    /// Where the daemon's sealed binary may be listed: the config's state_dir (when a
    /// config loads) and the default one.
    var stateDirectories: [String] {
        let configured = (try? configOptions.load().daemon.stateDirectory).map { [$0] } ?? []
        return configured + (configured.contains(Paths.stateDirectory) ? [] : [Paths.stateDirectory])
    }

    func request(_ command: ControlCommand, at path: String, timeoutSeconds: Int = 120) throws(Failure) -> String {
        let verb = command.line.split(separator: " ").first ?? ""
        switch ControlClient.verifiedRequest(command, to: path, timeoutSeconds: timeoutSeconds, stateDirectories: stateDirectories) {
        case .success(let reply):
            return reply
        case .failure(.impostor(let who)):
            throw Self.impostor(who, at: path)
        case .failure(.noSocket):
            throw Failure(.noDaemon, "vigil: no daemon: there is no control socket at \(path) (is vigil.service running? systemctl status vigil)")
        case .failure(.notListening):
            throw Failure(.noDaemon, "vigil: no daemon listens on \(path) (a stale socket: the daemon died; systemctl status vigil)")
        case .failure(.noAnswer(let s)):
            throw Failure(.error, "vigil: something listens on \(path) but did not answer within \(s) s: a hung daemon (not \"no daemon\"); systemctl status vigil")
        case .failure(.notRoot):
            throw Failure(.notRoot, "vigil: this needs root: the control socket \(path) serves root only (try: sudo vigil \(verb))")
        case .failure(.other(let e)):
            if geteuid() != 0 { throw Failure(.notRoot, "vigil: this needs root: the control socket \(path) serves root only (try: sudo vigil \(verb)); \(e)") }
            throw Failure(.error, "vigil: the control socket \(path) failed: \(e)")
        }
    }

    /// The refusal when something else than Vigil listens on the socket.
    static func impostor(_ who: ControlPeer.Impostor, at path: String) -> Failure {
        Failure(.finding, "vigil: control socket \(path) answered by an impostor (pid \(who.pid), exe \(who.executable)): \(who.why); "
                + "nothing was sent to it. The real daemon may be blinded or gone: check `systemctl status vigil` and the event log")
    }

    /// The daemon's status when a verified daemon answers; nil when none answers.
    /// An impostor is an error, never "no daemon" (which would let offline work go on).
    func verifiedStatus(at path: String) throws -> String? {
        switch ControlClient.verifiedRequest(.status, to: path, timeoutSeconds: 5, stateDirectories: stateDirectories) {
        case .success(let reply): return reply
        case .failure(.impostor(let who)): throw Self.impostor(who, at: path)
        case .failure: return nil
        }
    }

    /// Prints the reply; exit 1 when the daemon said no.
    func send(_ command: ControlCommand, at path: String? = nil) throws {
        let reply = try path.map { p throws(Failure) in try request(command, at: p) } ?? request(command)
        print(reply)
        if !reply.hasPrefix(#"{"ok":true"#) { throw ExitStatus.finding }
    }
}

/// ControlPeer's check for the commands whose daemon request is sent from below
/// VigilDaemon (rules and allowlist reloads): a fake listener on the socket is never told
/// anything and is reported, not taken for the daemon. `stateDirectory`: the config's.
func controlPeerCheck(socket: String, stateDirectory: String) -> ControlPeerCheck {
    let dirs = [stateDirectory] + (stateDirectory == Paths.stateDirectory ? [] : [Paths.stateDirectory])
    ControlPeer.prepare(controlSocket: socket)
    return { uid, pid in ControlPeer.check(pid: pid, uid: uid, controlSocket: socket, stateDirectories: dirs).map(\.description) }
}
