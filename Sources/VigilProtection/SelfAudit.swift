import CLinux
import Glibc
import Synchronization
import VigilEvents
import VigilSystem

/// Tier B of self-protection, for kernels where nothing refuses a hostile root: the
/// daemon checks itself every sweep and says so, loudly, when it was blinded.
/// - its fanotify groups' marks (/proc/self/fdinfo) against what it placed: a removed
///   or flushed mark, or an ignore mark it did not set (someone took the group's fd with
///   pidfd_getfd and called fanotify_mark) is a critical `blinded` event, an alarm in
///   `vigil status`, and the marks are put back;
/// - a tracer (TracerPid): `traced`;
/// - executable mappings (/proc/self/maps) that were not there at start: `code-injected`.
/// It also makes the daemon non-dumpable, which refuses ptrace and /proc/PID/mem to
/// anyone without CAP_SYS_PTRACE.
///
/// An alarm stays raised until the daemon restarts (a repaired attack is still an
/// attack); `alarms` is what `vigil status` shows.
///
/// Owns: the audit thread and the alarms. Must not: place marks itself (each target's
/// repair does), decide what a finding is (MarkAudit, ProcessAudit do).
public final class SelfAudit: Service {
    /// One fanotify group to audit.
    public struct Target: Sendable {
        public let name: String
        public let group: FanotifyGroup
        /// What the group should hold now; nil skips this sweep (maintenance, a reload).
        public let expectation: @Sendable () -> MarkExpectation?
        /// Puts the marks back after `findings`.
        public let repair: @Sendable ([MarkFinding]) -> Void

        public init(name: String, group: FanotifyGroup, expectation: @escaping @Sendable () -> MarkExpectation?,
                    repair: @escaping @Sendable ([MarkFinding]) -> Void) {
            self.name = name
            self.group = group
            self.expectation = expectation
            self.repair = repair
        }
    }

    public struct Alarm: Sendable, Equatable {
        public let action: String
        public let change: String
        public let detail: String
        public let since: String
        /// The audit no longer sees it (the marks were put back, the tracer left).
        public var cleared = false
    }

    private let targets: Mutex<[Target]>
    /// When each group's marks may be read again (monotonic ns), by target name: see
    /// `markAuditShare`.
    private let nextMarkAudit = Mutex<[String: UInt64]>([:])
    /// The most of one CPU the mark audits may take. Reading a group's marks costs the
    /// kernel and us a line per mark, and the on-access group holds one per cached file:
    /// 50,000 cached files made each read take about 0.3 s, and the sweep took half a CPU
    /// at idle. A group read that took T is read again no sooner than T / share later, so
    /// a group of a few hundred marks is still read every sweep (a millisecond or less),
    /// and one of 50,000 every few seconds.
    static let markAuditShare = 0.05
    private let emit: @Sendable (String, JSONLine) -> Void
    private let intervalMillis: Int32
    private let wake: EventFD
    private let stopping = Atomic<Bool>(false)
    private let thread = ThreadGroup()
    private let raised = Mutex<[String: Alarm]>([:])
    /// Alarms raised and cleared from outside the sweep (the canary's reports).
    private let external = Mutex<Set<String>>([])
    /// Paths a mount over which is tampering, and the mount ids present at start.
    private let mountWatch = Mutex<(paths: [String], baseline: Set<MountAudit.Seen>)>(([], []))
    /// Identities of the executable mappings at start (see ProcessAudit.unknownMappings).
    private let sealedCode: Set<String>
    public let sweeps = Atomic<Int>(0)
    /// How often the sweep found the process dumpable again and turned it off.
    public let dumpableResets = Atomic<Int>(0)
    /// The kernel log, read on this thread when it has records (between sweeps too).
    private let kernelLog = Mutex<KernelLogFollower?>(nil)

    public init(targets: [Target] = [], intervalMillis: Int = 500, emit: @escaping @Sendable (String, JSONLine) -> Void) throws(VigilError) {
        self.targets = Mutex(targets)
        self.emit = emit
        self.intervalMillis = Int32(max(100, intervalMillis))
        wake = try EventFD()
        let maps = readWholeFile("/proc/self/maps").map { String(decoding: $0, as: UTF8.self) } ?? ""
        sealedCode = Set(ProcessAudit.executableMappings(maps: Substring(maps)).map(\.identity))
    }

    /// Watches the daemon's mount table for mounts over `paths` or their ancestors,
    /// from now on (what is mounted now is the baseline).
    public func watchMounts(over paths: [String]) {
        let table = MountInfo.parse(readWholeFile("/proc/self/mountinfo") ?? [])
        mountWatch.withLock { $0 = (paths, MountAudit.baseline(table)) }
    }

    /// Asks for a sweep now (a mount event arrived): the thread wakes before its interval.
    public func sweepSoon() { wake.signal() }

