import CLinux
import Glibc
import VigilConfig
import VigilEngine
import VigilEvents
import VigilMetrics
import VigilOnAccess
import VigilProtection
import VigilQuarantine
import VigilSystem

/// `vigil daemon`, the composition root: loads the signatures, checks the engine with
/// EICAR, starts the services in order (event log, on-access service, self-protection,
/// control socket), runs until SIGTERM and stops them in reverse. SIGHUP (or `vigil
/// reload`) reloads signatures without stopping; SIGUSR1 reopens the log.
///
/// Owns: the order of start-up and shutdown, and the signals. Must not: answer events
/// or protect files itself (the services do).
public final class Daemon: Sendable {
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
        // Signals go to a signalfd read by this thread; blocked before any thread starts,
        // so every thread inherits the mask.
        signal(SIGPIPE, SIG_IGN)
        // The writers probe takes and drops read leases; a lease break notice must not
        // kill us (SIGIO's default action).
        signal(SIGIO, SIG_IGN)
        let signals = try SignalFD(blocking: [SIGTERM, SIGINT, SIGHUP, SIGUSR1])
        raiseOpenFileLimit()
        // The capability drop covers only threads started after it; scan threads enter
        // the Landlock domain prepared here. They quarantine uploads: they may write to
        // the stores and move files out of the upload folders, and nowhere else.
        // The kernel log before the drop: with kernel.dmesg_restrict = 1 opening it needs
        // CAP_SYSLOG, which the daemon does not keep; reading the open fd needs nothing.
        let kernelLog = protectionOptions.config.enabled ? KernelLogFollower.open()
            : KernelLogFollower(notFollowed: "self-protection is off ([protection] enabled = false)")
        let containment = try Containment.apply(protectionOptions.config, stateDirectory: config.stateDirectory,
                                                extraWritable: config.uploads.map(\.resolvedQuarantineDirectory),
                                                uploadFolders: config.uploads.map(\.folder))
        // Tier A (BPF LSM) next: the load test, and where it passes, this process becomes
        // the registered agent before it opens any of its own protected files (a restarted
        // daemon's event log is one). Its lease thread starts after the capability drop.
        let tierA = try KernelEnforcement.enroll(protectionOptions.config)
        defer { tierA.kernel?.stop() }
        // Yama ptrace_scope 3 and kernel lockdown, when [protection] asks: host-wide and
        // one-way, set before the fanotify group exists (nothing can take its fd while it
        // is being made) and after Tier A loaded (lockdown integrity does not refuse it).
        let kernelRefusals = protectionOptions.config.enabled ? KernelRefusals.apply(protectionOptions.config) : nil

        // Scan workers get the rules as libyara's saved form, which is made as each rule
        // set is compiled (saving rules in use is a data race: RuleSet.saved).
        let signatures: Signatures
        do {
            signatures = try Signatures.load(signaturePaths, allowlistFiles: [config.allowlistFile], allowGlobalRules: config.allowGlobalRules,
                                             keepSavedRules: config.sandbox)
        } catch {
            throw VigilError("cannot load signatures: \(error)")
        }
        // The load's transient buffers (a large set's text, a container's unpacked tar)
        // go back to the kernel now, not at some later free.
        _ = vigil_malloc_trim()
        if config.prefilter { signatures.preparePrefilter() }
        let selfTestOK = try SelfTest.run(signatures)

        // The on-access event thread ends after everything else (this defer runs after the
        // stack's): until then it answers every event at once, so no stop step (shipping's
        // cursor, the log) waits on a mark put back behind the service's flush.
        var onAccess: OnAccessService?
        defer {
            onAccess?.stop()
            // Opens answered after the log wrote its stop-window line (its last): the journal.
            if let late = onAccess?.stats.stopWindow.unreported, late.guarded + late.other > 0 {
                status("vigil: after the event log closed, \(late.guarded) more opens of guarded files and \(late.other) other events were allowed at once (the daemon was stopping)",
                       late.guarded > 0 ? .warning : .info)
            }
        }
        let services = ServiceStack()
        defer { services.stopAll() }
        // The daemon alone rotates its log (the watchdog and the canary follow): a rename by
        // logrotate is refused under Tier A.
        let log = EventLog(path: config.logFile, toStdout: config.logStdout, rateLimitSeconds: config.rateLimitSeconds,
                           rotation: LogRotation(maxBytes: config.logRotateBytes, keep: config.logRotateKeep))
        try services.start(log)
        // Detections go from the log's writer to bounded queues: nothing here can make
        // the log, let alone the permission path, wait.
        if let notifications = Notifications(config: config, log: log) {
            try services.start(NotifyService(notifications))
            log.setTap { notifications.offer($0) }
        }
        let shipping = startShipping(services, log: log, status: status)
        let service = try OnAccessService(config: config, signatures: signatures, log: log, signaturePaths: signaturePaths,
                                          threadSetup: { Containment.enterCurrentThread() }, scanWorker: "/proc/self/exe")
        if let watchdog = protectionOptions.watchdogPid { service.trust(pid: watchdog) }
        // The event thread starts answering here, before the first mark. The stack only
        // retires it (see `onAccess` above).
        onAccess = service
        // What the stop lets through unscanned: the log's last line, so that it covers the
        // whole stop but the log's own end.
        let stopWindow = service.stats.stopWindow
        log.setLastWords {
            guard let s = stopWindow.report(), s.guarded + s.other > 0 else { return nil }
            return EventLog.Record(key: "stop-window", line: StopWindow.event(s).render())
        }
        try services.start(RetiringService(service))
        // `vigil top`'s process names, read off the permission path soon after the events.
        try services.start(ProcessNamerService(service.stats.names))

