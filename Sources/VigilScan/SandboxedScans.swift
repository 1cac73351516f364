import Glibc
import VigilEngine
import VigilSystem

/// `vigil scan` with the parsers out of its process (issue 12 item 6): each scan thread
/// feeds one `vigil scan-worker` (the daemon's worker, same sandbox: own uid, no
/// capabilities, Landlock without file access, seccomp). This process walks, opens,
/// decides what to scan, prints and quarantines; the worker reads, hashes, prefilters,
/// runs libyara, libmagic and libarchive over the descriptor it is handed, and sends a
/// bounded report that VigilEngine's WorkerReply checks field by field.
///
/// Owns: when `vigil scan` uses workers, the per-file wait, and what a worker's death
/// means for the file (an error naming it; the next file gets a new worker).
/// Must not: parse a byte of a scanned file in this process.
public struct SandboxedScans: Sendable {
    /// The vigil binary the workers run (this process's own, /proc/self/exe).
    public var executable: String
    public var identity: Sandbox.Identity
    public init(executable: String = "/proc/self/exe", identity: Sandbox.Identity) {
        self.executable = executable
        self.identity = identity
    }

    /// What `--sandbox` and `[scanning] sandbox` decide, as a pure function (tested as a
    /// table). Workers need root: the switch to the workers' user and the empty bounding
    /// set take CAP_SETUID/SETGID/SETPCAP. A non-root scan runs in its own process by
    /// default: the parsers run with no more than the user's rights.
    public enum Choice: Equatable, Sendable {
        case workers
        case inProcess(why: String)
        /// Asked for explicitly, and impossible here.
        case refused(String)
    }

    public static func choose(asked: Bool?, configured: Bool?, isRoot: Bool) -> Choice {
        switch (asked, isRoot) {
        case (true?, true): return .workers
        case (true?, false): return .refused("--sandbox=yes needs root (the workers switch to their own user)")
        case (false?, _): return .inProcess(why: "--sandbox=no")
        case (nil, false): return .inProcess(why: "not root: the parsers run with this user's rights")
        case (nil, true): return configured == false ? .inProcess(why: "[scanning] sandbox = false in the config") : .workers
        }
    }

    /// How long one file may take in a worker before it is killed: the YARA timeout (an
    /// hour when unlimited), the archive time limit, a floor of 8 MiB/s for the reads,
    /// and 5 s for the report. Past it the worker is stuck in a parser, not working.
    public static func waitMillis(limits: ScanLimits, size: Int64) -> Int32 {
        let yara = limits.yaraTimeout > 0 ? limits.yaraTimeout : 3600
        let archive = max(limits.archives.limits.maxSeconds, 0)
        let reads = Double(max(size, 0)) / Double(8 << 20)
        return Int32(min((yara + archive + reads + 5) * 1000, 24 * 3600 * 1000))
    }
}

/// One scan thread's worker: started on first use and after a death, asked one file at
/// a time. Thread-affine, like a FileScanner.
final class SandboxedScanner {
    private let config: SandboxedScans
    private let imageFd: Int32
    private let limits: ScanLimits
    private var worker: WorkerProcess?
    /// The prefilter's decisions of workers already ended (a crashed worker's are lost).
    private var counted = PrefilterCounts()

    init(_ config: SandboxedScans, imageFd: Int32, limits: ScanLimits, started: WorkerProcess? = nil) {
        self.config = config
        self.imageFd = imageFd
        self.limits = limits
        self.worker = started
    }

    deinit { worker?.stop() }

    /// A worker loads the rules and compiles its own prefilter before it is ready: with
    /// thousands of rules that takes as long as this process's own load did, longer on a
    /// busy machine. Ten minutes bounds a worker that never gets there.
    static let startMillis: Int32 = 600_000

    static func start(_ config: SandboxedScans, imageFd: Int32, limits: ScanLimits) throws(VigilError) -> WorkerProcess {
        try WorkerProcess.start(executable: config.executable, identity: config.identity, imageFd: imageFd, limits: limits,
                                startMillis: startMillis)
    }

    func scan(_ file: OpenFile, path: RawPath, stat st: stat) -> FileReport {
        func failed(_ why: String) -> FileReport {
            var r = FileReport(path: path)
            r.size = Int64(st.st_size)
            r.status = .failed(why)
            return r
        }
        // A worker that died idle (killed by someone) is replaced before the file is sent.
        if let w = worker, w.hasEnded { w.stop(); worker = nil }
        if worker == nil {
            do { worker = try SandboxedScanner.start(config, imageFd: imageFd, limits: limits) } catch {
                return failed("no scan worker: \(error)")
            }
        }
        guard let w = worker else { return failed("no scan worker") }
        let started = monotonicNanos()
        let req = WorkerRequest(kind: .scan, set: 0, path: path, stat: st, wantType: false, deadline: nil, archives: nil)
        switch w.exchange(req, fd: file.fd, timeoutMillis: SandboxedScans.waitMillis(limits: limits, size: Int64(st.st_size)), path: path) {
        case .reply(.report(var r)):
            r.path = path
            return r
        case .reply(.failed(let why)):
            return failed(why)
        case .reply:
            worker = nil
            w.stop(kill: true)
            return failed("the scan worker answered out of turn; it was stopped")
        case .malformed(let why):
            worker = nil
            return failed("the scan worker sent a malformed reply (\(why)); it was stopped")
        case .timedOut(let ended):
            worker = nil
            let seconds = Double(monotonicNanos() - started) / 1e9
            return failed("the scan worker did not answer within \(Int(seconds.rounded())) s and was stopped (\(ended))")
        case .died(let ended), .notSent(let ended):
            worker = nil
            return failed("the scan worker died while scanning it (\(ended))")
        }
    }

    /// The prefilter's decisions over every file this thread's workers scanned; ends the worker.
    func finish() -> PrefilterCounts {
        if let w = worker {
            let req = WorkerRequest(kind: .counts, set: 0, path: RawPath(""), stat: stat(), wantType: false, deadline: nil, archives: nil)
            if case .reply(.counts(let c)) = w.exchange(req, fd: -1, timeoutMillis: 10_000, path: RawPath("")) { counted = counted + c }
            w.stop()
            worker = nil
        }
        return counted
    }
}
