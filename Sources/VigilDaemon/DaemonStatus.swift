import Glibc
import Synchronization
import VigilConfig
import VigilEngine
import VigilEvents
import VigilOnAccess
import VigilProtection
import VigilShipping
import VigilSystem

/// What the daemon knows about its own run: when it started, when its rules were
/// loaded, whether the start-up self-test passed.
public final class DaemonState: Sendable {
    public let startedWall: Double
    public let startedMonotonic: UInt64
    public let selfTestOK: Bool
    private let rulesLoaded = Mutex<Double>(0)

    public init(selfTestOK: Bool) {
        startedWall = wallClockSeconds()
        startedMonotonic = monotonicNanos()
        self.selfTestOK = selfTestOK
        rulesLoaded.withLock { $0 = startedWall }
    }

    public func rulesReloaded() { rulesLoaded.withLock { $0 = wallClockSeconds() } }
    public var rulesLoadedAt: Double { rulesLoaded.withLock { $0 } }
}

/// `vigil status --json`: one object whose keys are only ever added, never renamed or
/// removed (`schema` says which set a reader can rely on). `vigil status` renders the
/// same object for people.
///
/// Owns: the status schema. Must not: change anything it reports on.
public enum DaemonStatus {
    public static let schema = 1

    public static func json(service: OnAccessService, protection: SelfProtection?, state: DaemonState, log: EventLog?,
                            shipping: BulkExporter? = nil) -> JSONLine {
        let config = service.config
        let now = wallClockSeconds()
        var o = JSONLine()
        o.add("ok", true)
        o.add("schema", schema)
        o.add("version", VigilVersion.current)
        o.add("pid", Int(getpid()))
        o.add("started_at", isoTimestamp(seconds: state.startedWall))
        o.add("uptime_seconds", Int((monotonicNanos() - state.startedMonotonic) / 1_000_000_000))
        o.add("mode", config.mode.rawValue)
        o.add("guarded", service.markedPaths)
        o.add("mark_kind", service.markKind)
        let (sigs, gen) = service.currentSignatures
        o.add("rules", sigs.ruleCount)
        o.add("hash_entries", sigs.hashes.entryCount)
        o.add("rules_generation", gen)
        o.add("rules_paths", sigs.ruleSets.isEmpty && sigs.hashes.entryCount == 0 ? [] : config.signaturePaths)
        o.add("rules_loaded_at", isoTimestamp(seconds: state.rulesLoadedAt))
        o.add("rules_age_seconds", Int(max(0, now - state.rulesLoadedAt)))
        // The set's own version and age (RulesVersion.swift): age since publication for a
        // signed bundle, since the newest file changed for local rules.
        o.add("rules_version", sigs.version.label)
        o.add("rules_bundle_version", sigs.version.bundleVersion.map { Int($0) })
        o.add("rules_source", sigs.version.source)
        o.add("rules_created_at", sigs.version.createdAt.map { isoTimestamp(seconds: $0) })
        o.add("rules_created_age_seconds", sigs.version.createdAt.map { Int(max(0, now - $0)) })
        o.add("rules_installed_at", sigs.version.installedAt.map { isoTimestamp(seconds: $0) })
        o.add("rules_max_age_days", config.maxRulesAgeDays)
        o.add("rules_skipped", sigs.skippedLines)
        o.add("rules_skipped_signatures", sigs.skippedSignatureCount)
        o.add("allowlist_entries", sigs.allowlist.entryCount)
        o.add("self_test", state.selfTestOK ? "passed" : "failed")
        o.add("stats", object: service.stats.json())
        let sandbox = service.scanSandbox
        var sb = JSONLine()
        sb.add("on", !sandbox.workers.isEmpty || (config.sandbox && !sandbox.text.hasPrefix("off")))
        sb.add("state", sandbox.text)
        // [scanning] sandbox as configured: off (false), pool (true), full ("full").
        sb.add("mode", config.sandboxMode.rawValue)
        sb.add("workers", sandbox.workers.map { Int($0) })
        o.add("scan_sandbox", object: sb)
        // One object per [[workload]], the host default last (none without workloads).
        var workloads = service.stats.workloads.json()
        for (i, w) in config.workloads.rules.enumerated() where i < workloads.count {
            workloads[i].add("mode", w.mode.rawValue)
            workloads[i].add("exec_only", w.execOnly)
            workloads[i].add("cgroup", w.cgroup)
        }
        if let host = workloads.indices.last, !config.workloads.isEmpty { workloads[host].add("mode", config.mode.rawValue) }
        if !workloads.isEmpty {
            o.add("workloads", objects: workloads)
            o.add("workload_identity", object: service.stats.workloads.identityJSON())
        }
        var queue = JSONLine()
        queue.add("depth", service.queueDepth)
        queue.add("capacity", service.queueCapacity)
        o.add("queue", object: queue)
        var latency = JSONLine()
        latency.add("count", service.stats.latency.count)
        latency.add("p50", service.stats.latency.quantile(0.50))
        latency.add("p99", service.stats.latency.quantile(0.99))
        o.add("scan_latency_us", object: latency)
        o.add("cache_hit_ratio", service.stats.cacheHitRatio)
        var logObj = JSONLine()
        logObj.add("file", config.logFile)
        logObj.add("dropped", log?.droppedCount)
        o.add("log", object: logObj)
        if let shipping { o.add("shipping", object: shippingJSON(shipping)) }
        var protectionState = "off"
        if let protection {
            let p = protection.statusJSON()
            o.add("protection", object: p)
            if protection.isEnabled {
                let r = protection.report
                protectionState = !r.alarms.isEmpty ? "compromised" : r.warnings.isEmpty ? "full" : "partial"
            }
            // Red: the self-audit saw the daemon blinded, traced or running foreign code.
            if protection.isCompromised { protectionState = "compromised" }
        }
        o.add("protection_state", protectionState)
        o.add("warnings", warnings(service: service, protection: protection, state: state, log: log) + shippingWarnings(shipping))
        return o
    }

