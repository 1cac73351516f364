import Glibc
import VigilSystem

// Owns: [protection]'s settings. Must not: read the file (Configuration does) or protect
// anything.

/// The `[protection]` section of vigil.toml: what self-protection guards and who may
/// change it. Its own type, so the daemon's config stays one table per concern; read
/// from the same parse of the file (`Configuration`).
///
/// ```toml
/// [protection]
/// enabled = true                       # off in the built-in defaults; on in the installed config
/// own_files = true                     # Vigil's binary, config, signatures and units
/// paths = ["/etc/vigil/extra.hsb"]     # more files (folders: every file below)
/// maintainers = ["/usr/bin/dpkg"]      # executables that may open protected files for writing
/// contain = true                       # Landlock + capability drop after start-up
/// liveness_interval_ms = 5000          # the watchdog's probe open, this often
/// liveness_timeout_ms = 10000          # a probe open waiting longer: the daemon is wedged
/// bpf = "auto"                         # Tier A (BPF LSM enforcement): "auto", "off" or "require"
/// audit_interval_ms = 500              # the self-audit (marks, tracer, loaded code), this often
/// heartbeat_seconds = 10               # a heartbeat event, this often (0: none)
/// canary_paths = ["/srv/.vigil-canary"] # test files the daemon writes and `vigil canary` must see refused
/// canary_interval_ms = 2000            # `vigil canary` opens each this often (0: no canary)
/// canary_deadline_ms = 1500            # an open unanswered this long: blinded
/// lock_ptrace = false                  # Yama ptrace_scope 3 at start: no process attaches to any (one-way until reboot)
/// kernel_lockdown = "off"              # "integrity": kernel lockdown at start (one-way until reboot)
/// ```
public struct ProtectionConfig: Sendable, Equatable {
    /// Tier A, kernel enforcement with BPF LSM: `auto` uses it when the load test passes
    /// (else Tier B, detection only), `off` never loads it, `require` refuses to start
    /// without it.
    public enum BPFMode: String, Sendable, Equatable, CaseIterable {
        case auto, off, require
    }

    public var enabled = false
    public var ownFiles = true
    public var paths: [String] = []
    public var maintainers: [String] = []
    public var contain = true
    /// The watchdog opens the daemon's probe file this often...
    public var livenessIntervalMillis = 5000
    /// ...and kills a daemon that leaves such an open waiting this long (fail open).
    public var livenessTimeoutMillis = 10000
    /// The daemon audits its own marks, tracer and executable mappings this often.
    public var auditIntervalMillis = 500
    /// A heartbeat event this often, so a collector sees a gap or a reset; 0: none.
    public var heartbeatSeconds = 10
    /// The canary files the daemon writes and `vigil canary` opens; none by default.
    public var canaryPaths: [String] = []
    public var canaryIntervalMillis = 2000
    public var canaryDeadlineMillis = 1500
    /// Test hook: the control command `debug-write-probe PATH` tries to create PATH and
    /// reports the errno, proving the Landlock domain from inside the daemon.
    public var debugWriteProbe = false
    public var bpf = BPFMode.auto

    /// The kernel lockdown level the daemon sets at start: `off` leaves it as it is;
    /// `integrity` refuses unsigned modules, kexec of unsigned kernels, /dev/mem writes
    /// and more (kernel_lockdown(7)). `confidentiality` is not offered: it also refuses
    /// reading kernel memory, which BPF programs (Tier A's among them) may need.
    public enum LockdownMode: String, Sendable, Equatable, CaseIterable {
        case off, integrity
    }

    /// Host-wide and one-way until reboot, so never on by default: Yama's
    /// `kernel.yama.ptrace_scope = 3` refuses every ptrace attach (and with it
    /// pidfd_getfd, /proc/PID/mem and process_vm_writev) to every process, root
    /// included: gdb and strace -p stop working on the whole host.
    public var lockPtrace = false
    public var kernelLockdown = LockdownMode.off

    public init() {}

    /// `[protection]` of one config text (`Configuration.parse` reads every section at once).
    public static func parse(_ text: String, file: String) throws(ConfigError) -> ProtectionConfig {
        try read(TOMLDocument.parse(text, file: file), file: file)
    }

