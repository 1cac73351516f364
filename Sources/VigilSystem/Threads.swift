import CLinux
import Dispatch
import Glibc
import DequeModule
import Synchronization

// Threads and the queues between them. Vigil's long-running work runs on OS threads,
// not tasks: they block in poll(2), read(2) and libyara, and each scan worker keeps
// thread-affine C handles.
//
// Owns: creating, naming, scheduling and joining threads; the bounded queue.
// Must not: know what a thread does.

/// A joinable OS thread, started at once.
public final class WorkerThread: Sendable {
    private let thread: pthread_t

    private final class Box { let body: () -> Void; init(_ b: @escaping () -> Void) { body = b } }

    /// `body` is `sending`: whatever it captures (a thread-affine scanner, say) moves to
    /// the new thread and is no longer reachable from the caller.
    public init(name: String, _ body: sending @escaping () -> Void) {
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
        var thread = pthread_t()
        let rc = pthread_create(&thread, &attr, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            box.body()
            return nil
        }, box)
        pthread_attr_destroy(&attr)
        // Out of threads at start-up is not a condition to recover from.
        precondition(rc == 0, "pthread_create failed: \(rc)")
        self.thread = thread
    }

    /// Waits for the thread to end. Once per thread (the owner's job).
    public func join() { pthread_join(thread, nil) }

    /// A thread nobody joins (a reload triggered by a signal).
    public static func detached(name: String, _ body: sending @escaping () -> Void) {
        pthread_detach(WorkerThread(name: name, body).thread)
    }
}

/// The threads of one service: started one by one, joined all at once by `joinAll()`.
public final class ThreadGroup: Sendable {
    private let threads = Mutex<[WorkerThread]>([])

    public init() {}

    public func spawn(_ name: String, _ body: sending @escaping () -> Void) {
        let t = WorkerThread(name: name, body)
        threads.withLock { $0.append(t) }
    }

    /// Joins every thread started so far; the group is empty afterwards. Idempotent.
    public func joinAll() {
        let all = threads.withLock { t in defer { t = [] }; return t }
        for t in all { t.join() }
    }
}

/// Scheduling policy of the calling thread.
public enum Scheduling {
    /// Round-robin real-time priority 1, for the threads that answer permission events:
    /// under a burst of thousands of blocked openers the kernel wakes every waiting
    /// opener on each answer, and at normal priority that herd starves the threads that
    /// could release it. EPERM without CAP_SYS_NICE or under systemd's RestrictRealtime=.
    public static func realtime() throws(Errno) { try set(thread: 0, realtime: true) }

    /// The calling thread's id, the name `set(thread:realtime:)` takes.
    public static func currentThread() -> Int32 { vigil_gettid() }

    /// A thread of this process (0: the calling one) to real-time round-robin priority 1,
    /// or back to time-sharing. EPERM as `realtime()`; ESRCH for a thread that has ended.
    public static func set(thread: Int32, realtime: Bool) throws(Errno) {
        _ = try sysCall { vigil_tid_scheduling(thread, realtime ? 1 : 0) }
    }
}

/// A bounded FIFO shared by threads. `push` blocks while full, `pop` while empty;
/// after `close()` pushes fail and pops drain what is left, then return nil.
///
/// A waiter registers under the mutex and then sleeps on a semaphore; whoever makes
/// room (or an item) wakes exactly one registered waiter. A semaphore keeps a signal
/// sent before its waiter sleeps, so no wake-up is lost between the two.
public final class BlockingQueue<Element: Sendable>: Sendable {
    private struct State {
        var items: Deque<Element>
        var closed = false
        var waitingPoppers = 0
        var waitingPushers = 0

        /// Takes one registered popper to wake, if any.
        mutating func takePopper() -> Bool {
            guard waitingPoppers > 0 else { return false }
            waitingPoppers -= 1
            return true
        }

        mutating func takePusher() -> Bool {
            guard waitingPushers > 0 else { return false }
            waitingPushers -= 1
            return true
        }
    }

    private let state: Mutex<State>
    private let notEmpty = DispatchSemaphore(value: 0)
    private let notFull = DispatchSemaphore(value: 0)
    public let capacity: Int

    public init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
        state = Mutex(State(items: Deque(minimumCapacity: min(capacity, 4096))))
    }

    /// Waits for room; false when the queue is (or gets) closed.
    @discardableResult
    public func push(_ element: Element) -> Bool {
        while true {
            switch tryPushOrWait(element) {
            case .pushed: return true
            case .closed: return false
            case .wait: notFull.wait()
            }
        }
    }

    /// Pushes without waiting; false when full or closed (the caller applies its full policy).
    public func tryPush(_ element: Element) -> Bool {
        let wake: Bool? = state.withLock { s -> Bool? in
            if s.closed || s.items.count == capacity { return nil }
            s.items.append(element)
            return s.takePopper()
        }
        if wake == true { notEmpty.signal() }
        return wake != nil
    }

    private enum PushResult { case pushed, closed, wait }

    private func tryPushOrWait(_ element: Element) -> PushResult {
        var wakePopper = false
        let result: PushResult = state.withLock { s in
            if s.closed { return .closed }
            if s.items.count == capacity {
                s.waitingPushers += 1
                return .wait
            }
            s.items.append(element)
            wakePopper = s.takePopper()
            return .pushed
        }
        if wakePopper { notEmpty.signal() }
        return result
    }

    public func pop() -> Element? {
        while true {
            var wakePusher = false
            let next: Element?? = state.withLock { s in
                if let e = s.items.popFirst() {
                    wakePusher = s.takePusher()
                    return .some(e)
                }
                if s.closed { return .some(nil) }
                s.waitingPoppers += 1
                return .none
            }
            if wakePusher { notFull.signal() }
            switch next {
            case .some(let e): return e
            case .none: notEmpty.wait()
            }
        }
    }

    public func close() {
        let (poppers, pushers) = state.withLock { s in
            s.closed = true
            defer { s.waitingPoppers = 0; s.waitingPushers = 0 }
            return (s.waitingPoppers, s.waitingPushers)
        }
        for _ in 0..<poppers { notEmpty.signal() }
        for _ in 0..<pushers { notFull.signal() }
    }

    public var depth: Int { state.withLock { $0.items.count } }
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
