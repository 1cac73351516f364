import Glibc
import Synchronization
import VigilBPF
import VigilConfig
import VigilEvents
import VigilSystem

// Owns: Tier A inside the daemon: the load decision, the start-up order (probe, open,
// holder scan, seal, register, lease, protect, events), the lease and event threads, and
// the ECS line of each refusal. Must not: choose which of Vigil's files are protected
// (SelfProtection hands over the paths), or judge anything the BPF programs judge.

/// Which tier of self-protection this daemon runs: A, the kernel refuses attacks (BPF
/// LSM); B, detection only (fanotify guard, immutable flags, sweeps, watchdog).
public enum ProtectionTier: Sendable, Equatable {
    case enforcing
    case detectionOnly(reason: String)

    /// What `vigil status` shows.
    public var label: String {
        switch self {
        case .enforcing: "A: bpf-lsm enforcing"
        case .detectionOnly(let reason): "B: detection only (\(reason))"
        }
    }
}

/// The start-up decision, a pure function of `[protection] bpf` and the load test's
/// answer (nil when the mode says not to run it).
public enum TierAChoice: Sendable, Equatable {
    /// Tier B; the reason goes into status.
    case skip(reason: String)
    /// Load the programs.
    case load
    /// `bpf = "require"` and the kernel refuses: the daemon must not start.
    case refuse(reason: String)

    public static func decide(mode: ProtectionConfig.BPFMode, availability: TierA.Availability?) -> TierAChoice {
        switch (mode, availability) {
        case (.off, _):
            return .skip(reason: "tier A off: [protection] bpf = \"off\"")
        case (_, nil):
            return .skip(reason: "tier A not probed")
        case (_, .available?):
            return .load
        case (.auto, .unavailable(let step, let error, _)?):
            return .skip(reason: "unavailable: \(error.errnoName) at the probe's \(step)")
        case (.require, .unavailable(let step, let error, _)?):
            return .refuse(reason: "[protection] bpf = \"require\", but BPF LSM is unavailable: \(error.errnoName) at the probe's \(step)")
        }
    }
}

/// One path Tier A protects, and how (see `ProtectionPlan.Kind`).
public struct TierATarget: Sendable, Equatable {
    public let path: String
    public let kind: ProtectionPlan.Kind
    public init(_ path: String, _ kind: ProtectionPlan.Kind) {
        self.path = path
        self.kind = kind
    }
}

/// What the daemon's first steps decided: the tier, and Tier A when it runs (enrolled:
/// this process is the agent and renews its lease; files are protected once self-
/// protection starts it as a service).
public struct TierAEnrollment: Sendable {
    public let tier: ProtectionTier
    public let kernel: KernelEnforcement?
    /// How long the load test (and the load or re-open) took, in microseconds.
    public let decisionMicros: Int
    /// Set when the load test passed but the programs did not load (tier B under
    /// `auto`): why, as status and the start-up warning say it.
    public var loadFailure: String? = nil

    public static let off = TierAEnrollment(tier: .detectionOnly(reason: "self-protection is off"), kernel: nil, decisionMicros: 0)
}

/// Why a fresh load of Vigil's BPF object failed, in words an admin can act on. The load
/// test's program reads nothing, so it passes where the real object is refused: under
/// lockdown confidentiality the kernel withholds bpf_probe_read_kernel ("use of bpf to
/// read kernel RAM"), which BPF_CORE_READ compiles to, and the verifier answers
/// "unknown func bpf_probe_read_kernel#113" (EINVAL). A pure function of the loader's
/// error (with libbpf's log) and the lockdown level in force.
public enum TierALoadFailure {
    /// Helpers the kernel (6.1) withholds from BPF programs under lockdown: the level
    /// that withholds each, the kernel's own words for it (lockdown_reasons[]), and the
    /// helper our source calls. Where the kernel withholds bpf_probe_read_kernel, libbpf's
    /// feature probe for it fails too, and libbpf rewrites the call to the legacy
    /// bpf_probe_read, which the verifier then names.
    static let lockdownGated: [String: (level: String, what: String, ours: String)] = [
        "bpf_probe_read_kernel": ("confidentiality", "use of bpf to read kernel RAM", "bpf_probe_read_kernel"),
        "bpf_probe_read_kernel_str": ("confidentiality", "use of bpf to read kernel RAM", "bpf_probe_read_kernel_str"),
        "bpf_probe_read": ("confidentiality", "use of bpf to read kernel RAM", "bpf_probe_read_kernel"),
        "bpf_probe_read_str": ("confidentiality", "use of bpf to read kernel RAM", "bpf_probe_read_kernel_str"),
        "bpf_probe_write_user": ("integrity", "use of bpf to write user RAM", "bpf_probe_write_user"),
    ]
    static let levels = ["none", "integrity", "confidentiality"]

