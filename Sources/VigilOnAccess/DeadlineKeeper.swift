import Dispatch
import Synchronization
import VigilSystem

/// Answers every pooled event whose scan has not finished by its deadline (through
/// `onDeadline`, which answers and logs). Every event gets the same timeout, so
/// deadlines arrive in arrival order and a FIFO is enough.
///
/// It holds events weakly: an event answered by its worker is released (and its fd
/// closed) at once, not when its deadline passes. Its thread sleeps on a semaphore
/// until the next deadline (`wait(timeout:)`) or until an event arrives in an empty
/// queue; the queue itself is behind a mutex.
///
/// Owns: the deadlines of queued events. Must not: scan, or decide the answer.
final class DeadlineKeeper: Service {
    private final class Weak: Sendable {
        weak let event: PendingEvent?
        init(_ e: PendingEvent) { event = e }
    }

    private struct Queue {
        var items: [(deadline: UInt64, ref: Weak)] = []
        var head = 0
        var stopped = false
        /// The keeper thread sleeps on `wakeUp` and wants a signal when work arrives.
        var sleeping = false
    }

    private let queue = Mutex(Queue())
    private let wakeUp = DispatchSemaphore(value: 0)
    private let realtime: Bool
    private let onDeadline: @Sendable (PendingEvent) -> Void
    private let thread = ThreadGroup()

    /// Told of each event `stop` allowed unscanned (the stop-window count).
    private let onStopAllowed: @Sendable (PendingEvent) -> Void

    init(realtime: Bool, onStopAllowed: @escaping @Sendable (PendingEvent) -> Void = { _ in },
         onDeadline: @escaping @Sendable (PendingEvent) -> Void) {
        self.onStopAllowed = onStopAllowed
        self.realtime = realtime
        self.onDeadline = onDeadline
    }

    func start() throws(VigilError) {
        thread.spawn("vigil-deadline") { [self] in
            // It answers kernel events too: real-time like the event loop (a failure is
            // the event loop's to report).
            if realtime { try? Scheduling.realtime() }
            loop()
        }
    }

    func add(_ event: PendingEvent) {
        let ref = Weak(event)
        let wake = queue.withLock { q -> Bool in
            let wasEmpty = q.head == q.items.count
            q.items.append((event.deadline, ref))
            // A later deadline than any queued: only an empty queue needs the keeper woken.
            guard wasEmpty, q.sleeping else { return false }
            q.sleeping = false
            return true
        }
        if wake { wakeUp.signal() }
    }

    /// Answers everything still waiting with allow (shutdown: fail open) and stops.
    func stop() {
        let rest: [PendingEvent] = queue.withLock { q in
            q.stopped = true
            defer { q.items.removeAll(); q.head = 0 }
            return q.items[q.head...].compactMap { $0.ref.event }
        }
        wakeUp.signal()
        for e in rest where e.answer(.allow) { onStopAllowed(e) }
        thread.joinAll()
    }

    private enum Next {
        case stop
        case sleep(until: UInt64?)
        case due(PendingEvent)
        case skip
    }

    private func loop() {
        while true {
            let next: Next = queue.withLock { q in
                if q.stopped { return .stop }
                if q.head == q.items.count {
                    if q.head > 0 { q.items.removeAll(keepingCapacity: true); q.head = 0 }
                    q.sleeping = true
                    return .sleep(until: nil)
                }
                let (deadline, ref) = q.items[q.head]
                if deadline > monotonicNanos() {
                    q.sleeping = true
                    return .sleep(until: deadline)
                }
                q.head += 1
                if q.head > 4096 && q.head * 2 > q.items.count {
                    q.items.removeFirst(q.head)
                    q.head = 0
                }
                guard let event = ref.event, event.answered == nil else { return .skip }
                return .due(event)
            }
            switch next {
            case .stop: return
            case .skip: continue
            case .due(let event): onDeadline(event)
            case .sleep(let until):
                if let until {
                    let now = monotonicNanos()
                    _ = wakeUp.wait(timeout: .now() + .nanoseconds(Int(until > now ? until - now : 0)))
                } else {
                    wakeUp.wait()
                }
                // A signal that raced with the timeout is left in the semaphore: the next
                // wait returns at once and the loop looks again. Harmless.
                queue.withLock { $0.sleeping = false }
            }
        }
    }
}
