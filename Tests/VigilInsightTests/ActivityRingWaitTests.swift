import Foundation
import Glibc
import Testing
import VigilInsight
import VigilSystem

/// The namer's thread sleeps on the ring while the daemon is idle (ActivityRing.waitForSamples):
/// the next sample, or a stop, wakes it; nothing else does.
@Suite("the ring wakes its one reader")
struct ActivityRingWaitTests {
    func sample(_ pid: Int32) -> ActivitySample {
        ActivitySample(monotonicNanos: monotonicNanos(), pid: pid, path: RawPath("/srv/f"), kind: .open, verdict: .allow, latencyMicros: 5, rule: nil)
    }

    @Test("no sample: the wait runs out and says so")
    func timesOut() {
        let ring = ActivityRing(capacity: 8)
        #expect(ring.waitForSamples(after: ring.totalAppended, timeoutNanos: 50_000_000) == false)
    }

    @Test("samples already there: no wait at all")
    func alreadyThere() {
        let ring = ActivityRing(capacity: 8)
        let seen = ring.totalAppended
        ring.append(sample(1))
        #expect(ring.waitForSamples(after: seen, timeoutNanos: 30_000_000_000))
    }

    @Test("a sample appended while the reader sleeps wakes it, long before its bound")
    func appendWakes() {
        let ring = ActivityRing(capacity: 8)
        let seen = ring.totalAppended
        let writer = Thread { usleep(100_000); ring.append(ActivityRingWaitTests().sample(2)) }
        writer.start()
        let start = Date()
        #expect(ring.waitForSamples(after: seen, timeoutNanos: 30_000_000_000))
        // A bound against a hang (the wait's own bound is 30 s), not a speed test.
        #expect(Date().timeIntervalSince(start) < 20)
    }

    @Test("wakeReader ends the wait (a stop), with no sample")
    func stopWakes() {
        let ring = ActivityRing(capacity: 8)
        let seen = ring.totalAppended
        let stopper = Thread { usleep(100_000); ring.wakeReader() }
        stopper.start()
        let start = Date()
        #expect(ring.waitForSamples(after: seen, timeoutNanos: 30_000_000_000) == false)
        #expect(Date().timeIntervalSince(start) < 20)
    }
}
