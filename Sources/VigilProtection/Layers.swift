import Glibc
import VigilEvents
import VigilSystem

/// Which self-protection layers this machine and this run actually have. Detected at
/// run time; a missing layer is a warning in `vigil status` and the log, never a crash.
///
/// Owns: detection and the report. Must not: enable anything.
public struct ProtectionLayers: Sendable {
    public var enabled = false
    public var protectedFiles = 0
    /// Protected files whose filesystem refused the immutable flag, with the reason.
    public var immutableMissing: [String: String] = [:]
    public var marksMissing: [String: String] = [:]
    public var permissionMarks = false
    public var fileHandles = false
    public var landlock = "not applied"
    public var landlockABI: Int?
    public var capabilities = "not dropped"
    public var keptCapabilities: [String] = []
    public var bpfLSM = ProtectionLayers.detectBPFLSM()
    public var watchdogPid: Int32?
    public var systemdWatchdogMicros: Int?
    /// Integrity alarms: what Vigil trusts is not whole (a restore failed, ...). Any
    /// one makes protection_state "compromised" (red), never "partial".
    public var alarms: [String] = []
    /// With a maintenance key: the manifest request awaiting the operator's signature.
    public var manifestUnsigned: String?
    /// What the kernel refuses on this host (Yama, lockdown), read at each report; and
    /// what [protection] lock_ptrace / kernel_lockdown asked for and this kernel lacks.
    public var kernel = KernelRefusals(yama: .absent, lockdown: .unknown)
    public var kernelWarnings: [String] = []
    /// What the daemon found or did at start for [protection] lock_ptrace and
    /// kernel_lockdown ("... already": in force before it, e.g. set at boot; "wrote ...":
    /// set by it). Nil when neither was asked for.
    public var kernelAtStart: [String]?
    /// The load test passed, the programs did not load: why (tier B runs).
    public var tierALoadFailure: String?

    public init() {}

    /// BPF LSM is the strongest layer where it can be used. Until self-protection starts,
    /// this says whether the kernel lists it; then it is the tier that runs
    /// (`ProtectionTier.label`: the real load test's answer, not the list's).
    public static func detectBPFLSM(path: String = "/sys/kernel/security/lsm") -> String {
        guard let text = readSmallFile(path) else { return "unknown (securityfs not mounted)" }
        let active = text.split(whereSeparator: { $0 == "," || $0 == "\n" }).contains("bpf")
        return active ? "available (not used by vigil)" : "not active (lsm=\(Substring(text).droppingTrailing("\n")))"
    }

    public var warnings: [String] {
        var w: [String] = []
        guard enabled else { return ["self-protection is off ([protection] enabled = false)"] }
        w += alarms.map { "ALARM: " + $0 }
        if let r = manifestUnsigned {
            w.append("the sealed manifest is not signed by the maintenance key: sign \(r) (vigil maintenance sign --key PRIV --manifest REQUEST), "
                     + "then record it (vigil maintenance manifest --signature S); a restart before that keeps the last signed state")
        }
        for (path, why) in immutableMissing.sorted(by: { $0.key < $1.key }) {
            w.append("immutable flag missing on \(path): \(why); permission marks and restore still guard it")
        }
        for (path, why) in marksMissing.sorted(by: { $0.key < $1.key }) { w.append("\(path): \(why)") }
        if !permissionMarks { w.append("no fanotify permission group: opens for writing are not refused") }
        if !fileHandles { w.append("fanotify cannot report file handles: deletes and renames are found by the 250 ms sweep") }
        if landlockABI == nil || !landlock.hasPrefix("applied") { w.append("Landlock containment: \(landlock)") }
        if !capabilities.hasPrefix("dropped") { w.append("capabilities: \(capabilities)") }
        w += kernelWarnings
        if let why = tierALoadFailure { w.append("tier A did not load: \(why); running tier B (detection only)") }
        return w
    }

    public func json() -> JSONLine {
        var o = JSONLine()
        o.add("enabled", enabled)
        o.add("protected_files", protectedFiles)
        var layers = JSONLine()
        var imm = JSONLine()
        imm.add("ok", enabled && immutableMissing.isEmpty)
        imm.add("missing", immutableMissing.keys.sorted())
        layers.add("immutable", object: imm)
        layers.add("permission_marks", permissionMarks)
        layers.add("file_handles", fileHandles)
        var ll = JSONLine()
        ll.add("status", landlock)
        ll.add("abi", landlockABI)
        layers.add("landlock", object: ll)
        var caps = JSONLine()
        caps.add("status", capabilities)
        caps.add("kept", keptCapabilities)
        layers.add("capabilities", object: caps)
        layers.add("bpf_lsm", bpfLSM)
        var refusals = kernel.json()
        if let done = kernelAtStart, !done.isEmpty { refusals.add("at_start", done) }
        layers.add("kernel_refusals", object: refusals)
        o.add("layers", object: layers)
        o.add("watchdog_pid", watchdogPid.map(Int.init))
        o.add("systemd_watchdog_us", systemdWatchdogMicros)
        o.add("alarms", alarms)
        o.add("warnings", warnings)
        return o
    }
}
