import Glibc
import VigilMetrics
import VigilSystem

// Owns: the daemon's settings, their defaults, validation and rendering. Must not: read
// the file (Configuration does) or apply a setting.

/// Everything `vigil daemon` can be told, with the defaults it runs on when
/// `/etc/vigil/vigil.toml` is absent. Every tunable lives here (default paths: `Paths`).
public struct DaemonConfig: Sendable {
    public enum Mode: String, Sendable { case enforce, audit }

    // [daemon]
    public var mode: Mode = .enforce
    /// Scan worker threads; 0 = one per core.
    public var threads = 0
    public var controlSocket = Paths.controlSocket
    public var stateDirectory = Paths.stateDirectory
    /// When the threads that answer permission events (event loop, scan workers) run at
    /// real-time round-robin priority 1, `[daemon] realtime`.
    public enum Realtime: String, Sendable, CaseIterable {
        /// `"burst"` (the default): normal priority, and real time from the moment opens
        /// queue up until the queue has been calm for a second. Under a burst of
        /// thousands of blocked openers the kernel wakes every waiting opener on each
        /// answer, and at normal priority that herd starves the threads that could
        /// release it; on a quiet host a real-time thread costs a cross-CPU wake-up per
        /// event (AnsweringPriority, in VigilOnAccess, has the numbers).
        case burst
        /// `"always"` (or `true`, the setting before "burst" existed): real time from start.
        case always
        /// `"never"` (or `false`): normal priority, no herd protection.
        case never

        /// The setting as written: a name, or the boolean of old.
        public static func parse(_ value: TOMLDocument.Value) -> Realtime? {
            switch value {
            case .bool(let b): b ? .always : .never
            case .string(let s): Realtime(rawValue: s)
            default: nil
            }
        }
    }
    public var realtime: Realtime = .burst

    // [scanning]
    /// Where scanned bytes are read, `[scanning] sandbox`.
    public enum ScanSandbox: String, Sendable, CaseIterable {
        /// `false`: every scan runs in the daemon's own threads, with its privileges.
        case off
        /// `true`: full scans (libyara and its modules, libmagic, libarchive: the parsers
        /// of hostile formats) run in sandboxed `vigil scan-worker` processes (own user,
        /// no capabilities, Landlock without file access, seccomp), fed the file's
        /// descriptor; the event thread's quick path (Hyperscan and digests over the
        /// first 64 KiB of a small file, no parser) still reads bytes in the daemon.
        case pool
        /// `"full"`: no byte of a scanned file is read in the daemon: the quick path is
        /// off and every scan, small files included, goes to a worker.
        case full

        /// The TOML spellings: the booleans of old, and the three names.
        public static func parse(_ value: TOMLDocument.Value) -> ScanSandbox? {
            switch value {
            case .bool(let b): b ? .pool : .off
            case .string(let s): ScanSandbox(rawValue: s) ?? (s == "true" ? .pool : s == "false" ? .off : nil)
            default: nil
            }
        }

        /// As written back into a config file: the boolean for off and pool, so a file
        /// rendered by this version still reads the same in an older one.
        public var toml: String { self == .full ? "\"full\"" : self == .pool ? "true" : "false" }
    }
    public var sandboxMode: ScanSandbox = .pool
    /// Any sandbox: full scans run in worker processes (`pool` or `full`).
    public var sandbox: Bool {
        get { sandboxMode != .off }
        set { sandboxMode = newValue ? (sandboxMode == .off ? .pool : sandboxMode) : .off }
    }

