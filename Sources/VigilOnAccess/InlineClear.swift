import Dispatch
import Glibc
import Synchronization
import VigilConfig
import VigilEngine
import VigilSystem

/// The quick path (issue 14): a small file that needs no engine beyond the literal
/// prefilter and the hash lists is judged clean on the event thread that read its event
/// and answered there, with no queue hop, no worker wake-up and no deadline to keep.
/// Everything else (a prefilter hit, a file over 64 KiB, an upload, a type exclusion)
/// goes to the scan pool as before, which reads it again: the quick look is bounded
/// (64 KiB through Hyperscan and at most the digests a hash list needs, tens of
/// microseconds, no backtracking), and at most `batchBudgetNanos` of it per batch of
/// events read (the first look of a batch always runs: the event thread runs at normal
/// priority outside bursts and may lose the CPU before it), so a flood of small files
/// costs the event thread a bounded share and the rest waits in the pool's fair queue,
/// under the deadline keeper, as before.
///
/// The event thread must never open a file (an open of its own on a marked filesystem
/// would wait on itself): `FileScanner.clearsQuickly` reads only through the event's fd,
/// and the scanner it runs on is built here on another thread (building one loads rules
/// and libmagic, which open files), then handed over.
///
/// Owns: the event thread's scanner and the rule for using it. Must not: answer, or
/// build a scanner on the event thread.
final class InlineClear: Sendable {
    /// Files above this size always go to the pool.
    static let maxBytes = 64 * 1024
    /// The quick path's share of one batch of events.
    static let batchBudgetNanos: UInt64 = 1_000_000

    /// Whether an event may be judged on the event thread. Pure, tested as a table.
    struct Facts: Equatable {
        var size: Int64 = 0
        /// The prefilter is on ([signatures] prefilter).
        var prefilter = true
        var upload = false
        /// guard.exclude_types is set (content types need libmagic).
        var excludeTypes = false
        var debugSlowScan = false
        /// [[workload]]s are configured: an opener's workload may have rules, a mode and
        /// counters of its own, and a clean verdict is cached only when every rule set
        /// agrees; the pool does all that.
        var workloads = false
        /// The batch's quick-path budget is not used up.
        var budgetLeft = true
    }

    /// Whether the event thread may read scanned bytes at all. Pure, tested as a table.
    static func enabled(prefilter: Bool, sandbox: DaemonConfig.ScanSandbox, environment: String?) -> Bool {
        prefilter && sandbox != .full && environment != "0"
    }

    static func eligible(_ f: Facts) -> Bool {
        f.prefilter && !f.upload && !f.excludeTypes && !f.debugSlowScan && !f.workloads && f.budgetLeft && f.size >= 0 && f.size <= Int64(maxBytes)
    }

    /// One scanner with the generation of the rules it was built with; the event thread
    /// owns it once taken, no other thread touches it.
    final class Scanner: @unchecked Sendable {
        let engine: FileScanner
        let generation: Int
        init(_ engine: FileScanner, generation: Int) {
            self.engine = engine
            self.generation = generation
        }
    }

    private let ctx: PathContext
    /// On unless the prefilter is off, `[scanning] sandbox = "full"` (no scanned byte is
    /// read in the daemon: every scan goes to the pool and its worker processes), or
    /// VIGIL_QUICK_PATH=0 (the benchmark's A/B switch: the same build with every scan in
    /// the pool).
    let enabled: Bool
    private let built = Mutex<Scanner?>(nil)
    private let building = Atomic<Bool>(false)
    private let builder = DispatchQueue(label: "vigil-inline-scanner")

    init(ctx: PathContext) {
        self.ctx = ctx
        enabled = InlineClear.enabled(prefilter: ctx.config.prefilter, sandbox: ctx.config.sandboxMode,
                                      environment: getenv("VIGIL_QUICK_PATH").map { String(cString: $0) })
    }

    /// Starts building the first scanner (off the caller's thread: start-up does not wait
    /// for it; until it is ready the pool scans everything).
    func prepare() {
        guard enabled, !building.exchange(true, ordering: .acquiringAndReleasing) else { return }
        builder.async { [self] in build() }
    }

    /// The scanner for the rules in use, keeping `mine` (the event thread's) when it is
    /// current; nil while a new one is being built (after a reload), then the pool scans.
    func current(_ mine: inout Scanner?) -> Scanner? {
        let generation = ctx.rules.now.1
        if let m = mine, m.generation == generation { return m }
        mine = nil
        if let fresh = built.withLock({ s -> Scanner? in defer { s = nil }; return s }), fresh.generation == generation {
            mine = fresh
            return fresh
        }
        if !building.exchange(true, ordering: .acquiringAndReleasing) {
            builder.async { [self] in build() }
        }
        return nil
    }

    private func build() {
        defer { building.store(false, ordering: .releasing) }
        let (signatures, generation) = ctx.rules.now
        guard let engine = try? FileScanner(signatures: signatures, limits: ctx.scanLimits()) else { return }
        built.withLock { $0 = Scanner(engine, generation: generation) }
    }
}
