import Testing
@testable import VigilOnAccess

/// `realtime = "burst"`: when the answering threads go into real time and back, from
/// looks at the kernel's queue (events queued, events read so far, the time). No kernel:
/// PriorityGovernor feeds the same looks from FIONREAD (AnsweringPriorityDaemonTests).
@Suite("answering priority: real time while opens queue up")
struct AnsweringPriorityTests {
    typealias P = AnsweringPriority
    static let ms: UInt64 = 1_000_000

    /// One look: queued events, events read so far, at milliseconds; the change expected.
    struct Look: CustomStringConvertible, Sendable {
        let queued: Int, reads: Int, at: UInt64
        let change: P.Change?
        var description: String { "\(queued) queued, \(reads) read, at \(at) ms" }
    }

    static func look(_ queued: Int, _ reads: Int, at: UInt64, _ change: P.Change? = nil) -> Look {
        Look(queued: queued, reads: reads, at: at, change: change)
    }

    @Test("each story of looks gives exactly its changes", arguments: [
        ("idle: nothing queued, nothing read: never real time",
         [look(0, 0, at: 0), look(0, 0, at: 100), look(0, 0, at: 200)]),
        ("one opener at a time: an event or two queued, read before the next look: stays normal",
         [look(0, 0, at: 0), look(1, 0, at: 100), look(0, 1, at: 110), look(2, 1, at: 120), look(1, 3, at: 130), look(0, 4, at: 140)]),
        ("a herd: the burst size queued at one look switches at once",
         [look(0, 0, at: 0), look(P.burstEvents, 0, at: 100, .toRealtime)]),
        ("one short of the burst size, but read meanwhile: no switch",
         [look(P.burstEvents - 1, 0, at: 0), look(P.burstEvents - 1, 40, at: 10)]),
        ("a stall: events queued at two looks in a row and none read between: switches",
         [look(3, 7, at: 0), look(3, 7, at: 100, .toRealtime)]),
        ("queued at two looks but read between (a steady stream): no switch",
         [look(3, 7, at: 0), look(3, 9, at: 10), look(2, 12, at: 20)]),
        ("read nothing, but the queue emptied (answered events, none new): no switch",
         [look(3, 7, at: 0), look(0, 7, at: 100)]),
        ("back to normal only after a calm second: every look in it found the queue empty",
         [look(P.burstEvents, 0, at: 0, .toRealtime), look(0, 500, at: 10), look(0, 500, at: 500), look(0, 500, at: 999),
          look(0, 500, at: 1000, .toNormal)]),
        ("events queued during the calm restart it",
         [look(P.burstEvents, 0, at: 0, .toRealtime), look(0, 500, at: 900), look(1, 500, at: 950), look(0, 501, at: 1500),
          look(0, 501, at: 1950, .toNormal)]),
        ("a second burst after the calm switches again",
         [look(100, 0, at: 0, .toRealtime), look(0, 100, at: 1000, .toNormal), look(0, 100, at: 1100),
          look(200, 100, at: 1200, .toRealtime)]),
    ])
    func story(_ name: String, _ looks: [Look]) {
        var p = P()
        for l in looks {
            #expect(p.look(queued: l.queued, reads: l.reads, now: l.at * Self.ms) == l.change, "\(name): \(l)")
        }
    }

    @Test("at normal priority it waits for an event as long as it takes; in real time it looks at least every 100 ms, to see the calm")
    func waits() {
        var p = P()
        #expect(p.waitMillis == -1, "a new daemon: no timer")
        _ = p.look(queued: 500, reads: 5, now: 0)
        #expect(p.realtime && p.waitMillis == P.calmLookMillis)
        _ = p.look(queued: 0, reads: 505, now: P.calmNanos)
        #expect(!p.realtime && p.waitMillis == -1)
        // A herd must be seen within milliseconds of its start (the 100 ms timer tried
        // first let it form): looks are at most 2 ms apart while events come.
        #expect(P.lookGapMicros <= 2000)
    }
}
