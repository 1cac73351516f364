import Glibc
import Synchronization
import VigilEvents
import VigilInsight
import VigilSystem

/// `vigil top`'s reply: the ring's samples of the last `windowSeconds`, ranked by every
/// dimension, with the processes named by the ProcessNamer (its thread, and a last
/// catch-up on the control socket's thread; never the permission path's).
///
/// Owns: the `top` reply and the namer's thread. Must not: touch the ring's writers (it only snapshots).
enum DaemonTop {
    static func reply(ring: ActivityRing, names: ProcessNamer, windowSeconds: Int, limit: Int) -> String {
        let now = monotonicNanos()
        let windowNanos = UInt64(max(1, windowSeconds)) * 1_000_000_000
        let since = now > windowNanos ? now - windowNanos : 0
        let snap = ring.snapshot(sinceNanos: since)
        // The ring wrapped inside the window: the rates are over what it still holds.
        let truncated = snap.oldestKept.map { $0 >= since } ?? false && snap.totalAppended > UInt64(ring.capacity)
        let covered = truncated ? Double(now - (snap.samples.first?.monotonicNanos ?? now)) / 1e9 : Double(windowNanos) / 1e9
        // Named near their events by the namer's thread; the last 100 ms are named now.
        names.catchUp()
        let identities = names.identities(for: Set(snap.samples.map(\.pid)))
        var o = JSONLine()
        o.add("ok", true)
        o.add("window_seconds", windowSeconds)
        o.add("covered_seconds", (covered * 10).rounded() / 10)
        o.add("truncated", truncated)
        o.add("events", snap.samples.count)
        o.add("events_per_second", covered > 0 ? (Double(snap.samples.count) / covered * 100).rounded() / 100 : 0)
        o.add("ring_capacity", ring.capacity)
        var groups = JSONLine()
        for d in InsightDimension.allCases {
            groups.add(d.rawValue, objects: TopTable.json(TopTable.rank(snap.samples, by: d, limit: limit, identities: identities), d, seconds: covered))
        }
        o.add("groups", object: groups)
        return o.text
    }
}

/// The ProcessNamer's thread: while events come, it names the pids of the ring's new
/// samples every 100 ms (a batch per tick); when none came in a tick, it sleeps until
/// the next one, so an idle daemon does not wake it.
final class ProcessNamerService: Service {
    let namer: ProcessNamer
    private let stopSignal = StopSignal()
    private let thread = Mutex<WorkerThread?>(nil)
    init(_ namer: ProcessNamer) { self.namer = namer }

    func start() throws(VigilError) {
        thread.withLock { t in
            guard t == nil else { return }
            t = WorkerThread(name: "vigil-namer") { [self] in
                while !stopSignal.isStopped {
                    namer.catchUp()
                    let named = namer.samplesAppended
                    guard stopSignal.sleep(nanos: 100_000_000) else { break }
                    // Quiet for a tick: sleep until a sample comes (the minute is only a
                    // bound; `stop` ends the wait at once).
                    if namer.samplesAppended == named { _ = namer.waitForSamples(after: named, timeoutNanos: 60_000_000_000) }
                }
            }
        }
    }

    func stop() {
        stopSignal.stop()
        namer.wake()
        thread.withLock { t in t?.join(); t = nil }
    }
}
