import ArgumentParser
import VigilCore

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Work with YARA rules and hash lists.",
        subcommands: [Check.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compile rules and parse hash lists; print counts and compile time, or the first error with file and line.")

        @Argument(help: "Rule and hash-list files or folders (default: signatures.paths of --config, else the bundled Signatures).")
        var paths: [String] = []

        @Option(help: ArgumentHelp("Check the signatures this config names (signatures.paths).", valueName: "file"))
        var config: String?

        func run() throws {
            var targets: [String]
            if paths.isEmpty, let config {
                do { targets = try DaemonConfig.load(path: config).signaturePaths } catch {
                    printError("vigil: \(error)")
                    throw ExitCode(2)
                }
                if targets.isEmpty, let bundled = Signatures.bundledDirectory() { targets = [bundled] }
            } else if paths.isEmpty {
                guard let bundled = Signatures.bundledDirectory() else { throw ValidationError("no bundled Signatures folder found") }
                targets = [bundled]
            } else {
                targets = paths
            }
            do {
                let s = try Signatures.load(targets)
                let sources = try Signatures.collect(targets)
                let ms = (s.loadSeconds * 10000).rounded() / 10
                print("OK: \(s.ruleCount) rules from \(sources.ruleFiles.count + sources.compiledFiles.count) files, "
                      + "\(s.hashes.entryCount) hash entries from \(sources.hashFiles.count) lists, loaded in \(ms) ms")
            } catch {
                printError("vigil: \(error)")
                throw ExitCode(1)
            }
        }
    }
}
