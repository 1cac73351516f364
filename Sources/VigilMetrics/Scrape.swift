import Prometheus

// Owns: the bridge from state read at scrape time (a queue's depth, a component's own
// tallies, the loaded rules, /proc/self) to swift-prometheus's registry: a collector
// names a family and hands values; this file keeps one registry Gauge or Counter per
// series, sets it, and unregisters series a scrape no longer reports (the old rules
// version, a layer that went away), so the registry's exposition is exactly this scrape.
// Must not: format text (swift-prometheus owns names, HELP/TYPE, label escaping and the
// format), or run on a hot path (collectors run only when someone scrapes).

/// The kinds of family a collector reports at scrape time (histograms are recorded
/// live, in VigilMetrics, never sampled).
public enum MetricType: String, Sendable {
    case counter, gauge
}

/// The series sampled into the registry so far, kept between scrapes so a series is
/// created once and only re-set after that.
struct SampledSeries: Sendable {
    enum Cell: Sendable {
        case counter(Counter)
        case gauge(Gauge)
    }
    var cells: [String: Cell] = [:]
}

/// One scrape in progress. A collector declares a family, then its samples follow.
public struct MetricsScrape {
    let registry: PrometheusCollectorRegistry
    var series: SampledSeries
    var touched: Set<String> = []
    private var current: (name: String, type: MetricType, help: String)?
    /// Families whose name starts with `process_` are exposed as `vigil_process_`
    /// (the node_exporter textfile collector already exports its own `process_*`, and
    /// two sources of one series make it reject the whole file).
    public let prefixProcessFamilies: Bool

    init(registry: PrometheusCollectorRegistry, series: SampledSeries, prefixProcessFamilies: Bool) {
        self.registry = registry
        self.series = series
        self.prefixProcessFamilies = prefixProcessFamilies
    }

    /// Declares the family the next samples belong to. A counter not ending in `_total`
    /// is a bug in Vigil (promtool's lint refuses it), caught in every test run.
    public mutating func family(_ name: String, type: MetricType, help: String) {
        precondition(type != .counter || name.hasSuffix("_total"), "counter \(name) must end in _total")
        let exposed = prefixProcessFamilies && name.hasPrefix("process_") ? "vigil_" + name : name
        current = (exposed, type, help)
    }

    /// The key of one series: name and label pairs, NUL-separated (NUL is in no name,
    /// and a label value holding one still gives a distinct key).
    static func key(_ name: String, _ labels: [(String, String)]) -> String {
        var k = name
        for (n, v) in labels { k += "\u{0}" + n + "\u{0}" + String(v.utf8.count) + ":" + v }
        return k
    }

    private mutating func cell(_ labels: [(String, String)]) -> SampledSeries.Cell {
        guard let current else { preconditionFailure("sample outside a family") }
        let k = MetricsScrape.key(current.name, labels)
        touched.insert(k)
        if let c = series.cells[k] { return c }
        let d = MetricNameDescriptor(metricName: current.name, unitName: "", helpText: current.help)
        let c: SampledSeries.Cell = current.type == .counter
            ? .counter(labels.isEmpty ? registry.makeCounter(descriptor: d) : registry.makeCounter(descriptor: d, labels: labels))
            : .gauge(labels.isEmpty ? registry.makeGauge(descriptor: d) : registry.makeGauge(descriptor: d, labels: labels))
        series.cells[k] = c
        return c
    }

    /// A sample of the family declared last. Counters are set to the value their
    /// owner counted (reset, then increased by it: scrapes are serialized, so no
    /// exposition sees the step between).
    public mutating func sample(_ labels: [(String, String)] = [], _ value: Double) {
        switch cell(labels) {
        case .gauge(let g): g.set(to: value)
        case .counter(let c):
            c.reset()
            if value.isFinite && value > 0 {
                if value == value.rounded(), value < 9e18 { c.increment(by: Int64(value)) } else { c.increment(by: value) }
            }
        }
    }

    public mutating func sample(_ labels: [(String, String)] = [], _ value: UInt64) {
        switch cell(labels) {
        case .gauge(let g): g.set(to: Double(value))
        case .counter(let c):
            c.reset()
            c.increment(by: Int64(truncatingIfNeeded: min(value, UInt64(Int64.max))))
        }
    }

    /// Ends the scrape: series no collector reported this time leave the registry.
    mutating func finish() -> SampledSeries {
        for (k, c) in series.cells where !touched.contains(k) {
            switch c {
            case .counter(let x): registry.unregisterCounter(x)
            case .gauge(let x): registry.unregisterGauge(x)
            }
            series.cells[k] = nil
        }
        return series
    }
}

/// Anything that reports families at scrape time: the daemon's state, the process
/// reading, a module's own tallies.
public protocol MetricsCollector: Sendable {
    func collect(into w: inout MetricsScrape)
}

/// A family read at scrape time from state its owner already keeps (a queue's depth,
/// an existing atomic counter, a timestamp): costs nothing until someone scrapes.
public struct SampledFamily: MetricsCollector {
    public let name: String
    public let type: MetricType
    public let help: String
    public let read: @Sendable () -> [([(String, String)], Double)]

    public init(_ name: String, _ type: MetricType, help: String, read: @escaping @Sendable () -> [([(String, String)], Double)]) {
        self.name = name
        self.type = type
        self.help = help
        self.read = read
    }

    /// One unlabelled value.
    public init(_ name: String, _ type: MetricType, help: String, value: @escaping @Sendable () -> Double) {
        self.init(name, type, help: help, read: { [([], value())] })
    }

    public func collect(into w: inout MetricsScrape) {
        w.family(name, type: type, help: help)
        for (labels, v) in read() { w.sample(labels, v) }
    }
}
