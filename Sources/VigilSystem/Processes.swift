import CLinux
import Glibc
import Synchronization

// Owns: pidfds, spawning and /proc process lookups. Must not: decide when to restart
// anything.

/// A process handle that cannot be fooled by pid reuse: a pidfd becomes readable when
/// that very process exits.
public final class ProcessHandle: Sendable {
    public let pid: Int32
    let fd: Int32
    /// We started it, so we must reap it.
    let isChild: Bool
    /// Its wait(2) status once reaped (children only; -1 before, or for an adopted process).
    private let reaped = Atomic<Int32>(-1)

    public init(pid: Int32, isChild: Bool) throws(Errno) {
        self.pid = pid
        self.isChild = isChild
        fd = try sysCall { vigil_pidfd_open(pid) }
    }

    deinit { close(fd) }

    public func signal(_ signo: Int32) { _ = vigil_pidfd_send_signal(fd, signo) }

    /// Waits up to `timeoutMillis` (-1 = forever) for the exit; true once it exited.
    public func waitForExit(timeoutMillis: Int32, alsoWatching other: Int32 = -1) -> Bool {
        var fds = other >= 0 ? [readable(fd), readable(other)] : [readable(fd)]
        guard let ready = try? pollDescriptors(&fds, timeoutMillis: timeoutMillis), ready > 0, fds[0].revents != 0 else { return false }
        if isChild {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { reaped.store(status, ordering: .releasing) }
        }
        return true
    }

    /// The wait(2) status of a child that exited (how it ended: exit code or signal); nil
    /// when not reaped yet or not our child.
    public var exitStatus: Int32? {
        let s = reaped.load(ordering: .acquiring)
        return s < 0 ? nil : s
    }

    public var isAlive: Bool { !waitForExit(timeoutMillis: 0) }
}

/// Where a spawned child stands among process groups and sessions.
public enum SpawnGroup: Sendable {
    /// Ours (a worker that should die with the daemon's group).
    case inherit
    /// Its own session (a supervised daemon or watchdog: no terminal, no group signals of ours).
    case newSession
    /// Its own process group, so the whole group can be killed (a hook and what it starts).
    case newProcessGroup
}

/// One descriptor step done in the child before exec, in order.
public enum SpawnDescriptor: Sendable {
    /// `open(path, flags)` as `fd`.
    case open(Int32, path: String, flags: Int32)
    /// `dup2(source, target)`; the copy is not close-on-exec.
    case dup(Int32, to: Int32)
    case close(Int32)
}

/// posix_spawn of `executable` with `arguments` (argv[0] included): safe from a
/// multi-threaded process, unlike fork. The child starts with no blocked signal and the
/// default action for every signal (ours block SIGTERM/SIGHUP for the signalfd and
/// ignore SIGPIPE; a child must not inherit either). `environment` nil: ours.
public func spawnProcess(_ executable: String, _ arguments: [String], environment: [String]? = nil,
                         group: SpawnGroup = .newSession, descriptors: [SpawnDescriptor] = []) throws(VigilError) -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for step in descriptors {
        switch step {
        case .open(let fd, let path, let flags): posix_spawn_file_actions_addopen(&actions, fd, path, flags, 0)
        case .dup(let source, let target): posix_spawn_file_actions_adddup2(&actions, source, target)
        case .close(let fd): posix_spawn_file_actions_addclose(&actions, fd)
        }
    }
    var attr = posix_spawnattr_t()
    posix_spawnattr_init(&attr)
    defer { posix_spawnattr_destroy(&attr) }
    var empty = sigset_t()
    sigemptyset(&empty)
    var defaults = sigset_t()
    sigfillset(&defaults)
    posix_spawnattr_setsigmask(&attr, &empty)
    posix_spawnattr_setsigdefault(&attr, &defaults)
    var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
    switch group {
    case .inherit: break
    case .newSession: flags |= VIGIL_POSIX_SPAWN_SETSID
    case .newProcessGroup:
        posix_spawnattr_setpgroup(&attr, 0)
        flags |= POSIX_SPAWN_SETPGROUP
    }
    posix_spawnattr_setflags(&attr, Int16(flags))
    let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?]? = environment.map { $0.map { strdup($0) } + [nil] }
    defer { argv.forEach { free($0) }; envp?.forEach { free($0) } }
    var pid: pid_t = 0
    let rc = envp == nil ? posix_spawn(&pid, executable, &actions, &attr, argv, environ)
                         : posix_spawn(&pid, executable, &actions, &attr, argv, envp!)
    guard rc == 0 else { throw VigilError("cannot start \(executable)", cause: Errno(rc)) }
    return pid
}

