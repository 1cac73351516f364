import Glibc
import Synchronization
import VigilEvents
import VigilSystem

// Owns: following the kernel log (/dev/kmsg) from the daemon's start for the kernel's own
// refusals (lockdown, Yama), the pure parsers of its records and refusal lines, the
// `kernel-refused` and `kernel-log-gap` events and their counters.
// Must not: write to the kernel log, change what the kernel refuses (KernelRefusals does),
// run on the permission path (the self-audit thread reads it), or name a pid the kernel
// did not give unless the event says how it was found.

/// One record of /dev/kmsg: `pri,seq,ts_us,flags[,caller=T123|C1];message\n` then optional
/// ` KEY=value` lines. The message is as the kernel wrote it for readers: bytes below 0x20,
/// 0x7f and above, and `\` itself, come as `\xHH`.
public struct KmsgRecord: Sendable, Equatable {
    /// syslog facility * 8 + level.
    public var priority: Int
    public var sequence: UInt64
    public var microseconds: UInt64
    /// The printing thread, from `caller=T<tid>` (CONFIG_PRINTK_CALLER kernels only).
    public var callerThread: Int32?
    public var message: String

    public init(priority: Int, sequence: UInt64, microseconds: UInt64, callerThread: Int32? = nil, message: String) {
        self.priority = priority
        self.sequence = sequence
        self.microseconds = microseconds
        self.callerThread = callerThread
        self.message = message
    }

    /// nil for anything that is not such a record (a short or damaged read).
    public static func parse(_ bytes: ArraySlice<UInt8>) -> KmsgRecord? {
        guard let semi = bytes.firstIndex(of: UInt8(ascii: ";")) else { return nil }
        let header = bytes[bytes.startIndex..<semi].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        guard header.count >= 4, let pri = number(header[0]), let seq = number(header[1]), let ts = number(header[2]) else { return nil }
        var caller: Int32?
        for field in header.dropFirst(4) where field.starts(with: Array("caller=T".utf8)) {
            caller = number(field.dropFirst(8)).flatMap { Int32(exactly: $0) }
        }
        let body = bytes[(semi + 1)...]
        let end = body.firstIndex(of: UInt8(ascii: "\n")) ?? body.endIndex
        return KmsgRecord(priority: Int(pri), sequence: seq, microseconds: ts, callerThread: caller,
                          message: String(decoding: body[body.startIndex..<end], as: UTF8.self))
    }

    private static func number(_ s: ArraySlice<UInt8>) -> UInt64? {
        guard !s.isEmpty, s.count <= 20, s.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return UInt64(String(decoding: s, as: UTF8.self))
    }

    /// Undoes the kernel's `\xHH` escapes where the result is UTF-8 text; keeps the escaped
    /// form otherwise (a comm of raw bytes is shown as the kernel wrote it).
    public static func unescape(_ s: String) -> String {
        guard s.contains("\\x") else { return s }
        return String(validating: KernelEscapes.decodeHex(s.utf8), as: UTF8.self) ?? s
    }
}

/// A refusal the kernel logged: who tried what (and, for Yama, against which process).
public struct KernelRefusal: Sendable, Equatable {
    public enum Source: String, Sendable, CaseIterable { case lockdown, yama }
    public var source: Source
    /// What was refused, in the kernel's words ("debugfs access", "unsigned module
    /// loading", "ptrace attach").
    public var what: String
    /// Lockdown: the actor's comm. Yama: its command line as the kernel quoted it.
    public var actor: String?
    /// Yama names the actor's pid; lockdown does not (only a CONFIG_PRINTK_CALLER
    /// record's caller thread does, see KernelLogFollower).
    public var actorPid: Int32?
    public var target: String?
    public var targetPid: Int32?
    /// The kernel cut the line short (Yama: a long target command line): what is
    /// missing is nil.
    public var truncated = false

