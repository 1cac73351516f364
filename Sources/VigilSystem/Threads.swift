import CLinux
import Glibc

/// A bounded FIFO shared by threads. `push` blocks while full, `pop` while empty;
/// after `close()` pushes fail and pops drain what is left, then return nil.
public final class BlockingQueue<Element: Sendable>: @unchecked Sendable {
    // All mutable state is guarded by `mutex`.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let notEmpty = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let notFull = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var items: [Element?]
    private var head = 0
    private var count = 0
    private var closed = false
    public let capacity: Int

    public init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
        items = Array(repeating: nil, count: capacity)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(notEmpty, nil)
        pthread_cond_init(notFull, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex); mutex.deallocate()
        pthread_cond_destroy(notEmpty); notEmpty.deallocate()
        pthread_cond_destroy(notFull); notFull.deallocate()
    }

    @discardableResult
    public func push(_ element: Element) -> Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while count == capacity && !closed { pthread_cond_wait(notFull, mutex) }
        if closed { return false }
        items[(head + count) % capacity] = element
        count += 1
        pthread_cond_signal(notEmpty)
        return true
    }

    /// Pushes without waiting; false when full or closed (the caller applies its full policy).
    public func tryPush(_ element: Element) -> Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        if closed || count == capacity { return false }
        items[(head + count) % capacity] = element
        count += 1
        pthread_cond_signal(notEmpty)
        return true
    }

    public func pop() -> Element? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while count == 0 && !closed { pthread_cond_wait(notEmpty, mutex) }
        if count == 0 { return nil }
        let e = items[head]
        items[head] = nil
        head = (head + 1) % capacity
        count -= 1
        pthread_cond_signal(notFull)
        return e
    }

    public func close() {
        pthread_mutex_lock(mutex)
        closed = true
        pthread_cond_broadcast(notEmpty)
        pthread_cond_broadcast(notFull)
        pthread_mutex_unlock(mutex)
    }

    public var depth: Int {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return count
    }
}

/// A plain mutex for small critical sections shared across threads.
public final class Lock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    public init() { pthread_mutex_init(mutex, nil) }
    deinit { pthread_mutex_destroy(mutex); mutex.deallocate() }
    public func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}

/// A joinable OS thread. Scan workers are real threads, not tasks: they block in
/// read() and in libyara, and each keeps thread-affine C handles.
public final class WorkerThread: @unchecked Sendable {
    private var thread = pthread_t()

    private final class Box { let body: () -> Void; init(_ b: @escaping () -> Void) { body = b } }

    public init(name: String, _ body: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(Box({ vigil_set_thread_name(String(name.prefix(15))); body() })).toOpaque()
        var attr = pthread_attr_t()
        pthread_attr_init(&attr)
        pthread_attr_setstacksize(&attr, 8 << 20)
        // Never inherit a real-time policy from the creating thread (the event loop runs
        // at real-time priority; a reload or a scan must not).
        pthread_attr_setinheritsched(&attr, Int32(PTHREAD_EXPLICIT_SCHED))
        pthread_attr_setschedpolicy(&attr, SCHED_OTHER)
        var param = sched_param(sched_priority: 0)
        pthread_attr_setschedparam(&attr, &param)
        let rc = pthread_create(&thread, &attr, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            box.body()
            return nil
        }, box)
        pthread_attr_destroy(&attr)
        precondition(rc == 0, "pthread_create failed: \(rc)")
    }

    public func join() { pthread_join(thread, nil) }

    public func detach() { pthread_detach(thread) }
}

/// Raises the soft open-file limit to the hard limit: a walk holds one descriptor per
/// directory level plus the queue, and a daemon holds one per event in flight.
public func raiseOpenFileLimit() {
    var lim = rlimit()
    if getrlimit(Int32(RLIMIT_NOFILE.rawValue), &lim) == 0 && lim.rlim_cur < lim.rlim_max {
        lim.rlim_cur = lim.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &lim)
    }
}

extension WorkerThread {
    /// A thread nobody joins (a reload triggered by a signal).
    public static func detached(name: String, _ body: @escaping @Sendable () -> Void) {
        let t = WorkerThread(name: name, body)
        t.detach()
    }
}
