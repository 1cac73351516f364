import CLinux
import CSeccomp
import Glibc

/// The sandbox a scan worker enters before it reads a byte of a scanned file (issue 12
/// item 6): its own unprivileged user, no capabilities (bounding set included), not
/// dumpable, small resource limits, a process-wide Landlock domain that allows no file
/// access at all (the worker reads only descriptors it is handed), and a seccomp
/// allowlist of the calls a scan needs. One function, so the worker and its self-test
/// enter exactly the same sandbox.
///
/// Owns: the order of the steps (each needs a right the next one takes away) and the
/// allowlist. Must not: be entered by the daemon itself, or by a process that already
/// runs more than one thread (Landlock restricts only the calling thread; seccomp is
/// synchronized, Landlock is not).
public enum Sandbox {
    public struct Identity: Sendable, Equatable {
        public var uid: UInt32
        public var gid: UInt32
        public init(uid: UInt32, gid: UInt32) { self.uid = uid; self.gid = gid }
        /// The user the package creates for the workers.
        public static let userName = "vigil-scan"
        /// Outside the package: nobody/nogroup.
        public static let fallback = Identity(uid: 65534, gid: 65534)

        /// The workers' user: `vigil-scan` when it exists, else nobody (the status says so).
        public static func resolve() -> (Identity, dedicated: Bool) {
            guard let pw = getpwnam(userName) else { return (fallback, false) }
            return (Identity(uid: pw.pointee.pw_uid, gid: pw.pointee.pw_gid), true)
        }
    }

    public struct Limits: Sendable {
        /// Open descriptors: the socket, one scanned file, one archive member at a time.
        public var openFiles: UInt64 = 16
        /// Address space: the rules, a scan buffer, archive buffers, libyara's scratch.
        public var addressSpace: UInt64 = 8 << 30
        public init() {}
    }

    /// What was entered, for the worker's hello and the status report.
    public struct Report: Sendable, Equatable {
        public var landlockABI = 0
        public var seccomp = false
    }

    /// Every Landlock filesystem right of `abi` (handled, and none granted).
    static func fsRights(abi: Int) -> UInt64 {
        var rights: UInt64 = (1 << 13) - 1           // ABI 1: execute ... make_sym
        if abi >= 2 { rights |= 1 << 13 }             // refer
        if abi >= 3 { rights |= 1 << 14 }             // truncate
        if abi >= 5 { rights |= 1 << 15 }             // ioctl_dev
        return rights
    }

    /// Closes every descriptor but stdio and `keep`, drops to `identity` and locks the
    /// process in. After it returns the process can read and write the descriptors it
    /// holds and nothing else; when it throws, the caller must exit without scanning.
    public static func enter(as identity: Identity, keep: [Int32], limits: Limits = Limits()) throws(VigilError) -> Report {
        let threads = listDirectory("/proc/self/task").count
        guard threads == 1 else { throw VigilError("cannot sandbox a process with \(threads) threads (Landlock would cover one)") }
        var report = Report()
        // Descriptors inherited by mistake (a daemon fd without O_CLOEXEC) go first.
        for e in listDirectory("/proc/self/fd") {
            if let fd = Int32(e.text), fd > 2, !keep.contains(fd) { close(fd) }
        }
        _ = try sysCall(orThrow: "PR_SET_NO_NEW_PRIVS failed") { vigil_set_no_new_privs() }
        // Capabilities, the bounding set while CAP_SETPCAP is still ours (EINVAL ends the list).
        var cap: Int32 = 0
        while cap < 64 {
            if vigil_capbset_drop(cap) != 0 {
                if errno == EINVAL { break }
                throw VigilError("cannot drop capability \(cap) from the bounding set", cause: Errno(errno))
            }
            cap += 1
        }
        _ = vigil_cap_ambient_clear()
        _ = try sysCall(orThrow: "setgroups failed") { setgroups(0, nil) }
        _ = try sysCall(orThrow: "setresgid(\(identity.gid)) failed") { vigil_setresgid(identity.gid) }
        _ = try sysCall(orThrow: "setresuid(\(identity.uid)) failed") { vigil_setresuid(identity.uid) }
        // A uid change clears the capability sets; say so rather than trust it.
        _ = try sysCall(orThrow: "capset failed") { vigil_capset(0, 0, 0) }
        guard getuid() == identity.uid, geteuid() == identity.uid, getgid() == identity.gid, getegid() == identity.gid,
              vigil_setresuid(0) != 0 else {
            throw VigilError("the worker could still become root")
        }
        _ = try sysCall(orThrow: "PR_SET_DUMPABLE failed") { vigil_prctl_set_dumpable(0) }
        // The daemon (our parent) going away takes the worker with it (set after the uid
        // change, which clears it).
        _ = vigil_set_pdeathsig(SIGKILL)
        let rlimits: [(Int32, UInt64, String)] = [
            (Int32(RLIMIT_NOFILE.rawValue), limits.openFiles, "NOFILE"), (Int32(RLIMIT_AS.rawValue), limits.addressSpace, "AS"),
            (Int32(RLIMIT_CORE.rawValue), 0, "CORE"),
            (vigil_rlimit_nproc(), 0, "NPROC"), (vigil_rlimit_memlock(), 0, "MEMLOCK"),
        ]
        for (resource, value, name) in rlimits {
            var l = rlimit(rlim_cur: rlim_t(value), rlim_max: rlim_t(value))
            _ = try sysCall(orThrow: "setrlimit \(name) failed") { setrlimit(resource, &l) }
        }
        report.landlockABI = try enterLandlock()
        try enterSeccomp()
        report.seccomp = true
        return report
    }

