// Owns: when the threads that answer permission events run at real-time priority
// (`[daemon] realtime = "burst"`), as a pure state machine over looks at the kernel's
// queue. Must not: read the queue or change a thread's priority (PriorityGovernor does,
// on the change this returns).

/// Real time for the answering threads while opens queue up, normal priority otherwise.
///
/// Both halves are measured on this project's 2-vCPU machines (`bench/flood.c`, openlat):
/// - **Under a herd** (thousands of openers blocked at once) the kernel wakes every
///   waiting opener on each answer, and answering threads at normal priority are starved
///   by that herd: 4,500 concurrent opens waited up to 2–11 s, against 0.45 s with
///   real-time answering threads.
/// - **One opener at a time**, a real-time event thread costs a cross-CPU wake-up per
///   event (a real-time task is not pulled to its waker's CPU as a normal one is, and an
///   idle vCPU is woken through the hypervisor): cold opens of small files took 41–68 µs
///   at the median against 19–22 µs at normal priority.
///
/// The event thread cannot be the one to notice a herd: a herd starves it before it
/// reads the burst (tried: switching on a large read let 4,500 opens wait up to 2.5 s).
/// A separate real-time thread looks at the queue's length (FIONREAD) when events
/// arrive, at most once per `lookGapMicros`, and switches on
///
/// - a burst: at least `burstEvents` events queued and not yet read, or
/// - a stall: events queued at two looks in a row while the event thread read none;
///
/// and back once every look for `calmNanos` found the queue empty. It must look within
/// milliseconds of a herd's start: a herd left to form for 100 ms (a timer of 100 ms
/// tried first) made the daemon's answers wake thousands of waiting openers each, and
/// 4,500 opens under CPU load then waited 1–2.2 s, against 0.12 s when real time was on
/// from the start. On an idle host it sleeps until an event comes, never on a timer.
public struct AnsweringPriority: Sendable, Equatable {
    /// Events queued at one look that mean a burst. One opener at a time never queues
    /// more than a few; a herd queues hundreds.
    public static let burstEvents = 32
    /// How long every look must find the queue empty before real time ends.
    public static let calmNanos: UInt64 = 1_000_000_000
    /// The shortest time between two looks: under a steady stream of events the looks
    /// (and the governor's wake-ups) stay at most 500 a second.
    public static let lookGapMicros: UInt32 = 2000
    /// In real time, how long to wait for an event before looking anyway (the calm is
    /// only seen by looking).
    public static let calmLookMillis: Int32 = 100

    public private(set) var realtime = false
    /// When a look last found events queued while in real time (monotonic ns).
    private var lastQueued: UInt64 = 0
    /// The previous look: events read by then, and whether any were queued.
    private var readsBefore: Int = -1
    private var queuedBefore = false

    public init() {}

    public enum Change: Sendable, Equatable { case toRealtime, toNormal }

    /// One look at `now` (monotonic ns): `queued` events waiting to be read (an upper
    /// bound: FIONREAD bytes over the fixed metadata length) and `reads`, the events the
    /// event thread has read so far. Returns the change to make, if any.
    public mutating func look(queued: Int, reads: Int, now: UInt64) -> Change? {
        let stalled = queued > 0 && queuedBefore && reads == readsBefore
        queuedBefore = queued > 0
        readsBefore = reads
        if realtime {
            if queued > 0 { lastQueued = now; return nil }
            guard now &- lastQueued >= Self.calmNanos else { return nil }
            realtime = false
            return .toNormal
        }
        guard queued >= Self.burstEvents || stalled else { return nil }
        realtime = true
        lastQueued = now
        return .toRealtime
    }

    /// How long to wait for an event before the next look (poll(2)'s timeout): forever
    /// at normal priority (only an event can start a burst), `calmLookMillis` in real time.
    public var waitMillis: Int32 { realtime ? Self.calmLookMillis : -1 }
}
