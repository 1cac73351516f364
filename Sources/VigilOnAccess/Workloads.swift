import Glibc
import Synchronization
import VigilConfig
import VigilEvents
import VigilMetrics
import VigilSystem

// Owns: which workload an event's opener belongs to (read race-free, cached by cgroup id)
// and the per-workload counters. Must not: decide answers (Triage and Decision do, from
// the workload's mode), or match patterns itself (WorkloadTable does).

/// The workload of one event's opener: a `[[workload]]` (its index) or the host default,
/// and the cgroup path it was matched on.
struct WorkloadTag: Sendable, Equatable {
    /// nil: the host default.
    var index: Int?
    var cgroup: String?
}

/// Finds the workload of an opener on the event thread.
///
/// Race-free identity: with FAN_REPORT_PIDFD every event carries a pidfd of its opener,
/// and PIDFD_GET_INFO (Linux 6.13+) gives that very process's cgroup id, so a pid reused
/// after the opener was killed cannot lend its cgroup. The id keys a cache of workloads:
/// a cached opener costs one ioctl and one dictionary lookup, no /proc read. On a miss
/// the path is read from /proc/PID/cgroup, checked against the pidfd (the process had
/// not exited when the read finished) and against the id (the folder at that path is
/// the cgroup the pidfd named), and only then cached. Cgroup ids are inode numbers the
/// kernel does not reuse, and cgroup v2 folders cannot be renamed, so a cached entry
/// never goes stale: a removed cgroup's entry is simply never asked for again (the
/// cache is bounded and starts over when full).
///
/// Without a pidfd (an older kernel, FAN_NOPIDFD) the path is read by pid and the match
/// cached by path: matching is a pure function of the path, so that cache needs no
/// invalidation either. An opener whose cgroup cannot be read at all (it exited) gets
/// the host default, the stricter choice when the host enforces.
final class WorkloadResolver: Sendable {
    let table: WorkloadTable
    private let v2Root: String?
    private struct Caches {
        var byID: [UInt64: WorkloadTag] = [:]
        var byPath: [String: Int?] = [:]
    }
    private let caches = Mutex(Caches())
    private static let limit = 4096
    private let stats: WorkloadStats

    init(table: WorkloadTable, stats: WorkloadStats) {
        self.table = table
        self.stats = stats
        v2Root = ProcessCgroup.v2Mount()
    }

    func resolve(pid: Int32, pidfd: Int32) -> WorkloadTag {
        let id = pidfd >= 0 ? ProcessCgroup.id(pidfd: pidfd) : nil
        if let id, let hit = caches.withLock({ $0.byID[id] }) {
            stats.identity[0].value.wrappingAdd(1, ordering: .relaxed)
            return hit
        }
        stats.identity[id != nil ? 1 : 2].value.wrappingAdd(1, ordering: .relaxed)
        guard let path = ProcessCgroup.path(pid: pid, pidfd: pidfd) else { return WorkloadTag(index: nil, cgroup: nil) }
        let tag = WorkloadTag(index: index(of: path), cgroup: path)
        if let id, let v2Root, ProcessCgroup.id(path: path, root: v2Root) == id {
            caches.withLock { c in
                if c.byID.count >= WorkloadResolver.limit { c.byID.removeAll(keepingCapacity: true) }
                c.byID[id] = tag
            }
        }
        return tag
    }

    /// The workload of an upload's writer (the process that closed it after writing, or
    /// moved or linked it in), only where it is known race-free: through the event's
    /// pidfd, as for openers. Without one — the writer exited before its event was read
    /// (the kernel then reports no pidfd), or the group has no FAN_REPORT_PIDFD — its pid
    /// may already name another process, and an attacker could make that one an audit
    /// workload's: the host default judges the upload (nil index).
    func writer(pid: Int32, pidfd: Int32) -> WorkloadTag {
        guard pidfd >= 0 else { return WorkloadTag(index: nil, cgroup: nil) }
        return resolve(pid: pid, pidfd: pidfd)
    }

    /// The winning workload for a cgroup path (cached by path).
    func index(of path: String) -> Int? {
        if let hit = caches.withLock({ $0.byPath[path] }) { return hit }
        let i = table.match(path).index
        caches.withLock { c in
            if c.byPath.count >= WorkloadResolver.limit { c.byPath.removeAll(keepingCapacity: true) }
            c.byPath[path] = i
        }
        return i
    }

    func name(_ tag: WorkloadTag) -> String { tag.index.map { table.rules[$0].name } ?? "host" }
}

/// Counters per workload (the host default last), for `vigil status` and the
/// `vigil_workload_events_total` family. Relaxed atomic adds on the permission path.
public final class WorkloadStats: MetricsCollector, Sendable {
    public let names: [String]
    public enum Counter: Int, CaseIterable, Sendable {
        case scanned, allowed, denied, audited, skipped
        var label: String { "\(self)" }
    }
    final class Cell: Sendable { let value = Atomic<UInt64>(0) }
    private let cells: [Cell]
    /// How openers were identified: cgroup id from the pidfd found in the cache, cgroup
    /// id from the pidfd then /proc read, /proc read by pid alone (no pidfd).
    let identity = [Cell(), Cell(), Cell()]

    /// `workload_identity` in `vigil status --json`.
    public func identityJSON() -> JSONLine {
        var o = JSONLine()
        o.add("pidfd_cached", Int(identity[0].value.load(ordering: .relaxed)))
        o.add("pidfd_read", Int(identity[1].value.load(ordering: .relaxed)))
        o.add("pid_read", Int(identity[2].value.load(ordering: .relaxed)))
        return o
    }

    init(names: [String]) {
        self.names = names + ["host"]
        cells = (0..<(names.count + 1) * Counter.allCases.count).map { _ in Cell() }
    }

    func bump(_ tag: WorkloadTag?, _ c: Counter) {
        guard names.count > 1 else { return }
        let w = tag?.index ?? names.count - 1
        cells[w * Counter.allCases.count + c.rawValue].value.wrappingAdd(1, ordering: .relaxed)
    }

    /// The workload's name for `vigil top`'s samples ("host" for the default); nil
    /// without [[workload]]s. One of `names`, so the ring shares the string.
    func label(_ tag: WorkloadTag?) -> String? {
        guard names.count > 1 else { return nil }
        return names[tag?.index ?? names.count - 1]
    }

    public func count(_ workload: Int, _ c: Counter) -> UInt64 {
        cells[workload * Counter.allCases.count + c.rawValue].value.load(ordering: .relaxed)
    }

    /// `workloads` in `vigil status --json`: one object per workload, the host last.
    public func json() -> [JSONLine] {
        guard names.count > 1 else { return [] }
        return names.indices.map { w in
            var o = JSONLine()
            o.add("name", names[w])
            for c in Counter.allCases { o.add(c.label, Int(count(w, c))) }
            return o
        }
    }

    public func collect(into w: inout MetricsScrape) {
        guard names.count > 1 else { return }
        w.family("vigil_workload_events_total", type: .counter,
                 help: "Permission events by workload ([[workload]] name, or host) and outcome (scanned, allowed, denied, audited, skipped).")
        for i in names.indices {
            for c in Counter.allCases { w.sample([("workload", names[i]), ("outcome", c.label)], count(i, c)) }
        }
    }
}
