import Glibc
import Synchronization
import VigilEvents
import VigilScan
import VigilSystem

// Owns: writing to the terminal (buffered lines, progress, journald priorities). Must
// not: decide what to say.

/// Buffered stdout/stderr writes from scan workers (ScanRun calls back under its own
/// lock, so lines never interleave; this one only keeps the buffer's memory safe).
final class OutputSink: Sendable {
    private let pending = Mutex<[UInt8]>([])
    /// clamscan's `-l FILE`: everything printed is appended there too.
    private let logFD = Mutex<Int32>(-1)

    deinit { logFD.withLock { if $0 >= 0 { close($0) } } }

    func appendLog(to path: String) throws(VigilError) {
        let fd = try sysCall(orThrow: "-l \(path): cannot open the log file") { open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0o640) }
        logFD.withLock { $0 = fd }
    }

    private func log(_ s: String) {
        let fd = logFD.withLock { $0 }
        if fd >= 0 { writeAllBytes(fd, Array(s.utf8) + [10]) }
    }

    func line(_ s: String) {
        log(s)
        let full: [UInt8]? = pending.withLock { p in
            p.append(contentsOf: s.utf8)
            p.append(10)
            guard p.count > 64 << 10 else { return nil }
            defer { p.removeAll(keepingCapacity: true) }
            return p
        }
        if let full { writeAllBytes(1, full) }
    }

    func errorLine(_ s: String) {
        flush()
        writeAllBytes(2, Array(s.utf8) + [10])
        log(s)
    }

    func flush() {
        let out = pending.withLock { p in defer { p.removeAll(keepingCapacity: true) }; return p }
        if !out.isEmpty { writeAllBytes(1, out) }
    }
}

func printError(_ s: String) { writeAllBytes(2, Array(s.utf8) + [10]) }

/// A daemon or watchdog line on standard error, with its syslog priority under journald.
func printLog(_ s: String, _ priority: LogPriority) { writeAllBytes(2, Array(Journal.line(s, priority: priority, fd: 2).utf8) + [10]) }

/// A one-line progress display on standard error, only when it is a terminal:
/// cron mail and pipes never see control characters.
final class ProgressDisplay: Sendable {
    private let run: ScanRun
    private struct Display {
        var running = true
        var shown = false
    }
    private let display = Mutex(Display())
    private let thread = ThreadGroup()

    private init(run: ScanRun) { self.run = run }

    static func startIfTerminal(run: ScanRun, enabled: Bool) -> ProgressDisplay? {
        guard enabled, isatty(2) == 1, isatty(1) == 1 else { return nil }
        let p = ProgressDisplay(run: run)
        p.thread.spawn("vigil-progress") { p.loop() }
        return p
    }

    private func loop() {
        while display.withLock({ $0.running }) {
            usleep(250_000)
            let s = run.snapshot
            let text = "\r\u{1B}[K  \(s.files) files  \(formatBytes(s.bytes))  \(s.findings) findings  \(s.errors) errors"
            display.withLock { d in
                if d.running { writeAllBytes(2, Array(text.utf8)); d.shown = true }
            }
        }
    }

    func clearLine() {
        display.withLock { d in
            if d.shown { writeAllBytes(2, Array("\r\u{1B}[K".utf8)); d.shown = false }
        }
    }

    func stop() {
        display.withLock { $0.running = false }
        thread.joinAll()
        clearLine()
    }
}
