import ArgumentParser
import VigilConfig
import VigilEngine
import VigilEvents
import VigilSystem

// Owns: the exit statuses and the error-to-status map. Must not: run commands.

/// Every exit status of `vigil`, for scripts (the same as clamscan's for `vigil scan`).
enum ExitStatus: Int32, Error {
    case success = 0
    /// The answer is "no": a scan found something, status has warnings, the rules do not
    /// pass, an entry could not be restored, the daemon refused a command.
    case finding = 1
    /// Errors only: bad config, rules that do not load, files that could not be read.
    case error = 2
    /// No daemon answers on the control socket.
    case noDaemon = 3
    /// The command needs root.
    case notRoot = 4
}

/// A failure a command reports: one line on standard error ("vigil: ..."), and the
/// status it exits with.
struct Failure: Error {
    let status: ExitStatus
    let message: String
    /// Daemon and watchdog lines carry a syslog priority under journald.
    var journal = false

    init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    /// Something that went wrong, said as it is.
    init(_ status: ExitStatus, _ error: any Error) { self.init(status, "vigil: \(error)") }

    /// A daemon's or watchdog's fatal error: on standard error at priority err.
    static func logged(_ error: any Error) -> Failure {
        var f = Failure(.error, error)
        f.journal = true
        return f
    }
}

/// The one map from what went wrong to what `vigil` prints and exits with: commands
/// throw, the root command's `main` hands every error here.
enum Exit {
    static func reported(_ error: any Error) -> any Error {
        switch error {
        case let status as ExitStatus:
            return ExitCode(status.rawValue)
        case let f as Failure:
            if f.journal { printLog(f.message, .err) } else { printError(f.message) }
            return ExitCode(f.status.rawValue)
        case is VigilError, is ConfigError, is SignatureError, is RuleError, is HashListError:
            printError("vigil: \(error)")
            return ExitCode(ExitStatus.error.rawValue)
        default:
            // ArgumentParser's own (usage errors, --help, --version) and ExitCode.
            return error
        }
    }
}
