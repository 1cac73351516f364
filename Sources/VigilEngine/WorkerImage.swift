import Glibc
import VigilSystem

// Owns: the bytes that cross between the daemon and a scan worker (issue 12 item 6): a
// rules generation (every rule set, hash list and allowlist, the scan limits) one way,
// a scan's report the other. Must not: do I/O, or trust a report: the worker parsed
// hostile bytes, so every length and tag it sends is checked and bounded here.

/// Appends fixed-width little-endian fields and length-prefixed byte strings.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func i64(_ v: Int64) { u64(UInt64(bitPattern: v)) }
    mutating func int(_ v: Int) { i64(Int64(v)) }
    mutating func double(_ v: Double) { u64(v.bitPattern) }
    mutating func bool(_ v: Bool) { u8(v ? 1 : 0) }
    mutating func data(_ b: some Collection<UInt8>) { u32(UInt32(b.count)); bytes.append(contentsOf: b) }
    mutating func string(_ s: String) { data(Array(s.utf8)) }
    mutating func string(_ s: String?) { bool(s != nil); if let s { string(s) } }
    mutating func double(_ v: Double?) { bool(v != nil); if let v { double(v) } }
    /// A plain value's own bytes: only between two processes of one binary (the daemon
    /// and the workers it re-executes), and only daemon to worker.
    mutating func plain<T>(_ v: T) {
        precondition(_isPOD(T.self), "\(T.self) is not a plain value")
        withUnsafeBytes(of: v) { data($0) }
    }
}

/// Reads what ByteWriter wrote; every read is bounds-checked and fails, never traps.
struct ByteReader {
    struct Malformed: Error, CustomStringConvertible {
        let what: String
        var description: String { "malformed worker message: \(what)" }
    }

    private let bytes: [UInt8]
    private var offset = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { offset == bytes.count }

    private mutating func take(_ n: Int, _ what: String) throws(Malformed) -> ArraySlice<UInt8> {
        guard n >= 0, n <= bytes.count - offset else { throw Malformed(what: "\(what) runs past the end") }
        defer { offset += n }
        return bytes[offset..<(offset + n)]
    }
    mutating func u8(_ what: String = "byte") throws(Malformed) -> UInt8 { try take(1, what).first! }
    mutating func u32(_ what: String = "u32") throws(Malformed) -> UInt32 {
        try take(4, what).reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }
    mutating func u64(_ what: String = "u64") throws(Malformed) -> UInt64 {
        try take(8, what).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }
    mutating func i64(_ what: String = "i64") throws(Malformed) -> Int64 { Int64(bitPattern: try u64(what)) }
    mutating func int(_ what: String = "int") throws(Malformed) -> Int { Int(try i64(what)) }
    mutating func double(_ what: String = "double") throws(Malformed) -> Double { Double(bitPattern: try u64(what)) }
    mutating func bool(_ what: String = "flag") throws(Malformed) -> Bool {
        switch try u8(what) {
        case 0: return false
        case 1: return true
        default: throw Malformed(what: "\(what) is not 0 or 1")
        }
    }
    mutating func data(_ what: String = "bytes") throws(Malformed) -> ArraySlice<UInt8> { try take(Int(try u32(what)), what) }
    mutating func string(_ what: String = "text") throws(Malformed) -> String { String(decoding: try data(what), as: UTF8.self) }
    mutating func optionalString(_ what: String = "text") throws(Malformed) -> String? { try bool(what) ? try string(what) : nil }
    mutating func optionalDouble(_ what: String = "number") throws(Malformed) -> Double? { try bool(what) ? try double(what) : nil }
    /// A count of items that each take at least `minimum` bytes: never more than remain.
    mutating func count(_ what: String, minimum: Int = 1) throws(Malformed) -> Int {
        let n = Int(try u32(what))
        guard n <= (bytes.count - offset) / max(minimum, 1) else { throw Malformed(what: "\(what) count \(n) is more than the message holds") }
        return n
    }
    mutating func plain<T>(_ type: T.Type) throws(Malformed) -> T {
        precondition(_isPOD(T.self), "\(T.self) is not a plain value")
        let raw = try data("\(T.self)")
        guard raw.count == MemoryLayout<T>.size else { throw Malformed(what: "\(T.self) has \(raw.count) bytes") }
        let p = UnsafeMutablePointer<T>.allocate(capacity: 1)
        defer { p.deallocate() }
        raw.withUnsafeBytes { UnsafeMutableRawPointer(p).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        return p.move()
    }
}

/// A rules generation as a scan worker receives it: every rule set in use (the host's
/// first, then workloads' own), in a memfd; the scan limits travel in the first message.
public struct WorkerImage {
    public let sets: [Signatures]
    public let limits: ScanLimits

