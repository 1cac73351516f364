import ArgumentParser
import VigilConfig
import VigilEngine
import VigilSystem

// `vigil rules check`.

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Work with YARA rules and hash lists.",
        subcommands: [Check.self, Keygen.self, Sign.self, Update.self, Rollback.self, TestCompile.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check", 
            abstract: "Compile rules and parse hash lists; print counts and compile time, or the first error with file and line.",
            discussion: "Also warns (file:line, rule, string) about regex strings likely to make libyara give up at scan time "
                + "with error 46 (too many regex fibers), such as stacked bounded gaps [^\\n]{0,300}\\n?[^\\n]{0,300} before "
                + "an alternation. A heuristic over the source text: it can flag a regex that survives ordinary files and "
                + "cannot prove one safe. At scan time such a rule is reported and left out for that file; every other rule "
                + "still judges it.")

        @Argument(help: "Rule and hash-list files or folders (default: signatures.paths of --config, else the bundled Signatures).")
        var paths: [String] = []

        @Option(help: ArgumentHelp("Check the signatures this config names (signatures.paths).", valueName: "file"))
        var config: String?

        @Flag(help: "Exit 1 when there are warnings, not only errors.")
        var strict = false

        @Flag(help: "Compile every rule file on its own (in its folder's externals mode): one line each, 'OK <rules> <file>' or 'ERROR <file>:<line>: <message>'; exit 1 if any fails. For comparing with yarac file by file.")
        var each = false

        func run() throws {
            var targets: [String]
            // Global rules are refused unless the config allows them (as the daemon does).
            let allowGlobal = try config.map { try Configuration.load(path: $0).daemon.allowGlobalRules } ?? false
            if paths.isEmpty, let config {
                targets = try Configuration.load(path: config).daemon.signaturePaths
                if targets.isEmpty, let bundled = Signatures.bundledDirectory() { targets = [bundled] }
            } else if paths.isEmpty {
                guard let bundled = Signatures.bundledDirectory() else { throw ValidationError("no bundled Signatures folder found") }
                targets = [bundled]
            } else {
                targets = paths
            }
            if each {
                let sources: Signatures.Sources
                do { sources = try Signatures.collect(targets) } catch {
                    printError("vigil: \(error)")
                    throw ExitCode(2)
                }
                var failed = false
                for file in sources.ruleFiles {
                    do {
                        let set = try RuleSet.compile(files: [file], mode: sources.modes[file] ?? .vigil)
                        print("OK \(set.ruleCount) \(file)")
                    } catch {
                        print("ERROR \(error)")
                        failed = true
                    }
                }
                if failed { throw ExitCode(1) }
                return
            }
            do {
                let s = try Signatures.load(targets, allowGlobalRules: allowGlobal)
                let sources = try Signatures.collect(targets)
                let ms = (s.loadSeconds * 10000).rounded() / 10
                let warnings = RuleLint.check(files: sources.ruleFiles)
                for w in warnings { printError("warning: \(w)") }
                // Never silent: every file and signature type left out, with counts.
                for note in s.notes { printError("note: \(note)") }
                for skipped in s.skippedLines { printError("skipped: \(skipped)") }
                print("OK: \(s.ruleCount) rules from \(sources.ruleFiles.count + sources.compiledFiles.count) files, "
                      + "\(s.hashes.entryCount) hash entries from \(sources.hashFiles.count) lists"
                      + (sources.clamFiles.isEmpty ? "" : ", \(sources.clamFiles.count) ClamAV/allowlist files")
                      + (s.allowlist.isEmpty ? "" : ", \(s.allowlist.entryCount) allowlist entries")
                      + (s.skipped.isEmpty ? "" : ", \(s.skippedSignatureCount) signatures skipped (\(s.skipped.count) notes)")
                      + ", version \(s.version.label), loaded in \(ms) ms"
                      + (warnings.isEmpty ? "" : ", \(warnings.count) warning\(warnings.count == 1 ? "" : "s")"))
                if strict && !warnings.isEmpty { throw ExitStatus.finding }
            } catch let status as ExitStatus {
                throw status
            } catch {
                // The answer to "do these rules pass?" is no.
                throw Failure(.finding, error)
            }
        }
    }
}
