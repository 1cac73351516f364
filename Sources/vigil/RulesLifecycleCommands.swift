import ArgumentParser
import Glibc
import VigilConfig
import VigilDaemon
import VigilEngine
import VigilEvents
import VigilSystem
import VigilUpdate

/// `vigil rules keygen|sign|update|rollback|test-compile`: the signature lifecycle
/// (VigilUpdate) on the command line. Each works without a config, from its options
/// alone, so scripts and tests can drive it; with --config (or the default config) the
/// [signatures] section supplies what the options leave out.
extension RulesCommand {
    struct Keygen: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "keygen", 
            abstract: "Make an Ed25519 key pair for signing bundles: KEY (private, 0600) and KEY.pub.",
            discussion: "Install KEY.pub on every host in /etc/vigil/keys/ (sealed by self-protection). Keep KEY off them.")
        @Argument(help: "Where to write the private key; the public key goes to KEY.pub.") var key: String

        func run() throws {
            do {
                let pub = try BundleSigner.keygen(path: key)
                print("wrote \(key) and \(key).pub (key \(pub.fingerprint))")
            } catch {
                printError("vigil: \(error)")
                throw ExitCode(1)
            }
        }
    }

    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "sign", 
            abstract: "Sign a folder of rules as bundle version N, to publish as static files.",
            discussion: """
            Writes OUT_DIR/manifest (version, time, every file with size and SHA-256),
            OUT_DIR/manifest.sig (Ed25519 over the manifest) and OUT_DIR/files/. Serve OUT_DIR
            over https:// (any static web server) or share it as a folder; hosts fetch it with
            `vigil rules update --source URL`. The rules are compiled first: a set that does not
            load is not signed. Versions must only grow: hosts refuse one they have seen.
            """)
        @Option(help: ArgumentHelp("The private key (from `vigil rules keygen`).", valueName: "file")) var key: String
        @Option(help: ArgumentHelp("Bundle version: a positive number above every one published before.", valueName: "N")) var version: UInt64
        @Flag(help: "Sign without compiling the rules first.") var noCheck = false
        @Argument(help: "The rules folder.") var source: String
        @Argument(help: "An empty or new folder for the bundle.") var output: String

        func run() throws {
            if !noCheck {
                do { _ = try Signatures.load([source]) } catch {
                    printError("vigil: the rules do not load, not signed: \(error)")
                    throw ExitCode(1)
                }
            }
            do {
                let pem = try readAll(key)
                let k = try Ed25519.PrivateKey.read(pem: pem, origin: key)
                let m = try BundleSigner.sign(key: k, version: version, source: source, output: output)
                print("signed version \(m.version): \(m.files.count) files, \(m.totalSize) bytes, key \(try k.publicKey.fingerprint) -> \(output)")
            } catch {
                printError("vigil: \(error)")
                throw ExitCode(1)
            }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update", 
            abstract: "Fetch, verify, test-compile and install the newest signed bundle; ask the daemon to reload.",
            discussion: """
            Sources are tried in order until one gives a newer bundle. A failure at any step
            (fetch-manifest, verify-signature, parse-manifest, check-version, fetch-files,
            test-compile, install, swap, reload, record) leaves the running rules and the
            store's `current` link as they were and names the step. Each step is an ECS event
            (--json prints them; --log appends them). Exit status: 0 updated or up to date,
            1 failed.
            """)
        @OptionGroup var configOptions: ConfigOptions
        @Option(name: .customLong("source"), help: ArgumentHelp("Bundle URL (https://, http://, file:// or a path). Repeatable; tried in order.", valueName: "url"))
        var sources: [String] = []
        @Option(help: ArgumentHelp("Trusted public key (.pub) or folder of them (default: signatures.update_keys, /etc/vigil/keys).", valueName: "path"))
        var key: String?
        @Option(help: ArgumentHelp("The rules store (default: signatures.store, /var/lib/vigil/rules).", valueName: "dir"))
        var store: String?
        @Option(help: ArgumentHelp("The daemon's control socket to ask for a reload (default: the config's).", valueName: "path"))
        var controlSocket: String?
        @Flag(help: "Do not ask a daemon to reload.") var noReload = false
        @Option(help: ArgumentHelp("Memory limit of the test-compile process (K, M, G suffixes).", valueName: "size")) var compileMemory = "4G"
        @Option(help: ArgumentHelp("Time limit of the test-compile process, seconds.", valueName: "seconds")) var compileTimeout: Double = 600
        @Option(help: ArgumentHelp("Largest bundle accepted (sum of its files).", valueName: "size")) var maxBundleSize = "1G"
        @Option(help: ArgumentHelp("Give up on a source after this many seconds per file.", valueName: "seconds")) var fetchTimeout = 600
        @Option(help: ArgumentHelp("Versions to keep for rollback (default: signatures.keep_versions, 3).", valueName: "n")) var keep: Int?
        @Flag(help: "Print each step as an ECS JSON line.") var json = false
        @Option(help: ArgumentHelp("Append each step's ECS JSON line to this file (default: the config's log file when --config is given).", valueName: "file"))
        var log: String?
        @Flag(help: "Exit 0 quietly when no source is configured (for the systemd timer on hosts that do not update).")
        var ifConfigured = false

        func validate() throws {
            guard parseByteSize(compileMemory) != nil else { throw ValidationError("--compile-memory: '\(compileMemory)' is not a size") }
            guard parseByteSize(maxBundleSize) != nil else { throw ValidationError("--max-bundle-size: '\(maxBundleSize)' is not a size") }
            guard compileTimeout > 0, fetchTimeout > 0 else { throw ValidationError("timeouts must be positive") }
        }

        func run() throws {
            let config = try configOptions.load().daemon
            let sourceList = sources.isEmpty ? config.updateSources : sources
            guard !sourceList.isEmpty else {
                if ifConfigured { return }
                printError("vigil: no --source given and no signatures.update_sources in \(config.source)")
                throw ExitCode(2)
            }
            let keyPath = key ?? config.updateKeys
            let keys: [Ed25519.PublicKey]
            do { keys = try TrustedKeys.load(keyPath) } catch {
                printError("vigil: trusted keys: \(error)")
                throw ExitCode(2)
            }
            let sink = try EventSink(json: json, log: log ?? (configOptions.config != nil ? config.logFile : nil))
            let ruleStore: RuleStore
            do { ruleStore = try RuleStore(root: store ?? config.rulesStore) } catch {
                printError("vigil: \(error)")
                throw ExitCode(2)
            }
            var compiler = TestCompiler(command: [ownExecutable(fallback: ProgramArguments.all.first ?? Paths.installedBinary), "rules", "test-compile"])
            compiler.memoryLimitBytes = parseByteSize(compileMemory)!
            compiler.timeoutSeconds = compileTimeout
            var options = RuleUpdater.Options(compiler: compiler)
            options.sources = sourceList
            options.keys = keys
            options.maxBundleBytes = parseByteSize(maxBundleSize)!
            options.fetchLimits.timeoutSeconds = fetchTimeout
            options.keep = keep ?? config.keepVersions
            options.controlSocket = noReload ? nil : (controlSocket ?? config.controlSocket)
            options.checkPeer = options.controlSocket.map { controlPeerCheck(socket: $0, stateDirectory: config.stateDirectory) }
            let start = monotonicSeconds()
            let updater = RuleUpdater(store: ruleStore) { sink.emit($0) }
            let result = updater.update(options)
            let seconds = String(format: "%.2f", monotonicSeconds() - start)
            switch result {
            case .success(.updated(let from, let to, let source)):
                sink.summary("updated to version \(to) (from \(from.map(String.init) ?? "none")) from \(source) in \(seconds) s")
            case .success(.upToDate(let v, let source)):
                sink.summary("up to date: version \(v) (\(source)), checked in \(seconds) s")
            case .failure(let f):
                printError("vigil: rules update failed at step \(f.step.rawValue)\(f.source.map { " (\($0))" } ?? ""): \(f.message); the running rules are unchanged")
                throw ExitCode(1)
            }
        }
    }

    struct Rollback: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rollback", 
            abstract: "Go back to the newest kept version older than the current one, and ask the daemon to reload.",
            discussion: "The kept version's files are checked against its signed manifest first. Updates afterwards install only versions newer than the newest ever accepted.")
        @OptionGroup var configOptions: ConfigOptions
        @Option(help: ArgumentHelp("The rules store (default: signatures.store).", valueName: "dir")) var store: String?
        @Option(help: ArgumentHelp("Also check the kept manifest's signature with this key or folder of keys.", valueName: "path")) var key: String?
        @Option(help: ArgumentHelp("The daemon's control socket (default: the config's).", valueName: "path")) var controlSocket: String?
        @Flag(help: "Do not ask a daemon to reload.") var noReload = false
        @Flag(help: "Print each step as an ECS JSON line.") var json = false
        @Option(help: ArgumentHelp("Append each step's ECS JSON line to this file.", valueName: "file")) var log: String?

        func run() throws {
            let config = try configOptions.load().daemon
            let sink = try EventSink(json: json, log: log ?? (configOptions.config != nil ? config.logFile : nil))
            let ruleStore: RuleStore
            do { ruleStore = try RuleStore(root: store ?? config.rulesStore) } catch {
                printError("vigil: \(error)")
                throw ExitCode(2)
            }
            var keys: [Ed25519.PublicKey] = []
            if let key {
                do { keys = try TrustedKeys.load(key) } catch { printError("vigil: \(error)"); throw ExitCode(2) }
            }
            let start = monotonicSeconds()
            let updater = RuleUpdater(store: ruleStore) { sink.emit($0) }
            let socket = noReload ? nil : (controlSocket ?? config.controlSocket)
            switch updater.rollback(controlSocket: socket, checkPeer: socket.map { controlPeerCheck(socket: $0, stateDirectory: config.stateDirectory) }, keys: keys) {
            case .success(let r):
                sink.summary("rolled back from version \(r.from) to version \(r.to) in \(String(format: "%.2f", monotonicSeconds() - start)) s")
            case .failure(let f):
                printError("vigil: rules rollback failed at step \(f.step.rawValue): \(f.message); the running rules are unchanged")
                throw ExitCode(1)
            }
        }
    }

    /// The child `vigil rules update` starts to compile a candidate set under limits.
    struct TestCompile: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test-compile",
            abstract: "Load a rules folder under memory and CPU limits (run by `vigil rules update`).",
            shouldDisplay: false)
        @Option var memoryLimit: Int64 = 4 << 30
        @Option var cpuSeconds: Int = 600
        @Argument var directory: String

        func run() throws {
            TestCompiler.limitSelf(memoryBytes: memoryLimit, cpuSeconds: cpuSeconds)
            do {
                let s = try Signatures.load([directory])
                print("compiled: \(s.ruleCount) rules, \(s.hashes.entryCount) hash entries, \(s.allowlist.entryCount) allowlist entries, "
                      + "\(s.skippedSignatureCount) signatures skipped, in \(String(format: "%.2f", s.loadSeconds)) s")
            } catch {
                print("does not load: \(error)")
                throw ExitCode(1)
            }
        }
    }
}

/// Where the steps go: a line per step on standard error for people, or ECS JSON lines
/// on standard output; and, with a log file, appended there too (O_APPEND: whole lines
/// beside the daemon's).
final class EventSink {
    private let json: Bool
    private let logFD: Int32

    init(json: Bool, log: String?) throws {
        self.json = json
        if let log {
            logFD = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
            if logFD < 0 {
                printError("vigil: cannot open the event log \(log): \(String(cString: strerror(errno)))")
                throw ExitCode(2)
            }
        } else {
            logFD = -1
        }
    }

    deinit { if logFD >= 0 { close(logFD) } }

    func emit(_ e: UpdateEvent) {
        let text = e.line.text
        if logFD >= 0 { writeAllBytes(logFD, Array((text + "\n").utf8)) }
        if json { writeAllBytes(1, Array((text + "\n").utf8)) }
        else { printError("vigil: \(e.operation) \(e.step.rawValue): \(e.success ? "ok" : "FAILED"): \(e.message)") }
    }

    func summary(_ s: String) {
        if !json { print(s) }
    }
}

func readAll(_ path: String) throws -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw ValidationError("\(path): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n <= 0 { break }
        out += chunk[0..<n]
    }
    return out
}