    // [guard]
    /// Folders whose files are checked on open and exec. Their filesystems are marked,
    /// and events outside these prefixes are allowed at once.
    public var guardPaths: [String] = ["/home", "/srv", "/tmp", "/var/tmp"]
    /// Never checked: path prefixes, or globs (`*`, `?`, `[`) matched against the whole path.
    public var excludePaths: [String] = []
    public var excludeUIDs: [UInt32] = []
    /// Processes whose executable is one of these are trusted (backup agents, indexers).
    public var excludeExecutables: [String] = []
    /// Workloads (cgroup v2 paths or prefixes, e.g. `/system.slice/backup.service`) that are trusted.
    public var excludeCgroups: [String] = []
    public var guardOpen = true
    public var guardExec = true
    /// Folders outside the guarded folders, on a guarded filesystem, that nobody but root
    /// can move: the kernel stops asking about their files after the first open
    /// (UnguardedFolders). Off: every open on a guarded filesystem reaches the daemon.
    public var ignoreUnguardedFolders = true
    /// Files owned by these uids are not scanned (a safe alternative to name globs: only
    /// root can give a file to another owner).
    public var excludeOwners: [UInt32] = []
    /// Files whose content type (libmagic, from their first bytes) matches are not
    /// matched against rules (`video/*`): typed by content, not by name.
    public var excludeTypes: [String] = []

    // [limits]
    public var deadlineMilliseconds = 2000
    public var onTimeout: Fanotify.Response = .allow
    /// A file that could not be judged at all (unreadable, engine failure).
    public var onError: Fanotify.Response = .allow
    /// How long one scan may hold a worker before its event is answered by `on_timeout`
    /// and the scan continues in the background; 0 = half the deadline. Keeps a few slow
    /// files from holding every worker until everyone else's deadline passes.
    public var scanBudgetMilliseconds = 0
    public var maxFileSize: Int64 = 64 << 20
    public var onOversize: Fanotify.Response = .allow
    /// Oversize files: scan this much of their head and of their tail (where most
    /// signatures sit); 0 = do not read them at all.
    public var oversizeWindow: Int64 = 1 << 20
    public var queueSize = 16384
    public var onQueueFull: Fanotify.Response = .allow
    /// Events answered by their deadline are scanned again here, without a deadline, so
    /// detection still happens when enforcement had to let go.
    public var backgroundQueueSize = 1024
    public var backgroundTimeoutSeconds = 60
    /// Remember verdicts: "kernel" (ignore marks; the default), "strict" (no kernel marks:
    /// every open reaches the daemon, answered from a version cache while nobody writes
    /// the file) or "off".
    public var cacheMode = "kernel"
    public var cacheClean: Bool { cacheMode != "off" }

    /// The scan budget in effect.
    public var effectiveScanBudgetMilliseconds: Int {
        scanBudgetMilliseconds > 0 ? min(scanBudgetMilliseconds, deadlineMilliseconds) : max(1, deadlineMilliseconds / 2)
    }

    // [signatures]
    /// Rule folders and hash lists; empty = the bundled Signatures.
    public var signaturePaths: [String] = []
    /// The literal prefilter in front of libyara (issue 14): the same verdicts, libyara run
    /// only for files and rules a string hit (or a stringless condition) can make match.
    public var prefilter = true
    /// YARA `global` rules in the signatures the daemon loads: refused unless true (one
    /// that is false switches every rule off).
    public var allowGlobalRules = false
    /// `vigil rules update`: bundle sources tried in order, the trusted keys (a `.pub`
    /// file or a folder of them), the versioned store (`current` link inside), how many
    /// versions to keep for rollback, and the age after which status warns.
    public var updateSources: [String] = []
    public var updateKeys = Paths.trustedKeys
    public var rulesStore = Paths.ruleStore
    public var keepVersions = 3
    public var maxRulesAgeDays = 7
    /// The local allowlist (`vigil allow add`); read with the signatures.
    public var allowlistFile = Paths.allowlist

    // [log]
    public var logFile: String? = Paths.eventLog
    public var logStdout = true
    /// Identical events inside this window are counted, not repeated.
    public var rateLimitSeconds = 10
    /// The daemon rotates its own log (logrotate's rename is refused under Tier A): past
    /// this size the live file becomes `.1`; 0 = never by size (`vigil log rotate` still).
    public var logRotateBytes: Int64 = 64 << 20
    /// Rotated files kept (`.1` ... `.N`); the oldest beyond is deleted.
    public var logRotateKeep = 10