    /// The helper the verifier did not know, from its "unknown func NAME#ID" line.
    static func unknownHelper(in log: String) -> String? {
        for line in log.split(separator: "\n") {
            let words = line.split(separator: " ")
            guard words.count >= 3, words[0] == "unknown", words[1] == "func" else { continue }
            let name = words[2].prefix { $0 != "#" }
            if !name.isEmpty { return String(name) }
        }
        return nil
    }

    public static func reason(_ error: any Error, lockdown: KernelRefusals.Lockdown) -> String {
        guard let bpf = error as? BPFError, let helper = unknownHelper(in: bpf.log) else {
            return "the programs did not load: \(error)"
        }
        if case .level(let level) = lockdown, let gate = lockdownGated[helper],
           let now = levels.firstIndex(of: level), let needed = levels.firstIndex(of: gate.level), now >= needed {
            return "tier A refused by lockdown \(level): it withholds \(gate.ours) from BPF programs (\"\(gate.what)\"), "
                + "which Vigil's programs need (the verifier: unknown func \(helper)); \(bpf)"
        }
        return "the programs did not load: \(bpf); the verifier: unknown func \(helper)"
    }
}

/// Tier A, running: the programs attached (or re-opened from their pins), this daemon
/// registered as the agent, its protected inodes in the kernel's map, a thread renewing
/// the dead-man lease and a thread turning ring-buffer events into ECS lines.
///
/// Two steps, because a restarted daemon must be the agent before it opens its own
/// protected files (the event log, the quarantine database): `enroll` at the very start
/// of `vigil daemon` (load test, open, holder scan, seal, register, lease thread), then
/// `start` as a service once the event log exists (protect, event thread).
///
/// Stopping ends the lease (signals and ptrace against the daemon lapse, so a stopping
/// or stopped daemon is an ordinary process again); file protections stay pinned.
public final class KernelEnforcement: Service {
    public typealias Emit = @Sendable (String, JSONLine) -> Void
    public let enforcement: Enforcement
    /// What to protect (asked again at each (re)apply: an upgrade changes the inodes) and
    /// where events go; set by `connect` before `start`.
    private let wiring = Mutex<(targets: @Sendable () -> [TierATarget], emit: Emit)>(({ [] }, { _, _ in }))
    private let threads = ThreadGroup()
    private let stopping = Atomic<Bool>(false)
    /// Names for the protected inodes, for events (the kernel reports dev:ino).
    private let names: Mutex<[FileID: String]> = Mutex([:])
    /// The inodes protected now (lifted during maintenance).
    private let applied = Mutex(ProtectionPlan())
    /// What start-up found: paths that could not be protected, foreign holders.
    public let notes = Mutex<[String]>([])
    private let holders = Mutex<[ObjectHolder]>([])
    public let protectedInodes = Atomic<Int>(0)
    public let eventsLogged = Atomic<Int>(0)
    public let leaseFailures = Atomic<Int>(0)

