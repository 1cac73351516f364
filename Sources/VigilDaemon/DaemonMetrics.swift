import Glibc
import VigilConfig
import VigilEvents
import VigilMetrics
import VigilOnAccess
import VigilProtection
import VigilSystem

// Owns: the daemon's Prometheus exposition: which collectors a scrape walks (the
// permission path's own cells, the daemon's state read at scrape time, the process),
// the endpoint and the textfile writer as services.
// Must not: record anything on the permission path (the path records into its own
// series; everything here is read when someone scrapes), or stop the daemon
// from guarding: an endpoint that cannot bind is a warning, never a failed start.

/// One scrape's worth of families for a running daemon.
public final class DaemonMetrics: Sendable {
    public let registry: MetricsRegistry

    public init(service: OnAccessService, protection: SelfProtection?, state: DaemonState, log: EventLog?) {
        // The permission path's series are already in this swift-prometheus registry.
        registry = MetricsRegistry(prometheus: service.stats.metrics.registry)
        registry.register(service.stats.workloads)
        registry.register(DaemonStateCollector(service: service, protection: protection, state: state, log: log))
        registry.register(ProcessCollector())
    }

    public func render() -> String { registry.render() }
}

/// What `vigil status` reports, as families: read at scrape time from the counters and
/// state the daemon already keeps.
struct DaemonStateCollector: MetricsCollector {
    let service: OnAccessService
    let protection: SelfProtection?
    let state: DaemonState
    let log: EventLog?

