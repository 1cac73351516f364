import CLinux
import Glibc
import Synchronization
import VigilConfig
import VigilEvents
import VigilSystem

/// How the daemon was started, as far as self-protection cares.
public struct ProtectionOptions: Sendable {
    public var config = ProtectionConfig()
    /// The config file the daemon read (protected as one of Vigil's own files).
    public var configFile: String?
    /// The `vigil watchdog` that supervises this daemon; the daemon supervises it back.
    public var watchdogPid: Int32?
    /// The daemon's own arguments, handed to a watchdog it has to start again so that
    /// watchdog can start daemons like this one.
    public var daemonArguments: [String] = []
    /// What SealedLoad found at load (a config or rule file that was not the sealed
    /// one): each a critical event and an alarm (status "compromised").
    public var loadAlarms: [String] = []

    public init() {}
}

/// The daemon's self-protection, started after the on-access service answers: the
/// sealed protected set and its TamperGuard, supervision of the watchdog, systemd
/// watchdog pings, maintenance mode (MaintenanceCommands.swift) and the `status`
/// report. Containment (Landlock, capabilities) came earlier, before any thread:
/// `Containment.apply`, whose report this one includes.
///
/// Owns: the parts above. Must not: scan, or answer on-access events.
public final class SelfProtection: Service {
    public let options: ProtectionOptions
    let daemon: DaemonConfig
    /// The host's rule folders and files, then every [[workload]]'s own.
    let signaturePaths: [String]
    let executable = ownExecutable(fallback: Paths.installedBinary)
    private let log: EventLog
    /// Told the pid of every watchdog (the first and each restarted one), so the
    /// on-access service answers its opens at once.
    private let onWatchdogPid: @Sendable (Int32) -> Void
    private let layers: Mutex<ProtectionLayers>
    /// Serialises maintenance begin and end: control commands arrive on one thread, but
    /// a re-seal must never interleave with another.
    let maintenanceOrder = Mutex(())

    /// What `start` built: nil parts are off (protection disabled, no watchdog).
    struct Parts: Sendable {
        var store: ProtectedSet?
        var maintenance: MaintenanceState?
        /// The sealed maintenance key and the challenges (MaintenanceAuth.swift).
        var auth: MaintenanceAuth?
        var tamper: TamperGuard?
        var watchdog: Supervisor?
        /// Tier A (BPF LSM), when it loaded; `tier` says which tier runs and why.
        var kernel: KernelEnforcement?
        /// The manifest found at start was refused (no valid signature): why, an alarm.
        var manifestAlarm: String?
    }
    /// What the daemon's first step decided (KernelEnforcement.enroll).
    let tierA: TierAEnrollment
    /// What setting Yama and lockdown at start did (KernelRefusals.apply), if asked.
    let kernelRefusals: KernelRefusals.Applied?
    let parts = Mutex(Parts())
    /// Tamper guard, watchdog supervision, systemd pings, the self-audit: started in that order.
    private let services = ServiceStack()
    /// Tier B: the daemon's audit of its own marks, tracer and code (SelfAudit.swift).
    public let audit: SelfAudit?
    /// How this run started and ended, for the next start (RunRecord.swift).
    public let runState: RunState
    /// The canary prober's last word (`vigil canary` reports through the control socket):
    /// nil until it reports.
    public let canaryOK = Mutex<Bool?>(nil)
    /// The kernel's own refusals (lockdown, Yama) from /dev/kmsg, as events: opened by the
    /// daemon before its capability drop, read on the self-audit thread (KernelLog.swift).
    public let kernelLog: KernelLogFollower

