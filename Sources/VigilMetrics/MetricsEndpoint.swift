import CLinux
import Glibc
import Synchronization

// Owns: a minimal HTTP/1.1 responder for GET /metrics on one TCP or unix socket, on its
// own thread; one connection at a time, each bounded in size and time.
// Must not: touch the permission path, block start-up, or trust a client: a request
// head over 8 KiB, a client that does not send within the read timeout, or one that
// does not read its answer, costs at most the timeout and is then dropped.

/// The parts of an HTTP request line Vigil answers to. Pure, tested as a table.
public struct HTTPRequestHead: Sendable, Equatable {
    public let method: String
    public let target: String

    public enum Problem: Error, Sendable, Equatable {
        case incomplete      // no blank line yet
        case malformed       // 400
        case tooLarge        // 431
        case badVersion      // 505
    }

    public static let maxHeadBytes = 8192

    /// Parses a request head from the bytes received so far.
    public static func parse(_ bytes: [UInt8]) -> Result<HTTPRequestHead, Problem> {
        let end: Int? = {
            guard bytes.count >= 4 else { return nil }
            for i in 0...(bytes.count - 4) where bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 { return i }
            return nil
        }()
        guard let end else { return .failure(bytes.count >= maxHeadBytes ? .tooLarge : .incomplete) }
        guard end <= maxHeadBytes else { return .failure(.tooLarge) }
        let lineEnd = (0..<end).first { bytes[$0] == 13 } ?? end
        let line = bytes[0..<lineEnd]
        guard line.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return .failure(.malformed) }
        let parts = String(decoding: line, as: UTF8.self).split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy({ $0.isUppercase }), parts[1].hasPrefix("/") || parts[1] == "*" else {
            return .failure(.malformed)
        }
        guard parts[2] == "HTTP/1.1" || parts[2] == "HTTP/1.0" else { return .failure(parts[2].hasPrefix("HTTP/") ? .badVersion : .malformed) }
        return .success(HTTPRequestHead(method: String(parts[0]), target: String(parts[1])))
    }
}

/// An answer: status, extra headers, body (omitted on the wire for HEAD).
public struct HTTPResponse: Sendable, Equatable {
    public let status: Int
    public let reason: String
    public let headers: [(String, String)]
    public let body: String

    public static func == (a: HTTPResponse, b: HTTPResponse) -> Bool {
        a.status == b.status && a.body == b.body && a.headers.map(\.0) == b.headers.map(\.0) && a.headers.map(\.1) == b.headers.map(\.1)
    }

    /// Routing, as a pure function of the request and the exposition to serve.
    public static func route(_ parsed: Result<HTTPRequestHead, HTTPRequestHead.Problem>, exposition: () -> String) -> HTTPResponse {
        let head: HTTPRequestHead
        switch parsed {
        case .success(let h): head = h
        case .failure(.tooLarge): return HTTPResponse(status: 431, reason: "Request Header Fields Too Large", headers: [], body: "request head too large\n")
        case .failure(.badVersion): return HTTPResponse(status: 505, reason: "HTTP Version Not Supported", headers: [], body: "HTTP/1.1 only\n")
        case .failure: return HTTPResponse(status: 400, reason: "Bad Request", headers: [], body: "bad request\n")
        }
        let path = head.target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? head.target
        guard head.method == "GET" || head.method == "HEAD" else {
            return HTTPResponse(status: 405, reason: "Method Not Allowed", headers: [("Allow", "GET, HEAD")], body: "only GET and HEAD\n")
        }
        switch path {
        case "/metrics":
            return HTTPResponse(status: 200, reason: "OK", headers: [("Content-Type", "text/plain; version=0.0.4; charset=utf-8")], body: exposition())
        case "/":
            return HTTPResponse(status: 200, reason: "OK", headers: [("Content-Type", "text/plain; charset=utf-8")], body: "Vigil metrics: /metrics\n")
        default:
            return HTTPResponse(status: 404, reason: "Not Found", headers: [], body: "not found; metrics are at /metrics\n")
        }
    }

    public func wire(includeBody: Bool) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(reason)\r\n"
        var hasType = false
        for (k, v) in headers {
            head += "\(k): \(v)\r\n"
            if k == "Content-Type" { hasType = true }
        }
        if !hasType { head += "Content-Type: text/plain; charset=utf-8\r\n" }
        head += "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
        return Array(head.utf8) + (includeBody ? Array(body.utf8) : [])
    }
}

public struct EndpointError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// The listening socket and the thread that answers on it.
public final class MetricsEndpoint: Sendable {
    public let address: ListenAddress
    /// The address actually bound (port 0 becomes the port the kernel chose).
    public let boundAddress: ListenAddress
    private let listenFD: Int32
    private let wake: Int32   // an eventfd: stop() writes, the poll loop wakes
    private let thread = Mutex<pthread_t?>(nil)
    private let render: @Sendable () -> String
    private let timeoutSeconds: Int
    public let served = Tally()
    public let rejected = Tally()

