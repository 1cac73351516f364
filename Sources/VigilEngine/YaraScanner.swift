import CPrefilter
import CYara
import Glibc
import VigilPrefilter
import VigilSystem

/// One libyara scanner over a shared `RuleSet`. Not thread-safe: one per worker thread.
///
/// Owns: running YARA over bytes, a deadline, the literal prefilter's decision for each
/// file (skip libyara, conditions only, or only the rules a hit can make true), and the
/// rescan that drops a rule that fails at run time. Must not: read files, decide verdicts
/// beyond a rule's own action, or write to the shared rules (other workers scan with
/// them concurrently).
final class YaraScanner {
    let rules: RuleSet
    private let scanner: UnsafeMutablePointer<YR_SCANNER>
    /// The literal prefilter (nil: off, or refused at start-up): this worker's Hyperscan
    /// scratch and hit sets, and a private view of the rules in which every rule the
    /// prefilter may leave out starts disabled, with a scanner over it. Per file, the
    /// rules a hit can make true are enabled in the view for the one scan, then disabled
    /// again. The view also serves rescans of a gated file.
    private let gate: Gate?
    private struct Gate {
        let worker: PrefilterWorker
        let view: OpaquePointer
        let scanner: UnsafeMutablePointer<YR_SCANNER>
    }
    /// Per-decision counts since this scanner was made (skip rates in benchmarks).
    private(set) var decisions = PrefilterCounts()
    private let collected: UnsafeMutablePointer<vigil_yr_collected>
    /// For rescans without a failing rule: a private view of the rules (its own rule
    /// flags, everything else shared) and a scanner over it. Made on the first rule
    /// error this worker sees and kept, since a rule that failed once tends to fail again.
    private var view: OpaquePointer?
    private var viewScanner: UnsafeMutablePointer<YR_SCANNER>?
    /// The externals of the file being scanned, replayed onto the view's scanner before
    /// a rescan (defining them there for every file would cost the common path).
    private var externals: [(String, String)] = []

    struct Match {
        let identifier: String
        let namespace: String
        let verdict: Verdict
        let description: String?
    }

    /// What YARA is given to scan.
    enum Input {
        case memory(UnsafeRawBufferPointer)
        /// libyara maps the file itself and guards the mapping against SIGBUS if the file
        /// is truncated under it (for files too big to hold in memory).
        case descriptor(Int32)
        /// The head and tail windows of an oversize file, at their real offsets.
        case windows(head: UnsafeRawBufferPointer, tail: UnsafeRawBufferPointer, tailOffset: Int64, fileSize: Int64)
    }

    /// The outcome of one YARA pass (with its rescans) over one file.
    struct Pass {
        var matches: [Match] = []
        /// Rule errors and warnings, and an `.engineError` when the pass failed as a whole.
        var problems: [ScanProblem] = []
        /// The pass stopped at `end` before the rules were evaluated.
        var timedOut = false
    }

    /// `prefilter`: put the rule set's literal prefilter in front of libyara (if its
    /// Hyperscan library passed the start-up self-test; otherwise libyara runs alone).
    /// `streaming`: its stream-mode database, for files fed in pieces (`beginFile`).
    init(rules: RuleSet, prefilter: Bool = false, streaming: Bool = false) throws(VigilError) {
        self.rules = rules
        var s: UnsafeMutablePointer<YR_SCANNER>?
        guard yr_scanner_create(rules.handle, &s) == ERROR_SUCCESS, let s else {
            throw VigilError("libyara could not create a scanner")
        }
        scanner = s
        collected = .allocate(capacity: 1)
        vigil_yr_collect_init(collected)
        vigil_yr_scanner_collect(scanner, collected)
        gate = prefilter ? YaraScanner.makeGate(rules, collected, streaming: streaming) : nil
    }

