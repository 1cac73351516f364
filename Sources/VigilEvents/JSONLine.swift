// Owns: JSON encoding of one line. Must not: know what a line means.

/// Builds one JSON object on one line, fields in the order they are added.
/// Hand-written because the scan and event paths emit thousands of lines a second
/// and need nested ECS objects with stable key order for humans reading logs.
public struct JSONLine: Sendable {
    private var parts: [String] = []

    public init() {}

    public mutating func add(_ key: String, _ value: String?) {
        guard let value else { return }
        parts.append(JSONLine.quote(key) + ":" + JSONLine.quote(value))
    }
    public mutating func add(_ key: String, _ value: Int?) {
        guard let value else { return }
        parts.append(JSONLine.quote(key) + ":" + String(value))
    }
    public mutating func add(_ key: String, _ value: Double?) {
        guard let value, value.isFinite else { return }
        parts.append(JSONLine.quote(key) + ":" + String(value))
    }
    public mutating func add(_ key: String, _ value: Bool?) {
        guard let value else { return }
        parts.append(JSONLine.quote(key) + ":" + (value ? "true" : "false"))
    }
    public mutating func add(_ key: String, _ values: [String]) {
        parts.append(JSONLine.quote(key) + ":[" + values.map(JSONLine.quote).joined(separator: ",") + "]")
    }
    public mutating func add(_ key: String, _ values: [Int]) {
        parts.append(JSONLine.quote(key) + ":[" + values.map(String.init).joined(separator: ",") + "]")
    }
    public mutating func add(_ key: String, object: JSONLine) {
        guard !object.parts.isEmpty else { return }
        parts.append(JSONLine.quote(key) + ":" + object.text)
    }
    public mutating func add(_ key: String, objects: [JSONLine]) {
        parts.append(JSONLine.quote(key) + ":[" + objects.map(\.text).joined(separator: ",") + "]")
    }

    /// Appends every field of `other`, in its order (an ECS event merges its own custom
    /// fields with a caller's under one `vigil` object).
    public mutating func append(contentsOf other: JSONLine) { parts += other.parts }

    public var isEmpty: Bool { parts.isEmpty }

    /// Adds `extra`'s fields to the object field `key` (an ECS line's `vigil`), or adds
    /// the object when there is none: custom keys stay under one prefix.
    public mutating func merge(intoObject key: String, _ extra: JSONLine) {
        guard !extra.isEmpty else { return }
        let prefix = JSONLine.quote(key) + ":{"
        guard let i = parts.firstIndex(where: { $0.hasPrefix(prefix) && $0.hasSuffix("}") }) else { return add(key, object: extra) }
        var part = parts[i]
        part.removeLast()
        parts[i] = part + (part.hasSuffix("{") ? "" : ",") + extra.parts.joined(separator: ",") + "}"
    }

    /// The same line with another `event.id` (a repeat summary is its own event: the
    /// exporter uses the id as the document id, so two lines must never share one).
    public func withEventID(_ id: String) -> JSONLine {
        let prefix = JSONLine.quote("event") + ":{" + JSONLine.quote("id") + ":"
        var copy = self
        guard let i = parts.firstIndex(where: { $0.hasPrefix(prefix) }) else { return copy }
        let rest = parts[i].dropFirst(prefix.count)
        guard rest.first == "\"", let close = rest.dropFirst().firstIndex(of: "\"") else { return copy }
        copy.parts[i] = prefix + JSONLine.quote(id) + String(rest[rest.index(after: close)...])
        return copy
    }

    public var text: String { "{" + parts.joined(separator: ",") + "}" }

    public static func quote(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20 || u.value == 0x7F:
                let h = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}
