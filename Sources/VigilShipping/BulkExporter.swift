import CLinux
import Glibc
import Synchronization
import VigilHTTP
import VigilMetrics

// Owns: the exporter thread: spool batches to `_bulk`, each settled document by document
// (delivered, duplicate, retried, or set aside in the dead-letter file), the cursor
// committed only once a whole batch is settled, backoff between failed attempts.
// Delivery is at least once; `create` with `_id` = `event.id` makes it exactly once in
// the index (a re-sent document answers 409 and counts as delivered).
// Must not: run on, or wait for, the permission path; drop a document without writing
// it to the dead-letter file with its reason.

public struct ExporterSettings: Sendable {
    /// Base URL of the cluster, e.g. `https://logs.example:9200` (`/_bulk` is appended).
    public var url: String
    /// The data stream (or index/alias) the template in packaging/ sets up.
    public var index = "vigil-events"
    public var maxBatchDocuments = 500
    public var maxBatchBytes = 5 << 20
    /// How long an idle exporter waits for new lines before looking again.
    public var idleMillis = 500
    public var backoffBaseMillis = 500
    public var backoffCapMillis = 60_000
    public var http = HTTPClientOptions()
    public init(url: String) { self.url = url }
}

public final class BulkExporter: Sendable {
    public let settings: ExporterSettings
    public let spoolDirectory: String
    private let wake: Int32                 // eventfd: new lines, or stop
    private let stopping = Atomic<Bool>(false)
    private let abort = AbortFlag()
    private let thread = Mutex<pthread_t?>(nil)
    private let lastErrorText = Mutex<String?>(nil)
    /// The last failure and when (wall seconds), kept after later successes (`vigil status`).
    private let lastFailureNote = Mutex<(text: String, at: Double)?>(nil)
    /// When a batch was last settled with the receiver (wall seconds).
    private let lastSuccess = Mutex<Double?>(nil)
    public let delivered = Tally()
    public let duplicates = Tally()
    public let retriedDocuments = Tally()
    public let failedRequests = Tally()
    public let rejected = Tally()
    public let batches = Tally()
    /// Bytes waiting in the spool at the last look (a sampled gauge).
    public let backlogBytes = Level()
    /// Rotated log files the cursor named that were gone (compressed or deleted while
    /// the daemon was down) before their tail was shipped.
    public let filesLost = Level()

    /// Where batches come from: the spool in `spoolDirectory` unless given (the daemon
    /// passes its event log, LogTail). `spoolDirectory` keeps the dead-letter file either way.
    private let makeSource: @Sendable () throws -> ShippingSource

    public init(spoolDirectory: String, settings: ExporterSettings,
                source: (@Sendable () throws -> ShippingSource)? = nil) {
        self.spoolDirectory = spoolDirectory
        self.settings = settings
        // Untyped throws in the stored closure: the typed form crashed the release
        // compiler (swift-frontend signal 6 in IRGen, Swift 6.3.1).
        makeSource = source ?? { try SpoolReader(directory: spoolDirectory) }
        wake = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        precondition(wake >= 0, "eventfd failed")
    }

    deinit { close(wake) }

    /// The failure of the batch in hand, nil once a batch went through.
    public var lastError: String? { lastErrorText.withLock { $0 } }
    /// The last failure ever seen and when (unix seconds), nil if none.
    public var lastFailure: (text: String, at: Double)? { lastFailureNote.withLock { $0 } }
    /// When a batch was last settled with the receiver (unix seconds), nil if never.
    public var lastSuccessAt: Double? { lastSuccess.withLock { $0 } }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Tells an idle exporter that lines were appended (cheap; may be called per event).
    public func notify() {
        var one: UInt64 = 1
        _ = write(wake, &one, 8)
    }

    private final class Box { let body: () -> Void; init(_ b: @escaping () -> Void) { body = b } }

    public func start() {
        thread.withLock { t in
            guard t == nil else { return }
            var th = pthread_t()
            let box = Unmanaged.passRetained(Box { [self] in
                vigil_set_thread_name("vigil-export")
                _ = run(untilEmpty: false)
            }).toOpaque()
            precondition(pthread_create(&th, nil, { raw in
                Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue().body()
                return nil
            }, box) == 0)
            t = th
        }
    }

    /// Stops: a request in flight is aborted (its batch is re-sent by the next life,
    /// where already-stored documents answer 409), the thread is joined.
    public func stop() {
        stopping.store(true, ordering: .relaxed)
        abort.raise()
        notify()
        if let t = thread.withLock({ t -> pthread_t? in defer { t = nil }; return t }) { pthread_join(t, nil) }
    }

