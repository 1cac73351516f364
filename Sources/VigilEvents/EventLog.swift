import Glibc
import Synchronization
import VigilSystem

/// ECS JSON lines for every deny, audit finding, timeout and error, written by its own
/// thread after the kernel has been answered: a log write that blocks (a full disk, a
/// log file on a guarded path, journald rotating) can never hold up an opener.
/// Identical events inside the rate-limit window are counted and summarised once.
/// `reopen()` (SIGUSR1, after logrotate renamed the file) is handled by the same thread
/// in queue order: every line before it lands in the old file, every line after it in
/// the new one, and none is lost. Lines on standard output carry their syslog priority
/// under journald.
///
/// Integrity: every line written to the file carries a hash-chain link (LogChain); the
/// live file is append-only (`chattr +a`, lifted only for a rotation Vigil is told of:
/// `unsealForRotation`); and the writer checks its file every second and before each
/// line: deleted (nlink 0) → a new file at the path, truncated (size below what Vigil
/// wrote) → noted; either way a critical event is the first thing written after.
///
/// Rotation is the daemon's own (`rotation`): past `maxBytes`, or on request (`vigil log
/// rotate`), the writer thread renames the live file to `.1` (`.1` to `.2`, ...; the one
/// past `keep` is deleted) and opens a new one, whose first line chains to the old one's
/// last. It needs no rename by anyone else, so it works where Tier A refuses logrotate's.
/// Rotated files stay append-only (Tier B) or kernel-guarded (Tier A: `onRotated`). Other
/// writers of the same file (the watchdog, the canary) have no `rotation`: they follow a
/// rotation they find (their file is now `.1`) silently, and wait for it on the file's lock.
///
/// Owns: the log file, its chain, its rotation and the rate limiter. Must not: answer events.
public final class EventLog: Service {
    private let queue: BlockingQueue<Record>
    private let path: String?
    private let toStdout: Bool
    private let window: UInt64
    private let writer = ThreadGroup()
    private let dropped = Atomic<Int>(0)
    /// Sees every line as it is written (the daemon's notifications); must not wait.
    private let tap = Mutex<(@Sendable (JSONLine) -> Void)?>(nil)
    /// Pushes a check record every second, so a deleted or truncated log is noticed
    /// without waiting for the next event.
    private let ticker = ThreadGroup()
    /// Ends the once-a-second check's sleep (`stop`).
    private let tick = StopSignal()
    /// This writer rotates the file (the daemon); nil: another does, this one follows.
    private let rotation: LogRotation?
    /// Told, on the writer thread, after each rotation (Tier A protects the new files).
    private let rotatedHook = Mutex<(@Sendable () -> Void)?>(nil)
    /// The writer thread is inside `rotate`: its own first line there must not rotate again.
    private let inRotation = Atomic<Bool>(false)

    /// After each rotation, on the writer thread: `f` must not wait for the log.
    public func setRotationHook(_ f: @escaping @Sendable () -> Void) { rotatedHook.withLock { $0 = f } }

    /// Every line written from now on is also handed to `f`, on the writer thread,
    /// after it is written: `f` must hand it on and return.
    public func setTap(_ f: @escaping @Sendable (JSONLine) -> Void) { tap.withLock { $0 = f } }

    /// Asked once, as `stop` begins, for a last record (the daemon's stop-window summary,
    /// which must cover as much of the stop as the log can still take).
    private let lastWords = Mutex<(@Sendable () -> Record?)?>(nil)
    public func setLastWords(_ f: @escaping @Sendable () -> Record?) { lastWords.withLock { $0 = f } }

