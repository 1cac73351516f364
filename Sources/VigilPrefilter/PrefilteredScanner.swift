import CPrefilter
import CYara

// Owns: running libyara as a prefilter decision says, for one worker: a private view of
// the shared rules in which the rules that cannot match stay disabled, the scanner over
// it, and the three ways to finish a file (skip, conditions only, full scan). It is the
// reference for how the engine's YaraScanner calls the prefilter, and what the parity
// tests and the benchmark drive.
// Must not: write to the shared rules (other workers scan with them), or report a
// result that libyara alone would not (the parity tests hold it to that).

public final class PrefilteredScanner {
    public struct Result: Sendable, Equatable {
        /// Indexes of the matching rules (public rules only, libyara's order).
        public var rules: [Int] = []
        /// libyara's return code (ERROR_SUCCESS when it was not called).
        public var code: Int32 = 0
        public var decision: PrefilterDecision = .full
        public init() {}
    }

    public let rules: UnsafeMutablePointer<YR_RULES>
    let worker: PrefilterWorker?
    /// Plain libyara over the shared rules (prefilter off).
    private let plain: UnsafeMutablePointer<YR_SCANNER>
    /// With the prefilter: a scanner over a private view in which every disableable rule
    /// is disabled except while a file needs it.
    private let view: OpaquePointer?
    private let gated: UnsafeMutablePointer<YR_SCANNER>?
    private let collected: UnsafeMutablePointer<vigil_yr_collected>
    private var enabled: [Int32] = []
    /// With a stream-mode prefilter: a whole file's decision is made from pieces of this
    /// many bytes fed in order, as bulk scans read big files (0: the file at once).
    public var pieceSize = 0

    /// `prefilter` nil: libyara alone, for comparison.
    public init(rules: UnsafeMutablePointer<YR_RULES>, prefilter: Prefilter?) throws(PrefilterError) {
        self.rules = rules
        collected = .allocate(capacity: 1)
        vigil_yr_collect_init(collected)
        var s: UnsafeMutablePointer<YR_SCANNER>?
        guard yr_scanner_create(rules, &s) == ERROR_SUCCESS, let s else { throw PrefilterError("libyara could not create a scanner") }
        plain = s
        vigil_yr_scanner_collect(plain, collected)
        guard let prefilter else {
            worker = nil; view = nil; gated = nil
            return
        }
        worker = try PrefilterWorker(prefilter)
        guard let v = vigil_yr_rules_view_create(rules) else { throw PrefilterError("out of memory for a rules view") }
        var g: UnsafeMutablePointer<YR_SCANNER>?
        guard yr_scanner_create(vigil_yr_rules_view_rules(v), &g) == ERROR_SUCCESS, let g else {
            vigil_yr_rules_view_destroy(v)
            throw PrefilterError("libyara could not create a scanner")
        }
        view = v
        gated = g
        vigil_yr_scanner_collect(g, collected)
        for (r, can) in prefilter.disableable.enumerated() where can {
            vigil_yr_rules_view_set_disabled(v, UInt32(r), 1)
        }
        enabled.reserveCapacity(prefilter.disableable.count)
    }

    deinit {
        yr_scanner_destroy(plain)
        if let gated { yr_scanner_destroy(gated) }
        vigil_yr_rules_view_destroy(view)
        vigil_yr_collect_free(collected)
        collected.deallocate()
    }

    public var prefilterWorker: PrefilterWorker? { worker }

    /// Scans a whole file held in memory.
    public func scan(_ bytes: UnsafeRawBufferPointer) -> Result {
        scan(head: bytes, tail: nil, tailOffset: 0, fileSize: UInt64(bytes.count))
    }

    /// Scans a file given as a head window and an optional tail window (oversize files),
    /// at their real offsets.
    public func scan(head: UnsafeRawBufferPointer, tail: UnsafeRawBufferPointer?, tailOffset: UInt64, fileSize: UInt64) -> Result {
        var result = Result()
        let h = head.baseAddress?.assumingMemoryBound(to: UInt8.self)
        let t = tail?.baseAddress?.assumingMemoryBound(to: UInt8.self)
        let tailCount = tail?.count ?? 0
        guard let worker, let view, let gated else {
            result.code = run(plain, conditionsOnly: false, h, head.count, t, tailOffset, tailCount, fileSize)
            result.rules = matched(plain)
            return result
        }
        if pieceSize > 0, worker.prefilter.streaming, tail == nil {
            worker.begin()
            var at = 0
            while at < head.count {
                let n = min(pieceSize, head.count - at)
                worker.feed(UnsafeRawBufferPointer(rebasing: head[at..<(at + n)]))
                at += n
            }
            result.decision = worker.finish(head: head)
        } else {
            result.decision = worker.decide(head: head, tail: tail, tailOffset: tailOffset)
        }
        if result.decision == .clean { return result }
        let disableable = worker.prefilter.disableable
        for r in worker.rulesToRun where disableable[Int(r)] {
            vigil_yr_rules_view_set_disabled(view, UInt32(r), 0)
            enabled.append(r)
        }
        defer {
            // The view serves this worker's next file: disable them again.
            for r in enabled { vigil_yr_rules_view_set_disabled(view, UInt32(r), 1) }
            enabled.removeAll(keepingCapacity: true)
        }
        result.code = run(gated, conditionsOnly: result.decision == .conditionsOnly, h, head.count, t, tailOffset, tailCount, fileSize)
        result.rules = matched(gated)
        return result
    }

    private func run(_ scanner: UnsafeMutablePointer<YR_SCANNER>, conditionsOnly: Bool,
                     _ h: UnsafePointer<UInt8>?, _ hc: Int, _ t: UnsafePointer<UInt8>?, _ to: UInt64, _ tc: Int,
                     _ size: UInt64) -> Int32 {
        vigil_yr_scanner_reset(scanner, collected)
        // Every file gets the entry point a fresh scanner would compute (libyara 4.2
        // keeps the first one a reused scanner found).
        vpf_scanner_forget_entry_point(scanner)
        return conditionsOnly
            ? vpf_scan_conditions_only(scanner, h, hc, t, to, tc, size)
            : vpf_scan_windows(scanner, h, hc, t, to, tc, size)
    }

    private func matched(_ scanner: UnsafeMutablePointer<YR_SCANNER>) -> [Int] {
        let c = collected.pointee
        guard c.rule_count > 0, let list = c.rules else { return [] }
        return (0..<Int(c.rule_count)).compactMap { i in list[i].map { Int(vigil_yr_scanner_rule_index(scanner, $0)) } }
    }
}
