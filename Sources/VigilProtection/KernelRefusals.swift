import Glibc
import VigilConfig
import VigilEvents
import VigilSystem

// Owns: the two host-wide, one-way refusals the kernel offers without BPF LSM (Yama's
// ptrace_scope 3, kernel lockdown): reading their state, setting them at the daemon's
// start when [protection] asks, and what status says the kernel refuses on this host.
// Must not: lower either (the kernel refuses that anyway), mount anything, or set
// anything the config does not ask for.

/// What the kernel refuses on this host, whatever the config says: Yama's ptrace scope
/// and the lockdown level, read from procfs and securityfs.
public struct KernelRefusals: Sendable, Equatable {
    /// `kernel.yama.ptrace_scope`; `absent` when the kernel has no Yama (no sysctl).
    public enum Yama: Sendable, Equatable {
        case absent
        case scope(Int)
    }

    /// The lockdown level; `absent` without the lockdown LSM, `unknown` when securityfs
    /// is not mounted (nothing to read it from).
    public enum Lockdown: Sendable, Equatable {
        case absent
        case unknown
        case level(String)
    }

    public var yama: Yama
    public var lockdown: Lockdown

    public init(yama: Yama, lockdown: Lockdown) {
        self.yama = yama
        self.lockdown = lockdown
    }

    public static let yamaPath = "/proc/sys/kernel/yama/ptrace_scope"
    public static let lockdownPath = "/sys/kernel/security/lockdown"
    public static let securityfs = "/sys/kernel/security"

    /// The state now. Yama's sysctl exists only when Yama is built in and active; the
    /// lockdown file only with the lockdown LSM (and securityfs mounted).
    public static func read(yamaPath: String = yamaPath, lockdownPath: String = lockdownPath,
                            securityfs: String = securityfs) -> KernelRefusals {
        let yama: Yama = readSmallFile(yamaPath).flatMap { Int($0.trimmed()) }.map(Yama.scope) ?? .absent
        let lockdown: Lockdown
        if let text = readSmallFile(lockdownPath), let level = parseLockdown(text) {
            lockdown = .level(level)
        } else {
            lockdown = readSmallFile(securityfs + "/lsm") == nil ? .unknown : .absent
        }
        return KernelRefusals(yama: yama, lockdown: lockdown)
    }

