import CLinux
import Glibc
import VigilConfig
import VigilSystem

// Owns: exclusions and the opener's identity. Must not: answer events, or read files
// other than /proc.

/// Which guarded files and which openers are exempt from scanning: excluded path
/// prefixes and globs (matched on the canonical path GuardMap found, so a bind mount
/// cannot move a file into or out of an exclusion), file owners, and trusted subjects.
/// Runs on the event thread for every event, so it does no I/O unless a rule needs it
/// (subject lookups read /proc only when uid, executable or cgroup exclusions exist).
public struct AccessPolicy: Sendable {
    let excludePrefixes: [[UInt8]]
    let excludeGlobs: [String]
    let excludeUIDs: Set<UInt32>
    let excludeOwners: Set<UInt32>
    let excludeExecutables: Set<[UInt8]>
    let excludeCgroups: [String]

    public init(config: DaemonConfig) {
        func normalize(_ p: String) -> [UInt8] {
            var b = Array((realpathString(p) ?? p).utf8)
            while b.count > 1 && b.last == UInt8(ascii: "/") { b.removeLast() }
            return b
        }
        let isGlob: (String) -> Bool = { $0.contains { "*?[".contains($0) } }
        excludePrefixes = config.excludePaths.filter { !isGlob($0) }.map(normalize)
        excludeGlobs = config.excludePaths.filter(isGlob)
        excludeUIDs = Set(config.excludeUIDs)
        excludeOwners = Set(config.excludeOwners)
        excludeExecutables = Set(config.excludeExecutables.map { Array($0.utf8) })
        excludeCgroups = config.excludeCgroups
    }

    /// `path` is `prefix` or below it (byte-wise, on whole components).
    static func under(_ path: [UInt8], _ prefix: [UInt8]) -> Bool {
        if prefix == [UInt8(ascii: "/")] { return path.first == UInt8(ascii: "/") }
        guard path.count >= prefix.count, path.starts(with: prefix) else { return false }
        return path.count == prefix.count || path[prefix.count] == UInt8(ascii: "/")
    }

    public func isExcluded(_ path: RawPath) -> Bool {
        if excludePrefixes.contains(where: { AccessPolicy.under(path.bytes, $0) }) { return true }
        for glob in excludeGlobs where path.withCString({ fnmatch(glob, $0, 0) == 0 }) { return true }
        return false
    }

    /// Whether a path exclusion exists: without one, a file's path decides nothing once
    /// its location is known, and the event thread leaves it unread until after the answer.
    public var needsPath: Bool { !excludePrefixes.isEmpty || !excludeGlobs.isEmpty }

    public func excludesOwner(_ uid: uid_t) -> Bool { !excludeOwners.isEmpty && excludeOwners.contains(uid) }

    public var needsSubject: Bool { !excludeUIDs.isEmpty || !excludeExecutables.isEmpty || !excludeCgroups.isEmpty }

    public func isTrusted(_ s: Subject) -> Bool {
        if let uid = s.uid, excludeUIDs.contains(uid) { return true }
        if let exe = s.executable, excludeExecutables.contains(exe.bytes) { return true }
        if let cg = s.cgroup, excludeCgroups.contains(where: { AccessPolicy.under(Array(cg.utf8), Array($0.utf8)) }) { return true }
        return false
    }
}

/// The process behind an event, read from /proc while it is blocked in open()/execve().
/// Everything here is untrusted text from another process.
public struct Subject: Sendable {
    public var pid: Int32
    public var uid: UInt32?
    public var executable: RawPath?
    public var cgroup: String?
    public var gid: UInt32?
    public var parentPid: Int32?
    public var parentExecutable: RawPath?

    /// Read while the opener waits, so one C pass with no allocation but the results
    /// (vigil_read_subject): it costs every logged decision's opener, and every event's
    /// when a policy trusts processes.
    public static func of(pid: Int32) -> Subject {
        var s = Subject(pid: pid)
        let exeCap = 4096, cgroupCap = 2048
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 2 * exeCap + cgroupCap) { buf in
            let exe = buf.baseAddress!, parent = exe + exeCap, cgroup = parent + exeCap
            var exeLen = -1, parentLen = -1, cgroupLen = -1
            var ppid: Int32 = 0
            var uid: Int64 = -1, gid: Int64 = -1
            guard vigil_read_subject(pid, exe, exeCap, &exeLen, parent, exeCap, &parentLen, cgroup, cgroupCap, &cgroupLen,
                                     &ppid, &uid, &gid) == 0 else { return }
            func bytes(_ p: UnsafeMutablePointer<CChar>, _ n: Int) -> [UInt8] {
                p.withMemoryRebound(to: UInt8.self, capacity: n) { Array(UnsafeBufferPointer(start: $0, count: n)) }
            }
            if exeLen > 0 { s.executable = RawPath(bytes: bytes(exe, exeLen)) }
            if uid >= 0 { s.uid = UInt32(truncatingIfNeeded: uid) }
            if gid >= 0 { s.gid = UInt32(truncatingIfNeeded: gid) }
            if ppid > 0 {
                s.parentPid = ppid
                if parentLen > 0 { s.parentExecutable = RawPath(bytes: bytes(parent, parentLen)) }
            }
            if cgroupLen >= 0 { s.cgroup = String(decoding: bytes(cgroup, cgroupLen), as: UTF8.self) }
        }
        return s
    }
}