    /// nil when the prefilter is refused or memory runs out: libyara alone is exact.
    private static func makeGate(_ rules: RuleSet, _ collected: UnsafeMutablePointer<vigil_yr_collected>, streaming: Bool) -> Gate? {
        guard let prefilter = rules.prefilter(streaming: streaming), let worker = try? PrefilterWorker(prefilter),
              let view = vigil_yr_rules_view_create(rules.handle) else { return nil }
        var s: UnsafeMutablePointer<YR_SCANNER>?
        guard yr_scanner_create(vigil_yr_rules_view_rules(view), &s) == ERROR_SUCCESS, let s else {
            vigil_yr_rules_view_destroy(view)
            return nil
        }
        vigil_yr_scanner_collect(s, collected)
        for (r, can) in prefilter.disableable.enumerated() where can { vigil_yr_rules_view_set_disabled(view, UInt32(r), 1) }
        return Gate(worker: worker, view: view, scanner: s)
    }

    deinit {
        yr_scanner_destroy(scanner)
        if let gate {
            yr_scanner_destroy(gate.scanner)
            vigil_yr_rules_view_destroy(gate.view)
        }
        if let viewScanner { yr_scanner_destroy(viewScanner) }
        vigil_yr_rules_view_destroy(view)
        vigil_yr_collect_free(collected)
        collected.deallocate()
    }

    func define(_ name: String, _ value: String) {
        // Rule sets that do not declare an external return an error here; that is fine.
        _ = yr_scanner_define_string_variable(scanner, name, value)
        if let gate { _ = yr_scanner_define_string_variable(gate.scanner, name, value) }
        if let i = externals.firstIndex(where: { $0.0 == name }) { externals[i].1 = value } else { externals.append((name, value)) }
    }

    /// Scans `input` with every rule, stopping at `end` (CLOCK_MONOTONIC nanoseconds; nil:
    /// no limit). A rule that fails at run time is reported and left out: the input is
    /// scanned again without it, up to `maxLostRules` rules, then the pass is given up.
    /// `decided`: the prefilter's decision already made for this file (fed in pieces,
    /// `finishFile`), whatever the input.
    func scan(_ input: Input, until end: UInt64?, maxLostRules: Int, decided: PrefilterDecision? = nil) -> Pass {
        var pass = Pass()
        var lost: [UInt32] = []
        var target = scanner
        var conditionsOnly = false
        var gated = false
        let made: PrefilterDecision? = if let gate {
            decided ?? input.bytes.map { gate.worker.decide(head: $0.head, tail: $0.tail, tailOffset: $0.tailOffset) }
        } else { nil }
        if let gate, let decision = made {
            if decided == nil { decisions.count(decision) }
            if decision == .clean { return pass }
            let disableable = gate.worker.prefilter.disableable
            for r in gate.worker.rulesToRun where disableable[Int(r)] { vigil_yr_rules_view_set_disabled(gate.view, UInt32(r), 0) }
            target = gate.scanner
            // Conditions alone need the bytes in memory; libyara's full search over the
            // same enabled rules gives the same answer.
            conditionsOnly = decision == .conditionsOnly && input.bytes != nil
            gated = true
        } else if gate != nil {
            decisions.unfiltered += 1
        }
        defer {
            // The views are reused by this worker's next file: put every flag back.
            if gated, let gate {
                let disableable = gate.worker.prefilter.disableable
                for r in gate.worker.rulesToRun where disableable[Int(r)] { vigil_yr_rules_view_set_disabled(gate.view, UInt32(r), 1) }
                for index in lost { vigil_yr_rules_view_set_disabled(gate.view, index, disableable[Int(index)] ? 1 : 0) }
            } else if let view {
                for index in lost { vigil_yr_rules_view_set_disabled(view, index, 0) }
            }
        }
        while true {
            var timeout: UInt64 = 0
            if let end {
                let now = YaraScanner.now()
                guard now < end else {
                    pass.timedOut = true
                    return pass
                }
                timeout = end - now
            }
            vigil_yr_scanner_reset(target, collected)
            vigil_yr_scanner_set_timeout_ns(target, timeout)
            // Cleared by libyara after every scan, so set again before each one.
            for index in lost { vigil_yr_scanner_skip_rule_strings(target, index) }
            let rc = run(target, input, conditionsOnly: conditionsOnly)
            pass.problems.append(contentsOf: warnings(target, already: pass.problems))
            switch rc {
            case ERROR_SUCCESS:
                pass.matches = matches(target)
                return pass
            case ERROR_SCAN_TIMEOUT:
                pass.timedOut = true
                return pass
            default:
                break
            }
            guard !collected.pointee.out_of_memory.isTrue, let string = vigil_yr_scanner_error_string(target) else {
                let message = collected.pointee.out_of_memory.isTrue ? "out of memory collecting matches" : YaraErrorText.describe(rc)
                pass.problems.append(.engineError(code: rc, message: message))
                return pass
            }
            let rule = vigil_yr_scanner_string_rule(target, string)!
            let index = vigil_yr_scanner_rule_index(target, rule)
            pass.problems.append(.ruleError(rule: String(cString: vigil_yr_rule_identifier(rule)),
                                            namespace: String(cString: vigil_yr_rule_namespace(rule)),
                                            file: rules.file(ofRule: Int(index)),
                                            string: String(cString: vigil_yr_string_identifier(string)),
                                            code: rc, message: YaraErrorText.describe(rc)))
            // The same rule failing again in the view would mean skipping it did not work:
            // never loop on it.
            guard lost.count < maxLostRules, !lost.contains(index),
                  let (view, viewTarget) = gated ? gate.map({ ($0.view, $0.scanner) }) : rescanner() else {
                pass.problems.append(.engineError(code: rc, message: lost.count >= maxLostRules
                    ? "more than \(maxLostRules) rules failed on this file; the YARA pass was given up"
                    : "could not scan again without the failing rule"))
                return pass
            }
            lost.append(index)
            vigil_yr_rules_view_set_disabled(view, index, 1)
            if target != viewTarget {
                for (name, value) in externals { _ = yr_scanner_define_string_variable(viewTarget, name, value) }
            }
            target = viewTarget
        }
    }