    public init(sets: [Signatures], limits: ScanLimits) {
        self.sets = sets
        self.limits = limits
    }

    static let magic: [UInt8] = Array("VIGILWI1".utf8)
    static let first: [UInt8] = Array("image".utf8)

    /// The message that carries the image's descriptor: a tag and the limits.
    public static func firstMessage(limits: ScanLimits) -> [UInt8] {
        var w = ByteWriter()
        w.bytes = first
        w.plain(limits)
        return w.bytes
    }

    public static func limits(fromFirstMessage bytes: [UInt8]) throws(VigilError) -> ScanLimits {
        guard bytes.starts(with: first) else { throw VigilError("unexpected first message") }
        var r = ByteReader(Array(bytes.dropFirst(first.count)))
        do { return try r.plain(ScanLimits.self) } catch { throw VigilError("\(error)") }
    }

    /// The bytes of `sets`, or why the rules cannot be handed over (libyara could not save them).
    public static func encode(sets: [Signatures]) throws(VigilError) -> [UInt8] {
        var w = ByteWriter()
        w.bytes = WorkerImage.magic
        w.u32(UInt32(sets.count))
        for s in sets {
            w.u32(UInt32(s.ruleSets.count))
            for r in s.ruleSets {
                guard r.encode(into: &w) else { throw VigilError("libyara could not save the rules of \(r.sources.first ?? "a rule set")") }
            }
            s.hashes.encode(into: &w)
            s.sectionHashes.encode(into: &w)
            w.u32(UInt32(s.allowlist.fromRules.count))
            for h in s.allowlist.fromRules { h.encode(into: &w) }
            w.u32(UInt32(s.allowlist.local.count))
            for h in s.allowlist.local { h.encode(into: &w) }
            let v = s.version
            w.string(v.label)
            w.bool(v.bundleVersion != nil)
            w.u64(v.bundleVersion ?? 0)
            w.string(v.source)
            w.double(v.createdAt)
            w.double(v.installedAt)
            w.string(v.key)
            w.string(v.directory)
        }
        return w.bytes
    }

