import VigilEngine
import VigilEvents
import VigilSystem

// Owns: how `vigil scan` tells an allowlisted file. Must not: decide what is allowed.

/// How `vigil scan` says a file was allowed by the allowlist: never silent, because an
/// allowlist entry is a decision someone made and may need to take back.
extension ScanOutput {
    /// `PATH: OK (allowlisted: REASON; would match NAME[, NAME])`, or nothing.
    public static func allowlistLines(_ report: FileReport) -> [String] {
        guard let hit = report.allowlisted else { return [] }
        return ["\(report.path): OK (allowlisted: \(hit.entry) [\(hit.origin)]; would match \(hit.suppressed.map(\.name).joined(separator: ", ")))"]
    }

    /// One ECS event (`event.action` `allowlisted`, `rule` of the first set-aside finding).
    public static func allowlistObjects(_ report: FileReport) -> [String] {
        guard let hit = report.allowlisted else { return [] }
        var e = ECSEvent(kind: .event, categories: [.file], types: [.allowed], action: "allowlisted", outcome: .success, dataset: "vigil.scan")
        e.file = ECSFile(path: report.path, size: report.size, sha256: report.sha256?.description, mimeType: report.mimeType)
        if let first = hit.suppressed.first { e.rule = ECSRule(first) }
        e.message = "allowed by the allowlist (\(hit.entry), \(hit.origin))"
        e.vigil.add("allowlist_entry", hit.entry)
        e.vigil.add("allowlist_origin", hit.origin)
        e.vigil.add("suppressed_rules", hit.suppressed.map(\.name))
        return [e.render().text]
    }
}
