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
/// Owns: the log file and the rate limiter. Must not: answer events.
public final class EventLog: @unchecked Sendable {
    private let queue: BlockingQueue<Record>
    private var file: Int32 = -1        // used by the writer thread only
    private let path: String?
    private let toStdout: Bool
    private let window: UInt64
    private var thread: WorkerThread?
    private var seen: [String: (first: UInt64, repeats: Int, template: JSONLine)] = [:] // writer thread only
    private let dropped = Atomic<Int>(0)

    public struct Record: Sendable {
        /// Events with the same key inside the window are merged.
        public let key: String
        public let line: JSONLine
        /// Not a line: "reopen the file here".
        let reopen: Bool
        public init(key: String, line: JSONLine) {
            self.key = key
            self.line = line
            reopen = false
        }
        init(reopenMarker: Void) {
            key = ""
            line = JSONLine()
            reopen = true
        }
    }

    public init(path: String?, toStdout: Bool, rateLimitSeconds: Int) throws(VigilError) {
        queue = BlockingQueue(capacity: 65536)
        self.toStdout = toStdout
        window = UInt64(rateLimitSeconds) * 1_000_000_000
        self.path = path
        if let path {
            if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
                try makeDirectories(String(path[..<slash]), mode: 0o750)
            }
            file = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
            guard file >= 0 else { throw VigilError("cannot open the event log \(path)", cause: .current) }
        }
        thread = WorkerThread(name: "vigil-log") { [self] in writer() }
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

    public func close() {
        queue.close()
        thread?.join()
        thread = nil
        flushRepeats(now: UInt64.max)
        if file >= 0 { Glibc.close(file); file = -1 }
    }

    private func writer() {
        var lastSweep = monotonicNanos()
        while let record = queue.pop() {
            if record.reopen {
                reopenFile()
                continue
            }
            let now = monotonicNanos()
            if window > 0 {
                if var s = seen[record.key], now - s.first < window {
                    s.repeats += 1
                    seen[record.key] = s
                } else {
                    if let s = seen[record.key], s.repeats > 0 { write(repeatLine(s.template, s.repeats)) }
                    seen[record.key] = (now, 0, record.line)
                    write(record.line.text)
                }
                if now - lastSweep > 1_000_000_000 {
                    flushRepeats(now: now)
                    lastSweep = now
                }
            } else {
                write(record.line.text)
            }
        }
    }

    private func flushRepeats(now: UInt64) {
        for (key, s) in seen where now == UInt64.max || now - s.first >= window {
            if s.repeats > 0 { write(repeatLine(s.template, s.repeats)) }
            seen[key] = nil
        }
    }

    private func repeatLine(_ template: JSONLine, _ n: Int) -> String {
        var l = template
        l.add("vigil_repeats", n)
        return l.text
    }

    /// The writer thread's: a new file at `path` (logrotate moved the old one away).
    /// If it cannot be opened, lines keep going to the old descriptor.
    private func reopenFile() {
        guard let path else { return }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else { return }
        if file >= 0 { Glibc.close(file) }
        file = fd
    }

    private func write(_ text: String) {
        let bytes = Array(text.utf8) + [10]
        if file >= 0 { writeAllBytes(file, bytes) }
        if toStdout {
            writeAllBytes(1, Array(Journal.line(text, priority: LogPriority.of(text), fd: 1).utf8) + [10])
        }
    }
}
