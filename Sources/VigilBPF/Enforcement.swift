import CVigilBPF
import Glibc
import Synchronization

/// Tier A, running: Vigil's BPF LSM programs attached and pinned in a private bpffs,
/// and the calls the daemon makes on them. See README "Tier A: enforcement with BPF LSM"
/// for the start-up order.
///
/// Thread safety: every call but `readEvents` is one bpf(2) map operation on a
/// descriptor that never changes after `open`, so they may run on any thread at once;
/// `readEvents` drains the ring buffer and is serialised by `reader`.
///
/// Owns: the loader handle and its descriptors. Must not: decide what to protect (the
/// daemon passes a `ProtectionPlan`), run a thread of its own, or log.
public final class Enforcement: Sendable {
    public struct Options: Sendable {
        /// Where the private bpffs is mounted (root-only; protected once loaded).
        public var pinDirectory: String = "/run/vigil/bpf"
        public var lease: Lease = Lease()
        /// Events per second per CPU the kernel sends before it starts counting instead.
        public var eventRate: UInt32 = 200
        public var eventBurst: UInt32 = 100
        /// The sealed agent binary: processes running it (untraced, with only sealed code
        /// mapped) may re-open the pins after a restart. Defaults to /proc/self/exe.
        public var agentExecutable: FileID?
        public init() {}
    }

    /// The C handle. Immutable after `open` except the event queue, which only
    /// `readEvents` touches, under `reader`.
    private struct Handle: @unchecked Sendable {
        let raw: OpaquePointer
    }

    private let handle: Handle
    private let reader = Mutex<Void>(())
    public let options: Options
    /// True if `open` found this build's pins and re-attached to them (a restarted daemon).
    public let reopened: Bool

    /// Loads and attaches the programs and pins them, or re-opens this build's pins.
    /// Call only after `TierA.probe()` said `.available`.
    public static func open(_ options: Options = Options()) throws(BPFError) -> Enforcement {
        var options = options
        let exe: FileID
        if let given = options.agentExecutable { exe = given } else { exe = try FileID.of("/proc/self/exe") }
        options.agentExecutable = exe
        var mntNS = stat()
        guard stat("/proc/1/ns/mnt", &mntNS) == 0 else { throw BPFError("stat /proc/1/ns/mnt", code: errno) }
        try makeParents(of: options.pinDirectory)
        var raw: OpaquePointer? = nil
        let rc = options.pinDirectory.withCString { pin -> Int32 in
            var o = vigil_bpf_options()
            o.pin_dir = pin
            o.lease_max_ns = Lease.nanoseconds(options.lease.maximum)
            o.event_rate = options.eventRate
            o.event_burst = options.eventBurst
            o.agent_exe = vigil_inode_key(ino: exe.inode, dev: exe.device, pad: 0)
            o.init_mnt_ns = UInt64(mntNS.st_ino)
            return vigil_bpf_open(&o, &raw)
        }
        guard rc == 0, let raw else {
            throw BPFError("load Tier A programs (pins in \(options.pinDirectory))", code: -rc,
                           log: String(cString: vigil_bpf_last_log()))
        }
        return Enforcement(Handle(raw: raw), options: options)
    }

    private init(_ handle: Handle, options: Options) {
        self.handle = handle
        self.options = options
        reopened = vigil_bpf_reused(handle.raw) != 0
    }

    deinit {
        vigil_bpf_close(handle.raw)   // descriptors only: the pinned programs stay attached
    }

    /// The name of the pin folder's build (a digest of the BPF object).
    public static var buildDigest: String { String(cString: vigil_bpf_digest()) }

    // ---- agents and lease -------------------------------------------------------------

    /// Makes a thread group an agent: exempt from file protections, protected from
    /// signals and ptrace while the lease holds, allowed on Vigil's BPF objects, and
    /// limited to sealed code. Register the daemon and its watchdog; agency ends when the
    /// process execs or exits. Register another process only while it cannot be
    /// replaced under its pid (your unreaped child).
    public func registerAgent(tgid: pid_t) throws(BPFError) {
        try check(vigil_bpf_agent(handle.raw, UInt32(bitPattern: tgid), 1), "register agent \(tgid)")
    }

    public func unregisterAgent(tgid: pid_t) throws(BPFError) {
        try check(vigil_bpf_agent(handle.raw, UInt32(bitPattern: tgid), 0), "unregister agent \(tgid)")
    }

    /// Pushes the lease deadline `options.lease.duration` ahead. Call every
    /// `options.lease.renewalInterval` from a thread that does nothing that can block on
    /// a guarded file (the lease is what tells "alive" from "wedged").
    public func renewLease() throws(BPFError) {
        try check(vigil_bpf_set_lease(handle.raw, options.lease.deadline()), "renew lease")
    }

    /// Ends the lease now: process protections lapse at once (clean shutdown).
    public func expireLease() throws(BPFError) {
        try check(vigil_bpf_set_lease(handle.raw, 0), "expire lease")
    }

    // ---- protected inodes and sealed code -----------------------------------------------

