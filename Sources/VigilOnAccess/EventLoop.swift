import CLinux
import Glibc
import VigilSystem

/// The event thread: reads fanotify batches, answers at once whatever needs no scan
/// (Triage), hands the rest to the scan pool with a deadline, and keeps draining the
/// kernel queue under any flood: it never reads a file and never waits on a worker.
extension OnAccessService {
    /// Runs the event loop on the calling thread until `stop()`. `signalFD` (may be -1)
    /// is polled too; `onSignal` handles what it delivers.
    public func runEventLoop(signalFD: Int32, onSignal: (Int32) -> Void) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 16)
        defer { buffer.deallocate() }
        var fds = [pollfd(fd: group.fd, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: signalFD, events: Int16(POLLIN), revents: 0)]
        let nfds = signalFD >= 0 ? 3 : 2
        if config.realtime && vigil_thread_realtime(1) != 0 {
            log.emit(note("warning", "cannot run the answering threads at real-time priority (\(Errno.current); systemd RestrictRealtime= or no CAP_SYS_NICE): "
                + "under a burst of thousands of concurrent opens, openers may wait longer than the deadline"))
        }
        var lastSummary = monotonicNanos()
        while !stopping.load(ordering: .acquiring) {
            // Wake at least once a second to write flood summaries.
            let rc = poll(&fds, nfds_t(nfds), 1000)
            if rc < 0 { if errno == EINTR { continue }; break }
            if nfds == 3 && fds[2].revents != 0 {
                var info = signalfd_siginfo()
                while read(signalFD, &info, MemoryLayout<signalfd_siginfo>.size) == MemoryLayout<signalfd_siginfo>.size {
                    onSignal(Int32(info.ssi_signo))
                }
            }
            if fds[1].revents != 0 {
                var v: UInt64 = 0
                _ = read(wakeFD, &v, 8)
            }
            if fds[0].revents != 0 {
                let events: [Fanotify.RawEvent]
                do { events = try group.read(into: buffer) } catch {
                    log.emit(note("error", "reading fanotify events failed: \(error)"))
                    stats.bump(stats.errors)
                    continue
                }
                for raw in events { handle(raw) }
            }
            let now = monotonicNanos()
            if now - lastSummary >= 1_000_000_000 {
                lastSummary = now
                flushSummaries(force: false)
            }
        }
    }

    private func handle(_ raw: Fanotify.RawEvent) {
        stats.bump(stats.events)
        if raw.mask.contains(.queueOverflow) {
            stats.bump(stats.overflows)
            log.emit(note("error", "the kernel's fanotify queue overflowed; events were lost"))
        }
        guard raw.fd >= 0 else { return }
        guard raw.mask.isPermission else {
            if raw.mask.contains(.closeWrite) { closedAfterWrite(raw) } else { close(raw.fd) }
            return
        }
        let event = PermissionEvent(raw, group: group, fallback: .allow)
        let exec = raw.mask.contains(.openExecPerm)
        var facts = Triage.Facts()
        facts.mode = config.mode
        facts.onOversize = config.onOversize
        facts.oversizeUnread = config.oversizeWindow == 0
        // Our own opens (rules, config, log, quarantine, sealing) and the watchdog's must
        // never wait on us.
        facts.ownProcess = raw.pid == ownPid || raw.pid == trustedPid.load(ordering: .relaxed)
        facts.stopping = stopping.load(ordering: .relaxed)
        var st = stat()
        var location = GuardMap.Location(path: nil, guarded: false)
        var remembered: VerdictCache.Remembered?
        gather: do {
            if facts.ownProcess || facts.stopping { break gather }
            facts.regular = fstat(raw.fd, &st) == 0 && st.isRegular
            if !facts.regular { break gather }
            location = guards.locate(fd: raw.fd, stat: st)
            facts.guarded = location.guarded
            if !facts.guarded { break gather }
            if let path = location.path { facts.excluded = policy.isExcluded(path) }
            // An owner exclusion holds only while nobody else can write the file.
            if !facts.excluded, policy.excludesOwner(st.st_uid), st.st_mode & 0o022 == 0 { facts.excluded = true }
            if facts.excluded { break gather }
            if policy.needsSubject { facts.trusted = policy.isTrusted(Subject.of(pid: raw.pid)) }
            if facts.trusted { break gather }
            remembered = cache.remembered(st)
            switch remembered {
            case .bad?: facts.knownBad = config.mode == .enforce
            case .clean?: facts.knownClean = cache.mayAnswerFromVersions(exec: exec, fd: raw.fd)
            case .partial?:
                // Judged by its windows before and unchanged since: the same answer.
                facts.oversize = true
                facts.oversizeUnread = true
            case nil: break
            }
            facts.oversize = Int64(st.st_size) > config.maxFileSize
        }
        let path = location.path ?? RawPath("(unknown path: device \(st.st_dev), inode \(st.st_ino))")
        switch Triage.decide(facts) {
        case .answer(let response, let reason):
            stats.bump(stats.answeredAtOnce)
            if reason == .oversize { stats.bump(stats.oversize) }
            if case .bad(let rules)? = remembered, reason == .knownBad {
                if response == .deny { stats.bump(stats.denied) }
                event.respond(response)
                logCachedDeny(path: path, st: st, pid: raw.pid, exec: exec, rules: rules, response: response)
                return
            }
            if Triage.mustLog(reason) {
                let note = noteUnscanned(reason.rawValue, path: path, pid: raw.pid)
                event.respond(response)
                logUnscanned(note, reason.rawValue, path: path, size: Int64(st.st_size), pid: raw.pid, exec: exec, response: response,
                             message: reason != .oversize ? nil
                                : remembered == .partial ? "larger than limits.max_file_size (\(formatBytes(config.maxFileSize))); its head and tail windows were scanned before and it has not changed"
                                : "larger than limits.max_file_size (\(formatBytes(config.maxFileSize))) and limits.oversize_window = 0: not read")
            } else {
                event.respond(response)
            }
        case .scan:
            let now = monotonicNanos()
            let pending = PendingEvent(event, path: path, stat: st, arrival: now, deadline: now + deadlineNanos,
                                       upload: location.upload, lane: laneOf(pid: raw.pid), group: group, fallback: config.onTimeout)
            guard queue.tryPush(.permission(pending), lane: pending.lane) else {
                stats.bump(stats.queueFull)
                let answer = config.mode == .audit ? Fanotify.Response.allow : config.onQueueFull
                let note = noteUnscanned("queue-full", path: path, pid: raw.pid)
                pending.answer(answer)
                logUnscanned(note, "queue-full", path: path, size: Int64(st.st_size), pid: raw.pid, exec: exec, response: answer,
                             message: "scan queue full (\(config.queueSize) events waiting)")
                return
            }
            deadlines.add(pending)
        }
    }

    /// The fairness lane of an opener: its uid (the owner of /proc/PID), so one user's
    /// flood queues behind itself. Pid when /proc cannot tell.
    private func laneOf(pid: Int32) -> UInt32 {
        var st = stat()
        return stat("/proc/\(pid)", &st) == 0 ? st.st_uid : UInt32(bitPattern: pid) | 0x8000_0000
    }

    /// A file opened for writing was closed (its last writer, shared mappings included,
    /// let go): forget what was remembered about it; judge it if it is an upload.
    private func closedAfterWrite(_ raw: Fanotify.RawEvent) {
        cache.invalidate(fd: raw.fd)
        guard !uploads.isEmpty, raw.pid != ownPid, raw.pid != trustedPid.load(ordering: .relaxed), !stopping.load(ordering: .relaxed) else {
            close(raw.fd)
            return
        }
        let file = OpenFile(adopting: raw.fd)
        guard let st = try? file.stat(), st.isRegular else { return }
        let loc = guards.locate(fd: raw.fd, stat: st)
        guard let upload = loc.upload, let path = loc.path else { return }
        enqueueUpload(file: file, path: path, stat: st, upload: upload, pid: raw.pid, origin: "close-write")
    }
}
