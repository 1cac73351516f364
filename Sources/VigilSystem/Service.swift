import Glibc
import Synchronization

/// A long-running part of Vigil (the event loop, the scan pool, the deadline keeper, the
/// watchers, the tamper guard, the supervisor, the liveness probe, the control server,
/// the event log): it owns its threads, and the descriptors they wait on, from `start()`
/// until `stop()` returns.
///
/// A plain protocol rather than swift-service-lifecycle's `Service`: those are async
/// tasks stopped by cancellation, while ours are OS threads blocked in poll(2), read(2),
/// accept(2) and libyara, which no task cancellation interrupts and which must not hop
/// between threads (a scan worker keeps thread-affine C handles). Each service wakes
/// its own threads (an eventfd they poll, a queue it closes, a socket it shuts down)
/// and joins them.
///
/// Owns: the shape. Must not: decide any order (ServiceStack does).
public protocol Service: AnyObject, Sendable {
    /// Starts the threads; returns once the service does its job. Throws, and leaves
    /// nothing of it running, when it cannot.
    func start() throws(VigilError)
    /// Stops the threads and waits for them. Idempotent; a service that never started
    /// stops at once.
    func stop()
}

/// Services started in order and stopped in reverse: a service may rely on everything
/// started before it, until it has stopped itself.
///
/// Owns: the order. Must not: start or stop anything it was not given.
public final class ServiceStack: Sendable {
    private let started = Mutex<[any Service]>([])
    private let slowStopMillis: UInt64

    /// A stop that takes longer than `slowStopMillis` is named on standard error (the
    /// journal): systemd's stop timeout, or a supervisor's, must never be the first
    /// sign that one part of Vigil waits on something at shutdown.
    public init(slowStopMillis: UInt64 = 2_000) {
        self.slowStopMillis = slowStopMillis
    }

    /// Starts `service` and puts it on top; when it throws, the stack is unchanged.
    public func start(_ service: any Service) throws(VigilError) {
        try service.start()
        started.withLock { $0.append(service) }
    }

    /// Stops every started service, the last started first. Idempotent.
    public func stopAll() {
        let services = started.withLock { s in defer { s = [] }; return s }
        for s in services.reversed() {
            let began = monotonicNanos()
            s.stop()
            let took = (monotonicNanos() - began) / 1_000_000
            if took >= slowStopMillis {
                let line = Array("vigil: stopping \(type(of: s)) took \(took) ms\n".utf8)
                _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            }
        }
    }
}
