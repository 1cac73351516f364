import DequeModule
import Dispatch
import Synchronization

/// The scan workers' queue: bounded, with one lane per opener (its uid) served in turn.
/// A user who opens many slow files waits behind its own work, not everyone's: the next
/// free worker takes the oldest job of the next lane, so another user's open is at most
/// one scan budget away from a worker however long the flooder's lane is.
///
/// Full: `tryPush` returns false and the caller answers by `on_queue_full`.
/// Closed: pushes fail; pops drain what is left, then return nil.
///
/// Owns: queued jobs. Must not: answer events (the owner decides what a refusal means).
public final class FairQueue<Job: Sendable>: Sendable {
    private struct State {
        var lanes: [UInt32: Deque<Job>] = [:]
        /// Lanes with work, in serving order.
        var turn: Deque<UInt32> = []
        var count = 0
        var closed = false
        var maxDepth = 0
        var full = 0
    }

    private let state = Mutex(State())
    private let ready = DispatchSemaphore(value: 0)
    public let capacity: Int
    private let consumers: Int

    /// `consumers`: how many threads pop (each is woken once on close).
    public init(capacity: Int, consumers: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
        self.consumers = max(1, consumers)
    }

    public func tryPush(_ job: Job, lane: UInt32) -> Bool {
        let ok = state.withLock { s -> Bool in
            if s.closed || s.count >= capacity { s.full += 1; return false }
            if s.lanes[lane] == nil || s.lanes[lane]!.isEmpty { s.turn.append(lane) }
            s.lanes[lane, default: []].append(job)
            s.count += 1
            s.maxDepth = max(s.maxDepth, s.count)
            return true
        }
        if ok { ready.signal() }
        return ok
    }

    /// The next job (blocking), taking lanes in turn; nil once closed and drained.
    public func pop() -> Job? {
        while true {
            ready.wait()
            if let job = take() { return job }
        }
    }

    /// Like `pop()`, but calls `onIdle` whenever `idle` passes with nothing to take: an
    /// idle worker lets go of what it holds (the scanner of a rule set a reload replaced,
    /// which would otherwise keep the old set in memory until the next job).
    public func pop(idle: DispatchTimeInterval, onIdle: () -> Void) -> Job? {
        while true {
            if ready.wait(timeout: .now() + idle) == .timedOut {
                onIdle()
                continue
            }
            if let job = take() { return job }
        }
    }

    /// After a permit: .some(job), .some(nil) when closed and drained, nil to wait again.
    private func take() -> Job?? {
        let job: Job?? = state.withLock { s in
            guard let lane = s.turn.popFirst() else { return s.closed ? .some(nil) : .none }
            let job = s.lanes[lane]!.removeFirst()
            if s.lanes[lane]!.isEmpty { s.lanes[lane] = nil } else { s.turn.append(lane) }
            s.count -= 1
            return .some(job)
        }
        if case .some(nil) = job { ready.signal() } // let the other consumers see the close too
        return job
    }

    public func close() {
        state.withLock { $0.closed = true }
        for _ in 0..<consumers { ready.signal() }
    }

    public var depth: Int { state.withLock { $0.count } }
    public var maxDepth: Int { state.withLock { $0.maxDepth } }
    public var lanes: Int { state.withLock { $0.lanes.count } }
    /// Pushes refused because the queue was full or closed.
    public var refused: Int { state.withLock { $0.full } }
}
