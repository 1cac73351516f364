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
        subcommands: [List.self, Show.self, Restore.self, Delete.self, Recover.self])

    struct StoreOptions: ParsableArguments {
        @OptionGroup var configOptions: ConfigOptions
        @Option(name: .customLong("store"), help: ArgumentHelp("A quarantine folder. Repeatable.", valueName: "dir"))
        var stores: [String] = []

        /// `readingOnly`: list and show never create, chmod, migrate or recover a store.
        func open(readingOnly: Bool = false) throws -> [QuarantineStore] {
            let dirs = stores.isEmpty ? try configOptions.load().daemon.quarantineStores : stores
            var out: [QuarantineStore] = []
            for dir in dirs {
                // A store that was never created holds nothing; do not create it by listing.
                if stores.isEmpty && access(dir + "/quarantine.db", F_OK) != 0 { continue }
                out.append(readingOnly ? try QuarantineStore(readingOnly: dir) : try QuarantineStore(directory: dir))
            }
            return out
        }

        /// The one store holding `id` (or a unique prefix of one); an ambiguous prefix
        /// says which entries it starts, so the next try can be exact.
        func find(_ id: String, readingOnly: Bool = false) throws -> QuarantineStore {
            let all = try open(readingOnly: readingOnly)
            var holders: [QuarantineStore] = []
            var starts: [String] = []
            for s in all {
                switch try s.lookup(id) {
                case .found(let e): holders.append(s); starts.append("\(e.id) in \(s.directory)")
                case .ambiguous(let ids): starts += ids.map { "\($0) in \(s.directory)" }
                case .missing: break
                }
            }
            if starts.count > 1 {
                throw Failure(.finding, "vigil: \(id) is the start of \(starts.count) entries: \(starts.prefix(5).joined(separator: ", "))"
                              + "\(starts.count > 5 ? ", ..." : ""); give more of the id")
            }
            guard let store = holders.first else {
                let searched = all.map(\.directory).joined(separator: ", ")
                throw Failure(.finding, "vigil: no quarantine entry \(id)" + (searched.isEmpty ? " (no quarantine store found; --store DIR)" : " in \(searched)"))
            }
            return store
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
            for s in try store.open(readingOnly: true) {
                let entries: [QuarantineStore.Entry]
                entries = try s.list()
                if let pending = try? s.pendingCount(), pending > 0 {
                    printError("vigil: \(s.directory): \(pending) move\(pending == 1 ? "" : "s") under way or interrupted; `vigil quarantine recover` settles them")
                }
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
            let s = try store.find(id, readingOnly: true)
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

    struct Recover: ParsableCommand {
        static let configuration = CommandConfiguration(
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
