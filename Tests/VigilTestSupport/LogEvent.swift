import Foundation

/// One line of Vigil's event log (ECS JSON), with the fields tests ask about typed and
/// everything else by key.
package struct LogEvent: CustomStringConvertible {
    /// The whole object (JSON values: immutable once parsed).
    package let fields: [String: Any]

    package init?(line: some StringProtocol) {
        guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
        fields = o
    }

    package subscript(key: String) -> Any? { fields[key] }

    private var event: [String: Any] { fields["event"] as? [String: Any] ?? [:] }
    /// event.action: "deny", "audit", "timeout", "tamper-restored", ...
    package var action: String? { event["action"] as? String }
    /// event.kind: "alert" or "event".
    package var kind: String? { event["kind"] as? String }
    package var outcome: String? { event["outcome"] as? String }
    package var dataset: String? { event["dataset"] as? String }
    /// file.path
    package var path: String? { (fields["file"] as? [String: Any])?["path"] as? String }
    package var message: String? { fields["message"] as? String }
    /// The `vigil` object of the line.
    package var vigil: [String: Any] { fields["vigil"] as? [String: Any] ?? [:] }

    package var description: String { "\(fields)" }

    /// The line as JSON again (keys sorted), for a test's record.
    package var json: String {
        (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) } ?? description
    }

    /// Every parseable line of the log at `path`.
    package static func all(in path: String) -> [LogEvent] {
        let lines = (try? String(contentsOfFile: path, encoding: .utf8))?.split(separator: "\n") ?? []
        return lines.compactMap { LogEvent(line: $0) }
    }
}
