import Dispatch
import Glibc
import Synchronization
import VigilEvents
import VigilSystem

/// The event thread: reads fanotify batches, answers at once whatever needs no scan
/// (Triage), judges small files the literal prefilter clears itself (InlineClear: no
/// queue hop), hands the rest to the scan pool with a deadline, and keeps draining the
/// kernel queue under any flood.
///
/// Started before the first mark exists; it never opens a file (it reads only through
/// event fds) and never waits on a worker, so no open on a marked filesystem (ours
/// included) ever waits on a thread that is itself waiting on an open. Stopped last:
/// once the service is stopping it answers everything at once, until `stop`.
///
/// Owns: the read side of the group and the answers given at once. Must not: open
/// files, run libyara or libmagic, log before answering, or block.
final class EventLoop: Service {
    private let ctx: PathContext
    private let group: FanotifyGroup
    private let gatherer: FactGatherer
    private let pool: ScanPool
    private let uploads: UploadInbox
    private let wake: EventFD
    private let thread = ThreadGroup()
    private let inline: InlineClear
    /// Told of the folders of unguarded opens, after their answers (nil: off).
    private let unguarded: UnguardedFolders?
    /// Cached denies are written up (the opener's /proc, the ECS line) off the event
    /// thread: the answer is already out, but the next event would wait for the write-up
    /// (bench: ~140 µs on the open after each cached deny). At most `reportLimit` wait;
    /// past that a line goes without the opener's details rather than not at all.
    private let reports = DispatchQueue(label: "vigil-cached-deny-reports")
    private let backlog = ReportBacklog()
    private let reportLimit = 1024
    /// Set by `stop` only: `ctx.stopping` does not end the loop (see OnAccessService.retire).
    private let ended = Atomic<Bool>(false)

    init(ctx: PathContext, group: FanotifyGroup, gatherer: FactGatherer, pool: ScanPool, uploads: UploadInbox,
         unguarded: UnguardedFolders? = nil) throws(VigilError) {
        self.ctx = ctx
        self.unguarded = unguarded
        self.group = group
        self.gatherer = gatherer
        self.pool = pool
        self.uploads = uploads
        inline = InlineClear(ctx: ctx)
        wake = try EventFD()
    }

    func start() throws(VigilError) {
        inline.prepare()
        thread.spawn("vigil-events") { [self] in run() }
    }

    /// Ends the loop (events still queued in the kernel are allowed when the group's
    /// last fd closes). Until then, once `ctx.stopping` is set, every event is answered
    /// at once. Idempotent.
    func stop() {
        ended.store(true, ordering: .releasing)
        wake.signal()
        thread.joinAll()
        reports.sync {}   // the write-ups already queued reach the log before it stops
    }

    /// What only the event thread touches, kept on its stack.
    private struct Local {
        var scanner: InlineClear.Scanner?
        /// When the quick path's share of the current batch ends (monotonic ns).
        var budgetEnd: UInt64 = 0
        /// Whether this batch had its first quick look: that one runs whatever the clock
        /// says (the budget is wall time, and a thread at normal priority may be preempted
        /// between the read and its first look; one event per batch is the common case).
        var looked = false
        /// Folders of unguarded opens already offered to UnguardedFolders in this epoch
        /// (hashes of their paths), and when the set was last emptied: a folder it
        /// refused is offered again after a while (its permissions may have changed).
        var offered = Set<UInt64>()
        var offeredEpoch = -1
        var offeredSince: UInt64 = 0
    }

