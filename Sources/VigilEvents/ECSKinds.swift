import VigilSystem

// Owns: one constructor per kind of event Vigil writes (the scan's live in VigilScan),
// so every writer (the quarantine trail, the daemon's event log, self-protection) says
// the same thing the same way, and the ECS test can build each kind.
// Must not: do I/O (process and file facts are passed in).

extension ECSEvent {
    // MARK: the quarantine store's trail

    /// `quarantine`, `restore`, `delete` or `purge` (retention) of one stored file.
    public static func quarantine(action: String, id: String, originalPath: RawPath, sha256: String, reasons: [String], store: String,
                                  size: Int64? = nil, process: ECSProcess? = nil) -> ECSEvent {
        let types: [EventType] = switch action {
        case "restore": [.creation]
        case "quarantine": [.deletion, .info]
        default: [.deletion]
        }
        var e = ECSEvent(kind: .event, categories: [.file, .malware], types: types, action: action, outcome: .success, dataset: "vigil.quarantine")
        e.file = ECSFile(path: originalPath, size: size, sha256: sha256)
        e.process = process
        if let first = reasons.first { e.rule = ECSRule(name: first, ruleset: "vigil") }
        e.vigil.add("quarantine_id", id)
        e.vigil.add("quarantine_store", store)
        e.vigil.add("rules", reasons)
        return e
    }

    // MARK: on access (the daemon's event log)

    /// How the permission path ended for one event.
    public enum AccessAction: String, Sendable {
        /// A finding, answered FAN_DENY.
        case deny
        /// A finding in audit mode: answered allow, logged as what would have been denied.
        case audit
        /// Answered allow by policy without a full verdict (deadline, queue full, error, oversize).
        case timeout, queueFull = "queue-full", error = "scan-error", oversize
        /// A background scan finished after the answer and found something.
        case lateVerdict = "late-verdict"
        /// An allow that is logged (anonymous exec, a partial judgement...).
        case allow
    }

    /// An open or exec judged by the daemon. `cached` marks a deny answered from the
    /// version cache: it carries the rule and hash of the first deny of that version.
    public static func onAccess(_ action: AccessAction, answeredDeny: Bool, exec: Bool, file: ECSFile, process: ECSProcess?,
                                rules: [ECSRule], verdict: String?, latencyMicros: Int, mode: String, cached: Bool = false,
                                rulesVersion: String? = nil, problems: [String] = [], cgroup: String? = nil, message: String? = nil) -> ECSEvent {
        let finding = !rules.isEmpty
        var e = ECSEvent(kind: finding ? .alert : .event, categories: finding ? [.malware, .file] : [.file],
                         types: [.access, answeredDeny ? .denied : .allowed], action: action.rawValue,
                         outcome: answeredDeny || finding || action == .allow ? .success : .unknown, dataset: "vigil.onaccess")
        e.file = file
        e.process = process
        if var first = rules.first { first.version = first.version ?? rulesVersion; e.rule = first }
        e.message = message
        e.vigil.add("access", exec ? "exec" : "open")
        e.vigil.add("answer", answeredDeny ? "deny" : "allow")
        e.vigil.add("latency_us", latencyMicros)
        e.vigil.add("mode", mode)
        e.vigil.add("cached", cached ? true : nil)
        if finding {
            e.vigil.add("verdict", verdict)
            e.vigil.add("rules", rules.map(\.name))
        }
        if !problems.isEmpty { e.vigil.add("problems", problems) }
        e.vigil.add("cgroup", cgroup)
        return e
    }

    /// A file closed after writing in an upload folder, judged by its type policy and the
    /// rules. `file.hash.sha256` is always set (clean uploads too); `process` is the
    /// writer that closed it (the close event's pid), never pid 0.
    public static func upload(action: String, folder: String, file: ECSFile, process: ECSProcess?, rules: [ECSRule],
                              verdict: String, reasons: [String], quarantineID: String? = nil, rulesVersion: String? = nil) -> ECSEvent {
        precondition(file.sha256 != nil, "every scanned upload carries its SHA-256")
        let bad = verdict != "allow"
        var types: [EventType] = [.creation]
        if bad { types.append(action == "upload-audit" ? .allowed : .denied) } else { types.append(.allowed) }
        var e = ECSEvent(kind: bad ? .alert : .event, categories: bad ? [.malware, .file] : [.file], types: types, action: action,
                         outcome: .success, dataset: "vigil.upload")
        e.file = file
        e.process = process
        if var first = rules.first { first.version = first.version ?? rulesVersion; e.rule = first } else if let r = reasons.first, bad {
            e.rule = ECSRule(name: r, ruleset: "upload-policy", reference: folder)
        }
        var u = JSONLine()
        u.add("folder", folder)
        u.add("verdict", verdict)
        u.add("reasons", reasons)
        u.add("quarantine_id", quarantineID)
        e.vigil.add("upload", object: u)
        return e
    }

    // MARK: self-protection

    public static func protection(action: String, alert: Bool, outcome: Outcome = .success, message: String, path: String? = nil,
                                  expectedSHA256: String? = nil, foundSHA256: String? = nil, change: String? = nil,
                                  process: ECSProcess? = nil, restoreMillis: Int? = nil, level: String? = nil,
                                  extra: [(String, String)] = []) -> ECSEvent {
        let refused = action == "tamper-blocked" || action == "tier-a-refused" || action == "maintenance-refused"
        let types: [EventType] = alert ? [refused ? .denied : .change] : action.hasPrefix("maintenance") ? [.admin, .change] : [.info]
        var e = ECSEvent(kind: alert ? .alert : .event, categories: alert ? [.intrusionDetection, .file] : [.process], types: types,
                         action: action, outcome: outcome, dataset: "vigil.protection")
        if let path { e.file = ECSFile(path: RawPath(path), sha256: expectedSHA256) }
        e.process = process
        // Maintenance and integrity events name their own level (warning, critical).
        e.logLevel = level ?? (alert ? "warning" : "info")
        e.message = message
        var p = JSONLine()
        p.add("change", change)
        p.add("expected_sha256", expectedSHA256)
        p.add("found_sha256", foundSHA256)
        p.add("restore_ms", restoreMillis)
        for (k, v) in extra { p.add(k, v) }
        e.vigil.add("protection", object: p)
        return e
    }

