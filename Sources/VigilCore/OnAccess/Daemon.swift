import CLinux
import Glibc

/// `vigil daemon`: loads config and signatures, checks the engine with EICAR, starts
/// the on-access service and the control socket, and runs until SIGTERM.
/// SIGHUP (or `vigil reload`) reloads signatures without stopping.
public final class Daemon: @unchecked Sendable {
    public let config: DaemonConfig
    private let signaturePaths: [String]
    private let protectionOptions: ProtectionOptions

    public init(config: DaemonConfig, signaturePaths: [String], protection: ProtectionOptions = ProtectionOptions()) {
        self.config = config
        self.signaturePaths = signaturePaths
        protectionOptions = protection
    }

    /// Runs until SIGTERM/SIGINT; returns the process exit status.
    public func run(status: (String) -> Void) throws(VigilError) -> Int32 {
        // Signals go to a signalfd read by the event loop; block them before any thread
        // starts so every thread inherits the mask.
        var set = sigset_t()
        sigemptyset(&set)
        for s in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&set, s) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        signal(SIGPIPE, SIG_IGN)
        // The writers probe takes and drops read leases; a lease break notice must not
        // kill us (SIGIO's default action).
        signal(SIGIO, SIG_IGN)
        let sfd = signalfd(-1, &set, Int32(SFD_CLOEXEC | SFD_NONBLOCK))
        defer { if sfd >= 0 { close(sfd) } }
        raiseOpenFileLimit()
        // The capability drop covers only threads started after it; scan threads enter
        // the Landlock domain prepared here.
        let protection = SelfProtection(options: protectionOptions, daemon: config, signaturePaths: signaturePaths)
        // Scan threads quarantine uploads: they may write to the stores and move files
        // out of the upload folders, and nowhere else.
        try protection.contain(extraWritable: config.uploads.map(\.resolvedQuarantineDirectory),
                               uploadFolders: config.uploads.map(\.folder))

        let signatures: Signatures
        do { signatures = try Signatures.load(signaturePaths) } catch {
            throw VigilError("cannot load signatures: \(error)")
        }
        let selfTestOK = try Daemon.selfTest(signatures)

        let log = try EventLog(path: config.logFile, toStdout: config.logStdout, rateLimitSeconds: config.rateLimitSeconds)
        defer { log.close() }
        let service = try OnAccessService(config: config, signatures: signatures, log: log)
        let paths = signaturePaths
        try service.start()
        // Before the control socket: its commands (maintenance) need a started protection.
        do { try protection.start(log: log) } catch {
            service.stop()
            throw error
        }
        defer { protection.stop() }
        // The socket appears only once the marks exist: "socket is there" means "guarding".
        let control: ControlServer
        do {
            control = try ControlServer(path: config.controlSocket) { [weak service] command in
                guard let service else { return #"{"ok":false,"error":"shutting down"}"# }
                return Daemon.handle(command, service: service, signaturePaths: paths, protection: protection)
            }
        } catch {
            service.stop()
            throw error
        }
        defer { control.stop() }

        let ready = "vigil: guarding \(service.markedPaths.joined(separator: ", ")) (\(service.markKind) marks, \(config.mode.rawValue) mode); "
            + "\(signatures.ruleCount) rules, \(signatures.hashes.entryCount) hash entries; control socket \(config.controlSocket)"
        status(ready)
        protection.startupLines.forEach(status)
        log.emit(EventLog.Record(key: "start", line: service.noteLine("info", ready)))
        if !selfTestOK {
            let warning = "vigil: WARNING: self-test failed: the loaded signatures do not flag the EICAR test file; on-access scanning may block nothing"
            status(warning)
            log.emit(EventLog.Record(key: "selftest", line: service.noteLine("warning", warning)))
        }
        SystemdNotify.send("READY=1\nSTATUS=guarding \(service.markedPaths.joined(separator: " "))\(protection.notifyMainPid ? "\nMAINPID=\(getpid())" : "")")

        service.runEventLoop(signalFD: sfd) { signo in
            switch signo {
            case SIGHUP:
                WorkerThread.detached(name: "vigil-reload") {
                    _ = service.reload(paths: paths)
                }
            default:
                SystemdNotify.send("STOPPING=1")
                service.stop()
            }
        }
        service.stop()
        log.emit(EventLog.Record(key: "stop", line: service.noteLine("info", "vigil: stopped; all pending events answered")))
        return 0
    }

    static func handle(_ command: String, service: OnAccessService, signaturePaths: [String], protection: SelfProtection? = nil) -> String {
        if let reply = protection?.handle(command) { return reply }
        switch command.split(separator: " ").first.map(String.init) ?? "" {
        case "ping":
            return #"{"ok":true,"pong":true}"#
        case "status":
            var o = JSONLine()
            o.add("ok", true)
            o.add("pid", Int(getpid()))
            o.add("mode", service.config.mode.rawValue)
            o.add("guarded", service.markedPaths)
            o.add("mark_kind", service.markKind)
            let (sigs, gen) = service.currentSignatures
            o.add("rules", sigs.ruleCount)
            o.add("hash_entries", sigs.hashes.entryCount)
            o.add("rules_generation", gen)
            o.add("stats", object: service.stats.json())
            if let protection { o.add("protection", object: protection.statusJSON()) }
            return o.text
        case "reload":
            switch service.reload(paths: signaturePaths) {
            case .success(let s):
                var o = JSONLine()
                o.add("ok", true)
                o.add("rules", s.ruleCount)
                o.add("hash_entries", s.hashes.entryCount)
                o.add("rules_generation", service.currentSignatures.1)
                return o.text
            case .failure(let e):
                var o = JSONLine()
                o.add("ok", false)
                o.add("error", "reload failed, the running rules stay: \(e)")
                return o.text
            }
        default:
            return #"{"ok":false,"error":"unknown command (ping, status, reload, maintenance-begin REASON, maintenance-end)"}"#
        }
    }

    /// "Runs but blocks nothing" must be impossible to miss: the engine must flag the
    /// EICAR test string with the loaded signatures, or start-up says so loudly.
    static func selfTest(_ signatures: Signatures) throws(VigilError) -> Bool {
        let scanner = try FileScanner(signatures: signatures)
        let probe = vigil_memfd("vigil-selftest")
        guard probe >= 0 else { throw VigilError("self-test: memfd_create failed", cause: .current) }
        let file = OpenFile(adopting: probe)
        let text = Array("X5O!P%@AP[4\\PZX54(P^)7CC)7}$".utf8) + Array("EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*".utf8)
        writeAllBytes(probe, text)
        let report = scanner.scan(file, path: RawPath("/selftest/eicar.com"), stat: (try? file.stat()) ?? stat())
        return report.verdict >= Verdict.quarantine
    }
}

extension WorkerThread {
    /// A thread nobody joins (a reload triggered by a signal).
    public static func detached(name: String, _ body: @escaping @Sendable () -> Void) {
        let t = WorkerThread(name: name, body)
        t.detach()
    }
}