    public func protect(_ inodes: [ProtectedInode]) throws(BPFError) {
        for entry in inodes {
            try check(vigil_bpf_protect(handle.raw, key(entry.id), entry.protection.rawValue), "protect \(entry.id)")
        }
    }

    public func protect(_ plan: ProtectionPlan) throws(BPFError) {
        try protect(plan.entries)
    }

    public func unprotect(_ ids: [FileID]) throws(BPFError) {
        for id in ids {
            try check(vigil_bpf_protect(handle.raw, key(id), 0), "unprotect \(id)")
        }
    }

    /// Adds inodes to the sealed code list: the only files agents may map executable.
    public func seal(_ ids: [FileID]) throws(BPFError) {
        for id in ids {
            try check(vigil_bpf_seal(handle.raw, key(id), 1), "seal \(id)")
        }
    }

    public func unseal(_ ids: [FileID]) throws(BPFError) {
        for id in ids {
            try check(vigil_bpf_seal(handle.raw, key(id), 0), "unseal \(id)")
        }
    }

    // ---- status and events ------------------------------------------------------------

    public struct Status: Sendable, Equatable {
        public var hooks: [(name: String, attached: Bool)]
        public var reopened: Bool
        /// Refusals (and trust changes) by kind since load, whether or not their event was sent.
        public var counts: [RefusalEvent.Kind: UInt64]
        /// Events the kernel did not send because of the rate limit.
        public var suppressed: UInt64
        /// Events lost because the ring buffer was full.
        public var ringBufferFull: UInt64
        /// Events lost in user space (queue full between two reads).
        public var lost: UInt64

        public var allAttached: Bool { hooks.allSatisfy(\.attached) }

        public static func == (a: Status, b: Status) -> Bool {
            a.hooks.map(\.name) == b.hooks.map(\.name) && a.hooks.map(\.attached) == b.hooks.map(\.attached)
                && a.reopened == b.reopened && a.counts == b.counts && a.suppressed == b.suppressed
                && a.ringBufferFull == b.ringBufferFull && a.lost == b.lost
        }
    }

    public func status() throws(BPFError) -> Status {
        var hooks: [(String, Bool)] = []
        for i in 0..<vigil_bpf_hook_count() {
            hooks.append((String(cString: vigil_bpf_hook_name(i)), vigil_bpf_hook_attached(handle.raw, i) == 1))
        }
        var slots = [UInt64](repeating: 0, count: Int(VIGIL_STAT_SLOTS.rawValue))
        try check(vigil_bpf_stats(handle.raw, &slots), "read counters")
        var counts: [RefusalEvent.Kind: UInt64] = [:]
        for kind in RefusalEvent.Kind.allCases where slots[Int(kind.rawValue)] > 0 {
            counts[kind] = slots[Int(kind.rawValue)]
        }
        return Status(hooks: hooks, reopened: reopened, counts: counts,
                      suppressed: slots[Int(VIGIL_STAT_SUPPRESSED.rawValue)],
                      ringBufferFull: slots[Int(VIGIL_STAT_RINGBUF_FULL.rawValue)],
                      lost: vigil_bpf_events_lost(handle.raw))
    }

    /// Waits up to `timeoutMilliseconds` for events and returns those that arrived (empty
    /// on timeout). Blocking: call it from the daemon's event-reader thread.
    public func readEvents(timeoutMilliseconds: Int32) throws(BPFError) -> [RefusalEvent] {
        try reader.withLock { _ throws(BPFError) -> [RefusalEvent] in
            let queued = vigil_bpf_events_poll(handle.raw, timeoutMilliseconds)
            guard queued >= 0 else { throw BPFError("read events", code: -queued) }
            guard queued > 0 else { return [] }
            var raw = [vigil_event](repeating: vigil_event(), count: Int(queued))
            let n = vigil_bpf_events_take(handle.raw, &raw, queued)
            return raw.prefix(Int(n)).map(RefusalEvent.init)
        }
    }

    /// Maintenance: detaches every program, removes the pins and unmounts the private
    /// bpffs. Every protection ends. Only an agent succeeds.
    public func release() throws(BPFError) {
        try check(vigil_bpf_release(handle.raw), "release Tier A")
    }

    // ---- helpers ------------------------------------------------------------------------

    /// For extensions in this module: one call on the C handle (a map operation).
    func withHandle<T>(_ body: (OpaquePointer) -> T) -> T {
        body(handle.raw)
    }

    private func key(_ id: FileID) -> vigil_inode_key {
        vigil_inode_key(ino: id.inode, dev: id.device, pad: 0)
    }

    private func check(_ rc: Int32, _ what: String) throws(BPFError) {
        if rc != 0 { throw BPFError(what, code: -rc) }
    }

    private static func makeParents(of path: String) throws(BPFError) {
        var prefix = ""
        for component in path.split(separator: "/").dropLast() {
            prefix += "/" + component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST { throw BPFError("mkdir \(prefix)", code: errno) }
        }
    }
}
