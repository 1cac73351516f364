import Dispatch
import Testing
@testable import VigilOnAccess
import VigilSystem
import VigilTestSupport

@Suite("FairQueue")
struct FairQueueTests {
    @Test("lanes are served in turn: a flooding lane waits behind itself, not in front of others")
    func roundRobin() {
        let q = FairQueue<String>(capacity: 100, consumers: 1)
        for i in 0..<5 { #expect(q.tryPush("flood\(i)", lane: 1)) }
        #expect(q.tryPush("victim", lane: 2))
        #expect(q.pop() == "flood0")
        #expect(q.pop() == "victim", "the second lane's only job is next, not sixth")
        #expect(q.pop() == "flood1")
    }

    @Test("a full queue refuses and counts; closing drains what is left, then ends")
    func capacityAndClose() {
        let q = FairQueue<Int>(capacity: 2, consumers: 2)
        #expect(q.tryPush(1, lane: 0) && q.tryPush(2, lane: 1))
        #expect(!q.tryPush(3, lane: 2))
        #expect(q.refused == 1 && q.depth == 2 && q.maxDepth == 2)
        q.close()
        #expect(!q.tryPush(4, lane: 0))
        #expect(q.pop() == 1 && q.pop() == 2)
        #expect(q.pop() == nil)
        #expect(q.pop() == nil, "every consumer sees the end")
    }

    @Test("concurrent consumers take every job exactly once")
    func concurrent() {
        let q = FairQueue<Int>(capacity: 10_000, consumers: 4)
        for i in 0..<5000 { #expect(q.tryPush(i, lane: UInt32(i % 7))) }
        q.close()
        let seen = Locked<[[Int]]>(Array(repeating: [], count: 4))
        DispatchQueue.concurrentPerform(iterations: 4) { w in
            var mine: [Int] = []
            while let j = q.pop() { mine.append(j) }
            seen.withLock { $0[w] = mine }
        }
        #expect(seen.value.flatMap { $0 }.sorted() == Array(0..<5000))
    }
}

@Suite("FloodGate")
struct FloodGateTests {
    @Test("the first lines of a window are logged one by one; the rest are summarised with examples")
    func burstThenSummary() {
        let g = FloodGate(burst: 3, windowNanos: 1_000)
        var logged = 0
        for i in 0..<10 where g.admit("timeout", example: "/f\(i)", now: 100).log { logged += 1 }
        #expect(logged == 3)
        #expect(g.admit("queue-full", example: "/other", now: 100).log, "each reason has its own budget")
        let (_, closed) = g.admit("timeout", example: "/late", now: 5_000)
        #expect(closed == [FloodGate.Summary(reason: "timeout", suppressed: 7, examples: ["/f3", "/f4", "/f5", "/f6", "/f7"])])
        #expect(g.drain(now: 5_000, force: true).isEmpty, "the new window has nothing suppressed yet")
    }
}
