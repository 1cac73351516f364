import CCurl
import Synchronization

// Owns: one libcurl easy handle and the typed calls Vigil makes with it (POST a body,
// read status and reply; a bounded streaming GET for signature bundles), with bounded time, bounded reply size, and an abort flag a
// stopping service can raise mid-transfer.
// Must not: be shared between threads (libcurl handles are not thread-safe; each
// exporter or notifier thread owns its client), retry (callers own their retry policy),
// or ever run on the permission path.

public struct HTTPReply: Sendable {
    public let status: Int
    public let body: [UInt8]
}

public struct HTTPClientError: Error, Sendable, CustomStringConvertible {
    public let description: String
    /// Aborted because the caller is stopping (not a failure of the receiver).
    public let aborted: Bool
}

/// A flag a transfer checks as it progresses; set it to make a transfer in flight end.
public final class AbortFlag: Sendable {
    let raised = Atomic<Bool>(false)
    public init() {}
    public func raise() { raised.store(true, ordering: .relaxed) }
    public func lower() { raised.store(false, ordering: .relaxed) }
    public var isRaised: Bool { raised.load(ordering: .relaxed) }
}

public struct HTTPClientOptions: Sendable {
    public var connectTimeoutSeconds = 5
    public var timeoutSeconds = 30
    /// A PEM bundle of CAs to trust instead of the system's.
    public var caFile: String?
    /// `Authorization: ...` or any other fixed header lines.
    public var headers: [String] = []
    public var basicAuth: (user: String, password: String)?
    public var maxReplyBytes = 64 << 20
    public init() {}
}

