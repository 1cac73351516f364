import ArgumentParser
import Glibc
import VigilConfig
import VigilDaemon
import VigilSystem

// `vigil canary`.

struct CanaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "canary",
        abstract: "Prove, from outside the daemon, that the on-access guard still refuses a known-bad open (root).",
        discussion: """
        Every [protection] canary_interval_ms (2 s) opens each canary file (by default
        .vigil-canary in every guarded folder, holding the EICAR test string, written by
        the daemon at start) and expects the open to be refused. An allowed open, a
        missing file, or no answer within canary_deadline_ms means the daemon is blinded
        or gone: a critical `blinded` event goes to the event log, to standard output (the
        journal) and to the daemon's control socket, which turns `vigil status` red. Runs
        until SIGTERM; installed as vigil-canary.service, its own unit and cgroup.
        """
    )

    @OptionGroup var configOptions: ConfigOptions

    func run() throws {
        guard geteuid() == 0 else { throw Failure(.error, "vigil: the canary needs root (it writes the event log and reports to the daemon)") }
        let file = (try? Configuration.load(path: configOptions.config ?? Paths.configFile)) ?? Configuration()
        let code: Int32
        do { code = try CanaryRunner(config: file.daemon, protection: file.protection).run { printLog($0, $1) } } catch {
            throw Failure.logged(error)
        }
        throw ExitCode(code)
    }
}