    // [[uploads]]
    public var uploads: [UploadRule] = []

    // [archives]
    public var archives = ArchiveSettings()

    // [[workload]]
    /// Per-workload mode, rules and exec-only flag, picked by the opener's cgroup.
    public var workloads = WorkloadTable([])

    // [quarantine]
    /// Where `vigil scan --move-to` defaults and `vigil quarantine` look first.
    public var quarantineDirectory = Paths.quarantine
    /// Retention (`vigil quarantine prune`, its timer): entries older than this go,
    /// oldest first (seconds; 0 keeps them forever).
    public var quarantineMaxAgeSeconds: Int64 = 30 * 86400
    /// Then, oldest first, until the stored bytes of a store fit (0: no limit).
    public var quarantineMaxTotalSize: Int64 = 10 << 30
    /// How often the running daemon applies that retention itself (seconds; the first
    /// run is a minute after start, or sooner with a shorter interval). 0: only the
    /// timer and `vigil quarantine prune` do.
    public var quarantinePruneIntervalSeconds: Int64 = 86400

    /// Every quarantine store this config knows: the default one and each upload folder's.
    public var quarantineStores: [String] {
        var out = [quarantineDirectory]
        for u in uploads where !out.contains(u.resolvedQuarantineDirectory) { out.append(u.resolvedQuarantineDirectory) }
        return out
    }

    // [debug] (test hooks; documented, off by default)
    /// Sleep this long before scanning files whose name contains `slowScanName`.
    /// `[metrics] listen`: where the Prometheus endpoint listens (ADDRESS:PORT, [IPv6]:PORT
    /// or unix:/PATH); empty = no endpoint. `vigil daemon --metrics-listen` overrides it.
    public var metricsListen = ""
    /// `[metrics] textfile_dir`: node_exporter's textfile-collector folder; vigil.prom is
    /// rewritten there atomically every `textfile_interval_s`. Empty = off.
    public var metricsTextfileDirectory = ""
    public var metricsTextfileIntervalSeconds = 15
    /// `[notify] on_detection`: an executable run once per detection, the ECS line on
    /// standard input and VIGIL_* variables; empty = none.
    public var notifyOnDetection = ""
    /// `[notify] webhook`: an http(s) URL each detection is POSTed to; empty = none.
    public var notifyWebhook = ""
    /// `[notify] timeout_ms`: the hook's time limit (then its process group is killed)
    /// and the webhook's request time limit.
    public var notifyTimeoutMillis = 10_000
    /// `[shipping] url`: the OpenSearch/Elasticsearch base URL the daemon ships its event
    /// log to (`_bulk`, exactly once per event.id); empty = off.
    public var shippingURL = ""
    public var shippingIndex = "vigil-events"
    public var shippingBatchSize = 500
    public var shippingCAFile = ""
    /// Files holding the secrets (read at start, never in the config itself).
    public var shippingAPIKeyFile = ""
    public var shippingUser = ""
    public var shippingPasswordFile = ""
    /// The exporter's cursor and dead-letter file; empty = `state_dir`/shipping.
    public var shippingDirectory = ""
    public var resolvedShippingDirectory: String { shippingDirectory.isEmpty ? stateDirectory + "/shipping" : shippingDirectory }
    public var debugSlowScanMilliseconds = 0
    public var debugSlowScanName = ""
    /// Test hook: looking up a finding's file type takes this long (the write-up lane must
    /// keep it off the scan threads).
    public var debugSlowTypeMilliseconds = 0

    /// Where this config came from (a path, or "built-in defaults").
    public var source = "built-in defaults"

    public init() {}

