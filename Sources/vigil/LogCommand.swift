import ArgumentParser
import Glibc
import VigilDaemon
import VigilEvents
import VigilSystem

// `vigil log verify|rotate|unseal`.

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Check the event log's hash chain; rotate it now.",
        subcommands: [Verify.self, Rotate.self, Unseal.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "verify", 
            abstract: "Check the hash chain of event log files, oldest first (events.json.1 events.json); names the first broken line.",
            discussion: "Exit status: 0 the chain holds, 1 it is broken (each break printed as FILE:LINE: why), 2 a file cannot be read.")
        @Argument(help: ArgumentHelp("Log files, oldest first (rotated ones before the live one).", valueName: "file"))
        var files: [String]
        func run() throws {
            var inputs: [(name: String, bytes: [UInt8])] = []
            for f in files {
                guard let bytes = readWholeFile(f, limit: 4 << 30) else { throw Failure(.error, "vigil: cannot read \(f)") }
                inputs.append((f, bytes))
            }
            let (breaks, lines) = LogChain.verify(files: inputs)
            for b in breaks { print("BROKEN \(b)") }
            if let first = breaks.first {
                printError("vigil: the chain is broken; first at \(first.file):\(first.line) (\(breaks.count) breaks in \(lines) lines)")
                throw ExitStatus.finding
            }
            print("OK: \(lines) lines, chain intact")
        }
    }

    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rotate", 
            abstract: "Ask the running daemon to rotate its event log now (events.json becomes events.json.1).",
            discussion: """
            The daemon rotates its own log past [log] rotate_size and keeps rotate_keep files; this asks for one \
            now. It is done after the lines already queued, and the new file's first line (event-log-rotated) \
            chains to the old file's last, so `vigil log verify events.json.N ... events.json.1 events.json` holds.
            """)
        @OptionGroup var options: ControlCommandOptions
        func run() throws {
            let config = try options.configOptions.load().daemon
            try options.send(.logRotate, at: options.socketPath(config))
        }
    }

    struct Unseal: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unseal", 
            abstract: "Lift append-only on the live event log so an outside tool (logrotate, with [log] rotate_size = 0) can rename it; the daemon's next reopen (SIGUSR1) seals the new file. Logged. With no daemon running, the rotated files (.1, .2, ...) are unsealed too (package removal).")
        @OptionGroup var options: ControlCommandOptions
        func run() throws {
            let config = try options.configOptions.load().daemon
            let socket = options.socketPath(config)
            if case .failure(let e) = ControlClient.request(.ping, to: socket, timeoutSeconds: 5), e.code == ENOENT || e.code == ECONNREFUSED {
                // No daemon: nobody writes the files; lift the flag here, on the rotated ones
                // too (the package's removal runs this, so a purge can delete them).
                if let log = config.logFile {
                    if access(log, F_OK) == 0 { try InodeFlags.setAppendOnly(log, false) }
                    var n = 1
                    while access("\(log).\(n)", F_OK) == 0 {
                        try InodeFlags.setAppendOnly("\(log).\(n)", false)
                        n += 1
                    }
                }
                print(#"{"ok":true,"offline":true}"#)
                return
            }
            try options.send(.logUnseal, at: socket)
        }
    }
}
