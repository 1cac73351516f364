import CPrefilter
import CYara
import Glibc

// Owns: the prefilter of one compiled rule set (built once, shared) and the per-file
// decision of each worker: skip libyara, evaluate conditions only, or run it in full,
// and which rules it must evaluate.
// Must not: call libyara's scanner (PrefilteredScanner / the engine do), allocate per
// file, or ever decide "clean" when libyara could report a match.

/// What libyara has to do for one file.
public enum PrefilterDecision: String, Sendable {
    /// No rule can match: libyara need not run.
    case clean
    /// No string can match, but some rules can match without strings: evaluate their
    /// conditions over the file, without libyara's string search.
    case conditionsOnly
    /// Some string may match: run libyara (the rules in `rulesToRun` are the ones that
    /// can match; the others may stay disabled).
    case full
}

public struct PrefilterStatistics: Sendable {
    public var rules = 0
    public var strings = 0
    public var patterns = 0
    /// Parts by how exactly Hyperscan follows them.
    public var precision: [PartPrecision: Int] = [:]
    /// String parts by kind and precision ("hex/exact": 12, ...).
    public var kinds: [String: Int] = [:]
    public var alwaysRunRules = 0
    /// Always-run rules that a header read rules out for most files (`uint16(0) == 0x5A4D`).
    public var guardedRules = 0
    /// Rules needing a hit in each of several groups of their strings (`$a and ($b or $c)`).
    public var clauseRules = 0
    public var clauseSeconds = 0.0
    public var distinctGuards = 0
    /// Why rules were classified always-run (reason: count).
    public var alwaysRunReasons: [String: Int] = [:]
    public var prefilterModePatterns = 0
    public var droppedPatterns = 0
    public var databaseBytes = 0
    public var buildSeconds = 0.0
    public var hyperscanSeconds = 0.0
    /// The database came from a seed (`SerializedPrefilter`), not a compile.
    public var reusedDatabase = false
    public var stringSeconds = 0.0
    public var conditionSeconds = 0.0
}

/// A compiled prefilter database in Hyperscan's portable form, with what it was compiled
/// from: the daemon and `vigil scan` hand it to their scan workers inside the worker
/// image, so each worker deserializes one database instead of compiling its own (with
/// the parity test's 7,137 rules, a compile per worker took over 30 s in a debug build).
/// A worker uses it only when its own plan of the same rules has the same fingerprint.
public struct SerializedPrefilter: Sendable, Equatable {
    public var streaming: Bool
    /// `Prefilter.fingerprint` of the patterns it was compiled from.
    public var fingerprint: UInt64
    /// Hyperscan's bytes; nil when nothing was left to compile.
    public var database: [UInt8]?
    public var prefilterMode: [Int]
    public var dropped: [Int]

    public init(streaming: Bool, fingerprint: UInt64, database: [UInt8]?, prefilterMode: [Int], dropped: [Int]) {
        self.streaming = streaming
        self.fingerprint = fingerprint
        self.database = database
        self.prefilterMode = prefilterMode
        self.dropped = dropped
    }
}

