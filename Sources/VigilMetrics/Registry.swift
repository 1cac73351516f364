import Prometheus
import Synchronization

// Owns: one swift-prometheus registry per daemon (the permission path's counters and
// histograms live in it from start-up) and the collectors a scrape runs before the
// registry writes its exposition.
// Must not: be touched on a hot path (registration at start-up, the rest at scrape).

public final class MetricsRegistry: Sendable {
    /// The library's registry: it owns every series and writes the text format.
    public let prometheus: PrometheusCollectorRegistry
    private let collectors = Mutex<[any MetricsCollector]>([])
    /// Held for a whole scrape: collectors set sampled series and the registry emits
    /// them as one consistent exposition (the endpoint and the textfile writer may
    /// scrape at the same moment).
    private let sampled = Mutex(SampledSeries())

    public init(prometheus: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.prometheus = prometheus
    }

    public func register(_ c: any MetricsCollector) {
        collectors.withLock { $0.append(c) }
    }

    /// The whole exposition, for the HTTP endpoint or the textfile collector.
    public func render(prefixProcessFamilies: Bool = false) -> String {
        let list = collectors.withLock { $0 }
        return sampled.withLock { series in
            var s = MetricsScrape(registry: prometheus, series: series, prefixProcessFamilies: prefixProcessFamilies)
            for c in list { c.collect(into: &s) }
            series = s.finish()
            return prometheus.emitToString()
        }
    }
}
