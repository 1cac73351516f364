import Glibc
import VigilSystem

/// Detect and repair: the tamper guard's repair thread. Notifications (and a sweep
/// every 250 ms) say a protected file may have changed; it is compared with its seal,
/// and a changed file is restored (TamperRestore.swift), or re-sealed when a maintainer
/// changed it, and the change is logged with who made it.
///
/// Owns: noticing changes. Must not: answer opens (the permission thread does).
extension TamperGuard {
    func repairLoop() {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
        defer { buffer.deallocate() }
        var fds = [readable(notify?.fd ?? -1), readable(notifyFallback?.fd ?? -1), readable(verifySignal.fd), readable(stopSignal.fd)]
        var lastSweep = monotonicNanos()
        // When a restore last failed, per file: retried every 5 s, not every sweep, so a
        // file that cannot be restored does not flood the log. This thread's alone.
        var failedAt: [String: UInt64] = [:]
        while !stopping.load(ordering: .acquiring) {
            _ = try? pollDescriptors(&fds, timeoutMillis: 250)
            if stopping.load(ordering: .acquiring) { break }
            var suspects: [Int: ProtectionEvent.Suspect] = [:]
            var unmatched: ProtectionEvent.Suspect?
            var any = false
            if fds[2].revents != 0 {
                verifySignal.drain()
                any = true
            }
            for (slot, group) in [(0, notify), (1, notifyFallback)] where fds[slot].revents != 0 {
                guard let group else { continue }
                for (index, pid) in readNotifications(group, buffer) {
                    any = true
                    if pid == ownPid || pid <= 0 { continue }
                    let s = ProtectionEvent.Suspect.of(pid: pid)
                    if let index { suspects[index] = s } else { unmatched = s }
                }
            }
            if maintenance.isActive { continue }
            let now = monotonicNanos()
            if any || now - lastSweep >= 250_000_000 {
                lastSweep = now
                noticeYamaScope3()
                sweep(suspects: suspects, fallbackSuspect: unmatched, failedAt: &failedAt)
                checkManifest()
            }
        }
    }

    /// Reads one batch; returns, per event, the protected file it concerns (when it can
    /// tell) and the pid that caused it.
    private func readNotifications(_ group: FanotifyGroup, _ buffer: UnsafeMutableRawBufferPointer) -> [(Int?, Int32)] {
        // Through the same checked reader as every group: complete records of the
        // metadata version Vigil was built for, or nothing.
        guard let batch = try? group.read(into: buffer) else { return [] }
        var out: [(Int?, Int32)] = []
        for event in batch.events {
            var index: Int?
            if event.fd >= 0 {
                var st = stat()
                if fstat(event.fd, &st) == 0 {
                    let dev = UInt64(st.st_dev), ino = UInt64(st.st_ino)
                    index = armed.withLock { $0.files.firstIndex { $0.identity?.dev == dev && $0.identity?.ino == ino } }
                }
                close(event.fd)
            } else if let h = batch.fileHandle(of: event) {
                index = armed.withLock { $0.handles.firstIndex { $0 == h } }
            }
            out.append((index, event.pid))
        }
        return out
    }

    /// The manifest itself, rewritten by anyone but Vigil (a forged seal for the next
    /// start to trust): put back, and a critical event. One lstat when it is unchanged.
    func checkManifest() {
        guard let (found, kept, error) = store.putBackManifestIfChanged() else { return }
        let how = found.map { "rewritten (sha256 \(sha256Hex($0)))" } ?? "deleted"
        emit("manifest-tampered|\(monotonicNanos())", ProtectionEvent.line(
            action: "manifest-tampered", alert: true, outcome: error == nil ? "success" : "failure",
            message: "vigil: the sealed manifest \(store.manifestPath) was \(how) outside Vigil; "
                + (error.map { "putting back the sealed one (sha256 \(sha256Hex(kept))) failed: \($0)" } ?? "the sealed one (sha256 \(sha256Hex(kept))) is put back"),
            path: store.manifestPath, expectedSHA256: sha256Hex(kept), foundSHA256: found.map { sha256Hex($0) }, level: "critical"))
    }

    /// Checks every file; restores what changed. Cheap when nothing did: one lstat each.
    private func sweep(suspects: [Int: ProtectionEvent.Suspect], fallbackSuspect: ProtectionEvent.Suspect?, failedAt: inout [String: UInt64]) {
        let count = armed.withLock { $0.files.count }
        for i in 0..<count {
            if maintenance.isActive || stopping.load(ordering: .relaxed) { return }
            verify(i, suspect: suspects[i] ?? fallbackSuspect, failedAt: &failedAt)
        }
    }