    /// The daemon's sections of one config text (`Configuration.parse` reads them all).
    public static func parse(_ text: String, file: String) throws(ConfigError) -> DaemonConfig {
        try read(TOMLDocument.parse(text, file: file), file: file)
    }

    /// The daemon's sections of a parsed document; `[protection]` is ProtectionConfig's.
    static func read(_ doc: TOMLDocument, file: String) throws(ConfigError) -> DaemonConfig {
        var c = DaemonConfig()
        c.source = file
        for table in doc.tables {
            let r = TableReader(file: file, table: table)
            switch table.name {
            case "":
                if let e = table.entries.first {
                    throw ConfigError(file: file, line: e.line, key: e.key, message: "settings belong in a section: [daemon], [guard], [limits], [signatures], [log], [metrics] or [notify]")
                }
            case "daemon":
                try r.only(["mode", "threads", "control_socket", "state_dir", "realtime"])
                if let m = try r.string("mode") {
                    guard let mode = Mode(rawValue: m) else { throw r.bad("mode", "must be \"enforce\" or \"audit\"") }
                    c.mode = mode
                }
                if let t = try r.int("threads") {
                    guard (0...256).contains(t) else { throw r.bad("threads", "must be 0 (one per core) to 256") }
                    c.threads = t
                }
                if let s = try r.path("control_socket") { c.controlSocket = s }
                if let s = try r.path("state_dir") { c.stateDirectory = s }
                if let e = r.entry("realtime") {
                    guard let m = Realtime.parse(e.value) else {
                        throw r.bad("realtime", "must be \"burst\" (real time while opens queue up; the default), \"always\" (or true) "
                                    + "or \"never\" (or false), not \(e.value.found)")
                    }
                    c.realtime = m
                }
            case "guard":
                try r.only(["paths", "exclude_paths", "exclude_uids", "exclude_executables", "exclude_cgroups", "exclude_owners", "exclude_types", "open", "exec", "ignore_unguarded_folders"])
                if let p = try r.paths("paths") { c.guardPaths = p }
                if let p = try r.strings("exclude_paths") { c.excludePaths = p }
                if let u = try r.ints("exclude_uids") {
                    guard u.allSatisfy({ $0 >= 0 && $0 <= Int(UInt32.max) }) else { throw r.bad("exclude_uids", "uids are 0 to 4294967295") }
                    c.excludeUIDs = u.map { UInt32($0) }
                }
                if let p = try r.paths("exclude_executables") { c.excludeExecutables = p }
                if let p = try r.strings("exclude_cgroups") { c.excludeCgroups = p }
                if let u = try r.ints("exclude_owners") {
                    guard u.allSatisfy({ $0 >= 0 && $0 <= Int(UInt32.max) }) else { throw r.bad("exclude_owners", "uids are 0 to 4294967295") }
                    c.excludeOwners = u.map { UInt32($0) }
                }
                if let t = try r.strings("exclude_types") {
                    if let bad = t.first(where: { !$0.contains("/") }) { throw r.bad("exclude_types", "'\(bad)' is not a MIME type like \"video/*\"") }
                    c.excludeTypes = t
                }
                if let b = try r.bool("open") { c.guardOpen = b }
                if let b = try r.bool("exec") { c.guardExec = b }
                if let b = try r.bool("ignore_unguarded_folders") { c.ignoreUnguardedFolders = b }
            case "limits":
                try r.only(["deadline_ms", "on_timeout", "on_error", "scan_budget_ms", "max_file_size", "on_oversize", "oversize_window",
                            "queue_size", "on_queue_full", "background_queue_size", "background_timeout_s", "cache"])
                if let d = try r.int("deadline_ms") {
                    guard (10...60_000).contains(d) else { throw r.bad("deadline_ms", "must be 10 to 60000 (an opener waits at most this long)") }
                    c.deadlineMilliseconds = d
                }
                if let a = try r.response("on_timeout") { c.onTimeout = a }
                if let a = try r.response("on_error") { c.onError = a }
                if let b = try r.int("scan_budget_ms") {
                    guard (0...60_000).contains(b) else { throw r.bad("scan_budget_ms", "must be 0 (half the deadline) to 60000") }
                    c.scanBudgetMilliseconds = b
                }
                if let s = try r.size("max_file_size") { c.maxFileSize = s }
                if let a = try r.response("on_oversize") { c.onOversize = a }
                if let w = try r.size("oversize_window") {
                    guard w <= 64 << 20 else { throw r.bad("oversize_window", "at most 64M (it is read on every open of an oversize file)") }
                    c.oversizeWindow = w
                }
                if let q = try r.int("queue_size") {
                    guard (16...1_000_000).contains(q) else { throw r.bad("queue_size", "must be 16 to 1000000") }
                    c.queueSize = q
                }
                if let a = try r.response("on_queue_full") { c.onQueueFull = a }
                if let q = try r.int("background_queue_size") {
                    guard (0...100_000).contains(q) else { throw r.bad("background_queue_size", "must be 0 (off) to 100000") }
                    c.backgroundQueueSize = q
                }
                if let t = try r.int("background_timeout_s") {
                    guard (1...3600).contains(t) else { throw r.bad("background_timeout_s", "must be 1 to 3600") }
                    c.backgroundTimeoutSeconds = t
                }
                if let e = r.entry("cache") {
                    switch e.value {
                    case .bool(let b): c.cacheMode = b ? "kernel" : "off"
                    case .string(let m) where ["kernel", "strict", "off"].contains(m): c.cacheMode = m
                    default: throw r.bad("cache", "must be true (kernel ignore marks), \"strict\" (no kernel marks; closes the shared-mapping window) or false")
                    }
                }
            case "signatures":
                try r.only(["paths", "prefilter", "update_sources", "update_keys", "store", "keep_versions", "max_age_days", "allowlist",
                            "allow_global_rules"])
                if let p = try r.paths("paths") { c.signaturePaths = p }
                if let b = try r.bool("allow_global_rules") { c.allowGlobalRules = b }
                if let b = try r.bool("prefilter") { c.prefilter = b }
                if let s = try r.strings("update_sources") { c.updateSources = s }
                if let k = try r.path("update_keys") { c.updateKeys = k }
                if let d = try r.path("store") { c.rulesStore = d }
                if let n = try r.int("keep_versions") {
                    guard (1...100).contains(n) else { throw r.bad("keep_versions", "must be 1 to 100") }
                    c.keepVersions = n
                }
                if let n = try r.int("max_age_days") {
                    guard (0...3650).contains(n) else { throw r.bad("max_age_days", "must be 0 (no warning) to 3650") }
                    c.maxRulesAgeDays = n
                }
                if let a = try r.path("allowlist") { c.allowlistFile = a }
            case "log":
                try r.only(["file", "stdout", "rate_limit_seconds", "rotate_size", "rotate_keep"])
                if let f = try r.string("file") { c.logFile = f.isEmpty ? nil : f }
                if let b = try r.bool("stdout") { c.logStdout = b }
                if let n = try r.int("rate_limit_seconds") {
                    guard (0...3600).contains(n) else { throw r.bad("rate_limit_seconds", "must be 0 (off) to 3600") }
                    c.rateLimitSeconds = n
                }
                if let n = try r.size("rotate_size") {
                    guard n == 0 || n >= 64 << 10 else { throw r.bad("rotate_size", "must be 0 (only on request) or at least 64K") }
                    c.logRotateBytes = n
                }
                if let n = try r.int("rotate_keep") {
                    guard (1...1000).contains(n) else { throw r.bad("rotate_keep", "must be 1 to 1000") }
                    c.logRotateKeep = n
                }
            case "scanning":
                try r.only(["sandbox"])
                if let e = r.entry("sandbox") {
                    guard let m = ScanSandbox.parse(e.value) else {
                        throw r.bad("sandbox", "must be true (full scans in sandboxed workers), \"full\" (every scan in a worker: no scanned byte read in the daemon) "
                                    + "or false (every scan in the daemon), not \(e.value.found)")
                    }
                    c.sandboxMode = m
                }
            case "debug":
                try r.only(["slow_scan_ms", "slow_scan_name", "slow_type_ms"])
                if let n = try r.int("slow_scan_ms") { c.debugSlowScanMilliseconds = n }
                if let n = try r.int("slow_type_ms") { c.debugSlowTypeMilliseconds = n }
                if let s = try r.string("slow_scan_name") { c.debugSlowScanName = s }
            case "uploads":
                guard table.isArrayElement else {
                    throw ConfigError(file: file, line: table.line, key: nil, message: "uploads is a list: write [[uploads]]")
                }
                try r.only(["folder", "allowed_types", "denied_types", "denied_extensions", "check_extension", "max_size", "action", "quarantine_dir"])
                guard let folder = try r.path("folder") else {
                    throw ConfigError(file: file, line: table.line, key: "uploads.folder", message: "every [[uploads]] needs a folder")
                }
                var u = UploadRule(folder: folder)
                if let t = try r.strings("allowed_types") { u.allowedTypes = t }
                if let t = try r.strings("denied_types") { u.deniedTypes = t }
                if let t = try r.strings("denied_extensions") { u.deniedExtensions = t.map { $0.lowercased().hasPrefix(".") ? String($0.lowercased().dropFirst()) : $0.lowercased() } }
                if let b = try r.bool("check_extension") { u.checkExtension = b }
                if let s = try r.size("max_size") { u.maxSize = s }
                if let a = try r.string("action") {
                    guard let action = UploadRule.Action(rawValue: a) else { throw r.bad("action", "must be \"quarantine\", \"deny\" or \"audit\"") }
                    u.action = action
                }
                if let q = try r.path("quarantine_dir") { u.quarantineDirectory = q }
                c.uploads.append(u)
            case "archives":
                c.archives = try ArchiveSettings.read(r)
            case "workload":
                guard table.isArrayElement else {
                    throw ConfigError(file: file, line: table.line, key: nil, message: "workload is a list: write [[workload]]")
                }
                let w = try WorkloadTable.read(r, file: file, names: Set(c.workloads.rules.map(\.name)))
                c.workloads = WorkloadTable(c.workloads.rules + [w])
            case "metrics":
                try r.only(["listen", "textfile_dir", "textfile_interval_s"])
                if let l = try r.string("listen") {
                    if !l.isEmpty { do { _ = try ListenAddress.parse(l) } catch { throw r.bad("listen", error.description) } }
                    c.metricsListen = l
                }
                if let d = try r.string("textfile_dir") {
                    guard d.isEmpty || d.hasPrefix("/") else { throw r.bad("textfile_dir", "must be an absolute path (node_exporter's --collector.textfile.directory)") }
                    c.metricsTextfileDirectory = d
                }
                if let n = try r.int("textfile_interval_s") {
                    guard (1...3600).contains(n) else { throw r.bad("textfile_interval_s", "must be 1 to 3600") }
                    c.metricsTextfileIntervalSeconds = n
                }
            case "notify":
                try r.only(["on_detection", "webhook", "timeout_ms"])
                if let h = try r.string("on_detection") {
                    guard h.isEmpty || h.hasPrefix("/") else { throw r.bad("on_detection", "must be an absolute path to an executable") }
                    c.notifyOnDetection = h
                }
                if let w = try r.string("webhook") {
                    guard w.isEmpty || w.hasPrefix("http://") || w.hasPrefix("https://") else { throw r.bad("webhook", "must be an http:// or https:// URL") }
                    c.notifyWebhook = w
                }
                if let t = try r.int("timeout_ms") {
                    guard (100...600_000).contains(t) else { throw r.bad("timeout_ms", "must be 100 to 600000") }
                    c.notifyTimeoutMillis = t
                }
            case "shipping":
                try r.only(["url", "index", "batch_size", "ca_file", "api_key_file", "user", "password_file", "dir"])
                if let u = try r.string("url") {
                    guard u.isEmpty || u.hasPrefix("http://") || u.hasPrefix("https://") else { throw r.bad("url", "must be an http:// or https:// URL") }
                    c.shippingURL = u
                }
                if let i = try r.string("index") {
                    guard !i.isEmpty, !i.contains("/"), !i.contains(" ") else { throw r.bad("index", "must be a data stream or index name") }
                    c.shippingIndex = i
                }
                if let b = try r.int("batch_size") {
                    guard (1...10_000).contains(b) else { throw r.bad("batch_size", "must be 1 to 10000") }
                    c.shippingBatchSize = b
                }
                if let f = try r.string("ca_file") { c.shippingCAFile = f }
                if let f = try r.string("api_key_file") { c.shippingAPIKeyFile = f }
                if let f = try r.string("user") { c.shippingUser = f }
                if let f = try r.string("password_file") { c.shippingPasswordFile = f }
                if (c.shippingUser.isEmpty) != (c.shippingPasswordFile.isEmpty) { throw r.bad("user", "user and password_file go together") }
                if let d = try r.string("dir") {
                    guard d.isEmpty || d.hasPrefix("/") else { throw r.bad("dir", "'\(d)' must be an absolute path (\"\" = state_dir/shipping)") }
                    c.shippingDirectory = d
                }
            case "quarantine":
                try r.only(["dir", "max_age", "max_total_size", "prune_interval"])
                if let d = try r.path("dir") { c.quarantineDirectory = d }
                if let i = try r.duration("prune_interval") { c.quarantinePruneIntervalSeconds = i }
                if let a = try r.duration("max_age") { c.quarantineMaxAgeSeconds = a }
                if let t = try r.size("max_total_size") { c.quarantineMaxTotalSize = t }
            case "protection":
                break // read by ProtectionConfig
            default:
                throw ConfigError(file: file, line: table.line, key: nil, message: "unknown section [\(table.name)]")
            }
        }
        return c
    }

