import Synchronization

// Owns: plain atomic numbers that a component keeps for itself (requests served, writes
// failed, bytes waiting) and that `vigil status` and a scrape read. They are not
// Prometheus metrics: a collector samples them into the registry at scrape time.
// Must not: allocate or lock on `increment`/`set`; some are bumped on worker threads.

/// A count that only goes up. One relaxed atomic add.
public final class Tally: Sendable {
    let cell = Atomic<UInt64>(0)
    public init() {}
    @inline(__always)
    public func increment(by n: UInt64 = 1) { cell.wrappingAdd(n, ordering: .relaxed) }
    public var value: UInt64 { cell.load(ordering: .relaxed) }
}

/// A number that goes up and down (bytes waiting in a spool).
public final class Level: Sendable {
    let cell = Atomic<Int64>(0)
    public init() {}
    @inline(__always)
    public func set(_ v: Int64) { cell.store(v, ordering: .relaxed) }
    @inline(__always)
    public func add(_ d: Int64) { cell.wrappingAdd(d, ordering: .relaxed) }
    public var value: Int64 { cell.load(ordering: .relaxed) }
}