    public init(options: ProtectionOptions, daemon: DaemonConfig, signaturePaths: [String], containment: Containment.Report,
                log: EventLog, tierA: TierAEnrollment = .off, kernelRefusals: KernelRefusals.Applied? = nil,
                kernelLog: KernelLogFollower = KernelLogFollower(notFollowed: "not opened at the daemon's start"),
                auditTargets: [SelfAudit.Target] = [], onWatchdogPid: @escaping @Sendable (Int32) -> Void = { _ in }) {
        self.options = options
        self.tierA = tierA
        self.kernelRefusals = kernelRefusals
        self.kernelLog = kernelLog
        runState = RunState(stateDirectory: daemon.stateDirectory)
        audit = options.config.enabled ? try? SelfAudit(targets: auditTargets, intervalMillis: options.config.auditIntervalMillis) { key, line in
            log.emit(EventLog.Record(key: key, line: line))
        } : nil
        self.daemon = daemon
        // A [[workload]]'s own rule folders are rules like the host's: sealed, guarded and
        // restored alike (a planted rule-free copy would clear a workload's bad files).
        var rules = signaturePaths
        for folder in daemon.workloads.rules.flatMap(\.rules) where !rules.contains(folder) { rules.append(folder) }
        self.signaturePaths = rules
        self.log = log
        self.onWatchdogPid = onWatchdogPid
        var l = ProtectionLayers()
        l.enabled = options.config.enabled
        l.landlockABI = Landlock.abiVersion
        l.watchdogPid = options.watchdogPid
        l.landlock = containment.landlock
        l.capabilities = containment.capabilities
        l.keptCapabilities = containment.keptCapabilities
        layers = Mutex(l)
        parts.withLock { $0.kernel = tierA.kernel }
    }

    public var isEnabled: Bool { options.config.enabled }
    /// An alarm was raised (blinded, traced, code injected): the status is red.
    public var isCompromised: Bool { audit?.compromised ?? false }

    /// Under a watchdog, the watchdog is the service's main process and stays so.
    public var notifyMainPid: Bool { options.watchdogPid == nil }

    // MARK: start and stop

    /// Runs on the daemon's main thread after the on-access event thread answers: the
    /// sealing, hashing and chattr done here open files on marked filesystems.
    public func start() throws(VigilError) {
        // How the previous daemon ended, before anything else of ours is logged.
        let previous = runState.begin()
        emit("previous-run|\(getpid())", RunState.event(previous))
        if let pid = options.watchdogPid { onWatchdogPid(pid) }
        for alarm in options.loadAlarms {
            emit("sealed-load-mismatch|\(alarm)", ProtectionEvent.line(
                action: "sealed-load-mismatch", alert: true, outcome: "failure", message: "vigil: \(alarm)", level: "critical"))
        }
        if options.config.enabled {
            try startTamperGuard()
            if let auth = parts.withLock({ $0.auth }), auth.key == nil {
                emit("maintenance-auth|\(monotonicNanos())", ProtectionEvent.line(
                    action: "maintenance-unauthenticated", alert: false, outcome: auth.required ? "failure" : "unknown",
                    message: "vigil: maintenance is \(auth.summary)", level: "warning"))
            }
        }
        if options.config.enabled { try startKernelEnforcement() }
        if options.config.enabled { logKernelRefusals() }
        if let pid = options.watchdogPid, getppid() == pid { _ = tierA.kernel?.registerWatchdog(pid: pid) }
        if let pid = options.watchdogPid {
            let supervisor = try watchdogSupervisor(pid)
            parts.withLock { $0.watchdog = supervisor }
            try services.start(supervisor)
        }
        if let pings = try SystemdPings.fromEnvironment() {
            layers.withLock { $0.systemdWatchdogMicros = pings.watchdogMicros }
            try services.start(pings)
        }
        writeCanaries()
        if let audit {
            if let tamper = parts.withLock({ $0.tamper }) { audit.add(tamper.auditTargets()) }
            audit.watchMounts(over: mountWatchedPaths())
            if kernelLog.isFollowed {
                kernelLog.connect { [weak self] key, line in self?.emit(key, line) }
                audit.follow(kernelLog)
            }
            try services.start(audit)
        } else if kernelLog.isFollowed {
            kernelLog.giveUp(options.config.enabled ? "the self-audit thread, which reads it, did not start" : "self-protection is off ([protection] enabled = false)")
        }
        try services.start(Heartbeat(intervalSeconds: options.config.heartbeatSeconds, tier: tierA.kernel == nil ? "B" : "A",
                                     runState: runState, facts: { [weak self] in
            self?.heartbeatFacts() ?? Heartbeat.Facts(marksOK: false, canaryOK: nil, rulesDigest: "", configDigest: "", compromised: false)
        }, emit: { [weak self] key, line in self?.emit(key, line) }))
        for w in options.config.enabled ? report.warnings : [] {
            emit("protection-warning|\(w)", ProtectionEvent.line(
                action: "protection-layer-missing", alert: false, outcome: "unknown", message: "vigil: self-protection: \(w)"))
        }
    }