    /// Handles every filesystem right (and TCP, and abstract sockets and signals where
    /// the ABI has them) and grants none.
    private static func enterLandlock() throws(VigilError) -> Int {
        let abi = Int(vigil_landlock_abi_version())
        guard abi >= 1 else { throw VigilError("Landlock is not enabled in this kernel (lsm=landlock): the worker would not be confined") }
        let net: UInt64 = abi >= 4 ? 0b11 : 0                  // bind_tcp, connect_tcp
        let scoped: UInt64 = abi >= 6 ? 0b11 : 0               // abstract unix sockets, signals
        let fd = try sysCall(orThrow: "landlock_create_ruleset failed") { vigil_landlock_create_ruleset_full(fsRights(abi: abi), net, scoped, Int32(min(abi, 7))) }
        defer { close(fd) }
        _ = try sysCall(orThrow: "landlock_restrict_self failed") { vigil_landlock_restrict_self(fd) }
        return abi
    }

    /// The calls a scan needs. Everything else fails with EPERM (not a kill: a library
    /// probing a call gets an error it handles; an attacker gets nothing either way).
    /// Writes go only to stdout/stderr and the socket; no mapping is ever executable.
    static let allowed = [
        "read", "pread64", "readv", "preadv", "lseek", "fstat", "newfstatat", "statx", "fcntl",
        "recvmsg", "sendmsg", "recvfrom", "sendto", "close",
        "mmap", "munmap", "mremap", "madvise", "brk",
        "futex", "clock_gettime", "clock_getres", "gettimeofday", "nanosleep", "clock_nanosleep", "sched_yield", "sched_getaffinity",
        "getpid", "gettid", "getuid", "geteuid", "getgid", "getegid", "getrandom", "uname",
        "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "sigaltstack", "restart_syscall",
        "exit", "exit_group",
    ]

    private static func enterSeccomp() throws(VigilError) {
        guard let ctx = seccomp_init(vigil_scmp_act_errno(UInt16(EPERM))) else { throw VigilError("seccomp_init failed") }
        defer { seccomp_release(ctx) }
        func nr(_ name: String) throws(VigilError) -> Int32 {
            let n = seccomp_syscall_resolve_name(name)
            guard n != __NR_SCMP_ERROR else { throw VigilError("seccomp does not know \(name)") }
            return n
        }
        func check(_ rc: Int32, _ what: String) throws(VigilError) {
            guard rc == 0 else { throw VigilError("seccomp rule for \(what) refused", cause: Errno(-rc)) }
        }
        for name in allowed where name != "mmap" {
            try check(vigil_scmp_allow(ctx, try nr(name)), name)
        }
        // W^X: no executable mapping, new or changed.
        try check(vigil_scmp_allow_arg_clear(ctx, try nr("mmap"), 2, UInt64(PROT_EXEC)), "mmap")
        try check(vigil_scmp_allow_arg_clear(ctx, try nr("mprotect"), 2, UInt64(PROT_EXEC)), "mprotect")
        for fd in [1, 2] {
            try check(vigil_scmp_allow_arg_eq(ctx, try nr("write"), 0, UInt64(fd)), "write")
            try check(vigil_scmp_allow_arg_eq(ctx, try nr("writev"), 0, UInt64(fd)), "writev")
        }
        // abort() signals itself; nobody else.
        let pid = UInt64(UInt32(bitPattern: getpid()))
        try check(vigil_scmp_allow_arg_eq(ctx, try nr("tgkill"), 0, pid), "tgkill")
        // prlimit64 only to read our own limits (pid 0, no new value).
        try check(vigil_scmp_allow_args_eq(ctx, try nr("prlimit64"), 0, 0, 2, 0), "prlimit64")
        // Every thread (there is one) and no way back.
        try check(seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1), "TSYNC")
        try check(seccomp_load(ctx), "seccomp_load")
    }

    /// The process's name in ps and /proc/PID/comm (15 bytes at most).
    public static func name(_ name: String) { vigil_set_thread_name(String(name.prefix(15))) }

    /// What /proc says of a process's confinement, for tests and the status report.
    public struct Observed: Sendable, Equatable {
        public var uid: UInt32?
        public var capEff: UInt64?
        public var capBnd: UInt64?
        public var seccomp: Int?
        public var noNewPrivs: Int?
    }

    public static func observe(pid: Int32) -> Observed? {
        guard let text = try? readTextFile("/proc/\(pid)/status") else { return nil }
        var o = Observed()
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let value = parts[1].trimmingCharacters(in: " \t")
            switch parts[0] {
            case "Uid": o.uid = value.split(whereSeparator: { $0 == "\t" || $0 == " " }).first.flatMap { UInt32($0) }
            case "CapEff": o.capEff = UInt64(value, radix: 16)
            case "CapBnd": o.capBnd = UInt64(value, radix: 16)
            case "Seccomp": o.seccomp = Int(value)
            case "NoNewPrivs": o.noNewPrivs = Int(value)
            default: break
            }
        }
        return o
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