/// The prefilter of one compiled rule set. Immutable after init; share it between
/// workers, each with its own `PrefilterWorker`. The rules must outlive it.
public final class Prefilter: @unchecked Sendable {
    let database: HyperscanDatabase?
    /// Pattern id -> string part (a C array: the per-match callback reads it).
    let patternPart: UnsafeMutablePointer<UInt32>
    let partCount: Int
    let ruleCount: Int
    /// part -> first part of its chain; chain -> its parts (CSR, chains only).
    let head: [UInt32]
    let chainStart: [Int32]
    let chainParts: [UInt32]
    /// chain head -> rules that can become true when it matches (CSR by head part).
    let triggerStart: [Int32]
    let triggerRules: [Int32]
    /// Rules that can match with no string: evaluated for every file whose bytes pass
    /// their header guard (if they have one).
    public let alwaysRun: [Int32]
    /// Distinct header guards, and for each always-run rule the index of its guard or -1.
    public let guards: [HeaderGuard]
    let alwaysRunGuard: [Int32]
    /// Rule -> its clauses [ruleClauseStart[r], ruleClauseStart[r+1]); clause c's heads are
    /// clauseHeads[clauseEnd[c] ..< clauseEnd[c+1]].
    let ruleClauseStart: [Int32]
    let clauseEnd: [Int32]
    let clauseHeads: [UInt32]
    /// Rules whose strings could not be expressed: libyara runs in full for every file.
    let alwaysHitRules: [Int32]
    /// Parts looked for at a fixed offset: a window that does not start at 0 cannot be
    /// checked by the database's offset bounds, so they count as hit there.
    let fixedOffsetParts: [UInt32]
    /// Rules that may be disabled in a scanner's private view when they cannot match:
    /// neither global (a false global rule must still veto its namespace) nor named by
    /// another rule's condition (a disabled rule reads as undefined, not false).
    public let disableable: [Bool]
    /// Some rule reads `entrypoint`, which libyara computes during its string search:
    /// conditions-only scans are not used then.
    public let readsEntrypoint: Bool
    public let statistics: PrefilterStatistics
    /// Stream mode: workers feed each file in pieces (`begin`/`feed`/`finish`), so a bulk
    /// scan needs one fixed-size buffer whatever the file's size. Block mode otherwise.
    public let streaming: Bool
    /// The bytes from the start of a file the header guards read (0: no guards):
    /// `finish` needs at least this much of the file's head, or the whole file.
    public let guardReach: Int
    /// Per-rule analysis results, for tests and reports.
    public let conditions: [RuleCondition]
    public let plan: StringPlan

    /// Identifies the patterns and mode the database is compiled from (FNV-1a over each
    /// pattern's expression, flags, id and offset bound, the mode and the library's
    /// version): equal plans of the same rules give equal fingerprints in every process of
    /// the same binary.
    public let fingerprint: UInt64

