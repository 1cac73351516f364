import ArgumentParser
import VigilDaemon

// `vigil reload`.

struct ReloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reload",
        abstract: "Reload the daemon's signatures; on any error the running ones stay.")
    @OptionGroup var options: ControlCommandOptions
    func run() throws { try options.send(.reload) }
}