    /// Binds now (so a taken port is an error at start-up, which the daemon logs and
    /// lives with), serves once `start()` is called.
    public init(address: ListenAddress, unixSocketMode: mode_t = 0o660, timeoutSeconds: Int = 2,
                render: @escaping @Sendable () -> String) throws(EndpointError) {
        self.address = address
        self.render = render
        self.timeoutSeconds = timeoutSeconds
        let fd: Int32
        switch address {
        case .inet4(let a, let port):
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { throw EndpointError(description: "socket: \(String(cString: strerror(errno)))") }
            var one: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            var sa = sockaddr_in()
            sa.sin_family = sa_family_t(AF_INET)
            sa.sin_port = port.bigEndian
            inet_pton(AF_INET, a, &sa.sin_addr)
            let rc = withUnsafePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            guard rc == 0 else { let e = errno; close(fd); throw EndpointError(description: "cannot listen on \(address): \(String(cString: strerror(e)))") }
        case .inet6(let a, let port):
            fd = socket(AF_INET6, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { throw EndpointError(description: "socket: \(String(cString: strerror(errno)))") }
            var one: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &one, socklen_t(MemoryLayout<Int32>.size))
            var sa = sockaddr_in6()
            sa.sin6_family = sa_family_t(AF_INET6)
            sa.sin6_port = port.bigEndian
            inet_pton(AF_INET6, a, &sa.sin6_addr)
            let rc = withUnsafePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) } }
            guard rc == 0 else { let e = errno; close(fd); throw EndpointError(description: "cannot listen on \(address): \(String(cString: strerror(e)))") }
        case .unix(let path):
            fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { throw EndpointError(description: "socket: \(String(cString: strerror(errno)))") }
            // A socket left by an earlier run is replaced; anything else at the path is not ours.
            var st = stat()
            if lstat(path, &st) == 0 {
                guard st.st_mode & S_IFMT == S_IFSOCK else { close(fd); throw EndpointError(description: "\(path) exists and is not a socket") }
                unlink(path)
            }
            var sa = sockaddr_un()
            sa.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &sa.sun_path) { raw in
                for (i, b) in path.utf8.enumerated() { raw[i] = b }
                raw[path.utf8.count] = 0
            }
            let rc = withUnsafePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
            guard rc == 0 else { let e = errno; close(fd); throw EndpointError(description: "cannot listen on \(address): \(String(cString: strerror(e)))") }
            chmod(path, unixSocketMode)
        }
        guard listen(fd, 16) == 0 else { let e = errno; close(fd); throw EndpointError(description: "listen: \(String(cString: strerror(e)))") }
        listenFD = fd
        boundAddress = MetricsEndpoint.localAddress(fd, fallback: address)
        wake = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        guard wake >= 0 else { let e = errno; close(fd); throw EndpointError(description: "eventfd: \(String(cString: strerror(e)))") }
    }

    private static func localAddress(_ fd: Int32, fallback: ListenAddress) -> ListenAddress {
        switch fallback {
        case .inet4(let a, _):
            var sa = sockaddr_in(); var len = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
            return .inet4(address: a, port: UInt16(bigEndian: sa.sin_port))
        case .inet6(let a, _):
            var sa = sockaddr_in6(); var len = socklen_t(MemoryLayout<sockaddr_in6>.size)
            _ = withUnsafeMutablePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
            return .inet6(address: a, port: UInt16(bigEndian: sa.sin6_port))
        case .unix: return fallback
        }
    }

    private final class Box { let body: () -> Void; init(_ b: @escaping () -> Void) { body = b } }

    public func start() {
        thread.withLock { t in
            guard t == nil else { return }
            var th = pthread_t()
            let box = Unmanaged.passRetained(Box { [self] in serve() }).toOpaque()
            let rc = pthread_create(&th, nil, { raw in
                let b = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
                b.body()
                return nil
            }, box)
            precondition(rc == 0, "pthread_create: \(rc)")
            t = th
        }
    }

    /// Stops serving and closes the socket (removing a unix socket's file).
    public func stop() {
        var one: UInt64 = 1
        _ = write(wake, &one, 8)
        if let t = thread.withLock({ t -> pthread_t? in defer { t = nil }; return t }) { pthread_join(t, nil) }
    }

    deinit {
        close(listenFD); close(wake)
        if case .unix(let path) = address { unlink(path) }
    }

    private func serve() {
        while true {
            var fds = [pollfd(fd: listenFD, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
            let n = poll(&fds, 2, -1)
            if n < 0 { if errno == EINTR { continue }; return }
            if fds[1].revents != 0 { return }
            guard fds[0].revents & Int16(POLLIN) != 0 else { continue }
            let c = vigil_accept_cloexec(listenFD)
            if c < 0 {
                // EMFILE/ENFILE: the daemon is short of descriptors; back off rather than spin.
                if errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM { usleep(100_000) }
                continue
            }
            handle(c)
            close(c)
        }
    }

    private func handle(_ c: Int32) {
        var tv = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var got: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 2048)
        let deadline = MetricsEndpoint.monotonicSeconds() + Double(timeoutSeconds)
        var parsed = HTTPRequestHead.parse(got)
        while case .failure(.incomplete) = parsed {
            if MetricsEndpoint.monotonicSeconds() > deadline { rejected.increment(); return }   // a trickling client
            let n = read(c, &buf, buf.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { rejected.increment(); return }
            got += buf[0..<n]
            parsed = HTTPRequestHead.parse(got)
        }
        let response = HTTPResponse.route(parsed, exposition: render)
        if response.status == 200 { served.increment() } else { rejected.increment() }
        let isHead = (try? parsed.get())?.method == "HEAD"
        let bytes = response.wire(includeBody: !isHead)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { send(c, $0.baseAddress! + done, bytes.count - done, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            done += n
        }
        shutdown(c, Int32(SHUT_WR))
    }

    static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

