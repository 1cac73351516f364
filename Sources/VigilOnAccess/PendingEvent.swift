import Glibc
import Synchronization
import VigilSystem

/// A permission event handed to the scan pool. Two parties may answer it (the worker
/// with a verdict, the deadline keeper with `on_timeout`); exactly one answer reaches
/// the kernel. The event fd stays open until every holder is done, because the kernel
/// matches a response by fd number: closing early could let a late answer hit an
/// unrelated event that reused the number.
///
/// Owns: the event fd and the one answer. Must not: scan.
public final class PendingEvent: Sendable {
    public let fd: Int32
    public let pid: Int32
    public let mask: Fanotify.Events
    public let path: RawPath
    public let stat: stat
    /// Monotonic nanoseconds when the event was read.
    public let arrival: UInt64
    public let deadline: UInt64
    /// The upload rule whose folder holds the file.
    public let upload: Int?
    /// The opener's fairness lane (its uid).
    public let lane: UInt32
    /// The opener's workload (nil without [[workload]]s).
    let workload: WorkloadTag?
    private let group: FanotifyGroup
    private let fallback: Fanotify.Response
    private let answer = Atomic<UInt32>(0)

    /// Takes over the event's fd from `event`.
    init(_ event: consuming PermissionEvent, path: RawPath, stat: stat, arrival: UInt64, deadline: UInt64,
         upload: Int?, lane: UInt32, group: FanotifyGroup, fallback: Fanotify.Response, workload: WorkloadTag? = nil) {
        fd = event.fd
        pid = event.pid
        mask = event.mask
        self.path = path
        self.stat = stat
        self.arrival = arrival
        self.deadline = deadline
        self.upload = upload
        self.lane = lane
        self.workload = workload
        self.group = group
        self.fallback = fallback
        event.release()
    }

    /// Sends `response` if nobody has answered yet; true if this call answered.
    @discardableResult
    public func answer(_ response: Fanotify.Response) -> Bool {
        guard answer.compareExchange(expected: 0, desired: response.rawValue, ordering: .acquiringAndReleasing).exchanged else {
            return false
        }
        group.respond(response, to: fd)
        return true
    }

    public var answered: Fanotify.Response? {
        Fanotify.Response(rawValue: answer.load(ordering: .acquiring))
    }

    public var isExec: Bool { mask.contains(.openExecPerm) }

    deinit {
        if answer.load(ordering: .acquiring) == 0 { group.respond(fallback, to: fd) }
        close(fd)
    }
}