    private func verify(_ i: Int, suspect seen: ProtectionEvent.Suspect?, failedAt: inout [String: UInt64]) {
        let started = monotonicNanos()
        guard let f = armed.withLock({ i < $0.files.count ? $0.files[i] : nil }) else { return }
        if let t = failedAt[f.path], started - t < 5_000_000_000 { return }
        let suspect = seen ?? armed.withLock { $0.lastOpener[f.path] }
        // Who made the change (its fanotify event), or only the last process that opened it.
        let attribution: [(String, String)] = suspect == nil ? [] : [("attribution", seen != nil ? "changed-it" : "last-opener")]
        let now = FileIdentity.of(f.path)
        if let now, now == f.identity { return }
        var change: String
        var found: String?
        if let now {
            if (now.mode & S_IFMT) != S_IFREG {
                change = "replaced"
            } else if let old = f.identity, old.ino != now.ino || old.dev != now.dev {
                change = "replaced"
                found = currentHash(f.path)
            } else {
                found = currentHash(f.path)
                if found != f.sha256 {
                    change = now.size < Int64(f.identity?.size ?? 0) ? "truncated" : "modified"
                } else if now.mode & 0o7777 != f.mode || now.uid != f.uid || now.gid != f.gid {
                    change = "attributes"
                } else if !tierAEnforces.load(ordering: .relaxed), armed.withLock({ $0.noImmutable[f.path] == nil }),
                          (try? InodeFlags.isImmutable(f.path)) == false {
                    // Content intact, flag gone (chattr -i): put the flag back.
                    let set = (try? InodeFlags.setImmutable(f.path, true)) != nil
                    armed.withLock { a in
                        guard i < a.files.count else { return }
                        a.files[i].identity = FileIdentity.of(f.path)
                        let confirmed = set ? a.files[i].identity : nil
                        confirmedInodes.withLock { $0[f.path] = confirmed }
                    }
                    reasserted.add(1, ordering: .relaxed)
                    emit("immutable-reasserted|\(f.path)|\(monotonicNanos())", ProtectionEvent.line(
                        action: "immutable-reasserted", alert: true,
                        message: "the immutable flag was removed from protected file \(f.path); set again",
                        path: f.path, expectedSHA256: f.sha256, foundSHA256: found, change: "immutable-removed", suspect: suspect,
                        restoreMillis: Int((monotonicNanos() - started) / 1_000_000), extra: attribution))
                    return
                } else {
                    // Same bytes, same owner, flag in place (a touch, a chattr +i): just remember it.
                    // The flag read after `now` was taken: a change between the two leaves
                    // a later ctime than the one confirmed here, so opens stay refused.
                    let immutableNow = (try? InodeFlags.isImmutable(f.path)) == true
                    armed.withLock { a in
                        guard i < a.files.count else { return }
                        a.files[i].identity = now
                        if immutableNow && !tierAEnforces.load(ordering: .relaxed) { confirmedInodes.withLock { $0[f.path] = now } }
                    }
                    return
                }
            }
        } else {
            change = "deleted-or-moved"
        }
        if let maintainer = armed.withLock({ $0.maintainerWrites[f.path] }) {
            // Accepted while that maintainer is still at it (a write may span several
            // sweeps) or when its own event says it made the change.
            let alive = kill(maintainer.pid, 0) == 0
            if let now, (now.mode & S_IFMT) == S_IFREG, seen?.pid == maintainer.pid || (seen == nil && alive) {
                resealAfterMaintainer(i, f, maintainer, change: change)
                return
            }
            if !alive { armed.withLock { $0.maintainerWrites[f.path] = nil } }
        }
        let outcome: String
        var message: String
        do {
            try restore(i, f)
            restored.add(1, ordering: .relaxed)
            failedAt[f.path] = nil
            restoreFailures.withLock { $0[f.path] = nil }
            outcome = "success"
            message = "protected file \(f.path) was tampered with (\(change)); restored from its sealed copy"
        } catch {
            outcome = "failure"
            message = "protected file \(f.path) was tampered with (\(change)); restore failed (next try in 5 s): \(error)"
            failedAt[f.path] = started
            restoreFailures.withLock { $0[f.path] = "\(error)" }
        }
        emit("tamper|\(f.path)|\(monotonicNanos())", ProtectionEvent.line(
            action: outcome == "success" ? "tamper-restored" : "tamper-restore-failed", alert: true, outcome: outcome,
            message: message, path: f.path, expectedSHA256: f.sha256, foundSHA256: found, change: change, suspect: suspect,
            restoreMillis: Int((monotonicNanos() - started) / 1_000_000), level: outcome == "success" ? nil : "critical", extra: attribution))
    }
}
