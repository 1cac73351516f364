import CLinux
import Glibc
import Synchronization
import VigilEvents
import VigilSystem

/// Guards the protected set at run time with two fanotify groups of its own:
/// - a permission group (FAN_OPEN_PERM inode marks) that refuses opens for writing by
///   anyone but Vigil and the configured maintainers (TamperPermissions.swift);
/// - a notification group (FAN_MODIFY, FAN_ATTRIB, FAN_CLOSE_WRITE, FAN_DELETE_SELF,
///   FAN_MOVE_SELF, reported by file handle) that sees what got past the immutable
///   flag and the permission marks: the file is then restored from its sealed copy, the
///   flag re-asserted and the change logged as tampering (TamperRepair.swift).
/// A sweep every 250 ms compares each file's inode, size and times with what was
/// sealed, so a missed event (queue overflow, a filesystem without file handles) costs
/// at most a quarter of a second.
///
/// Owns: its groups, their marks, its two threads. Must not: seal or decide what is
/// protected (ProtectedSet and SelfProtection do).
public final class TamperGuard: Service {
    let store: ProtectedSet
    let maintenance: MaintenanceState
    let maintainers: Swift.Set<String>
    let emit: @Sendable (String, JSONLine) -> Void
    let ownPid = getpid()
    /// The watchdog: its opens are answered at once, like our own threads'.
    let trustedPid = Atomic<Int32>(0)

    /// What is armed, shared by the arming caller and both threads.
    struct Armed {
        var files: [ProtectedFile] = []
        /// The file handle of each file, when its filesystem reports them.
        var handles: [[UInt8]?] = []
        /// Files on filesystems without inode flags (the immutable layer is missing there): path -> reason.
        var noImmutable: [String: String] = [:]
        var unmarked: [String: String] = [:]
        /// The last other process that opened each file: some changes (chattr's ioctl)
        /// raise no fanotify event, but the open before them did.
        var lastOpener: [String: ProtectionEvent.Suspect] = [:]
        /// Files a maintainer opened for writing since they were sealed: their next
        /// change is an update to re-seal, not tampering to undo.
        var maintainerWrites: [String: ProtectionEvent.Suspect] = [:]
    }
    let armed = Mutex(Armed())
    /// Each protected file's inode as the guard saw it right after it set +i itself
    /// (arming, repair) or found +i in place (a sweep), by path: an open whose intent
    /// cannot be read is allowed only while the ctime is still this one
    /// (TamperAnswer.of). No notification would do: FS_IOC_SETFLAGS raises no FAN_ATTRIB
    /// (6.1 and 6.18), while it always moves the ctime. A lock of its own, held only for
    /// a dictionary access: the permission thread reads it before it answers, and
    /// `armed` is held across opens of protected files (arming sets flags) whose
    /// permission events that very thread must answer first. Taken inside `armed`, never
    /// the other way round.
    let confirmedInodes = Mutex<[String: FileIdentity]>([:])

    let permission: FanotifyGroup?
    let notify: FanotifyGroup?
    let notifyFallback: FanotifyGroup?
    public let reportsFileHandles: Bool
    /// Never drained: once signalled, every thread's poll sees it.
    let stopSignal: EventFD
    /// "Check every file now", drained by the repair thread.
    let verifySignal: EventFD
    let stopping = Atomic<Bool>(false)
    private let threads = ThreadGroup()

    public let blocked = Atomic<Int>(0)
    public let restored = Atomic<Int>(0)
    public let reasserted = Atomic<Int>(0)
    /// Protected files whose restore failed and has not succeeded since, with why: a
    /// red status (protection_state "compromised") until they are whole again.
    let restoreFailures = Mutex<[String: String]>([:])
    public var failedRestores: [String: String] { restoreFailures.withLock { $0 } }

    /// - `simulatingYamaScope3`: answer as if Yama scope 3 closed /proc/TID/syscall
    ///   (`intentUnreadable` from the start), for host tests: the host's scope must never
    ///   be raised (one-way until reboot). Every kernel call stays real.
    public init(store: ProtectedSet, maintenance: MaintenanceState, maintainers: [String],
                simulatingYamaScope3: Bool = false,
                emit: @escaping @Sendable (String, JSONLine) -> Void) throws(VigilError) {
        intentUnreadable = Atomic(simulatingYamaScope3)
        self.store = store
        self.maintenance = maintenance
        self.maintainers = Swift.Set(maintainers)
        self.emit = emit
        stopSignal = try EventFD()
        verifySignal = try EventFD()
        // Thread ids, so /proc/TID/syscall shows the very thread that is opening.
        permission = try? FanotifyGroup(flags: [.classContent, .cloexec, Fanotify.InitFlags(rawValue: UInt32(VIGIL_FAN_REPORT_TID))])
        if let g = try? FanotifyGroup(flags: [.cloexec, .nonblock, Fanotify.InitFlags(rawValue: UInt32(VIGIL_FAN_REPORT_FID))],
                                      eventFlags: O_RDONLY | O_CLOEXEC) {
            notify = g
            reportsFileHandles = true
        } else {
            notify = nil
            reportsFileHandles = false
        }
        notifyFallback = try? FanotifyGroup(flags: [.cloexec, .nonblock], eventFlags: O_RDONLY | VIGIL_O_LARGEFILE | O_CLOEXEC)
    }