    public struct Record: Sendable {
        /// Events with the same key inside the window are merged.
        public let key: String
        public let line: JSONLine
        /// Not a line: "reopen the file here".
        let reopen: Bool
        /// Not a line: "check the file", or "lift append-only for a rotation".
        var check = false
        var unseal = false
        /// Not a line: "lift append-only for good" (the kernel guards the file).
        var leaveUnsealed = false
        /// Not a line: "rotate now" (`vigil log rotate`).
        var rotate = false
        public init(key: String, line: JSONLine) {
            self.key = key
            self.line = line
            reopen = false
        }
        /// A note about Vigil itself, merged with identical ones inside the window.
        package static func note(_ level: String, _ message: String) -> Record {
            Record(key: "\(level)|\(message)", line: ECS.note(level, message))
        }
        init(reopenMarker: Void) {
            key = ""
            line = JSONLine()
            reopen = true
        }
        init(control check: Bool, unseal: Bool) {
            key = ""
            line = JSONLine()
            reopen = false
            self.check = check
            self.unseal = unseal
        }
    }

    /// Records emitted before `start()` wait in the queue.
    /// `sealAppendOnly`: false for a second writer of the same file (the watchdog): the
    /// daemon alone decides whether the file is +a (not under Tier A, see below).
    /// `rotation`: this writer rotates the file (the daemon alone).
    public init(path: String?, toStdout: Bool, rateLimitSeconds: Int, sealAppendOnly: Bool = true, rotation: LogRotation? = nil) {
        queue = BlockingQueue(capacity: 65536)
        self.rotation = rotation
        appendOnly.store(sealAppendOnly, ordering: .relaxed)
        self.toStdout = toStdout
        window = UInt64(rateLimitSeconds) * 1_000_000_000
        self.path = path
    }