    public init(source: Source, what: String, actor: String?, actorPid: Int32? = nil, target: String? = nil,
                targetPid: Int32? = nil, truncated: Bool = false) {
        self.source = source
        self.what = what
        self.actor = actor
        self.actorPid = actorPid
        self.target = target
        self.targetPid = targetPid
        self.truncated = truncated
    }

    /// The reasons lockdown names (security/security.c, lockdown_reasons), to find where a
    /// comm that itself holds ": " ends.
    static let lockdownReasons = [
        "unsigned module loading", "/dev/mem,kmem,port", "efivar/efitest", "kexec of unsigned images", "hibernation",
        "direct PCI access", "raw io port access", "/dev/cpu/*/msr", "modifying ACPI tables", "modifying device tree contents",
        "direct PCMCIA CIS storage", "reconfiguration of serial port IO", "unsafe module parameters", "unsafe mmio",
        "debugfs access", "xmon write access", "use of bpf to write user RAM", "use of kgdb/kdb to write kernel RAM",
        "RTAS error injection", "integrity", "/proc/kcore access", "use of kprobes", "use of bpf to read kernel RAM",
        "use of kgdb/kdb to read kernel RAM", "use of perf", "use of tracefs", "xmon read access", "xfrm SA secret",
        "confidentiality",
    ]

    static let lockdownPrefix = "Lockdown: "
    static let lockdownSuffix = " is restricted; see man kernel_lockdown.7"

    /// The refusal in one kernel log message (as /dev/kmsg gives it, escapes kept), or nil.
    /// Lockdown: `Lockdown: <comm>: <what> is restricted; see man kernel_lockdown.7`.
    /// Yama: `ptrace <attach|traceme> of "<target cmdline>"[<pid>] was attempted by
    /// "<actor cmdline>"[<pid>]`; a `"` inside a command line is escaped by the kernel, so
    /// `"[` digits `]` ends each one.
    public static func parse(_ message: String) -> KernelRefusal? {
        if message.hasPrefix(lockdownPrefix) { return parseLockdown(Substring(message.dropFirst(lockdownPrefix.count))) }
        if message.hasPrefix("ptrace ") { return parseYama(message) }
        return nil
    }

    private static func parseLockdown(_ rest: Substring) -> KernelRefusal? {
        var body = rest
        var truncated = false
        if let r = body.ranges(of: lockdownSuffix).last {
            body = body[..<r.lowerBound]
        } else if let r = body.ranges(of: " is restricted").last {
            body = body[..<r.lowerBound]
        } else {
            truncated = true
        }
        // A known reason at the end (the comm may hold ": "); else the last ": ".
        for reason in lockdownReasons.sorted(by: { $0.count > $1.count }) where body.hasSuffix(": " + reason) {
            let comm = body.dropLast(reason.count + 2)
            return KernelRefusal(source: .lockdown, what: reason, actor: KmsgRecord.unescape(String(comm)), truncated: truncated)
        }
        guard let sep = body.ranges(of: ": ").last else {
            // Not even "comm: " survived: still a lockdown refusal, actor unknown.
            return truncated ? KernelRefusal(source: .lockdown, what: String(body), actor: nil, truncated: true) : nil
        }
        return KernelRefusal(source: .lockdown, what: String(body[sep.upperBound...]), actor: KmsgRecord.unescape(String(body[..<sep.lowerBound])),
                             truncated: truncated)
    }

    private static func parseYama(_ message: String) -> KernelRefusal? {
        let rest = Substring(message).dropFirst("ptrace ".count)
        guard let of = rest.firstRange(of: " of \"") else { return nil }
        let access = rest[..<of.lowerBound]
        guard access == "attach" || access == "traceme" else { return nil }
        var r = KernelRefusal(source: .yama, what: "ptrace \(access)", actor: nil)
        let afterTarget = rest[of.upperBound...]
        // `"[pid] was attempted by "` ends the target.
        guard let (target, pid, tail) = quoted(afterTarget) else {
            r.target = afterTarget.isEmpty ? nil : String(afterTarget)
            r.truncated = true
            return r
        }
        r.target = target
        r.targetPid = pid
        let by = " was attempted by \""
        guard tail.hasPrefix(by) else {
            r.truncated = true
            return r
        }
        let afterActor = tail.dropFirst(by.count)
        if let (actor, actorPid, _) = quoted(afterActor) {
            r.actor = actor
            r.actorPid = actorPid
        } else {
            r.actor = afterActor.isEmpty ? nil : String(afterActor)
            r.truncated = true
        }
        return r
    }

