import CHyperscan
import Glibc

// Owns: the Hyperscan database (compile, size, lifetime) and per-thread scratch.
// Must not: know about YARA; scanning itself happens in CPrefilter (no Swift per match).

public struct PrefilterError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ d: String) { description = d }
}

/// A compiled database, block or stream mode. Immutable and shared by every worker
/// (Hyperscan databases are read-only during scans; scratch and streams are per thread).
final class HyperscanDatabase: @unchecked Sendable {
    let handle: OpaquePointer
    /// Stream mode: a file is fed in pieces through a per-worker stream (bulk scans,
    /// fixed memory); block mode: one call over bytes already in memory.
    let streaming: Bool
    /// Patterns that compiled only in prefilter mode (Hyperscan's own superset form for
    /// constructs too large to match exactly) and those that did not compile at all.
    let prefilterMode: Set<Int>
    let dropped: Set<Int>
    let bytes: Int

    private init(handle: OpaquePointer, streaming: Bool, prefilterMode: Set<Int>, dropped: Set<Int>) {
        self.handle = handle
        self.streaming = streaming
        self.prefilterMode = prefilterMode
        self.dropped = dropped
        var size = 0
        self.bytes = hs_database_size(handle, &size) == HS_SUCCESS ? size : 0
    }

    deinit { hs_free_database(handle) }

    /// Hyperscan's own portable form of this database (for a scan worker, which then
    /// skips the compile), or nil when Hyperscan cannot write it.
    func serialized() -> [UInt8]? {
        var bytes: UnsafeMutablePointer<CChar>?
        var length = 0
        guard hs_serialize_database(handle, &bytes, &length) == HS_SUCCESS, let bytes else { return nil }
        defer { free(bytes) }
        return Array(UnsafeRawBufferPointer(start: bytes, count: length))
    }

    /// A database back from `serialized()`; nil when Hyperscan refuses the bytes (another
    /// version or platform, a mode other than `streaming`, damage): the caller compiles.
    static func deserialize(_ bytes: [UInt8], streaming: Bool, prefilterMode: Set<Int>, dropped: Set<Int>) -> HyperscanDatabase? {
        var db: OpaquePointer?
        let rc = bytes.withUnsafeBytes { raw in
            hs_deserialize_database(raw.baseAddress!.assumingMemoryBound(to: CChar.self), raw.count, &db)
        }
        guard rc == HS_SUCCESS, let db else { return nil }
        let made = HyperscanDatabase(handle: db, streaming: streaming, prefilterMode: prefilterMode, dropped: dropped)
        var info: UnsafeMutablePointer<CChar>?
        guard hs_database_info(db, &info) == HS_SUCCESS, let info else { return nil }
        defer { free(info) }
        // "Version: 5.4.9 Features: AVX2 Mode: STREAM": a block database must not stand in
        // for a stream one, nor the reverse.
        guard String(cString: info).contains(streaming ? "Mode: STREAM" : "Mode: BLOCK") else { return nil }
        return made
    }

    /// Compiles `patterns` (id = position). A pattern Hyperscan rejects is retried in
    /// prefilter mode, then dropped; the caller treats a dropped pattern's string as hit
    /// in every file. Nil database when nothing is left to compile.
    static func compile(_ patterns: [StringPattern], streaming: Bool = false) -> (HyperscanDatabase?, dropped: Set<Int>) {
        var prefilter = Set<Int>()
        var dropped = Set<Int>()
        while true {
            let live = patterns.indices.filter { !dropped.contains($0) }
            if live.isEmpty { return (nil, dropped) }
            var db: OpaquePointer?
            var failure: UnsafeMutablePointer<hs_compile_error_t>?
            let rc = compile(live.map { patterns[$0] }, ids: live, prefilter: prefilter, streaming: streaming, db: &db, error: &failure)
            if rc == HS_SUCCESS, let db {
                return (HyperscanDatabase(handle: db, streaming: streaming, prefilterMode: prefilter, dropped: dropped), dropped)
            }
            let at = failure.map { Int($0.pointee.expression) } ?? -1
            if let failure { hs_free_compile_error(failure) }
            guard at >= 0, at < live.count else {
                // A failure not tied to one pattern (out of memory, too many patterns):
                // nothing sensible to retry.
                return (nil, Set(patterns.indices))
            }
            let id = live[at]
            if prefilter.contains(id) { dropped.insert(id) } else { prefilter.insert(id) }
        }
    }

    private static func compile(_ patterns: [StringPattern], ids: [Int], prefilter: Set<Int>, streaming: Bool,
                                db: inout OpaquePointer?, error: inout UnsafeMutablePointer<hs_compile_error_t>?) -> hs_error_t {
        var expressions = patterns.map { strdup($0.expression) }
        defer { for e in expressions { free(e) } }
        var flags: [UInt32] = zip(patterns, ids).map { p, id in
            var f = UInt32(HS_FLAG_SINGLEMATCH | HS_FLAG_DOTALL)
            if p.caseless { f |= UInt32(HS_FLAG_CASELESS) }
            if prefilter.contains(id) { f |= UInt32(HS_FLAG_PREFILTER) }
            return f
        }
        var hsIDs = ids.map { UInt32($0) }
        var extStorage = patterns.map { p -> hs_expr_ext_t in
            var e = hs_expr_ext_t()
            if let end = p.matchEnd {
                e.flags = UInt64(HS_EXT_FLAG_MIN_OFFSET | HS_EXT_FLAG_MAX_OFFSET)
                e.min_offset = end
                e.max_offset = end
            }
            return e
        }
        return extStorage.withUnsafeMutableBufferPointer { ext in
            var extPointers: [UnsafePointer<hs_expr_ext_t>?] = (0..<ext.count).map { UnsafePointer(ext.baseAddress! + $0) }
            return expressions.withUnsafeMutableBufferPointer { exprs in
                exprs.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: exprs.count) { e in
                    hs_compile_ext_multi(e, &flags, &hsIDs, &extPointers, UInt32(patterns.count),
                                         UInt32(streaming ? HS_MODE_STREAM : HS_MODE_BLOCK), nil, &db, &error)
                }
            }
        }
    }
}

