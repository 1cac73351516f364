import CLinux
import Glibc

/// The link between the daemon and one scan worker process: a SOCK_SEQPACKET socket
/// pair (message boundaries kept, a peer's death is an end of stream), descriptors
/// passed with SCM_RIGHTS, and the worker started by posix_spawn with its end as fd 3.
///
/// Owns: the socket calls and the spawn. Must not: know what the messages mean
/// (VigilEngine's WorkerImage does) or decide when a worker is replaced.
public enum WorkerChannel {
    /// The descriptor number the worker finds its socket at.
    public static let workerFd: Int32 = 3

    /// Both ends close-on-exec; the worker's end is dup'ed to fd 3 at spawn.
    public static func pair() throws(VigilError) -> (daemon: Int32, worker: Int32) {
        var fds: [Int32] = [-1, -1]
        _ = try sysCall(orThrow: "socketpair failed") { socketpair(AF_UNIX, Int32(SOCK_SEQPACKET.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &fds) }
        return (fds[0], fds[1])
    }

    /// Sends one message, with `passing` attached when it is not -1.
    public static func send(_ socket: Int32, _ bytes: [UInt8], passing fd: Int32 = -1) throws(Errno) {
        let n = bytes.withUnsafeBytes { vigil_send_with_fd(socket, $0.baseAddress, $0.count, fd) }
        guard n >= 0 else { throw Errno(errno) }
    }

    public enum Received {
        case message([UInt8], fd: Int32?)
        /// The peer closed its end or died.
        case closed
        case timedOut
    }

    /// Waits up to `timeoutMillis` (-1: no limit) for one message of at most `capacity` bytes.
    public static func receive(_ socket: Int32, capacity: Int, timeoutMillis: Int32) throws(Errno) -> Received {
        if timeoutMillis >= 0 {
            var p = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let end = monotonicNanos() + UInt64(timeoutMillis) * 1_000_000
            while true {
                let now = monotonicNanos()
                let left = now >= end ? 0 : Int32((end - now) / 1_000_000)
                let rc = poll(&p, 1, left)
                if rc > 0 { break }
                if rc == 0 { return .timedOut }
                if errno != EINTR { throw Errno(errno) }
            }
        }
        // Not zeroed: a reply's buffer is up to 192 KiB and most messages are a few
        // hundred bytes; zeroing it cost page faults on every file (the kernel writes
        // only the bytes it delivers, and only those are kept).
        var fd: Int32 = -1
        var n = 0
        let message = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            n = vigil_recv_with_fd(socket, buffer.baseAddress, capacity, &fd)
            count = max(n, 0)
        }
        if n < 0 {
            if errno == ECONNRESET { return .closed }
            throw Errno(errno)
        }
        if n == 0 {
            if fd >= 0 { close(fd) }
            return .closed
        }
        return .message(message, fd: fd >= 0 ? fd : nil)
    }

    /// Starts `executable` with `arguments` (argv[0] included) and `environment`, with
    /// `socket` as its fd 3 and nothing else of ours but stdio (every other descriptor of
    /// the daemon is close-on-exec, and the worker closes strays before it reads a byte).
    public static func spawn(_ executable: String, _ arguments: [String], socket: Int32, environment: [String]) throws(VigilError) -> Int32 {
        // dup2 onto itself would keep close-on-exec: move it first.
        var source = socket
        if source == workerFd {
            source = try sysCall(orThrow: "fcntl(F_DUPFD_CLOEXEC) failed") { fcntl(socket, F_DUPFD_CLOEXEC, 10) }
        }
        defer { if source != socket { close(source) } }
        // Its own group is ours: a worker dies with the daemon's group.
        return try spawnProcess(executable, arguments, environment: environment, group: .inherit, descriptors: [.dup(source, to: workerFd)])
    }

    /// A pidfd for the spawned worker (-1 when the kernel has none): kills reach that
    /// process and no other, even after its pid is reused.
    public static func pidfd(_ pid: Int32) -> Int32 { vigil_pidfd_open(pid) }

    /// SIGKILL through `pidfd`.
    public static func kill(pidfd: Int32) { _ = vigil_pidfd_send_signal(pidfd, SIGKILL) }

    /// An anonymous memory file (the rules image a worker reads).
    public static func memfd(_ name: String) throws(VigilError) -> Int32 {
        try sysCall(orThrow: "memfd_create failed") { vigil_memfd(name) }
    }
}
