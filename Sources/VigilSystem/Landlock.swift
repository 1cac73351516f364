import CLinux
import Glibc
import Synchronization

/// Landlock(7), typed: the threads that parse hostile files may write only where their
/// job needs it. Reads, directory listings and execution are NOT handled: the kernel
/// opens fanotify event descriptors in the listener's context, and scanning must read
/// any file the host has.
///
/// Why threads and not the whole process: a Landlocked task may not ptrace-access tasks
/// outside its domain, and reading another process's /proc/PID/exe or /proc/TID/syscall
/// is a ptrace access. The event loop (exclusions by executable) and the tamper guard
/// (who is opening a protected file, and for what) need exactly that, so they stay
/// outside; the scan workers, which run YARA and libmagic on untrusted bytes, enter the
/// domain when they start. Threads share memory, so this raises the bar for an exploit
/// (the direct write path is closed by the kernel) without being a process boundary.
///
/// Owns: building the ruleset and entering it. Must not: choose the folders (the caller does).
public enum Landlock {
    /// LANDLOCK_ACCESS_FS_* bits.
    public struct Access: OptionSet, Sendable {
        public let rawValue: UInt64
        public init(rawValue: UInt64) { self.rawValue = rawValue }
        public static let execute = Access(rawValue: 1 << 0)
        public static let writeFile = Access(rawValue: 1 << 1)
        public static let readFile = Access(rawValue: 1 << 2)
        public static let readDir = Access(rawValue: 1 << 3)
        public static let removeDir = Access(rawValue: 1 << 4)
        public static let removeFile = Access(rawValue: 1 << 5)
        public static let makeChar = Access(rawValue: 1 << 6)
        public static let makeDir = Access(rawValue: 1 << 7)
        public static let makeReg = Access(rawValue: 1 << 8)
        public static let makeSock = Access(rawValue: 1 << 9)
        public static let makeFifo = Access(rawValue: 1 << 10)
        public static let makeBlock = Access(rawValue: 1 << 11)
        public static let makeSym = Access(rawValue: 1 << 12)
        public static let refer = Access(rawValue: 1 << 13)          // ABI 2
        public static let truncate = Access(rawValue: 1 << 14)       // ABI 3

        /// Everything that changes the filesystem, as far as `abi` knows it.
        public static func writes(abi: Int) -> Access {
            var a: Access = [.writeFile, .removeDir, .removeFile, .makeChar, .makeDir, .makeReg,
                             .makeSock, .makeFifo, .makeBlock, .makeSym]
            if abi >= 2 { a.insert(.refer) }
            if abi >= 3 { a.insert(.truncate) }
            return a
        }
        /// What a file (not a folder) can be granted.
        static let fileRights: Access = [.execute, .writeFile, .readFile, .truncate]
    }

    /// One folder (or file) and what may be done beneath it.
    public struct Rule: Sendable, Equatable {
        public let path: String
        public let access: Access
        public init(path: String, access: Access) {
            self.path = path
            self.access = access
        }
    }

    /// The ABI version, or nil when the kernel has no (enabled) Landlock.
    public static var abiVersion: Int? {
        let v = vigil_landlock_abi_version()
        return v > 0 ? Int(v) : nil
    }

    /// A ruleset that handles every write and allows `rules`; nil when the kernel has no
    /// Landlock. A rule whose path is missing is skipped (it cannot be written anyway).
    /// The caller owns the returned descriptor.
    public static func makeRuleset(allowing rules: [Rule]) throws(VigilError) -> (fd: Int32, abi: Int)? {
        guard let abi = abiVersion else { return nil }
        let handled = Access.writes(abi: abi)
        let ruleset = try sysCall(orThrow: "landlock_create_ruleset failed") { vigil_landlock_create_ruleset(handled.rawValue) }
        for rule in rules {
            guard let fd = try? sysCall({ open(rule.path, VIGIL_O_PATH | O_CLOEXEC) }) else { continue }
            defer { close(fd) }
            var st = stat()
            fstat(fd, &st)
            var access = rule.access.intersection(handled)
            if !st.isDirectory { access = access.intersection(Access.fileRights) }
            if access.isEmpty { continue }
            do { _ = try sysCall { vigil_landlock_add_path(ruleset, fd, access.rawValue) } } catch {
                close(ruleset)
                throw VigilError("landlock_add_rule for \(rule.path) failed", cause: error)
            }
        }
        return (ruleset, abi)
    }

    /// Puts the calling thread (and whatever it starts later) into the ruleset's domain.
    public static func restrictCurrentThread(_ ruleset: Int32) throws(Errno) {
        // Landlock needs no_new_privs or CAP_SYS_ADMIN; we want it anyway.
        _ = try sysCall { vigil_set_no_new_privs() }
        _ = try sysCall { vigil_landlock_restrict_self(ruleset) }
    }
}
