import ArgumentParser
import Glibc
import VigilConfig
import VigilDaemon
import VigilProtection
import VigilSystem
import VigilUpdate

// `vigil maintenance keygen|challenge|sign|begin|end|unlock`.

struct MaintenanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintenance",
        abstract: "Lift self-protection for an upgrade, then re-seal (root).",
        discussion: """
        Through the running daemon (control socket). When no daemon answers (a stopped
        service, a package script), the same is done offline on the state folder: begin
        clears the immutable flags and opens the window, end re-seals the files as they
        are now and closes it. The Debian package's scripts do this around upgrades.

        Authenticated maintenance: once a public key is sealed (`vigil install
        --maintenance-key PUB`), begin needs a token signed by its private key, which
        stays on the operator's machine: on the host `vigil maintenance challenge`, on the
        operator's machine `vigil maintenance sign --key PRIV --challenge C`, then on the
        host `vigil maintenance begin --token T` (or VIGIL_MAINTENANCE_TOKEN=T for the
        package scripts: `VIGIL_MAINTENANCE_TOKEN=T apt-get install ./vigil_X.deb`).

        Signed manifest: with a key sealed, the manifest of sealed files stands across a
        restart only when signed. After the first start and after each maintenance
        window, `vigil maintenance manifest` prints the request; the operator signs it
        (`vigil maintenance sign --key PRIV --manifest REQUEST`) and the host records it
        (`vigil maintenance manifest --signature S`). A manifest without a valid signature
        at start is refused (critical event): the last signed one is put back.
        """,
        subcommands: [Keygen.self, Challenge.self, Sign.self, Begin.self, End.self, Manifest.self, Unlock.self])

    /// True when nobody answers on `socket` (so offline work is safe).
    static func noDaemon(at socket: String) -> Bool {
        if case .failure(let e) = ControlClient.request(.ping, to: socket, timeoutSeconds: 5), e.code == ENOENT || e.code == ECONNREFUSED {
            return true
        }
        return false
    }

    static func readToken(_ path: String) throws -> String {
        guard let bytes = readWholeFile(path, limit: 16 << 10) else { throw Failure(.error, "vigil: cannot read the token file \(path)") }
        return String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
    }

    /// "15m", "900s", "1h", "900": seconds.
    static func seconds(_ text: String) -> Int? {
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        if let u = text.last, let mult = units[u], let n = Int(text.dropLast()), n > 0 { return n * mult }
        return Int(text).flatMap { $0 > 0 ? $0 : nil }
    }

    struct Keygen: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "keygen", 
            abstract: "Make a maintenance key pair (on the operator's machine, not the host): DIR/maintenance.key and DIR/maintenance.pub.")
        @Option(help: ArgumentHelp("Folder for the two PEM files (made 0700).", valueName: "dir"))
        var out: String
        func run() throws {
            try makeDirectories(out, mode: 0o700)
            let key = try Ed25519.PrivateKey.generate()
            let priv = out + "/maintenance.key", pub = out + "/maintenance.pub"
            for p in [priv, pub] where access(p, F_OK) == 0 { throw Failure(.error, "vigil: \(p) exists; not overwritten") }
            try writeFileAtomically(priv, contents: String(decoding: try key.pem(), as: UTF8.self), mode: 0o600)
            try writeFileAtomically(pub, contents: String(decoding: try key.publicKey.pem(), as: UTF8.self), mode: 0o644)
            print(#"{"ok":true,"private_key":"\#(priv)","public_key":"\#(pub)","fingerprint":"\#(try key.publicKey.fingerprint)"}"#)
        }
    }

    struct Challenge: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "challenge", 
            abstract: "Print a fresh challenge (nonce bound to this host and boot, expiring in 15 minutes) for the operator to sign.")
        @OptionGroup var options: ControlCommandOptions
        @Flag(help: "Print only the challenge line.")
        var quiet = false
        func run() throws {
            try MaintenanceCommand.requireRoot()
            let config = try options.configOptions.load().daemon
            let socket = options.socketPath(config)
            let text: String
            if MaintenanceCommand.noDaemon(at: socket) {
                text = try OfflineMaintenance(stateDirectory: config.stateDirectory).challenge().text
            } else {
                let reply = try options.request(.maintenanceChallenge, at: socket)
                guard reply.hasPrefix(#"{"ok":true"#), let c = reply.range(of: #""challenge":""#).map({ reply[$0.upperBound...].prefix { $0 != "\"" } }) else {
                    print(reply)
                    throw ExitStatus.finding
                }
                text = String(c)
            }
            print(quiet ? text : #"{"ok":true,"challenge":"\#(text)"}"#)
        }
    }

    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "sign", 
            abstract: "Sign a challenge with the maintenance private key (operator side); prints the token.")
        @Option(help: ArgumentHelp("The private key (maintenance.key from keygen).", valueName: "file"))
        var key: String
        @Option(help: ArgumentHelp("The challenge line from `vigil maintenance challenge`.", valueName: "text"))
        var challenge: String?
        @Option(help: ArgumentHelp("Sign a manifest request instead (from `vigil maintenance manifest`); prints the signature.", valueName: "request"))
        var manifest: String?
        @Option(help: ArgumentHelp("How long the token is valid (at most the challenge's expiry): 15m, 1h, 900s.", valueName: "duration"))
        var ttl: String = "15m"
        @Option(help: ArgumentHelp("What the window is for: maintenance (anything), upgrade, remove.", valueName: "scope"))
        var scope: String = "maintenance"
        func validate() throws {
            if (challenge == nil) == (manifest == nil) { throw ValidationError("give one of --challenge or --manifest") }
        }
        func run() throws {
            guard let pem = readWholeFile(key, limit: 64 << 10) else { throw Failure(.error, "vigil: cannot read \(key)") }
            if let manifest {
                guard let r = ManifestRequest(text: manifest) else { throw Failure(.error, "vigil: not a manifest request: \(manifest)") }
                let priv = try Ed25519.PrivateKey.read(pem: pem, origin: key)
                var s = ManifestSignature(request: r, key: try priv.publicKey.fingerprint)
                s.signature = try priv.sign(s.payload)
                print(s.text)
                return
            }
            let challenge = challenge ?? ""
            guard let c = MaintenanceChallenge(text: challenge) else { throw Failure(.error, "vigil: not a maintenance challenge: \(challenge)") }
            guard let ttl = MaintenanceCommand.seconds(ttl) else { throw Failure(.error, "vigil: --ttl: not a duration: \(ttl)") }
            guard ["maintenance", "upgrade", "remove"].contains(scope) else { throw Failure(.error, "vigil: --scope: maintenance, upgrade or remove") }
            let priv = try Ed25519.PrivateKey.read(pem: pem, origin: key)
            let expires = min(Int(time(nil)) + ttl, c.expires)
            var t = MaintenanceToken(challenge: c, expires: expires, scope: scope, key: try priv.publicKey.fingerprint)
            t.signature = try priv.sign(t.payload)
            print(t.text)
        }
    }

    static func requireRoot() throws {
        guard geteuid() == 0 else { throw Failure(.notRoot, "vigil: maintenance needs root") }
    }

    struct Begin: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "begin", 
            abstract: "Lift protection: clear the immutable flags and let protected files be written. Logged with the reason.")
        @OptionGroup var options: ControlCommandOptions
        @Option(help: ArgumentHelp("Why (logged).", valueName: "text"))
        var reason: String
        @Option(help: ArgumentHelp("A signed maintenance token (default: $VIGIL_MAINTENANCE_TOKEN, else the file maintenance.token beside the control socket).", valueName: "token"))
        var token: String?
        @Option(help: ArgumentHelp("Read the token from this file.", valueName: "file"))
        var tokenFile: String?
        @Option(help: ArgumentHelp("What the window is for: maintenance, upgrade, remove (a token signed for upgrade opens only upgrade).", valueName: "scope"))
        var scope: String = "maintenance"
        func validate() throws {
            if !reason.contains(where: { $0 != " " && $0 != "\t" }) { throw ValidationError("--reason must say why") }
            if reason.contains("\n") { throw ValidationError("--reason is one line") }
            if !["maintenance", "upgrade", "remove"].contains(scope) { throw ValidationError("--scope: maintenance, upgrade or remove") }
        }
        func run() throws {
            try MaintenanceCommand.requireRoot()
            let config = try options.configOptions.load().daemon
            let socket = options.socketPath(config)
            let token = try self.token ?? tokenFile.map { try MaintenanceCommand.readToken($0) }
                ?? getenv("VIGIL_MAINTENANCE_TOKEN").map { String(cString: $0) }
                ?? (try? MaintenanceCommand.readToken(Paths.besideControlSocket("maintenance.token", controlSocket: socket)))
            guard MaintenanceCommand.noDaemon(at: socket) else { return try options.send(.maintenanceBegin(reason: reason, token: token, scope: scope), at: socket) }
            let n = try OfflineMaintenance(stateDirectory: config.stateDirectory).begin(reason: reason, token: token, scope: scope)
            print(#"{"ok":true,"maintenance":true,"offline":true,"unlocked":\#(n)}"#)
        }
    }

    struct End: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "end", 
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

    struct Manifest: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "manifest", 
            abstract: "Print the sealed manifest's signing request and state; with --signature, check the operator's signature and record it.",
            discussion: "While a daemon runs, the signature is recorded by the daemon (under Tier A nothing else may write its protection folder); otherwise here.")
        @OptionGroup var control: ControlCommandOptions
        @Option(help: ArgumentHelp("The signature from `vigil maintenance sign --manifest` (operator side).", valueName: "text"))
        var signature: String?
        func run() throws {
            try MaintenanceCommand.requireRoot()
            let config = try control.configOptions.load().daemon
            if let signature {
                let socket = control.socketPath(config)
                if !MaintenanceCommand.noDaemon(at: socket) {
                    // One line, no spaces: a signature is `vms1.<hex>.<hex>`.
                    let reply = try control.request(.manifestSignature(signature.split(whereSeparator: \.isWhitespace).joined()), at: socket)
                    print(reply)
                    guard reply.hasPrefix(#"{"ok":true"#) else {
                        throw Failure(.error, "vigil: manifest signature refused by the daemon: \(reply)")
                    }
                    return
                }
            }
            let protection = config.stateDirectory + "/protection"
            guard access(protection + "/manifest.tsv", F_OK) == 0 else { throw Failure(.error, "vigil: no sealed manifest under \(protection)") }
            let store = try ProtectedSet(stateDirectory: config.stateDirectory)
            let auth = MaintenanceAuth(protectionDirectory: store.directory)
            if let signature {
                let s = try ManifestTrust.accept(signature, store: store, auth: auth)
                print(#"{"ok":true,"signed":true,"sha256":"\#(s.request.digest)","key":"\#(s.key)"}"#)
                return
            }
            let request = ManifestTrust.request(store)?.text ?? ""
            switch ManifestTrust.evaluate(store, auth: auth) {
            case .signed(let digest):
                print(#"{"ok":true,"signed":true,"sha256":"\#(digest)","request":"\#(request)"}"#)
            case .refused(let why, _, _):
                print(#"{"ok":true,"signed":false,"refusal":"\#(why.code)","request":"\#(request)"}"#)
                throw ExitStatus.finding
            case .unkeyed, .noManifest:
                print(#"{"ok":true,"signed":false,"refusal":"no maintenance key","request":"\#(request)"}"#)
            }
        }
    }

    struct Unlock: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unlock", 
            abstract: "Clear the immutable flag on every protected file and sealed copy (package removal; run after begin).",
            discussion: "Refused while a daemon answers and is not in maintenance.")
        @OptionGroup var options: ControlCommandOptions
        func run() throws {
            try MaintenanceCommand.requireRoot()
            let config = try options.configOptions.load().daemon
            let socket = options.socketPath(config)
            if let reply = try options.verifiedStatus(at: socket), !reply.contains(#""maintenance":{"#) {
                throw Failure(.finding, "vigil: the daemon on \(socket) is not in maintenance; run `vigil maintenance begin --reason ...` first")
            }
            let n = OfflineMaintenance(stateDirectory: config.stateDirectory).unlock()
            print(#"{"ok":true,"unlocked":\#(n)}"#)
        }
    }
}