    /// Follows the kernel log on this thread from start (KernelLog.swift): a refusal is
    /// reported as it is logged, not at the next sweep.
    public func follow(_ log: KernelLogFollower) { kernelLog.withLock { $0 = log } }

    /// Adds groups to audit (before or after start).
    public func add(_ more: [Target]) { targets.withLock { $0 += more } }

    /// The alarms raised since start, oldest first.
    public var alarms: [Alarm] { raised.withLock { Array($0.values) }.sorted { $0.since < $1.since } }
    /// True while any alarm is raised: the status is red.
    public var compromised: Bool { raised.withLock { !$0.isEmpty } }

    public func start() throws(VigilError) {
        // Not dumpable: ptrace, /proc/PID/mem and pidfd_getfd need CAP_SYS_PTRACE now,
        // not merely the same uid. Root keeps it; the sweep below sees a tracer.
        _ = vigil_prctl_set_dumpable(0)
        thread.spawn("vigil-audit") { [self] in loop() }
    }

    public func stop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        wake.signal()
        thread.joinAll()
    }

    private func loop() {
        var follower = kernelLog.withLock { $0 }
        var next: UInt64 = 0
        while !stopping.load(ordering: .acquiring) {
            let now = monotonicNanos()
            if now >= next {
                sweep()
                sweeps.add(1, ordering: .relaxed)
                next = monotonicNanos() + UInt64(intervalMillis) * 1_000_000
            }
            var fds = [readable(wake.fd)]
            if let f = follower, f.descriptor >= 0 { fds.append(readable(f.descriptor)) }
            _ = try? pollDescriptors(&fds, timeoutMillis: Self.pollMillis(until: next, now: monotonicNanos()))
            if stopping.load(ordering: .acquiring) { break }
            // A wake (sweepSoon, a mount event) sweeps now.
            if fds[0].revents != 0, wake.drain() { next = 0 }
            if fds.count > 1, fds[1].revents != 0, follower?.drain() == false { follower = nil }
        }
    }

    /// How long the loop may wait for the kernel log or a wake before the next sweep: at
    /// least 1 ms, 0 never (a busy loop). One reading of the clock: the loop used to read it
    /// twice, `next > now1 ? next - now2 : 0`, and a thread descheduled between the two
    /// reads past `next` trapped on the unsigned subtraction (SIGILL in vigil-audit,
    /// SelfAudit.swift:126: the phase 2 daemon that died in the Tier B guest, issue 12).
    static func pollMillis(until next: UInt64, now: UInt64) -> Int32 {
        let left = next > now ? next - now : 0
        return max(1, Int32(clamping: left / 1_000_000))
    }

    /// One audit of everything; public so a test or `vigil status` may force one.
    public func sweep() {
        // The kernel resets it on some credential changes: asserted again each sweep.
        if vigil_prctl_get_dumpable() != 0 {
            _ = vigil_prctl_set_dumpable(0)
            dumpableResets.add(1, ordering: .relaxed)
        }
        var seen = Set<String>()
        for target in targets.withLock({ $0 }) {
            let now = monotonicNanos()
            if let due = nextMarkAudit.withLock({ $0[target.name] }), now < due {
                // Not read this sweep: its alarms stand until the next read says otherwise.
                // (A target's name is the group its findings name.)
                let prefix = SelfAudit.blindedKey(group: target.name)
                raised.withLock { for key in $0.keys where key.hasPrefix(prefix) { seen.insert(key) } }
                continue
            }
            let took = auditMarks(target, &seen)
            nextMarkAudit.withLock { $0[target.name] = now + UInt64(Double(took) / SelfAudit.markAuditShare) }
        }
        auditTracer(&seen)
        auditCode(&seen)
        auditMounts(&seen)
        let outside = external.withLock { $0 }
        raised.withLock { alarms in
            for key in alarms.keys where !seen.contains(key) && !outside.contains(key) { alarms[key]?.cleared = true }
        }
    }

    /// The start of every `blinded` alarm's key for a group's marks (the rest names the
    /// finding): a sweep that does not read the group keeps them by it.
    static func blindedKey(group: String) -> String { "blinded|\(group)|" }

    /// Returns what one read of the group's marks cost (ns): the confirmation's wait is
    /// not the group's cost, and must not space the next reads out.
    private func auditMarks(_ t: Target, _ seen: inout Set<String>) -> UInt64 {
        // The kernel's view first, then ours: a mark added in between shows in neither.
        func read() -> [MarkFinding]? {
            guard let installed = t.group.installedMarks(), let expected = t.expectation() else { return nil }
            return MarkAudit.findings(expected: expected, installed: installed)
        }
        let start = monotonicNanos()
        let first = read()
        let cost = monotonicNanos() - start
        guard var findings = first, !findings.isEmpty else { return cost }
        // A reload or a re-arm flushes and re-adds marks: confirm after a moment, so only
        // what stays wrong is an alarm. An attacker's change stays.
        usleep(100_000)
        guard let again = read() else { return cost }
        findings = findings.filter { again.contains($0) }
        guard !findings.isEmpty else { return cost }
        for f in findings {
            let key = SelfAudit.blindedKey(group: f.group) + "\(f.kind.rawValue)|\(f.object.map { "\($0)" } ?? "")"
            seen.insert(key)
            raise(key, action: "blinded", change: f.kind.rawValue, detail: f.detail,
                  message: "vigil: BLINDED: \(f.detail): opens may no longer reach vigil; putting the marks back",
                  extra: [("group", f.group)])
        }
        t.repair(findings)
        return cost
    }

    private func auditTracer(_ seen: inout Set<String>) {
        // Per thread: ptrace attaches to one thread, and the process's status shows only
        // the main thread's tracer.
        var tracers = Set<Int32>()
        for task in listDirectory("/proc/self/task") where task.text.first != "." {
            if let status = readSmallFile("/proc/self/task/\(task.text)/status"), let t = ProcessAudit.tracerPid(status: Substring(status)) {
                tracers.insert(t)
            }
        }
        for tracer in tracers.sorted() { raiseTraced(tracer, &seen) }
    }

    private func raiseTraced(_ tracer: Int32, _ seen: inout Set<String>) {
        let key = "traced|\(tracer)"
        seen.insert(key)
        raise(key, action: "traced", change: "ptrace-attached", detail: "pid \(tracer) traces the daemon",
              message: "vigil: TAMPERING: pid \(tracer) (\(readLink("/proc/\(tracer)/exe")?.description ?? "?")) is tracing the daemon: it can read and change its memory",
              suspect: .of(pid: tracer), extra: [("tracer_pid", "\(tracer)")])
    }

    private func auditCode(_ seen: inout Set<String>) {
        guard let maps = readWholeFile("/proc/self/maps") else { return }
        let unknown = ProcessAudit.unknownMappings(sealed: sealedCode, current: ProcessAudit.executableMappings(maps: Substring(decoding: maps, as: UTF8.self)))
        for m in unknown {
            let what = m.path.isEmpty ? "anonymous executable memory at \(m.range)" : "\(m.path) at \(m.range)"
            let key = "code-injected|\(m.identity)|\(m.range)"
            seen.insert(key)
            raise(key, action: "code-injected", change: m.path.isEmpty ? "anonymous-exec-mapping" : "unknown-library",
                  detail: what, message: "vigil: TAMPERING: the daemon runs code it did not load at start: \(what)",
                  extra: [("mapping", m.range)] + (m.path.isEmpty ? [] : [("library", m.path)]))
        }
    }

    private func auditMounts(_ seen: inout Set<String>) {
        let (paths, baseline) = mountWatch.withLock { $0 }
        guard !paths.isEmpty, let text = readWholeFile("/proc/self/mountinfo") else { return }
        for (m, covered) in MountAudit.covering(MountInfo.parse(text), baseline: baseline, protected: paths) {
            let point = String(decoding: m.mountPoint, as: UTF8.self)
            let key = "mounted-over|\(m.id)"
            seen.insert(key)
            raise(key, action: "mounted-over", change: point == covered ? "mount-over-protected-path" : "mount-over-ancestor",
                  detail: "\(m.fsType) mounted at \(point) (mount \(m.id)) covers \(covered)",
                  message: "vigil: TAMPERING: \(m.fsType) mounted at \(point) hides or replaces \(covered): what the daemon reads next may not be what it sealed",
                  extra: [("mount_point", point), ("covers", covered), ("fs_type", m.fsType)])
        }
    }

    /// An alarm found by someone else (the canary prober): raised like the sweep's own,
    /// cleared only by `clear`.
    public func raiseExternal(key: String, action: String, change: String, detail: String, message: String) {
        external.withLock { _ = $0.insert(key) }
        raise(key, action: action, change: change, detail: detail, message: message, extra: [])
    }

    public func clear(key: String) {
        raised.withLock { $0[key]?.cleared = true }
    }

    /// Raises (once per incident: again only after it cleared) and logs at critical.
    private func raise(_ key: String, action: String, change: String, detail: String, message: String,
                       suspect: ProtectionEvent.Suspect? = nil, extra: [(String, String)]) {
        let fresh = raised.withLock { alarms -> Bool in
            if let a = alarms[key], !a.cleared { return false }
            alarms[key] = Alarm(action: action, change: change, detail: detail, since: isoTimestamp())
            return true
        }
        guard fresh else { return }
        var process: ECSProcess?
        if let suspect { process = ECSProcess.of(pid: suspect.pid) }
        var e = ECSEvent.protection(action: action, alert: true, outcome: .failure, message: message, change: change,
                                    process: process, extra: extra)
        e.logLevel = "critical"
        emit("\(key)|\(monotonicNanos())", e.render())
    }
}
