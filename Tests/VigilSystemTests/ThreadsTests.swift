import Dispatch
import Glibc
import Synchronization
import Testing
import VigilSystem
import VigilTestSupport

@Suite("BlockingQueue")
struct BlockingQueueTests {
    @Test("first in, first out; full refuses a try and makes a push wait for room")
    func order() {
        let q = BlockingQueue<Int>(capacity: 2)
        #expect(q.tryPush(1) && q.tryPush(2))
        #expect(!q.tryPush(3), "full")
        let pushed = WorkerThread(name: "test-pusher") { q.push(3) }
        #expect(q.pop() == 1)
        pushed.join()
        #expect(q.pop() == 2 && q.pop() == 3)
        #expect(q.depth == 0)
    }

    @Test("close wakes every waiter: pops drain what is left, then return nil; pushes fail")
    func close() {
        let q = BlockingQueue<Int>(capacity: 1)
        let results = Locked<[Int?]>([])
        let threads = ThreadGroup()
        for i in 0..<3 { threads.spawn("test-pop-\(i)") { let v = q.pop(); results.withLock { $0.append(v) } } }
        #expect(q.tryPush(7))
        usleep(50_000)
        q.close()
        threads.joinAll()
        #expect(results.withLock { $0.compactMap { $0 } } == [7])
        #expect(results.withLock { $0.count } == 3)
        #expect(!q.push(8) && !q.tryPush(8))
    }

    @Test("many producers and consumers: every item exactly once")
    func concurrent() {
        let q = BlockingQueue<Int>(capacity: 16)
        let seen = Locked<[Int]>([])
        let consumers = ThreadGroup(), producers = ThreadGroup()
        for c in 0..<3 { consumers.spawn("test-c\(c)") { while let v = q.pop() { seen.withLock { $0.append(v) } } } }
        for p in 0..<4 { producers.spawn("test-p\(p)") { for i in 0..<500 { q.push(p * 1000 + i) } } }
        producers.joinAll()
        q.close()
        consumers.joinAll()
        #expect(seen.withLock { $0.sorted() } == (0..<4).flatMap { p in (0..<500).map { p * 1000 + $0 } })
    }
}

@Suite("services and wake-ups")
struct ServiceTests {
    typealias Log = Locked<[String]>

    final class Recorder: Service {
        let name: String
        let log: Log
        let fails: Bool
        init(_ name: String, _ log: Log, fails: Bool = false) {
            self.name = name
            self.log = log
            self.fails = fails
        }
        func start() throws(VigilError) {
            if fails { throw VigilError("\(name) cannot start") }
            log.withLock { $0.append("start \(name)") }
        }
        func stop() { log.withLock { $0.append("stop \(name)") } }
    }

    @Test("a stack starts in order and stops in reverse, once; one that cannot start is not stopped")
    func stack() {
        let log = Log([])
        let s = ServiceStack()
        #expect(throws: Never.self) {
            try s.start(Recorder("log", log))
            try s.start(Recorder("loop", log))
        }
        #expect(throws: VigilError.self) { try s.start(Recorder("broken", log, fails: true)) }
        s.stopAll()
        s.stopAll()
        #expect(log.withLock { $0 } == ["start log", "start loop", "stop loop", "stop log"])
    }

    @Test("an eventfd wakes a poller once signalled, and drains")
    func eventFD() throws {
        let e = try EventFD()
        var fds = [readable(e.fd)]
        #expect(try pollDescriptors(&fds, timeoutMillis: 0) == 0)
        e.signal()
        e.signal()
        #expect(try pollDescriptors(&fds, timeoutMillis: 0) == 1)
        #expect(e.drain())
        #expect(!e.drain(), "drained")
    }

    @Test("a signalfd delivers the signals it blocks, to the thread that blocked them")
    func signalFD() {
        let got = Locked<[Int32]>([])
        // On a thread of its own: blocking is per thread, and a SIGUSR2 that reached
        // another thread would end the test process.
        WorkerThread(name: "test-signals") {
            guard let s = try? SignalFD(blocking: [SIGUSR2]) else { return }
            raise(SIGUSR2)
            got.withLock { $0 = s.pending() }
        }.join()
        #expect(got.withLock { $0 } == [SIGUSR2])
    }
}

/// A periodic thread's sleep: its work comes when due, and a stop ends the sleep at once
/// (no short naps to notice it: an idle daemon's threads wake only when there is work).
@Suite("stop signal")
struct StopSignalTests {
    @Test("a sleep runs its time out; stop ends a long sleep at once; after stop every sleep says stopped")
    func sleepAndStop() {
        let s = StopSignal()
        let t0 = monotonicNanos()
        #expect(s.sleep(nanos: 20_000_000), "the time ran out: not stopped")
        #expect(monotonicNanos() - t0 >= 20_000_000)
        let ended = Atomic<UInt64>(0)
        let sleeper = ThreadGroup()
        let start = monotonicNanos()
        sleeper.spawn("sleeper") {
            let out = s.sleep(nanos: 60_000_000_000)
            ended.store(out ? 1 : monotonicNanos(), ordering: .releasing)
        }
        usleep(50_000)
        s.stop()
        sleeper.joinAll()
        let at = ended.load(ordering: .acquiring)
        #expect(at > 1, "the sleep said stopped")
        #expect(at - start < 10_000_000_000, "a 60 s sleep ended by the stop, not by its time")
        #expect(!s.sleep(nanos: 60_000_000_000) && s.isStopped, "after stop: at once, stopped")
    }
}
