import Glibc
import VigilSystem

/// Prevent: the tamper guard's permission thread. Every open of a protected file waits
/// for it; opens for reading pass, opens for writing by anyone but Vigil, the watchdog
/// and the configured maintainers are refused and logged.
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
    }

    private func answer(_ event: consuming PermissionEvent, pid tid: Int32) {
        // Our own threads first and at once: waiting on ourselves is a deadlock.
        if isOwnThread(tid) || maintenance.isActive {
            event.respond(.allow)
            return
        }
        let suspect = ProtectionEvent.Suspect.of(tid: tid)
        let intent = OpenIntent.of(tid: tid)
        let path = readLink("/proc/self/fd/\(event.fd)")?.description ?? "?"
        if let exe = suspect.executable, maintainers.contains(exe) {
            event.respond(.allow)
            armed.withLock { a in
                a.lastOpener[path] = suspect
                if intent != .read { a.maintainerWrites[path] = suspect }
            }
            return
        }
        if intent == .read || (intent == .unknown && tierAEnforces.load(ordering: .relaxed)) {
            event.respond(.allow)
            armed.withLock { $0.lastOpener[path] = suspect }
            return
        }
        event.respond(.deny)
        blocked.add(1, ordering: .relaxed)
        let why = intent == .write ? "an open for writing" : "an open whose intent could not be read"
        emit("tamper-blocked|\(path)|\(tid)", ProtectionEvent.line(
            action: "tamper-blocked", alert: true, outcome: "success",
            message: "refused \(why) of protected file \(path)", path: path, change: "open-for-write", suspect: suspect))
    }

    /// The group reports thread ids (FAN_REPORT_TID), so a thread of ours or of the
    /// watchdog is recognised by its task entry, not by comparing with a process id.
    private func isOwnThread(_ tid: Int32) -> Bool {
        if tid == ownPid || access("/proc/self/task/\(tid)", F_OK) == 0 { return true }
        let watchdog = trustedPid.load(ordering: .acquiring)
        return watchdog > 0 && (tid == watchdog || access("/proc/\(watchdog)/task/\(tid)", F_OK) == 0)
    }
}
