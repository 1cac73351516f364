import CLinux
import Glibc
import VigilSystem

/// Prevent: the tamper guard's permission thread. Every open of a protected file waits
/// for it; opens for reading pass, opens for writing by anyone but Vigil, the watchdog
/// and the configured maintainers are refused and logged. The decision is
/// `TamperAnswer.of`, a pure function.
///
/// Owns: the answers of the permission group. Must not: touch the files (the repair
/// thread does).
extension TamperGuard {
    func permissionLoop() {
        guard let group = permission else { return }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
        defer { buffer.deallocate() }
        var fds = [readable(group.fd), readable(stopSignal.fd)]
        while !stopping.load(ordering: .acquiring) {
            guard (try? pollDescriptors(&fds, timeoutMillis: -1)) != nil else { continue }
            if stopping.load(ordering: .acquiring) { break }
            guard fds[0].revents != 0, let events = try? group.read(into: buffer).events else { continue }
            for raw in events where raw.fd >= 0 {
                guard raw.mask.isPermission else { close(raw.fd); continue }
                answer(PermissionEvent(raw, group: group, fallback: .allow), pid: raw.pid)
            }
        }
        // Stopping: the marks are flushed; allow what was queued before (the group stays
        // open until this object goes, and an opener would wait on it until then).
        var queued = [readable(group.fd)]
        while (try? pollDescriptors(&queued, timeoutMillis: 0)) ?? 0 > 0, queued[0].revents != 0,
              let events = try? group.read(into: buffer).events, !events.isEmpty {
            for raw in events where raw.fd >= 0 {
                guard raw.mask.isPermission else { close(raw.fd); continue }
                PermissionEvent(raw, group: group, fallback: .allow).respond(.allow)
            }
        }
    }

    private func answer(_ event: consuming PermissionEvent, pid tid: Int32) {
        // Our own threads first and at once: waiting on ourselves is a deadlock.
        if isOwnThread(tid) || maintenance.isActive {
            event.respond(.allow)
            return
        }
        let suspect = ProtectionEvent.Suspect.of(tid: tid)
        let intent = intentUnreadable.load(ordering: .relaxed) ? .unknown : OpenIntent.of(tid: tid)
        let path = readLink("/proc/self/fd/\(event.fd)")?.description ?? "?"
        let maintainer = suspect.executable.map { maintainers.contains($0) } ?? false
        let tierA = tierAEnforces.load(ordering: .relaxed)
        // The flags only matter when the intent cannot be read (Yama scope 3 closes
        // /proc/TID/syscall to us; an open from a call other than the open family).
        var unknown: TamperAnswer.UnknownIntent?
        if intent == .unknown && !maintainer && !tierA {
            unknown = TamperAnswer.UnknownIntent(
                refusedAtOpen: InodeFlags.refusedAtOpen(fd: event.fd),
                openForWriting: Self.openForWriting(fd: event.fd),
                attributesConfirmed: attributesConfirmed(fd: event.fd))
        }
        switch TamperAnswer.of(intent: intent, unknown: unknown, tierA: tierA, maintainer: maintainer) {
        case .allow(let maintainerWrite):
            event.respond(.allow)
            armed.withLock { a in
                a.lastOpener[path] = suspect
                if maintainerWrite { a.maintainerWrites[path] = suspect }
            }
        case .refuse(let why):
            event.respond(.deny)
            // Not one notification says the flags changed (FS_IOC_SETFLAGS raises no
            // FAN_ATTRIB): the repair thread learns of it from its sweep, every 250 ms.
            // A refusal that may be one is a reason to look now: the flag put back, or the
            // new ctime confirmed, ends the refusal of honest reads sooner.
            if unknown != nil { verifySoon() }
            blocked.add(1, ordering: .relaxed)
            emit("tamper-blocked|\(path)|\(tid)", ProtectionEvent.line(
                action: "tamper-blocked", alert: true, outcome: "success",
                message: "refused \(why) of protected file \(path)", path: path, change: "open-for-write", suspect: suspect))
        }
    }

    /// Whether any open file holds write access to the inode of `fd` right now: the
    /// kernel refuses a read lease while i_writecount > 0 (check_conflicting_open), and a
    /// write open took its write access (do_dentry_open) before fsnotify queued its
    /// permission event, so the opener being answered is counted. nil when it cannot
    /// tell (leases off with fs.leases-enable = 0, a file we do not own without
    /// CAP_LEASE). The lease is dropped at once; a write open in that instant breaks it
    /// with SIGIO, which the daemon ignores.
    static func openForWriting(fd: Int32) -> Bool? {
        switch vigil_has_writers(fd) {
        case 0: return false
        case 1: return true
        default: return nil
        }
    }