    /// Settings that work but weaken the guard, for `vigil config check` and start-up.
    public var warnings: [String] {
        var out: [String] = []
        let isGlob: (String) -> Bool = { $0.contains { "*?[".contains($0) } }
        for p in excludePaths {
            if isGlob(p) {
                out.append("guard.exclude_paths: '\(p)' matches by name: anyone who can rename or create a file can opt it out of scanning "
                    + "(rename malware to match). Prefer exclude_owners (files only root can give to that owner) or exclude_types (typed by content).")
                continue
            }
            var st = stat()
            if stat(p, &st) == 0, st.isDirectory, st.st_uid != 0 || st.st_mode & 0o022 != 0 {
                out.append("guard.exclude_paths: '\(p)' is writable by users other than root: whatever they put there is never scanned. "
                    + "Prefer exclude_owners or exclude_types, or make the folder root-owned and not group/world-writable.")
            }
        }
        if mode == .audit { out.append("daemon.mode = \"audit\": findings are logged, nothing is denied") }
        for w in workloads.rules where w.mode != .enforce || w.execOnly {
            out.append("workload '\(w.name)' (cgroup \(w.cgroup)): "
                + (w.mode == .off ? "mode = \"off\": nothing its processes open or run is scanned"
                   : w.mode == .audit ? "mode = \"audit\": its findings are logged, not denied" : "exec_only: its plain opens are not scanned"))
        }
        return out
    }

