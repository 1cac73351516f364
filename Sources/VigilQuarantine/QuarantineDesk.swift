import Glibc
import VigilEvents
import VigilSystem

// Owns: the help desk's operations across stores (find an id or prefix, list, show,
// restore, delete) and their wording, the same whether `vigil quarantine` does them
// itself or asks the running daemon to (which must: its guard would refuse the
// command's own opens of a stored file). Must not: choose the stores (callers pass the
// folders) or talk to a socket.
public enum QuarantineDesk {
    /// The one store holding `id` (or a unique prefix); an ambiguous prefix names the
    /// entries it starts, so the next try can be exact.
    public static func find(_ id: String, in stores: [QuarantineStore]) throws(VigilError) -> QuarantineStore {
        var holders: [QuarantineStore] = []
        var starts: [String] = []
        for s in stores {
            switch try s.lookup(id) {
            case .found(let e): holders.append(s); starts.append("\(e.id) in \(s.directory)")
            case .ambiguous(let ids): starts += ids.map { "\($0) in \(s.directory)" }
            case .missing: break
            }
        }
        if starts.count > 1 {
            throw VigilError("\(id) is the start of \(starts.count) entries: \(starts.prefix(5).joined(separator: ", "))"
                             + "\(starts.count > 5 ? ", ..." : ""); give more of the id")
        }
        guard let store = holders.first else {
            let searched = stores.map(\.directory).joined(separator: ", ")
            throw VigilError("no quarantine entry \(id)" + (searched.isEmpty ? " (no quarantine store found; --store DIR)" : " in \(searched)"))
        }
        return store
    }

    /// One entry as `vigil quarantine list --json` prints it.
    public static func json(_ e: QuarantineStore.Entry) -> JSONLine {
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
        return o
    }

    /// What a help-desk request asks for: the wire form of the daemon's quarantine
    /// commands. Words are hex (an id, paths as exact bytes), `-` for none.
    public struct Request: Sendable, Equatable {
        /// `prune` removes what retention says; `prune-dry-run` only says it.
        public enum Operation: String, Sendable { case list, show, restore, delete, prune, pruneDryRun = "prune-dry-run" }
        public var operation: Operation
        public var id: String
        public var to: RawPath?
        public var force: Bool
        public var stores: [String]
        /// The limits of a prune (the caller's config and flags).
        public var retention: QuarantineRetention?

        public init(_ operation: Operation, id: String = "", to: RawPath? = nil, force: Bool = false, stores: [String] = [],
                    retention: QuarantineRetention? = nil) {
            self.operation = operation; self.id = id; self.to = to; self.force = force; self.stores = stores; self.retention = retention
        }

        /// `OP ID FORCE TO STORES [MAXAGE:MAXSIZE]`, each word hex or `-` (the limits decimal).
        public var words: String {
            let storesWord = stores.isEmpty ? "-" : stores.map { Request.hex(Array($0.utf8)) }.joined(separator: ",")
            return ([operation.rawValue, id.isEmpty ? "-" : Request.hex(Array(id.utf8)), force ? "1" : "0", to.map { Request.hex($0.bytes) } ?? "-", storesWord]
                + (retention.map { ["\($0.maxAgeSeconds):\($0.maxTotalSize)"] } ?? []))
                .joined(separator: " ")
        }

        public init?(words: String) {
            let w = words.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            guard w.count == 5 || w.count == 6, let op = Operation(rawValue: w[0]) else { return nil }
            var retention: QuarantineRetention?
            if w.count == 6 {
                let limits = w[5].split(separator: ":").compactMap { Int64($0) }
                guard limits.count == 2 else { return nil }
                retention = QuarantineRetention(maxAgeSeconds: limits[0], maxTotalSize: limits[1])
            }
            func unhexed(_ s: String) -> [UInt8]? { s == "-" ? [] : Request.unhex(s) }
            guard let id = unhexed(w[1]), let to = unhexed(w[3]), w[2] == "0" || w[2] == "1" else { return nil }
            var stores: [String] = []
            if w[4] != "-" {
                for part in w[4].split(separator: ",") {
                    guard let b = Request.unhex(String(part)) else { return nil }
                    stores.append(String(decoding: b, as: UTF8.self))
                }
            }
            self.init(op, id: String(decoding: id, as: UTF8.self), to: w[3] == "-" ? nil : RawPath(bytes: to), force: w[2] == "1", stores: stores,
                      retention: retention)
        }

        static func hex(_ b: [UInt8]) -> String {
            let digits = Array("0123456789abcdef".utf8)
            var out: [UInt8] = []
            for x in b { out.append(digits[Int(x >> 4)]); out.append(digits[Int(x & 15)]) }
            return String(decoding: out, as: UTF8.self)
        }

