import CLinux
import Glibc
import Synchronization
import VigilEvents
import VigilSystem

/// Guards the protected set at run time with two fanotify groups of its own:
/// - a permission group (FAN_OPEN_PERM inode marks) that refuses opens for writing by
///   anyone but Vigil and the configured maintainers;
/// - a notification group (FAN_MODIFY, FAN_ATTRIB, FAN_CLOSE_WRITE, FAN_DELETE_SELF,
///   FAN_MOVE_SELF, reported by file handle) that sees what got past the immutable
///   flag and the permission marks: the file is then restored from its sealed copy, the
///   flag re-asserted and the change logged as tampering.
/// A sweep every 250 ms compares each file's inode, size and times with what was
/// sealed, so a missed event (queue overflow, a filesystem without file handles) costs
/// at most a quarter of a second.
///
/// Owns: its two groups, their marks, its two threads. Must not: seal or decide what
/// is protected (ProtectedSet and SelfProtection do).
public final class TamperGuard: @unchecked Sendable {
    private let store: ProtectedSet
    private let maintenance: MaintenanceState
    private let maintainers: Swift.Set<String>
    private let emit: @Sendable (String, JSONLine) -> Void
    private let ownPid = getpid()
    /// The watchdog: its opens are answered at once, like our own threads'.
    private let trustedPid = Atomic<Int32>(0)

    private let lock = Lock()
    private var files: [ProtectedFile] = []         // guarded by lock
    private var handles: [[UInt8]?] = []            // guarded by lock; FID per file
    /// Files on filesystems without inode flags (the immutable layer is missing there).
    private var noImmutable: [String: String] = [:] // guarded by lock; path -> reason
    private var unmarked: [String: String] = [:]    // guarded by lock; path -> reason
    /// The last other process that opened each file: some changes (chattr's ioctl) raise
    /// no fanotify event, but the open before them did.
    private var lastOpener: [String: ProtectionEvent.Suspect] = [:] // guarded by lock
    /// Files a maintainer opened for writing since they were sealed: their next change
    /// is an update to re-seal, not tampering to undo.
    private var maintainerWrites: [String: ProtectionEvent.Suspect] = [:] // guarded by lock
    /// When a restore last failed, per file: retried every 5 s, not every sweep, so a
    /// file that cannot be restored does not flood the log. The repair thread's alone.
    private var failedAt: [String: UInt64] = [:]

    private let permission: FanotifyGroup?
    private let notify: FanotifyGroup?
    private let notifyFallback: FanotifyGroup?
    public let reportsFileHandles: Bool
    /// Never drained: once written, every thread's poll sees it.
    private let stopFD: Int32
    /// "Check every file now", drained by the repair thread.
    private let verifyFD: Int32
    private let stopping = Atomic<Bool>(false)
    private var threads: [WorkerThread] = []      // touched by start() and stop() only, on the daemon's main thread

    public let blocked = Atomic<Int>(0)
    public let restored = Atomic<Int>(0)
    public let reasserted = Atomic<Int>(0)

