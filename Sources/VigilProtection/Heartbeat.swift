import Glibc
import Synchronization
import VigilEvents
import VigilSystem

/// A heartbeat event every `intervalSeconds` (sequence number, boot id, process start,
/// tier, marks and canary health, rules and config digests), so a collector sees any gap
/// or reset; and, every second, the run record's "alive" stamp, so the next start can say
/// how long nothing guarded after a `kill -9` nobody saw.
///
/// Owns: its thread and the sequence. Must not: decide health (the facts closure says).
public final class Heartbeat: Service {
    public struct Facts: Sendable {
        public var marksOK: Bool
        public var canaryOK: Bool?
        public var rulesDigest: String
        public var configDigest: String
        public var compromised: Bool
        /// What the kernel refuses on this host (KernelRefusals.refuses).
        public var kernelRefuses: [String] = []
        public init(marksOK: Bool, canaryOK: Bool?, rulesDigest: String, configDigest: String, compromised: Bool) {
            self.marksOK = marksOK
            self.canaryOK = canaryOK
            self.rulesDigest = rulesDigest
            self.configDigest = configDigest
            self.compromised = compromised
        }
    }

    private let intervalSeconds: Int
    /// "A" when BPF LSM enforcement loaded at start, "B" otherwise (fixed for the run).
    private let tier: String
    private let runState: RunState?
    private let facts: @Sendable () -> Facts
    private let emit: @Sendable (String, JSONLine) -> Void
    private let wake: EventFD
    private let stopping = Atomic<Bool>(false)
    private let thread = ThreadGroup()
    public let sequence = Atomic<Int>(0)
    private let bootID = RunState.bootID
    private let processStart = isoTimestamp()

    public init(intervalSeconds: Int, tier: String = "B", runState: RunState?, facts: @escaping @Sendable () -> Facts,
                emit: @escaping @Sendable (String, JSONLine) -> Void) throws(VigilError) {
        self.intervalSeconds = intervalSeconds
        self.tier = tier
        self.runState = runState
        self.facts = facts
        self.emit = emit
        wake = try EventFD()
    }

    public func start() throws(VigilError) {
        thread.spawn("vigil-heartbeat") { [self] in loop() }
    }

    public func stop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        wake.signal()
        thread.joinAll()
    }

    private func loop() {
        var fds = [readable(wake.fd)]
        var next = monotonicNanos()
        while !stopping.load(ordering: .acquiring) {
            runState?.touchAlive()
            let now = monotonicNanos()
            if intervalSeconds > 0 && now >= next {
                next = now + UInt64(intervalSeconds) * 1_000_000_000
                beat()
            }
            _ = try? pollDescriptors(&fds, timeoutMillis: 1000)
        }
    }

    private func beat() {
        let n = sequence.add(1, ordering: .relaxed).newValue
        let f = facts()
        let e = ECSEvent.heartbeat(sequence: n, bootID: bootID, processStart: processStart, tier: tier, marksOK: f.marksOK,
                                   canaryOK: f.canaryOK, rulesDigest: f.rulesDigest, configDigest: f.configDigest, compromised: f.compromised,
                                   kernelRefuses: f.kernelRefuses)
        emit("heartbeat|\(n)", e.render())
    }
}
