import VigilEngine
import VigilEvents
import VigilSystem

/// The steps of an update or rollback: each one is an ECS event, and a failure names
/// the step it happened in.
public enum UpdateStep: String, Sendable, CaseIterable {
    case lock
    case fetchManifest = "fetch-manifest"
    case verifySignature = "verify-signature"
    case parseManifest = "parse-manifest"
    case checkVersion = "check-version"
    case fetchFiles = "fetch-files"
    case testCompile = "test-compile"
    case install
    case swap
    case reload
    case record
    case prune
    case verifyStored = "verify-stored"
}

/// An update or rollback that stopped: the step, why, and the source it was trying.
public struct UpdateFailure: Error, CustomStringConvertible, Sendable {
    public let step: UpdateStep
    public let message: String
    public let source: String?
    public init(_ step: UpdateStep, _ message: String, source: String? = nil) {
        self.step = step
        self.message = message
        self.source = source
    }
    public var description: String { "\(step.rawValue) failed\(source.map { " (\($0))" } ?? ""): \(message)" }
}

/// One ECS line per step (`event.dataset` `vigil.rules`, `event.action`
/// `rules-<operation>-<step>`, `event.outcome`, `rule.version`, `vigil.source`,
/// `event.duration` in nanoseconds).
///
/// Owns: the step event schema. Must not: decide anything.
public struct UpdateEvent: Sendable {
    public let operation: String   // "update" or "rollback"
    public let step: UpdateStep
    public let success: Bool
    public let message: String
    public var version: UInt64?
    public var source: String?
    public var store: String?
    public var durationSeconds: Double?

    public init(operation: String, step: UpdateStep, success: Bool, message: String, version: UInt64? = nil, source: String? = nil,
                store: String? = nil, durationSeconds: Double? = nil) {
        self.operation = operation
        self.step = step
        self.success = success
        self.message = message
        self.version = version
        self.source = source
        self.store = store
        self.durationSeconds = durationSeconds
    }

    public var line: JSONLine {
        var e = ECSEvent(kind: .event, categories: [.configuration], types: [success ? .change : .error],
                         action: "rules-\(operation)-\(step.rawValue)", outcome: success ? .success : .failure, dataset: "vigil.rules")
        e.durationNanos = durationSeconds.map { Int($0 * 1e9) }
        e.logLevel = success ? "info" : "error"
        if let version { e.rule = ECSRule(name: "bundle \(version)", ruleset: "vigil-bundle", version: String(version)) }
        if !success { e.errorMessage = message }
        e.message = "rules \(operation): \(step.rawValue): \(message)"
        e.vigil.add("step", step.rawValue)
        e.vigil.add("source", source)
        e.vigil.add("store", store)
        return e.render()
    }
}