    static func fingerprint(_ patterns: [StringPattern], streaming: Bool) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) { for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 } }
        func mix(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { mix($0) } }
        mix(String(cString: hs_version()).utf8)
        mix(streaming ? 1 : 0)
        mix(UInt64(patterns.count))
        for p in patterns {
            mix(UInt64(p.expression.utf8.count))
            mix(p.expression.utf8)
            mix(p.caseless ? 1 : 0)
            mix(UInt64(p.part))
            mix(p.matchEnd.map { $0 &+ 1 } ?? 0)
        }
        return h
    }

    /// The database in portable form, for a scan worker (`init(rules:streaming:seed:)`);
    /// nil when Hyperscan cannot serialize it.
    public func serialized() -> SerializedPrefilter? {
        var bytes: [UInt8]? = nil
        if let database {
            guard let b = database.serialized() else { return nil }
            bytes = b
        }
        return SerializedPrefilter(streaming: streaming, fingerprint: fingerprint, database: bytes,
                                   prefilterMode: (database?.prefilterMode ?? []).sorted(), dropped: dropped.sorted())
    }

    /// A seed's database; nil when Hyperscan refuses its bytes. A seed that compiled to
    /// nothing (every pattern dropped) gives a nil database with its dropped set.
    private static func database(from seed: SerializedPrefilter) -> (HyperscanDatabase?, Set<Int>)? {
        let dropped = Set(seed.dropped)
        guard let bytes = seed.database else { return (nil, dropped) }
        guard let db = HyperscanDatabase.deserialize(bytes, streaming: seed.streaming, prefilterMode: Set(seed.prefilterMode),
                                                     dropped: dropped) else { return nil }
        return (db, dropped)
    }

    /// Pattern ids that did not compile (their strings count as hit in every file).
    let dropped: Set<Int>

    /// `seed`: a database serialized by another process from the same rules; used when
    /// its fingerprint and mode match this plan's, compiled afresh otherwise.
    public init(rules: UnsafeMutablePointer<YR_RULES>, streaming: Bool = false, seed: SerializedPrefilter? = nil) throws(PrefilterError) {
        // The known answers of the mode in use (each mode is its own compiled engine).
        if let failure = streaming ? HyperscanSelfTest.streamResult : HyperscanSelfTest.result { throw PrefilterError(failure) }
        self.streaming = streaming
        let start = monotonicNow()
        var stats = PrefilterStatistics()
        let plan = try StringPatternBuilder(rules: rules).build()
        stats.stringSeconds = monotonicNow() - start
        self.plan = plan
        partCount = plan.head.count
        ruleCount = Int(vpf_rules_rule_count(rules))
        stats.rules = ruleCount
        stats.strings = partCount
        head = plan.head

        // Hyperscan.
        let hsStart = monotonicNow()
        fingerprint = Prefilter.fingerprint(plan.patterns, streaming: streaming)
        let (db, dropped): (HyperscanDatabase?, Set<Int>)
        if let seed, seed.streaming == streaming, seed.fingerprint == fingerprint,
           let reused = Prefilter.database(from: seed) {
            (db, dropped) = reused
            stats.reusedDatabase = true
        } else {
            (db, dropped) = HyperscanDatabase.compile(plan.patterns, streaming: streaming)
        }
        database = db
        self.dropped = dropped
        stats.hyperscanSeconds = monotonicNow() - hsStart
        stats.patterns = plan.patterns.count
        stats.prefilterModePatterns = db?.prefilterMode.count ?? 0
        stats.droppedPatterns = dropped.count
        stats.databaseBytes = db?.bytes ?? 0
        patternPart = .allocate(capacity: max(plan.patterns.count, 1))
        for (i, p) in plan.patterns.enumerated() { patternPart[i] = p.part }
        var precision = plan.precision
        for i in dropped { precision[Int(plan.patterns[i].part)] = .alwaysHit }
        if db == nil { for i in 0..<partCount where precision[i] != .alwaysHit && !plan.patterns.isEmpty { precision[i] = .alwaysHit } }
        // A part with patterns but some of them dropped is no longer covered.
        for (i, p) in precision.enumerated() {
            stats.precision[p, default: 0] += 1
            stats.kinds["\(plan.kind[i])/\(p.rawValue)", default: 0] += 1
        }

        // Chains.
        var partsOf = [[UInt32]](repeating: [], count: partCount)
        for p in 0..<partCount { partsOf[Int(plan.head[p])].append(UInt32(p)) }
        var cs: [Int32] = [0], cp: [UInt32] = []
        for h in 0..<partCount {
            if partsOf[h].count > 1 { cp.append(contentsOf: partsOf[h]) }
            cs.append(Int32(cp.count))
        }
        chainStart = cs
        chainParts = cp
        fixedOffsetParts = Array(Set(plan.patterns.filter { $0.matchEnd != nil }.map(\.part))).sorted()

        // Conditions.
        let conditionStart = monotonicNow()
        var codeSize = 0, codeStart = 0
        let codeBase = vpf_condition_code(rules, &codeSize, &codeStart)
        let heads = plan.head
        let analyzer = ConditionAnalyzer(code: UnsafeRawBufferPointer(start: codeBase, count: codeBase == nil ? 0 : codeSize)) { p in
            let i = vpf_string_index_of_pointer(rules, UInt64(bitPattern: p))
            return i >= 0 && Int(i) < heads.count ? Int(heads[Int(i)]) : nil
        }
        let ranges = analyzer.ruleRanges(start: codeStart)
        var conditions: [RuleCondition] = []
        var gated = [Bool](repeating: false, count: ruleCount)
        for r in 0..<ruleCount {
            var c: RuleCondition
            if let range = ranges?[r] {
                c = analyzer.analyze(rule: r, range: range) { gated[$0] }
            } else {
                c = RuleCondition(canMatchWithoutStrings: true, referencedRules: [], readsEntrypoint: true,
                                  reason: "condition code not found")
            }
            gated[r] = !c.canMatchWithoutStrings
            conditions.append(c)
        }
        self.conditions = conditions
        stats.conditionSeconds = monotonicNow() - conditionStart
        readsEntrypoint = conditions.contains { $0.readsEntrypoint }

        // Which rules each chain can make true: its own rule, and every rule naming that
        // rule, transitively (rule references only point at earlier rules).
        var ownHeads = [[UInt32]](repeating: [], count: ruleCount)
        for p in 0..<partCount where plan.head[p] == UInt32(p) { ownHeads[Int(plan.rule[p])].append(UInt32(p)) }

        // The groups of its own strings a gated rule needs one hit in each of.
        let clauseStart = monotonicNow()
        var cs2: [Int32] = [0], cl: [Int32] = [0], ch: [UInt32] = []
        for r in 0..<ruleCount {
            if gated[r], let range = ranges?[r], (2...64).contains(ownHeads[r].count) {
                let found = analyzer.clauses(rule: r, range: range, strings: ownHeads[r].map { Int($0) }) { gated[$0] }
                // One clause holding every string says no more than the trigger does.
                if !(found.count == 1 && found[0].count == ownHeads[r].count) {
                    for c in found {
                        ch.append(contentsOf: c.map { UInt32($0) })
                        cl.append(Int32(ch.count))
                    }
                    stats.clauseRules += found.isEmpty ? 0 : 1
                }
            }
            cs2.append(Int32(cl.count - 1))
        }
        ruleClauseStart = cs2
        clauseEnd = cl
        clauseHeads = ch
        stats.clauseSeconds = monotonicNow() - clauseStart
        var trigger = [Set<UInt32>](repeating: [], count: ruleCount)
        var referenced = [Bool](repeating: false, count: ruleCount)
        for r in 0..<ruleCount {
            trigger[r] = Set(ownHeads[r])
            for b in conditions[r].referencedRules where b >= 0 && b < ruleCount {
                referenced[b] = true
                if b < r { trigger[r].formUnion(trigger[b]) }
            }
        }
        var rulesOf = [[Int32]](repeating: [], count: partCount)
        for r in 0..<ruleCount { for h in trigger[r] { rulesOf[Int(h)].append(Int32(r)) } }
        var ts: [Int32] = [0], tr: [Int32] = []
        for h in 0..<partCount { tr.append(contentsOf: rulesOf[h]); ts.append(Int32(tr.count)) }
        triggerStart = ts
        triggerRules = tr

        // A rule that names a later rule (libyara forbids it, but a crafted compiled file
        // could) or whose strings cannot be expressed always runs.
        var always: [Int32] = [], alwaysHit: [Int32] = []
        var hitRules = Set<Int>()
        for p in 0..<partCount where precision[p] == .alwaysHit {
            for r in ts[Int(plan.head[p])]..<ts[Int(plan.head[p]) + 1] { hitRules.insert(Int(tr[Int(r)])) }
        }
        for r in 0..<ruleCount {
            let forward = conditions[r].referencedRules.contains { $0 >= r }
            if conditions[r].canMatchWithoutStrings || forward {
                always.append(Int32(r))
                stats.alwaysRunReasons[forward ? "names a later rule" : conditions[r].reason ?? "?", default: 0] += 1
            }
            if hitRules.contains(r) { alwaysHit.append(Int32(r)) }
        }
        alwaysRun = always
        alwaysHitRules = alwaysHit
        stats.alwaysRunRules = always.count
        var guardIndex: [HeaderGuard: Int32] = [:]
        var distinct: [HeaderGuard] = []
        alwaysRunGuard = always.map { r in
            guard let g = conditions[Int(r)].guardRead else { return -1 }
            if let i = guardIndex[g] { return i }
            guardIndex[g] = Int32(distinct.count)
            distinct.append(g)
            return Int32(distinct.count - 1)
        }
        guards = distinct
        guardReach = distinct.map { Int(clamping: $0.offset) + $0.width }.max() ?? 0
        stats.guardedRules = alwaysRunGuard.filter { $0 >= 0 }.count
        stats.distinctGuards = distinct.count
        disableable = (0..<ruleCount).map { r in
            vpf_rule_flags(rules, UInt32(r)) & Int32(RULE_FLAGS_GLOBAL) == 0 && !referenced[r]
        }
        stats.buildSeconds = monotonicNow() - start
        statistics = stats
    }

    deinit { patternPart.deallocate() }

    public func ruleName(_ rules: UnsafeMutablePointer<YR_RULES>, _ index: Int) -> String {
        String(cString: vpf_rule_identifier(rules, UInt32(index)))
    }
}

