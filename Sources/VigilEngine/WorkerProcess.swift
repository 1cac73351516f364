import Glibc
import VigilSystem

/// One `vigil scan-worker` process seen from the side that feeds it (the daemon's scan
/// threads, `vigil scan`'s threads): started with a rules image, asked one request at a
/// time, killed through its pidfd when it does not answer in time, always reaped.
///
/// Owns: a worker's start handshake, one request's send and bounded wait, its end.
/// Must not: decide what a death means for the file (the caller's policy: on_error in
/// the daemon, an error line in `vigil scan`), restart on its own, or be shared by threads.
///
/// Sendable only to be handed over: `vigil scan` starts every thread's worker side by side
/// on the calling thread, then gives each to its thread, which alone uses it from then on.
public final class WorkerProcess: @unchecked Sendable {
    public let pid: Int32
    private let pidfd: Int32
    private let socket: Int32
    private var ended: String?

    /// What came back for one request.
    public enum Outcome {
        case reply(WorkerReply)
        /// The bytes did not decode: the worker was killed (it cannot be trusted further).
        case malformed(String)
        /// No answer within the time given: the worker was killed and reaped.
        case timedOut(ended: String)
        /// It died (or closed its end) before answering; reaped.
        case died(ended: String)
        /// It was gone before the request could be sent (it died idle): not the file's doing.
        case notSent(ended: String)
    }