    /// Opens the file (creating its folder) and starts the writer thread, which owns
    /// the file from then on.
    public func start() throws(VigilError) {
        var file: Int32 = -1
        if let path {
            if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
                try makeDirectories(String(path[..<slash]), mode: 0o750)
            }
            file = try sysCall(orThrow: "cannot open the event log \(path)") { open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o640) }
        }
        writer.spawn("vigil-log") { [self] in write(startingWith: file) }
        if path != nil {
            ticker.spawn("vigil-log-check") { [self] in
                // Once a second; `stop` ends the sleep at once.
                while tick.sleep(nanos: 1_000_000_000) { _ = queue.tryPush(Record(control: true, unseal: false)) }
            }
        }
    }

    /// Writes what is queued, then stops the writer and closes the file.
    public func stop() {
        if let f = lastWords.withLock({ $0 }), let r = f() { emit(r) }
        tick.stop()
        ticker.joinAll()
        queue.close()
        writer.joinAll()
    }

    /// False once Tier A's BPF LSM guards the file: it refuses truncation and deletion
    /// itself and reports each try, which the VFS's own check of +a (made before the LSM
    /// hooks) would refuse unseen.
    private let appendOnly = Atomic<Bool>(true)

    /// Tier A guards the log from now on: +a is lifted, in queue order, and not set on
    /// the files that follow.
    public func kernelGuardsTheFile() {
        appendOnly.store(false, ordering: .relaxed)
        var r = Record(control: false, unseal: false)
        r.leaveUnsealed = true
        queue.push(r)
    }

    /// Lifts append-only on the live file for a rotation (logrotate's prerotate, `vigil
    /// log unseal`): in queue order; logged. The next `reopen` seals the new file.
    public func unsealForRotation() {
        queue.push(Record(control: false, unseal: true))
    }

    /// Rotates the file now, after the lines already queued (`vigil log rotate`). False
    /// when this writer does not rotate (no file, or another process rotates it).
    @discardableResult
    public func rotateNow() -> Bool {
        guard path != nil, rotation != nil else { return false }
        var r = Record(control: false, unseal: false)
        r.rotate = true
        queue.push(r)
        return true
    }

    /// Queues a record; never blocks (a full queue drops and counts).
    public func emit(_ record: Record) {
        if !queue.tryPush(record) { dropped.add(1, ordering: .relaxed) }
    }

    /// Reopens the log file by name, after the lines already queued (log rotation).
    /// Waits for room rather than drop the request: it is rare and cheap.
    public func reopen() {
        queue.push(Record(reopenMarker: ()))
    }

    /// Lines dropped because the queue was full.
    public var droppedCount: Int { dropped.load(ordering: .relaxed) }

    /// What the writer knows of its file: where the chain stands and how much it wrote.
    struct FileState {
        var fd: Int32
        var seq = -1
        var prev = ""
        /// Size after Vigil's last write (or at open): a smaller file was truncated.
        var size: Int64 = 0
        /// A rotation was announced: the file may be renamed away until the reopen.
        var rotating = false
        /// Append-only could be set (a filesystem without inode flags, or no
        /// CAP_LINUX_IMMUTABLE: the chain and the checks still hold).
        var sealed = false
        /// A size rotation failed: the next try waits until the file reaches this size.
        var retryRotationAt: Int64 = 0
    }

    /// The writer thread: it alone holds the file and the rate limiter's memory.
    private func write(startingWith opened: Int32) {
        var file = FileState(fd: opened)
        adopt(&file)
        var seen: [String: (first: UInt64, repeats: Int, template: JSONLine)] = [:]
        var lastSweep = monotonicNanos()
        func flushRepeats(now: UInt64) {
            for (key, s) in seen where now == UInt64.max || now - s.first >= window {
                if s.repeats > 0 { write(repeatLine(s.template, s.repeats), to: &file) }
                seen[key] = nil
            }
        }
        while let record = queue.pop() {
            if record.reopen {
                file = reopened(file)
                continue
            }
            if record.check {
                checkFile(&file)
                continue
            }
            if record.rotate {
                rotate(&file, reason: "requested")
                continue
            }
            if record.leaveUnsealed {
                if file.fd >= 0 { _ = try? InodeFlags.setFlag(fd: file.fd, InodeFlags.appendOnlyFlag, false) }
                file.sealed = false
                continue
            }
            if record.unseal {
                if file.fd >= 0 {
                    _ = try? InodeFlags.setFlag(fd: file.fd, InodeFlags.appendOnlyFlag, false)
                    file.rotating = true
                    write(ECSEvent.protection(action: "event-log-unsealed", alert: false, message: "vigil: append-only lifted on the event log \(path ?? "") for a rotation",
                                              path: path, level: "warning").render(), to: &file)
                }
                continue
            }
            let now = monotonicNanos()
            if window > 0 {
                if var s = seen[record.key], now - s.first < window {
                    s.repeats += 1
                    seen[record.key] = s
                } else {
                    if let s = seen[record.key], s.repeats > 0 { write(repeatLine(s.template, s.repeats), to: &file) }
                    seen[record.key] = (now, 0, record.line)
                    write(record.line, to: &file)
                    tap.withLock { $0 }?(record.line)
                }
                if now - lastSweep > 1_000_000_000 {
                    flushRepeats(now: now)
                    lastSweep = now
                }
            } else {
                write(record.line, to: &file)
                tap.withLock { $0 }?(record.line)
            }
        }
        flushRepeats(now: UInt64.max)
        if file.fd >= 0 { close(file.fd) }
    }

    /// Picks up the chain where the file's last line left it (a restarted daemon, a
    /// reopened file), and seals the file append-only.
    private func adopt(_ file: inout FileState) {
        guard file.fd >= 0 else { return }
        var st = stat()
        guard fstat(file.fd, &st) == 0 else { return }
        file.sealed = appendOnly.load(ordering: .relaxed) && (try? InodeFlags.setFlag(fd: file.fd, InodeFlags.appendOnlyFlag, true)) != nil
        resync(&file, size: Int64(st.st_size))
    }

    /// The chain's state from the file's last line (empty file: left as it is).
    private func resync(_ file: inout FileState, size: Int64) {
        file.size = size
        guard size > 0 else { return }
        let tail = Int(min(size, 256 << 10))
        var buf = [UInt8](repeating: 0, count: tail)
        let n = buf.withUnsafeMutableBytes { pread(file.fd, $0.baseAddress, tail, off_t(size) - off_t(tail)) }
        guard n == tail else { return }
        var lines = buf.split(separator: 10)
        // A partial first line (the tail cut it) is not the last line unless alone.
        if tail < Int(size) && lines.count > 1 { lines.removeFirst() }
        guard let last = lines.last else { return }
        file.prev = LogChain.hash(last)
        // A line without a link (cut by a truncation, not Vigil's): the count goes on.
        file.seq = LogChain.link(of: last)?.seq ?? file.seq
    }

    /// The daemon's rotation, under the live file's lock (another writer finishes its line
    /// first, then finds the file renamed and follows): the rotated names shift by one,
    /// the oldest past `keep` is deleted, the live file becomes `.1` (append-only again),
    /// and a new live file starts with a line saying so, chained to the old file's last.
    private func rotate(_ file: inout FileState, reason: String) {
        guard let path, let rotation, file.fd >= 0 else { return }
        inRotation.store(true, ordering: .relaxed)
        defer { inRotation.store(false, ordering: .relaxed) }
        _ = flock(file.fd, LOCK_EX)
        var st = stat()
        // The watchdog may have appended: the chain goes on from the file's real last line.
        if fstat(file.fd, &st) == 0, Int64(st.st_size) != file.size { resync(&file, size: Int64(st.st_size)) }
        let oldSize = file.size
        let seal = appendOnly.load(ordering: .relaxed)
        var failure: String?
        // Oldest first: `.keep` goes, then `.n` becomes `.n+1`.
        for n in stride(from: rotation.keep, through: 1, by: -1) {
            let from = "\(path).\(n)"
            guard access(from, F_OK) == 0 else { continue }
            if seal { _ = try? InodeFlags.setAppendOnly(from, false) }
            if n == rotation.keep {
                if unlink(from) != 0 { failure = "cannot delete \(from): \(String(cString: strerror(errno)))" }
            } else {
                if Glibc.rename(from, "\(path).\(n + 1)") != 0 {
                    failure = "cannot rename \(from): \(String(cString: strerror(errno)))"
                    if seal { _ = try? InodeFlags.setAppendOnly(from, true) }
                } else if seal {
                    _ = try? InodeFlags.setAppendOnly("\(path).\(n + 1)", true)
                }
            }
        }
        // `.1` still there (its shift failed): renaming the live file over it would lose it.
        var renamed = false
        var renameError = "\(path).1 is still there"
        if access(path + ".1", F_OK) != 0 {
            if file.sealed { _ = try? InodeFlags.setFlag(fd: file.fd, InodeFlags.appendOnlyFlag, false) }
            renamed = Glibc.rename(path, path + ".1") == 0
            renameError = String(cString: strerror(errno))
            if file.sealed { _ = try? InodeFlags.setFlag(fd: file.fd, InodeFlags.appendOnlyFlag, true) }
        }
        guard renamed else {
            _ = flock(file.fd, LOCK_UN)
            // Not again at every line: after another eighth of the limit.
            file.retryRotationAt = file.size + max(rotation.maxBytes / 8, 64 << 10)
            write(ECSEvent.protection(action: "event-log-rotation-failed", alert: true, outcome: .failure,
                                      message: "vigil: cannot rotate the event log \(path): \(renameError)\(failure.map { "; \($0)" } ?? ""); it keeps growing",
                                      path: path, level: "error").render(), to: &file)
            return
        }
        let old = file
        file = reopened(old, closingOld: false)
        let line = ECSEvent.protection(action: "event-log-rotated", alert: false, outcome: .success,
                                       message: "vigil: the event log \(path) was rotated (\(reason), \(oldSize) bytes) to \(path).1"
                                           + (failure.map { "; \($0)" } ?? ""), path: path, level: failure == nil ? "info" : "warning",
                                       extra: [("rotated_to", path + ".1"), ("rotated_bytes", "\(oldSize)"), ("reason", reason), ("keep", "\(rotation.keep)")]).render()
        write(line, to: &file)
        // Only now may another writer go on: it finds the new file with its first line.
        _ = flock(old.fd, LOCK_UN)
        if old.fd != file.fd { close(old.fd) }
        rotatedHook.withLock { $0 }?()
    }

    /// Another writer (the daemon) rotated the file: ours is now `.N` (or gone past keep). Then this writer
    /// switches to the file at the path, silently; true when it did.
    private func followRotation(_ file: inout FileState) -> Bool {
        guard rotation == nil, let path, file.fd >= 0 else { return false }
        var mine = stat(), atPath = stat()
        guard fstat(file.fd, &mine) == 0, lstat(path, &atPath) == 0 else { return false }
        guard atPath.st_ino != mine.st_ino || atPath.st_dev != mine.st_dev else { return false }
        if mine.st_nlink > 0 {
            // However many rotations passed while this writer was idle (the watchdog writes
            // rarely; a busy daemon rotates often): its file is one of the rotated ones.
            // Before, only .1 to .3 were looked at, and a fourth rotation made the watchdog
            // report the daemon's own rotation as a replaced log (CI, stop 23).
            var n = 1
            var rotated = stat()
            while n <= 10_000, lstat("\(path).\(n)", &rotated) == 0 {
                if rotated.st_ino == mine.st_ino && rotated.st_dev == mine.st_dev {
                    file = reopened(file)
                    return true
                }
                n += 1
            }
            return false
        }
        // Our file has no name left: the daemon's rotation dropped it past `rotate_keep`
        // when the file at the path is one the daemon began (its first line says so).
        // Anything else is a deletion, which checkFile reports.
        guard let first = Self.firstLine(of: path), first.contains("\"action\":\"event-log-rotated\"") else { return false }
        file = reopened(file)
        return true
    }

    /// The first line of the file at `path` (at most 64 KiB), or nil.
    private static func firstLine(of path: String) -> String? {
        guard let fd = try? sysCall({ open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC) }) else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return nil }
        let bytes = buffer[0..<n]
        let end = bytes.firstIndex(of: 10) ?? bytes.endIndex
        return String(decoding: bytes[..<end], as: UTF8.self)
    }

    /// Deleted, replaced, or append-only removed since the last look? Each is a
    /// critical (or warning) event, written first into the file that takes over.
    /// Truncation is found by `append`, which every line goes through.
    private func checkFile(_ file: inout FileState) {
        guard let path, file.fd >= 0 else { return }
        if followRotation(&file) { return }
        var st = stat()
        guard fstat(file.fd, &st) == 0 else { return }
        var findings: [(String, String)] = []
        if st.st_nlink == 0 {
            findings.append(("event-log-deleted", "the event log \(path) was deleted (its inode had no name left); a new file was opened"))
        } else if !file.rotating {
            var atPath = stat()
            if lstat(path, &atPath) != 0 {
                findings.append(("event-log-deleted", "the event log \(path) was removed (renamed away without a rotation); a new file was opened"))
            } else if atPath.st_ino != st.st_ino || atPath.st_dev != st.st_dev {
                findings.append(("event-log-replaced", "the event log \(path) was replaced by another file without a rotation; reopened"))
            } else if file.sealed, (try? InodeFlags.getFlags(fd: file.fd)).map({ $0 & InodeFlags.appendOnlyFlag == 0 }) == true {
                _ = try? InodeFlags.setFlag(fd: file.fd, InodeFlags.appendOnlyFlag, true)
                findings.append(("event-log-append-only-removed", "append-only was removed from the event log \(path) (chattr -a); set again"))
            }
        }
        if findings.contains(where: { $0.0 != "event-log-append-only-removed" }) { file = reopened(file) }
        var lines = findings.map { action, message in
            ECSEvent.protection(action: action, alert: true, outcome: .success, message: "vigil: " + message, path: path,
                                level: action == "event-log-append-only-removed" ? "warning" : "critical").render()
        }
        if lines.isEmpty {
            // Only truncation left to look for: append finds it, and says so.
            if Int64(st.st_size) >= file.size { return }
            lines = []
        }
        append(lines, to: &file)
    }

    private func repeatLine(_ template: JSONLine, _ n: Int) -> JSONLine {
        var l = template.withEventID(EventID.make())
        var extra = JSONLine()
        extra.add("repeats", n)
        l.merge(intoObject: "vigil", extra)
        return l
    }

    /// A new file at `path` (logrotate moved the old one away). If it cannot be opened,
    /// lines keep going to the old descriptor.
    private func reopened(_ file: FileState, closingOld: Bool = true) -> FileState {
        guard let path, let fd = try? sysCall({ open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o640) }) else { return file }
        if closingOld && file.fd >= 0 { close(file.fd) }
        var next = FileState(fd: fd, seq: file.seq, prev: file.prev)
        let (seq, prev) = (file.seq, file.prev)
        adopt(&next)
        // A fresh (empty) file continues the chain of the one it follows.
        if next.size == 0 { (next.seq, next.prev) = (seq, prev) }
        return next
    }

    /// Writes one line to the file (with its chain link) and to standard output.
    private func write(_ line: JSONLine, to file: inout FileState) {
        guard file.fd >= 0 else {
            if toStdout { writeAllBytes(1, Array(Journal.line(line.text, priority: LogPriority.of(line.text), fd: 1).utf8) + [10]) }
            return
        }
        // The full look (path, flags) is the 1 s tick's; each line pays only append's fstat,
        // which catches a deleted file (nlink 0) and a truncated one.
        append([line], to: &file)
    }

    /// Appends lines with their chain links, under an exclusive flock: the watchdog
    /// writes to the same file, so when the file is not where this writer left it the
    /// link is taken from the file's actual last line. A file smaller than this writer
    /// left it was truncated: that is written first, as a critical event.
    private func append(_ lines: [JSONLine], to file: inout FileState) {
        _ = flock(file.fd, LOCK_EX)
        // The daemon rotated while this writer waited for the lock: the line goes to the
        // new file (after the daemon's first line there), never after the old file's end.
        if followRotation(&file) { _ = flock(file.fd, LOCK_EX) }
        defer { _ = flock(file.fd, LOCK_UN) }
        var st = stat()
        var out = lines
        if fstat(file.fd, &st) == 0, st.st_nlink == 0, path != nil {
            // Deleted: a new file at the path, which says so first (checkFile reopens).
            _ = flock(file.fd, LOCK_UN)
            checkFile(&file)
            _ = flock(file.fd, LOCK_EX)
            guard fstat(file.fd, &st) == 0 else { return }
        }
        if Int64(st.st_size) != file.size {
            if Int64(st.st_size) < file.size, let path {
                out.insert(ECSEvent.protection(action: "event-log-truncated", alert: true, outcome: .success,
                                               message: "vigil: the event log \(path) was truncated from \(file.size) to \(st.st_size) bytes",
                                               path: path, level: "critical").render(), at: 0)
            }
            resync(&file, size: Int64(st.st_size))
        }
        for line in out {
            var chain = JSONLine()
            chain.add("seq", file.seq + 1)
            chain.add("prev", file.prev)
            var wrapper = JSONLine()
            wrapper.add("chain", object: chain)
            var l = line
            l.merge(intoObject: "vigil", wrapper)
            let bytes = Array(l.text.utf8)
            writeAllBytes(file.fd, bytes + [10])
            file.seq += 1
            file.prev = LogChain.hash(bytes)
            if toStdout { writeAllBytes(1, Array(Journal.line(l.text, priority: LogPriority.of(l.text), fd: 1).utf8) + [10]) }
        }
        if fstat(file.fd, &st) == 0 { file.size = Int64(st.st_size) }
        if let rotation, rotation.maxBytes > 0, file.size >= max(rotation.maxBytes, file.retryRotationAt), !inRotation.load(ordering: .relaxed) {
            _ = flock(file.fd, LOCK_UN)
            rotate(&file, reason: "size")
        }
    }
}

/// When the daemon rotates its event log: past `maxBytes` (0: only when asked), keeping
/// `keep` rotated files.
public struct LogRotation: Sendable, Equatable {
    public var maxBytes: Int64
    public var keep: Int
    public init(maxBytes: Int64, keep: Int) {
        self.maxBytes = maxBytes
        self.keep = max(1, keep)
    }
}
