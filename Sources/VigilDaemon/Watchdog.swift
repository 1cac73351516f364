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
public final class Watchdog: @unchecked Sendable {
    private let executable: String
    private let daemonArguments: [String]
    private let adopt: Int32?
    private let logFile: String?
    private let controlSocket: String
    private let livenessIntervalMillis: Int
    private let livenessTimeoutMillis: Int

    /// `logFile`: the daemon's event log, so restarts are logged where tampering is.
    /// `controlSocket`: its folder holds the probe file and the pid file.
    public init(executable: String = ownExecutable(fallback: Paths.installedBinary), daemonArguments: [String], adopt: Int32?, logFile: String?,
                controlSocket: String = DaemonConfig().controlSocket, protection: ProtectionConfig = ProtectionConfig()) {
        self.executable = executable
        self.daemonArguments = daemonArguments
        self.adopt = adopt
        self.logFile = logFile
        self.controlSocket = controlSocket
        livenessIntervalMillis = protection.livenessIntervalMillis
        livenessTimeoutMillis = protection.livenessTimeoutMillis
    }

    public func run(status: @escaping @Sendable (String, LogPriority) -> Void) throws(VigilError) -> Int32 {
        var set = sigset_t()
        sigemptyset(&set)
        for s in [SIGTERM, SIGINT, SIGHUP, SIGUSR1] { sigaddset(&set, s) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        signal(SIGPIPE, SIG_IGN)
        let sfd = signalfd(-1, &set, Int32(SFD_CLOEXEC | SFD_NONBLOCK))
        guard sfd >= 0 else { throw VigilError("signalfd failed", cause: .current) }
        defer { close(sfd) }
        // Only now: the log's thread must inherit the blocked signals.
        let log = try? EventLog(path: logFile, toStdout: false, rateLimitSeconds: 0)
        defer { log?.close() }
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
        })
        status("vigil watchdog: supervising the daemon (pid \(supervisor.currentPid.map(String.init) ?? "?")) as pid \(me)", .info)

        let probe = LivenessProbe(path: LivenessProbe.path(controlSocket: controlSocket),
                                  intervalMillis: livenessIntervalMillis, timeoutMillis: livenessTimeoutMillis)
        probe.start()
        var killedFor: Int32 = 0
        var fds = [pollfd(fd: sfd, events: Int16(POLLIN), revents: 0)]
        var running = true
        while running {
            fds[0].revents = 0
            _ = poll(&fds, 1, 250)
            var info = signalfd_siginfo()
            while running && read(sfd, &info, MemoryLayout<signalfd_siginfo>.size) == MemoryLayout<signalfd_siginfo>.size {
                switch Int32(info.ssi_signo) {
                case SIGHUP:
                    supervisor.current?.signal(SIGHUP)
                case SIGUSR1:
                    log?.reopen()
                    supervisor.current?.signal(SIGUSR1)
                default:
                    running = false
                }
            }
            // A daemon that no longer answers its probe is killed once; its supervisor
            // restarts it (and the kernel lets every waiting open through meanwhile).
            if running, probe.isStuck, let daemon = supervisor.current, daemon.pid != killedFor {
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
        supervisor.stop()
        if let daemon = supervisor.current {
            daemon.signal(SIGTERM)
            if !daemon.waitForExit(timeoutMillis: 20_000) {
                daemon.signal(SIGKILL)
                _ = daemon.waitForExit(timeoutMillis: 5_000)
            }
        }
        probe.stop()
        status("vigil watchdog: stopped", .info)
        return 0
    }
}