/// Per-thread Hyperscan scratch for one database.
final class HyperscanScratch {
    let handle: OpaquePointer

    init(_ db: HyperscanDatabase) throws(PrefilterError) {
        var s: OpaquePointer?
        guard hs_alloc_scratch(db.handle, &s) == HS_SUCCESS, let s else {
            throw PrefilterError("Hyperscan could not allocate scratch space")
        }
        handle = s
    }

    var bytes: Int {
        var size = 0
        return hs_scratch_size(handle, &size) == HS_SUCCESS ? size : 0
    }

    deinit { hs_free_scratch(handle) }
}

/// One worker's stream over a stream-mode database, opened once and reset after every
/// file (`vpf_hits_end_stream`), so a file costs no allocation.
final class HyperscanStream {
    let handle: OpaquePointer

    init(_ db: HyperscanDatabase) throws(PrefilterError) {
        var s: OpaquePointer?
        guard db.streaming, hs_open_stream(db.handle, 0, &s) == HS_SUCCESS, let s else {
            throw PrefilterError("Hyperscan could not open a stream")
        }
        handle = s
    }

    deinit { hs_close_stream(handle, nil, nil, nil) }
}

/// Known answers the Hyperscan library must give before the prefilter trusts it: a
/// prefilter that misses a match is a hole in detection, not a slowdown. The first case
/// is what Debian bookworm's Vectorscan 5.4.9 misses on AVX-512 machines; the others
/// cover matches at both ends of a buffer, a class repeat, case folding and NUL bytes.
enum HyperscanSelfTest {
    static let result: String? = run(streaming: false)
    /// The same answers from a stream-mode database fed each case in two pieces split in
    /// the middle (a match across pieces must be found), run only by bulk scans that use one.
    static let streamResult: String? = run(streaming: true)

    private static func run(streaming: Bool) -> String? {
        guard hs_valid_platform() == HS_SUCCESS else { return "this CPU lacks the instructions Hyperscan needs (SSSE3)" }
        let prose = Array(String(repeating: "The quick brown fox jumps over the lazy dog; 0123456789.\n", count: 20).utf8)
        let cases: [(pattern: String, caseless: Bool, data: [UInt8])] = [
            (#"-\w+\t"#, false, prose + Array("-ab_9\t".utf8)),
            (#"[\x30-\x39]{3}\x2d[\x30-\x39\x41-\x5a\x5f\x61-\x7a]+[\x09-\x0d\x20][^\x09-\x0d\x20][^\x61-\x7a]\x58"#, false,
             prose + Array("123-ab_9\t#9X".utf8) + prose),
            (#"\x00\x01\x02marker"#, false, [0, 1, 2] + Array("marker".utf8) + prose),
            (#"tail-marker"#, false, prose + Array("tail-marker".utf8)),
            (#"caseless-Marker"#, true, prose + Array("CASELESS-mARKER".utf8) + prose),
            (#"wide\x00w\x00i\x00d\x00e\x00"#, false, Array(prose.prefix(333)) + Array("wide".utf8) + [0] + Array("wide".utf8).flatMap { [$0, 0] }),
        ]
        for (i, c) in cases.enumerated() {
            let p = StringPattern(expression: c.pattern, caseless: c.caseless, part: 0, matchEnd: nil)
            let (db, dropped) = HyperscanDatabase.compile([p], streaming: streaming)
            guard let db, dropped.isEmpty, let scratch = try? HyperscanScratch(db) else { return "self-test pattern \(i) does not compile" }
            var found = false
            let onMatch: match_event_handler = { _, _, _, _, context in context!.assumingMemoryBound(to: Bool.self).pointee = true; return 0 }
            let rc = c.data.withUnsafeBytes { buf in
                withUnsafeMutablePointer(to: &found) { flag -> hs_error_t in
                    let base = buf.baseAddress!.assumingMemoryBound(to: CChar.self)
                    guard streaming else { return hs_scan(db.handle, base, UInt32(buf.count), 0, scratch.handle, onMatch, flag) }
                    guard let stream = try? HyperscanStream(db) else { return HS_NOMEM }
                    let half = buf.count / 2
                    var rc = hs_scan_stream(stream.handle, base, UInt32(half), 0, scratch.handle, onMatch, flag)
                    if rc == HS_SUCCESS { rc = hs_scan_stream(stream.handle, base + half, UInt32(buf.count - half), 0, scratch.handle, onMatch, flag) }
                    if rc == HS_SUCCESS { rc = hs_reset_stream(stream.handle, 0, scratch.handle, onMatch, flag) }
                    return rc
                }
            }
            guard rc == HS_SUCCESS, found else { return "the Hyperscan library misses self-test match \(i) (\(c.pattern)): refusing to prefilter with it" }
        }
        return nil
    }
}