    public func stop() { services.stopAll() }

    /// The canary test files `vigil canary` opens: written now (our own writes are not
    /// judged), each holding the EICAR test string the loaded rules must refuse.
    public var canaryFiles: [String] { options.config.canaryFiles(guardPaths: daemon.guardPaths) }

    private func writeCanaries() {
        guard options.config.enabled else { return }
        let text = Array("X5O!P%@AP[4\\PZX54(P^)7CC)7}$".utf8) + Array("EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*".utf8)
        for path in canaryFiles {
            let now = readWholeFile(path, limit: 4096)
            if now == text { continue }
            // Created, never overwritten: a configured path naming someone's file must not
            // cost them its content (it is left alone and the canary reports it). Only our
            // own write cut short (empty, or a start of the test string) is written again.
            let ours = now.map { text.starts(with: $0) } ?? false
            let flags = ours ? O_WRONLY | O_TRUNC | O_NOFOLLOW | O_CLOEXEC : O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC
            guard let fd = try? sysCall({ open(path, flags, 0o644) }) else {
                emit("canary-file|\(path)", ECS.note("warning", "vigil: cannot create the canary file \(path) (it must not exist, or hold only the EICAR test string); vigil canary will report it"))
                continue
            }
            _ = text.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            fchmod(fd, 0o644)
            close(fd)
        }
    }

    /// A report of `vigil canary` (control command `canary-report`): a blinded canary is
    /// an alarm (red) until it reports the guard holds again.
    public func canaryReport(ok: Bool, change: String, path: String) -> String {
        canaryOK.withLock { $0 = ok }
        let key = "canary|\(path)"
        if ok {
            audit?.clear(key: key)
        } else {
            audit?.raiseExternal(key: key, action: "blinded", change: change, detail: "vigil canary: \(change) at \(path)",
                                 message: "vigil: BLINDED: the canary prober reports \(change) for \(path): opens may not be judged")
        }
        return #"{"ok":true}"#
    }

    /// What a mount over which would swap or hide: the config, the binary, the rules, the
    /// state, log and socket folders, and the guarded folders.
    func mountWatchedPaths() -> [String] {
        var out = protectedCandidates() + [daemon.stateDirectory] + daemon.guardPaths
        if let c = options.configFile { out.append(c) }
        if let l = daemon.logFile { out.append(l) }
        out.append(daemon.controlSocket)
        return Array(Set(out.map { realpathString($0) ?? $0 })).sorted()
    }

    /// The daemon stopped as asked (every pending open answered): the next start says so.
    public func recordCleanStop() { runState.cleanStop() }