    public var hasPermissionMarks: Bool { permission != nil }
    public var protectedFiles: [ProtectedFile] { armed.withLock { $0.files } }
    public var immutableMissing: [String: String] { armed.withLock { $0.noImmutable } }
    /// True under Tier A, whose BPF LSM hooks refuse changes in the kernel and report
    /// each try: arming clears the immutable flag instead of setting it and the repair
    /// never sets it again (the VFS checks the flag before the LSM hooks, so it refused
    /// unseen); and an open that reaches the permission group already passed Tier A's
    /// write check, so one whose intent cannot be read is allowed.
    public let tierAEnforces = Atomic<Bool>(false)
    public var marksMissing: [String: String] { armed.withLock { $0.unmarked } }
    /// Yama ptrace_scope 3 is in force (one-way until reboot): /proc/TID/syscall needs
    /// ptrace-attach access, so every try to read an opener's intent is refused, and Yama
    /// logs each refusal as an attach attempt by Vigil (reported by the kernel-log
    /// follower as a `kernel-refused` alert naming Vigil, and eating the kernel's rate
    /// limit that the attacker's own lines need). Then the intent is not read at all.
    /// Checked at start and at each sweep (250 ms).
    let intentUnreadable: Atomic<Bool>

    func noticeYamaScope3() {
        if !intentUnreadable.load(ordering: .relaxed), KernelRefusals.yamaScope3Now() {
            intentUnreadable.store(true, ordering: .relaxed)
        }
    }

    // MARK: arming

    /// Takes over `sealed` (already verified and restored by the caller): sets the
    /// immutable flag and marks each file. Called at start and after maintenance.
    public func arm(_ sealed: [ProtectedFile], immutable: Bool) {
        armed.withLock { a in
            try? permission?.mark([.flush], [], path: nil)
            try? notify?.mark([.flush], [], path: nil)
            try? notifyFallback?.mark([.flush], [], path: nil)
            a.files = sealed
            a.handles = Array(repeating: nil, count: sealed.count)
            a.noImmutable = [:]
            a.unmarked = [:]
            confirmedInodes.withLock { $0 = [:] }
            for i in a.files.indices { arm(i, immutable: immutable, in: &a) }
        }
    }

    /// Flags and marks file `i` (the caller holds `armed`).
    func arm(_ i: Int, immutable: Bool, in a: inout Armed) {
        let path = a.files[i].path
        confirmedInodes.withLock { $0[path] = nil }
        if tierAEnforces.load(ordering: .relaxed) {
            try? InodeFlags.setImmutable(path, false)
        } else if immutable {
            do {
                try InodeFlags.setImmutable(path, true)
                let confirmed = FileIdentity.of(path)
                confirmedInodes.withLock { $0[path] = confirmed }
            } catch {
                a.noImmutable[path] = InodeFlags.isUnsupported(error) ? "this filesystem has no inode flags (\(error))" : "\(error)"
            }
        }
        do { try permission?.mark([.add, .dontFollow], [.openPerm], path: path) } catch {
            a.unmarked[path] = "no permission mark: \(error)"
        }
        var watched = false
        if let notify {
            do {
                try notify.mark([.add, .dontFollow], [.modify, .attrib, .closeWrite, .deleteSelf, .moveSelf], path: path)
                a.handles[i] = fileHandle(path)
                watched = true
            } catch {}
        }
        if !watched {
            // No file handles here: content and attribute changes still arrive with a
            // descriptor; deletes and renames are left to the sweep.
            do { try notifyFallback?.mark([.add, .dontFollow], [.modify, .attrib, .closeWrite], path: path) } catch {
                a.unmarked[path] = "no notification mark: \(error)"
            }
        }
    }

    private func fileHandle(_ path: String) -> [UInt8]? {
        var buf = [UInt8](repeating: 0, count: 256)
        // AT_HANDLE_FID first (it needs no decodable handle); kernels before 6.5 refuse it.
        let n: Int32?
        do { n = try sysCall { vigil_name_to_handle(path, VIGIL_AT_HANDLE_FID, &buf, buf.count) } } catch where error.code == EINVAL {
            n = try? sysCall { vigil_name_to_handle(path, 0, &buf, buf.count) }
        } catch { n = nil }
        return n.map { Array(buf[0..<Int($0)]) }
    }

    public func trust(pid: Int32) { trustedPid.store(pid, ordering: .releasing) }

    // MARK: start and stop

    /// Starts the permission and repair threads. Before `arm`: arming sets the
    /// immutable flag and adds permission marks, and from the first mark on, opens of
    /// that file (our own included) wait for the permission thread.
    public func start() throws(VigilError) {
        noticeYamaScope3()
        if permission != nil {
            threads.spawn("vigil-tamper-perm") { [self] in permissionLoop() }
        }
        threads.spawn("vigil-tamper") { [self] in repairLoop() }
    }

    public func stop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        // No new event once the marks are gone; one queued before is not answered by the
        // kernel when its mark goes (only a response or the group's last close does): the
        // permission thread answers what is queued before it leaves.
        try? permission?.mark([.flush], [], path: nil)
        stopSignal.signal()
        threads.joinAll()
    }

    /// Asks the repair thread to check every file now.
    public func verifySoon() { verifySignal.signal() }
}