        static func unhex(_ s: String) -> [UInt8]? {
            let u = Array(s.utf8)
            guard u.count % 2 == 0 else { return nil }
            var out: [UInt8] = []
            var i = 0
            while i < u.count {
                guard let hi = UInt8(String(decoding: u[i..<i + 1], as: UTF8.self), radix: 16),
                      let lo = UInt8(String(decoding: u[i + 1..<i + 2], as: UTF8.self), radix: 16) else { return nil }
                out.append(hi << 4 | lo)
                i += 2
            }
            return out
        }
    }

    /// Retention over open stores, now: what was (or, dry, would be) removed, per store.
    /// Each removal writes its `purge` line in the store's events.json.
    static func prune(_ stores: [QuarantineStore], _ retention: QuarantineRetention, dryRun: Bool) throws(VigilError)
        -> [(store: String, entry: QuarantineStore.Entry, removal: QuarantineRetention.Removal)] {
        let now = wallClockSeconds()
        var out: [(store: String, entry: QuarantineStore.Entry, removal: QuarantineRetention.Removal)] = []
        for s in stores {
            for (e, r) in try s.prune(retention, now: now, dryRun: dryRun) { out.append((s.directory, e, r)) }
        }
        return out
    }

    /// The daemon's own retention run (QuarantinePruneService): the stores of `dirs` that
    /// exist (none is created), pruned as `vigil quarantine prune` does; entries removed
    /// and bytes freed.
    public static func prune(stores dirs: [String], _ retention: QuarantineRetention) throws(VigilError) -> (removed: Int, freed: Int64) {
        var stores: [QuarantineStore] = []
        for dir in dirs where access(dir + "/quarantine.db", F_OK) == 0 { stores.append(try QuarantineStore(directory: dir)) }
        let done = try prune(stores, retention, dryRun: false)
        return (done.count, done.reduce(0) { $0 + $1.removal.freed })
    }

    /// Carries out `request` on `stores` (folders; list and show open them read-only):
    /// the reply line, `{"ok":true,...}` or `{"ok":false,"error":...}`.
    public static func handle(_ request: Request, stores dirs: [String]) -> String {
        var o = JSONLine()
        do throws(VigilError) {
            let readOnly = request.operation == .list || request.operation == .show || request.operation == .pruneDryRun
            var stores: [QuarantineStore] = []
            for dir in dirs {
                // A store that was never created holds nothing: nothing is made by asking.
                if !readOnly && !request.stores.contains(dir), access(dir + "/quarantine.db", F_OK) != 0 { continue }
                if readOnly && access(dir + "/quarantine.db", F_OK) != 0 {
                    if request.stores.contains(dir) { throw VigilError("no quarantine store at \(dir)") }
                    continue
                }
                stores.append(readOnly ? try QuarantineStore(readingOnly: dir) : try QuarantineStore(directory: dir))
            }
            switch request.operation {
            case .list:
                var entries: [JSONLine] = []
                var pending = 0
                for s in stores {
                    entries += try s.list().map(json)
                    pending += (try? s.pendingCount()) ?? 0
                }
                o.add("ok", true)
                o.add("entries", objects: entries)
                o.add("pending", pending)
            case .show:
                let s = try find(request.id, in: stores)
                o.add("ok", true)
                o.add("entry", object: json(try s.entry(request.id)))
            case .restore:
                let s = try find(request.id, in: stores)
                let e = try s.restore(request.id, to: request.to, force: request.force)
                o.add("ok", true)
                o.add("id", e.id)
                o.add("restored", (request.to ?? e.originalPath).description)
            case .delete:
                let s = try find(request.id, in: stores)
                let e = try s.delete(request.id)
                o.add("ok", true)
                o.add("id", e.id)
                o.add("deleted", e.originalPath.description)
            case .prune, .pruneDryRun:
                guard let retention = request.retention else { throw VigilError("prune needs limits") }
                var removed: [JSONLine] = []
                for (store, e, r) in try prune(stores, retention, dryRun: request.operation == .pruneDryRun) {
                    var line = json(e)
                    line.add("store", store)
                    line.add("reason", r.reason.rawValue)
                    line.add("freed", Int(r.freed))
                    removed.append(line)
                }
                o.add("ok", true)
                o.add("dry_run", request.operation == .pruneDryRun)
                o.add("removed", objects: removed)
            }
        } catch {
            o = JSONLine()
            o.add("ok", false)
            o.add("error", error.description)
        }
        return o.text
    }
}
