import CLinux
import Glibc
import Synchronization
import VigilSystem

/// When to restart a process that died: at once the first time, then doubling up to a
/// cap, so a process that dies at start-up (a broken config) does not spin the CPU.
/// A run that lasted `stableAfter` resets the delay. A pure state machine.
public struct RestartBackoff: Sendable, Equatable {
    public let initialNanos: UInt64
    public let maxNanos: UInt64
    public let stableAfterNanos: UInt64
    private var nextNanos: UInt64

    public init(initialMilliseconds: UInt64 = 100, maxMilliseconds: UInt64 = 30_000, stableAfterSeconds: UInt64 = 60) {
        initialNanos = initialMilliseconds * 1_000_000
        maxNanos = maxMilliseconds * 1_000_000
        stableAfterNanos = stableAfterSeconds * 1_000_000_000
        nextNanos = initialNanos
    }

    /// The process ran for `uptime`; returns how long to wait before starting it again.
    public mutating func delay(afterRunning uptime: UInt64) -> UInt64 {
        if uptime >= stableAfterNanos { nextNanos = initialNanos }
        let d = nextNanos
        nextNanos = min(maxNanos, nextNanos * 2)
        return d
    }
}

/// Keeps one process alive: watches it through a pidfd and starts a new one with
/// backoff when it dies. `vigil watchdog` supervises the daemon with it, and the daemon
/// supervises the watchdog.
///
/// Owns: the supervising thread and the current handle. Must not: know what it runs.
public final class Supervisor: Service {
    public let name: String
    private let adopt: Int32?
    private let backoff: RestartBackoff
    private let spawn: @Sendable () throws(VigilError) -> Int32
    private let onEvent: @Sendable (_ action: String, _ message: String, _ pid: Int32) -> Void
    /// Told how a process it watched ended (its wait status, when it was our child), before it is restarted.
    private let onExit: @Sendable (_ pid: Int32, _ waitStatus: Int32?) -> Void
    private struct Watched {
        var handle: ProcessHandle?
        var restarts = 0
    }
    private let watched = Mutex(Watched())
    private let wake: EventFD
    private let stopping = Atomic<Bool>(false)
    private let thread = ThreadGroup()

    /// Supervises `adopt` (a running process), or starts one first when it is nil, once
    /// started.
    public init(name: String, adopt: Int32?, backoff: RestartBackoff = RestartBackoff(),
                spawn: @escaping @Sendable () throws(VigilError) -> Int32,
                onEvent: @escaping @Sendable (String, String, Int32) -> Void,
                onExit: @escaping @Sendable (Int32, Int32?) -> Void = { _, _ in }) throws(VigilError) {
        self.name = name
        self.adopt = adopt
        self.backoff = backoff
        self.spawn = spawn
        self.onEvent = onEvent
        self.onExit = onExit
        wake = try EventFD()
    }

    public var currentPid: Int32? { watched.withLock { $0.handle?.pid } }
    public var restartCount: Int { watched.withLock { $0.restarts } }
    public var current: ProcessHandle? { watched.withLock { $0.handle } }

    /// Adopts the process (or starts the first one), then watches it.
    public func start() throws(VigilError) {
        let first: ProcessHandle?
        if let adopt {
            do { first = try ProcessHandle(pid: adopt, isChild: false) } catch {
                // Already gone: the loop starts a new one.
                first = nil
                onEvent("\(name)-missing", "\(name) (pid \(adopt)) is not running", adopt)
            }
        } else {
            let pid = try spawn()
            do { first = try ProcessHandle(pid: pid, isChild: true) } catch {
                throw VigilError("pidfd_open(\(pid)) failed", cause: error)
            }
        }
        watched.withLock { $0.handle = first }
        thread.spawn("vigil-supervise") { [self] in loop() }
    }

    /// Stops supervising; the process itself is left running.
    public func stop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        wake.signal()
        thread.joinAll()
    }

    private func loop() {
        var backoff = self.backoff
        var started = monotonicNanos()
        while !stopping.load(ordering: .acquiring) {
            if let h = watched.withLock({ $0.handle }) {
                guard h.waitForExit(timeoutMillis: -1, alsoWatching: wake.fd) else { continue }
                if stopping.load(ordering: .acquiring) { return }
                let delay = backoff.delay(afterRunning: monotonicNanos() - started)
                let how = h.exitStatus.map { " (" + RunRecord.describe(waitStatus: $0) + ")" } ?? ""
                onExit(h.pid, h.exitStatus)
                onEvent("\(name)-died", "\(name) (pid \(h.pid)) exited\(how); restarting in \(delay / 1_000_000) ms", h.pid)
                watched.withLock { $0.handle = nil }
                if sleepUnlessWoken(nanos: delay) { return }
            }
            do {
                let pid = try spawn()
                let h = try ProcessHandle(pid: pid, isChild: true)
                started = monotonicNanos()
                watched.withLock { w in
                    w.handle = h
                    w.restarts += 1
                }
                onEvent("\(name)-restarted", "\(name) restarted as pid \(pid)", pid)
            } catch {
                let delay = backoff.delay(afterRunning: 0)
                onEvent("\(name)-restart-failed", "cannot restart \(name): \(error); next try in \(delay / 1_000_000) ms", 0)
                if sleepUnlessWoken(nanos: delay) { return }
            }
        }
    }

    /// True when woken for shutdown.
    private func sleepUnlessWoken(nanos: UInt64) -> Bool {
        var fds = [readable(wake.fd)]
        _ = try? pollDescriptors(&fds, timeoutMillis: Int32(min(nanos / 1_000_000, UInt64(Int32.max))))
        return stopping.load(ordering: .acquiring)
    }
}