    /// The daemon's first step: the load test, then (when `config` and the kernel allow
    /// it) open, holder scan, seal, register and the lease thread. Run it after the
    /// capability drop (the lease thread must not keep more) and before any protected
    /// file is opened. Throws only for `bpf = "require"` without a working Tier A;
    /// under `auto` a failure is tier B with its reason.
    public static func enroll(_ config: ProtectionConfig) throws(VigilError) -> TierAEnrollment {
        guard config.enabled else { return .off }
        let started = monotonicNanos()
        func micros() -> Int { Int((monotonicNanos() - started) / 1000) }
        let mode = config.bpf
        let availability: TierA.Availability? = mode == .off ? nil : TierA.probe()
        switch TierAChoice.decide(mode: mode, availability: availability) {
        case .skip(let reason):
            return TierAEnrollment(tier: .detectionOnly(reason: reason), kernel: nil, decisionMicros: micros())
        case .refuse(let reason):
            throw VigilError(reason)
        case .load:
            do {
                let kernel = KernelEnforcement(try Enforcement.open())
                try kernel.register()
                return TierAEnrollment(tier: .enforcing, kernel: kernel, decisionMicros: micros())
            } catch {
                let why = TierALoadFailure.reason(error, lockdown: KernelRefusals.read().lockdown)
                if mode == .require { throw VigilError("[protection] bpf = \"require\": \(why)") }
                return TierAEnrollment(tier: .detectionOnly(reason: why), kernel: nil, decisionMicros: micros(), loadFailure: why)
            }
        }
    }

    /// Where this build's programs and maps are pinned (the private bpffs, one folder
    /// per build digest).
    public var pinFolder: String { "\(enforcement.options.pinDirectory)/\(Enforcement.buildDigest)" }

    init(_ enforcement: Enforcement) {
        self.enforcement = enforcement
    }

    /// Holder scan, seal, register, first lease, lease thread.
    private func register() throws(BPFError) {
        // Descriptors for our objects taken by someone else before we attached (or from
        // a pin, which 6.1 cannot refuse): an alarm once the log exists.
        let found = (try? enforcement.foreignHolders()) ?? []
        holders.withLock { $0 = found }
        // Seal what is mapped now, and what glibc may still dlopen (NSS, iconv
        // modules): after registering, this process maps nothing else executable.
        var code = try SealedCode.executableMappingsOfSelf()
        for folder in Self.lateLibraryFolders { code.formUnion(Self.sharedObjects(in: folder.path, prefix: folder.prefix)) }
        try enforcement.seal(Array(code))
        try enforcement.registerAgent(tgid: getpid())
        try enforcement.renewLease()
        startLeaseThread()
    }

    /// Makes the watchdog an agent too: it forwards systemd's SIGTERM and logrotate's
    /// SIGUSR1 to the daemon, and restarts it. Only for a pid that cannot have been
    /// reused: the parent that started this daemon (were it gone, ours would be 1), or
    /// a watchdog this daemon started and has not reaped. The kernel ends agency at exit.
    public func registerWatchdog(pid: Int32) -> Bool {
        (try? enforcement.registerAgent(tgid: pid)) != nil
    }

    /// What to protect and where events go (self-protection's paths and its log).
    public func connect(targets: @escaping @Sendable () -> [TierATarget], emit: @escaping Emit) {
        wiring.withLock { $0 = (targets, emit) }
    }

    private func emit(_ key: String, _ line: JSONLine) {
        let e = wiring.withLock { $0.emit }
        e(key, line)
    }

    /// Protect, then the event thread. Throws (and stops the lease thread) when the
    /// protected set cannot be written to the kernel's map.
    public func start() throws(VigilError) {
        let found = holders.withLock { $0 }
        if !found.isEmpty {
            let text = found.map(\.description).joined(separator: ", ")
            notes.withLock { $0.append("foreign holders of Tier A objects: \(text)") }
            emit("tier-a-holders|\(text)", ProtectionEvent.line(
                action: "tier-a-foreign-holder", alert: true, outcome: "unknown",
                message: "vigil: tier A: other processes hold descriptors for Vigil's BPF objects: \(text)"))
        }
        do { try applyPlan() } catch {
            stop()
            throw VigilError("tier A: \(error)")
        }
        startEventThread()
    }