    /// Sleeps up to `millis`, waking early on `notify()` or `stop()`.
    private func pause(_ millis: Int) {
        var fds = [pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
        _ = poll(&fds, 1, Int32(millis))
        var v: UInt64 = 0
        _ = read(wake, &v, 8)
    }

    private func note(_ s: String?) {
        lastErrorText.withLock { $0 = s }
        if let s { lastFailureNote.withLock { $0 = (s, BulkExporter.now()) } }
    }

    /// The loop; `untilEmpty` returns once the spool is drained (`vigil export --until-empty`).
    /// Returns false when stopped or on a spool error.
    @discardableResult
    public func run(untilEmpty: Bool) -> Bool {
        let reader: ShippingSource
        do { reader = try makeSource() } catch { note("\(error)"); return false }
        let client = HTTPClient(options: settings.http, abort: abort)
        var backoff = RetryBackoff(baseMillis: settings.backoffBaseMillis, capMillis: settings.backoffCapMillis)
        var rng = SystemRandomNumberGenerator()
        let endpoint = (settings.url.hasSuffix("/") ? String(settings.url.dropLast()) : settings.url) + "/_bulk"
        while !stopping.load(ordering: .relaxed) {
            backlogBytes.set(reader.backlogBytes())
            filesLost.set(Int64(reader.filesLost))
            guard let batch = reader.next(maxLines: settings.maxBatchDocuments, maxBytes: settings.maxBatchBytes) else {
                if untilEmpty { return true }
                pause(settings.idleMillis)
                continue
            }
            var pending: [BulkProtocol.Document] = []
            for line in batch.lines {
                switch BulkProtocol.document(line) {
                case .success(let d): pending.append(d)
                case .failure(let u): deadLetter(u.line, reason: u.reason)
                }
            }
            var chunk = max(1, pending.count)
            while !pending.isEmpty {
                if stopping.load(ordering: .relaxed) { return false }
                let send = Array(pending.prefix(chunk))
                let failure: String?
                switch client.post(endpoint, body: BulkProtocol.body(send, index: settings.index), contentType: "application/x-ndjson") {
                case .failure(let e):
                    if e.aborted { return false }
                    failure = e.description
                case .success(let reply):
                    switch BulkProtocol.classify(status: reply.status, body: reply.body, count: send.count) {
                    case .retryAll(let why):
                        failure = why
                    case .split:
                        chunk = max(1, send.count / 2)
                        continue
                    case .items(let results):
                        var retry: [BulkProtocol.Document] = []
                        var why: String?
                        for (d, r) in zip(send, results) {
                            switch r {
                            case .delivered(let dup):
                                delivered.increment()
                                if dup { duplicates.increment() }
                            case .retry(let w): retry.append(d); why = w
                            case .rejected(let w): deadLetter(d.source, reason: w, id: d.id)
                            }
                        }
                        pending = retry + pending.dropFirst(send.count)
                        retriedDocuments.increment(by: UInt64(retry.count))
                        failure = retry.isEmpty ? nil : "\(retry.count) of \(send.count) documents to retry (\(why ?? ""))"
                        if retry.isEmpty { chunk = max(chunk, min(settings.maxBatchDocuments, pending.count)) }
                    }
                }
                if let failure {
                    failedRequests.increment()
                    note(failure)
                    pause(backoff.failed(random: Double.random(in: 0..<1, using: &rng)))
                } else {
                    backoff.succeeded()
                }
            }
            do {
                try reader.commit(batch.end)
                batches.increment()
                note(nil)
                lastSuccess.withLock { $0 = BulkExporter.now() }
            } catch {
                note(error.description)
                return false
            }
        }
        return false
    }

    /// Documents the receiver will never take, kept with their reason (never silently lost).
    private func deadLetter(_ line: [UInt8], reason: String, id: String? = nil) {
        rejected.increment()
        var rec = "{\"reason\":" + jsonQuote(reason)
        if let id { rec += ",\"_id\":" + jsonQuote(id) }
        rec += ",\"line\":" + jsonQuote(String(decoding: line, as: UTF8.self)) + "}\n"
        let fd = open(spoolDirectory + "/dead-letter.ndjson", O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { return }
        let bytes = Array(rec.utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    func jsonQuote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where u.value < 0x20:
                let h = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    /// The exporter's families for the metrics endpoint.
    public var collector: some MetricsCollector { ExporterCollector(e: self) }
}

struct ExporterCollector: MetricsCollector {
    let e: BulkExporter
    func collect(into w: inout MetricsScrape) {
        w.family("vigil_export_documents_total", type: .counter, help: "Events settled by the _bulk exporter, by result.")
        w.sample([("result", "delivered")], e.delivered.value)
        w.sample([("result", "duplicate")], e.duplicates.value)
        w.sample([("result", "rejected")], e.rejected.value)
        w.family("vigil_export_retried_documents_total", type: .counter, help: "Documents sent again after a per-item 429/5xx.")
        w.sample([], e.retriedDocuments.value)
        w.family("vigil_export_failed_requests_total", type: .counter, help: "_bulk requests that failed as a whole or in part.")
        w.sample([], e.failedRequests.value)
        w.family("vigil_export_backlog_bytes", type: .gauge, help: "Spooled event bytes not yet acknowledged by the receiver.")
        w.sample([], Double(e.backlogBytes.value))
        w.family("vigil_export_lost_files_total", type: .counter,
                 help: "Rotated event-log files gone (compressed or deleted while the daemon was down) before their tail was shipped.")
        w.sample([], UInt64(max(0, e.filesLost.value)))
        if let at = e.lastSuccessAt {
            w.family("vigil_export_last_success_timestamp_seconds", type: .gauge, help: "When a batch was last settled with the receiver (unix time).")
            w.sample([], at)
        }
    }
}
