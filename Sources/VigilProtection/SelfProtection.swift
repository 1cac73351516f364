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

    public init() {}
}

/// The daemon's self-protection, started by `Daemon.run`: containment (Landlock and
/// capabilities) before any thread exists, then the sealed protected set and its
/// TamperGuard, supervision of the watchdog, systemd watchdog pings, maintenance mode
/// and the `status` report.
///
/// Owns: the parts above and their control commands. Must not: scan, or answer
/// on-access events.
public final class SelfProtection: @unchecked Sendable {
    public let options: ProtectionOptions
    private let daemon: DaemonConfig
    private let signaturePaths: [String]
    private let executable = ownExecutable(fallback: Paths.installedBinary)
    // Set once by start(), on the main thread, before the control socket exists and
    // before any thread that reads them runs; read-only afterwards.
    private var log: EventLog?
    private var store: ProtectedSet?
    private var maintenance: MaintenanceState?
    private var tamper: TamperGuard?
    private var watchdog: Supervisor?
    private var pinger: WorkerThread?
    private let stopping = Atomic<Bool>(false)
    private let wakeFD = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
    private let lock = Lock()
    private var layers = ProtectionLayers()     // guarded by lock
    /// Serialises maintenance begin/end (control commands arrive on one thread, but a
    /// re-seal must never interleave with another).
    private let maintenanceLock = Lock()
    /// Told the pid of every watchdog (the first and each restarted one), so the
    /// on-access service answers its opens at once.
    private var onWatchdogPid: (@Sendable (Int32) -> Void)?

    public init(options: ProtectionOptions, daemon: DaemonConfig, signaturePaths: [String]) {
        self.options = options
        self.daemon = daemon
        self.signaturePaths = signaturePaths
        layers.enabled = options.config.enabled
        layers.landlockABI = Landlock.abiVersion
        layers.watchdogPid = options.watchdogPid
    }

    deinit { close(wakeFD) }

    public var isEnabled: Bool { options.config.enabled }

    /// Under a watchdog, the watchdog is the service's main process and stays so.
    public var notifyMainPid: Bool { options.watchdogPid == nil }

    // MARK: contain

    /// The folders scan threads may write. Upload folders allow moving entries but never
    /// changing a file's bytes: quarantine parks an upload in a private staging folder
    /// there before unlinking it (mkdir, rename, unlink, rmdir), and puts back whatever a
    /// racer swapped in, of any type (the make rights). The state folder (quarantine,
    /// sealed copies) and `extraWritable` (more quarantine folders) allow anything.
    /// Protected files are restored by the tamper guard's own thread, which stays outside
    /// the domain.
    public func containmentRules(extraWritable: [String] = [], uploadFolders: [String] = []) -> [Landlock.Rule] {
        let writes = Landlock.Access.writes(abi: 99)
        var rules: [Landlock.Rule] = []
        rules.append(.init(path: daemon.stateDirectory, access: writes))
        for p in extraWritable { rules.append(.init(path: p, access: writes)) }
        let moveOnly = writes.subtracting([.writeFile, .truncate])
        for p in uploadFolders { rules.append(.init(path: p, access: moveOnly)) }
        return rules
    }

    /// The capability drop, and the Landlock domain scan threads enter. Must run before
    /// the daemon starts any thread: capabilities are per thread, and a thread started
    /// earlier would keep the old ones.
    public func contain(extraWritable: [String] = [], uploadFolders: [String] = []) throws(VigilError) {
        guard options.config.enabled, options.config.contain else { return }
        let threads = directoryEntries("/proc/self/task")
        if threads > 1 {
            lock.withLock { layers.capabilities = "not dropped: \(threads) threads already running" }
            return
        }
        let rules = containmentRules(extraWritable: extraWritable, uploadFolders: uploadFolders)
        // Our own folders must exist for a rule to hold them (upload folders are not ours to create).
        for path in [daemon.stateDirectory] + extraWritable where path != "/" {
            var st = stat()
            if stat(path, &st) != 0 { try? makeDirectories(path, mode: path == daemon.stateDirectory ? 0o700 : 0o755) }
        }
        let prepared = try Landlock.makeRuleset(allowing: rules)
        if let prepared { Containment.install(prepared.fd) }
        let kept = try Capabilities.limit(to: .daemon)
        lock.withLock {
            if let prepared {
                layers.landlock = "applied to scan threads (ABI \(prepared.abi)): they write only to \(rules.count) folders"
            } else {
                layers.landlock = "not applied: Landlock is not enabled in this kernel (lsm=landlock)"
            }
            layers.capabilities = "dropped to \(kept.names.count)"
            layers.keptCapabilities = kept.names
        }
    }

    // MARK: start and stop