    /// Reads what `encode(sets:)` wrote (the daemon's bytes; checked all the same).
    public static func decode(_ bytes: [UInt8], limits: ScanLimits) throws(VigilError) -> WorkerImage {
        var r = ByteReader(bytes)
        do {
            for b in magic where try r.u8("magic") != b { throw ByteReader.Malformed(what: "not a worker image") }
            var sets: [Signatures] = []
            for _ in 0..<(try r.count("sets")) {
                var ruleSets: [RuleSet] = []
                for _ in 0..<(try r.count("rule sets")) { ruleSets.append(try RuleSet.decode(from: &r)) }
                let hashes = try HashList.decode(from: &r)
                let sections = try HashList.decode(from: &r)
                var fromRules: [HashList] = [], local: [HashList] = []
                for _ in 0..<(try r.count("allowlists")) { fromRules.append(try HashList.decode(from: &r)) }
                for _ in 0..<(try r.count("allowlists")) { local.append(try HashList.decode(from: &r)) }
                let label = try r.string(), hasBundle = try r.bool(), bundle = try r.u64()
                let version = RulesVersion(label: label, bundleVersion: hasBundle ? bundle : nil, source: try r.string(),
                                           createdAt: try r.optionalDouble(), installedAt: try r.optionalDouble(),
                                           key: try r.optionalString(), directory: try r.optionalString())
                sets.append(Signatures(ruleSets: ruleSets, hashes: hashes, allowlist: Allowlist(fromRules: fromRules, local: local),
                                       version: version, sectionHashes: sections))
            }
            return WorkerImage(sets: sets, limits: limits)
        } catch let e as ByteReader.Malformed {
            throw VigilError(e.description)
        } catch let e as RuleError {
            throw VigilError("the rules could not be loaded: \(e)")
        } catch {
            throw VigilError("\(error)")
        }
    }
}

/// One scan request, daemon to worker (the file itself travels as the descriptor).
public struct WorkerRequest {
    /// `counts`: the prefilter's decisions so far (no descriptor), for `vigil scan`'s summary.
    public enum Kind: UInt8 { case scan = 1, contentType = 2, counts = 3 }
    public var kind: Kind
    public var set: Int
    public var path: RawPath
    public var stat: stat
    public var wantType: Bool
    /// CLOCK_MONOTONIC nanoseconds (one clock for every process of the host).
    public var deadline: UInt64?
    public var archives: ArchiveOptions?

    public init(kind: Kind, set: Int, path: RawPath, stat: stat, wantType: Bool, deadline: UInt64?, archives: ArchiveOptions?) {
        self.kind = kind
        self.set = set
        self.path = path
        self.stat = stat
        self.wantType = wantType
        self.deadline = deadline
        self.archives = archives
    }

    public func encoded() -> [UInt8] {
        var w = ByteWriter()
        w.u8(kind.rawValue)
        w.u32(UInt32(set))
        w.data(path.bytes)
        w.plain(stat)
        w.bool(wantType)
        w.bool(deadline != nil)
        w.u64(deadline ?? 0)
        w.bool(archives != nil)
        w.plain(archives ?? ArchiveOptions())
        return w.bytes
    }

    public static func decode(_ bytes: [UInt8]) throws(VigilError) -> WorkerRequest {
        var r = ByteReader(bytes)
        do {
            guard let kind = Kind(rawValue: try r.u8()) else { throw ByteReader.Malformed(what: "request kind") }
            let set = Int(try r.u32()), path = RawPath(bytes: Array(try r.data())), st = try r.plain(Glibc.stat.self)
            let wantType = try r.bool(), hasDeadline = try r.bool(), deadline = try r.u64()
            let hasArchives = try r.bool(), archives = try r.plain(ArchiveOptions.self)
            return WorkerRequest(kind: kind, set: set, path: path, stat: st, wantType: wantType, deadline: hasDeadline ? deadline : nil,
                                 archives: hasArchives ? archives : nil)
        } catch { throw VigilError("\(error)") }
    }
}

/// A worker's answer: a report, a content type, or why it could not scan.
public enum WorkerReply {
    case report(FileReport)
    case contentType(String?)
    case failed(String)
    /// The worker is in its sandbox and ready (its first reply).
    case ready(String)
    /// The prefilter's decisions over every file this worker scanned.
    case counts(PrefilterCounts)

    /// A message must fit one SOCK_SEQPACKET datagram: findings past this many are
    /// dropped (the verdict already stands on the first ones) and said so.
    static let maxFindings = 200
    static let maxText = 1024

    public func encoded() -> [UInt8] {
        var w = ByteWriter()
        switch self {
        case .failed(let why):
            w.u8(3)
            w.string(String(why.prefix(WorkerReply.maxText)))
        case .ready(let what):
            w.u8(4)
            w.string(String(what.prefix(WorkerReply.maxText)))
        case .contentType(let mime):
            w.u8(2)
            w.string(mime.map { String($0.prefix(WorkerReply.maxText)) })
        case .report(let report):
            w.u8(1)
            WorkerReply.encode(report, into: &w)
        case .counts(let c):
            w.u8(5)
            for n in [c.skipped, c.conditionsOnly, c.full, c.unfiltered] { w.int(n) }
        }
        return w.bytes
    }

