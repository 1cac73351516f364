import Glibc
import VigilHTTP

/// Gets one file of a bundle from a source: `https://` and `http://` through libcurl,
/// `file://` and plain paths from the filesystem. Every fetch has a byte limit (a server
/// that sends more than the manifest declares is cut off at the first byte too many), a
/// total time limit and a stall limit, so a slow, endless or dying server ends in an
/// error instead of a hang or a full disk.
///
/// Owns: transport. Must not: know what the bytes mean.
public enum Fetcher {
    public struct Limits: Sendable {
        public var timeoutSeconds = 600
        public var connectTimeoutSeconds = 20
        /// Fail when fewer than this many bytes a second arrive for `lowSpeedSeconds`.
        public var lowSpeedBytes = 512
        public var lowSpeedSeconds = 30
        public init() {}
    }

    public struct FetchError: Error, CustomStringConvertible, Sendable {
        public let url: String
        public let message: String
        public var description: String { "\(url): \(message)" }
    }

    /// The URL of `name` under a bundle source (`name` is a checked relative path).
    public static func join(_ source: String, _ name: String) -> String {
        source.hasSuffix("/") ? source + name : source + "/" + name
    }

    /// Fetches into memory (manifests and signatures: small by limit).
    public static func fetch(_ url: String, maxBytes: Int64, limits: Limits = Limits()) throws(FetchError) -> [UInt8] {
        var out: [UInt8] = []
        try fetch(url, maxBytes: maxBytes, limits: limits) { chunk in
            out.append(contentsOf: chunk)
            return true
        }
        return out
    }

    /// Streams `url` to `sink` (false from the sink stops the transfer with an error).
    /// More than `maxBytes` is an error; so is a transfer cut short.
    public static func fetch(_ url: String, maxBytes: Int64, limits: Limits = Limits(),
                             sink: (UnsafeRawBufferPointer) -> Bool) throws(FetchError) {
        if url.hasPrefix("https://") || url.hasPrefix("http://") {
            try fetchHTTP(url, maxBytes: maxBytes, limits: limits, sink: sink)
        } else if url.hasPrefix("file://") {
            try fetchFile(String(url.dropFirst(7)), url: url, maxBytes: maxBytes, sink: sink)
        } else if url.hasPrefix("/") {
            try fetchFile(url, url: url, maxBytes: maxBytes, sink: sink)
        } else {
            throw FetchError(url: url, message: "unsupported source: use https://, http://, file:// or an absolute path")
        }
    }

    private static func fetchHTTP(_ url: String, maxBytes: Int64, limits: Limits, sink: (UnsafeRawBufferPointer) -> Bool) throws(FetchError) {
        var l = HTTPGetLimits()
        l.connectTimeoutSeconds = limits.connectTimeoutSeconds
        l.timeoutSeconds = limits.timeoutSeconds
        l.lowSpeedBytes = limits.lowSpeedBytes
        l.lowSpeedSeconds = limits.lowSpeedSeconds
        l.maxBytes = maxBytes
        switch HTTPClient().get(url, limits: l, userAgent: "vigil-rules-update", sink: sink) {
        case .success: return
        case .failure(.oversized(announced: false)): throw FetchError(url: url, message: "more than \(maxBytes) bytes (oversized): transfer stopped")
        case .failure(.oversized(announced: true)): throw FetchError(url: url, message: "the server announces more than \(maxBytes) bytes (oversized)")
        case .failure(.sinkRefused): throw FetchError(url: url, message: "could not store the data")
        case .failure(.transfer(let message, let status, let code)):
            throw FetchError(url: url, message: "\(message)\(status > 0 ? " (HTTP \(status))" : "") [curl error \(code)]")
        }
    }

    private static func fetchFile(_ path: String, url: String, maxBytes: Int64, sink: (UnsafeRawBufferPointer) -> Bool) throws(FetchError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw FetchError(url: url, message: String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { throw FetchError(url: url, message: "not a regular file") }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var total: Int64 = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FetchError(url: url, message: "read failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { return }
            total += Int64(n)
            if total > maxBytes { throw FetchError(url: url, message: "more than \(maxBytes) bytes (oversized)") }
            let ok = buffer.withUnsafeBytes { sink(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            if !ok { throw FetchError(url: url, message: "could not store the data") }
        }
    }
}
