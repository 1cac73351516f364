import ArgumentParser
import VigilConfig
import VigilSystem

// `vigil config`.

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Work with the daemon's configuration.",
        subcommands: [Check.self, Explain.self, Default.self])

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "explain", 
            abstract: "Show which [[workload]] a process or cgroup falls into, and why (the most specific pattern wins).")
        @OptionGroup var configOptions: ConfigOptions
        @Option(help: ArgumentHelp("A running process: its cgroup v2 path is read from /proc/PID/cgroup.", valueName: "pid"))
        var pid: Int32?
        @Option(help: ArgumentHelp("A cgroup v2 path, as in /proc/PID/cgroup (e.g. /system.slice/docker-<id>.scope).", valueName: "path"))
        var cgroup: String?

        func validate() throws {
            guard (pid == nil) != (cgroup == nil) else { throw ValidationError("give exactly one of --pid or --cgroup") }
        }

        func run() throws {
            let file = try configOptions.load()
            var path = cgroup ?? ""
            if let pid {
                guard let p = ProcessCgroup.path(pid: pid) else {
                    printError("vigil: cannot read the cgroup v2 path of pid \(pid) (/proc/\(pid)/cgroup has no \"0::\" line, or no such process)")
                    throw ExitCode(2)
                }
                path = p
                print("pid       \(pid)")
            }
            guard path.hasPrefix("/") else {
                printError("vigil: --cgroup takes a cgroup v2 path starting with '/'")
                throw ExitCode(2)
            }
            for line in file.daemon.workloads.explain(path) { print(line) }
            if file.daemon.workloads.explain(path).contains(where: { $0.hasPrefix("workload  host") }) {
                print("mode      \(file.daemon.mode.rawValue) ([daemon] mode)")
            }
        }
    }

    struct Default: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "default", 
            abstract: "Print the config file a fresh install gets: every setting, commented, audit mode, self-protection on.")
        @Option(name: .customLong("signatures"), help: ArgumentHelp("signatures.paths of the printed file. Repeatable.", valueName: "path"))
        var signatures: [String] = [Paths.localSignatures]
        func run() throws { print(DefaultConfigFile.render(signaturePaths: signatures), terminator: "") }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check", 
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
