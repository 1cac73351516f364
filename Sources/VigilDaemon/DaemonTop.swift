import VigilEvents
import VigilInsight
import VigilSystem

/// `vigil top`'s reply: the ring's samples of the last `windowSeconds`, ranked by every
/// dimension, with the processes named from /proc at query time (on the control
/// socket's thread, never the permission path's).
///
/// Owns: the `top` reply. Must not: touch the ring's writers (it only snapshots).
enum DaemonTop {
    static func reply(ring: ActivityRing, windowSeconds: Int, limit: Int) -> String {
        let now = monotonicNanos()
        let windowNanos = UInt64(max(1, windowSeconds)) * 1_000_000_000
        let since = now > windowNanos ? now - windowNanos : 0
        let snap = ring.snapshot(sinceNanos: since)
        // The ring wrapped inside the window: the rates are over what it still holds.
        let truncated = snap.oldestKept.map { $0 >= since } ?? false && snap.totalAppended > UInt64(ring.capacity)
        let covered = truncated ? Double(now - (snap.samples.first?.monotonicNanos ?? now)) / 1e9 : Double(windowNanos) / 1e9
        var identities: [Int32: ProcessIdentity] = [:]
        for pid in Set(snap.samples.map(\.pid)) {
            guard let exe = readLink("/proc/\(pid)/exe") else { continue }
            let cmdline = readSmallFile("/proc/\(pid)/cmdline").map { String($0.map { $0 == "\0" ? " " : $0 }).trimmingTrailingSpaces } ?? ""
            identities[pid] = ProcessIdentity(executable: exe.description, commandLine: String(cmdline.prefix(300)))
        }
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

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
