import Glibc
import VigilEvents
import VigilScan
import VigilSystem

/// Buffered stdout/stderr writes. Callers serialise (ScanRun holds its lock while it
/// calls back), so this needs no lock of its own.
final class OutputSink: @unchecked Sendable {
    private var pending: [UInt8] = []

    func line(_ s: String) {
        pending.append(contentsOf: s.utf8)
        pending.append(10)
        if pending.count > 64 << 10 { flush() }
    }

    func errorLine(_ s: String) {
        flush()
        writeAll(2, Array(s.utf8) + [10])
    }

    func flush() {
        guard !pending.isEmpty else { return }
        writeAll(1, pending)
        pending.removeAll(keepingCapacity: true)
    }
}

func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
    var done = 0
    while done < bytes.count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, bytes.count - done) }
        if n < 0 { if errno == EINTR { continue }; return }
        done += n
    }
}

func printError(_ s: String) { writeAll(2, Array(s.utf8) + [10]) }

/// A daemon or watchdog line on standard error, with its syslog priority under journald.
func printLog(_ s: String, _ priority: LogPriority) { writeAll(2, Array(Journal.line(s, priority: priority, fd: 2).utf8) + [10]) }

/// A one-line progress display on standard error, only when it is a terminal:
/// cron mail and pipes never see control characters.
final class ProgressDisplay: @unchecked Sendable {
    private let run: ScanRun
    private let lock = Lock()
    private var running = true
    private var shown = false
    private var thread: WorkerThread?

    private init(run: ScanRun) { self.run = run }

    static func startIfTerminal(run: ScanRun, enabled: Bool) -> ProgressDisplay? {
        guard enabled, isatty(2) == 1, isatty(1) == 1 else { return nil }
        let p = ProgressDisplay(run: run)
        p.thread = WorkerThread(name: "vigil-progress") { p.loop() }
        return p
    }

    private func loop() {
        while lock.withLock({ running }) {
            usleep(250_000)
            let s = run.snapshot
            let text = "\r\u{1B}[K  \(s.files) files  \(formatBytes(s.bytes))  \(s.findings) findings  \(s.errors) errors"
            lock.withLock {
                if running { writeAll(2, Array(text.utf8)); shown = true }
            }
        }
    }

    func clearLine() {
        lock.withLock {
            if shown { writeAll(2, Array("\r\u{1B}[K".utf8)); shown = false }
        }
    }

    func stop() {
        lock.withLock { running = false }
        thread?.join()
        clearLine()
    }
}