/// libcurl, loaded at the first client: nil when usable, else why not.
private let curlUnavailable: String? = {
    var why = [CChar](repeating: 0, count: 256)
    guard vigil_curl_load(&why, why.count) != 0 else { return nil }
    return String(decoding: why.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}()

public final class HTTPClient {
    /// nil when libcurl cannot be loaded (`unavailable` says why): every request fails
    /// with that reason, nothing else breaks.
    private let handle: UnsafeMutableRawPointer?
    fileprivate let unavailable: String?
    /// For the extension's GET (same handle, same thread).
    fileprivate var rawHandle: UnsafeMutableRawPointer? { handle }
    public let options: HTTPClientOptions
    private let abort: AbortFlag?

    private final class Sink {
        var bytes: [UInt8] = []
        let limit: Int
        let abort: AbortFlag?
        var overflowed = false
        init(limit: Int, abort: AbortFlag?) { self.limit = limit; self.abort = abort }
    }

    public init(options: HTTPClientOptions = HTTPClientOptions(), abort: AbortFlag? = nil) {
        handle = curlUnavailable == nil ? vigil_curl_easy_init() : nil
        unavailable = handle == nil ? (curlUnavailable ?? "curl_easy_init failed") : nil
        self.options = options
        self.abort = abort
    }

    deinit { if let handle { vigil_curl_easy_cleanup(handle) } }

    /// POSTs `body` to `url`. Transport failures (refused, reset, timed out, TLS) come
    /// back as errors; any HTTP status comes back as a reply.
    public func post(_ url: String, body: [UInt8], contentType: String) -> Result<HTTPReply, HTTPClientError> {
        guard let h = handle else { return .failure(HTTPClientError(description: unavailable ?? "no HTTP client", aborted: false)) }
        vigil_curl_easy_reset(h)
        let sink = Sink(limit: options.maxReplyBytes, abort: abort)
        let sinkPtr = Unmanaged.passUnretained(sink).toOpaque()
        var headers: UnsafeMutablePointer<curl_slist>? = nil
        for line in ["Content-Type: \(contentType)", "Expect:"] + options.headers { headers = vigil_curl_slist_append(headers, line) }
        defer { vigil_curl_slist_free_all(headers) }
        vigil_curl_setopt_string(h, CURLOPT_URL, url)
        vigil_curl_setopt_long(h, CURLOPT_NOSIGNAL, 1)             // threads: no SIGALRM for DNS timeouts
        vigil_curl_setopt_long(h, CURLOPT_CONNECTTIMEOUT, options.connectTimeoutSeconds)
        vigil_curl_setopt_long(h, CURLOPT_TIMEOUT, options.timeoutSeconds)
        vigil_curl_setopt_long(h, CURLOPT_FOLLOWLOCATION, 0)
        vigil_curl_setopt_string(h, CURLOPT_PROTOCOLS_STR, "http,https")
        vigil_curl_setopt_slist(h, CURLOPT_HTTPHEADER, headers)
        if let ca = options.caFile { vigil_curl_setopt_string(h, CURLOPT_CAINFO, ca) }
        if let auth = options.basicAuth {
            vigil_curl_setopt_long(h, CURLOPT_HTTPAUTH, 1)   // CURLAUTH_BASIC (a cast macro Swift cannot import)
            vigil_curl_setopt_string(h, CURLOPT_USERNAME, auth.user)
            vigil_curl_setopt_string(h, CURLOPT_PASSWORD, auth.password)
        }
        vigil_curl_setopt_write_function(h) { data, size, n, user in
            let sink = Unmanaged<Sink>.fromOpaque(user!).takeUnretainedValue()
            let count = size * n
            if sink.bytes.count + count > sink.limit { sink.overflowed = true; return 0 }
            data!.withMemoryRebound(to: UInt8.self, capacity: count) { sink.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: count)) }
            return count
        }
        vigil_curl_setopt_pointer(h, CURLOPT_WRITEDATA, sinkPtr)
        vigil_curl_setopt_long(h, CURLOPT_NOPROGRESS, 0)
        vigil_curl_setopt_xferinfo_function(h) { user, _, _, _, _ in
            let sink = Unmanaged<Sink>.fromOpaque(user!).takeUnretainedValue()
            return sink.abort?.isRaised == true ? 1 : 0
        }
        vigil_curl_setopt_pointer(h, CURLOPT_XFERINFODATA, sinkPtr)
        vigil_curl_setopt_long(h, CURLOPT_POST, 1)
        let rc: CURLcode = body.withUnsafeBytes { raw in
            vigil_curl_setopt_off(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(raw.count))
            vigil_curl_setopt_pointer(h, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!))
            return vigil_curl_easy_perform(h)
        }
        withExtendedLifetime(sink) {}
        guard rc == CURLE_OK else {
            let aborted = rc == CURLE_ABORTED_BY_CALLBACK
            let why = sink.overflowed ? "reply larger than \(options.maxReplyBytes) bytes" : String(cString: vigil_curl_easy_strerror(rc))
            return .failure(HTTPClientError(description: "\(url): \(why)", aborted: aborted))
        }
        var status = 0
        vigil_curl_getinfo_long(h, CURLINFO_RESPONSE_CODE, &status)
        return .success(HTTPReply(status: status, body: sink.bytes))
    }
}

/// Limits of a streaming GET: a slow, stalled, endless or lying server ends in an error,
/// never a hang or a full disk.
public struct HTTPGetLimits: Sendable {
    public var connectTimeoutSeconds = 20
    /// The whole transfer.
    public var timeoutSeconds = 600
    /// Fail when fewer than `lowSpeedBytes` a second arrive for `lowSpeedSeconds`.
    public var lowSpeedBytes = 512
    public var lowSpeedSeconds = 30
    /// A body past this many bytes is cut off at the first byte too many, and a
    /// Content-Length above it is refused before the body is read.
    public var maxBytes: Int64 = 1 << 30
    public init() {}
}

/// Why a GET ended without the whole body.
public enum HTTPGetFailure: Error, Sendable {
    /// More than `maxBytes`: announced by the server, or counted as it came.
    case oversized(announced: Bool)
    /// The caller's sink refused a chunk.
    case sinkRefused
    /// Transport or HTTP error (status >= 400 included), in curl's words.
    case transfer(message: String, status: Int, code: Int)
}