    /// Health and the sealed digests, for the heartbeat: the config's and the rules'
    /// SHA-256 as sealed (no file is read again), the mark audit's verdict.
    func heartbeatFacts() -> Heartbeat.Facts {
        let files = parts.withLock { $0.tamper }?.protectedFiles ?? []
        let config = options.configFile.flatMap { c in files.first { $0.path == c }?.sha256 } ?? "none"
        let rules = files.filter { f in signaturePaths.contains { f.path == $0 || f.path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") } }
            .map { "\($0.path)\t\($0.sha256)" }.sorted()
        let alarms = audit?.alarms ?? []
        var f = Heartbeat.Facts(marksOK: !alarms.contains { $0.action == "blinded" && !$0.cleared },
                               canaryOK: canaryOK.withLock { $0 },
                               rulesDigest: rules.isEmpty ? "none" : sha256Hex(Array(rules.joined(separator: "\n").utf8)),
                               configDigest: config, compromised: !alarms.isEmpty)
        f.kernelRefuses = KernelRefusals.read().refuses
        return f
    }

    func emit(_ key: String, _ line: JSONLine) {
        log.emit(EventLog.Record(key: key, line: line))
    }

    /// The daemon found something else than Vigil listening on its control socket path
    /// and took the path over: a critical event (status readers were being lied to).
    public func impostorOnSocket(_ who: String, path: String) {
        emit("control-socket-impostor|\(monotonicNanos())", ProtectionEvent.line(
            action: "control-socket-impostor", alert: true, outcome: "success",
            message: "vigil: the control socket \(path) was held by an impostor (\(who)); taken over", path: path,
            level: "critical"))
    }

    func protectedCandidates() -> [String] {
        guard options.config.enabled else { return [] }
        return ProtectedSet.candidates(config: options.config, executable: executable, configFile: options.configFile,
                                       signaturePaths: signaturePaths, stateDirectory: daemon.stateDirectory)
    }

    private func startTamperGuard() throws(VigilError) {
        let store = try ProtectedSet(stateDirectory: daemon.stateDirectory)
        let maintenance = MaintenanceState(directory: store.directory)
        let auth = MaintenanceAuth(protectionDirectory: store.directory)
        let tamper = try TamperGuard(store: store, maintenance: maintenance, maintainers: options.config.maintainers) { [weak self] key, line in
            self?.emit(key, line)
        }
        parts.withLock { p in
            p.store = store
            p.maintenance = maintenance
            p.auth = auth
            p.tamper = tamper
        }
        if let pid = options.watchdogPid { tamper.trust(pid: pid) }
        // Under Tier A the kernel refuses changes itself, and logs each try (see
        // TamperGuard.tierAEnforces for what changes in the guard).
        if tierA.kernel != nil { tamper.tierAEnforces.store(true, ordering: .relaxed) }
        // Threads first: arming marks files that this thread then opens (seal, chattr).
        try services.start(tamper)
        let candidates = protectedCandidates()
        var files: [ProtectedFile] = []
        if maintenance.isActive {
            // An upgrade is under way: keep the old seal until `maintenance end`.
            files = (store.loadManifest() ?? []).filter { candidates.contains($0.path) }
            tamper.arm(files, immutable: false)
        } else {
            // What the manifest sealed stands: a file changed while no daemon ran is
            // restored by the first sweep. New files are sealed as they are now. With a
            // maintenance key, only a signed manifest stands (ManifestSignature.swift).
            let sealed = Dictionary((trustedManifest(store, auth: auth) ?? []).map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
            for path in candidates {
                if let known = sealed[path] { files.append(known); continue }
                do { files.append(try store.seal(path)) } catch {
                    emit("seal-failed|\(path)", ProtectionEvent.line(action: "seal-failed", alert: false, outcome: "failure",
                                                                      message: "cannot seal \(path): \(error)", path: path))
                }
            }
            try store.saveManifest(files)
            tamper.arm(files, immutable: true)
        }
        refreshLayers()
    }

    /// The manifest to arm from. Signed (or no key): the one on disk. Refused: the last
    /// signed one, put back on disk, with a critical event and a red status; with none
    /// to fall back on, the files are sealed as found (still red: nothing verified them).
    private func trustedManifest(_ store: ProtectedSet, auth: MaintenanceAuth) -> [ProtectedFile]? {
        let verdict = ManifestTrust.evaluate(store, auth: auth)
        guard case .refused(let why, let found, let fallback) = verdict else {
            store.adoptManifest()
            return store.loadManifest()
        }
        var alarm = "the sealed manifest (sha256 \(found)) is not signed by the maintenance key (\(why.rawValue)): refused; "
        var files: [ProtectedFile]?
        if let fallback {
            do {
                try store.writeManifest(fallback)
                alarm += "the last signed manifest (sha256 \(sha256Hex(fallback))) is in force and put back"
            } catch {
                alarm += "the last signed manifest (sha256 \(sha256Hex(fallback))) is in force; putting it back on disk failed: \(error)"
            }
            files = ProtectedSet.parseManifest(fallback)
        } else {
            alarm += "no signed manifest to fall back on: the protected files are sealed as found"
        }
        parts.withLock { $0.manifestAlarm = alarm }
        emit("manifest-signature-refused|\(found)", ProtectionEvent.line(
            action: "manifest-signature-refused", alert: true, outcome: "failure", message: "vigil: " + alarm,
            path: store.manifestPath, expectedSHA256: fallback.map { sha256Hex($0) }, foundSHA256: found, level: "critical",
            extra: [("refusal", why.code)]))
        return files
    }

    /// Tier A, enrolled at the daemon's start (or not: tier B with the reason), now
    /// protects Vigil's files and reports refusals into the log.
    private func startKernelEnforcement() throws(VigilError) {
        let kernel = tierA.kernel
        if let kernel {
            // The kernel refuses truncation and deletion of the log and says so; +a
            // would refuse them first, unseen (as the immutable flag on protected files).
            log.kernelGuardsTheFile()
            // A rotation makes a new live file and renames the old ones: the kernel guards
            // the new inodes too, rotated files stay unwritable, a deleted one is released.
            log.setRotationHook { [weak self, kernel] in
                do {
                    try kernel.refreshFiles()
                } catch {
                    self?.emit("tier-a-refresh-failed|\(error)", ProtectionEvent.line(
                        action: "tier-a-refresh-failed", alert: true, outcome: "failure",
                        message: "vigil: tier A could not protect the rotated event log: \(error)"))
                }
            }
            kernel.connect(targets: { [weak self] in self?.tierATargets() ?? [] }) { [weak self] key, line in self?.emit(key, line) }
            // An absent /etc/ld.so.preload could be created by anyone; an empty one,
            // protected, preloads nothing and cannot be written.
            if access("/etc/ld.so.preload", F_OK) != 0, let fd = try? sysCall({ open("/etc/ld.so.preload", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644) }) {
                close(fd)
            }
            try services.start(kernel)
        }
        let tier = tierA.tier
        layers.withLock {
            $0.bpfLSM = tier.label
            $0.tierALoadFailure = tierA.loadFailure
        }
        // Whether this start loaded the whole object or re-opened an earlier daemon's pins:
        // a host hardened at boot loads it fresh under lockdown and Yama 3.
        var object = ""
        var extra = [("tier", kernel == nil ? "B" : "A"), ("decision_us", "\(tierA.decisionMicros)")]
        if let kernel {
            let dir = kernel.pinFolder, reopened = kernel.enforcement.reopened
            object = reopened ? "; the BPF object re-opened from the pins in \(dir)" : "; the BPF object loaded fresh and pinned in \(dir)"
            extra.append(("bpf_object", reopened ? "reopened" : "loaded"))
        }
        emit("tier|\(tier.label)", ProtectionEvent.line(
            action: kernel == nil ? "tier-b" : "tier-a", alert: false, outcome: "success",
            message: "vigil: self-protection tier \(tier.label)\(object)", extra: extra))
        // The load test passed but the programs did not load: tier B runs, and says so
        // loudly (never a silent downgrade).
        if let why = tierA.loadFailure {
            emit("tier-a-unavailable|\(why)", ProtectionEvent.line(
                action: "tier-a-unavailable", alert: true, outcome: "failure",
                message: "vigil: WARNING: tier A did not load: \(why); running tier B (detection only)", level: "warning"))
        }
    }

    /// What Tier A protects, by inode: Vigil's own files (as the tamper guard seals them),
    /// the folders that hold rules and keys (nothing planted in them), the manifest and
    /// sealed copies, the event log, the quarantine databases, the units with their
    /// drop-ins, and /etc/ld.so.preload.
    func tierATargets() -> [TierATarget] {
        let state = daemon.stateDirectory.hasSuffix("/") ? daemon.stateDirectory : daemon.stateDirectory + "/"
        var t: [TierATarget] = []
        if options.config.ownFiles {
            t.append(TierATarget(executable, .file))
            if let configFile = options.configFile { t.append(TierATarget(configFile, .file)) }
            t.append(TierATarget(Paths.trustedKeys, .tree))
            // The rule store under the state folder changes by `vigil rules update`.
            for p in signaturePaths where !p.hasPrefix(state) { t.append(TierATarget(p, .tree)) }
            for dir in [Paths.unitDirectory, Paths.packagedUnitDirectory] {
                for unit in Paths.units {
                    t.append(TierATarget(dir + "/" + unit, .file))
                    t.append(TierATarget(dir + "/" + unit + ".d", .tree))
                }
            }
        }
        for p in options.config.paths { t.append(TierATarget(p, .tree)) }
        t.append(TierATarget(daemon.stateDirectory + "/protection", .tree))
        if let log = daemon.logFile {
            t.append(TierATarget(log, .file))
            // Rotated files: history that nobody, root included, rewrites or removes (the
            // daemon, an agent, shifts and deletes them at its own rotation).
            for n in 1...daemon.logRotateKeep { t.append(TierATarget("\(log).\(n)", .file)) }
        }
        for store in daemon.quarantineStores { t.append(TierATarget(store + "/quarantine.db", .file)) }
        t.append(TierATarget("/etc/ld.so.preload", .file))
        // Only what exists: a missing unit or drop-in folder is normal, not a note.
        return t.filter { access($0.path, F_OK) == 0 }
    }

    public var tier: ProtectionTier { tierA.tier }

    func refreshLayers() {
        guard let tamper = parts.withLock({ $0.tamper }) else { return }
        // Outside the layers lock: parts is never taken inside it.
        let manifestAlarm = parts.withLock { $0.manifestAlarm }
        let unsigned = manifestRequestIfUnsigned()
        layers.withLock { l in
            l.protectedFiles = tamper.protectedFiles.count
            l.immutableMissing = tamper.immutableMissing
            l.marksMissing = tamper.marksMissing
            l.permissionMarks = tamper.hasPermissionMarks
            l.fileHandles = tamper.reportsFileHandles
            l.alarms = options.loadAlarms + (manifestAlarm.map { [$0] } ?? [])
                + tamper.failedRestores.sorted { $0.key < $1.key }.map { "restore of \($0.key) failed, the file may be damaged: \($0.value)" }
            l.manifestUnsigned = unsigned
        }
    }

    private func watchdogSupervisor(_ pid: Int32) throws(VigilError) -> Supervisor {
        let exe = executable
        let args = options.daemonArguments
        let me = getpid()
        return try Supervisor(name: "watchdog", adopt: pid, spawn: { () throws(VigilError) -> Int32 in
            try spawnProcess(exe, ["vigil", "watchdog", "--adopt", "\(me)", "--"] + args)
        }, onEvent: { [weak self] action, message, pid in
            guard let self else { return }
            if action == "watchdog-restarted" {
                _ = self.tierA.kernel?.registerWatchdog(pid: pid)   // our unreaped child
                self.layers.withLock { $0.watchdogPid = pid }
                self.parts.withLock { $0.tamper }?.trust(pid: pid)
                self.onWatchdogPid(pid)
            }
            self.emit("\(action)|\(pid)|\(monotonicNanos())", ProtectionEvent.line(
                action: action, alert: action == "watchdog-died", outcome: action.hasSuffix("failed") ? "failure" : "success",
                message: "vigil: \(message)", suspect: nil, extra: [("watchdog_pid", "\(pid)")]))
        })
    }

    // MARK: status

    /// One line for the start-up status: what is protected, and every missing layer.
    public var startupLines: [String] {
        guard options.config.enabled else { return [] }
        let r = report
        var lines = ["vigil: self-protection: \(r.protectedFiles) files sealed; \(r.landlock); capabilities \(r.capabilities)"
            + (options.watchdogPid.map { "; supervised by watchdog \($0)" } ?? "")]
        lines += r.warnings.map { "vigil: WARNING: self-protection: \($0)" }
        if let auth = parts.withLock({ $0.auth }) {
            lines.append(auth.key == nil ? "vigil: WARNING: maintenance is \(auth.summary)" : "vigil: maintenance is \(auth.summary)")
        }
        return lines
    }

    /// The request to sign when a key is sealed and the manifest is not signed (outside
    /// a maintenance window); nil otherwise.
    func manifestRequestIfUnsigned() -> String? {
        let p = parts.withLock { $0 }
        guard let store = p.store, let auth = p.auth, auth.required, p.maintenance?.isActive != true,
              case .refused = ManifestTrust.evaluate(store, auth: auth) else { return nil }
        return ManifestTrust.request(store)?.text
    }

    /// The sealed manifest's signature state; `request` is what the operator signs when
    /// it is not signed yet (after a first start or a maintenance window).
    static func manifestJSON(_ store: ProtectedSet, auth: MaintenanceAuth) -> JSONLine {
        var m = JSONLine()
        switch ManifestTrust.evaluate(store, auth: auth) {
        case .unkeyed: m.add("signed", "no maintenance key")
        case .noManifest: m.add("signed", false)
        case .signed(let digest):
            m.add("signed", true)
            m.add("sha256", digest)
        case .refused(let why, let found, _):
            m.add("signed", false)
            m.add("sha256", found)
            m.add("refusal", why.code)
            m.add("request", ManifestTrust.request(store)?.text)
        }
        return m
    }

    public var report: ProtectionLayers {
        refreshLayers()
        // Read at each report: a lockdown raised after start (by anyone) shows at once.
        let kernel = KernelRefusals.read()
        let c = options.config
        let missing = KernelRefusals.plan(lockPtrace: c.lockPtrace, lockdown: c.kernelLockdown, now: kernel).compactMap { step -> String? in
            switch step {
            case .inForce: nil
            case .unavailable(let why): why
            case .write(let path, let value): "[protection] asks for \(value) in \(path), but it is not in force: "
                + (kernelRefusals?.warnings.first { $0.contains(path) } ?? "not written")
            }
        }
        return layers.withLock {
            $0.kernel = kernel
            $0.kernelAtStart = kernelRefusals?.done
            $0.kernelWarnings = missing
            return $0
        }
    }

    /// At start: one event saying what the kernel refuses on this host (whether or not
    /// [protection] asked), and a warning for each setting asked for that this kernel
    /// lacks or refused (never a refusal to run).
    private func logKernelRefusals() {
        let k = kernelRefusals?.state ?? KernelRefusals.read()
        emit("kernel-refusals|\(getpid())", ProtectionEvent.line(
            action: "kernel-refusals", alert: false, outcome: "success",
            message: "vigil: the kernel refuses: ptrace attacks: \(k.ptraceLine); module loading and kexec: \(k.modulesLine)"
                + ((kernelRefusals?.done.isEmpty ?? true) ? "" : " (\(kernelRefusals!.done.joined(separator: "; ")))"),
            extra: [("yama_ptrace_scope", k.yamaLabel), ("lockdown", k.lockdownLabel)]))
        for w in kernelRefusals?.warnings ?? [] {
            emit("kernel-refusal-unavailable|\(w)", ProtectionEvent.line(
                action: "kernel-refusal-unavailable", alert: false, outcome: "failure", message: "vigil: WARNING: \(w)", level: "warning"))
        }
    }

    public func statusJSON() -> JSONLine {
        var o = report.json()
        let p = parts.withLock { $0 }
        if let w = p.maintenance?.window {
            var m = JSONLine()
            m.add("reason", w.reason)
            m.add("since", w.since)
            o.add("maintenance", object: m)
        } else {
            o.add("maintenance", false)
        }
        if let auth = p.auth {
            var a = JSONLine()
            a.add("authenticated", auth.key != nil)
            a.add("key", auth.key?.fingerprint)
            a.add("summary", auth.summary)
            o.add("maintenance_auth", object: a)
            if let store = p.store { o.add("manifest", object: Self.manifestJSON(store, auth: auth)) }
        }
        if let tamper = p.tamper {
            var c = JSONLine()
            c.add("blocked", tamper.blocked.load(ordering: .relaxed))
            c.add("restored", tamper.restored.load(ordering: .relaxed))
            c.add("immutable_reasserted", tamper.reasserted.load(ordering: .relaxed))
            o.add("tamper", object: c)
        }
        o.add("watchdog_restarts", p.watchdog?.restartCount)
        if let audit {
            let alarms = audit.alarms
            o.add("compromised", !alarms.isEmpty)
            o.add("alarms", objects: alarms.map { a in
                var j = JSONLine()
                j.add("action", a.action)
                j.add("change", a.change)
                j.add("detail", a.detail)
                j.add("since", a.since)
                j.add("cleared", a.cleared)
                return j
            })
            o.add("audit_sweeps", audit.sweeps.load(ordering: .relaxed))
            o.add("dumpable_resets", audit.dumpableResets.load(ordering: .relaxed))
            o.add("dumpable", vigil_prctl_get_dumpable() != 0)
        }
        o.add("kernel_log", object: kernelLog.statusJSON())
        o.add("contained_threads", Containment.entered.load(ordering: .relaxed))
        o.add("tier", tierA.tier.label)
        if let kernel = p.kernel { o.add("tier_a", object: kernel.statusJSON(tier: tierA.tier)) }
        return o
    }
}