    /// A memfd holding `sets` as a worker image (read by every worker of this generation).
    ///
    /// With `limits` reading in chunks through the prefilter, its stream database is
    /// compiled here, once, and travels in the image: each worker loads it instead of
    /// compiling its own (with the bundled Signatures that compile was most of a
    /// worker's start; with the parity test's 7,137 rules over 30 s in a debug build).
    public static func imageMemfd(_ sets: [Signatures], limits: ScanLimits) throws(VigilError) -> Int32 {
        if limits.prefilter && limits.chunkedReads { for s in sets { _ = s.preparePrefilter(streaming: true) } }
        let bytes = try WorkerImage.encode(sets: sets)
        let fd = try WorkerChannel.memfd("vigil-rules")
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, $0.count - done) }
            if n <= 0 { close(fd); throw VigilError("cannot write the rules image", cause: Errno(errno)) }
            done += n
        }
        return fd
    }

    /// Starts `executable scan-worker` as `identity`, hands it the image and `limits`, and
    /// waits (`startMillis` at most) until it says it is in its sandbox. Throws why not; no
    /// process is left behind.
    public static func start(executable: String, identity: Sandbox.Identity, imageFd: Int32, limits: ScanLimits,
                             startMillis: Int32 = 30_000) throws(VigilError) -> WorkerProcess {
        let worker = try launch(executable: executable, identity: identity, imageFd: imageFd, limits: limits)
        try worker.awaitReady(startMillis: startMillis)
        return worker
    }

    /// The first half of `start`: the process runs and has its image, not yet its sandbox
    /// (several workers launched first, then awaited, start side by side).
    public static func launch(executable: String, identity: Sandbox.Identity, imageFd: Int32, limits: ScanLimits) throws(VigilError) -> WorkerProcess {
        let (mine, theirs) = try WorkerChannel.pair()
        let pid: Int32
        do {
            pid = try WorkerChannel.spawn(executable, ["vigil", "scan-worker", "--uid", "\(identity.uid)", "--gid", "\(identity.gid)"],
                                          socket: theirs, environment: ["SWIFT_BACKTRACE=enable=no", "PATH=/usr/sbin:/usr/bin:/sbin:/bin"])
        } catch {
            close(mine)
            close(theirs)
            throw error
        }
        close(theirs)
        let worker = WorkerProcess(pid: pid, pidfd: WorkerChannel.pidfd(pid), socket: mine)
        do { try WorkerChannel.send(mine, WorkerImage.firstMessage(limits: limits), passing: imageFd) } catch {
            worker.stop(kill: true)
            throw VigilError("cannot hand the rules to a scan worker", cause: error)
        }
        return worker
    }

    /// The second half: waits for the worker's ready; on anything else it is stopped.
    public func awaitReady(startMillis: Int32) throws(VigilError) {
        switch try? WorkerChannel.receive(socket, capacity: ScanWorker.replyCapacity, timeoutMillis: startMillis) {
        case .message(let bytes, let fd):
            if let fd { close(fd) }
            switch try? WorkerReply.decode(bytes, path: RawPath("")) {
            case .ready: return
            case .failed(let why):
                stop(kill: true)
                throw VigilError("the scan worker could not start: \(why)")
            default:
                stop(kill: true)
                throw VigilError("the scan worker sent something else than ready")
            }
        default:
            let status = stop(kill: true)
            throw VigilError("the scan worker was not ready within \(startMillis / 1000) s (\(status))")
        }
    }

    private init(pid: Int32, pidfd: Int32, socket: Int32) {
        self.pid = pid
        self.pidfd = pidfd
        self.socket = socket
    }

    deinit { stop() }

    /// Whether the process has exited (its pidfd polls readable then).
    public var hasEnded: Bool {
        guard ended == nil else { return true }
        guard pidfd >= 0 else { return false }
        var p = pollfd(fd: pidfd, events: Int16(POLLIN), revents: 0)
        return poll(&p, 1, 0) > 0
    }

    /// Sends `request` with `fd` attached (-1: none) and waits up to `timeoutMillis` for
    /// the reply. Anything but a well-formed reply ends the worker.
    public func exchange(_ request: WorkerRequest, fd: Int32, timeoutMillis: Int32, path: RawPath) -> Outcome {
        if let ended { return .notSent(ended: ended) }
        do { try WorkerChannel.send(socket, request.encoded(), passing: fd) } catch {
            return .notSent(ended: "the worker was gone before the request (\(error)); \(stop())")
        }
        switch try? WorkerChannel.receive(socket, capacity: ScanWorker.replyCapacity, timeoutMillis: max(timeoutMillis, 100)) {
        case .message(let bytes, let stray):
            if let stray { close(stray) }
            do { return .reply(try WorkerReply.decode(bytes, path: path)) } catch {
                stop(kill: true)
                return .malformed("\(error)")
            }
        case .timedOut:
            return .timedOut(ended: stop(kill: true))
        case .closed, .none:
            return .died(ended: stop())
        }
    }

    /// Ends the worker: closes its socket (an idle worker exits), reaps it; `kill` first
    /// when it may be stuck. Returns how it ended; later calls return the same.
    @discardableResult
    public func stop(kill: Bool = false) -> String {
        if let ended { return ended }
        if kill { WorkerChannel.kill(pidfd: pidfd) }
        close(socket)
        let how = WorkerProcess.reap(pid, pidfd: pidfd)
        if pidfd >= 0 { close(pidfd) }
        ended = how
        return how
    }

    /// Waits (bounded) for the worker to end; kills it if it does not within a second.
    private static func reap(_ pid: Int32, pidfd: Int32) -> String {
        var status: Int32 = 0
        var waited = 0
        while true {
            let rc = waitpid(pid, &status, WNOHANG)
            if rc == pid { break }
            if rc < 0 && errno != EINTR { return "gone" }
            if waited == 100 { WorkerChannel.kill(pidfd: pidfd) }
            if waited > 300 { return "not reaped" }
            // The pidfd turns readable when the process exits: no fixed 10 ms nap per worker.
            if pidfd >= 0 {
                var p = pollfd(fd: pidfd, events: Int16(POLLIN), revents: 0)
                _ = poll(&p, 1, 10)
            } else {
                usleep(10_000)
            }
            waited += 1
        }
        let signal = status & 0x7f
        if signal != 0 { return "killed by signal \(signal)" + (signal == SIGSYS ? " (SIGSYS)" : "") }
        return "exited \((status >> 8) & 0xff)"
    }
}