    private func run() {
        // Not in the scan workers' Landlock domain: threads inherit it, and libdispatch
        // starts its pool threads from whichever thread queues work (the write-ups below,
        // the quick path's scanner builds), so every later dispatched job could land in
        // it. The quick path parses nothing with libyara, libmagic or libarchive: it runs
        // Hyperscan and digests over the bytes, and PE and archive headers in Swift.
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 16)
        defer { buffer.deallocate() }
        var local = Local()
        var fds = [readable(group.fd), readable(wake.fd)]
        // Real time from start ("always"), or when the priority governor sees a burst
        // ("burst": it reports a refusal itself).
        if let refused = ctx.answering.join(), ctx.config.realtime == .always {
            ctx.log.note("warning", AnsweringThreads.refusedWarning(refused))
        }
        defer { ctx.answering.leave() }
        var lastSummary = monotonicNanos()
        while !ended.load(ordering: .acquiring) {
            // Wake at least once a second to write flood summaries.
            guard (try? pollDescriptors(&fds, timeoutMillis: 1000)) != nil else { break }
            if fds[1].revents != 0 { wake.drain() }
            if fds[0].revents != 0 {
                let batch: Fanotify.Batch
                do { batch = try group.read(into: buffer) } catch {
                    ctx.log.note("error", "reading fanotify events failed: \(error)")
                    ctx.stats.bump(ctx.stats.errors)
                    continue
                }
                local.budgetEnd = monotonicNanos() + InlineClear.batchBudgetNanos
                local.looked = false
                for raw in batch.events {
                    // FAN_REPORT_PIDFD (only with [[workload]]s): every event carries a
                    // pidfd of its opener, ours to close whatever happens to the event.
                    let pidfd = ctx.workloads == nil ? -1 : batch.pidfd(of: raw)
                    dispatch(raw, pidfd: pidfd, &local)
                    if pidfd >= 0 { close(pidfd) }
                }
            }
            let now = monotonicNanos()
            if now - lastSummary >= 1_000_000_000 {
                lastSummary = now
                ctx.log.flushSummaries(force: false)
            }
        }
    }

    private func dispatch(_ raw: Fanotify.RawEvent, pidfd: Int32 = -1, _ local: inout Local) {
        ctx.stats.bump(ctx.stats.events)
        if raw.mask.contains(.queueOverflow) {
            ctx.stats.bump(ctx.stats.overflows)
            ctx.stats.metrics.recordKernelQueueOverflow()
            ctx.log.note("error", "the kernel's fanotify queue overflowed; events were lost")
        }
        guard raw.fd >= 0 else { return }
        guard raw.mask.isPermission else {
            if raw.mask.contains(.closeWrite) { closedAfterWrite(raw, pidfd: pidfd) } else { close(raw.fd) }
            return
        }
        triage(PermissionEvent(raw, group: group, fallback: .allow), pidfd: pidfd, &local)
    }

    /// An open allowed because the service is stopping: was it one the policy would have
    /// judged (a regular file in a guarded folder, not excluded)? Only while stopping, so
    /// the cost of looking does not matter.
    private func noteStopping(_ event: borrowing PermissionEvent) {
        var st = stat()
        guard let loc = gatherer.place(fd: event.fd, stat: &st, needPath: true) else { ctx.stats.stopWindow.allowed(guardedPath: nil); return }
        let path = loc.path ?? fdPath(event.fd)
        let judged = loc.guarded && !gatherer.isExcluded(path: path, stat: st)
        ctx.stats.stopWindow.allowed(guardedPath: judged ? path ?? RawPath("(unknown path: inode \(st.st_ino))") : nil)
    }

    /// Answers at once, or hands the event to the scan pool.
    private func triage(_ event: consuming PermissionEvent, pidfd: Int32, _ local: inout Local) {
        var f = gatherer.facts(event, pidfd: pidfd)
        let exec = event.mask.contains(.openExecPerm)
        let pid = event.pid
        switch Triage.decide(f.triage) {
        case .answer(let response, let reason):
            ctx.stats.bump(ctx.stats.answeredAtOnce)
            if f.workload != nil {
                ctx.stats.workloads.bump(f.workload, reason == .workloadOff || reason == .execOnly ? .skipped
                                         : response == .deny ? .denied : reason == .knownBad ? .audited : .allowed)
            }
            if reason == .oversize {
                ctx.stats.bump(ctx.stats.oversize)
                ctx.stats.fellBack(exec: exec, .oversize, response, audit: false)
            } else if reason == .knownBad {
                ctx.stats.answered(exec: exec, response == .deny ? .deny : .audit)
            } else {
                ctx.stats.answered(exec: exec, response == .deny ? .deny : .allow)
            }
            if case .bad(let rules, let sha256)? = f.remembered, reason == .knownBad {
                f.readPath(fd: event.fd)
                if response == .deny { ctx.stats.bump(ctx.stats.denied) }
                event.respond(response)
                ctx.stats.sampled(pid: pid, path: f.path, exec: exec, response == .deny ? .deny : .audit, latencyMicros: nil, rule: rules.first?.name, workload: f.workload)
                // Read after the answer and off this thread (see `reports`); the opener is
                // usually still there to read.
                let (ctx, path, st) = (self.ctx, f.path, f.stat)
                let backlog = self.backlog
                if backlog.waiting.add(1, ordering: .relaxed).newValue > reportLimit {
                    backlog.waiting.subtract(1, ordering: .relaxed)
                    ctx.log.logCachedDeny(path: path, st: st, pid: pid, exec: exec, rules: rules, sha256: sha256, subject: nil, response: response,
                                          workload: f.workload)
                    return
                }
                let workload = f.workload
                reports.async {
                    ctx.log.logCachedDeny(path: path, st: st, pid: pid, exec: exec, rules: rules, sha256: sha256, subject: Subject.of(pid: pid),
                                          response: response, workload: workload)
                    backlog.waiting.subtract(1, ordering: .relaxed)
                }
                return
            }
            guard Triage.mustLog(reason) else {
                if reason == .stopping { noteStopping(event) }
                event.respond(response)
                if reason == .unguarded, let unguarded { offer(f, to: unguarded, &local) }
                return
            }
            f.readPath(fd: event.fd)
            // The flood gate reads the process while the opener still waits; the line
            // is written after the answer.
            let note = ctx.log.noteUnscanned(reason.rawValue, path: f.path, pid: pid)
            event.respond(response)
            let maxSize = formatBytes(ctx.config.maxFileSize)
            ctx.log.logUnscanned(note, reason.rawValue, path: f.path, size: Int64(f.stat.st_size), pid: pid, exec: exec, response: response,
                                 message: reason != .oversize ? nil
                                    : f.remembered == .partial ? "larger than limits.max_file_size (\(maxSize)); its head and tail windows were scanned before and it has not changed"
                                    : "larger than limits.max_file_size (\(maxSize)) and limits.oversize_window = 0: not read")
        case .scan:
            var now = monotonicNanos()
            if let generation = quickClear(event, f, now: now, &local) {
                let (cache, st) = (ctx.cache, f.stat)
                // Counted before the answer (two relaxed atomics), so that an opener that
                // has its answer sees them: at normal priority this thread may lose the
                // CPU right after answering.
                ctx.stats.bump(ctx.stats.scanned)
                ctx.stats.bump(ctx.stats.answeredInline)
                // Answered first; the clean verdict is remembered after, like a worker
                // does, and the path (for `vigil top`) read after that.
                event.respond(.allow) { fd in
                    cache.rememberClean(fd: fd, stat: st, generation: generation)
                    f.readPath(fd: fd)
                }
                let latency = monotonicNanos() - now
                ctx.stats.metrics.recordCacheMiss(.version)
                ctx.stats.latency.record(micros: Int(latency / 1000))
                ctx.stats.metrics.recordScan(exec ? .exec : .open, nanos: latency)
                ctx.stats.answered(exec: exec, .allow)
                ctx.stats.sampled(pid: pid, path: f.path, exec: exec, .allow, latencyMicros: Int(latency / 1000), rule: nil, workload: f.workload)
                return
            }
            f.readPath(fd: event.fd)
            now = monotonicNanos()
            let pending = PendingEvent(event, path: f.path, stat: f.stat, arrival: now, deadline: now + ctx.deadlineNanos,
                                       upload: f.location.upload, lane: laneOf(pid: pid), group: group,
                                       fallback: f.workload == nil ? ctx.config.onTimeout : ctx.inMode(ctx.config.onTimeout, workload: f.workload),
                                       workload: f.workload)
            guard pool.submit(pending) else {
                ctx.stats.bump(ctx.stats.queueFull)
                let answer = ctx.inMode(ctx.config.onQueueFull, workload: f.workload)
                ctx.stats.fellBack(exec: exec, .queueFull, answer, audit: false)
                let note = ctx.log.noteUnscanned("queue-full", path: f.path, pid: pid)
                pending.answer(answer)
                ctx.log.logUnscanned(note, "queue-full", path: f.path, size: Int64(f.stat.st_size), pid: pid, exec: exec, response: answer,
                                     message: "scan queue full (\(ctx.config.queueSize) events waiting)")
                return
            }
        }
    }

    /// Offers the folder of an unguarded open (after its answer) to UnguardedFolders, once
    /// per folder per epoch. Only a path read through a guard's own mount: another
    /// mount's path says nothing certain about the folder.
    private func offer(_ f: EventFacts, to unguarded: UnguardedFolders, _ local: inout Local) {
        guard let path = f.location.path, !f.location.viaOtherMount else { return }
        let epoch = unguarded.epoch.load(ordering: .acquiring)
        let now = monotonicNanos()
        if epoch != local.offeredEpoch || local.offered.count >= 16_384 || now - local.offeredSince >= 30_000_000_000 {
            local.offered.removeAll(keepingCapacity: true)
            local.offeredEpoch = epoch
            local.offeredSince = now
        }
        // FNV-1a of the folder's path: no allocation for a folder already offered.
        guard let slash = path.bytes.lastIndex(of: UInt8(ascii: "/")) else { return }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in path.bytes[..<slash] { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        guard local.offered.insert(h).inserted else { return }
        unguarded.offer(.init(path: path, dev: UInt64(f.stat.st_dev), ino: UInt64(f.stat.st_ino)))
    }

    /// Judges a small file on this thread: the generation of the rules that cleared it
    /// (see InlineClear), or nil: the pool scans it.
    private func quickClear(_ event: borrowing PermissionEvent, _ f: EventFacts, now: UInt64, _ local: inout Local) -> Int? {
        let config = ctx.config
        var facts = InlineClear.Facts()
        facts.size = Int64(f.stat.st_size)
        facts.prefilter = inline.enabled
        facts.upload = f.location.upload != nil
        facts.excludeTypes = !config.excludeTypes.isEmpty
        facts.debugSlowScan = config.debugSlowScanMilliseconds > 0
        facts.workloads = ctx.workloads != nil
        facts.budgetLeft = !local.looked || now < local.budgetEnd
        guard InlineClear.eligible(facts), let scanner = inline.current(&local.scanner) else { return nil }
        local.looked = true
        guard scanner.engine.clearsQuickly(fd: event.fd, stat: f.stat, maxBytes: InlineClear.maxBytes) else { return nil }
        return scanner.generation
    }

    /// The fairness lane of an opener: its uid (the owner of /proc/PID), so one user's
    /// flood queues behind itself. Pid when /proc cannot tell.
    private func laneOf(pid: Int32) -> UInt32 {
        var st = stat()
        return stat("/proc/\(pid)", &st) == 0 ? st.st_uid : UInt32(bitPattern: pid) | 0x8000_0000
    }

    /// A file opened for writing was closed (its last writer, shared mappings included,
    /// let go): forget what was remembered about it; judge it if it is an upload, by its
    /// writer's workload (`pidfd`: the writer's, from FAN_REPORT_PIDFD, or -1).
    private func closedAfterWrite(_ raw: Fanotify.RawEvent, pidfd: Int32) {
        ctx.cache.invalidate(fd: raw.fd)
        let file = OpenFile(adopting: raw.fd)
        guard !ctx.uploads.isEmpty, !ctx.isUs(raw.pid), !ctx.isStopping else { return }
        guard let st = try? file.stat(), st.isRegular else { return }
        let loc = gatherer.guards.locate(fd: raw.fd, stat: st)
        guard let upload = loc.upload, let path = loc.path else { return }
        uploads.enqueue(file: file, path: path, stat: st, upload: upload, pid: raw.pid, origin: "close-write",
                        workload: ctx.workloads?.writer(pid: raw.pid, pidfd: pidfd))
    }
}

/// How many cached-deny write-ups wait for the reports queue.
private final class ReportBacklog: Sendable {
    let waiting = Atomic<Int>(0)
}