    /// `text"[123]rest` -> (text, 123, rest).
    private static func quoted(_ s: Substring) -> (String, Int32, Substring)? {
        var search = s.startIndex
        while let q = s[search...].firstRange(of: "\"[") {
            let digits = s[q.upperBound...].prefix { $0.isASCII && $0.isNumber }
            let close = digits.endIndex
            if !digits.isEmpty, close < s.endIndex, s[close] == "]", let pid = Int32(digits) {
                return (String(s[..<q.lowerBound]), pid, s[s.index(after: close)...])
            }
            search = q.upperBound
        }
        return nil
    }

    /// The kernel's rate limit (10 lines per 5 s per call site) drops refusal lines; at the
    /// next line it allows it says how many it dropped: `lockdown_is_locked_down: 4
    /// callbacks suppressed` (Yama: `__report_access`). Those refusals happened, unattributed.
    public static func suppressed(_ message: String) -> (source: Source, count: Int)? {
        let sites: [(String, Source)] = [("lockdown_is_locked_down: ", .lockdown), ("__report_access: ", .yama), ("report_access: ", .yama)]
        guard let (site, source) = sites.first(where: { message.hasPrefix($0.0) }), message.hasSuffix(" callbacks suppressed"),
              let n = Int(message.dropFirst(site.count).dropLast(" callbacks suppressed".count)), n > 0 else { return nil }
        return (source, n)
    }

    /// The process name of a Yama command line: its first word's last path component.
    public static func name(ofCommandLine line: String) -> String {
        let first = line.split(separator: " ", maxSplits: 1).first.map(String.init) ?? line
        return first.split(separator: "/").last.map(String.init) ?? first
    }
}

/// Follows /dev/kmsg on the self-audit thread: each lockdown or Yama refusal is a
/// warning-level `kernel-refused` event, merged by the event log like other repeats (the
/// counters count every one); records the kernel overwrote before we read them are a
/// `kernel-log-gap` event with how many.
///
/// Opened by the daemon before its capability drop (with dmesg_restrict=1, opening needs
/// CAP_SYSLOG; reading the open fd does not); seeks to the end, so only lines written after
/// the start are reported. Followed whatever [protection] asks: lockdown refusals are
/// host-wide integrity attacks, and a host may be at lockdown integrity by its own boot.
public final class KernelLogFollower: Sendable {
    public static let path = "/dev/kmsg"
    private let fd: Int32
    private let why: Mutex<String?>
    private let emitter = Mutex<(@Sendable (String, JSONLine) -> Void)?>(nil)
    private let state = Mutex<(lastSequence: UInt64?, capacity: Int)>((nil, 16384))
    private let lockdownCount = Atomic<Int>(0)
    private let yamaCount = Atomic<Int>(0)
    private let lostCount = Atomic<Int>(0)
    private let suppressedCount = Atomic<Int>(0)

    /// Not following, and why (self-protection off, the unit hides the log, ...).
    public init(notFollowed why: String) {
        fd = -1
        self.why = Mutex(why)
    }

    private init(fd: Int32) {
        self.fd = fd
        why = Mutex(nil)
    }

