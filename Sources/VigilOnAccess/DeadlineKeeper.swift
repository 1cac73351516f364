import CLinux
import Glibc
import VigilSystem

/// Answers every pooled event whose scan has not finished by its deadline (through
/// `onDeadline`, which answers and logs). Every event gets the same timeout, so deadlines
/// arrive in arrival order and a FIFO is enough.
/// It holds events weakly: an event answered by its worker is released (and its fd
/// closed) at once, not when its deadline passes.
final class DeadlineKeeper: @unchecked Sendable {
    private final class Weak { weak var event: PendingEvent?; init(_ e: PendingEvent) { event = e } }

    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let cond = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var items: [(deadline: UInt64, ref: Weak)] = []   // guarded by mutex
    private var head = 0                                      // guarded by mutex
    private var stopped = false                               // guarded by mutex
    private let onDeadline: @Sendable (PendingEvent) -> Void
    private var thread: WorkerThread?

    init(realtime: Bool, onDeadline: @escaping @Sendable (PendingEvent) -> Void) {
        self.onDeadline = onDeadline
        pthread_mutex_init(mutex, nil)
        var attr = pthread_condattr_t()
        pthread_condattr_init(&attr)
        pthread_condattr_setclock(&attr, CLOCK_MONOTONIC)
        pthread_cond_init(cond, &attr)
        pthread_condattr_destroy(&attr)
        thread = WorkerThread(name: "vigil-deadline") { [self] in
            if realtime { _ = vigil_thread_realtime(1) }
            loop()
        }
    }

    deinit {
        pthread_mutex_destroy(mutex); mutex.deallocate()
        pthread_cond_destroy(cond); cond.deallocate()
    }

    func add(_ event: PendingEvent) {
        let ref = Weak(event)
        pthread_mutex_lock(mutex)
        let wasEmpty = head == items.count
        items.append((event.deadline, ref))
        if wasEmpty { pthread_cond_signal(cond) }
        pthread_mutex_unlock(mutex)
    }

    /// Answers everything still waiting with `response` (shutdown) and stops.
    func stop(answeringWith response: Fanotify.Response) {
        pthread_mutex_lock(mutex)
        stopped = true
        let rest = items[head...].compactMap { $0.ref.event }
        items.removeAll()
        head = 0
        pthread_cond_signal(cond)
        pthread_mutex_unlock(mutex)
        for e in rest { e.answer(response) }
        thread?.join()
        thread = nil
    }

    private func loop() {
        pthread_mutex_lock(mutex)
        while !stopped {
            if head == items.count {
                if head > 0 { items.removeAll(keepingCapacity: true); head = 0 }
                pthread_cond_wait(cond, mutex)
                continue
            }
            let (deadline, ref) = items[head]
            let now = monotonicNanos()
            if deadline > now {
                var ts = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
                pthread_cond_timedwait(cond, mutex, &ts)
                continue
            }
            head += 1
            if head > 4096 && head * 2 > items.count {
                items.removeFirst(head)
                head = 0
            }
            guard let event = ref.event, event.answered == nil else { continue }
            pthread_mutex_unlock(mutex)
            onDeadline(event)
            pthread_mutex_lock(mutex)
        }
        pthread_mutex_unlock(mutex)
    }
}
