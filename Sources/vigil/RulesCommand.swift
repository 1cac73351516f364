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

        @Argument(help: "Rule and hash-list files or folders (default: the bundled Signatures).")
        var paths: [String] = []

        func run() throws {
            let targets: [String]
            if paths.isEmpty {
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
