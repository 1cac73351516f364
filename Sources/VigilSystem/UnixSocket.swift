import CLinux
import Glibc

/// Unix-domain sockets, typed: the listening side and the client side of a one-line
/// request/reply protocol (the control socket), peer credentials, and sd_notify's
/// datagram.
///
/// Owns: socket system calls. Must not: know what a line means.
public enum UnixSocket {
    /// A stream socket listening at `path`, reachable by root only (created under umask
    /// 077, then mode 0600). An existing file at `path` is replaced: the caller checks
    /// first that no live server answers there.
    public static func listen(at path: String, backlog: Int32 = 16) throws(VigilError) -> Int32 {
        let fd = try sysCall(orThrow: "cannot create the socket \(path)") {
            socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }
        unlink(path)
        var addr = address(path)
        let old = umask(0o077)
        let bound = Result { () throws(Errno) in
            try sysCall {
                withUnsafePointer(to: &addr) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
                }
            }
        }
        umask(old)
        do {
            _ = try bound.get()
            _ = try sysCall { Glibc.listen(fd, backlog) }
        } catch {
            close(fd)
            throw VigilError("cannot listen on \(path)", cause: error)
        }
        chmod(path, 0o600)
        return fd
    }

    /// The next connection on a listening socket; interrupted and aborted connections
    /// are retried. Throws when the socket is shut down (the server is stopping).
    public static func accept(_ fd: Int32) throws(Errno) -> Int32 {
        while true {
            do { return try sysCall { vigil_accept_cloexec(fd) } } catch where error.code == ECONNABORTED { continue }
        }
    }

    /// The uid and pid of the process at the other end (SO_PEERCRED), or nil.
    public static func peer(_ fd: Int32) -> (uid: UInt32, pid: Int32)? {
        var uid: UInt32 = 0, pid: Int32 = 0
        guard (try? sysCall { vigil_peer_uid(fd, &uid, &pid) }) != nil else { return nil }
        return (uid, pid)
    }

    /// Reads (on a blocking socket) wait at most this long.
    public static func setReceiveTimeout(_ fd: Int32, seconds: Int) {
        var tv = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    }

    /// One line (without its newline) of at most `limit` bytes; nil when none came.
    public static func readLine(_ fd: Int32, limit: Int = 4096) -> String? {
        var bytes: [UInt8] = []
        var b: UInt8 = 0
        while bytes.count < limit {
            guard let n = try? sysCall({ read(fd, &b, 1) }), n == 1, b != 10 else { break }
            bytes.append(b)
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }

    /// Sends one line and reads the reply until the server closes; the reply without its
    /// trailing newlines, or why there is none (EACCES: not allowed; ENOENT,
    /// ECONNREFUSED: nobody listens; ETIMEDOUT: no reply in time).
    public static func request(_ line: String, to path: String, timeoutSeconds: Int) -> Result<String, Errno> {
        request(line, to: path, timeoutSeconds: timeoutSeconds, acceptPeer: { _ in true })
    }

    /// The same, but the server's credentials (SO_PEERCRED: who bound and listens) are
    /// shown to `acceptPeer` after connect and before anything is sent: a refused
    /// server is never told the line (a maintenance token). Refused: EPROTO.
    public static func request(_ line: String, to path: String, timeoutSeconds: Int,
                               acceptPeer: ((uid: UInt32, pid: Int32)) -> Bool) -> Result<String, Errno> {
        let fd: Int32
        do { fd = try sysCall { socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) } } catch {
            return .failure(error)
        }
        defer { close(fd) }
        setReceiveTimeout(fd, seconds: timeoutSeconds)
        var addr = address(path)
        do {
            _ = try sysCall {
                withUnsafePointer(to: &addr) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
                }
            }
            guard let server = peer(fd), acceptPeer(server) else { return .failure(Errno(EPROTO)) }
            // send(MSG_NOSIGNAL), not write: a server that dies between connect and write
            // must be an error here, not a SIGPIPE that kills the caller.
            let bytes = Array((line + "\n").utf8)
            var done = 0
            while done < bytes.count {
                let sent = done
                done += try sysCall { bytes.withUnsafeBytes { send(fd, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) } }
            }
        } catch {
            return .failure(error)
        }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 4096)
        while let n = try? sysCall({ buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4096) } }), n > 0 {
            out += buf[0..<n]
        }
        while out.last == 10 { out.removeLast() }
        return out.isEmpty ? .failure(Errno(ETIMEDOUT)) : .success(String(decoding: out, as: UTF8.self))
    }

    /// Why a checked request has no reply, each told apart, so "no answer" is never
    /// shown as "no daemon". `Refusal`: what the caller's peer check says of a server
    /// it refused.
    public enum CheckedFailure<Refusal: Sendable & Equatable>: Error, Sendable, Equatable, CustomStringConvertible {
        /// ENOENT: nothing at the path (no daemon, or the socket was deleted).
        case noSocket
        /// ECONNREFUSED: a socket file nobody listens on (a daemon that died).
        case notListening
        /// Connected, but no reply in time: a hung daemon or a silent listener.
        case noAnswer(seconds: Int)
        /// EACCES/EPERM: the caller is not root (the sockets serve root only).
        case notRoot
        /// The peer check refused the server: nothing was sent to it.
        case impostor(Refusal)
        case other(Errno)

        public var description: String {
            switch self {
            case .noSocket: return "no socket at the path"
            case .notListening: return "nobody listens on the socket"
            case .noAnswer(let seconds): return "no answer within \(seconds) s"
            case .notRoot: return "not root"
            case .impostor(let why): return "not Vigil: \(why)"
            case .other(let e): return e.description
            }
        }

        /// No daemon runs (nothing at the path, or nobody listens): the next start reads the files.
        public var isNoDaemon: Bool {
            switch self {
            case .noSocket, .notListening: return true
            default: return false
            }
        }
    }

    /// `request(acceptPeer:)` with the server checked by `check` (nil: accepted) and the
    /// failure classified; the one place the control socket's clients tell an impostor,
    /// a dead daemon and a silent one apart.
    public static func checkedRequest<Refusal>(_ line: String, to path: String, timeoutSeconds: Int,
                                               check: ((uid: UInt32, pid: Int32)) -> Refusal?) -> Result<String, CheckedFailure<Refusal>> {
        var refusal: Refusal?
        let r = request(line, to: path, timeoutSeconds: timeoutSeconds) { peer in
            refusal = check(peer)
            return refusal == nil
        }
        switch r {
        case .success(let reply): return .success(reply)
        case .failure(let e):
            if let refusal { return .failure(.impostor(refusal)) }
            switch e.code {
            case ENOENT: return .failure(.noSocket)
            case ECONNREFUSED: return .failure(.notListening)
            case ETIMEDOUT, EAGAIN: return .failure(.noAnswer(seconds: timeoutSeconds))
            case EACCES, EPERM: return .failure(.notRoot)
            default: return .failure(.other(e))
            }
        }
    }

    static func address(_ path: String) -> sockaddr_un {
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            for (i, b) in path.utf8.prefix(raw.count - 1).enumerated() { raw[i] = b }
        }
        return addr
    }
}

/// sd_notify(3) without libsystemd: one datagram to $NOTIFY_SOCKET.
public enum SystemdNotify {
    @discardableResult
    public static func send(_ state: String) -> Bool {
        guard let env = getenv("NOTIFY_SOCKET") else { return false }
        var path = String(cString: env)
        let abstract = path.hasPrefix("@")
        if abstract { path.removeFirst() }
        guard let fd = try? sysCall({ socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }) else { return false }
        defer { close(fd) }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let offset = abstract ? 1 : 0
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            for (i, b) in bytes.prefix(raw.count - 1 - offset).enumerated() { raw[i + offset] = b }
        }
        let len = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + offset)
        let msg = Array(state.utf8)
        let n = try? sysCall {
            withUnsafePointer(to: &addr) { a in
                a.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                    msg.withUnsafeBytes { sendto(fd, $0.baseAddress, msg.count, Int32(MSG_NOSIGNAL), sa, len) }
                }
            }
        }
        return n == msg.count
    }
}