    /// The `[shipping]` exporter: where to, how far behind, and how it last went.
    static func shippingJSON(_ e: BulkExporter) -> JSONLine {
        var o = JSONLine()
        o.add("url", e.settings.url)
        o.add("index", e.settings.index)
        o.add("state", e.lastError == nil ? "ok" : "retrying")
        o.add("backlog_bytes", Int(e.backlogBytes.value))
        o.add("delivered", Int(e.delivered.value))
        o.add("duplicates", Int(e.duplicates.value))
        o.add("dead_lettered", Int(e.rejected.value))
        o.add("failed_requests", Int(e.failedRequests.value))
        o.add("files_lost", Int(e.filesLost.value))
        o.add("last_success_at", e.lastSuccessAt.map { isoTimestamp(seconds: $0) })
        if let f = e.lastFailure {
            o.add("last_error", f.text)
            o.add("last_error_at", isoTimestamp(seconds: f.at))
        }
        return o
    }

    static func shippingWarnings(_ e: BulkExporter?) -> [String] {
        guard let e else { return [] }
        var w: [String] = []
        if let now = e.lastError { w.append("the event exporter is retrying: \(now)") }
        if e.filesLost.value > 0 {
            w.append("\(e.filesLost.value) rotated log files were gone before the exporter shipped their tail (vigil export them by hand)")
        }
        return w
    }

    static func warnings(service: OnAccessService, protection: SelfProtection?, state: DaemonState, log: EventLog?) -> [String] {
        var w: [String] = []
        let stats = service.stats
        if service.scanSandbox.text.hasPrefix("off") { w.append("scan sandbox off: file parsers run in the daemon with its privileges ([scanning] sandbox = true moves them to workers)") }
        if service.config.sandbox && !service.scanSandbox.dedicatedUser {
            w.append("scan workers run as nobody (65534): the vigil-scan user does not exist (the package creates it)")
        }
        if service.config.mode == .audit { w.append("audit mode: findings are logged, nothing is denied (daemon.mode = \"enforce\" denies)") }
        if service.config.prefilter, let why = service.currentSignatures.0.prefilterRefusal {
            w.append("the literal prefilter is off (\(why)); libyara scans every file")
        }
        if !state.selfTestOK { w.append("self-test failed: the loaded signatures do not flag EICAR; scanning may block nothing") }
        if stats.overflows.load(ordering: .relaxed) > 0 { w.append("the kernel's event queue overflowed; some events were not seen") }
        if stats.queueFull.load(ordering: .relaxed) > 0 { w.append("the scan queue was full \(stats.queueFull.load(ordering: .relaxed)) times (limits.queue_size)") }
        if stats.timeouts.load(ordering: .relaxed) > 0 { w.append("\(stats.timeouts.load(ordering: .relaxed)) scans missed their deadline (limits.deadline_ms)") }
        if stats.reloadFailures.load(ordering: .relaxed) > 0 { w.append("a reload failed; the previous rules are in use") }
        let sigs = service.currentSignatures.0
        if let warning = rulesAgeWarning(sigs.version, maxDays: service.config.maxRulesAgeDays, now: wallClockSeconds()) { w.append(warning) }
        if !sigs.skipped.isEmpty {
            w.append("\(sigs.skipped.count) signature files or types were skipped (\(sigs.skippedSignatureCount) signatures): see rules_skipped or `vigil rules check`")
        }
        if let dropped = log?.droppedCount, dropped > 0 { w.append("\(dropped) log lines dropped (the log writer fell behind)") }
        if let protection, let audit = protection.audit {
            w += audit.alarms.map { "ALARM: \($0.action) since \($0.since): \($0.detail)" + ($0.cleared ? " (repaired; restart to clear)" : "") }
        }
        if let protection, protection.isEnabled { w += protection.report.warnings.map { "self-protection: " + $0 } }
        else { w.append("self-protection is off ([protection] enabled = false)") }
        return w
    }
}
