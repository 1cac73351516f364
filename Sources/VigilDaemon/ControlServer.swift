import CLinux
import Glibc
import VigilSystem

/// The root-only control socket: one command line in, one JSON line out. Every
/// client is checked with SO_PEERCRED; only uid 0 is served.
///
/// Owns: the socket file and its thread. Must not: do the work of a command.
public final class ControlServer: @unchecked Sendable {
    public let path: String
    private let listenFD: Int32
    private var thread: WorkerThread?
    private let handler: @Sendable (String) -> String

    public init(path: String, handler: @escaping @Sendable (String) -> String) throws(VigilError) {
        self.path = path
        self.handler = handler
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try makeDirectories(String(path[..<slash]), mode: 0o755)
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw VigilError("cannot create the control socket", cause: .current) }
        // A stale socket from a crashed daemon is replaced; a live one means another daemon.
        if ControlClient.send("ping", to: path, timeoutSeconds: 1) != nil {
            close(fd)
            throw VigilError("another vigil daemon is already listening on \(path)")
        }
        unlink(path)
        var addr = sockaddrUnix(path)
        let old = umask(0o077)
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        umask(old)
        guard rc == 0, listen(fd, 16) == 0 else {
            let e = Errno.current
            close(fd)
            throw VigilError("cannot listen on \(path)", cause: e)
        }
        chmod(path, 0o600)
        listenFD = fd
        thread = WorkerThread(name: "vigil-control") { [self] in serve() }
    }

    public func stop() {
        shutdown(listenFD, Int32(SHUT_RDWR))
        thread?.join()
        thread = nil
        close(listenFD)
        unlink(path)
    }

    private func serve() {
        while true {
            let c = vigil_accept_cloexec(listenFD)
            if c < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                return
            }
            var tv = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
            var uid: UInt32 = 0, pid: Int32 = 0
            let reply: String
            if vigil_peer_uid(c, &uid, &pid) != 0 || uid != 0 {
                reply = #"{"ok":false,"error":"permission denied: the control socket serves root only"}"#
            } else if let command = readLine(c) {
                reply = handler(command)
            } else {
                reply = #"{"ok":false,"error":"no command"}"#
            }
            writeAllBytes(c, Array(reply.utf8) + [10])
            close(c)
        }
    }

    private func readLine(_ fd: Int32) -> String? {
        var bytes: [UInt8] = []
        var b: UInt8 = 0
        while bytes.count < 4096 {
            let n = read(fd, &b, 1)
            if n <= 0 || b == 10 { break }
            bytes.append(b)
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}

/// The client side: `vigil reload`, `vigil status`.
public enum ControlClient {
    /// Sends one command; returns the reply line, or nil if nothing answered.
    public static func send(_ command: String, to path: String, timeoutSeconds: Int = 120) -> String? {
        try? request(command, to: path, timeoutSeconds: timeoutSeconds).get()
    }

    /// Sends one command; the reply line, or why there is none (EACCES: not root;
    /// ENOENT/ECONNREFUSED: no daemon; ETIMEDOUT: it did not answer in time).
    public static func request(_ command: String, to path: String, timeoutSeconds: Int = 120) -> Result<String, Errno> {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return .failure(.current) }
        defer { close(fd) }
        var tv = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddrUnix(path)
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard rc == 0 else { return .failure(.current) }
        // send(MSG_NOSIGNAL), not write: a daemon that dies between connect and write must
        // be an error here, not a SIGPIPE that kills the caller.
        let bytes = Array((command + "\n").utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + done, bytes.count - done, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.current)
            }
            done += n
        }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4096) }
            if n <= 0 { break }
            out += buf[0..<n]
        }
        while out.last == 10 { out.removeLast() }
        return out.isEmpty ? .failure(Errno(ETIMEDOUT)) : .success(String(decoding: out, as: UTF8.self))
    }
}
