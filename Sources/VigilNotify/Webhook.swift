import Glibc
import Synchronization
import VigilHTTP
import VigilMetrics

// Owns: POSTing each detection's ECS JSON to a webhook URL from its own thread, with a
// bounded queue in front, a few attempts with backoff per event, and counters.
// Must not: block a producer, or retry forever (a webhook is a notification; the
// complete record is the event log and the exporter).

public final class Webhook: Sendable {
    public let url: String
    public let queue: JobQueue<String>
    private let options: HTTPClientOptions
    private let attempts: Int
    private let backoffMillis: Int
    private let abort = AbortFlag()
    private let thread = Mutex<NotifierThread?>(nil)
    private let log: @Sendable (_ level: String, _ message: String) -> Void
    public let delivered = Tally()
    public let failed = Tally()

    public init(url: String, options: HTTPClientOptions = HTTPClientOptions(), queueCapacity: Int = 256, attempts: Int = 3,
                backoffMillis: Int = 1000, log: @escaping @Sendable (_ level: String, _ message: String) -> Void) {
        self.url = url
        self.options = options
        queue = JobQueue(capacity: queueCapacity)
        self.attempts = max(1, attempts)
        self.backoffMillis = backoffMillis
        self.log = log
    }

    @discardableResult
    public func submit(_ json: String) -> Bool { queue.offer(json) }

    public func start() {
        thread.withLock { t in
            guard t == nil else { return }
            t = NotifierThread(name: "vigil-webhook") { [self] in
                let client = HTTPClient(options: options, abort: abort)
                while let json = queue.take() { send(json, client) }
            }
        }
    }

    /// Stops after what is queued (a request in flight is bounded by the client's timeout).
    public func stop() {
        queue.close()
        thread.withLock { $0 }?.join()
    }

    private func send(_ json: String, _ client: HTTPClient) {
        var why = ""
        for attempt in 1...attempts {
            var permanent = false
            switch client.post(url, body: Array(json.utf8), contentType: "application/json") {
            case .success(let r) where (200..<300).contains(r.status):
                delivered.increment()
                return
            case .success(let r):
                why = "HTTP \(r.status)"
                // A 4xx other than 408/429 will not change by asking again.
                permanent = (400..<500).contains(r.status) && r.status != 408 && r.status != 429
            case .failure(let e):
                why = e.description
            }
            if permanent || attempt == attempts { break }
            usleep(useconds_t(backoffMillis * attempt * 1000))
        }
        failed.increment()
        log("warning", "webhook \(url): detection not delivered: \(why)")
    }

    public var collector: some MetricsCollector { WebhookCollector(w: self) }
}

struct WebhookCollector: MetricsCollector {
    let w: Webhook
    func collect(into x: inout MetricsScrape) {
        x.family("vigil_webhook_events_total", type: .counter, help: "Detections posted to the webhook, by result.")
        x.sample([("result", "delivered")], w.delivered.value)
        x.sample([("result", "failed")], w.failed.value)
        x.sample([("result", "dropped")], UInt64(w.queue.dropped.load(ordering: .relaxed)))
    }
}
