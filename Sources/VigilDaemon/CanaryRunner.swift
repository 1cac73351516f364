import Glibc
import VigilConfig
import VigilEvents
import VigilProtection
import VigilSystem

/// `vigil canary`: the canary prober as its own process (and, installed, its own unit
/// and cgroup, vigil-canary.service), so that a daemon that is dead, wedged or blinded
/// cannot hide it. Each change of verdict is written three ways: to the event log
/// directly (its own writer), to standard output (the journal, under systemd), and to
/// the daemon's control socket (`canary-report`), which turns its status red.
///
/// Owns: the prober's process and where its verdicts go. Must not: probe (CanaryProber
/// does) or decide what is wrong.
public final class CanaryRunner: Sendable {
    let config: DaemonConfig
    let protection: ProtectionConfig

    public init(config: DaemonConfig, protection: ProtectionConfig) {
        self.config = config
        self.protection = protection
    }

    public var paths: [String] { protection.canaryFiles(guardPaths: config.guardPaths) }

    public func run(status: @escaping @Sendable (String, LogPriority) -> Void) throws(VigilError) -> Int32 {
        guard protection.canaryIntervalMillis > 0 else {
            status("vigil canary: [protection] canary_interval_ms = 0: no canary", .notice)
            return 0
        }
        signal(SIGPIPE, SIG_IGN)
        let signals = try SignalFD(blocking: [SIGTERM, SIGINT, SIGUSR1])
        let services = ServiceStack()
        defer { services.stopAll() }
        let started = EventLog(path: config.logFile, toStdout: false, rateLimitSeconds: 0)
        let log: EventLog? = (try? services.start(started)) != nil ? started : nil
        let socket = config.controlSocket
        let prober = try CanaryProber(paths: paths, intervalMillis: protection.canaryIntervalMillis,
                                      deadlineMillis: protection.canaryDeadlineMillis) { t in
            let line: JSONLine
            let text: String
            if t.ok {
                text = t.first ? "vigil canary: the guard refuses \(t.path), as it must" : "vigil canary: the guard refuses \(t.path) again"
                line = ProtectionEvent.line(action: "canary-ok", alert: false, message: text, path: t.path)
            } else {
                let change = t.result.change ?? "canary-failed"
                text = "vigil canary: BLINDED: \(CanaryRunner.describe(t.result)) (\(t.path)): opens on the guarded filesystem may not be scanned"
                var e = ECSEvent.protection(action: "blinded", alert: true, outcome: .failure, message: text, path: t.path, change: change,
                                            extra: [("seen_by", "canary")])
                e.logLevel = "critical"
                line = e.render()
            }
            status(text, t.ok ? .notice : .crit)
            if !(t.ok && t.first) { log?.emit(EventLog.Record(key: "canary|\(t.path)|\(monotonicNanos())", line: line)) }
            let report = t.ok ? "canary-report ok - \(t.path)" : "canary-report blinded \(t.result.change ?? "canary-failed") \(t.path)"
            if case .failure(let e) = UnixSocket.request(report, to: socket, timeoutSeconds: 2) {
                status("vigil canary: the daemon did not take the report (\(e)); it stays in the log and the journal", .warning)
            }
        }
        try services.start(prober)
        status("vigil canary: probing \(paths.joined(separator: ", ")) every \(protection.canaryIntervalMillis) ms", .info)
        var fds = [readable(signals.fd)]
        var lastSummary = monotonicNanos()
        var lastDenials = 0
        loop: while true {
            _ = try? pollDescriptors(&fds, timeoutMillis: 60_000)
            for signo in signals.pending() {
                if signo == SIGUSR1 { log?.reopen() } else { break loop }
            }
            // One line a minute in the journal, never in the event log: the probes' own
            // record that they ran.
            let now = monotonicNanos()
            if now - lastSummary >= 60_000_000_000 {
                let d = prober.denials.load(ordering: .relaxed)
                status("vigil canary: \(d - lastDenials) probes refused as expected in the last minute", .info)
                lastDenials = d
                lastSummary = now
            }
        }
        services.stopAll()
        return 0
    }

    static func describe(_ r: CanaryProber.Result) -> String {
        switch r {
        case .denied: "the canary was refused"
        case .allowed: "an open of the canary test file was allowed"
        case .missing: "the canary test file is gone"
        case .noAnswer: "an open of the canary test file got no answer within the deadline"
        case .failed(let e): "an open of the canary test file failed (\(Errno(e)))"
        }
    }
}