/// One worker's prefilter state: Hyperscan scratch and the hit sets of the file being
/// scanned, all sized once. Not thread-safe: one per worker thread, like a YR_SCANNER.
public final class PrefilterWorker {
    public let prefilter: Prefilter
    private let scratch: HyperscanScratch?
    /// Stream mode: this worker's stream, reset after every file.
    private let stream: HyperscanStream?
    /// A piece of the file being streamed failed to scan: every rule runs.
    private var streamFailed = false
    private var hits = vpf_hits()
    private var ruleMark: [UInt32]
    private var headMark: [UInt32]
    private var epoch: UInt32 = 0
    private var guardPasses: [Bool]
    private var ruleChecked: [UInt32]
    /// After `decide`: the rules libyara must evaluate (with `.full` or
    /// `.conditionsOnly`); every other disableable rule cannot match this file.
    public private(set) var rulesToRun: [Int32] = []
    /// After `decide`: the number of string parts Hyperscan found.
    public var partHits: Int { Int(hits.count) }

    public init(_ prefilter: Prefilter) throws(PrefilterError) {
        self.prefilter = prefilter
        scratch = try prefilter.database.map { db throws(PrefilterError) in try HyperscanScratch(db) }
        stream = try prefilter.database.flatMap { db throws(PrefilterError) in db.streaming ? try HyperscanStream(db) : nil }
        guard vpf_hits_init(&hits, UInt32(prefilter.partCount), prefilter.patternPart) != 0 else {
            throw PrefilterError("out of memory for the prefilter's hit sets")
        }
        ruleMark = Array(repeating: 0, count: prefilter.ruleCount)
        guardPasses = Array(repeating: true, count: prefilter.guards.count)
        ruleChecked = Array(repeating: 0, count: prefilter.ruleCount)
        headMark = Array(repeating: 0, count: prefilter.partCount)
        rulesToRun.reserveCapacity(prefilter.ruleCount)
    }

