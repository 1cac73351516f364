import CLinux
import Glibc
import Synchronization
import VigilMetrics
import VigilSystem

// Owns: running the admin's `on_detection` executable once per detection: the event as
// JSON on standard input, its key fields in VIGIL_* environment variables, a minimal
// fixed environment otherwise, its own process group, a time limit after which the
// whole group is killed, and a bounded queue in front (full = the detection is counted
// and reported as not passed on; the event itself is already in the event log).
// Must not: run on, or be waited for by, the permission path or the event log writer;
// pass the daemon's own environment or descriptors to the hook.

/// One detection for the hook: the ECS line and the fields it gets as variables.
public struct HookJob: Sendable {
    public let json: String
    public let environment: [(String, String)]
    public init(json: String, environment: [(String, String)]) {
        self.json = json
        self.environment = environment
    }

    /// The VIGIL_* variables for a detection (names are part of the interface; documented
    /// in vigil.toml(5)).
    public static func environment(eventID: String, action: String, path: String, sha256: String?, rule: String?,
                                   verdict: String?, pid: Int32?, executable: String?, user: String?, host: String) -> [(String, String)] {
        var env: [(String, String)] = [("VIGIL_EVENT_ID", eventID), ("VIGIL_EVENT_ACTION", action), ("VIGIL_FILE_PATH", path),
                                       ("VIGIL_HOST_NAME", host)]
        if let sha256 { env.append(("VIGIL_FILE_SHA256", sha256)) }
        if let rule { env.append(("VIGIL_RULE_NAME", rule)) }
        if let verdict { env.append(("VIGIL_VERDICT", verdict)) }
        if let pid { env.append(("VIGIL_PROCESS_PID", String(pid))) }
        if let executable { env.append(("VIGIL_PROCESS_EXECUTABLE", executable)) }
        if let user { env.append(("VIGIL_USER_ID", user)) }
        return env
    }
}

public enum HookResult: Sendable, Equatable {
    case exited(Int32)
    case signaled(Int32)
    /// Still running at the time limit: its process group was killed.
    case timedOut
    case spawnFailed(Int32)

    var label: String {
        switch self {
        case .exited(0): "success"
        case .exited: "failure"
        case .signaled: "signaled"
        case .timedOut: "timeout"
        case .spawnFailed: "spawn_failed"
        }
    }
}

public final class DetectionHook: Sendable {
    public let executable: String
    public let timeoutMillis: Int
    public let queue: JobQueue<HookJob>
    private let log: @Sendable (_ level: String, _ message: String) -> Void
    private let thread = Mutex<NotifierThread?>(nil)
    private let results = Mutex<[String: UInt64]>([:])
    private let lastReportedDrops = Atomic<Int>(0)

    /// `log` receives warnings about failed runs and dropped detections (the daemon sends
    /// them to its event log as notes).
    public init(executable: String, timeoutMillis: Int = 10_000, queueCapacity: Int = 64,
                log: @escaping @Sendable (_ level: String, _ message: String) -> Void) {
        self.executable = executable
        self.timeoutMillis = max(1, timeoutMillis)
        queue = JobQueue(capacity: queueCapacity)
        self.log = log
    }

    /// Hands a detection to the hook; never waits. False when the queue was full.
    @discardableResult
    public func submit(_ job: HookJob) -> Bool { queue.offer(job) }

    public func start() {
        thread.withLock { t in
            guard t == nil else { return }
            t = NotifierThread(name: "vigil-hook") { [self] in
                while let job = queue.take() {
                    let r = run(job)
                    results.withLock { $0[r.label, default: 0] += 1 }
                    reportDrops()
                }
                reportDrops()
            }
        }
    }

    /// Runs what is queued (each run still bounded by the time limit), then returns.
    public func stop() {
        queue.close()
        thread.withLock { $0 }?.join()
    }

    public func count(_ label: String) -> UInt64 { results.withLock { $0[label] ?? 0 } }

    private func reportDrops() {
        let d = queue.dropped.load(ordering: .relaxed)
        let before = lastReportedDrops.exchange(d, ordering: .relaxed)
        if d > before { log("warning", "on_detection: \(d - before) detections were not passed to \(executable): its queue of \(queue.capacity) was full") }
    }

