import CLinux
import Glibc
import Synchronization

// Owns: a bounded queue with an explicit full policy (drop and count) for work handed
// from the daemon's threads to a notifier thread. Must not: block a producer: `offer` is
// one short critical section and one eventfd write, whatever the consumer is doing.

public final class JobQueue<Job: Sendable>: Sendable {
    private struct State {
        var items: [Job] = []
        var head = 0
        var closed = false
        var count: Int { items.count - head }
    }
    private let state = Mutex(State())
    private let wake: Int32
    public let capacity: Int
    /// Jobs refused because the queue was full (or closed).
    public let dropped = Atomic<Int>(0)

    public init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
        wake = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        precondition(wake >= 0, "eventfd failed")
    }

    deinit { Glibc.close(wake) }

    /// Queues `job`, or counts it as dropped when full. Never waits.
    @discardableResult
    public func offer(_ job: Job) -> Bool {
        let ok = state.withLock { s -> Bool in
            guard !s.closed, s.count < capacity else { return false }
            if s.head > 64 && s.head * 2 > s.items.count { s.items.removeFirst(s.head); s.head = 0 }
            s.items.append(job)
            return true
        }
        if ok {
            var one: UInt64 = 1
            _ = write(wake, &one, 8)
        } else {
            dropped.add(1, ordering: .relaxed)
        }
        return ok
    }

    /// The next job, waiting for one; nil once closed and drained.
    public func take() -> Job? {
        while true {
            let r: (Job?, Bool) = state.withLock { s in
                if s.count > 0 {
                    let j = s.items[s.head]
                    s.head += 1
                    return (j, false)
                }
                return (nil, s.closed)
            }
            if let j = r.0 { return j }
            if r.1 { return nil }
            var fds = [pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
            _ = poll(&fds, 1, 1000)
            var v: UInt64 = 0
            _ = read(wake, &v, 8)
        }
    }

    public var depth: Int { state.withLock { $0.count } }

    /// No more offers; `take` drains what is queued, then returns nil.
    public func close() {
        state.withLock { $0.closed = true }
        var one: UInt64 = 1
        _ = write(wake, &one, 8)
    }
}

/// A named joinable thread running `body` (one per notifier).
final class NotifierThread: Sendable {
    private let thread: Mutex<pthread_t?>
    private final class Box { let body: () -> Void; init(_ b: @escaping () -> Void) { body = b } }

    init(name: String, _ body: @escaping @Sendable () -> Void) {
        var th = pthread_t()
        let box = Unmanaged.passRetained(Box {
            vigil_set_thread_name(String(name.prefix(15)))
            body()
        }).toOpaque()
        precondition(pthread_create(&th, nil, { raw in
            Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue().body()
            return nil
        }, box) == 0)
        thread = Mutex(th)
    }

    func join() {
        if let t = thread.withLock({ t -> pthread_t? in defer { t = nil }; return t }) { pthread_join(t, nil) }
    }
}