    /// The effective configuration, as TOML that `load` reads back.
    public func render() -> String {
        func q(_ s: String) -> String { TOMLDocument.quote(s) }
        func list(_ a: [String]) -> String { "[" + a.map(q).joined(separator: ", ") + "]" }
        func resp(_ r: Fanotify.Response) -> String { q(r == .allow ? "allow" : "deny") }
        return """
        # effective configuration (from \(source))
        [daemon]
        mode = \(q(mode.rawValue))
        threads = \(threads)
        control_socket = \(q(controlSocket))
        state_dir = \(q(stateDirectory))
        realtime = \(q(realtime.rawValue))

        [guard]
        paths = \(list(guardPaths))
        exclude_paths = \(list(excludePaths))
        exclude_uids = [\(excludeUIDs.map(String.init).joined(separator: ", "))]
        exclude_executables = \(list(excludeExecutables))
        exclude_cgroups = \(list(excludeCgroups))
        exclude_owners = [\(excludeOwners.map(String.init).joined(separator: ", "))]
        exclude_types = \(list(excludeTypes))
        open = \(guardOpen)
        exec = \(guardExec)
        ignore_unguarded_folders = \(ignoreUnguardedFolders)

        [limits]
        deadline_ms = \(deadlineMilliseconds)
        on_timeout = \(resp(onTimeout))
        on_error = \(resp(onError))
        scan_budget_ms = \(scanBudgetMilliseconds)
        max_file_size = \(maxFileSize)
        on_oversize = \(resp(onOversize))
        oversize_window = \(oversizeWindow)
        queue_size = \(queueSize)
        on_queue_full = \(resp(onQueueFull))
        background_queue_size = \(backgroundQueueSize)
        background_timeout_s = \(backgroundTimeoutSeconds)
        cache = \(cacheMode == "kernel" ? "true" : cacheMode == "off" ? "false" : q(cacheMode))

        [signatures]
        paths = \(list(signaturePaths))
        prefilter = \(prefilter)
        update_sources = \(list(updateSources))
        update_keys = \(q(updateKeys))
        store = \(q(rulesStore))
        keep_versions = \(keepVersions)
        max_age_days = \(maxRulesAgeDays)
        allowlist = \(q(allowlistFile))

        [scanning]
        sandbox = \(sandboxMode.toml)

        [log]
        file = \(q(logFile ?? ""))
        stdout = \(logStdout)
        rate_limit_seconds = \(rateLimitSeconds)
        rotate_size = \(logRotateBytes)
        rotate_keep = \(logRotateKeep)

        [metrics]
        listen = \(q(metricsListen))
        textfile_dir = \(q(metricsTextfileDirectory))
        textfile_interval_s = \(metricsTextfileIntervalSeconds)

        [notify]
        on_detection = \(q(notifyOnDetection))
        webhook = \(q(notifyWebhook))
        timeout_ms = \(notifyTimeoutMillis)

        [shipping]
        url = \(q(shippingURL))
        index = \(q(shippingIndex))
        batch_size = \(shippingBatchSize)
        ca_file = \(q(shippingCAFile))
        api_key_file = \(q(shippingAPIKeyFile))
        user = \(q(shippingUser))
        password_file = \(q(shippingPasswordFile))
        dir = \(q(shippingDirectory))

        [quarantine]
        dir = \(q(quarantineDirectory))
        max_age = \(q(formatDuration(quarantineMaxAgeSeconds)))
        max_total_size = \(q(formatBytesForConfig(quarantineMaxTotalSize)))
        prune_interval = \(q(formatDuration(quarantinePruneIntervalSeconds)))

        """ + archives.render() + "\n" + workloads.render() + uploads.map { u in
            """
            [[uploads]]
            folder = \(q(u.folder))
            allowed_types = \(list(u.allowedTypes))
            denied_types = \(list(u.deniedTypes))
            denied_extensions = \(list(u.deniedExtensions))
            check_extension = \(u.checkExtension)
            \(u.maxSize.map { "max_size = \($0)" } ?? "# max_size: no limit")
            action = \(q(u.action.rawValue))
            quarantine_dir = \(q(u.resolvedQuarantineDirectory))

            """
        }.joined()
    }
}