    /// securityfs's lockdown file lists every level and brackets the one in force:
    /// "none [integrity] confidentiality".
    public static func parseLockdown(_ text: String) -> String? {
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) where word.hasPrefix("[") && word.hasSuffix("]") && word.count > 2 {
            return String(word.dropFirst().dropLast())
        }
        return nil
    }

    /// Whether Yama's scope is 3 now: one small read, for callers that must stop using
    /// ptrace-attach access the moment it is refused (it cannot be lowered until reboot).
    static func yamaScope3Now(path: String = yamaPath) -> Bool {
        readSmallFile(path)?.trimmed() == "3"
    }

    /// Yama scope 3 refuses every PTRACE_MODE_ATTACH check: ptrace attach, pidfd_getfd,
    /// opening /proc/PID/mem, process_vm_readv/writev. Scopes 1 and 2 still let root
    /// (CAP_SYS_PTRACE) attach, which is the attacker we mean.
    public var refusesPtrace: Bool { yama == .scope(3) }

    /// Lockdown integrity (or the stronger confidentiality) refuses unsigned modules and
    /// kexec of unsigned kernels.
    public var refusesModules: Bool { lockdown == .level("integrity") || lockdown == .level("confidentiality") }

    /// Short names of what is refused, for the heartbeat and metrics.
    public var refuses: [String] { (refusesPtrace ? ["ptrace"] : []) + (refusesModules ? ["modules"] : []) }

    public var yamaLabel: String {
        switch yama {
        case .absent: "absent"
        case .scope(let n): "\(n)"
        }
    }

    public var lockdownLabel: String {
        switch lockdown {
        case .absent: "absent"
        case .unknown: "unknown (securityfs not mounted)"
        case .level(let l): l
        }
    }

    /// What an admin reads in `vigil status`: which attacks the kernel refuses here.
    public var ptraceLine: String {
        switch yama {
        case .scope(3): "refused by Yama scope 3 (ptrace attach, pidfd_getfd, /proc/PID/mem, process_vm_writev)"
        case .scope(let n): "detected only (Yama scope \(n) lets root attach; [protection] lock_ptrace = true sets 3)"
        case .absent: "detected only (this kernel has no Yama)"
        }
    }

    public var modulesLine: String {
        if refusesModules { return "refused by lockdown \(lockdownLabel) (unsigned modules, kexec of unsigned kernels, /dev/mem writes)" }
        return switch lockdown {
        case .absent: "not refused (this kernel has no lockdown LSM): shows only as a heartbeat gap"
        case .unknown: "unknown (securityfs not mounted): assume not refused"
        case .level(let l): "not refused (lockdown \(l); [protection] kernel_lockdown = \"integrity\" sets it): shows only as a heartbeat gap"
        }
    }

    public func json() -> JSONLine {
        var o = JSONLine()
        o.add("yama_ptrace_scope", yamaLabel)
        o.add("lockdown", lockdownLabel)
        o.add("ptrace", ptraceLine)
        o.add("modules_kexec", modulesLine)
        return o
    }

    // MARK: setting them at start

    /// One step of making the kernel refuse what [protection] asks.
    public enum Step: Sendable, Equatable {
        /// Write this to the file.
        case write(path: String, value: String)
        /// Already in force (or stronger, e.g. set at boot): nothing to do; the text says so.
        case inForce(String)
        /// Asked for, but this kernel cannot: a start-up warning and a status line.
        case unavailable(String)
    }

    /// The decision, a pure function of the config and the state now. The same under
    /// both tiers: with Yama scope 3 the tamper guard cannot read an opener's intent
    /// (/proc/TID/syscall needs ptrace-attach access), and allows an open of an
    /// immutable protected file anyway, because the VFS refused every write open of it
    /// before the permission event (TamperAnswer).
    public static func plan(lockPtrace: Bool, lockdown: ProtectionConfig.LockdownMode, now: KernelRefusals) -> [Step] {
        var steps: [Step] = []
        if lockPtrace {
            switch now.yama {
            case .scope(3): steps.append(.inForce("Yama ptrace_scope is 3 already"))
            case .scope: steps.append(.write(path: yamaPath, value: "3"))
            case .absent: steps.append(.unavailable("[protection] lock_ptrace = true, but this kernel has no Yama (lsm= lacks yama): ptrace, pidfd_getfd and /proc/PID/mem attacks are detected only"))
            }
        }
        if lockdown == .integrity {
            switch now.lockdown {
            case .level("integrity"): steps.append(.inForce("lockdown is integrity already"))
            // Higher than asked (a host hardened at boot): left as it is. The kernel would
            // refuse a lower level anyway; Vigil does not even try, and says so.
            case .level("confidentiality"): steps.append(.inForce("lockdown is confidentiality already (higher than the integrity asked for: left as it is, never lowered)"))
            case .level: steps.append(.write(path: lockdownPath, value: "integrity"))
            case .absent: steps.append(.unavailable("[protection] kernel_lockdown = \"integrity\", but this kernel has no lockdown LSM: module loading and kexec are not refused"))
            case .unknown: steps.append(.unavailable("[protection] kernel_lockdown = \"integrity\", but securityfs is not mounted at \(securityfs): the lockdown level cannot be read or set"))
            }
        }
        return steps
    }

    /// What applying found: the state after, and one line per step (warnings for what
    /// the kernel lacks or refused).
    public struct Applied: Sendable {
        public var state: KernelRefusals
        public var done: [String] = []
        public var warnings: [String] = []
    }

    /// Sets what [protection] asks (needs CAP_SYS_PTRACE for Yama, CAP_SYS_ADMIN for
    /// lockdown; the daemon's main thread keeps both). Never throws: a kernel that lacks
    /// a setting is a warning, never a refusal to run.
    public static func apply(_ config: ProtectionConfig, read: () -> KernelRefusals = { KernelRefusals.read() }) -> Applied {
        var out = Applied(state: read())
        for step in plan(lockPtrace: config.lockPtrace, lockdown: config.kernelLockdown, now: out.state) {
            switch step {
            case .inForce(let what): out.done.append(what)
            case .unavailable(let why): out.warnings.append(why)
            case .write(let path, let value):
                if let error = writeSetting(path, value) {
                    out.warnings.append("could not write \(value) to \(path): \(error)")
                } else {
                    out.done.append("wrote \(value) to \(path)")
                }
            }
        }
        out.state = read()
        return out
    }

    private static func writeSetting(_ path: String, _ value: String) -> Errno? {
        do {
            let fd = try sysCall { open(path, O_WRONLY | O_CLOEXEC) }
            defer { close(fd) }
            let bytes = Array((value + "\n").utf8)
            let n = try sysCall { bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } }
            return n == bytes.count ? nil : Errno(EIO)
        } catch {
            return error
        }
    }
}