    private func run(_ target: UnsafeMutablePointer<YR_SCANNER>, _ input: Input, conditionsOnly: Bool) -> Int32 {
        // Every file gets the entry point a fresh scanner would compute: libyara 4.2 keeps
        // the first one a reused scanner found, so `entrypoint` would describe another file.
        vpf_scanner_forget_entry_point(target)
        if conditionsOnly, let bytes = input.bytes {
            // The prefilter proved no string can match: conditions over the real bytes,
            // without libyara's string search.
            return vpf_scan_conditions_only(target, bytes.head.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.head.count,
                                            bytes.tail?.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.tailOffset,
                                            bytes.tail?.count ?? 0, input.fileSize)
        }
        switch input {
        case .memory(let bytes):
            return yr_scanner_scan_mem(target, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count)
        case .descriptor(let fd):
            return yr_scanner_scan_fd(target, fd)
        case .windows(let head, let tail, let tailOffset, let fileSize):
            return vigil_yr_scanner_scan_windows(target, head.baseAddress?.assumingMemoryBound(to: UInt8.self), head.count,
                                                 tail.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(tailOffset),
                                                 tail.count, UInt64(fileSize))
        }
    }

    /// The private view and its scanner, made on first use. Nil when out of memory.
    private func rescanner() -> (OpaquePointer, UnsafeMutablePointer<YR_SCANNER>)? {
        if let view, let viewScanner { return (view, viewScanner) }
        guard let v = vigil_yr_rules_view_create(rules.handle) else { return nil }
        var s: UnsafeMutablePointer<YR_SCANNER>?
        guard yr_scanner_create(vigil_yr_rules_view_rules(v), &s) == ERROR_SUCCESS, let s else {
            vigil_yr_rules_view_destroy(v)
            return nil
        }
        vigil_yr_scanner_collect(s, collected)
        view = v
        viewScanner = s
        return (v, s)
    }

    private func matches(_ target: UnsafeMutablePointer<YR_SCANNER>) -> [Match] {
        let c = collected.pointee
        guard c.rule_count > 0, let list = c.rules else { return [] }
        var out: [Match] = []
        out.reserveCapacity(Int(c.rule_count))
        for i in 0..<Int(c.rule_count) {
            guard let rule = list[i] else { continue }
            let action = vigil_yr_rule_meta_string(rule, "vigil_action").map { String(cString: $0) }
            out.append(Match(identifier: String(cString: vigil_yr_rule_identifier(rule)),
                             namespace: String(cString: vigil_yr_rule_namespace(rule)),
                             verdict: action.flatMap(Verdict.init(name:)) ?? .deny,
                             description: vigil_yr_rule_meta_string(rule, "description").map { String(cString: $0) }))
        }
        return out
    }