    /// Decodes a worker's bytes; a malformed message is an error, never a verdict.
    public static func decode(_ bytes: [UInt8], path: RawPath) throws(VigilError) -> WorkerReply {
        var r = ByteReader(bytes)
        do {
            let reply: WorkerReply
            switch try r.u8("reply kind") {
            case 1: reply = .report(try decodeReport(&r, path: path))
            case 2: reply = .contentType(try r.optionalString())
            case 3: reply = .failed(try r.string())
            case 4: reply = .ready(try r.string())
            case 5:
                var c = PrefilterCounts()
                (c.skipped, c.conditionsOnly, c.full, c.unfiltered) = (try r.int(), try r.int(), try r.int(), try r.int())
                guard [c.skipped, c.conditionsOnly, c.full, c.unfiltered].allSatisfy({ $0 >= 0 }) else {
                    throw ByteReader.Malformed(what: "negative prefilter count")
                }
                reply = .counts(c)
            default: throw ByteReader.Malformed(what: "reply kind")
            }
            guard r.atEnd else { throw ByteReader.Malformed(what: "bytes after the reply") }
            return reply
        } catch { throw VigilError("\(error)") }
    }

    private static func text(_ s: String) -> String { s.utf8.count <= maxText ? s : String(s.prefix(maxText)) }
    private static func text(_ s: String?) -> String? { s.map(text) }

    private static func encode(_ f: Finding, into w: inout ByteWriter) {
        w.string(f.source.rawValue)
        w.string(text(f.name))
        w.string(text(f.origin))
        w.u8(UInt8(f.verdict.rawValue))
        w.string(text(f.detail))
        w.string(text(f.member))
        w.string(text(f.version))
    }

    private static func decodeFinding(_ r: inout ByteReader) throws(ByteReader.Malformed) -> Finding {
        guard let source = Finding.Source(rawValue: try r.string()) else { throw ByteReader.Malformed(what: "finding source") }
        let name = try r.string(), origin = try r.string()
        guard let verdict = Verdict(rawValue: Int(try r.u8())) else { throw ByteReader.Malformed(what: "verdict") }
        return Finding(source: source, name: name, origin: origin, verdict: verdict, detail: try r.optionalString(),
                       member: try r.optionalString(), version: try r.optionalString())
    }

    private static func encode(_ report: FileReport, into w: inout ByteWriter) {
        w.i64(report.size)
        switch report.status {
        case .scanned: w.u8(0); w.string("")
        case .skipped(let why): w.u8(1); w.string(text(why))
        case .failed(let why): w.u8(2); w.string(text(why))
        }
        var findings = Array(report.findings.prefix(maxFindings))
        if report.findings.count > maxFindings, let last = findings.popLast() {
            findings.append(Finding(source: last.source, name: last.name, origin: last.origin, verdict: last.verdict,
                                    detail: "\(report.findings.count - maxFindings + 1) more findings not listed", member: last.member,
                                    version: last.version))
        }
        w.u32(UInt32(findings.count))
        for f in findings { encode(f, into: &w) }
        let problems = Array(report.problems.prefix(maxFindings))
        w.u32(UInt32(problems.count))
        for p in problems {
            switch p {
            case .ruleError(let rule, let ns, let file, let string, let code, let message):
                w.u8(1); w.string(text(rule)); w.string(text(ns)); w.string(text(file)); w.string(text(string)); w.i64(Int64(code)); w.string(text(message))
            case .tooManyMatches(let rule, let ns, let file, let string):
                w.u8(2); w.string(text(rule)); w.string(text(ns)); w.string(text(file)); w.string(text(string))
            case .timedOut(let seconds, let byDeadline):
                w.u8(3); w.double(seconds); w.bool(byDeadline)
            case .engineError(let code, let message):
                w.u8(4); w.i64(Int64(code)); w.string(text(message))
            case .readError(let why):
                w.u8(5); w.string(text(why))
            case .partialContent(let head, let tail):
                w.u8(6); w.i64(head); w.i64(tail)
            case .archiveLimit(let limit, let member, let detail):
                w.u8(7); w.string(text(limit)); w.string(text(member)); w.string(text(detail))
            case .archiveEncrypted(let member):
                w.u8(8); w.string(text(member))
            case .archiveUnreadable(let member, let message):
                w.u8(9); w.string(text(member)); w.string(text(message))
            }
        }
        w.string(report.sha256?.description)
        w.string(text(report.mimeType))
        w.string(text(report.typeDescription))
        w.i64(report.bytesRead)
        w.int(report.archiveMembers)
        w.i64(report.archiveBytes)
        w.bool(report.allowlisted != nil)
        if let hit = report.allowlisted {
            w.string(text(hit.entry))
            w.string(text(hit.origin))
            let suppressed = hit.suppressed.prefix(maxFindings)
            w.u32(UInt32(suppressed.count))
            for f in suppressed { encode(f, into: &w) }
        }
    }

