// Owns: the order of verdicts and how they combine. Must not: decide an answer.

/// What a check says about a file. Ordered by strength: a file's verdict is the
/// strongest answer any check gave, so the order in which checks run never matters.
public enum Verdict: Int, Comparable, Sendable, CaseIterable, CustomStringConvertible {
    case allow = 0
    case audit = 1
    case quarantine = 2
    case deny = 3

    public static func < (a: Verdict, b: Verdict) -> Bool { a.rawValue < b.rawValue }

    public init?(name: String) {
        switch name.lowercased() {
        case "allow": self = .allow
        case "audit": self = .audit
        case "quarantine": self = .quarantine
        case "deny", "block": self = .deny
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .allow: "allow"
        case .audit: "audit"
        case .quarantine: "quarantine"
        case .deny: "deny"
        }
    }

    /// The composition law: the strongest of all answers (allow when there are none).
    public static func combine(_ verdicts: some Sequence<Verdict>) -> Verdict {
        verdicts.reduce(.allow, max)
    }
}

/// One thing a check found, with enough to trace it back to the rule or list line.
public struct Finding: Sendable, Equatable {
    public enum Source: String, Sendable {
        case rule          // a YARA rule matched
        case hash          // a hash-list entry matched
        case fileType = "filetype" // a file-type policy
        case archive       // an archive limit or policy (issue 13)
    }

    public let source: Source
    /// Rule identifier or hash-list entry name, e.g. `Vigil_EICAR_Test_File`.
    public let name: String
    /// Where it was defined: rule namespace, or `list-file:line`.
    public let origin: String
    public let verdict: Verdict
    public let detail: String?
    /// The archive member it was found in (`dir/inner.gz!payload`), nil for the file
    /// itself. The outer file is what the verdict acts on (issue 13).
    public var member: String?
    /// The version of the signature set that made it (RulesVersion.label): `rule.version`.
    public let version: String?

    public init(source: Source, name: String, origin: String, verdict: Verdict, detail: String? = nil, member: String? = nil,
                version: String? = nil) {
        self.source = source
        self.name = name
        self.origin = origin
        self.verdict = verdict
        self.detail = detail
        self.member = member
        self.version = version
    }
}