    /// Resolves the targets to inodes now and protects them; what is missing is a note.
    private func applyPlan() throws(BPFError) {
        var plan = ProtectionPlan()
        var idNames: [FileID: String] = [:]
        var skipped: [String] = []
        let targets = wiring.withLock { $0.targets }
        for t in targets() {
            do {
                try plan.add(t.path, as: t.kind)
                if let id = try? FileID.of(t.path) { idNames[id] = t.path }
            } catch {
                skipped.append("\(t.path) (\(error.errnoName))")
            }
        }
        try enforcement.protect(plan)
        names.withLock { $0 = idNames }
        applied.withLock { $0 = plan }
        protectedInodes.store(plan.inodes.count, ordering: .relaxed)
        notes.withLock { n in
            n.removeAll { $0.hasPrefix("not protected") }
            if !skipped.isEmpty { n.append("not protected (missing): \(skipped.joined(separator: ", "))") }
        }
    }

    /// True while maintenance has lifted the file protections (a refresh then waits for
    /// maintenance's end, which applies the plan anyway).
    private let filesLifted = Mutex<Bool>(false)

    /// The log rotated (new live file, rotated names, one deleted): the targets are
    /// resolved again, and inodes no longer named are released (a deleted file's inode
    /// number is reused by the next file made, which must not inherit its protection).
    public func refreshFiles() throws(VigilError) {
        try filesLifted.withLock { lifted throws(VigilError) in
            guard !lifted else { return }
            let before = applied.withLock { $0 }
            do {
                try applyPlan()
                let after = applied.withLock { $0 }
                let stale = before.inodes.keys.filter { after.inodes[$0] == nil }
                if !stale.isEmpty { try enforcement.unprotect(Array(stale)) }
            } catch {
                throw VigilError("tier A: \(error)")
            }
        }
    }

    /// Maintenance begins: every file protection is lifted (an upgrade replaces files by
    /// rename); process protections stay. Returns how many inodes were released.
    public func liftFiles() throws(VigilError) -> Int {
        filesLifted.withLock { $0 = true }
        let plan = applied.withLock { p in defer { p = ProtectionPlan() }; return p }
        do { try enforcement.unprotect(Array(plan.inodes.keys)) } catch { throw VigilError("tier A: \(error)") }
        protectedInodes.store(0, ordering: .relaxed)
        return plan.inodes.count
    }

    /// Maintenance ends: the targets are resolved again (new inodes after an upgrade).
    public func reapplyFiles() throws(VigilError) {
        do { try applyPlan() } catch { throw VigilError("tier A: \(error)") }
        filesLifted.withLock { $0 = false }
    }

