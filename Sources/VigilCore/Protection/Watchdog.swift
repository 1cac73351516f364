import CLinux
import Glibc

/// `vigil watchdog`: keeps a `vigil daemon` alive. It starts (or adopts) the daemon,
/// watches it through a pidfd and restarts it with backoff; it passes its own pid, so
/// the daemon watches the watchdog the same way and restarts it. SIGTERM stops both:
/// the daemon first (it answers what is pending), then the watchdog. SIGHUP is passed on.
///
/// Owns: the daemon's supervision. Must not: guard files or scan.
public final class Watchdog: @unchecked Sendable {
    private let executable: String
    private let daemonArguments: [String]
    private let adopt: Int32?
    private let logFile: String?

    /// `logFile`: the daemon's event log, so restarts are logged where tampering is.
    public init(executable: String = ownExecutable(), daemonArguments: [String], adopt: Int32?, logFile: String?) {
        self.executable = executable
        self.daemonArguments = daemonArguments
        self.adopt = adopt
        self.logFile = logFile
    }

    public func run(status: @escaping @Sendable (String) -> Void) throws(VigilError) -> Int32 {
        var set = sigset_t()
        sigemptyset(&set)
        for s in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&set, s) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        signal(SIGPIPE, SIG_IGN)
        let sfd = signalfd(-1, &set, Int32(SFD_CLOEXEC))
        guard sfd >= 0 else { throw VigilError("signalfd failed", cause: .current) }
        defer { close(sfd) }
        // Only now: the log's thread must inherit the blocked signals.
        let log = try? EventLog(path: logFile, toStdout: false, rateLimitSeconds: 0)
        defer { log?.close() }

        let exe = executable
        let args = daemonArguments
        let me = getpid()
        let supervisor = try Supervisor(name: "daemon", adopt: adopt, spawn: { () throws(VigilError) -> Int32 in
            try spawnProcess(exe, ["vigil", "daemon"] + args + ["--watchdog-pid", "\(me)"])
        }, onEvent: { action, message, pid in
            status("vigil watchdog: \(message)")
            log?.emit(EventLog.Record(key: "\(action)|\(pid)|\(monotonicNanos())", line: ProtectionEvent.line(
                action: action, alert: action == "daemon-died", outcome: action.hasSuffix("failed") ? "failure" : "success",
                message: "vigil watchdog: \(message)", extra: [("daemon_pid", "\(pid)")])))
        })
        status("vigil watchdog: supervising the daemon (pid \(supervisor.currentPid.map(String.init) ?? "?")) as pid \(me)")

        while true {
            var info = signalfd_siginfo()
            let n = read(sfd, &info, MemoryLayout<signalfd_siginfo>.size)
            if n != MemoryLayout<signalfd_siginfo>.size { continue }
            let signo = Int32(info.ssi_signo)
            if signo == SIGHUP {
                supervisor.current?.signal(SIGHUP)
                continue
            }
            break
        }
        supervisor.stop()
        if let daemon = supervisor.current {
            daemon.signal(SIGTERM)
            if !daemon.waitForExit(timeoutMillis: 20_000) {
                daemon.signal(SIGKILL)
                _ = daemon.waitForExit(timeoutMillis: 5_000)
            }
        }
        status("vigil watchdog: stopped")
        return 0
    }
}
