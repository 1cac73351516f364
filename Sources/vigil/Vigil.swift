import ArgumentParser
import VigilEvents

// The root command: its subcommands, and `main`, which hands every error to Exit.

@main
struct Vigil: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vigil",
        abstract: "On-access and on-demand malware and compliance scanner for Linux.",
        discussion: """
        Files: /etc/vigil/vigil.toml (see vigil.toml(5)), /usr/share/vigil/signatures
        (bundled rules), /etc/vigil/signatures (local rules), /var/log/vigil/events.json
        (ECS JSON events), /var/lib/vigil (quarantine, sealed copies).
        """,
        version: VigilVersion.current,
        subcommands: [ScanCommand.self, DaemonCommand.self, ReloadCommand.self, StatusCommand.self, QuarantineCommand.self, ConfigCommand.self, RulesCommand.self,
                      AllowCommand.self,
                      WatchdogCommand.self, CanaryCommand.self, ServiceEndedCommand.self, MaintenanceCommand.self, InstallCommand.self, UninstallCommand.self, ExportCommand.self,
                      TopCommand.self, ReportCommand.self, LogCommand.self, ScanWorkerCommand.self]
    )

    /// The arguments as the C runtime passed them, not CommandLine's (read from
    /// /proc/self/cmdline on Linux): without /proc every command would see none. Every
    /// error a command throws leaves through `Exit.reported`: one map to exit statuses.
    static func main() {
        let args = Array(ProgramArguments.all.dropFirst())
        // --version also names the installed rule set (InstalledRules.swift).
        if args == ["--version"] || args == ["version"] {
            print(InstalledRules.versionText())
            return
        }
        do {
            var command = try parseAsRoot(args)
            try command.run()
        } catch {
            exit(withError: Exit.reported(error))
        }
    }
}