    public func stop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        threads.joinAll()
        // A clean stop: signals and ptrace against this process lapse now, so whoever
        // stops us (systemd, the watchdog) is never refused on the way out.
        try? enforcement.expireLease()
    }

    /// Where glibc finds code it loads on demand (NSS modules, iconv's gconv modules
    /// for libarchive's name conversions).
    static let lateLibraryFolders: [(path: String, prefix: String)] = [
        ("/usr/lib/x86_64-linux-gnu/gconv", ""), ("/lib/x86_64-linux-gnu", "libnss_"),
        ("/usr/lib/x86_64-linux-gnu", "libnss_"),
    ]

    static func sharedObjects(in folder: String, prefix: String) -> Set<FileID> {
        var ids = Set<FileID>()
        for name in listDirectory(folder).map(\.text) where name.hasPrefix(prefix) && name.contains(".so") {
            if let id = try? FileID.of(folder + "/" + name) { ids.insert(id) }
        }
        return ids
    }

    /// Renews every third of the lease; does nothing that can block on a guarded file,
    /// so "renewing" means "this process is alive".
    private func startLeaseThread() {
        let e = enforcement
        let step = Int64(e.options.lease.renewalInterval.components.seconds) * 1000
            + Int64(e.options.lease.renewalInterval.components.attoseconds / 1_000_000_000_000_000)
        threads.spawn("vigil-tiera-lease") { [self] in
            while !stopping.load(ordering: .relaxed) {
                if (try? e.renewLease()) == nil { leaseFailures.add(1, ordering: .relaxed) }
                // Short sleeps, so stop() returns within 100 ms.
                var slept: Int64 = 0
                while slept < step && !stopping.load(ordering: .relaxed) {
                    usleep(100_000)
                    slept += 100
                }
            }
        }
    }

    private func startEventThread() {
        threads.spawn("vigil-tiera-evt") { [self] in
            while !stopping.load(ordering: .relaxed) {
                let events: [RefusalEvent]
                do { events = try enforcement.readEvents(timeoutMilliseconds: 200) } catch {
                    usleep(200_000)
                    continue
                }
                let known = names.withLock { $0 }
                for event in events {
                    let (key, line) = Self.record(event, path: event.file.flatMap { known[$0] })
                    self.emit(key, line)
                    eventsLogged.add(1, ordering: .relaxed)
                }
            }
        }
    }

    /// One kernel event as an ECS protection line, and its rate-limit key (the event
    /// log merges lines with one key inside its window; the kernel limits per CPU).
    static func record(_ event: RefusalEvent, path: String?) -> (String, JSONLine) {
        let kind = event.kind?.name ?? "unknown-\(event.rawKind)"
        let refused = event.kind?.isRefusal ?? true
        var what = "\(kind) by pid \(event.actorTGID) (\(event.actorCommand), uid \(event.actorUID))"
        if let path { what += " on \(path)" } else if let file = event.file { what += " on inode \(file)" }
        if event.targetTGID != 0 { what += " against pid \(event.targetTGID)" }
        var extra: [(String, String)] = [("tier", "A"), ("kind", kind), ("errno", "\(event.error)"), ("extra", "\(event.extra)")]
        if event.targetTGID != 0 { extra.append(("target_pid", "\(event.targetTGID)")) }
        if let file = event.file { extra.append(("inode", "\(file)")) }
        if event.suppressedBefore > 0 { extra.append(("suppressed_before", "\(event.suppressedBefore)")) }
        let message = refused ? "vigil: tier A refused \(what)" : "vigil: tier A: \(what)"
        let line = ProtectionEvent.line(action: refused ? "tier-a-refused" : "tier-a-\(kind)", alert: true,
                                        outcome: refused ? "failure" : "success", message: message, path: path,
                                        suspect: ProtectionEvent.Suspect(pid: event.actorTGID, thread: event.actorTID == event.actorTGID ? nil : event.actorTID,
                                                                         executable: nil),
                                        extra: extra)
        // One key per actor, kind, target and detail (the signal, the ioctl): a shell that
        // tries kill -9 and then kill -STOP logs both; the same try repeated is merged.
        return ("tier-a|\(kind)|\(event.actorTGID)|\(event.file?.description ?? "\(event.targetTGID)")|\(event.extra)", line)
    }

    /// For status: hooks attached, counts by kind, losses.
    public func statusJSON(tier: ProtectionTier) -> JSONLine {
        var o = JSONLine()
        o.add("tier", tier.label)
        o.add("state", "enforcing")
        o.add("reopened", enforcement.reopened)
        o.add("protected_inodes", protectedInodes.load(ordering: .relaxed))
        o.add("events_logged", eventsLogged.load(ordering: .relaxed))
        o.add("lease_renewal_failures", leaseFailures.load(ordering: .relaxed))
        if let s = try? enforcement.status() {
            o.add("hooks_attached", s.hooks.filter(\.attached).count)
            o.add("hooks", s.hooks.count)
            var counts = JSONLine()
            for (kind, n) in s.counts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) { counts.add(kind.name, Int(n)) }
            o.add("refusals", object: counts)
            o.add("suppressed", Int(s.suppressed))
            o.add("ring_buffer_full", Int(s.ringBufferFull))
            o.add("lost", Int(s.lost))
        }
        o.add("notes", notes.withLock { $0 })
        return o
    }
}
