import ArgumentParser
import Glibc
import VigilConfig
import VigilEvents
import VigilProtection
import VigilSystem

// `vigil service-ended`.

struct ServiceEndedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "service-ended",
        abstract: "Record how vigil.service ended (its ExecStopPost= and OnFailure= alarm).",
        discussion: """
        Run by systemd after vigil.service stops for any reason (ExecStopPost=, with
        $SERVICE_RESULT, $EXIT_CODE and $EXIT_STATUS set), or when it entered the failed
        state (vigil-alarm@.service, --failed-unit). Writes a `service-ended` event to the
        event log and standard output (the journal): critical unless the service was
        stopped cleanly. A kill is also written into the run record, so the next daemon's
        start event says how the previous one ended even when its watchdog died with it.
        """
    )

    @OptionGroup var configOptions: ConfigOptions

    @Option(help: ArgumentHelp("The unit that entered the failed state (OnFailure=).", valueName: "unit"))
    var failedUnit: String?

    func run() throws {
        let file = (try? Configuration.load(path: configOptions.config ?? Paths.configFile)) ?? Configuration()
        func env(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
        let ending = ServiceEnding(result: env("SERVICE_RESULT"), exitCode: env("EXIT_CODE"), exitStatus: env("EXIT_STATUS"), failedUnit: failedUnit)
        printLog("vigil: \(ending.message)", ending.alert ? .crit : .info)
        let log = EventLog(path: file.daemon.logFile, toStdout: false, rateLimitSeconds: 0)
        if (try? log.start()) != nil {
            var e = ECSEvent.protection(action: "service-ended", alert: ending.alert, outcome: ending.alert ? .failure : .success,
                                        message: "vigil: " + ending.message, change: ending.how,
                                        extra: [("service_result", ending.result ?? ""), ("exit_code", ending.exitCode ?? ""), ("exit_status", ending.exitStatus ?? "")])
            if ending.alert { e.logLevel = "critical" }
            log.emit(EventLog.Record(key: "service-ended", line: e.render()))
            log.stop()
        }
        if let how = ending.exitForRecord {
            RunState(stateDirectory: file.daemon.stateDirectory).recordExit(pid: nil, how, seenBy: "systemd")
        }
    }
}

/// How systemd says the service ended, in words. Pure.
struct ServiceEnding: Equatable {
    let result: String?, exitCode: String?, exitStatus: String?, failedUnit: String?

    var how: String {
        if failedUnit != nil { return "unit-failed" }
        switch exitCode {
        case "killed": return "killed"
        case "dumped": return "crashed"
        case "exited": return exitStatus == "0" ? "stopped" : "exited"
        default: return result == "success" ? "stopped" : "unknown"
        }
    }

    var alert: Bool { how != "stopped" || (result != nil && result != "success") }

    var message: String {
        if let unit = failedUnit { return "\(unit) entered the failed state: nothing restarts it; on-access scanning is off" }
        let detail = "service result \(result ?? "?"), main process \(exitCode ?? "?") \(exitStatus ?? "?")"
        switch how {
        case "stopped": return "vigil.service stopped (\(detail))"
        case "killed": return "vigil.service was killed (\(detail)): the watchdog, its main process, got signal \(exitStatus ?? "?")"
        case "crashed": return "vigil.service crashed (\(detail))"
        default: return "vigil.service ended without a clean stop (\(detail))"
        }
    }

    /// What goes into the run record: kills and crashes, in the watchdog's words.
    var exitForRecord: String? {
        switch how {
        case "killed": return "signal \(signalNumber(exitStatus) ?? 0) (the service's main process)"
        case "crashed": return "core signal \(signalNumber(exitStatus) ?? 0) (the service's main process)"
        case "exited": return "exit \(exitStatus ?? "?") (the service's main process)"
        default: return nil
        }
    }

    private func signalNumber(_ s: String?) -> Int32? {
        guard let s else { return nil }
        if let n = Int32(s) { return n }
        let names: [String: Int32] = ["HUP": SIGHUP, "INT": SIGINT, "QUIT": SIGQUIT, "ILL": SIGILL, "TRAP": SIGTRAP, "ABRT": SIGABRT, "BUS": SIGBUS,
                                      "FPE": SIGFPE, "KILL": SIGKILL, "SEGV": SIGSEGV, "TERM": SIGTERM, "SYS": SIGSYS, "USR1": SIGUSR1, "USR2": SIGUSR2]
        return names[s]
    }
}