        // From here on, file work on marked filesystems: on this thread, never the event thread.
        let protection = SelfProtection(options: protectionOptions, daemon: config, signaturePaths: signaturePaths,
                                        containment: containment, log: log, tierA: tierA, kernelRefusals: kernelRefusals, kernelLog: kernelLog,
                                        auditTargets: [GuardAudit.target(service)]) { [weak service] pid in service?.trust(pid: pid) }
        service.quietCanaries(protection.canaryFiles)
        try services.start(protection)
        if let audit = protection.audit { service.onMountChange { audit.sweepSoon() } }
        markLivenessProbe(service, log: log)
        // The socket appears only once the marks exist: "socket is there" means "guarding".
        let state = DaemonState(selfTestOK: selfTestOK)
        let control = DaemonControl(service: service, protection: protection, signaturePaths: signaturePaths, state: state, log: log,
                                    quarantineStores: config.quarantineStores, shipping: shipping?.exporter)
        let socket = config.controlSocket
        try services.start(ControlServer(path: socket, onImpostor: { protection.impostorOnSocket($0.description, path: socket) }) {
            control.reply(to: $0, caller: .init(pid: $1.pid, uid: $1.uid))
        })
        // Quarantine retention by the daemon itself, off the permission path.
        let retention = QuarantineRetention(maxAgeSeconds: config.quarantineMaxAgeSeconds, maxTotalSize: config.quarantineMaxTotalSize)
        if QuarantinePruneSchedule.wanted(intervalSeconds: config.quarantinePruneIntervalSeconds, retention: retention) {
            try services.start(QuarantinePruneService(stores: config.quarantineStores, retention: retention,
                                                      intervalSeconds: config.quarantinePruneIntervalSeconds, log: log))
        }
        startMetrics(services, service: service, protection: protection, state: state, log: log, shipping: shipping, status: status)
        try services.start(QuarantineWatch(stores: config.quarantineStores, log: log))
        let pidFile = protectionOptions.watchdogPid == nil ? PidFile(controlSocket: config.controlSocket) : nil
        defer { pidFile?.remove() }

        announce(service, protection, signatures, selfTestOK: selfTestOK, log: log, status: status)
        handleSignals(signals, service: service, state: state, log: log)

