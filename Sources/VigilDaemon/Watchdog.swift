import CLinux
import Glibc
import VigilConfig
import VigilEvents
import VigilProtection
import VigilSystem

/// `vigil watchdog`: keeps a `vigil daemon` alive. It starts (or adopts) the daemon,
/// watches it through a pidfd and restarts it with backoff; it passes its own pid, so
/// the daemon watches the watchdog the same way and restarts it. A liveness probe (an
/// open the daemon must answer) finds a daemon that lives but no longer answers: it is
/// logged and killed, so the kernel allows what waits on it, and then restarted.
/// SIGTERM stops both: the daemon first (it answers what is pending), then the watchdog.
/// SIGHUP is passed on; SIGUSR1 reopens the log (both processes) after a rotation.
///
/// Owns: the daemon's supervision, the liveness probe and the service's pid file.
/// Must not: guard files or scan.
public final class Watchdog: Sendable {
    private let executable: String
    private let daemonArguments: [String]
    private let adopt: Int32?
    private let logFile: String?
    private let controlSocket: String
    private let livenessIntervalMillis: Int
    private let livenessTimeoutMillis: Int
    /// The daemon's state folder: the run record, where the daemon's exit is written.
    private let stateDirectory: String

    /// `logFile`: the daemon's event log, so restarts are logged where tampering is.
    /// `controlSocket`: its folder holds the probe file and the pid file.
    public init(executable: String = ownExecutable(fallback: Paths.installedBinary), daemonArguments: [String], adopt: Int32?, logFile: String?,
                controlSocket: String = DaemonConfig().controlSocket, protection: ProtectionConfig = ProtectionConfig(),
                stateDirectory: String = DaemonConfig().stateDirectory) {
        self.stateDirectory = stateDirectory
        self.executable = executable
        self.daemonArguments = daemonArguments
        self.adopt = adopt
        self.logFile = logFile
        self.controlSocket = controlSocket
        livenessIntervalMillis = protection.livenessIntervalMillis
        livenessTimeoutMillis = protection.livenessTimeoutMillis
    }

    public func run(status: @escaping @Sendable (String, LogPriority) -> Void) throws(VigilError) -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        let signals = try SignalFD(blocking: [SIGTERM, SIGINT, SIGHUP, SIGUSR1])
        let services = ServiceStack()
        defer { services.stopAll() }
        // Only now: the log's thread must inherit the blocked signals. A log that cannot
        // be opened is left out; supervision goes on.
        let started = EventLog(path: logFile, toStdout: false, rateLimitSeconds: 0, sealAppendOnly: false)
        let log: EventLog? = (try? services.start(started)) != nil ? started : nil
        let pidFile = PidFile(controlSocket: controlSocket)
        defer { pidFile.remove() }

        let exe = executable
        let args = daemonArguments
        let me = getpid()
        let supervisor = try Supervisor(name: "daemon", adopt: adopt, spawn: { () throws(VigilError) -> Int32 in
            try spawnProcess(exe, ["vigil", "daemon"] + args + ["--watchdog-pid", "\(me)"])
        }, onEvent: { action, message, pid in
            status("vigil watchdog: \(message)", action.hasSuffix("failed") ? .err : action.hasSuffix("died") ? .crit : .info)
            log?.emit(EventLog.Record(key: "\(action)|\(pid)|\(monotonicNanos())", line: ProtectionEvent.line(
                action: action, alert: action == "daemon-died", outcome: action.hasSuffix("failed") ? "failure" : "success",
                message: "vigil watchdog: \(message)", extra: [("daemon_pid", "\(pid)")])))
        }, onExit: { [stateDirectory] pid, status in
            // What the next daemon reports as the way this one ended (RunRecord.swift).
            RunState(stateDirectory: stateDirectory).recordExit(pid: pid, status.map(RunRecord.describe(waitStatus:)) ?? "unknown exit", seenBy: "watchdog")
        })
        try services.start(supervisor)
        status("vigil watchdog: supervising the daemon (pid \(supervisor.currentPid.map(String.init) ?? "?")) as pid \(me)", .info)

        let probe = try LivenessProbe(path: LivenessProbe.path(controlSocket: controlSocket),
                                      intervalMillis: livenessIntervalMillis, timeoutMillis: livenessTimeoutMillis)
        try services.start(probe)
        watch(signals, supervisor: supervisor, probe: probe, log: log, status: status)

        // Supervision first, so the daemon is not started again; then the daemon, which
        // answers what is pending; then the probe (an open of it ends with the daemon).
        supervisor.stop()
        if let daemon = supervisor.current {
            daemon.signal(SIGTERM)
            if !daemon.waitForExit(timeoutMillis: 20_000) {
                daemon.signal(SIGKILL)
                _ = daemon.waitForExit(timeoutMillis: 5_000)
            }
        }
        services.stopAll()
        status("vigil watchdog: stopped", .info)
        return 0
    }

    /// Until SIGTERM or SIGINT: passes SIGHUP and SIGUSR1 on, and kills (once) a daemon
    /// that no longer answers its probe; its supervisor restarts it, and the kernel lets
    /// every waiting open through meanwhile.
    private func watch(_ signals: SignalFD, supervisor: Supervisor, probe: LivenessProbe, log: EventLog?,
                       status: @Sendable (String, LogPriority) -> Void) {
        var killedFor: Int32 = 0
        var fds = [readable(signals.fd)]
        while true {
            _ = try? pollDescriptors(&fds, timeoutMillis: 250)
            for signo in signals.pending() {
                switch signo {
                case SIGHUP:
                    supervisor.current?.signal(SIGHUP)
                case SIGUSR1:
                    log?.reopen()
                    supervisor.current?.signal(SIGUSR1)
                default:
                    return
                }
            }
            if probe.isStuck, let daemon = supervisor.current, daemon.pid != killedFor {
                killedFor = daemon.pid
                let waited = probe.waitingNanos / 1_000_000
                let message = "vigil watchdog: the daemon (pid \(daemon.pid)) is alive but has not answered an open for \(waited) ms; "
                    + "killing it (the kernel allows what waits on it) and restarting it"
                status(message, .crit)
                log?.emit(EventLog.Record(key: "daemon-unresponsive|\(daemon.pid)", line: ProtectionEvent.line(
                    action: "daemon-unresponsive", alert: true, outcome: "failure", message: message,
                    extra: [("daemon_pid", "\(daemon.pid)"), ("waited_ms", "\(waited)")])))
                daemon.signal(SIGKILL)
            }
        }
    }
}