    /// Opens the kernel log and seeks to its end; never throws: a log that cannot be
    /// followed is a follower that says why.
    public static func open(path: String = KernelLogFollower.path) -> KernelLogFollower {
        let fd = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return KernelLogFollower(notFollowed: openFailure(path: path, errno: errno)) }
        var st = stat()
        let statOK = fstat(fd, &st) == 0
        let rdev = UInt64(st.st_rdev)
        let (major, minor) = (((rdev >> 8) & 0xFFF) | ((rdev >> 32) & ~0xFFF), (rdev & 0xFF) | ((rdev >> 12) & ~0xFF))
        if !statOK || (st.st_mode & S_IFMT) != S_IFCHR || major != 1 || minor != 11 {
            let kind = (st.st_mode & S_IFMT) == S_IFCHR ? "the character device \(major):\(minor)" : "not a character device"
            close(fd)
            return KernelLogFollower(notFollowed: "\(path) is \(kind), not the kernel log (1:11): a container or a sandbox gave another file")
        }
        if lseek(fd, 0, SEEK_END) < 0 {
            let e = Errno(errno)
            close(fd)
            return KernelLogFollower(notFollowed: "cannot seek to the end of \(path): \(e)")
        }
        return KernelLogFollower(fd: fd)
    }

    static func openFailure(path: String, errno code: Int32) -> String {
        let restrict = readSmallFile("/proc/sys/kernel/dmesg_restrict").map { String(Substring($0).droppingTrailing("\n")) }
        switch code {
        case EPERM, EACCES:
            return "cannot open \(path): \(Errno(code)) (kernel.dmesg_restrict = \(restrict ?? "?"): reading it needs CAP_SYSLOG at the daemon's start; "
                + "a unit with ProtectKernelLogs=yes or without CAP_SYSLOG in CapabilityBoundingSet= takes it away)"
        case ENXIO:
            return "cannot open \(path): \(Errno(code)) (an inaccessible node in its place, as systemd's ProtectKernelLogs=yes makes)"
        case ENOENT:
            return "\(path) does not exist here (a container without the kernel log)"
        default:
            return "cannot open \(path): \(Errno(code))"
        }
    }

    public var isFollowed: Bool { fd >= 0 && why.withLock { $0 == nil } }
    /// What `vigil status` says.
    public var statusLine: String {
        if let w = why.withLock({ $0 }) { return "not followed: \(w)" }
        return "reported from the kernel log (\(Self.path))"
    }
    /// The descriptor to poll, or -1.
    public var descriptor: Int32 { isFollowed ? fd : -1 }
    public func count(_ s: KernelRefusal.Source) -> Int {
        s == .lockdown ? lockdownCount.load(ordering: .relaxed) : yamaCount.load(ordering: .relaxed)
    }
    /// Refusals the kernel's rate limit left unlogged (counted in `count` too).
    public var suppressedRefusals: Int { suppressedCount.load(ordering: .relaxed) }
    /// Records overwritten before they were read.
    public var lostRecords: Int { lostCount.load(ordering: .relaxed) }

    /// Stops following (nothing will read it); `why` is the status from now on.
    public func giveUp(_ why: String) { self.why.withLock { $0 = $0 ?? why } }

    public func connect(emit: @escaping @Sendable (String, JSONLine) -> Void) { emitter.withLock { $0 = emit } }

    public func statusJSON() -> JSONLine {
        var o = JSONLine()
        o.add("followed", isFollowed)
        o.add("status", statusLine)
        var r = JSONLine()
        for s in KernelRefusal.Source.allCases { r.add(s.rawValue, count(s)) }
        o.add("refused", object: r)
        o.add("suppressed_by_kernel", suppressedRefusals)
        o.add("lost_records", lostRecords)
        return o
    }

    /// Reads every record there is now (one per read(2)); false when the log can no longer
    /// be read (the reason is then the status).
    @discardableResult
    public func drain() -> Bool {
        guard isFollowed else { return false }
        var capacity = state.withLock { $0.capacity }
        var buffer = [UInt8](repeating: 0, count: capacity)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                if let record = KmsgRecord.parse(buffer[0..<n]) { handle(record) }
                continue
            }
            if n == 0 { return true }
            switch errno {
            case EAGAIN: return true
            case EINTR: continue
            case EPIPE:
                // The kernel overwrote records we had not read; the next record's sequence
                // number says how many (handle counts them).
                continue
            case EINVAL where capacity < 1 << 20:
                // A record larger than the buffer: read it again with room for it.
                capacity *= 4
                state.withLock { $0.capacity = capacity }
                buffer = [UInt8](repeating: 0, count: capacity)
            default:
                let e = Errno(errno)
                why.withLock { $0 = "reading \(Self.path) failed: \(e)" }
                emit("kernel-log-failed", warning(action: "kernel-log-failed", outcome: .failure,
                                                  message: "vigil: WARNING: stopped following the kernel log: reading \(Self.path) failed: \(e); kernel refusals are no longer reported"))
                return false
            }
        }
    }

    func handle(_ record: KmsgRecord) {
        let previous = state.withLock { s -> UInt64? in
            defer { s.lastSequence = record.sequence }
            return s.lastSequence
        }
        if let previous, record.sequence > previous + 1 {
            let lost = Int(record.sequence - previous - 1)
            lostCount.add(lost, ordering: .relaxed)
            var e = warning(action: "kernel-log-gap", outcome: .unknown,
                            message: "vigil: WARNING: \(lost) kernel log records (sequence \(previous + 1)-\(record.sequence - 1)) were overwritten before vigil read them: a kernel refusal among them is not reported")
            e.vigil.add("kernel_log", object: { var k = JSONLine(); k.add("lost_records", lost); k.add("first_sequence", Int(previous + 1)); return k }())
            emit("kernel-log-gap", e)
        }
        if record.priority >> 3 == 0, let (source, n) = KernelRefusal.suppressed(record.message) {
            if source == .lockdown { lockdownCount.add(n, ordering: .relaxed) } else { yamaCount.add(n, ordering: .relaxed) }
            suppressedCount.add(n, ordering: .relaxed)
            var e = warning(action: "kernel-refusals-suppressed", outcome: .unknown,
                            message: "vigil: WARNING: the kernel's rate limit dropped \(n) more \(source == .yama ? "Yama" : "lockdown") refusal lines: refused, but who tried is not known")
            e.vigil.add("kernel_log", object: { var k = JSONLine(); k.add("source", source.rawValue); k.add("suppressed", n); return k }())
            emit("kernel-refusals-suppressed|\(source.rawValue)", e)
            return
        }
        guard let refusal = Self.refusal(in: record) else { return }
        if refusal.source == .lockdown { lockdownCount.add(1, ordering: .relaxed) } else { yamaCount.add(1, ordering: .relaxed) }
        emit(Self.key(refusal, record), Self.event(refusal, record: record, livePids: refusal.actorPid == nil && record.callerThread == nil
                                                     ? refusal.actor.map { Self.pids(withComm: $0) } ?? [] : []))
    }

    /// The refusal a record reports, if the kernel wrote it: any root can write lines to
    /// /dev/kmsg, but the kernel files them under LOG_USER or another non-zero facility,
    /// never LOG_KERN (0), so a forged "Lockdown: ..." line is not an event.
    static func refusal(in record: KmsgRecord) -> KernelRefusal? {
        guard record.priority >> 3 == 0 else { return nil }
        return KernelRefusal.parse(record.message)
    }

    /// The same actor repeating the same attempt on the same target is merged by the event
    /// log's window; the counters still count each. The target is part of the attempt:
    /// `strace -p PID` first attaches a child it forked itself (its PTRACE_SEIZE probe),
    /// refused too under Yama 3, and a key without the target merged its attach of the
    /// daemon a moment later into that one as a repeat: the attack on the daemon was no
    /// event (seen in the Tier B guest, kmsg records 384 and 386 of one run).
    static func key(_ r: KernelRefusal, _ record: KmsgRecord) -> String {
        let actor = r.actorPid.map(String.init) ?? record.callerThread.map { "T\($0)" } ?? r.actor ?? "?"
        let target = r.targetPid.map { "|\($0)" } ?? r.target.map { "|\($0)" } ?? ""
        return "kernel-refused|\(r.source.rawValue)|\(r.what)|\(actor)\(target)"
    }

    /// The ECS event. The pid is the kernel's (Yama's actor, a caller thread); else, when
    /// exactly one live process has the comm, that one, and `pid_source` says so.
    static func event(_ r: KernelRefusal, record: KmsgRecord, livePids: [Int32]) -> ECSEvent {
        var e = ECSEvent(kind: .alert, categories: [.intrusionDetection], types: [.denied], action: "kernel-refused",
                         outcome: .failure, dataset: "vigil.protection")
        e.logLevel = "warning"
        var pidSource: String?
        var process: ECSProcess?
        // Read from /proc while the actor may still live (its executable, user, parent).
        if let pid = r.actorPid {
            process = ECSProcess.of(pid: pid)
            pidSource = "kernel"
        } else if let tid = record.callerThread {
            let s = ProtectionEvent.Suspect.of(tid: tid)
            process = ECSProcess.of(pid: s.pid)
            process?.threadID = s.thread
            pidSource = "kernel"
        } else if livePids.count == 1 {
            process = ECSProcess.of(pid: livePids[0])
            pidSource = "comm"
        } else if r.actor != nil {
            process = ECSProcess(pid: 0)
        }
        if process != nil {
            if r.source == .yama, let line = r.actor {
                process?.commandLine = line
                process?.name = KernelRefusal.name(ofCommandLine: line)
            } else {
                process?.name = r.actor
            }
        }
        e.process = process
        let who = (r.actor.map { "\"\($0)\"" } ?? "an unknown process") + (process.map { $0.pid > 0 ? "[\($0.pid)]" : "" } ?? "")
        let target = r.target.map { " of \"\($0)\"" + (r.targetPid.map { "[\($0)]" } ?? "") } ?? ""
        e.message = "vigil: the kernel (\(r.source == .yama ? "Yama" : "lockdown")) refused \(r.what)\(target) to \(who): \(KmsgRecord.unescape(record.message))"
        e.reason = "\(r.what) is restricted by \(r.source == .yama ? "Yama ptrace_scope" : "kernel lockdown")"
        var p = JSONLine()
        p.add("source", r.source.rawValue)
        p.add("refused", r.what)
        p.add("kernel_message", record.message)
        p.add("kernel_sequence", Int(record.sequence))
        p.add("pid_source", pidSource)
        if pidSource == nil && livePids.count > 1 { p.add("comm_pids", livePids.map { Int($0) }) }
        p.add("target_pid", r.targetPid.map { Int($0) })
        p.add("target_command_line", r.target)
        if r.truncated { p.add("truncated", true) }
        e.vigil.add("protection", object: p)
        return e
    }

    /// Live processes whose comm is `comm` (/proc/PID/comm), for a lockdown line that names
    /// no pid.
    static func pids(withComm comm: String) -> [Int32] {
        var out: [Int32] = []
        for entry in listDirectory("/proc") {
            guard let pid = Int32(entry.text), let c = readSmallFile("/proc/\(pid)/comm") else { continue }
            if c.hasSuffix("\n") ? c.dropLast() == comm : c == comm { out.append(pid) }
            if out.count > 16 { break }
        }
        return out
    }

    private func warning(action: String, outcome: ECSEvent.Outcome, message: String) -> ECSEvent {
        var e = ECSEvent(kind: .event, categories: [.host], types: outcome == .failure ? [.error] : [.info], action: action, outcome: outcome,
                         dataset: "vigil.protection")
        e.logLevel = "warning"
        e.message = message
        return e
    }

    private func emit(_ key: String, _ e: ECSEvent) {
        emitter.withLock { $0 }?(key, e.render())
    }
}
