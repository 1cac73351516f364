import ArgumentParser
import Glibc
import VigilEvents
import VigilQuarantine
import VigilSystem

// `vigil quarantine list|show|restore|delete`.

struct QuarantineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarantine",
        abstract: "List, show, restore and delete quarantined files.",
        discussion: "Stores: --store DIR, or every store the config knows ([quarantine] dir and each [[uploads]] folder's).",
        subcommands: [List.self, Show.self, Restore.self, Delete.self])

    struct StoreOptions: ParsableArguments {
        @OptionGroup var configOptions: ConfigOptions
        @Option(name: .customLong("store"), help: ArgumentHelp("A quarantine folder. Repeatable.", valueName: "dir"))
        var stores: [String] = []

        func open() throws -> [QuarantineStore] {
            let dirs = stores.isEmpty ? try configOptions.load().daemon.quarantineStores : stores
            var out: [QuarantineStore] = []
            for dir in dirs {
                // A store that was never created holds nothing; do not create it by listing.
                if stores.isEmpty && access(dir + "/quarantine.db", F_OK) != 0 { continue }
                out.append(try QuarantineStore(directory: dir))
            }
            return out
        }

        func find(_ id: String) throws -> QuarantineStore {
            let all = try open()
            let holders = all.filter { (try? $0.entry(id)) != nil }
            guard holders.count == 1 else {
                throw Failure(.finding, holders.isEmpty ? "vigil: no quarantine entry \(id)" : "vigil: \(id) is ambiguous across stores; use --store")
            }
            return holders[0]
        }
    }

    static func json(_ e: QuarantineStore.Entry) -> String {
        var o = JSONLine()
        o.add("id", e.id)
        var orig = JSONLine()
        orig.add("path", e.originalPath.description)
        if !e.originalPath.isValidUTF8 { orig.add("path_base64", base64(e.originalPath.bytes)) }
        orig.add("size", Int(e.size))
        orig.add("mode", String(e.mode, radix: 8))
        orig.add("uid", Int(e.uid))
        orig.add("gid", Int(e.gid))
        orig.add("owner", e.owner)
        orig.add("group", e.group)
        orig.add("mtime", Int(e.mtime.tv_sec))
        o.add("original", object: orig)
        o.add("sha256", e.sha256)
        o.add("mime_type", e.mimeType)
        o.add("reasons", e.reasons)
        o.add("quarantined_at", e.quarantinedAt)
        o.add("host", e.host)
        o.add("source", e.source)
        o.add("stored_path", e.storedPath)
        return o.text
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One line per quarantined file.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "One JSON object per entry.") var json = false

        func run() throws {
            for s in try store.open() {
                let entries: [QuarantineStore.Entry]
                entries = try s.list()
                for e in entries {
                    if json { print(QuarantineCommand.json(e)) }
                    else { print("\(e.id)  \(e.quarantinedAt)  \(formatBytes(e.size))  \(e.originalPath)  [\(e.reasons.joined(separator: ", "))]") }
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Everything recorded about one entry.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Entry id (or a unique prefix).") var id: String
        @Flag(help: "As JSON.") var json = false

        func run() throws {
            let s = try store.find(id)
            let e = try s.entry(id)
            if json { print(QuarantineCommand.json(e)); return }
            print("""
            id:              \(e.id)
            original path:   \(e.originalPath)
            owner:           \(e.owner) (\(e.uid)):\(e.group) (\(e.gid))
            mode:            \(String(e.mode, radix: 8))
            size:            \(e.size)
            modified:        \(e.mtime.tv_sec)
            sha256:          \(e.sha256)
            type:            \(e.mimeType ?? "-")
            reasons:         \(e.reasons.joined(separator: ", "))
            quarantined at:  \(e.quarantinedAt) on \(e.host) (\(e.source))
            stored as:       \(e.storedPath)
            """)
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put a file back with its bytes, owner, mode and times.",
            discussion: "Refuses to replace an existing file unless --force. A file restored into a guarded upload folder is scanned again.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Entry id (or a unique prefix).") var id: String
        @Option(help: ArgumentHelp("Restore here instead of the original path.", valueName: "path")) var to: String?
        @Flag(help: "Replace an existing file.") var force = false

        func run() throws {
            let s = try store.find(id)
            do {
                let e = try s.restore(id, to: to.map(rawArgument), force: force)
                print("restored \(to.map(rawArgument) ?? e.originalPath) (\(e.id))")
            } catch {
                throw Failure(.finding, error)
            }
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a quarantined file and its record for good.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Entry id (or a unique prefix).") var id: String

        func run() throws {
            let s = try store.find(id)
            do {
                let e = try s.delete(id)
                print("deleted \(e.id) (\(e.originalPath))")
            } catch {
                throw Failure(.finding, error)
            }
        }
    }
}
