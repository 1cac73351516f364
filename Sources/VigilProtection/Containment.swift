import Glibc
import Synchronization
import VigilSystem

/// The daemon's containment domain, prepared once at start-up and entered by every
/// thread that parses untrusted bytes (`enterCurrentThread()` first thing in its body).
public enum Containment {
    private static let ruleset = Atomic<Int32>(-1)
    public static let entered = Atomic<Int>(0)
    public static let failures = Atomic<Int>(0)

    static func install(_ fd: Int32) {
        let old = ruleset.exchange(fd, ordering: .acquiringAndReleasing)
        if old >= 0 { close(old) }
    }

    public static var isPrepared: Bool { ruleset.load(ordering: .acquiring) >= 0 }

    /// A no-op when no domain was prepared (protection off, or no Landlock).
    public static func enterCurrentThread() {
        let fd = ruleset.load(ordering: .acquiring)
        guard fd >= 0 else { return }
        do {
            try Landlock.restrictCurrentThread(fd)
            entered.add(1, ordering: .relaxed)
        } catch {
            failures.add(1, ordering: .relaxed)
        }
    }
}