/// The running executable, without the " (deleted)" the kernel appends after an upgrade
/// replaced it; `fallback` when /proc cannot tell.
public func ownExecutable(fallback: String) -> String {
    var path = readLink("/proc/self/exe")?.description ?? fallback
    if path.hasSuffix(" (deleted)") { path.removeLast(" (deleted)".count) }
    return path
}

package func forEachPid(_ body: (Int32) -> Void) {
    for e in listDirectory("/proc") {
        if let pid = Int32(e.text) { body(pid) }
    }
}

/// Field 22 of /proc/PID/stat (start time in clock ticks), after the parenthesised name.
package func processStartTime(_ pid: Int32) -> UInt64? {
    guard let text = readWholeFile("/proc/\(pid)/stat"), let close = text.lastIndex(of: UInt8(ascii: ")")) else { return nil }
    let fields = text[(close + 1)...].split(separator: UInt8(ascii: " "))
    guard fields.count > 19 else { return nil }
    return UInt64(String(decoding: fields[19], as: UTF8.self))
}


/// A process's cgroup v2 membership: its path (the "0::" line of /proc/PID/cgroup) and
/// its id (the inode number of the cgroup's folder, which the kernel never reuses while
/// it runs and cgroup v2 never renames), read so that pid reuse cannot mislead.
public enum ProcessCgroup {
    /// The id of the cgroup of the process behind `pidfd` (Linux 6.13+), nil before.
    public static func id(pidfd: Int32) -> UInt64? {
        var id: UInt64 = 0
        return vigil_pidfd_cgroup_id(pidfd, &id) == 0 ? id : nil
    }

    /// The cgroup v2 path of `pid`, e.g. "/system.slice/nginx.service". With `pidfd`
    /// (the same process), the read is checked afterwards: if the process exited in
    /// between, its pid may be someone else's now and the answer is nil.
    public static func path(pid: Int32, pidfd: Int32 = -1) -> String? {
        guard let text = readSmallFile("/proc/\(pid)/cgroup") else { return nil }
        if pidfd >= 0, vigil_pidfd_send_signal(pidfd, 0) != 0 { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("0::") { return String(line.dropFirst(3)) }
        return nil
    }

    /// Where this mount namespace sees the cgroup v2 hierarchy (/sys/fs/cgroup, or
    /// /sys/fs/cgroup/unified on hybrid hosts), from /proc/self/mountinfo.
    public static func v2Mount() -> String? {
        guard let bytes = readWholeFile("/proc/self/mountinfo", limit: 1 << 22) else { return nil }
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            // "id parent major:minor root mountpoint options [optional...] - fstype ..."
            let fields = line.split(separator: " ")
            guard let dash = fields.firstIndex(of: "-"), dash + 1 < fields.count, fields[dash + 1] == "cgroup2", fields.count > 4 else { continue }
            return unescapeMountField(String(fields[4]))
        }
        return nil
    }

    /// The id of the cgroup folder at `path` under the v2 mount `root`.
    public static func id(path: String, root: String) -> UInt64? {
        var st = stat()
        return stat(path == "/" ? root : root + path, &st) == 0 ? UInt64(st.st_ino) : nil
    }

    /// mountinfo escapes space, tab, newline and backslash as octal.
    static func unescapeMountField(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        return String(decoding: KernelEscapes.decodeOctal(s.utf8), as: UTF8.self)
    }
}