    /// Runs on the daemon's main thread after the on-access event thread answers: the
    /// sealing, hashing and chattr done here open files on marked filesystems.
    /// `onWatchdogPid` learns each watchdog's pid (the first one included).
    public func start(log: EventLog, onWatchdogPid: (@Sendable (Int32) -> Void)? = nil) throws(VigilError) {
        self.log = log
        self.onWatchdogPid = onWatchdogPid
        if let pid = options.watchdogPid { onWatchdogPid?(pid) }
        if options.config.enabled { try startTamperGuard() }
        if let pid = options.watchdogPid { try superviseWatchdog(pid) }
        startSystemdPings()
        for w in options.config.enabled ? report.warnings : [] {
            log.emit(EventLog.Record(key: "protection-warning|\(w)", line: ProtectionEvent.line(
                action: "protection-layer-missing", alert: false, outcome: "unknown", message: "vigil: self-protection: \(w)")))
        }
    }

    public func stop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        var one: UInt64 = 1
        _ = write(wakeFD, &one, 8)
        pinger?.join()
        watchdog?.stop()
        tamper?.stop()
    }

    private func emit(_ key: String, _ line: JSONLine) {
        log?.emit(EventLog.Record(key: key, line: line))
    }

    private func protectedCandidates() -> [String] {
        guard options.config.enabled else { return [] }
        return ProtectedSet.candidates(config: options.config, executable: executable, configFile: options.configFile,
                                       signaturePaths: signaturePaths, stateDirectory: daemon.stateDirectory)
    }

    private func startTamperGuard() throws(VigilError) {
        let store = try ProtectedSet(stateDirectory: daemon.stateDirectory)
        let maintenance = MaintenanceState(directory: store.directory)
        let tamper = TamperGuard(store: store, maintenance: maintenance, maintainers: options.config.maintainers) { [weak self] key, line in
            self?.emit(key, line)
        }
        self.store = store
        self.maintenance = maintenance
        self.tamper = tamper
        if let pid = options.watchdogPid { tamper.trust(pid: pid) }
        // Threads first: arming marks files that this thread then opens (seal, chattr).
        tamper.start()
        let candidates = protectedCandidates()
        var files: [ProtectedFile] = []
        if maintenance.isActive {
            // An upgrade is under way: keep the old seal until `maintenance end`.
            files = (store.loadManifest() ?? []).filter { candidates.contains($0.path) }
            tamper.arm(files, immutable: false)
        } else {
            // What the manifest sealed stands: a file changed while no daemon ran is
            // restored by the first sweep. New files are sealed as they are now.
            let sealed = Dictionary((store.loadManifest() ?? []).map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
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

    private func refreshLayers() {
        guard let tamper else { return }
        lock.withLock {
            layers.protectedFiles = tamper.protectedFiles.count
            layers.immutableMissing = tamper.immutableMissing
            layers.marksMissing = tamper.marksMissing
            layers.permissionMarks = tamper.hasPermissionMarks
            layers.fileHandles = tamper.reportsFileHandles
        }
    }

    private func superviseWatchdog(_ pid: Int32) throws(VigilError) {
        let exe = executable
        let args = options.daemonArguments
        let me = getpid()
        watchdog = try Supervisor(name: "watchdog", adopt: pid, spawn: { () throws(VigilError) -> Int32 in
            try spawnProcess(exe, ["vigil", "watchdog", "--adopt", "\(me)", "--"] + args)
        }, onEvent: { [weak self] action, message, pid in
            guard let self else { return }
            if action == "watchdog-restarted" {
                self.lock.withLock { self.layers.watchdogPid = pid }
                self.tamper?.trust(pid: pid)
                self.onWatchdogPid?(pid)
            }
            self.emit("\(action)|\(pid)|\(monotonicNanos())", ProtectionEvent.line(
                action: action, alert: action == "watchdog-died", outcome: action.hasSuffix("failed") ? "failure" : "success",
                message: "vigil: \(message)", suspect: nil, extra: [("watchdog_pid", "\(pid)")]))
        })
    }

    /// WATCHDOG=1 at half of $WATCHDOG_USEC, from the daemon itself (even under a
    /// `vigil watchdog`, the daemon is the one whose liveness matters).
    private func startSystemdPings() {
        guard let raw = getenv("WATCHDOG_USEC"), let usec = Int(String(cString: raw)), usec > 0 else { return }
        lock.withLock { layers.systemdWatchdogMicros = usec }
        let interval = Int32(max(1, usec / 2000))
        let fd = wakeFD
        pinger = WorkerThread(name: "vigil-sd-ping") { [self] in
            while !stopping.load(ordering: .acquiring) {
                SystemdNotify.send("WATCHDOG=1")
                var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
                _ = poll(&fds, 1, interval)
            }
        }
    }

    // MARK: control commands

    /// One line for the start-up status: what is protected, and every missing layer.
    public var startupLines: [String] {
        guard options.config.enabled else { return [] }
        let r = report
        var lines = ["vigil: self-protection: \(r.protectedFiles) files sealed; \(r.landlock); capabilities \(r.capabilities)"
            + (options.watchdogPid.map { "; supervised by watchdog \($0)" } ?? "")]
        lines += r.warnings.map { "vigil: WARNING: self-protection: \($0)" }
        return lines
    }

    public var report: ProtectionLayers {
        refreshLayers()
        return lock.withLock { layers }
    }

    public func statusJSON() -> JSONLine {
        var o = report.json()
        if let w = maintenance?.window {
            var m = JSONLine()
            m.add("reason", w.reason)
            m.add("since", w.since)
            o.add("maintenance", object: m)
        } else {
            o.add("maintenance", false)
        }
        if let tamper {
            var c = JSONLine()
            c.add("blocked", tamper.blocked.load(ordering: .relaxed))
            c.add("restored", tamper.restored.load(ordering: .relaxed))
            c.add("immutable_reasserted", tamper.reasserted.load(ordering: .relaxed))
            o.add("tamper", object: c)
        }
        o.add("watchdog_restarts", watchdog?.restartCount)
        o.add("contained_threads", Containment.entered.load(ordering: .relaxed))
        return o
    }

    /// The reply for a protection command, or nil when `command` is not one.
    public func handle(_ command: String) -> String? {
        let words = command.split(separator: " ", maxSplits: 1)
        let rest = words.count > 1 ? String(words[1]) : ""
        switch words.first.map(String.init) ?? "" {
        case "maintenance-begin": return maintenanceLock.withLock { beginMaintenance(reason: rest) }
        case "maintenance-end": return maintenanceLock.withLock { endMaintenance() }
        case "debug-write-probe": return writeProbe(rest)
        default: return nil
        }
    }

    private func failure(_ message: String) -> String {
        var o = JSONLine()
        o.add("ok", false)
        o.add("error", message)
        return o.text
    }

    private func beginMaintenance(reason: String) -> String {
        guard let maintenance, let tamper else { return failure("self-protection is off ([protection] enabled = false)") }
        guard reason.contains(where: { $0 != " " && $0 != "\t" }) else { return failure("maintenance needs a reason") }
        let window: MaintenanceState.Window?
        do { window = try maintenance.begin(reason: reason) } catch { return failure("\(error)") }
        guard let window else { return failure("already in maintenance since \(maintenance.window?.since ?? "?"): \(maintenance.window?.reason ?? "")") }
        // Lift the flag so the upgrade can write; the marks stay but answer allow.
        var unlocked = 0
        for f in tamper.protectedFiles where (try? InodeFlags.setImmutable(f.path, false)) != nil { unlocked += 1 }
        emit("maintenance-begin|\(window.since)", ProtectionEvent.line(
            action: "maintenance-begin", alert: false, message: "vigil: maintenance begins: \(reason); protection lifted on \(unlocked) files",
            extra: [("reason", reason)]))
        var o = JSONLine()
        o.add("ok", true)
        o.add("maintenance", true)
        o.add("reason", reason)
        o.add("since", window.since)
        o.add("unlocked", unlocked)
        return o.text
    }

    /// Re-seals whatever the maintenance left, re-arms, then closes the window: in this
    /// order, so the repair thread never restores the old seal over the upgrade.
    private func endMaintenance() -> String {
        guard let maintenance, let tamper, let store else { return failure("self-protection is off ([protection] enabled = false)") }
        guard let open = maintenance.window else { return failure("not in maintenance") }
        var files: [ProtectedFile] = []
        var errors: [String] = []
        for path in protectedCandidates() {
            do { files.append(try store.seal(path)) } catch { errors.append("\(error)") }
        }
        do { try store.saveManifest(files) } catch { return failure("cannot save the manifest: \(error)") }
        store.pruneSealed(keeping: files)
        tamper.arm(files, immutable: true)
        _ = maintenance.end()
        refreshLayers()
        emit("maintenance-end|\(monotonicNanos())", ProtectionEvent.line(
            action: "maintenance-end", alert: false, outcome: errors.isEmpty ? "success" : "failure",
            message: "vigil: maintenance ends (\(open.reason)); \(files.count) files re-sealed" + (errors.isEmpty ? "" : "; \(errors.joined(separator: "; "))"),
            extra: [("reason", open.reason)]))
        var o = JSONLine()
        o.add("ok", true)
        o.add("maintenance", false)
        o.add("sealed", files.count)
        o.add("errors", errors)
        return o.text
    }

    /// Tries the create from a thread that entered the containment domain, exactly as a
    /// scan worker does: the answer is the kernel's, not a simulation.
    private func writeProbe(_ path: String) -> String {
        guard options.config.debugWriteProbe else { return failure("debug-write-probe is off ([protection] debug_write_probe)") }
        guard path.hasPrefix("/") else { return failure("debug-write-probe needs an absolute path") }
        // join() orders the thread's write before our read.
        final class Result: @unchecked Sendable { var code: Int32 = -1 }
        let result = Result()
        let probe = WorkerThread(name: "vigil-probe") {
            Containment.enterCurrentThread()
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            let code = fd >= 0 ? 0 : errno
            if fd >= 0 { close(fd); unlink(path) }
            result.code = code
        }
        probe.join()
        let code = result.code
        var o = JSONLine()
        o.add("ok", true)
        o.add("path", path)
        o.add("errno", Int(code))
        o.add("error", code == 0 ? nil : String(cString: strerror(code)))
        return o.text
    }
}
