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
/// SIGUSR2 is systemd's WatchdogSignal (vigil.service): the daemon sent no WATCHDOG=1
/// for WatchdogSec, so it is killed at once and the watchdog exits, and systemd restarts
/// the unit. systemd sends that signal to the main process only (KillMode=mixed): had it
/// killed just the watchdog, a frozen daemon would outlive the unit, its fanotify group
/// holding every open on the guarded filesystems and of Vigil's own files (found under
/// systemd as PID 1: the next start's ExecStartPre waited on it for good).
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

    /// How long a stopping daemon may take before the watchdog kills it.
    static let stopGraceMillis: Int32 = 14_000

    public func run(status: @escaping @Sendable (String, LogPriority) -> Void) throws(VigilError) -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        let signals = try SignalFD(blocking: [SIGTERM, SIGINT, SIGHUP, SIGUSR1, Self.systemdWatchdogSignal])
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
        let ended = watch(signals, supervisor: supervisor, probe: probe, log: log, status: status)
        if ended == .systemdWatchdog {
            // No orderly stop: the daemon is frozen or wedged, and every open it holds
            // waits until its group closes. Killed, the kernel allows them all.
            supervisor.stop()
            if let daemon = supervisor.current {
                killUnresponsive(daemon, key: "sd|\(daemon.pid)", extra: [("seen_by", "systemd-watchdog")], log: log, status: status,
                                 message: "vigil watchdog: systemd's watchdog expired (no WATCHDOG=1 from the daemon, pid \(daemon.pid), "
                                     + "for WatchdogSec); killing it (the kernel allows what waits on it); systemd restarts the service")
                _ = daemon.waitForExit(timeoutMillis: 5_000)
                // Supervision has stopped, so its exit hook does not run: the next daemon
                // reports this kill from the record.
                RunState(stateDirectory: stateDirectory).recordExit(
                    pid: daemon.pid, "signal \(SIGKILL) (by the watchdog: systemd's WatchdogSec expired)", seenBy: "watchdog")
            }
            services.stopAll()
            return 3
        }

        // Supervision first, so the daemon is not started again; then the daemon, which
        // answers what is pending; then the probe (an open of it ends with the daemon).
        // The daemon gets 14 s, then SIGKILL and 3 s more: all of it inside vigil.service's
        // TimeoutStopSec (20 s), so the watchdog ends the daemon itself and exits cleanly
        // rather than systemd killing both (before, 20 s + 5 s outlasted the unit's bound).
        supervisor.stop()
        if let daemon = supervisor.current {
            daemon.signal(SIGTERM)
            if !daemon.waitForExit(timeoutMillis: Watchdog.stopGraceMillis) {
                status("vigil watchdog: the daemon (pid \(daemon.pid)) did not stop within \(Watchdog.stopGraceMillis / 1000) s of SIGTERM; killing it", .err)
                daemon.signal(SIGKILL)
                _ = daemon.waitForExit(timeoutMillis: 3_000)
            }
        }
        services.stopAll()
        status("vigil watchdog: stopped", .info)
        return 0
    }

    /// systemd's WatchdogSignal= in vigil.service.
    static let systemdWatchdogSignal = SIGUSR2

    enum Ending { case stop, systemdWatchdog }

    /// Until SIGTERM or SIGINT (or systemd's watchdog signal): passes SIGHUP and SIGUSR1
    /// on, and kills (once) a daemon that no longer answers its probe; its supervisor
    /// restarts it, and the kernel lets every waiting open through meanwhile.
    private func watch(_ signals: SignalFD, supervisor: Supervisor, probe: LivenessProbe, log: EventLog?,
                       status: @Sendable (String, LogPriority) -> Void) -> Ending {
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
                case Self.systemdWatchdogSignal:
                    return .systemdWatchdog
                default:
                    return .stop
                }
            }
            if probe.isStuck, let daemon = supervisor.current, daemon.pid != killedFor {
                killedFor = daemon.pid
                let waited = probe.waitingNanos / 1_000_000
                killUnresponsive(daemon, key: "\(daemon.pid)", extra: [("waited_ms", "\(waited)")], log: log, status: status,
                                 message: "vigil watchdog: the daemon (pid \(daemon.pid)) is alive but has not answered an open for \(waited) ms; "
                                     + "killing it (the kernel allows what waits on it) and restarting it")
            }
        }
    }

    /// A daemon that lives but does not answer (its liveness probe, or systemd's
    /// WatchdogSec): said in the journal and as a `daemon-unresponsive` alert, then
    /// SIGKILLed, so the kernel allows every open that waits on it.
    private func killUnresponsive(_ daemon: ProcessHandle, key: String, extra: [(String, String)], log: EventLog?,
                                  status: @Sendable (String, LogPriority) -> Void, message: String) {
        status(message, .crit)
        log?.emit(EventLog.Record(key: "daemon-unresponsive|\(key)", line: ProtectionEvent.line(
            action: "daemon-unresponsive", alert: true, outcome: "failure", message: message,
            extra: [("daemon_pid", "\(daemon.pid)")] + extra)))
        daemon.signal(SIGKILL)
    }
}
