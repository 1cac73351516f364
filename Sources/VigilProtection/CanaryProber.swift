import Glibc
import Synchronization
import VigilSystem

/// The canary prober (`vigil canary`, its own process, unit and cgroup): every few
/// seconds it opens a canary file, a test file the daemon must refuse, through the real
/// kernel path. A refused open proves the whole chain (marks, event thread, scan, answer)
/// still works; an allowed open, or none answered within the deadline, means the daemon
/// is blinded or gone, whatever its status says. A bad probe is confirmed by a second
/// one 200 ms later, so a daemon restarting (100 ms without marks) is not an alarm.
///
/// Owns: the probing thread and its verdicts. Must not: write events itself (the
/// callback does: the log, the journal and the daemon's control socket).
public final class CanaryProber: Service {
    public enum Result: Sendable, Equatable {
        case denied, allowed, missing, noAnswer
        case failed(Int32)

        /// The `blinded` event's change for a bad result; nil when the guard held.
        public var change: String? {
            switch self {
            case .denied: nil
            case .allowed: "canary-allowed"
            case .missing: "canary-missing"
            case .noAnswer: "canary-no-answer"
            case .failed(let e): "canary-error-\(e)"
            }
        }

        public static func of(openErrno e: Int32) -> Result {
            switch e {
            case 0: .allowed
            case EPERM, EACCES: .denied
            case ENOENT: .missing
            default: .failed(e)
            }
        }
    }

    /// What a probe of one path concluded: `ok` flips only after a confirmed bad result
    /// or the first good one after it.
    public struct Transition: Sendable, Equatable {
        public let path: String
        public let ok: Bool
        public let result: Result
        /// The first verdict on this path since start (a good one is no news for the log).
        public let first: Bool
    }

    private let paths: [String]
    private let intervalMillis: Int32
    private let deadlineMillis: Int32
    private let onTransition: @Sendable (Transition) -> Void
    private let wake: EventFD
    private let stopping = Atomic<Bool>(false)
    private let thread = ThreadGroup()
    public let probes = Atomic<Int>(0)
    public let denials = Atomic<Int>(0)

    public init(paths: [String], intervalMillis: Int, deadlineMillis: Int, onTransition: @escaping @Sendable (Transition) -> Void) throws(VigilError) {
        self.paths = paths
        self.intervalMillis = Int32(max(200, intervalMillis))
        self.deadlineMillis = Int32(max(100, deadlineMillis))
        self.onTransition = onTransition
        wake = try EventFD()
    }

    public func start() throws(VigilError) {
        thread.spawn("vigil-canary") { [self] in loop() }
    }

    public func stop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        wake.signal()
        thread.joinAll()
    }

    private func loop() {
        var ok: [String: Bool] = [:]
        var fds = [readable(wake.fd)]
        while !stopping.load(ordering: .acquiring) {
            for path in paths {
                var r = probe(path)
                if r != .denied {
                    // Confirmed or not: a daemon restarting has no marks for ~100 ms.
                    _ = try? pollDescriptors(&fds, timeoutMillis: 200)
                    if stopping.load(ordering: .acquiring) { return }
                    r = probe(path)
                }
                let good = r == .denied
                if good { denials.add(1, ordering: .relaxed) }
                if ok[path] != good {
                    // The first verdict is reported too: a canary that starts blinded says so.
                    onTransition(Transition(path: path, ok: good, result: r, first: ok[path] == nil))
                    ok[path] = good
                }
            }
            _ = try? pollDescriptors(&fds, timeoutMillis: intervalMillis)
        }
    }

    /// One pending open at most: a daemon that never answers keeps it blocked (until its
    /// watchdog kills it and the kernel allows), and each later probe reports no answer.
    private let pending = Atomic<Bool>(false)

    /// One open's outcome, shared with the thread that makes it.
    private final class Outcome: Sendable {
        let errno = Atomic<Int32>(-1)
        let done: EventFD
        init() throws(VigilError) { done = try EventFD() }
    }

    private func probe(_ path: String) -> Result {
        probes.add(1, ordering: .relaxed)
        guard pending.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return .noAnswer }
        guard let outcome = try? Outcome() else {
            pending.store(false, ordering: .releasing)
            return .failed(EMFILE)
        }
        WorkerThread.detached(name: "vigil-canary-open") { [self] in
            let fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC)
            let e: Int32 = fd >= 0 ? 0 : errno
            if fd >= 0 { close(fd) }
            outcome.errno.store(e, ordering: .releasing)
            pending.store(false, ordering: .releasing)
            outcome.done.signal()
        }
        var fds = [readable(outcome.done.fd)]
        _ = try? pollDescriptors(&fds, timeoutMillis: deadlineMillis)
        let e = outcome.errno.load(ordering: .acquiring)
        return e < 0 ? .noAnswer : .of(openErrno: e)
    }
}