    // MARK: the daemon's life

    /// Rules reloaded (SIGHUP, `vigil reload`, an update): new version, or why not.
    public static func rulesReload(outcome: Outcome, version: String?, rules: Int?, previousVersion: String?, error: String? = nil) -> ECSEvent {
        var e = ECSEvent(kind: .event, categories: [.configuration], types: outcome == .success ? [.change] : [.change, .error],
                         action: "rules-reload", outcome: outcome, dataset: "vigil.daemon")
        e.errorMessage = error
        e.logLevel = outcome == .success ? "info" : "error"
        e.message = outcome == .success ? "rules reloaded: \(rules ?? 0) rules, version \(version ?? "?")" : "rules not reloaded: \(error ?? "unknown error")"
        var r = JSONLine()
        r.add("version", version)
        r.add("previous_version", previousVersion)
        r.add("count", rules)
        e.vigil.add("rules", object: r)
        return e
    }

    /// Signatures updated on disk (a new package or a rules feed), before the reload.
    public static func rulesUpdate(outcome: Outcome, fromVersion: String?, toVersion: String?, source: String, error: String? = nil) -> ECSEvent {
        var e = ECSEvent(kind: .event, categories: [.configuration, .package], types: [.change, .installation], action: "rules-update",
                         outcome: outcome, dataset: "vigil.daemon")
        e.errorMessage = error
        e.message = outcome == .success ? "signatures updated from \(source)" : "signature update from \(source) failed"
        var u = JSONLine()
        u.add("from_version", fromVersion)
        u.add("to_version", toVersion)
        u.add("source", source)
        e.vigil.add("update", object: u)
        return e
    }

    /// `daemon-start` (guard in force) or `daemon-stop`.
    public static func daemonLifecycle(start: Bool, mode: String, configSource: String, process: ECSProcess, reason: String? = nil) -> ECSEvent {
        var e = ECSEvent(kind: .event, categories: [.process], types: [start ? .start : .end], action: start ? "daemon-start" : "daemon-stop",
                         outcome: .success, dataset: "vigil.daemon")
        e.process = process
        e.reason = reason
        e.logLevel = "notice"
        e.message = start ? "vigil daemon started (\(mode) mode, config \(configSource))" : "vigil daemon stopped" + (reason.map { " (\($0))" } ?? "")
        e.vigil.add("mode", mode)
        e.vigil.add("config", configSource)
        return e
    }

    /// The daemon's heartbeat (a `state` event every few seconds): a collector that sees
    /// the sequence jump or restart, or the boot id or process change, saw a gap.
    public static func heartbeat(sequence: Int, bootID: String, processStart: String, tier: String, marksOK: Bool, canaryOK: Bool?,
                                 rulesDigest: String, configDigest: String, compromised: Bool, kernelRefuses: [String] = []) -> ECSEvent {
        var e = ECSEvent(kind: .state, categories: [.host], types: [.info], action: "heartbeat", outcome: .success, dataset: "vigil.heartbeat")
        e.logLevel = compromised ? "critical" : "info"
        e.message = "vigil heartbeat \(sequence)" + (compromised ? " (COMPROMISED: see vigil status)" : "")
        var h = JSONLine()
        h.add("sequence", sequence)
        h.add("boot_id", bootID)
        h.add("process_start", processStart)
        h.add("tier", tier)
        h.add("marks_ok", marksOK)
        h.add("canary_ok", canaryOK)
        h.add("rules_digest", rulesDigest)
        h.add("config_digest", configDigest)
        h.add("compromised", compromised)
        // What the kernel itself refuses on this host (Yama scope 3: "ptrace"; lockdown
        // integrity or stronger: "modules"), so a collector sees it lowered by a reboot.
        h.add("kernel_refuses", kernelRefuses)
        e.vigil.add("heartbeat", object: h)
        return e
    }

    /// A scan worker process died while scanning (`scan-worker-crashed`) or was killed
    /// past its deadline (`scan-worker-killed`): the file it was scanning, how the
    /// worker ended, the rules it ran.
    public static func scanWorker(action: String, message: String, path: RawPath, pid: Int32, ended: String, generation: Int,
                                  rulesVersion: String) -> ECSEvent {
        var e = ECSEvent(kind: .event, categories: [.process, .malware], types: [.end, .error], action: action, outcome: .failure,
                         dataset: "vigil.daemon")
        e.logLevel = "warning"
        e.message = message
        if !path.bytes.isEmpty { e.file = ECSFile(path: path) }
        var w = JSONLine()
        w.add("pid", Int(pid))
        w.add("ended", ended)
        w.add("rules_generation", generation)
        w.add("rules_version", rulesVersion)
        e.vigil.add("scan_worker", object: w)
        return e
    }

    /// A warning or notice of the daemon's own (a missing layer, a flood summary...).
    public static func daemonNote(level: String, message: String, action: String? = nil) -> ECSEvent {
        let isError = level == "error" || level == "critical"
        var e = ECSEvent(kind: .event, categories: [.process], types: isError ? [.error] : [.info], action: action ?? level,
                         outcome: isError ? .failure : .success, dataset: "vigil.daemon")
        e.logLevel = level
        e.message = message
        return e
    }
}
