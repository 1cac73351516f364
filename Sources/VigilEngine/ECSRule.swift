import VigilEvents

// Owns: how a finding is told in ECS (`rule`). Must not: write lines.

extension ECSRule {
    /// What matched, where it is defined, and which kind of rule set held it.
    /// `version`: the rules' version when the finding does not carry its own.
    public init(_ f: Finding, version: String? = nil) {
        self.init(name: f.name, ruleset: f.source == .rule ? "yara" : f.source == .hash ? "hash-list" : f.source == .archive ? "archive" : "file-type",
                  reference: f.origin.isEmpty ? nil : f.origin, description: f.detail, version: version ?? f.version)
    }
}
