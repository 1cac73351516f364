import ArgumentParser
import Foundation
import Glibc
import VigilConfig
import VigilDaemon
import VigilEvents
import VigilQuarantine
import VigilSystem
import VigilUpdate

// `vigil quarantine list|show|restore|delete|recover`. While the daemon runs, list, show,
// restore and delete go through its control socket and the daemon does the work: its
// guard would refuse this command's own opens of a stored (bad) file. With no daemon
// answering, the command does the same itself (QuarantineDesk either way).

struct QuarantineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarantine",
        abstract: "List, show, restore and delete quarantined files.",
        discussion: """
        Stores: --store DIR, or every store the config knows ([quarantine] dir and each [[uploads]] folder's). \
        While the daemon runs, the daemon carries out list, show, restore and delete (its guard would refuse this command's own opens).
        """,
        subcommands: [List.self, Show.self, Restore.self, Delete.self, Prune.self, Recover.self])

    struct StoreOptions: ParsableArguments {
        @OptionGroup var configOptions: ConfigOptions
        @Option(name: .customLong("store"), help: ArgumentHelp("A quarantine folder. Repeatable.", valueName: "dir"))
        var stores: [String] = []
        @Option(help: ArgumentHelp("The daemon's control socket (replaces daemon.control_socket); '-' to never ask the daemon.", valueName: "path"))
        var socket: String?

        func storeDirectories() throws -> [String] {
            stores.isEmpty ? try configOptions.load().daemon.quarantineStores : stores.map { $0.hasPrefix("/") ? $0 : currentDirectory() + "/" + $0 }
        }

        /// Read-write opens settle interrupted moves (`recover`).
        func open() throws -> [QuarantineStore] {
            var out: [QuarantineStore] = []
            for dir in try storeDirectories() {
                // A store that was never created holds nothing; do not create it by asking.
                if stores.isEmpty && access(dir + "/quarantine.db", F_OK) != 0 { continue }
                out.append(try QuarantineStore(directory: dir))
            }
            return out
        }

        /// The daemon's reply to `request`, or nil when no daemon answers (then the
        /// command does the work itself).
        func viaDaemon(_ request: QuarantineDesk.Request) throws -> [String: Any]? {
            if socket == "-" { return nil }
            let path = try socket ?? configOptions.load().daemon.controlSocket
            let states = ((try? configOptions.load().daemon.stateDirectory).map { [$0] } ?? []) + [Paths.stateDirectory]
            let line: String
            switch ControlClient.verifiedRequest(.quarantine(request), to: path, timeoutSeconds: 300, stateDirectories: states) {
            case .success(let reply): line = reply
            // Never "no daemon": the request (and a restore's target) is not handed to it,
            // and the work is not done here behind the back of a daemon that may be blinded.
            case .failure(.impostor(let who)): throw ControlCommandOptions.impostor(who, at: path)
            case .failure: return nil
            }
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            if obj["ok"] as? Bool != true {
                // An old daemon that does not know the command: do it here.
                if (obj["error"] as? String)?.hasPrefix("unknown command") == true { return nil }
                throw Failure(.finding, "vigil: " + ((obj["error"] as? String) ?? "the daemon refused: \(line)"))
            }
            return obj
        }

        /// Carries out `request` through the daemon, or here when none answers.
        func run(_ request: QuarantineDesk.Request) throws -> [String: Any] {
            var request = request
            request.stores = stores.map { $0.hasPrefix("/") ? $0 : currentDirectory() + "/" + $0 }
            if let reply = try viaDaemon(request) { return reply }
            let line = QuarantineDesk.handle(request, stores: try storeDirectories())
            let obj = (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]) ?? [:]
            guard obj["ok"] as? Bool == true else { throw Failure(.finding, "vigil: " + ((obj["error"] as? String) ?? line)) }
            return obj
        }
    }

    static func compactJSON(_ o: Any) -> String {
        (try? JSONSerialization.data(withJSONObject: o, options: [.sortedKeys, .withoutEscapingSlashes])).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "One line per quarantined file. Never writes to a store.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "One JSON object per entry.") var json = false

        func run() throws {
            let reply = try store.run(QuarantineDesk.Request(.list))
            for e in reply["entries"] as? [[String: Any]] ?? [] {
                if json { print(QuarantineCommand.compactJSON(e)); continue }
                let original = e["original"] as? [String: Any] ?? [:]
                let size = formatBytes(Int64(original["size"] as? Int ?? 0))
                print("\(e["id"] as? String ?? "?")  \(e["quarantined_at"] as? String ?? "?")  \(size)  \(original["path"] as? String ?? "?")  "
                      + "[\((e["reasons"] as? [String] ?? []).joined(separator: ", "))]")
            }
            if let pending = reply["pending"] as? Int, pending > 0 {
                printError("vigil: \(pending) move\(pending == 1 ? "" : "s") under way or interrupted; `vigil quarantine recover` settles them")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Everything recorded about one entry.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Entry id (or a unique prefix).") var id: String
        @Flag(help: "As JSON.") var json = false

        func run() throws {
            let reply = try store.run(QuarantineDesk.Request(.show, id: id))
            let e = reply["entry"] as? [String: Any] ?? [:]
            if json { print(QuarantineCommand.compactJSON(e)); return }
            let o = e["original"] as? [String: Any] ?? [:]
            print("""
            id:              \(e["id"] as? String ?? "?")
            original path:   \(o["path"] as? String ?? "?")
            owner:           \(o["owner"] as? String ?? "?") (\(o["uid"] as? Int ?? -1)):\(o["group"] as? String ?? "?") (\(o["gid"] as? Int ?? -1))
            mode:            \(o["mode"] as? String ?? "?")
            size:            \(o["size"] as? Int ?? 0)
            modified:        \(o["mtime"] as? Int ?? 0)
            sha256:          \(e["sha256"] as? String ?? "?")
            type:            \(e["mime_type"] as? String ?? "-")
            reasons:         \((e["reasons"] as? [String] ?? []).joined(separator: ", "))
            quarantined at:  \(e["quarantined_at"] as? String ?? "?") on \(e["host"] as? String ?? "?") (\(e["source"] as? String ?? "?"))
            stored as:       \(e["stored_path"] as? String ?? "?")
            """)
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "restore", 
            abstract: "Put a file back with its bytes, owner, mode and times.",
            discussion: "Refuses to replace an existing file unless --force. A file restored into a guarded upload folder is scanned again.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Entry id (or a unique prefix).") var id: String
        @Option(help: ArgumentHelp("Restore here instead of the original path (a file path; relative to this directory).", valueName: "path")) var to: String?
        @Flag(help: "Replace an existing file.") var force = false
        @Flag(help: "A false positive: also allow its SHA-256 (signatures.allowlist) and tell the running daemon.") var allow = false
        @Option(help: ArgumentHelp("With --allow: the allowlist file (default: signatures.allowlist).", valueName: "file")) var allowlist: String?

        func run() throws {
            if allow {
                // Allowed first: a file restored into a guarded folder is scanned again
                // when opened, and must then pass.
                let shown = try store.run(QuarantineDesk.Request(.show, id: id))
                let e = shown["entry"] as? [String: Any] ?? [:]
                guard let sha = e["sha256"] as? String, let entryID = e["id"] as? String else {
                    throw Failure(.error, "vigil: entry \(id) has no SHA-256 on record: not allowed, not restored")
                }
                try QuarantineCommand.allowEntry(id: entryID, sha256: sha, reasons: e["reasons"] as? [String] ?? [], store: store,
                                                 allowlist: allowlist)
            }
            // Absolute before it leaves: the daemon's working directory is not ours.
            let target = to.map { t -> RawPath in
                let raw = rawArgument(t)
                return raw.bytes.first == UInt8(ascii: "/") ? raw : RawPath(bytes: Array((currentDirectory() + "/").utf8) + raw.bytes)
            }
            let reply = try store.run(QuarantineDesk.Request(.restore, id: id, to: target, force: force))
            print("restored \(reply["restored"] as? String ?? "?") (\(reply["id"] as? String ?? id))")
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a quarantined file and its record for good.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Entry id (or a unique prefix).") var id: String

        func run() throws {
            let reply = try store.run(QuarantineDesk.Request(.delete, id: id))
            print("deleted \(reply["id"] as? String ?? id) (\(reply["deleted"] as? String ?? "?"))")
        }
    }

    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "prune", 
            abstract: "Apply retention: delete entries older than [quarantine] max_age, then the oldest until each store fits max_total_size.",
            discussion: """
            Oldest first; bytes are counted once per content (the store keeps one copy per SHA-256). Each removal is a `purge` ECS line \
            in the store's events.json. vigil-quarantine-prune.timer runs this daily.
            """)
        @OptionGroup var store: StoreOptions
        @Flag(help: "Only say what would be deleted.") var dryRun = false
        @Option(help: ArgumentHelp("Replaces [quarantine] max_age (\"30d\", \"12h\"; \"0\" keeps entries forever).", valueName: "span"))
        var maxAge: String?
        @Option(help: ArgumentHelp("Replaces [quarantine] max_total_size (\"10G\"; \"0\" = no limit).", valueName: "size"))
        var maxTotalSize: String?
        @Flag(help: "One JSON object per removal.") var json = false

        func run() throws {
            let config = try store.configOptions.load().daemon
            var retention = QuarantineRetention(maxAgeSeconds: config.quarantineMaxAgeSeconds, maxTotalSize: config.quarantineMaxTotalSize)
            if let maxAge {
                guard let v = parseDuration(maxAge) else { throw ValidationError("--max-age: '\(maxAge)' is not a span like \"30d\"") }
                retention.maxAgeSeconds = v
            }
            if let maxTotalSize {
                guard let v = parseByteSize(maxTotalSize) else { throw ValidationError("--max-total-size: '\(maxTotalSize)' is not a size like \"10G\"") }
                retention.maxTotalSize = v
            }
            let reply = try store.run(QuarantineDesk.Request(dryRun ? .pruneDryRun : .prune, retention: retention))
            let removed = reply["removed"] as? [[String: Any]] ?? []
            var freed: Int64 = 0
            for e in removed {
                freed += Int64(e["freed"] as? Int ?? 0)
                if json { print(QuarantineCommand.compactJSON(e)); continue }
                let original = e["original"] as? [String: Any] ?? [:]
                print("\(dryRun ? "would delete" : "deleted") \(e["id"] as? String ?? "?")  \(e["quarantined_at"] as? String ?? "?")  "
                      + "\(formatBytes(Int64(original["size"] as? Int ?? 0)))  \(original["path"] as? String ?? "?")  (\(e["reason"] as? String ?? "?"))")
            }
            if !json {
                print("\(removed.count) entr\(removed.count == 1 ? "y" : "ies") \(dryRun ? "would be deleted" : "deleted"), \(formatBytes(freed)) freed"
                      + " (max_age \(retention.maxAgeSeconds > 0 ? formatDuration(retention.maxAgeSeconds) : "off"), "
                      + "max_total_size \(retention.maxTotalSize > 0 ? formatBytes(retention.maxTotalSize) : "off"))")
            }
        }
    }

    struct Recover: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "recover", 
            abstract: "Settle moves a crash interrupted (every scan, restore and daemon start does this too).",
            discussion: "A file whose move was cut is either put back or completed as an entry; never lost.")
        @OptionGroup var store: StoreOptions

        func run() throws {
            // A read-write open settles what it can (QuarantineStore.init runs recovery).
            for s in try store.open() {
                let r = try s.recover()
                print("\(s.directory): \(try s.pendingCount()) moves pending" + (r.unsettled.isEmpty ? "" : "; unsettled: \(r.unsettled.joined(separator: "; "))"))
            }
        }
    }

    /// `restore --allow`: the entry's SHA-256 into the allowlist, then the daemon told
    /// (on `--socket`, or the config's; `-` tells none).
    static func allowEntry(id: String, sha256: String, reasons: [String], store: StoreOptions, allowlist: String?) throws {
        let config = try store.configOptions.load().daemon
        let file = allowlist ?? config.allowlistFile
        let reason = "restored from quarantine \(id) as a false positive (\(reasons.joined(separator: ", ")))"
        if try AllowlistEditor.add(sha256: sha256, reason: reason, file: file) { print("allowed \(sha256) in \(file)") }
        if store.socket == "-" { return }
        let (ok, message) = AllowlistEditor.notifyDaemon(socket: store.socket ?? config.controlSocket)
        if ok { print(message) } else { throw Failure(.finding, "vigil: \(message)") }
    }
}