        SystemdNotify.send("STOPPING=1")
        // The on-access service first, out of order: its marks go for good and everything
        // pending is answered; its event thread stays, answering at once, until everything
        // else has stopped (see `onAccess`): what this thread opens from here on (the run
        // record, the pid file, what the stopping services write) must not wait for an
        // answer. The rest stop in reverse.
        service.retire()
        var stopped = ECSEvent.daemonLifecycle(start: false, mode: config.mode.rawValue, configSource: config.source, process: ECSProcess.of(pid: getpid()))
        stopped.message = "vigil: stopped; all pending events answered"
        log.emit(EventLog.Record(key: "stop", line: stopped.render()))
        protection.recordCleanStop()
        return 0
    }

    /// The Prometheus endpoint and the textfile writer, when configured. Neither may stop
    /// the daemon from guarding: a port in use or an unwritable folder is a warning.
    private func startMetrics(_ services: ServiceStack, service: OnAccessService, protection: SelfProtection, state: DaemonState, log: EventLog,
                              shipping: ShippingService?, status: (String, LogPriority) -> Void) {
        guard !config.metricsListen.isEmpty || !config.metricsTextfileDirectory.isEmpty else { return }
        let metrics = DaemonMetrics(service: service, protection: protection, state: state, log: log)
        if let shipping { metrics.registry.register(shipping.exporter.collector) }
        func warn(_ text: String) {
            status("vigil: WARNING: \(text)", .warning)
            log.emit(EventLog.Record(key: "metrics", line: ECS.note("warning", text)))
        }
        if !config.metricsListen.isEmpty {
            do {
                let address = try ListenAddress.parse(config.metricsListen)
                let endpoint = try MetricsEndpoint(address: address) { metrics.render() }
                try services.start(MetricsEndpointService(endpoint))
                status("vigil: metrics on http://\(endpoint.boundAddress)/metrics" + (address.isLocalOnly ? "" : " (reachable from other hosts)"), .info)
            } catch {
                warn("no metrics endpoint: \(error)")
            }
        }
        if !config.metricsTextfileDirectory.isEmpty {
            let writer = TextfileService(directory: config.metricsTextfileDirectory, intervalSeconds: config.metricsTextfileIntervalSeconds) {
                metrics.registry.render(prefixProcessFamilies: true)
            }
            do { try services.start(TextfileCollectorService(writer)) } catch { warn("no metrics textfile: \(error)") }
        }
    }

    /// `[shipping]`: the `_bulk` exporter over the event log. Like the metrics, a bad
    /// setting is a warning: shipping never stops the daemon from guarding.
    private func startShipping(_ services: ServiceStack, log: EventLog, status: (String, LogPriority) -> Void) -> ShippingService? {
        do {
            guard let shipping = try ShippingService(config: config) else { return nil }
            try services.start(shipping)
            status("vigil: shipping \(config.logFile ?? "") to \(config.shippingURL) (\(config.shippingIndex)); cursor in \(shipping.directory)", .info)
            return shipping
        } catch {
            status("vigil: WARNING: no shipping: \(error)", .warning)
            log.emit(EventLog.Record(key: "shipping", line: ECS.note("warning", "no shipping: \(error)")))
            return nil
        }
    }

    /// The watchdog's probe file: an inode mark, so that its opens become permission
    /// events only the event thread can answer.
    private func markLivenessProbe(_ service: OnAccessService, log: EventLog) {
        let probe = LivenessProbe.path(controlSocket: config.controlSocket)
        if let slash = probe.lastIndex(of: "/"), slash != probe.startIndex {
            try? makeDirectories(String(probe[..<slash]), mode: 0o755)
        }
        if let fd = try? sysCall({ open(probe, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600) }) { close(fd) }
        do { try service.markProbe(path: probe) } catch {
            log.emit(EventLog.Record(key: "probe", line: ECS.note("warning", "cannot mark the liveness probe \(probe): \(error); the watchdog cannot tell a wedged daemon")))
        }
    }

    private func announce(_ service: OnAccessService, _ protection: SelfProtection, _ signatures: Signatures, selfTestOK: Bool,
                          log: EventLog, status: (String, LogPriority) -> Void) {
        let ready = "vigil: guarding \(service.markedPaths.joined(separator: ", ")) (\(service.markKind) marks, \(config.mode.rawValue) mode); "
            + "\(signatures.ruleCount) rules, \(signatures.hashes.entryCount) hash entries (rules version \(signatures.version.label)); control socket \(config.controlSocket)"
        status(ready, .info)
        // Never silent about what was left out.
        for line in signatures.skippedLines { status("vigil: signatures skipped: \(line)", .warning) }
        service.logLoadReport(signatures, action: "start")
        for line in protection.startupLines { status(line, line.contains("WARNING") ? .warning : .info) }
        var started = ECSEvent.daemonLifecycle(start: true, mode: config.mode.rawValue, configSource: config.source, process: ECSProcess.of(pid: getpid()))
        started.message = ready
        log.emit(EventLog.Record(key: "start", line: started.render()))
        if config.mode == .audit {
            status("vigil: audit mode: findings are logged, nothing is denied (set daemon.mode = \"enforce\" to deny)", .notice)
        }
        if config.prefilter, let why = signatures.prefilterRefusal {
            status("vigil: the literal prefilter is off (\(why)): libyara scans every file, with the same verdicts", .notice)
        }
        if !selfTestOK {
            let warning = "vigil: WARNING: self-test failed: the loaded signatures do not flag the EICAR test file; on-access scanning may block nothing"
            status(warning, .warning)
            log.emit(EventLog.Record(key: "selftest", line: ECS.note("warning", warning)))
        }
        SystemdNotify.send("READY=1\nSTATUS=guarding \(service.markedPaths.joined(separator: " "))\(protection.notifyMainPid ? "\nMAINPID=\(getpid())" : "")")
    }

    /// Signals, on this thread, until SIGTERM or SIGINT: reload and reopen never run on
    /// the event thread.
    private func handleSignals(_ signals: SignalFD, service: OnAccessService, state: DaemonState, log: EventLog) {
        let paths = signaturePaths
        var fds = [readable(signals.fd)]
        while (try? pollDescriptors(&fds, timeoutMillis: -1)) != nil {
            for signo in signals.pending() {
                switch signo {
                case SIGHUP:
                    WorkerThread.detached(name: "vigil-reload") {
                        if case .success = service.reload(paths: paths) { state.rulesReloaded() }
                    }
                case SIGUSR1:
                    log.reopen()
                default:
                    return
                }
            }
        }
    }
}

/// The on-access service as the daemon's stack sees it: its stop is `retire`, and the
/// daemon ends the event thread itself, last of all.
private final class RetiringService: Service {
    let service: OnAccessService
    init(_ service: OnAccessService) { self.service = service }
    func start() throws(VigilError) { try service.start() }
    func stop() { service.retire() }
}
