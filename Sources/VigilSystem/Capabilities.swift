import CLinux
import Glibc

/// Capabilities, typed: after start-up the daemon keeps only what its running work
/// needs, so a parser exploit cannot load modules, change the clock, mount, or trace
/// other processes beyond reading their /proc entries.
///
/// Owns: the calling thread's capability sets and bounding set. Must not: run after
/// other threads exist (capabilities are per thread; they would keep the old sets).
public enum Capabilities {
    public struct Set: OptionSet, Sendable {
        public let rawValue: UInt64
        public init(rawValue: UInt64) { self.rawValue = rawValue }
        public static let chown = Set(rawValue: 1 << 0)              // quarantine restore: owner back
        public static let dacOverride = Set(rawValue: 1 << 1)        // quarantine moves out of users' folders
        public static let dacReadSearch = Set(rawValue: 1 << 2)      // scan any file, walk any folder
        public static let fowner = Set(rawValue: 1 << 3)             // chmod/utimes on files we do not own
        public static let kill = Set(rawValue: 1 << 5)               // a scan worker stuck past its deadline (its own uid)
        public static let setgid = Set(rawValue: 1 << 6)             // (dormant) a scan worker's drop to its own group
        public static let setuid = Set(rawValue: 1 << 7)             // (dormant) ... and user
        public static let setpcap = Set(rawValue: 1 << 8)
        public static let linuxImmutable = Set(rawValue: 1 << 9)     // chattr +i on protected files
        public static let lease = Set(rawValue: 1 << 28)             // the "any writers?" read-lease probe on files we do not own
        public static let sysPtrace = Set(rawValue: 1 << 19)         // /proc/PID/exe of any opener
        public static let sysAdmin = Set(rawValue: 1 << 21)          // fanotify marks
        public static let sysNice = Set(rawValue: 1 << 23)           // real-time priority for the answering threads
        public static let auditWrite = Set(rawValue: 1 << 29)        // FAN_ENABLE_AUDIT decisions in the audit log
        public static let syslog = Set(rawValue: 1 << 34)            // (dormant) opening /dev/kmsg under dmesg_restrict

        /// What the daemon (and the watchdog it may respawn) keeps.
        public static let daemon: Set = [.chown, .dacOverride, .dacReadSearch, .fowner, .linuxImmutable, .lease, .sysPtrace, .sysAdmin, .sysNice, .auditWrite,
                                         .kill]
        /// Kept permitted but not effective: the daemon never uses them; a scan worker it
        /// starts (root, under no_new_privs: at most our permitted set) needs them to drop
        /// its bounding set and become its own user (Sandbox.enter).
        public static let workerSpawn: Set = [.setuid, .setgid, .setpcap]
        /// Kept permitted but not effective: the daemon opens the kernel log before its drop;
        /// a watchdog it respawns inherits its bounding set, and the daemon that watchdog
        /// starts must still be able to open it (kernel.dmesg_restrict = 1 needs CAP_SYSLOG).
        public static let kernelLog: Set = [.syslog]

        public static let names: [(Set, String)] = [
            (.chown, "CAP_CHOWN"), (.dacOverride, "CAP_DAC_OVERRIDE"), (.dacReadSearch, "CAP_DAC_READ_SEARCH"),
            (.fowner, "CAP_FOWNER"), (.kill, "CAP_KILL"), (.setgid, "CAP_SETGID"), (.setuid, "CAP_SETUID"), (.setpcap, "CAP_SETPCAP"),
            (.linuxImmutable, "CAP_LINUX_IMMUTABLE"), (.lease, "CAP_LEASE"), (.sysPtrace, "CAP_SYS_PTRACE"), (.sysAdmin, "CAP_SYS_ADMIN"), (.sysNice, "CAP_SYS_NICE"),
            (.auditWrite, "CAP_AUDIT_WRITE"), (.syslog, "CAP_SYSLOG"),
        ]
        public var names: [String] { Set.names.filter { contains($0.0) }.map(\.1) }
    }

    public static func current() -> (effective: Set, permitted: Set)? {
        var e: UInt64 = 0, p: UInt64 = 0, i: UInt64 = 0
        guard vigil_capget(&e, &p, &i) == 0 else { return nil }
        return (Set(rawValue: e), Set(rawValue: p))
    }

    /// Limits the bounding, permitted and effective sets to `keep` (what we have of it),
    /// and clears the inheritable and ambient sets. `dormant` stays in the bounding and
    /// permitted sets but leaves the effective one. Returns what was kept.
    @discardableResult
    public static func limit(to keep: Set, dormant: Set = []) throws(VigilError) -> Set {
        let keep = keep.union(dormant)
        var e: UInt64 = 0, p: UInt64 = 0, i: UInt64 = 0
        _ = try sysCall(orThrow: "capget failed") { vigil_capget(&e, &p, &i) }
        // The bounding set first, while CAP_SETPCAP is still ours; EINVAL ends the list.
        var cap: Int32 = 0
        while cap < 64 {
            if keep.rawValue & (1 << UInt64(cap)) == 0 {
                do { _ = try sysCall { vigil_capbset_drop(cap) } } catch {
                    if error.code == EINVAL { break }
                    if error.code != EPERM { throw VigilError("cannot drop capability \(cap) from the bounding set", cause: error) }
                }
            }
            cap += 1
        }
        _ = vigil_cap_ambient_clear()
        let kept = keep.rawValue & p
        _ = try sysCall(orThrow: "capset failed") { vigil_capset(kept & e & ~dormant.rawValue, kept, 0) }
        return Set(rawValue: kept)
    }
}
