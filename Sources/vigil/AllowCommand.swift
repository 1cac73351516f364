import ArgumentParser
import VigilConfig
import VigilDaemon
import VigilEngine
import VigilEvents
import VigilSystem
import VigilUpdate

/// `vigil allow add|remove|list`: the local allowlist of known-good files by SHA-256.
/// An allowlisted file's findings are set aside whatever matched, and the decision is
/// logged; the running daemon reads the change at once.
struct AllowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allow",
        abstract: "Allow known-good files by SHA-256 (false positives), without editing rules.",
        discussion: "The list is signatures.allowlist (/var/lib/vigil/allowlist). ClamAV .fp/.sfp files and .allow files in the signature folders are allowlists too.",
        subcommands: [Add.self, Remove.self, List.self])

    struct Target: ParsableArguments {
        @OptionGroup var configOptions: ConfigOptions
        @Option(help: ArgumentHelp("The allowlist file (default: signatures.allowlist).", valueName: "file")) var allowlist: String?
        @Option(help: ArgumentHelp("The daemon's control socket (default: the config's).", valueName: "path")) var controlSocket: String?
        @Flag(help: "Do not tell a running daemon.") var noReload = false

        func resolve() throws -> (file: String, socket: String?) {
            let config = try configOptions.load().daemon
            return (allowlist ?? config.allowlistFile, noReload ? nil : (controlSocket ?? config.controlSocket))
        }

        func notify(_ socket: String?) throws {
            guard let socket else { return }
            let state = (try? configOptions.load().daemon.stateDirectory) ?? Paths.stateDirectory
            let (ok, message) = AllowlistEditor.notifyDaemon(socket: socket, checkPeer: controlPeerCheck(socket: socket, stateDirectory: state))
            if ok { print(message) } else { printError("vigil: \(message)"); throw ExitCode(1) }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Allow a file (its SHA-256 is taken) or a SHA-256.")
        @OptionGroup var target: Target
        @Option(help: "Why this file is allowed (kept in the list and in every log line it causes).") var reason: String
        @Argument(help: "A file, or 64 hex digits.") var fileOrDigest: String

        func run() throws {
            let (file, socket) = try target.resolve()
            do {
                let sha = try AllowlistEditor.digest(of: fileOrDigest)
                if try AllowlistEditor.add(sha256: sha, reason: reason, file: file) { print("allowed \(sha) in \(file)") }
                else { print("\(sha) is already allowed in \(file)") }
            } catch {
                printError("vigil: \(error)")
                throw ExitCode(1)
            }
            try target.notify(socket)
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Stop allowing a file or SHA-256.")
        @OptionGroup var target: Target
        @Argument(help: "A file, or 64 hex digits.") var fileOrDigest: String

        func run() throws {
            let (file, socket) = try target.resolve()
            do {
                let sha = try AllowlistEditor.digest(of: fileOrDigest)
                if try AllowlistEditor.remove(sha256: sha, file: file) { print("removed \(sha) from \(file)") }
                else { printError("vigil: \(sha) is not in \(file)"); throw ExitCode(1) }
            } catch let e as ExitCode { throw e } catch {
                printError("vigil: \(error)")
                throw ExitCode(1)
            }
            try target.notify(socket)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Print the local allowlist.")
        @OptionGroup var target: Target

        func run() throws {
            let (file, _) = try target.resolve()
            do { for line in try AllowlistEditor.currentLines(file) where !line.hasPrefix("#") { print(line) } } catch {
                printError("vigil: \(error)")
                throw ExitCode(1)
            }
        }
    }
}