    public init(store: ProtectedSet, maintenance: MaintenanceState, maintainers: [String],
                emit: @escaping @Sendable (String, JSONLine) -> Void) {
        self.store = store
        self.maintenance = maintenance
        self.maintainers = Swift.Set(maintainers)
        self.emit = emit
        stopFD = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        verifyFD = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
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

    deinit {
        close(stopFD)
        close(verifyFD)
    }

    public var hasPermissionMarks: Bool { permission != nil }
    public var protectedFiles: [ProtectedFile] { lock.withLock { files } }
    public var immutableMissing: [String: String] { lock.withLock { noImmutable } }
    public var marksMissing: [String: String] { lock.withLock { unmarked } }

    // MARK: arming

    /// Takes over `sealed` (already verified and restored by the caller): sets the
    /// immutable flag and marks each file. Called at start and after maintenance.
    public func arm(_ sealed: [ProtectedFile], immutable: Bool) {
        lock.withLock {
            try? permission?.mark([.flush], [], path: nil)
            try? notify?.mark([.flush], [], path: nil)
            try? notifyFallback?.mark([.flush], [], path: nil)
            files = sealed
            handles = Array(repeating: nil, count: sealed.count)
            noImmutable = [:]
            unmarked = [:]
            for i in files.indices { armLocked(i, immutable: immutable) }
        }
    }

    private func armLocked(_ i: Int, immutable: Bool) {
        let path = files[i].path
        if immutable {
            do { try InodeFlags.setImmutable(path, true) } catch {
                noImmutable[path] = InodeFlags.isUnsupported(error) ? "this filesystem has no inode flags (\(error))" : "\(error)"
            }
        }
        do { try permission?.mark([.add, .dontFollow], [.openPerm], path: path) } catch {
            unmarked[path] = "no permission mark: \(error)"
        }
        var watched = false
        if let notify {
            do {
                try notify.mark([.add, .dontFollow], [.modify, .attrib, .closeWrite, .deleteSelf, .moveSelf], path: path)
                handles[i] = fileHandle(path)
                watched = true
            } catch {}
        }
        if !watched {
            // No file handles here: content and attribute changes still arrive with a
            // descriptor; deletes and renames are left to the sweep.
            do { try notifyFallback?.mark([.add, .dontFollow], [.modify, .attrib, .closeWrite], path: path) } catch {
                unmarked[path] = "no notification mark: \(error)"
            }
        }
    }

    private func fileHandle(_ path: String) -> [UInt8]? {
        var buf = [UInt8](repeating: 0, count: 256)
        var n = vigil_name_to_handle(path, VIGIL_AT_HANDLE_FID, &buf, buf.count)
        if n < 0 && errno == EINVAL { n = vigil_name_to_handle(path, 0, &buf, buf.count) }
        return n > 0 ? Array(buf[0..<Int(n)]) : nil
    }

    public func trust(pid: Int32) { trustedPid.store(pid, ordering: .releasing) }

    /// Starts the permission and repair threads. Call before `arm`: arming sets the
    /// immutable flag and adds permission marks, and from the first mark on, opens of
    /// that file (our own included) wait for the permission thread.
    public func start() {
        if permission != nil {
            threads.append(WorkerThread(name: "vigil-tamper-perm") { [self] in permissionLoop() })
        }
        threads.append(WorkerThread(name: "vigil-tamper") { [self] in repairLoop() })
    }

    public func stop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        // Openers waiting on us are allowed when the marks go.
        try? permission?.mark([.flush], [], path: nil)
        var one: UInt64 = 1
        _ = write(stopFD, &one, 8)
        threads.forEach { $0.join() }
        threads = []
    }

    /// Asks the repair thread to check every file now.
    public func verifySoon() {
        var one: UInt64 = 1
        _ = write(verifyFD, &one, 8)
    }

    // MARK: prevent: the permission thread

