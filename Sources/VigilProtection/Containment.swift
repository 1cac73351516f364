import Glibc
import Synchronization
import VigilConfig
import VigilSystem

/// The daemon's containment: after start-up it keeps only the capabilities its running
/// work needs, and the threads that parse hostile bytes enter a Landlock domain that
/// lets them write only where their job needs it (`enterCurrentThread()` first thing
/// in their body; the daemon hands that call to the on-access service as its scan
/// threads' set-up, so the permission path never imports self-protection).
///
/// Owns: the prepared domain and the capability drop. Must not: choose when threads
/// start (the daemon applies this before any exists).
public enum Containment {
    private static let ruleset = Atomic<Int32>(-1)
    public static let entered = Atomic<Int>(0)
    public static let failures = Atomic<Int>(0)

    /// What `apply` did, for the status report.
    public struct Report: Sendable, Equatable {
        public var landlock = "not applied"
        public var capabilities = "not dropped"
        public var keptCapabilities: [String] = []
        public init() {}
    }

    /// The folders scan threads may write. Upload folders allow moving entries but never
    /// changing a file's bytes: quarantine parks an upload in a private staging folder
    /// there before unlinking it (mkdir, rename, unlink, rmdir), and puts back whatever a
    /// racer swapped in, of any type (the make rights). The state folder (quarantine,
    /// sealed copies) and `extraWritable` (more quarantine folders) allow anything.
    /// Protected files are restored by the tamper guard's own thread, which stays outside
    /// the domain.
    public static func rules(stateDirectory: String, extraWritable: [String] = [], uploadFolders: [String] = []) -> [Landlock.Rule] {
        let writes = Landlock.Access.writes(abi: 99)
        var rules: [Landlock.Rule] = []
        rules.append(.init(path: stateDirectory, access: writes))
        for p in extraWritable { rules.append(.init(path: p, access: writes)) }
        let moveOnly = writes.subtracting([.writeFile, .truncate])
        for p in uploadFolders { rules.append(.init(path: p, access: moveOnly)) }
        return rules
    }

    /// The capability drop, and the Landlock domain scan threads enter. Must run before
    /// the daemon starts any thread: capabilities are per thread, and a thread started
    /// earlier would keep the old ones.
    public static func apply(_ config: ProtectionConfig, stateDirectory: String, extraWritable: [String] = [],
                             uploadFolders: [String] = []) throws(VigilError) -> Report {
        var report = Report()
        guard config.enabled, config.contain else { return report }
        let threads = listDirectory("/proc/self/task").count
        if threads > 1 {
            report.capabilities = "not dropped: \(threads) threads already running"
            return report
        }
        let rules = rules(stateDirectory: stateDirectory, extraWritable: extraWritable, uploadFolders: uploadFolders)
        // Our own folders must exist for a rule to hold them (upload folders are not ours to create).
        for path in [stateDirectory] + extraWritable where path != "/" {
            var st = stat()
            if stat(path, &st) != 0 { try? makeDirectories(path, mode: path == stateDirectory ? 0o700 : 0o755) }
        }
        let prepared = try Landlock.makeRuleset(allowing: rules)
        if let prepared { install(prepared.fd) }
        let kept = try Capabilities.limit(to: .daemon, dormant: Capabilities.Set.workerSpawn.union(.kernelLog))
        if let prepared {
            report.landlock = "applied to scan threads (ABI \(prepared.abi)): they write only to \(rules.count) folders"
        } else {
            report.landlock = "not applied: Landlock is not enabled in this kernel (lsm=landlock)"
        }
        report.capabilities = "dropped to \(kept.names.count)"
        report.keptCapabilities = kept.names
        return report
    }

    private static func install(_ fd: Int32) {
        let old = ruleset.exchange(fd, ordering: .acquiringAndReleasing)
        if old >= 0 { close(old) }
    }

    public static var isPrepared: Bool { ruleset.load(ordering: .acquiring) >= 0 }

    /// A no-op when no domain was prepared (protection off, or no Landlock).
    public static func enterCurrentThread() {
        let fd = ruleset.load(ordering: .acquiring)
        guard fd >= 0 else { return }
        do {
            try Landlock.restrictCurrentThread(fd)
            entered.add(1, ordering: .relaxed)
        } catch {
            failures.add(1, ordering: .relaxed)
        }
    }
}
