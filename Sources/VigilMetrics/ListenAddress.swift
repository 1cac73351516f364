import Glibc

// Owns: parsing where the metrics endpoint listens (`[metrics] listen`,
// `vigil daemon --metrics-listen`). Must not: resolve host names (a daemon that waits on
// DNS at start-up is a daemon that does not start); only literal addresses, `localhost`
// and `unix:/path`.

public enum ListenAddress: Sendable, Equatable, CustomStringConvertible {
    case inet4(address: String, port: UInt16)
    case inet6(address: String, port: UInt16)
    case unix(path: String)

    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// `127.0.0.1:9731`, `[::1]:9731`, `localhost:9731`, `unix:/run/vigil/metrics.sock`.
    public static func parse(_ s: String) throws(ParseError) -> ListenAddress {
        if s.hasPrefix("unix:") {
            let path = String(s.dropFirst(5))
            guard path.hasPrefix("/") else { throw ParseError(description: "'\(s)': a unix socket needs an absolute path (unix:/run/vigil/metrics.sock)") }
            guard path.utf8.count < 108 else { throw ParseError(description: "'\(s)': a unix socket path must be shorter than 108 bytes") }
            return .unix(path: path)
        }
        guard let colon = s.lastIndex(of: ":") else { throw ParseError(description: "'\(s)': expected ADDRESS:PORT, [IPv6]:PORT or unix:/PATH") }
        let host = String(s[..<colon]), portText = String(s[s.index(after: colon)...])
        guard let port = UInt16(portText) else { throw ParseError(description: "'\(s)': the port must be 0 to 65535") }
        if host.hasPrefix("[") && host.hasSuffix("]") {
            let a = String(host.dropFirst().dropLast())
            var buf = in6_addr()
            guard inet_pton(AF_INET6, a, &buf) == 1 else { throw ParseError(description: "'\(s)': '\(a)' is not an IPv6 address") }
            return .inet6(address: a, port: port)
        }
        if host == "localhost" { return .inet4(address: "127.0.0.1", port: port) }
        var buf = in_addr()
        guard inet_pton(AF_INET, host, &buf) == 1 else {
            throw ParseError(description: "'\(s)': '\(host)' is not an IPv4 address (host names are not resolved; write [IPv6]:PORT for IPv6)")
        }
        return .inet4(address: host, port: port)
    }

    /// Whether only this machine can connect (loopback or a unix socket).
    public var isLocalOnly: Bool {
        switch self {
        case .inet4(let a, _): a.hasPrefix("127.")
        case .inet6(let a, _): a == "::1"
        case .unix: true
        }
    }

    public var description: String {
        switch self {
        case .inet4(let a, let p): "\(a):\(p)"
        case .inet6(let a, let p): "[\(a)]:\(p)"
        case .unix(let path): "unix:\(path)"
        }
    }
}
