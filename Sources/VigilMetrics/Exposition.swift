// Owns: the Prometheus text exposition format (version 0.0.4): names, HELP/TYPE lines,
// label escaping, number formatting, histogram series. Must not: read any metric cell
// itself (collectors hand it values) or run on a hot path.

/// The kinds of family the text format knows (Vigil uses no summaries).
public enum MetricType: String, Sendable {
    case counter, gauge, histogram
}

/// Writes one exposition. A family is declared once, then its samples follow; the
/// writer checks names and escapes every label value, so a hostile path or rule name in
/// a label can never break the format (a newline or quote in a label is escaped, as the
/// format requires).
public struct ExpositionWriter: Sendable {
    public private(set) var text = ""
    private var declared: Set<String> = []
    private var current: (name: String, type: MetricType)?
    /// Families whose name starts with `process_` are written as `vigil_process_`
    /// (the node_exporter textfile collector already exports its own `process_*`, and
    /// two sources of one series make it reject the whole file).
    public let prefixProcessFamilies: Bool

    public init(prefixProcessFamilies: Bool = false) {
        self.prefixProcessFamilies = prefixProcessFamilies
        text.reserveCapacity(8192)
    }

    /// `[a-zA-Z_:][a-zA-Z0-9_:]*`
    public static func isValidMetricName(_ s: String) -> Bool {
        guard let f = s.utf8.first, isNameStart(f) || f == UInt8(ascii: ":") else { return false }
        return s.utf8.allSatisfy { isNameStart($0) || isDigit($0) || $0 == UInt8(ascii: ":") }
    }

    /// `[a-zA-Z_][a-zA-Z0-9_]*`, and not reserved (`__` prefix).
    public static func isValidLabelName(_ s: String) -> Bool {
        guard let f = s.utf8.first, isNameStart(f), !s.hasPrefix("__") else { return false }
        return s.utf8.allSatisfy { isNameStart($0) || isDigit($0) }
    }

    private static func isNameStart(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == UInt8(ascii: "_")
    }
    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// Label values: backslash, double quote and line feed are escaped (`\\`, `\"`, `\n`).
    public static func escapeLabelValue(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// HELP text: backslash and line feed are escaped.
    public static func escapeHelp(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// Go's ParseFloat reads these: integers print without a fraction, non-finite values
    /// as `+Inf`, `-Inf`, `NaN`.
    public static func formatValue(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v > 0 ? "+Inf" : "-Inf" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }

    /// Seconds from nanoseconds, exactly when representable (bucket bounds must read back
    /// as the same `le` in every scrape).
    public static func formatSeconds(nanos: UInt64) -> String {
        let whole = nanos / 1_000_000_000, frac = nanos % 1_000_000_000
        if frac == 0 { return String(whole) }
        var f = String(frac)
        f = String(repeating: "0", count: 9 - f.count) + f
        while f.hasSuffix("0") { f.removeLast() }
        return "\(whole).\(f)"
    }

    private func exposedName(_ name: String) -> String {
        prefixProcessFamilies && name.hasPrefix("process_") ? "vigil_" + name : name
    }

    /// Declares a family. Declaring one twice, or a bad name, is a bug in Vigil.
    public mutating func family(_ name: String, type: MetricType, help: String) {
        precondition(ExpositionWriter.isValidMetricName(name), "bad metric name \(name)")
        precondition(type != .counter || name.hasSuffix("_total"), "counter \(name) must end in _total")
        let n = exposedName(name)
        precondition(declared.insert(n).inserted, "metric family \(n) declared twice")
        text += "# HELP \(n) \(ExpositionWriter.escapeHelp(help))\n# TYPE \(n) \(type.rawValue)\n"
        current = (name, type)
    }

    private static func renderLabels(_ labels: [(String, String)], extra: (String, String)? = nil) -> String {
        var all = labels
        if let extra { all.append(extra) }
        guard !all.isEmpty else { return "" }
        return "{" + all.map { k, v in
            precondition(isValidLabelName(k), "bad label name \(k)")
            return "\(k)=\"\(escapeLabelValue(v))\""
        }.joined(separator: ",") + "}"
    }

    /// A counter or gauge sample of the family declared last.
    public mutating func sample(_ labels: [(String, String)] = [], _ value: Double) {
        guard let current, current.type != .histogram else { preconditionFailure("sample outside a counter or gauge family") }
        text += exposedName(current.name) + ExpositionWriter.renderLabels(labels) + " " + ExpositionWriter.formatValue(value) + "\n"
    }

    public mutating func sample(_ labels: [(String, String)] = [], _ value: UInt64) {
        guard let current, current.type != .histogram else { preconditionFailure("sample outside a counter or gauge family") }
        text += exposedName(current.name) + ExpositionWriter.renderLabels(labels) + " " + String(value) + "\n"
    }

    /// The `_bucket`, `_sum` and `_count` series of one histogram child, in seconds.
    public mutating func histogram(_ labels: [(String, String)] = [], _ s: Histogram.Snapshot) {
        guard let current, current.type == .histogram else { preconditionFailure("histogram outside a histogram family") }
        let n = exposedName(current.name)
        for (i, bound) in s.boundsNanos.enumerated() {
            text += n + "_bucket" + ExpositionWriter.renderLabels(labels, extra: ("le", ExpositionWriter.formatSeconds(nanos: bound)))
                + " " + String(s.cumulative[i]) + "\n"
        }
        text += n + "_bucket" + ExpositionWriter.renderLabels(labels, extra: ("le", "+Inf")) + " " + String(s.count) + "\n"
        text += n + "_sum" + ExpositionWriter.renderLabels(labels) + " " + ExpositionWriter.formatSeconds(nanos: s.sumNanos) + "\n"
        text += n + "_count" + ExpositionWriter.renderLabels(labels) + " " + String(s.count) + "\n"
    }
}

/// Anything that contributes families to a scrape: Vigil's own cells, the process
/// reading, a module's sampled counters.
public protocol MetricsCollector: Sendable {
    func collect(into w: inout ExpositionWriter)
}

/// A family read at scrape time from state its owner already keeps (a queue's depth,
/// an existing atomic counter, a timestamp): costs nothing until someone scrapes.
public struct SampledFamily: MetricsCollector {
    public let name: String
    public let type: MetricType
    public let help: String
    public let read: @Sendable () -> [([(String, String)], Double)]

    public init(_ name: String, _ type: MetricType, help: String, read: @escaping @Sendable () -> [([(String, String)], Double)]) {
        precondition(type != .histogram, "sampled families are counters or gauges")
        self.name = name
        self.type = type
        self.help = help
        self.read = read
    }

    /// One unlabelled value.
    public init(_ name: String, _ type: MetricType, help: String, value: @escaping @Sendable () -> Double) {
        self.init(name, type, help: help, read: { [([], value())] })
    }

    public func collect(into w: inout ExpositionWriter) {
        w.family(name, type: type, help: help)
        for (labels, v) in read() { w.sample(labels, v) }
    }
}
