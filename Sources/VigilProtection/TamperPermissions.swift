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
        let refused = intent == .unknown && !maintainer && !tierA ? InodeFlags.refusedAtOpen(fd: event.fd) : nil
        switch TamperAnswer.of(intent: intent, refusedAtOpen: refused, tierA: tierA, maintainer: maintainer) {
        case .allow(let maintainerWrite):
            event.respond(.allow)
            armed.withLock { a in
                a.lastOpener[path] = suspect
                if maintainerWrite { a.maintainerWrites[path] = suspect }
            }
        case .refuse(let why):
            event.respond(.deny)
            blocked.add(1, ordering: .relaxed)
            emit("tamper-blocked|\(path)|\(tid)", ProtectionEvent.line(
                action: "tamper-blocked", alert: true, outcome: "success",
                message: "refused \(why) of protected file \(path)", path: path, change: "open-for-write", suspect: suspect))
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

    /// - `intent`: from /proc/TID/syscall; `.unknown` when that cannot be read.
    /// - `refusedAtOpen`: what the VFS refuses at open for this file, by its inode
    ///   flags (nil: not read, or not trustworthy on this filesystem).
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
    static func of(intent: OpenIntent, refusedAtOpen: InodeFlags.RefusedAtOpen?, tierA: Bool, maintainer: Bool) -> TamperAnswer {
        if maintainer { return .allow(maintainerWrite: intent != .read) }
        switch intent {
        case .read: return .allow(maintainerWrite: false)
        case .write: return .refuse("an open for writing")
        case .unknown:
            if tierA || refusedAtOpen?.contains(.writes) == true { return .allow(maintainerWrite: false) }
            return .refuse("an open whose intent could not be read (the file is not immutable)")
        }
    }
}
