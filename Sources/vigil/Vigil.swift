import ArgumentParser
import CLinux
import Glibc
import VigilEngine
import VigilEvents
import VigilSystem

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
                      WatchdogCommand.self, MaintenanceCommand.self, InstallCommand.self, UninstallCommand.self]
    )

    /// The arguments as the C runtime passed them, not CommandLine's (read from
    /// /proc/self/cmdline on Linux): without /proc every command would see none.
    static func main() {
        main(Array(ProgramArguments.all.dropFirst()))
    }
}

/// argv, captured by a constructor in CLinux before Swift's runtime starts.
enum ProgramArguments {
    /// Every argument's exact bytes, argv[0] included.
    static let raw: [[UInt8]] = {
        let argc = Int(vigil_saved_argc())
        guard argc > 0, let argv = vigil_saved_argv() else {
            // The constructor did not run: only /proc can tell, or nothing can.
            guard access("/proc/self/cmdline", R_OK) == 0 else {
                printError("vigil: cannot read the command line (no argv from the C runtime and no /proc)")
                exit(2)
            }
            return CommandLine.arguments.map { Array($0.utf8) }
        }
        return (0..<argc).map { i in
            guard let p = argv[i] else { return [] }
            return Array(UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strlen(p)))
        }
    }()

    static let all: [String] = raw.map { String(decoding: $0, as: UTF8.self) }
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
