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
public final class EventLog: Service {
    private let queue: BlockingQueue<Record>
    private let path: String?
    private let toStdout: Bool
    private let window: UInt64
    private let writer = ThreadGroup()
    private let dropped = Atomic<Int>(0)
    /// Sees every line as it is written (the daemon's notifications); must not wait.
    private let tap = Mutex<(@Sendable (JSONLine) -> Void)?>(nil)

    /// Every line written from now on is also handed to `f`, on the writer thread,
    /// after it is written: `f` must hand it on and return.
    public func setTap(_ f: @escaping @Sendable (JSONLine) -> Void) { tap.withLock { $0 = f } }

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
        /// A note about Vigil itself, merged with identical ones inside the window.
        package static func note(_ level: String, _ message: String) -> Record {
            Record(key: "\(level)|\(message)", line: ECS.note(level, message))
        }
        init(reopenMarker: Void) {
            key = ""
            line = JSONLine()
            reopen = true
        }
    }

    /// Records emitted before `start()` wait in the queue.
    public init(path: String?, toStdout: Bool, rateLimitSeconds: Int) {
        queue = BlockingQueue(capacity: 65536)
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
            file = try sysCall(orThrow: "cannot open the event log \(path)") { open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640) }
        }
        writer.spawn("vigil-log") { [self] in write(startingWith: file) }
    }

    /// Writes what is queued, then stops the writer and closes the file.
    public func stop() {
        queue.close()
        writer.joinAll()
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

    /// The writer thread: it alone holds the file and the rate limiter's memory.
    private func write(startingWith opened: Int32) {
        var file = opened
        var seen: [String: (first: UInt64, repeats: Int, template: JSONLine)] = [:]
        var lastSweep = monotonicNanos()
        func flushRepeats(now: UInt64) {
            for (key, s) in seen where now == UInt64.max || now - s.first >= window {
                if s.repeats > 0 { write(repeatLine(s.template, s.repeats), to: file) }
                seen[key] = nil
            }
        }
        while let record = queue.pop() {
            if record.reopen {
                file = reopened(file)
                continue
            }
            let now = monotonicNanos()
            if window > 0 {
                if var s = seen[record.key], now - s.first < window {
                    s.repeats += 1
                    seen[record.key] = s
                } else {
                    if let s = seen[record.key], s.repeats > 0 { write(repeatLine(s.template, s.repeats), to: file) }
                    seen[record.key] = (now, 0, record.line)
                    write(record.line.text, to: file)
                    tap.withLock { $0 }?(record.line)
                }
                if now - lastSweep > 1_000_000_000 {
                    flushRepeats(now: now)
                    lastSweep = now
                }
            } else {
                write(record.line.text, to: file)
                tap.withLock { $0 }?(record.line)
            }
        }
        flushRepeats(now: UInt64.max)
        if file >= 0 { close(file) }
    }

    private func repeatLine(_ template: JSONLine, _ n: Int) -> String {
        var l = template.withEventID(EventID.make())
        var extra = JSONLine()
        extra.add("repeats", n)
        l.merge(intoObject: "vigil", extra)
        return l.text
    }

    /// A new file at `path` (logrotate moved the old one away). If it cannot be opened,
    /// lines keep going to the old descriptor.
    private func reopened(_ file: Int32) -> Int32 {
        guard let path, let fd = try? sysCall({ open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640) }) else { return file }
        if file >= 0 { close(file) }
        return fd
    }

    private func write(_ text: String, to file: Int32) {
        let bytes = Array(text.utf8) + [10]
        if file >= 0 { writeAllBytes(file, bytes) }
        if toStdout {
            writeAllBytes(1, Array(Journal.line(text, priority: LogPriority.of(text), fd: 1).utf8) + [10])
        }
    }
}
