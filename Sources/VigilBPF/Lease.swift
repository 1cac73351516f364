import Glibc

/// The dead-man lease: process protections (signals, ptrace, rlimit, scheduling) hold
/// only while the deadline an agent last wrote lies in the future. Renew every
/// `renewalInterval` (a third of the duration, so two missed renewals still leave
/// protection on); a daemon wedged for `duration` becomes killable and debuggable.
/// The BPF side also refuses a deadline further out than `maximum` (frozen at load), so
/// no agent can make itself unkillable for longer than the loader allowed.
public struct Lease: Sendable, Equatable {
    public let duration: Duration
    public let maximum: Duration

    public init(duration: Duration = .seconds(10), maximum: Duration = .seconds(60)) {
        precondition(duration > .zero && duration <= maximum, "lease duration must be in (0, maximum]")
        self.duration = duration
        self.maximum = maximum
    }

    public var renewalInterval: Duration { duration / 3 }

    /// The deadline to write now: CLOCK_BOOTTIME (the clock bpf_ktime_get_boot_ns reads;
    /// it keeps counting through suspend, so a suspended host wakes with the lease expired
    /// rather than with a stale one extended).
    public func deadline(from now: UInt64 = Lease.boottimeNow()) -> UInt64 {
        now + Lease.nanoseconds(duration)
    }

    public static func boottimeNow() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_BOOTTIME, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    static func nanoseconds(_ d: Duration) -> UInt64 {
        let (seconds, attoseconds) = d.components
        return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
    }
}