    deinit { vpf_hits_free(&hits) }

    /// Hyperscan scratch in bytes (per worker memory).
    public var scratchBytes: Int { scratch?.bytes ?? 0 }

    /// Decides for one file given as up to two windows: `head` at offset 0 and `tail`
    /// at a later offset (oversize files), or the whole file as `head`.
    public func decide(head: UnsafeRawBufferPointer, tail: UnsafeRawBufferPointer? = nil, tailOffset: UInt64 = 0) -> PrefilterDecision {
        begin()
        var ok = scanRegion(head)
        if let tail, tail.count > 0, ok {
            ok = scanRegion(tail)
            for part in prefilter.fixedOffsetParts where vpf_hits_has(&hits, part) == 0 { markHit(part) }
        }
        if !ok { return runEverything() }
        return evaluate(head, tail, tailOffset: tailOffset)
    }

    /// Starts a file fed in pieces (stream mode only): `feed` each piece in order, then
    /// `finish`. The decision is the one `decide` gives for the whole file at once.
    public func begin() {
        vpf_hits_reset(&hits)
        rulesToRun.removeAll(keepingCapacity: true)
        streamFailed = false
        epoch &+= 1
        if epoch == 0 {
            // Wrapped: old marks could look current.
            for i in ruleMark.indices { ruleMark[i] = 0; ruleChecked[i] = 0 }
            for i in headMark.indices { headMark[i] = 0 }
            epoch = 1
        }
    }

    /// The next piece of the file started by `begin` (stream mode only).
    public func feed(_ piece: UnsafeRawBufferPointer) {
        guard let stream, let scratch, !streamFailed, piece.count > 0 else { return }
        if vpf_hits_scan_stream(&hits, stream.handle, scratch.handle, piece.baseAddress!.assumingMemoryBound(to: UInt8.self), piece.count) != HS_SUCCESS {
            streamFailed = true
        }
    }

    /// Ends the file started by `begin`. `head` is the start of the file: at least
    /// `prefilter.guardReach` bytes of it, or all of it.
    public func finish(head: UnsafeRawBufferPointer) -> PrefilterDecision {
        if let stream, let scratch {
            if streamFailed { _ = vpf_hits_end_stream(&hits, stream.handle, scratch.handle, 0) }
            else if vpf_hits_end_stream(&hits, stream.handle, scratch.handle, 1) != HS_SUCCESS { streamFailed = true }
        }
        if streamFailed || (stream == nil && prefilter.database != nil) { return runEverything() }
        return evaluate(head, nil, tailOffset: 0)
    }

