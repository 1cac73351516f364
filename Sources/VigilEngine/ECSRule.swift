import VigilEvents

// Owns: how a finding is told in ECS (`rule`). Must not: write lines.

extension ECS {
    /// `rule`: what matched and where it is defined.
    package static func rule(_ f: Finding) -> JSONLine {
        var rule = JSONLine()
        rule.add("name", f.name)
        rule.add("ruleset", f.source == .rule ? "yara" : f.source == .hash ? "hash-list" : f.source == .archive ? "archive" : "file-type")
        rule.add("reference", f.origin.isEmpty ? nil : f.origin)
        rule.add("description", f.detail)
        return rule
    }

}