    /// Strings that hit the match limit in this scan, not already reported by an
    /// earlier pass over the same file.
    private func warnings(_ target: UnsafeMutablePointer<YR_SCANNER>, already: [ScanProblem]) -> [ScanProblem] {
        let c = collected.pointee
        guard c.too_many_count > 0, let list = c.too_many else { return [] }
        var out: [ScanProblem] = []
        for i in 0..<Int(c.too_many_count) {
            guard let string = list[i], let rule = vigil_yr_scanner_string_rule(target, string) else { continue }
            let problem = ScanProblem.tooManyMatches(
                rule: String(cString: vigil_yr_rule_identifier(rule)),
                namespace: String(cString: vigil_yr_rule_namespace(rule)),
                file: rules.file(ofRule: Int(vigil_yr_scanner_rule_index(target, rule))),
                string: String(cString: vigil_yr_string_identifier(string)))
            if !already.contains(problem) && !out.contains(problem) { out.append(problem) }
        }
        return out
    }

    /// Whether the prefilter is in front of libyara for this scanner.
    var prefiltered: Bool { gate != nil }
    /// Whether files can be fed to its prefilter in pieces (a stream-mode database).
    var streams: Bool { gate?.worker.prefilter.streaming ?? false }
    /// The head bytes its prefilter's decision reads (header guards).
    var guardReach: Int { gate?.worker.prefilter.guardReach ?? 0 }

    /// A file fed in pieces: `beginFile`, `feed` every piece in order, `finishFile` with
    /// the file's head; then `scan(..., decided:)` with that decision. Stream mode only.
    func beginFile() { gate?.worker.begin() }
    func feed(_ piece: UnsafeRawBufferPointer) { gate?.worker.feed(piece) }
    func finishFile(head: UnsafeRawBufferPointer) -> PrefilterDecision {
        guard let gate else { return .full }
        let decision = gate.worker.finish(head: head)
        decisions.count(decision)
        return decision
    }

    /// The prefilter's decision for `bytes` (a whole file), as `scan(.memory(bytes))`
    /// makes it first: true when no rule can match them, so `scan` would not call
    /// libyara. Counted like a scan's decision.
    func prefilterClears(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let gate else { return false }
        let decision = gate.worker.decide(head: bytes, tail: nil, tailOffset: 0)
        decisions.count(decision)
        return decision == .clean
    }

    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}

extension YaraScanner.Input {
    /// The bytes the prefilter can read (nil: libyara maps the file itself).
    var bytes: (head: UnsafeRawBufferPointer, tail: UnsafeRawBufferPointer?, tailOffset: UInt64)? {
        switch self {
        case .memory(let b): (b, nil, 0)
        case .windows(let head, let tail, let tailOffset, _): (head, tail, UInt64(tailOffset))
        case .descriptor: nil
        }
    }

    var fileSize: UInt64 {
        switch self {
        case .memory(let b): UInt64(b.count)
        case .windows(_, _, _, let size): UInt64(size)
        case .descriptor: 0
        }
    }
}

/// How often the prefilter let libyara off, per decision.
public struct PrefilterCounts: Sendable, Equatable {
    /// No rule could match: libyara was not called.
    public var skipped = 0
    /// Only conditions were evaluated (no string could match).
    public var conditionsOnly = 0
    /// libyara ran with the rules a hit can make true.
    public var full = 0
    /// Files libyara mapped itself (too big to hold): no prefilter.
    public var unfiltered = 0
    public init() {}

    mutating func count(_ d: PrefilterDecision) {
        switch d {
        case .clean: skipped += 1
        case .conditionsOnly: conditionsOnly += 1
        case .full: full += 1
        }
    }

    public static func + (a: PrefilterCounts, b: PrefilterCounts) -> PrefilterCounts {
        var c = a
        c.skipped += b.skipped; c.conditionsOnly += b.conditionsOnly; c.full += b.full; c.unfiltered += b.unfiltered
        return c
    }
}

private extension Int32 {
    var isTrue: Bool { self != 0 }
}