    func collect(into w: inout MetricsScrape) {
        let config = service.config, stats = service.stats
        w.family("vigil_info", type: .gauge, help: "The running daemon; the value is always 1. scan_sandbox: [scanning] sandbox (off, pool = true, full).")
        w.sample([("version", VigilVersion.current), ("mode", config.mode.rawValue), ("mark_kind", service.markKind),
                  ("scan_sandbox", config.sandboxMode.rawValue)], 1.0)
        w.family("vigil_start_time_seconds", type: .gauge, help: "When the daemon started (unix time).")
        w.sample([], state.startedWall)
        w.family("vigil_self_test_passed", type: .gauge, help: "1 when the loaded rules flagged EICAR at start-up.")
        w.sample([], state.selfTestOK ? 1.0 : 0.0)

        w.family("vigil_scan_queue_depth", type: .gauge, help: "Permission events waiting for a scan worker.")
        w.sample([], Double(service.queueDepth))
        w.family("vigil_scan_queue_capacity", type: .gauge, help: "limits.queue_size: events that may wait before on_queue_full answers.")
        w.sample([], Double(service.queueCapacity))
        w.family("vigil_events_read_total", type: .counter, help: "fanotify events read, of every kind.")
        w.sample([], UInt64(max(0, stats.events.load(ordering: .relaxed))))
        w.family("vigil_answered_at_once_total", type: .counter,
                 help: "Permission events answered on the event thread without a scan (own pid, unguarded, excluded, known bad).")
        w.sample([], UInt64(max(0, stats.answeredAtOnce.load(ordering: .relaxed))))
        w.family("vigil_cache_kernel_marks_total", type: .counter,
                 help: "Clean verdicts placed as kernel ignore marks (their later opens never reach user space).")
        w.sample([], UInt64(max(0, stats.cacheMarks.load(ordering: .relaxed))))
        w.family("vigil_background_scans_total", type: .counter, help: "Scans finished in the background after the opener was answered.")
        w.sample([], UInt64(max(0, stats.backgroundScans.load(ordering: .relaxed))))
        w.family("vigil_late_detections_total", type: .counter, help: "Findings made by a background scan after the opener had been answered.")
        w.sample([], UInt64(max(0, stats.lateDetections.load(ordering: .relaxed))))
        w.family("vigil_scan_worker_crashes_total", type: .counter,
                 help: "Sandboxed scan workers that died while scanning ([scanning] sandbox); each file got limits.on_error.")
        w.sample([], UInt64(max(0, stats.workerCrashes.load(ordering: .relaxed))))
        w.family("vigil_scan_worker_kills_total", type: .counter, help: "Sandboxed scan workers killed past a scan's deadline.")
        w.sample([], UInt64(max(0, stats.workerKills.load(ordering: .relaxed))))
        w.family("vigil_scan_errors_total", type: .counter, help: "Scans that failed or were judged without a rule that failed.")
        w.sample([], UInt64(max(0, stats.errors.load(ordering: .relaxed))))
        w.family("vigil_log_dropped_lines_total", type: .counter, help: "Event lines dropped because the log writer fell behind.")
        w.sample([], UInt64(max(0, log?.droppedCount ?? 0)))

        let (sigs, generation) = service.currentSignatures
        w.family("vigil_rules", type: .gauge, help: "Loaded detection content, by kind (YARA rules, hash-list entries).")
        w.sample([("kind", "yara")], Double(sigs.ruleCount))
        w.sample([("kind", "hash")], Double(sigs.hashes.entryCount))
        w.family("vigil_rules_generation", type: .gauge, help: "Rule sets loaded since start (1 = the start-up set).")
        w.sample([], Double(generation))
        w.family("vigil_rules_loaded_timestamp_seconds", type: .gauge, help: "When the rules in use were loaded (unix time).")
        w.sample([], state.rulesLoadedAt)
        w.family("vigil_rules_age_seconds", type: .gauge, help: "Seconds since the rules in use were loaded.")
        w.sample([], max(0, wallClockSeconds() - state.rulesLoadedAt))
        w.family("vigil_rules_reloads_total", type: .counter, help: "Rule reloads, by result (a failed reload keeps the previous rules).")
        w.sample([("result", "success")], UInt64(max(0, stats.reloads.load(ordering: .relaxed))))
        w.sample([("result", "failure")], UInt64(max(0, stats.reloadFailures.load(ordering: .relaxed))))

        w.family("vigil_protection_state", type: .gauge, help: "Self-protection: 1 for the state in force (full, partial, off).")
        var current = "off"
        var layers: ProtectionLayers?
        if let protection, protection.isEnabled {
            let r = protection.report
            layers = r
            current = r.warnings.isEmpty ? "full" : "partial"
        }
        for s in ["full", "partial", "off"] { w.sample([("state", s)], s == current ? 1.0 : 0.0) }
        if let r = layers {
            w.family("vigil_protection_files", type: .gauge, help: "Files in the protected set.")
            w.sample([], Double(r.protectedFiles))
            w.family("vigil_protection_layer_active", type: .gauge, help: "1 when a self-protection layer is in force.")
            w.sample([("layer", "immutable")], r.immutableMissing.isEmpty ? 1.0 : 0.0)
            w.sample([("layer", "permission_marks")], r.permissionMarks ? 1.0 : 0.0)
            w.sample([("layer", "file_handles")], r.fileHandles ? 1.0 : 0.0)
            w.sample([("layer", "landlock")], r.landlockABI != nil ? 1.0 : 0.0)
            w.sample([("layer", "capabilities")], r.capabilities == "not dropped" ? 0.0 : 1.0)
            w.sample([("layer", "watchdog")], r.watchdogPid != nil ? 1.0 : 0.0)
        }
        // Whether or not self-protection is on: what the kernel itself refuses here.
        if let k = layers?.kernel ?? protection?.report.kernel {
            w.family("vigil_kernel_refuses", type: .gauge,
                     help: "1 when the kernel itself refuses this attack on this host (ptrace: Yama scope 3; modules: lockdown integrity or stronger).")
            w.sample([("attack", "ptrace")], k.refusesPtrace ? 1.0 : 0.0)
            w.sample([("attack", "modules")], k.refusesModules ? 1.0 : 0.0)
            w.family("vigil_kernel_yama_ptrace_scope", type: .gauge, help: "kernel.yama.ptrace_scope; -1 when the kernel has no Yama.")
            if case .scope(let n) = k.yama { w.sample([], Double(n)) } else { w.sample([], -1.0) }
        }
        // The kernel's own refusals as it logged them (KernelLog.swift).
        if let k = protection?.kernelLog {
            w.family("vigil_kernel_log_followed", type: .gauge, help: "1 when the daemon reads the kernel's refusals from /dev/kmsg.")
            w.sample([], k.isFollowed ? 1.0 : 0.0)
            w.family("vigil_kernel_refused_total", type: .counter, help: "Refusals the kernel logged since the daemon's start, by who refused (lockdown, yama).")
            for s in KernelRefusal.Source.allCases { w.sample([("source", s.rawValue)], Double(k.count(s))) }
            w.family("vigil_kernel_log_lost_records_total", type: .counter, help: "Kernel log records overwritten before the daemon read them.")
            w.sample([], Double(k.lostRecords))
        }
    }
}

/// The HTTP endpoint as one of the daemon's services.
final class MetricsEndpointService: Service {
    let endpoint: MetricsEndpoint
    init(_ endpoint: MetricsEndpoint) { self.endpoint = endpoint }
    func start() throws(VigilError) { endpoint.start() }
    func stop() { endpoint.stop() }
}

/// The textfile-collector writer as one of the daemon's services.
final class TextfileCollectorService: Service {
    let writer: TextfileService
    init(_ writer: TextfileService) { self.writer = writer }
    func start() throws(VigilError) { writer.start() }
    func stop() { writer.stop() }
}
