import ArgumentParser
import VigilDaemon

// `vigil status`.

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what the daemon guards, its rules, counters, latency and protection (root).",
        discussion: """
        Exit status: 0 the daemon answers and reports no warning, 1 it answers with
        warnings (or an error), 3 no daemon answers, 4 not root. --json prints the daemon's
        status object, whose keys are only ever added (see "schema").
        """)
    @OptionGroup var options: ControlCommandOptions
    @Flag(help: "One JSON object with a stable schema, for scripts and monitoring.")
    var json = false

    func run() throws {
        let reply = try options.request(.status, timeoutSeconds: 10)
        if json { print(reply) } else { print(StatusReport.render(reply), terminator: "") }
        guard reply.hasPrefix(#"{"ok":true"#) else { throw ExitStatus.finding }
        if !json && StatusReport.hasWarnings(reply) { throw ExitStatus.finding }
    }
}
