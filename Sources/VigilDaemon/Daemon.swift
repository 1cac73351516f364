import CLinux
import Glibc
import VigilConfig
import VigilEngine
import VigilEvents
import VigilOnAccess
import VigilProtection
import VigilSystem

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
    ///
    /// Start-up order is what keeps the host from hanging: everything that may open a
    /// file before the marks exist (signatures, log, quarantine stores) comes first; then
    /// the on-access service starts its event thread and only then adds the marks; only
    /// after that does this (main) thread do file work on marked filesystems (sealing,
    /// chattr, the probe file, the control socket). This thread never answers the kernel,
    /// and the event thread never touches a file, so neither can wait on the other.
    public func run(status: (String, LogPriority) -> Void) throws(VigilError) -> Int32 {
        guard access("/proc/self/fd", F_OK) == 0 else {
            throw VigilError("/proc is not mounted: the daemon reads event paths and openers from /proc")
        }
        // Signals go to a signalfd read by this thread; block them before any thread
        // starts so every thread inherits the mask.
        var set = sigset_t()
        sigemptyset(&set)
        for s in [SIGTERM, SIGINT, SIGHUP, SIGUSR1] { sigaddset(&set, s) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        signal(SIGPIPE, SIG_IGN)
        // The writers probe takes and drops read leases; a lease break notice must not
        // kill us (SIGIO's default action).
        signal(SIGIO, SIG_IGN)
        let sfd = signalfd(-1, &set, Int32(SFD_CLOEXEC | SFD_NONBLOCK))
        guard sfd >= 0 else { throw VigilError("signalfd failed", cause: .current) }
        defer { close(sfd) }
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
        let service = try OnAccessService(config: config, signatures: signatures, log: log,
                                          threadSetup: { Containment.enterCurrentThread() })
        if let watchdog = protectionOptions.watchdogPid { service.trust(pid: watchdog) }
        let state = DaemonState(selfTestOK: selfTestOK)
        let paths = signaturePaths
        // The event thread starts answering here, before the first mark.
        try service.start()
        defer { service.stop() }

        // From here on, file work on marked filesystems: on this thread, never the event thread.
        do {
            try protection.start(log: log) { [weak service] pid in service?.trust(pid: pid) }
        } catch {
            service.stop()
            throw error
        }
        defer { protection.stop() }
        let probe = LivenessProbe.path(controlSocket: config.controlSocket)
        if let slash = probe.lastIndex(of: "/"), slash != probe.startIndex {
            try? makeDirectories(String(probe[..<slash]), mode: 0o755)
        }
        let probeFD = open(probe, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if probeFD >= 0 { close(probeFD) }
        do { try service.markProbe(path: probe) } catch {
            log.emit(EventLog.Record(key: "probe", line: service.noteLine("warning", "cannot mark the liveness probe \(probe): \(error); the watchdog cannot tell a wedged daemon")))
        }
        // The socket appears only once the marks exist: "socket is there" means "guarding".
        let control: ControlServer
        do {
            control = try ControlServer(path: config.controlSocket) { [weak service] command in
                guard let service else { return #"{"ok":false,"error":"shutting down"}"# }
                return Daemon.handle(command, service: service, signaturePaths: paths, protection: protection, state: state, log: log)
            }
        } catch {
            service.stop()
            throw error
        }
        defer { control.stop() }
        let pidFile = protectionOptions.watchdogPid == nil ? PidFile(controlSocket: config.controlSocket) : nil
        defer { pidFile?.remove() }

        let ready = "vigil: guarding \(service.markedPaths.joined(separator: ", ")) (\(service.markKind) marks, \(config.mode.rawValue) mode); "
            + "\(signatures.ruleCount) rules, \(signatures.hashes.entryCount) hash entries; control socket \(config.controlSocket)"
        status(ready, .info)
        for line in protection.startupLines { status(line, line.contains("WARNING") ? .warning : .info) }
        log.emit(EventLog.Record(key: "start", line: service.noteLine("info", ready)))
        if config.mode == .audit {
            let note = "vigil: audit mode: findings are logged, nothing is denied (set daemon.mode = \"enforce\" to deny)"
            status(note, .notice)
        }
        if !selfTestOK {
            let warning = "vigil: WARNING: self-test failed: the loaded signatures do not flag the EICAR test file; on-access scanning may block nothing"
            status(warning, .warning)
            log.emit(EventLog.Record(key: "selftest", line: service.noteLine("warning", warning)))
        }
        SystemdNotify.send("READY=1\nSTATUS=guarding \(service.markedPaths.joined(separator: " "))\(protection.notifyMainPid ? "\nMAINPID=\(getpid())" : "")")

        // Signals, on this thread: reload and reopen never run on the event thread.
        var fds = [pollfd(fd: sfd, events: Int16(POLLIN), revents: 0)]
        var running = true
        while running {
            fds[0].revents = 0
            if poll(&fds, 1, -1) < 0 { if errno == EINTR { continue }; break }
            var info = signalfd_siginfo()
            while running && read(sfd, &info, MemoryLayout<signalfd_siginfo>.size) == MemoryLayout<signalfd_siginfo>.size {
                switch Int32(info.ssi_signo) {
                case SIGHUP:
                    WorkerThread.detached(name: "vigil-reload") {
                        if case .success = service.reload(paths: paths) { state.rulesReloaded() }
                    }
                case SIGUSR1:
                    log.reopen()
                default:
                    running = false
                }
            }
        }
        SystemdNotify.send("STOPPING=1")
        service.stop()
        log.emit(EventLog.Record(key: "stop", line: service.noteLine("info", "vigil: stopped; all pending events answered")))
        return 0
    }

    static func handle(_ command: String, service: OnAccessService, signaturePaths: [String], protection: SelfProtection? = nil,
                       state: DaemonState = DaemonState(selfTestOK: true), log: EventLog? = nil) -> String {
        if let reply = protection?.handle(command) { return reply }
        switch command.split(separator: " ").first.map(String.init) ?? "" {
        case "ping":
            return #"{"ok":true,"pong":true}"#
        case "status":
            return DaemonStatus.json(service: service, protection: protection, state: state, log: log).text
        case "reload":
            switch service.reload(paths: signaturePaths) {
            case .success(let s):
                state.rulesReloaded()
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
        case "reopen-logs":
            log?.reopen()
            return #"{"ok":true}"#
        default:
            return #"{"ok":false,"error":"unknown command (ping, status, reload, reopen-logs, maintenance-begin REASON, maintenance-end)"}"#
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
