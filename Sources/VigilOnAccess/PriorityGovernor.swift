import Glibc
import Synchronization
import VigilSystem

/// The threads that answer permission events (the event thread, the scan threads while
/// they judge opens), switched between real-time and normal priority together. Processes
/// they spawn (sandboxed scan workers) start at normal priority whatever the spawning
/// thread's (SCHED_RESET_ON_FORK): a worker spawned during a burst must not stay
/// real-time for good, and a worker's pid cannot be switched later without racing its
/// reaping.
///
/// Owns: which threads are members and the priority they share. Must not: decide when
/// to switch (`[daemon] realtime` and PriorityGovernor do).
final class AnsweringThreads: Sendable {
    private struct State {
        var members: Set<Int32> = []
        var realtime: Bool
    }
    private let state: Mutex<State>

    /// `realtime`: the priority members start with (`realtime = "always"`).
    init(realtime: Bool) { state = Mutex(State(realtime: realtime)) }

    /// The warning when the kernel refuses real time (the event thread's, with "always";
    /// the governor's, with "burst").
    static func refusedWarning(_ error: Errno) -> String {
        "cannot run the answering threads at real-time priority (\(error); systemd RestrictRealtime= or no CAP_SYS_NICE): "
            + "under a burst of thousands of concurrent opens, openers may wait longer than the deadline"
    }

    /// The calling thread becomes a member and takes the shared priority. Returns the
    /// kernel's refusal (EPERM: no CAP_SYS_NICE, or systemd's RestrictRealtime=), if any.
    @discardableResult
    func join() -> Errno? {
        let tid = Scheduling.currentThread()
        return state.withLock { s -> Errno? in
            s.members.insert(tid)
            do throws(Errno) { try Scheduling.set(thread: tid, realtime: s.realtime) } catch { return error }
            return nil
        }
    }

    /// The calling thread leaves, at normal priority (work nobody waits on: uploads).
    func leave() {
        let tid = Scheduling.currentThread()
        state.withLock { s in
            s.members.remove(tid)
            try? Scheduling.set(thread: tid, realtime: false)
        }
    }

    /// Every member to `realtime`. Under the lock, so a thread joining meanwhile takes
    /// the new priority and none is switched after it left. The kernel's refusal, if any.
    @discardableResult
    func set(realtime: Bool) -> Errno? {
        state.withLock { s -> Errno? in
            s.realtime = realtime
            var refused: Errno?
            for tid in s.members {
                do throws(Errno) { try Scheduling.set(thread: tid, realtime: realtime) } catch {
                    // ESRCH: a thread that ended without leaving (the pool's threads leave
                    // on the way out; this keeps a missed one from failing every switch).
                    if error.code == ESRCH { s.members.remove(tid) } else { refused = error }
                }
            }
            return refused
        }
    }
}

/// `[daemon] realtime = "burst"`: a small real-time thread that looks at the length of
/// the kernel's event queue and switches the answering threads into real time while
/// opens queue up, and back once the queue has been calm (AnsweringPriority says when and
/// why). It sleeps until an event is queued, then looks (one FIONREAD) at most once per
/// 2 ms while events keep coming; no opener ever waits on this thread.
///
/// Owns: its thread and the looks. Must not: read events or answer them.
final class PriorityGovernor: Service {
    private let group: FanotifyGroup
    private let threads: AnsweringThreads
    private let stats: OnAccessStats
    private let log: OnAccessLog
    private let wake: EventFD
    private let ended = Atomic<Bool>(false)
    private let thread = ThreadGroup()

    init(group: FanotifyGroup, threads: AnsweringThreads, stats: OnAccessStats, log: OnAccessLog) throws(VigilError) {
        self.group = group
        self.threads = threads
        self.stats = stats
        self.log = log
        wake = try EventFD()
    }

    func start() throws(VigilError) {
        thread.spawn("vigil-priority") { [self] in
            // It must run while a herd runs, or it would see the herd too late.
            do throws(Errno) { try Scheduling.realtime() } catch {
                log.note("warning", AnsweringThreads.refusedWarning(error))
                return
            }
            run()
        }
    }

    func stop() {
        ended.store(true, ordering: .releasing)
        wake.signal()
        thread.joinAll()
    }

    private func run() {
        var priority = AnsweringPriority()
        var fds = [readable(wake.fd), readable(group.fd)]
        while !ended.load(ordering: .acquiring) {
            // Woken by the first event queued (the event thread is woken by it too, and
            // reads it; this thread only counts), or by the stop.
            guard (try? pollDescriptors(&fds, timeoutMillis: priority.waitMillis)) != nil else { break }
            if fds[0].revents != 0 { _ = wake.drain(); continue }
            // A group that cannot say (a test's adopted socket) never switches.
            guard let bytes = try? group.queuedBytes() else { continue }
            let change = priority.look(queued: bytes / Fanotify.metadataLength,
                                       reads: stats.events.load(ordering: .relaxed), now: monotonicNanos())
            switch change {
            case .toRealtime?:
                stats.bump(stats.realtimeBursts)
                if let refused = threads.set(realtime: true) {
                    log.note("warning", "a burst of opens, but the answering threads cannot switch to real-time priority: \(refused)")
                }
            case .toNormal?:
                threads.set(realtime: false)
            case nil:
                break
            }
            // At most one look per gap: while events keep coming, poll returns at once.
            usleep(AnsweringPriority.lookGapMicros)
        }
        threads.set(realtime: false)
    }
}
