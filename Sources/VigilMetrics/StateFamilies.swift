import Synchronization

// Owns: the slowly changing state a scrape reports: the loaded rules (version, count,
// when loaded, how old the newest signature file is) and self-protection (tier, layers,
// maintenance). Updated on reload and on protection changes, never per event, so a
// Mutex is right here.
// Must not: read files or the clock itself (the daemon passes what it knows).

public final class RulesState: MetricsCollector {
    public struct Value: Sendable, Equatable {
        /// Identifies the rule set (a digest of the compiled sources, or an update's version).
        public var version: String
        public var rules: Int
        public var loadedAt: Double
        /// Modification time of the newest signature file: the age of detection content.
        public var newestFileAt: Double
        public init(version: String, rules: Int, loadedAt: Double, newestFileAt: Double) {
            self.version = version; self.rules = rules; self.loadedAt = loadedAt; self.newestFileAt = newestFileAt
        }
    }
    private let state = Mutex<Value?>(nil)
    public let reloads = Counter()
    public let reloadFailures = Counter()

    public init() {}
    public func set(_ v: Value) { state.withLock { $0 = v } }

    public func collect(into w: inout ExpositionWriter) {
        let v = state.withLock { $0 }
        w.family("vigil_rules_reloads_total", type: .counter, help: "Rule reloads, by result.")
        w.sample([("result", "success")], reloads.value)
        w.sample([("result", "failure")], reloadFailures.value)
        guard let v else { return }
        w.family("vigil_rules_info", type: .gauge, help: "The loaded rule set; the value is always 1.")
        w.sample([("version", v.version)], 1.0)
        w.family("vigil_rules", type: .gauge, help: "Rules and hash-list entries loaded.")
        w.sample([], Double(v.rules))
        w.family("vigil_rules_loaded_timestamp_seconds", type: .gauge, help: "When the loaded rules were compiled (unix time).")
        w.sample([], v.loadedAt)
        w.family("vigil_rules_newest_file_timestamp_seconds", type: .gauge,
                 help: "Modification time of the newest signature file (unix time); time() minus this is the age of the rules.")
        w.sample([], v.newestFileAt)
    }
}

public final class ProtectionState: MetricsCollector {
    public struct Value: Sendable, Equatable {
        /// "A" (BPF LSM refuses in the kernel) or "B" (prevention plus loud detection).
        public var tier: String
        /// Each layer and whether it is in force (immutable flags, permission marks, ...).
        public var layers: [(String, Bool)]
        public var maintenance: Bool
        public init(tier: String, layers: [(String, Bool)], maintenance: Bool) {
            self.tier = tier; self.layers = layers; self.maintenance = maintenance
        }
        public static func == (a: Value, b: Value) -> Bool {
            a.tier == b.tier && a.maintenance == b.maintenance && a.layers.map(\.0) == b.layers.map(\.0) && a.layers.map(\.1) == b.layers.map(\.1)
        }
    }
    private let state = Mutex<Value?>(nil)
    public let tamperEvents = Counter()

    public init() {}
    public func set(_ v: Value) { state.withLock { $0 = v } }

    public func collect(into w: inout ExpositionWriter) {
        w.family("vigil_tamper_events_total", type: .counter, help: "Tampering with the protected set that was blocked or repaired.")
        w.sample([], tamperEvents.value)
        guard let v = state.withLock({ $0 }) else { return }
        w.family("vigil_protection_info", type: .gauge, help: "Self-protection tier in force; the value is always 1.")
        w.sample([("tier", v.tier)], 1.0)
        w.family("vigil_protection_layer_active", type: .gauge, help: "1 when a self-protection layer is in force, 0 when it is missing.")
        for (layer, on) in v.layers { w.sample([("layer", layer)], on ? 1.0 : 0.0) }
        w.family("vigil_maintenance_active", type: .gauge, help: "1 while a maintenance window has lifted self-protection.")
        w.sample([], v.maintenance ? 1.0 : 0.0)
    }
}
