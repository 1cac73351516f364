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
    public mutating func add(_ key: String, object: JSONLine) {
        guard !object.parts.isEmpty else { return }
        parts.append(JSONLine.quote(key) + ":" + object.text)
    }
    public mutating func add(_ key: String, objects: [JSONLine]) {
        parts.append(JSONLine.quote(key) + ":[" + objects.map(\.text).joined(separator: ",") + "]")
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
