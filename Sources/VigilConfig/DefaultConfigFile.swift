import VigilSystem

/// The config file Vigil installs (`vigil install`, the Debian package's
/// /etc/vigil/vigil.toml): every setting, commented, with the value rendered from the
/// built-in defaults (`DaemonConfig()`, `ProtectionConfig()`), so the file and the code
/// cannot drift apart. Two choices differ from the built-in defaults, on purpose: a fresh
/// install starts in audit mode, and with self-protection on.
///
/// Owns: the installed config text. Must not: parse (DaemonConfig does).
public enum DefaultConfigFile {
    public static func render(signaturePaths: [String]) -> String {
        let d = DaemonConfig()
        let p = ProtectionConfig()
        func q(_ s: String) -> String { TOMLDocument.quote(s) }
        func list(_ a: [String]) -> String { "[" + a.map(q).joined(separator: ", ") + "]" }
        func resp(_ r: Fanotify.Response) -> String { q(r == .allow ? "allow" : "deny") }
        return """
        # /etc/vigil/vigil.toml: Vigil's configuration. Every key is described in vigil.toml(5);
        # `vigil config check` prints the effective configuration and names the line of any error.
        #
        # Self-protection keeps this file immutable while the daemon runs. To change it:
        #   vigil maintenance begin --reason "why"
        #   (edit this file)
        #   vigil maintenance end && systemctl restart vigil
        # (`systemctl reload vigil` reloads signatures only.)

        [daemon]
        # A fresh install starts in AUDIT mode: findings are logged (event.action "audit"),
        # nothing is denied. Once the logs show no false positives, set:
        #   mode = "enforce"
        mode = "audit"
        threads = \(d.threads)                          # scan workers; 0 = one per core
        control_socket = \(q(d.controlSocket))
        state_dir = \(q(d.stateDirectory))          # quarantine, sealed copies (root only)
        realtime = \(q(d.realtime.rawValue))                   # answering threads at real-time priority (SCHED_RR 1) while opens queue up; "always", "never"

        [guard]
        # Folders checked on open and exec. Their whole filesystems are marked; opens
        # elsewhere are answered at once, and a folder elsewhere that only root can move
        # is then ignored by the kernel (ignore_unguarded_folders).
        paths = \(list(d.guardPaths))
        exclude_paths = \(list(d.excludePaths))                # prefixes, or globs over the whole path ("*.vmdk")
        exclude_uids = []
        exclude_executables = \(list(d.excludeExecutables))          # trusted programs (backup agents, indexers)
        exclude_cgroups = \(list(d.excludeCgroups))              # trusted workloads ("/system.slice/backup.service")
        exclude_owners = []                    # files owned by these uids are not scanned
        exclude_types = \(list(d.excludeTypes))                # content types (libmagic) not matched against rules ("video/*")
        open = \(d.guardOpen)                         # FAN_OPEN_PERM
        exec = \(d.guardExec)                         # FAN_OPEN_EXEC_PERM
        ignore_unguarded_folders = \(d.ignoreUnguardedFolders)     # after one open, no events for a root-only folder outside the guards

        [limits]
        deadline_ms = \(d.deadlineMilliseconds)                 # an opener waits at most this long
        on_timeout = \(resp(d.onTimeout))               # "allow" = fail open, "deny" = fail closed
        on_error = \(resp(d.onError))                 # a file that could not be judged at all
        scan_budget_ms = \(d.scanBudgetMilliseconds)                     # one scan's share of a worker; 0 = half the deadline
        max_file_size = \(q("\(d.maxFileSize >> 20)M"))
        on_oversize = \(resp(d.onOversize))
        oversize_window = \(q("\(d.oversizeWindow >> 20)M"))                # head and tail of an oversize file that are scanned; 0 = none
        queue_size = \(d.queueSize)
        on_queue_full = \(resp(d.onQueueFull))
        background_queue_size = \(d.backgroundQueueSize)           # events answered by deadline are scanned again here
        background_timeout_s = \(d.backgroundTimeoutSeconds)
        cache = \(d.cacheMode == "kernel" ? "true" : d.cacheMode == "off" ? "false" : q(d.cacheMode))                        # true: kernel ignore marks; "strict"; false

        [signatures]
        # Bundled rules (replaced on upgrade) and this machine's own (kept). Add
        # "\(d.rulesStore)/current" to load the set `vigil rules update` installs.
        paths = \(list(signaturePaths))
        prefilter = \(d.prefilter)                      # Hyperscan over every YARA string first; libyara only where a rule can match
        update_sources = \(list(d.updateSources))   # signed bundles, tried in order: https://, file://
        update_keys = \(q(d.updateKeys))           # trusted Ed25519 public keys (*.pub)
        store = \(q(d.rulesStore))                 # one folder per version, `current` link
        keep_versions = \(d.keepVersions)                            # kept for `vigil rules rollback`
        max_age_days = \(d.maxRulesAgeDays)                            # status warns when rules are older; 0 = never
        allowlist = \(q(d.allowlistFile))          # `vigil allow add` writes here

        [scanning]
        # true: full scans (libyara, libmagic, libarchive) run in sandboxed worker
        # processes: user vigil-scan, no capabilities, no file access (Landlock), seccomp.
        # The quick path (Hyperscan and digests over a small file's bytes) stays in the
        # daemon. "full": no scanned byte is read in the daemon; small files go to a
        # worker too, ~4x slower first opens (README, "The scanning sandbox").
        # false: every scan in the daemon.
        sandbox = \(d.sandboxMode.toml)

        [log]
        file = \(q(d.logFile ?? ""))   # ECS JSON lines, hash-chained
        stdout = \(d.logStdout)                       # also to the journal, with syslog priorities
        rate_limit_seconds = \(d.rateLimitSeconds)
        rotate_size = "64M"                    # the daemon renames the live file to .1 past this; 0 = only `vigil log rotate`
        rotate_keep = \(d.logRotateKeep)                          # rotated files kept (.1 newest); older ones are deleted

        [metrics]
        listen = "127.0.0.1:9731"              # Prometheus /metrics; "" = off; "unix:/run/vigil/metrics.sock" for a socket
        textfile_dir = \(q(d.metricsTextfileDirectory))                       # node_exporter's textfile collector folder; "" = off
        textfile_interval_s = \(d.metricsTextfileIntervalSeconds)

        [notify]
        on_detection = ""                      # an executable: the detection's ECS line on stdin, VIGIL_* variables
        webhook = ""                           # an http(s) URL each detection is POSTed to
        timeout_ms = \(d.notifyTimeoutMillis)

        [shipping]
        # The daemon ships its event log to OpenSearch/Elasticsearch's _bulk API itself
        # (exactly once per event.id, across outages and restarts; /usr/share/vigil/search
        # has the index templates). Secrets are read from files.
        url = ""                               # "https://logs.example:9200"; "" = off
        index = \(q(d.shippingIndex))
        batch_size = \(d.shippingBatchSize)
        api_key_file = ""                      # a file holding an API key ("/etc/vigil/shipping.key")
        user = ""                              # or basic authentication: user and password_file
        password_file = ""
        ca_file = ""                           # trust this CA bundle instead of the system's
        dir = ""                               # cursor and dead-letter file; "" = state_dir/shipping

        [quarantine]
        dir = \(q(d.quarantineDirectory))
        max_age = \(q(formatDuration(d.quarantineMaxAgeSeconds)))                       # `vigil quarantine prune` (daily timer): older entries go; "0" keeps them
        max_total_size = \(q(formatBytesForConfig(d.quarantineMaxTotalSize)))                 # then oldest first until each store fits; "0" = no limit
        prune_interval = \(q(formatDuration(d.quarantinePruneIntervalSeconds)))                 # the running daemon applies both this often (first a minute after start); "0" = only the timer

        [archives]
        # Members of zip, tar, gzip, 7z, rar, ... are scanned like files; a reached limit
        # is never a silent pass. Upload folders open archives; opens only when asked.
        open = \(d.archives.open)                        # on open and exec (an opener waits)
        uploads = \(d.archives.uploads)                      # in upload folders
        max_depth = \(d.archives.maxDepth)
        max_unpacked = \(q("\(d.archives.maxUnpacked >> 20)M"))                # per archive, every level together
        max_ratio = \(d.archives.maxRatio)
        max_entries = \(d.archives.maxEntries)
        max_entry_size = \(q("\(d.archives.maxEntrySize >> 20)M"))
        max_time_ms = \(d.archives.maxTimeMilliseconds)
        open_max_unpacked = \(q("\(d.archives.openMaxUnpacked >> 20)M"))            # on open: what keeps opens fast
        on_limit = \(q(d.archives.onLimit))                 # "allow" (a note), "audit", "quarantine", "deny"
        upload_on_limit = \(q(d.archives.uploadOnLimit))
        on_encrypted = \(q(d.archives.onEncrypted))

        # Upload folders: files are judged the moment their writer closes them.
        # [[uploads]]
        # folder = "/srv/uploads"
        # allowed_types = ["application/pdf", "image/*", "text/plain"]
        # check_extension = true
        # max_size = "50M"
        # action = "quarantine"                # or "deny", "audit"

        # Workloads: processes of some cgroups get their own mode, rules and exec-only flag
        # (`vigil config explain --pid N` shows where a process falls).
        # [[workload]]
        # name = "ci-builds"
        # cgroup = "/system.slice/docker-*.scope"   # glob on the opener's cgroup v2 path
        # mode = "audit"                            # enforce | audit | off
        # rules = ["/etc/vigil/rules.d/ci"]         # added to the host's rules
        # exec_only = false                         # true: scan executions only

        [protection]
        enabled = true                         # immutable flag, tamper guard, Landlock, watchdog
        own_files = \(p.ownFiles)                       # the binary, this file, the signatures, the units
        paths = \(list(p.paths))
        maintainers = \(list(p.maintainers))
        contain = \(p.contain)
        liveness_interval_ms = \(p.livenessIntervalMillis)           # the watchdog's probe open, this often
        liveness_timeout_ms = \(p.livenessTimeoutMillis)           # a daemon that leaves it waiting longer is restarted
        bpf = \(q(p.bpf.rawValue))                           # Tier A, BPF LSM enforcement: "auto", "off" or "require"
        audit_interval_ms = \(p.auditIntervalMillis)               # the daemon audits its own marks, tracer and code
        heartbeat_seconds = \(p.heartbeatSeconds)                 # a heartbeat event for collectors (0: none)
        canary_paths = \(list(p.canaryPaths.isEmpty ? d.guardPaths.prefix(1).map { $0 + "/.vigil-canary" } : p.canaryPaths))   # EICAR test files vigil-canary.service must see refused
        canary_interval_ms = \(p.canaryIntervalMillis)
        canary_deadline_ms = \(p.canaryDeadlineMillis)
        # Host-wide and one-way until reboot, so off unless you choose them (README "kernel refusals"):
        lock_ptrace = \(p.lockPtrace)                      # true: Yama ptrace_scope 3 (both tiers), nobody (root included) may ptrace, pidfd_getfd or write /proc/PID/mem; gdb and strace -p stop working
        kernel_lockdown = \(q(p.kernelLockdown.rawValue))              # "integrity": kernel lockdown, no unsigned modules, no kexec of unsigned kernels, no /dev/mem writes

        """
    }
}