extension HTTPClient {
    private final class StreamSink {
        let maxBytes: Int64
        var received: Int64 = 0
        var overLimit = false
        var refused = false
        let body: (UnsafeRawBufferPointer) -> Bool
        init(maxBytes: Int64, body: @escaping (UnsafeRawBufferPointer) -> Bool) { self.maxBytes = maxBytes; self.body = body }
    }

    /// GETs `url` (http:// or https://; redirects only to those, at most 5), the body to
    /// `sink` chunk by chunk as it arrives. Statuses of 400 and above are failures.
    public func get(_ url: String, limits: HTTPGetLimits, userAgent: String = "vigil",
                    sink: (UnsafeRawBufferPointer) -> Bool) -> Result<Void, HTTPGetFailure> {
        guard let h = rawHandle else { return .failure(.transfer(message: unavailable ?? "no HTTP client", status: 0, code: -1)) }
        vigil_curl_easy_reset(h)
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE))
        return withoutActuallyEscaping(sink) { sink in
            let box = StreamSink(maxBytes: limits.maxBytes, body: sink)
            let boxPtr = Unmanaged.passUnretained(box).toOpaque()
            let rc: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { errors in
                vigil_curl_setopt_string(h, CURLOPT_URL, url)
                vigil_curl_setopt_pointer(h, CURLOPT_ERRORBUFFER, errors.baseAddress)
                vigil_curl_setopt_long(h, CURLOPT_NOSIGNAL, 1)
                vigil_curl_setopt_string(h, CURLOPT_PROTOCOLS_STR, "http,https")
                vigil_curl_setopt_string(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
                vigil_curl_setopt_long(h, CURLOPT_FOLLOWLOCATION, 1)
                vigil_curl_setopt_long(h, CURLOPT_MAXREDIRS, 5)
                vigil_curl_setopt_long(h, CURLOPT_FAILONERROR, 1)
                vigil_curl_setopt_string(h, CURLOPT_USERAGENT, userAgent)
                vigil_curl_setopt_long(h, CURLOPT_CONNECTTIMEOUT, limits.connectTimeoutSeconds)
                vigil_curl_setopt_long(h, CURLOPT_TIMEOUT, limits.timeoutSeconds)
                vigil_curl_setopt_long(h, CURLOPT_LOW_SPEED_LIMIT, limits.lowSpeedBytes)
                vigil_curl_setopt_long(h, CURLOPT_LOW_SPEED_TIME, limits.lowSpeedSeconds)
                if let ca = options.caFile { vigil_curl_setopt_string(h, CURLOPT_CAINFO, ca) }
                vigil_curl_setopt_off(h, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(limits.maxBytes))
                vigil_curl_setopt_write_function(h) { data, size, n, user in
                    let box = Unmanaged<StreamSink>.fromOpaque(user!).takeUnretainedValue()
                    let count = size * n
                    // Anything but `count` makes curl stop with CURLE_WRITE_ERROR.
                    if box.received + Int64(count) > box.maxBytes { box.overLimit = true; return 0 }
                    box.received += Int64(count)
                    if !box.body(UnsafeRawBufferPointer(start: data, count: count)) { box.refused = true; return 0 }
                    return count
                }
                vigil_curl_setopt_pointer(h, CURLOPT_WRITEDATA, boxPtr)
                return vigil_curl_easy_perform(h)
            }
            withExtendedLifetime(box) {}
            if box.overLimit { return .failure(.oversized(announced: false)) }
            if box.refused { return .failure(.sinkRefused) }
            if rc == CURLE_FILESIZE_EXCEEDED { return .failure(.oversized(announced: true)) }
            guard rc == CURLE_OK else {
                var status = 0
                vigil_curl_getinfo_long(h, CURLINFO_RESPONSE_CODE, &status)
                let text = errorBuffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
                return .failure(.transfer(message: text.isEmpty ? String(cString: vigil_curl_easy_strerror(rc)) : text, status: status,
                                          code: Int(rc.rawValue)))
            }
            return .success(())
        }
    }
}