    private func permissionLoop() {
        guard let group = permission else { return }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
        defer { buffer.deallocate() }
        var fds = [pollfd(fd: group.fd, events: Int16(POLLIN), revents: 0), pollfd(fd: stopFD, events: Int16(POLLIN), revents: 0)]
        while !stopping.load(ordering: .acquiring) {
            fds[0].revents = 0
            fds[1].revents = 0
            if poll(&fds, 2, -1) < 0 { continue }
            if stopping.load(ordering: .acquiring) { break }
            guard fds[0].revents != 0, let events = try? group.read(into: buffer) else { continue }
            for raw in events where raw.fd >= 0 {
                guard raw.mask.isPermission else { close(raw.fd); continue }
                let event = PermissionEvent(raw, group: group, fallback: .allow)
                // Our own threads first and at once: waiting on ourselves is a deadlock.
                if isOwnThread(raw.pid) || maintenance.isActive {
                    event.respond(.allow)
                    continue
                }
                let suspect = ProtectionEvent.Suspect.of(tid: raw.pid)
                let intent = OpenIntent.of(tid: raw.pid)
                let path = readLink("/proc/self/fd/\(raw.fd)")?.description ?? "?"
                if let exe = suspect.executable, maintainers.contains(exe) {
                    event.respond(.allow)
                    lock.withLock {
                        lastOpener[path] = suspect
                        if intent != .read { maintainerWrites[path] = suspect }
                    }
                    continue
                }
                if intent == .read {
                    event.respond(.allow)
                    lock.withLock { lastOpener[path] = suspect }
                    continue
                }
                event.respond(.deny)
                blocked.add(1, ordering: .relaxed)
                let why = intent == .write ? "an open for writing" : "an open whose intent could not be read"
                emit("tamper-blocked|\(path)|\(raw.pid)", ProtectionEvent.line(
                    action: "tamper-blocked", alert: true, outcome: "success",
                    message: "refused \(why) of protected file \(path)", path: path, change: "open-for-write", suspect: suspect))
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

    // MARK: detect and repair: the repair thread

    private func repairLoop() {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
        defer { buffer.deallocate() }
        var fds = [pollfd(fd: notify?.fd ?? -1, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: notifyFallback?.fd ?? -1, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: verifyFD, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: stopFD, events: Int16(POLLIN), revents: 0)]
        var lastSweep = monotonicNanos()
        while !stopping.load(ordering: .acquiring) {
            for i in fds.indices { fds[i].revents = 0 }
            _ = poll(&fds, 4, 250)
            if stopping.load(ordering: .acquiring) { break }
            var suspects: [Int: ProtectionEvent.Suspect] = [:]
            var unmatched: ProtectionEvent.Suspect?
            var any = false
            if fds[2].revents != 0 {
                var v: UInt64 = 0
                _ = read(verifyFD, &v, 8)
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
                sweep(suspects: suspects, fallbackSuspect: unmatched)
            }
        }
    }

    /// Reads one batch; returns, per event, the protected file it concerns (when it can
    /// tell) and the pid that caused it.
    private func readNotifications(_ group: FanotifyGroup, _ buffer: UnsafeMutableRawBufferPointer) -> [(Int?, Int32)] {
        let n = read(group.fd, buffer.baseAddress, buffer.count)
        guard n > 0 else { return [] }
        var out: [(Int?, Int32)] = []
        var offset = 0
        var handle = [UInt8](repeating: 0, count: 256)
        while true {
            var mask: UInt64 = 0, efd: Int32 = 0, pid: Int32 = 0, versionOK: Int32 = 0
            let len = vigil_fanotify_event_at(buffer.baseAddress, n, offset, &mask, &efd, &pid, &versionOK)
            if len == 0 { break }
            var index: Int?
            if efd >= 0 {
                var st = stat()
                if fstat(efd, &st) == 0 {
                    let dev = UInt64(st.st_dev), ino = UInt64(st.st_ino)
                    index = lock.withLock { files.firstIndex { $0.identity?.dev == dev && $0.identity?.ino == ino } }
                }
                close(efd)
            } else {
                let hl = vigil_fanotify_event_fid(buffer.baseAddress, n, offset, &handle, handle.count)
                if hl > 0 {
                    let h = Array(handle[0..<hl])
                    index = lock.withLock { handles.firstIndex { $0 == h } }
                }
            }
            out.append((index, pid))
            offset += len
        }
        return out
    }

    /// Checks every file; restores what changed. Cheap when nothing did: one lstat each.
    private func sweep(suspects: [Int: ProtectionEvent.Suspect], fallbackSuspect: ProtectionEvent.Suspect?) {
        let count = lock.withLock { files.count }
        for i in 0..<count {
            if maintenance.isActive || stopping.load(ordering: .relaxed) { return }
            verify(i, suspect: suspects[i] ?? fallbackSuspect)
        }
    }

    private func verify(_ i: Int, suspect seen: ProtectionEvent.Suspect?) {
        let started = monotonicNanos()
        guard let f = lock.withLock({ i < files.count ? files[i] : nil }) else { return }
        if let t = failedAt[f.path], started - t < 5_000_000_000 { return }
        let suspect = seen ?? lock.withLock { lastOpener[f.path] }
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
                } else if lock.withLock({ noImmutable[f.path] == nil }), (try? InodeFlags.isImmutable(f.path)) == false {
                    // Content intact, flag gone (chattr -i): put the flag back.
                    do { try InodeFlags.setImmutable(f.path, true) } catch {}
                    lock.withLock { if i < files.count { files[i].identity = FileIdentity.of(f.path) } }
                    reasserted.add(1, ordering: .relaxed)
                    emit("immutable-reasserted|\(f.path)|\(monotonicNanos())", ProtectionEvent.line(
                        action: "immutable-reasserted", alert: true,
                        message: "the immutable flag was removed from protected file \(f.path); set again",
                        path: f.path, expectedSHA256: f.sha256, foundSHA256: found, change: "immutable-removed", suspect: suspect,
                        restoreMillis: Int((monotonicNanos() - started) / 1_000_000), extra: attribution))
                    return
                } else {
                    // Same bytes, same owner, flag in place (a touch, a chattr +i): just remember it.
                    lock.withLock { if i < files.count { files[i].identity = now } }
                    return
                }
            }
        } else {
            change = "deleted-or-moved"
        }
        if let maintainer = lock.withLock({ maintainerWrites[f.path] }) {
            // Accepted while that maintainer is still at it (a write may span several
            // sweeps) or when its own event says it made the change.
            let alive = kill(maintainer.pid, 0) == 0
            if let now, (now.mode & S_IFMT) == S_IFREG, seen?.pid == maintainer.pid || (seen == nil && alive) {
                resealAfterMaintainer(i, f, maintainer, change: change)
                return
            }
            if !alive { lock.withLock { maintainerWrites[f.path] = nil } }
        }
        let outcome: String
        var message: String
        do {
            try restore(i, f)
            restored.add(1, ordering: .relaxed)
            failedAt[f.path] = nil
            outcome = "success"
            message = "protected file \(f.path) was tampered with (\(change)); restored from its sealed copy"
        } catch {
            outcome = "failure"
            message = "protected file \(f.path) was tampered with (\(change)); restore failed (next try in 5 s): \(error)"
            failedAt[f.path] = started
        }
        emit("tamper|\(f.path)|\(monotonicNanos())", ProtectionEvent.line(
            action: outcome == "success" ? "tamper-restored" : "tamper-restore-failed", alert: true, outcome: outcome,
            message: message, path: f.path, expectedSHA256: f.sha256, foundSHA256: found, change: change, suspect: suspect,
            restoreMillis: Int((monotonicNanos() - started) / 1_000_000), extra: attribution))
    }

