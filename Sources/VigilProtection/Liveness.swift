import CLinux
import Glibc
import Synchronization
import VigilConfig
import VigilSystem

/// The watchdog's liveness probe: a daemon can be alive (its pidfd quiet, systemd's
/// WATCHDOG=1 pings coming from their own thread) and still not answer the kernel, and
/// then every open on a guarded filesystem waits. So the watchdog opens a probe file
/// through the real kernel path every `interval`: the daemon keeps an inode mark on that
/// file, so each open becomes a permission event that only its event thread can answer.
/// An open still waiting after `timeout` means a wedged daemon: the watchdog logs it and
/// kills it (the kernel allows every waiting event when the fanotify fd closes: fail
/// open), and its supervisor starts a new one.
///
/// Owns: the probing thread. Must not: kill or restart anything itself (the callback does).
public final class LivenessProbe: Service {
    /// The probe file: next to the control socket, in the daemon's runtime folder.
    public static func path(controlSocket: String) -> String { Paths.besideControlSocket("liveness", controlSocket: controlSocket) }

    private let path: String
    private let intervalMillis: Int32
    private let timeoutNanos: UInt64
    /// Monotonic start of the open in flight, 0 when none is.
    private let inFlightSince = Atomic<UInt64>(0)
    private let stopping = Atomic<Bool>(false)
    private let wake: EventFD
    private let thread = ThreadGroup()
    public let probes = Atomic<Int>(0)

    public init(path: String, intervalMillis: Int, timeoutMillis: Int) throws(VigilError) {
        self.path = path
        self.intervalMillis = Int32(max(100, intervalMillis))
        timeoutNanos = UInt64(max(500, timeoutMillis)) * 1_000_000
        wake = try EventFD()
    }

    public func start() throws(VigilError) {
        thread.spawn("vigil-probe") { [self] in loop() }
    }

    /// Stops probing. An open still blocked in the kernel ends when the daemon dies or
    /// answers; the thread is then joined.
    public func stop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        wake.signal()
        thread.joinAll()
    }

    /// How long the open in flight has waited, in nanoseconds; 0 when none waits.
    public var waitingNanos: UInt64 {
        let since = inFlightSince.load(ordering: .acquiring)
        return since == 0 ? 0 : monotonicNanos() &- since
    }

    /// True when the open in flight has waited longer than the timeout.
    public var isStuck: Bool { waitingNanos > timeoutNanos }

    private func loop() {
        var fds = [readable(wake.fd)]
        while !stopping.load(ordering: .acquiring) {
            inFlightSince.store(monotonicNanos(), ordering: .releasing)
            // A missing file (no daemon yet, or one starting) returns at once: fine.
            if let fd = try? sysCall({ open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC) }) { close(fd) }
            inFlightSince.store(0, ordering: .releasing)
            probes.add(1, ordering: .relaxed)
            _ = try? pollDescriptors(&fds, timeoutMillis: intervalMillis)
        }
    }
}