    /// One run: spawn, feed, wait at most the time limit, kill the group if needed.
    public func run(_ job: HookJob) -> HookResult {
        var input: [Int32] = [0, 0], output: [Int32] = [0, 0]
        guard pipe(&input) == 0 else { return .spawnFailed(errno) }
        guard pipe(&output) == 0 else { close(input[0]); close(input[1]); return .spawnFailed(errno) }
        defer { close(output[0]) }
        for fd in [input[1], output[0]] {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
        let env = [("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), ("LANG", "C.UTF-8")] + job.environment
        let pid: Int32
        do {
            // Its own group: the whole group can be killed.
            pid = try spawnProcess(executable, [executable], environment: env.map { "\($0.0)=\($0.1)" }, group: .newProcessGroup,
                                   descriptors: [.dup(input[0], to: 0), .dup(output[1], to: 1), .dup(output[1], to: 2),
                                                 .close(input[0]), .close(output[1])])
        } catch {
            close(input[0]); close(output[1]); close(input[1])
            let rc = error.cause?.code ?? EINVAL
            log("warning", "on_detection: cannot start \(executable): \(String(cString: strerror(rc)))")
            return .spawnFailed(rc)
        }
        close(input[0]); close(output[1])
        let pidfd = vigil_pidfd_open(pid)
        let deadline = monotonicMillis() + timeoutMillis
        var toWrite = Array(job.json.utf8) + [10]
        var written = 0
        var stdinOpen = true
        var captured: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 4096)
        var exited = false
        // Feed standard input and read the hook's output (kept for the log, 2 KiB at most)
        // until it exits or the time runs out. A hook that never reads its input cannot
        // stall us: every descriptor here is non-blocking and the wait is bounded.
        while !exited {
            let left = deadline - monotonicMillis()
            if left <= 0 { break }
            var fds = [pollfd(fd: pidfd, events: Int16(POLLIN), revents: 0), pollfd(fd: output[0], events: Int16(POLLIN), revents: 0),
                       pollfd(fd: stdinOpen ? input[1] : -1, events: Int16(POLLOUT), revents: 0)]
            let n = poll(&fds, 3, Int32(min(left, 1000)))
            if n < 0 && errno != EINTR { break }
            if fds[2].revents != 0 && stdinOpen {
                let w = toWrite.withUnsafeBytes { DetectionHook.writeWithoutSIGPIPE(input[1], $0.baseAddress! + written, toWrite.count - written) }
                if w > 0 { written += w }
                if w < 0 && errno != EAGAIN && errno != EINTR || written == toWrite.count { close(input[1]); stdinOpen = false; toWrite = [] }
            }
            if fds[1].revents != 0 {
                let r = read(output[0], &buf, buf.count)
                if r > 0 && captured.count < 2048 { captured += buf[0..<min(r, 2048 - captured.count)] }
            }
            if pidfd < 0 {
                var st: Int32 = 0
                if waitpid(pid, &st, WNOHANG) == pid { return finish(status: st, captured) }
            } else if fds[0].revents != 0 {
                exited = true
            }
        }
        if stdinOpen { close(input[1]) }
        defer { if pidfd >= 0 { close(pidfd) } }
        if !exited {
            kill(-pid, SIGKILL)                      // the hook and everything it started in its group
            var st: Int32 = 0
            while waitpid(pid, &st, 0) < 0 && errno == EINTR {}
            log("warning", "on_detection: \(executable) ran longer than \(timeoutMillis) ms and was killed with its process group")
            return .timedOut
        }
        var st: Int32 = 0
        while waitpid(pid, &st, 0) < 0 && errno == EINTR {}
        return finish(status: st, captured)
    }

    /// write(2) to the hook's standard input, whose reader may already be gone: a hook
    /// that exits (or closes stdin) without reading must cost an EPIPE, never a SIGPIPE
    /// that kills whatever process runs the hook. The daemon ignores SIGPIPE, but a
    /// library must not depend on its host for that: write(2) sends SIGPIPE to the calling
    /// thread, so it is blocked in this thread only, and a pending one is taken back
    /// before the old mask returns.
    static func writeWithoutSIGPIPE(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        var pipeOnly = sigset_t(), old = sigset_t()
        sigemptyset(&pipeOnly)
        sigaddset(&pipeOnly, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &pipeOnly, &old)
        let w = write(fd, bytes, count)
        let saved = errno
        if w < 0 && saved == EPIPE {
            var now = timespec(tv_sec: 0, tv_nsec: 0)
            _ = sigtimedwait(&pipeOnly, nil, &now)
        }
        pthread_sigmask(SIG_SETMASK, &old, nil)
        errno = saved
        return w
    }

    private func finish(status st: Int32, _ captured: [UInt8]) -> HookResult {
        let output = String(decoding: captured, as: UTF8.self).trimmingCharacters()
        if st & 0x7f == 0 {
            let code = (st >> 8) & 0xff
            if code != 0 { log("warning", "on_detection: \(executable) exited with status \(code)" + (output.isEmpty ? "" : ": \(output)")) }
            return .exited(code)
        }
        log("warning", "on_detection: \(executable) was killed by signal \(st & 0x7f)")
        return .signaled(st & 0x7f)
    }

    /// The hook's families for the metrics endpoint.
    public var collector: some MetricsCollector { HookCollector(h: self) }
}

struct HookCollector: MetricsCollector {
    let h: DetectionHook
    func collect(into w: inout MetricsScrape) {
        w.family("vigil_hook_runs_total", type: .counter, help: "on_detection runs, by result.")
        for r in ["success", "failure", "signaled", "timeout", "spawn_failed"] { w.sample([("result", r)], h.count(r)) }
        w.family("vigil_hook_dropped_total", type: .counter, help: "Detections not passed to on_detection because its queue was full.")
        w.sample([], UInt64(h.queue.dropped.load(ordering: .relaxed)))
    }
}

func monotonicMillis() -> Int {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return ts.tv_sec * 1000 + ts.tv_nsec / 1_000_000
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let l = s.last, l == "\n" || l == " " || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}