    static func read(_ doc: TOMLDocument, file: String) throws(ConfigError) -> ProtectionConfig {
        var c = ProtectionConfig()
        for table in doc.tables where table.name == "protection" {
            let r = TableReader(file: file, table: table)
            try r.only(["enabled", "own_files", "paths", "maintainers", "contain", "liveness_interval_ms", "liveness_timeout_ms",
                        "audit_interval_ms", "heartbeat_seconds", "canary_paths", "canary_interval_ms", "canary_deadline_ms",
                        "debug_write_probe", "bpf", "lock_ptrace", "kernel_lockdown"])
            if let b = try r.bool("enabled") { c.enabled = b }
            if let b = try r.bool("own_files") { c.ownFiles = b }
            if let p = try r.paths("paths") { c.paths = p }
            if let p = try r.paths("maintainers") { c.maintainers = p }
            if let b = try r.bool("contain") { c.contain = b }
            if let n = try r.int("liveness_interval_ms") {
                guard (100...600_000).contains(n) else { throw r.bad("liveness_interval_ms", "must be 100 to 600000") }
                c.livenessIntervalMillis = n
            }
            if let n = try r.int("liveness_timeout_ms") {
                guard (500...600_000).contains(n) else { throw r.bad("liveness_timeout_ms", "must be 500 to 600000") }
                c.livenessTimeoutMillis = n
            }
            if let n = try r.int("audit_interval_ms") {
                guard (100...60_000).contains(n) else { throw r.bad("audit_interval_ms", "must be 100 to 60000") }
                c.auditIntervalMillis = n
            }
            if let n = try r.int("heartbeat_seconds") {
                guard (0...3600).contains(n) else { throw r.bad("heartbeat_seconds", "must be 0 to 3600") }
                c.heartbeatSeconds = n
            }
            if let p = try r.paths("canary_paths") { c.canaryPaths = p }
            if let n = try r.int("canary_interval_ms") {
                guard n == 0 || (200...600_000).contains(n) else { throw r.bad("canary_interval_ms", "must be 0 or 200 to 600000") }
                c.canaryIntervalMillis = n
            }
            if let n = try r.int("canary_deadline_ms") {
                guard (100...60_000).contains(n) else { throw r.bad("canary_deadline_ms", "must be 100 to 60000") }
                c.canaryDeadlineMillis = n
            }
            if let b = try r.bool("debug_write_probe") { c.debugWriteProbe = b }
            if let m = try r.string("bpf") {
                guard let mode = BPFMode(rawValue: m) else { throw r.bad("bpf", "must be \"auto\", \"off\" or \"require\"") }
                c.bpf = mode
            }
            if let b = try r.bool("lock_ptrace") { c.lockPtrace = b }
            if let m = try r.string("kernel_lockdown") {
                guard let mode = LockdownMode(rawValue: m) else {
                    throw r.bad("kernel_lockdown", "must be \"off\" or \"integrity\" (\"confidentiality\" is not offered: it refuses BPF reads of kernel memory)")
                }
                c.kernelLockdown = mode
            }
        }
        return c
    }

    /// The canary test files (none unless configured: the installed config names one in
    /// the first guarded folder, where opens are judged).
    public func canaryFiles(guardPaths: [String]) -> [String] {
        canaryIntervalMillis > 0 ? canaryPaths : []
    }

    public func render() -> String {
        func list(_ a: [String]) -> String { "[" + a.map(TOMLDocument.quote).joined(separator: ", ") + "]" }
        return """
        [protection]
        enabled = \(enabled)
        own_files = \(ownFiles)
        paths = \(list(paths))
        maintainers = \(list(maintainers))
        contain = \(contain)
        liveness_interval_ms = \(livenessIntervalMillis)
        liveness_timeout_ms = \(livenessTimeoutMillis)
        bpf = "\(bpf.rawValue)"
        audit_interval_ms = \(auditIntervalMillis)
        heartbeat_seconds = \(heartbeatSeconds)
        canary_paths = \(list(canaryPaths))
        canary_interval_ms = \(canaryIntervalMillis)
        canary_deadline_ms = \(canaryDeadlineMillis)
        lock_ptrace = \(lockPtrace)
        kernel_lockdown = "\(kernelLockdown.rawValue)"

        """
    }
}