    /// True when the inode of `fd` is a protected file with the ctime the guard recorded
    /// when it last set or confirmed +i itself: nothing changed the file's attributes
    /// since (chattr updates the ctime). See `confirmedInodes` (never `armed`: this runs
    /// before the answer, and `armed` may be held by a thread waiting for one). Found by device and
    /// inode, not by the descriptor's path: a protected path may run through a symbolic
    /// link, and /proc/self/fd shows the resolved one.
    func attributesConfirmed(fd: Int32) -> Bool {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return false }
        let dev = UInt64(st.st_dev), ino = UInt64(st.st_ino)
        return confirmedInodes.withLock { confirmed in
            confirmed.values.contains {
                $0.dev == dev && $0.ino == ino && $0.ctimeSec == st.st_ctim.tv_sec && $0.ctimeNsec == st.st_ctim.tv_nsec
            }
        }
    }

    /// The group reports thread ids (FAN_REPORT_TID), so a thread of ours or of the
    /// watchdog is recognised by its task entry, not by comparing with a process id.
    private func isOwnThread(_ tid: Int32) -> Bool {
        if tid == ownPid || access("/proc/self/task/\(tid)", F_OK) == 0 { return true }
        let watchdog = trustedPid.load(ordering: .acquiring)
        return watchdog > 0 && (tid == watchdog || access("/proc/\(watchdog)/task/\(tid)", F_OK) == 0)
    }
}

/// The permission thread's answer to one open of a protected file by a process that is
/// neither Vigil nor the watchdog, a pure function of what it knows about the open.
enum TamperAnswer: Equatable {
    /// `maintainerWrite`: a configured maintainer opened it maybe for writing; its next
    /// change is an update to re-seal, not tampering.
    case allow(maintainerWrite: Bool)
    /// Refused and logged as `tamper-blocked`, with what was refused.
    case refuse(String)

    /// What the guard reads from the kernel about an open whose intent it cannot read.
    struct UnknownIntent: Equatable {
        /// What the VFS refuses at open for this file, by its inode flags (nil: not read,
        /// or not trustworthy on this filesystem).
        var refusedAtOpen: InodeFlags.RefusedAtOpen?
        /// Someone holds the file open for writing now (the opener being answered
        /// included); nil: cannot tell (no leases).
        var openForWriting: Bool?
        /// The file's ctime is the one the guard recorded when it last set or confirmed
        /// +i itself: nothing changed its attributes since.
        var attributesConfirmed: Bool
    }

    /// - `intent`: from /proc/TID/syscall; `.unknown` when that cannot be read.
    /// - `unknown`: read only when the intent is unknown, for a non-maintainer under tier B.
    /// - `tierA`: BPF LSM enforcement runs (its file_open hook refused write opens
    ///   before this event).
    ///
    /// An open whose intent cannot be read is allowed only when the kernel has already
    /// refused every write open of the file: under tier A, or when the file is immutable
    /// (may_open() refuses O_WRONLY, O_RDWR and O_TRUNC on it before fsnotify's event, so
    /// what reaches us is a read or an exec). An append-only file is not enough: an
    /// O_APPEND write open passes may_open() and is indistinguishable from a read, so it
    /// stays refused (the guard arms +i on every file it protects, so only a file whose
    /// filesystem has no flags, or whose +i was just cleared, falls here).
    ///
    /// "Immutable now" is not "immutable when may_open() ran": a root attacker clears +i,
    /// opens O_WRONLY (passes), and sets +i again before we read the flags (issue 12).
    /// Two more checks close that:
    /// - nobody holds the file open for writing: exact for O_WRONLY and O_RDWR, whose
    ///   write access is taken before the permission event, whatever the timing;
    /// - its ctime is the one recorded when the guard last confirmed +i: the toggle moved
    ///   it. This also covers O_RDONLY|O_TRUNC (no write access until the truncation,
    ///   after our answer), but not exactly: with coarse timestamps (6.1) a toggle in the
    ///   same tick as the guard's record leaves the ctime equal, and a sweep that confirms
    ///   the new ctime between the attacker's +i and our answer makes it equal again.
    /// A file whose writer check cannot be made (no leases) rests on the ctime alone.
    static func of(intent: OpenIntent, unknown: UnknownIntent?, tierA: Bool, maintainer: Bool) -> TamperAnswer {
        if maintainer { return .allow(maintainerWrite: intent != .read) }
        switch intent {
        case .read: return .allow(maintainerWrite: false)
        case .write: return .refuse("an open for writing")
        case .unknown:
            if tierA { return .allow(maintainerWrite: false) }
            guard let unknown, unknown.refusedAtOpen?.contains(.writes) == true else {
                return .refuse("an open whose intent could not be read (the file is not immutable)")
            }
            if unknown.openForWriting == true {
                return .refuse("an open whose intent could not be read of a file that is open for writing (its +i was cleared and set again around the open)")
            }
            if !unknown.attributesConfirmed {
                return .refuse("an open whose intent could not be read (the file's attributes changed since the guard last confirmed its immutable flag)")
            }
            return .allow(maintainerWrite: false)
        }
    }
}
