import ArgumentParser
import VigilCore

@main
struct Vigil: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vigil",
        abstract: "On-access and on-demand malware and compliance scanner for Linux.",
        version: "0.1.0",
        subcommands: [ScanCommand.self, DaemonCommand.self, ReloadCommand.self, StatusCommand.self, QuarantineCommand.self, ConfigCommand.self, RulesCommand.self,
                      WatchdogCommand.self, MaintenanceCommand.self, InstallCommand.self, UninstallCommand.self]
    )
}

/// Where signatures come from when no `--rules` is given.
struct SignatureOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp(
        "YARA rules (.yar, .yara), compiled rules (.yarc) or hash lists (.hdb, .hsb, .sha256): files or folders. Repeatable.",
        valueName: "path"))
    var rules: [String] = []

    @Option(name: .customLong("hashes"), help: ArgumentHelp("Hash lists (ClamAV .hdb/.hsb or sha256sum format). Repeatable.", valueName: "path"))
    var hashes: [String] = []

    func paths() throws -> [String] {
        let given = rules + hashes
        if !given.isEmpty { return given }
        guard let bundled = Signatures.bundledDirectory() else {
            throw ValidationError("no --rules given and no bundled Signatures folder found (set VIGIL_SIGNATURES)")
        }
        return [bundled]
    }

    func load() throws -> Signatures {
        do { return try Signatures.load(try paths()) } catch let e as SignatureError {
            printError("vigil: \(e)")
            throw ExitCode(2)
        }
    }
}
