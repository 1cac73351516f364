import ArgumentParser
import VigilConfig

// `vigil config`.

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Work with the daemon's configuration.",
        subcommands: [Check.self, Default.self])

    struct Default: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the config file a fresh install gets: every setting, commented, audit mode, self-protection on.")
        @Option(name: .customLong("signatures"), help: ArgumentHelp("signatures.paths of the printed file. Repeatable.", valueName: "path"))
        var signatures: [String] = [Paths.localSignatures]
        func run() throws { print(DefaultConfigFile.render(signaturePaths: signatures), terminator: "") }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the config and print the effective configuration; errors name the key and line.")
        @OptionGroup var configOptions: ConfigOptions
        func run() throws {
            let file = try configOptions.load()
            print(file.daemon.render() + "\n" + file.protection.render(), terminator: "")
            // Warnings go to stderr so the printed config stays valid TOML.
            for w in file.daemon.warnings { printError("vigil: warning: \(w)") }
        }
    }
}
