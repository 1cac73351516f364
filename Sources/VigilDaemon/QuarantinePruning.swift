import Glibc
import Synchronization
import VigilEvents
import VigilQuarantine
import VigilSystem

// Owns: the running daemon's own quarantine retention: `[quarantine] max_age` and
// `max_total_size` applied to every store it knows, once shortly after start and then
// every `prune_interval`, by the same QuarantineDesk prune as `vigil quarantine prune`
// (so the same `purge` ECS lines in each store's events.json), on its own thread.
// Must not: run on the permission path, or stop the daemon: a failed run is a warning
// in the log and is tried again at the next interval.

/// When the daemon prunes. Pure, tested as tables.
public enum QuarantinePruneSchedule {
    /// When the first run comes: a minute after start (the daemon's start is busy enough),
    /// or after one interval when that is shorter.
    public static func firstDelay(intervalSeconds: Int64) -> Int64 { min(60, max(1, intervalSeconds)) }

    /// Whether the daemon prunes at all: an interval and at least one limit.
    public static func wanted(intervalSeconds: Int64, retention: QuarantineRetention) -> Bool {
        intervalSeconds > 0 && (retention.maxAgeSeconds > 0 || retention.maxTotalSize > 0)
    }
}

final class QuarantinePruneService: Service {
    private let stores: [String]
    private let retention: QuarantineRetention
    private let intervalSeconds: Int64
    private let log: EventLog
    private let stopping = StopSignal()
    private let thread = Mutex<WorkerThread?>(nil)
    /// Runs finished (for tests and `vigil status`), and entries they removed.
    let runs = Atomic<Int>(0)

    init(stores: [String], retention: QuarantineRetention, intervalSeconds: Int64, log: EventLog) {
        self.stores = stores
        self.retention = retention
        self.intervalSeconds = intervalSeconds
        self.log = log
    }

    func start() throws(VigilError) {
        thread.withLock { t in
            guard t == nil else { return }
            t = WorkerThread(name: "vigil-qprune") { [self] in
                var wait = QuarantinePruneSchedule.firstDelay(intervalSeconds: intervalSeconds)
                while sleep(seconds: wait) {
                    runOnce()
                    wait = intervalSeconds
                }
            }
        }
    }

    /// Sleeps until the next run; false once stopping (`stop` ends the sleep at once).
    private func sleep(seconds: Int64) -> Bool { stopping.sleep(nanos: UInt64(max(0, seconds)) * 1_000_000_000) }

    func runOnce() {
        do {
            let (removed, freed) = try QuarantineDesk.prune(stores: stores, retention)
            if removed > 0 {
                log.emit(.note("info", "vigil: quarantine retention removed \(removed) entr\(removed == 1 ? "y" : "ies"), "
                               + "\(formatBytes(freed)) freed (purge lines in each store's events.json)"))
            }
        } catch {
            log.emit(.note("warning", "vigil: quarantine retention failed, tried again in \(formatDuration(intervalSeconds)): \(error)"))
        }
        runs.add(1, ordering: .relaxed)
    }

    func stop() {
        stopping.stop()
        thread.withLock { t in t?.join(); t = nil }
    }
}