    /// A maintainer (a package manager on the allowlist) changed the file: the new
    /// bytes become the sealed ones.
    private func resealAfterMaintainer(_ i: Int, _ f: ProtectedFile, _ maintainer: ProtectionEvent.Suspect, change: String) {
        let outcome: String
        var message = "protected file \(f.path) was updated by maintainer \(maintainer.executable ?? "?") (\(change)); re-sealed"
        var newSHA: String?
        do {
            let sealed = try store.seal(f.path)
            newSHA = sealed.sha256
            let all: [ProtectedFile] = lock.withLock {
                guard i < files.count else { return files }
                files[i] = sealed
                armLocked(i, immutable: true)
                files[i].identity = FileIdentity.of(f.path)
                return files
            }
            try store.saveManifest(all)
            outcome = "success"
        } catch {
            outcome = "failure"
            message += " failed: \(error)"
        }
        emit("maintainer-update|\(f.path)|\(monotonicNanos())", ProtectionEvent.line(
            action: "maintainer-update", alert: false, outcome: outcome, message: message, path: f.path,
            expectedSHA256: newSHA, foundSHA256: newSHA, change: change, suspect: maintainer,
            extra: [("previous_sha256", f.sha256)]))
    }

    /// Streamed: a protected binary may be tens of MB.
    private func currentHash(_ path: String) -> String? { sha256Hex(file: path) }

    /// Writes the sealed bytes to a new file next to the original and renames it into
    /// place: readers see the old or the restored file, never half of one, and a
    /// descriptor the attacker still holds points at the old inode.
    private func restore(_ i: Int, _ f: ProtectedFile) throws(VigilError) {
        let bytes = try store.sealedBytes(sha: f.sha256)
        let slash = f.path.lastIndex(of: "/")!
        let dir = slash == f.path.startIndex ? "/" : String(f.path[..<slash])
        let tmp = dir + "/.vigil-restore-\(ownPid)-" + String(f.path[f.path.index(after: slash)...])
        // Its folder may have been moved or removed with it.
        try makeDirectories(dir, mode: 0o755)
        _ = try? InodeFlags.setImmutable(tmp, false)
        unlink(tmp)
        let out = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard out >= 0 else { throw VigilError("cannot create \(tmp)", cause: .current) }
        writeAllBytes(out, bytes)
        _ = fchown(out, f.uid, f.gid)
        _ = fchmod(out, f.mode)
        let synced = fsync(out) == 0
        close(out)
        guard synced else { let e = Errno.current; unlink(tmp); throw VigilError("cannot write \(tmp)", cause: e) }
        // An immutable impostor (or the original with its flag) would refuse the rename.
        _ = try? InodeFlags.setImmutable(f.path, false)
        if rename(tmp, f.path) != 0 {
            let e = Errno.current
            var st = stat()
            if lstat(f.path, &st) == 0 && st.isDirectory && rmdir(f.path) == 0 && rename(tmp, f.path) == 0 {
                // An empty folder had taken its place.
            } else {
                unlink(tmp)
                throw VigilError("cannot rename the restored copy onto \(f.path)", cause: e)
            }
        }
        syncDirectory(dir)
        lock.withLock {
            guard i < files.count else { return }
            noImmutable[f.path] = nil
            unmarked[f.path] = nil
            // A new inode: the old marks went with the old one.
            armLocked(i, immutable: true)
            files[i].identity = FileIdentity.of(f.path)
        }
    }
}