    /// One region as a whole (a file in memory, or one window of it), in either mode.
    private func scanRegion(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let db = prefilter.database, let scratch else { return true }
        let data = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        guard let stream else { return vpf_hits_scan(&hits, db.handle, scratch.handle, data, bytes.count) == HS_SUCCESS }
        guard vpf_hits_scan_stream(&hits, stream.handle, scratch.handle, data, bytes.count) == HS_SUCCESS else {
            _ = vpf_hits_end_stream(&hits, stream.handle, scratch.handle, 0)
            return false
        }
        return vpf_hits_end_stream(&hits, stream.handle, scratch.handle, 1) == HS_SUCCESS
    }

    /// The decision from the hits collected for this file.
    private func evaluate(_ head: UnsafeRawBufferPointer, _ tail: UnsafeRawBufferPointer?, tailOffset: UInt64) -> PrefilterDecision {
        let p = prefilter
        // Strings that may match: chains whose every part hit.
        var stringsMayMatch = !p.alwaysHitRules.isEmpty
        for i in 0..<Int(hits.count) {
            let h = Int(p.head[Int(hits.parts[i])])
            guard headMark[h] != epoch else { continue }
            var complete = true
            for k in Int(p.chainStart[h])..<Int(p.chainStart[h + 1]) where vpf_hits_has(&hits, p.chainParts[k]) == 0 {
                complete = false
                break
            }
            guard complete else { continue }
            headMark[h] = epoch
            stringsMayMatch = true
        }
        // The rules they can make true, unless a group of strings the rule needs has no hit.
        for i in 0..<Int(hits.count) {
            let h = Int(p.head[Int(hits.parts[i])])
            guard headMark[h] == epoch else { continue }
            for k in Int(p.triggerStart[h])..<Int(p.triggerStart[h + 1]) {
                let r = Int(p.triggerRules[k])
                guard ruleMark[r] != epoch, ruleChecked[r] != epoch else { continue }
                ruleChecked[r] = epoch
                if clausesHold(r) { add(Int32(r)) }
            }
        }
        for r in p.alwaysHitRules { add(r) }
        // Rules that match without strings, unless the file's bytes fail their guard.
        for g in p.guards.indices { guardPasses[g] = p.guards[g].holds(head, tail, tailOffset: tailOffset) }
        var conditionsNeeded = false
        for (i, r) in p.alwaysRun.enumerated() {
            let g = Int(p.alwaysRunGuard[i])
            if g >= 0 && !guardPasses[g] { continue }
            add(r)
            conditionsNeeded = true
        }
        // No rule can match: nothing for libyara to do, whatever hit.
        if rulesToRun.isEmpty { return .clean }
        if !p.alwaysHitRules.isEmpty || p.readsEntrypoint { return .full }
        // Conditions alone are exact when no rule libyara will evaluate (those to run, and
        // those that cannot be disabled) owns a string that may match: the rules owning
        // the hits stay disabled, and no enabled condition can read their strings.
        if stringsMayMatch {
            for i in 0..<Int(hits.count) {
                let h = Int(p.head[Int(hits.parts[i])])
                guard headMark[h] == epoch else { continue }
                let owner = Int(p.plan.rule[h])
                if ruleMark[owner] == epoch || !p.disableable[owner] { return .full }
            }
        }
        return conditionsNeeded || stringsMayMatch ? .conditionsOnly : .clean
    }

    private func clausesHold(_ r: Int) -> Bool {
        let p = prefilter
        for c in Int(p.ruleClauseStart[r])..<Int(p.ruleClauseStart[r + 1]) {
            var any = false
            for k in Int(p.clauseEnd[c])..<Int(p.clauseEnd[c + 1]) where headMark[Int(p.clauseHeads[k])] == epoch {
                any = true
                break
            }
            if !any { return false }
        }
        return true
    }

    private func markHit(_ part: UInt32) {
        hits.bits[Int(part >> 6)] |= UInt64(1) << UInt64(part & 63)
        hits.parts[Int(hits.count)] = part
        hits.count += 1
    }

    private func add(_ rule: Int32) {
        if ruleMark[Int(rule)] != epoch {
            ruleMark[Int(rule)] = epoch
            rulesToRun.append(rule)
        }
    }

    private func runEverything() -> PrefilterDecision {
        rulesToRun.removeAll(keepingCapacity: true)
        for r in 0..<prefilter.ruleCount { add(Int32(r)) }
        return .full
    }
}

func monotonicNow() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
