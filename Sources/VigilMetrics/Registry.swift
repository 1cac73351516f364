import Synchronization

// Owns: the list of collectors a scrape walks, and rendering one exposition.
// Must not: be touched on a hot path (registration happens at start-up, reads at scrape).

public final class MetricsRegistry: Sendable {
    private let collectors = Mutex<[any MetricsCollector]>([])

    public init() {}

    public func register(_ c: any MetricsCollector) {
        collectors.withLock { $0.append(c) }
    }

    /// The whole exposition, for the HTTP endpoint or the textfile collector.
    public func render(prefixProcessFamilies: Bool = false) -> String {
        let list = collectors.withLock { $0 }
        var w = ExpositionWriter(prefixProcessFamilies: prefixProcessFamilies)
        for c in list { c.collect(into: &w) }
        return w.text
    }
}