    private static func decodeReport(_ r: inout ByteReader, path: RawPath) throws(ByteReader.Malformed) -> FileReport {
        var report = FileReport(path: path)
        report.size = try r.i64()
        let tag = try r.u8("status"), why = try r.string()
        switch tag {
        case 0: report.status = .scanned
        case 1: report.status = .skipped(why)
        case 2: report.status = .failed(why)
        default: throw ByteReader.Malformed(what: "status")
        }
        for _ in 0..<(try r.count("findings", minimum: 12)) { report.findings.append(try decodeFinding(&r)) }
        for _ in 0..<(try r.count("problems", minimum: 2)) {
            switch try r.u8("problem kind") {
            case 1: report.problems.append(.ruleError(rule: try r.string(), namespace: try r.string(), file: try r.string(), string: try r.optionalString(),
                                                      code: Int32(truncatingIfNeeded: try r.i64()), message: try r.string()))
            case 2: report.problems.append(.tooManyMatches(rule: try r.string(), namespace: try r.string(), file: try r.string(), string: try r.string()))
            case 3: report.problems.append(.timedOut(seconds: try r.double(), byDeadline: try r.bool()))
            case 4: report.problems.append(.engineError(code: Int32(truncatingIfNeeded: try r.i64()), message: try r.string()))
            case 5: report.problems.append(.readError(try r.string()))
            case 6: report.problems.append(.partialContent(headBytes: try r.i64(), tailBytes: try r.i64()))
            case 7: report.problems.append(.archiveLimit(limit: try r.string(), member: try r.string(), detail: try r.string()))
            case 8: report.problems.append(.archiveEncrypted(member: try r.string()))
            case 9: report.problems.append(.archiveUnreadable(member: try r.string(), message: try r.string()))
            default: throw ByteReader.Malformed(what: "problem kind")
            }
        }
        if let hex = try r.optionalString() {
            guard let d = DigestValue(hex: hex) else { throw ByteReader.Malformed(what: "sha256") }
            report.sha256 = d
        }
        report.mimeType = try r.optionalString()
        report.typeDescription = try r.optionalString()
        report.bytesRead = try r.i64()
        report.archiveMembers = try r.int()
        report.archiveBytes = try r.i64()
        if try r.bool() {
            let entry = try r.string(), origin = try r.string()
            var suppressed: [Finding] = []
            for _ in 0..<(try r.count("suppressed", minimum: 12)) { suppressed.append(try decodeFinding(&r)) }
            report.allowlisted = AllowlistHit(entry: entry, origin: origin, suppressed: suppressed)
        }
        return report
    }
}
