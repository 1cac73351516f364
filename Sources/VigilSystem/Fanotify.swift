import CLinux
import Glibc

/// fanotify(7), typed. One file for the whole syscall family: group flags, event
/// masks, mark flags, the event iterator and the response.
///
/// Owns: the group descriptor. Must not: decide anything about files.
public enum Fanotify {
    /// fanotify_init(2) flags.
    public struct InitFlags: OptionSet, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        public static let cloexec = InitFlags(rawValue: 0x1)            // FAN_CLOEXEC
        public static let nonblock = InitFlags(rawValue: 0x2)           // FAN_NONBLOCK
        public static let classContent = InitFlags(rawValue: 0x4)       // FAN_CLASS_CONTENT: permission events, after pre-content listeners
        public static let unlimitedQueue = InitFlags(rawValue: 0x10)    // FAN_UNLIMITED_QUEUE
        public static let unlimitedMarks = InitFlags(rawValue: 0x20)    // FAN_UNLIMITED_MARKS
        public static let enableAudit = InitFlags(rawValue: 0x40)       // FAN_ENABLE_AUDIT
        public static let reportDirFIDName = InitFlags(rawValue: 0xc00) // FAN_REPORT_DFID_NAME: directory handle + entry name, no fd
        public static let reportMount = InitFlags(rawValue: 0x4000)     // FAN_REPORT_MNT (6.15+): mount attach/detach events
    }

    /// Event bits, both for marks and for events read.
    public struct Events: OptionSet, Sendable, Hashable {
        public let rawValue: UInt64
        public init(rawValue: UInt64) { self.rawValue = rawValue }
        public static let modify = Events(rawValue: 0x2)                // FAN_MODIFY
        public static let attrib = Events(rawValue: 0x4)                // FAN_ATTRIB
        public static let closeWrite = Events(rawValue: 0x8)            // FAN_CLOSE_WRITE
        public static let movedTo = Events(rawValue: 0x80)              // FAN_MOVED_TO (FID groups)
        public static let create = Events(rawValue: 0x100)              // FAN_CREATE (FID groups)
        public static let deleteSelf = Events(rawValue: 0x400)          // FAN_DELETE_SELF
        public static let moveSelf = Events(rawValue: 0x800)            // FAN_MOVE_SELF
        public static let queueOverflow = Events(rawValue: 0x4000)      // FAN_Q_OVERFLOW
        public static let openPerm = Events(rawValue: 0x10000)          // FAN_OPEN_PERM
        public static let accessPerm = Events(rawValue: 0x20000)        // FAN_ACCESS_PERM
        public static let openExecPerm = Events(rawValue: 0x40000)      // FAN_OPEN_EXEC_PERM (5.0+)
        public static let eventOnChild = Events(rawValue: 0x0800_0000)  // FAN_EVENT_ON_CHILD: a directory mark covers its entries
        public static let onDir = Events(rawValue: 0x4000_0000)         // FAN_ONDIR

        public static let permissions: Events = [.openPerm, .accessPerm, .openExecPerm]
        public var isPermission: Bool { !intersection(.permissions).isEmpty }
    }

    /// fanotify_mark(2) flags.
    public struct MarkFlags: OptionSet, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        public static let add = MarkFlags(rawValue: 0x1)                // FAN_MARK_ADD
        public static let remove = MarkFlags(rawValue: 0x2)             // FAN_MARK_REMOVE
        public static let dontFollow = MarkFlags(rawValue: 0x4)         // FAN_MARK_DONT_FOLLOW
        public static let mount = MarkFlags(rawValue: 0x10)             // FAN_MARK_MOUNT
        public static let ignoredMask = MarkFlags(rawValue: 0x20)       // FAN_MARK_IGNORED_MASK (pre-6.0 ignore marks)
        public static let ignoredSurviveModify = MarkFlags(rawValue: 0x40) // FAN_MARK_IGNORED_SURV_MODIFY
        public static let flush = MarkFlags(rawValue: 0x80)             // FAN_MARK_FLUSH
        public static let filesystem = MarkFlags(rawValue: 0x100)       // FAN_MARK_FILESYSTEM
        public static let evictable = MarkFlags(rawValue: 0x200)        // FAN_MARK_EVICTABLE (5.19+): the kernel may drop it under memory pressure
        public static let ignore = MarkFlags(rawValue: 0x400)           // FAN_MARK_IGNORE (6.0+)
    }

    /// A permission answer.
    public enum Response: UInt32, Sendable {
        case allow = 0x01 // FAN_ALLOW
        case deny = 0x02  // FAN_DENY
    }

    /// One event as read: the mask, an open descriptor on the file (or -1), the pid.
    public struct RawEvent: Sendable {
        public let mask: Events
        public let fd: Int32
        public let pid: Int32
    }
}

/// A fanotify group. Closing it (or the process dying) makes the kernel allow every
/// event still waiting for an answer: a crash fails open, it never hangs the host.
public final class FanotifyGroup: @unchecked Sendable {
    // `fd` is immutable; reads happen on one thread, responses and marks are single
    // syscalls the kernel serialises.
    public let fd: Int32

    public init(flags: Fanotify.InitFlags, eventFlags: Int32 = O_RDONLY | VIGIL_O_LARGEFILE | O_CLOEXEC) throws(VigilError) {
        let fd = vigil_fanotify_init(flags.rawValue, UInt32(eventFlags))
        guard fd >= 0 else {
            let e = Errno.current
            switch e.code {
            case EPERM: throw VigilError("fanotify needs root (CAP_SYS_ADMIN)", cause: e)
            case ENOSYS: throw VigilError("this kernel has no fanotify (CONFIG_FANOTIFY)", cause: e)
            case EINVAL: throw VigilError("this kernel lacks fanotify permission events (CONFIG_FANOTIFY_ACCESS_PERMISSIONS)", cause: e)
            case EMFILE: throw VigilError("too many fanotify groups (/proc/sys/fs/fanotify/max_user_groups) or open files", cause: e)
            default: throw VigilError("fanotify_init failed", cause: e)
            }
        }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Adds, removes or flushes marks on `path` (relative to `dirfd`), or on the inode
    /// behind `dirfd` when `path` is nil.
    public func mark(_ flags: Fanotify.MarkFlags, _ events: Fanotify.Events, dirfd: Int32 = AT_FDCWD, path: String?) throws(Errno) {
        let rc: Int32
        if let path {
            rc = vigil_fanotify_mark(fd, flags.rawValue, events.rawValue, dirfd, path)
        } else {
            rc = vigil_fanotify_mark(fd, flags.rawValue, events.rawValue, dirfd, nil)
        }
        if rc != 0 { throw Errno.current }
    }

    /// Reads a batch of events into `buffer` (blocking unless the group is non-blocking).
    /// Returns [] on EAGAIN/EINTR so the caller's loop can check for shutdown.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> [Fanotify.RawEvent] {
        let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
        if n < 0 {
            let e = Errno.current
            if e.code == EAGAIN || e.code == EINTR { return [] }
            throw e
        }
        var events: [Fanotify.RawEvent] = []
        var offset = 0
        while true {
            var mask: UInt64 = 0, efd: Int32 = 0, pid: Int32 = 0, versionOK: Int32 = 0
            let len = vigil_fanotify_event_at(buffer.baseAddress, n, offset, &mask, &efd, &pid, &versionOK)
            if len == 0 { break }
            // A metadata version we do not understand means a kernel ABI change: stop
            // rather than misread. Crash on our bug, not on a world condition? This one
            // would be a build against the wrong headers: a bug.
            precondition(versionOK != 0, "fanotify metadata version mismatch")
            events.append(Fanotify.RawEvent(mask: Fanotify.Events(rawValue: mask), fd: efd, pid: pid))
            offset += len
        }
        return events
    }

    /// Reads one batch without parsing it (groups whose events carry no fd, read only to
    /// learn that something happened). Returns 0 when nothing is pending.
    public func readRaw(into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int {
        let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
        if n < 0 {
            let e = Errno.current
            if e.code == EAGAIN || e.code == EINTR { return 0 }
            throw e
        }
        return n
    }

    /// Writes the answer for `eventFD`. The caller still owns (and must close) the fd.
    @discardableResult
    public func respond(_ response: Fanotify.Response, to eventFD: Int32) -> Bool {
        vigil_fanotify_respond(fd, eventFD, response.rawValue) == 0
    }
}

/// A permission event that must be answered: the only way to consume it is
/// `respond(_:)`, and dropping it unanswered answers `fallback` (fail-open by default),
/// so no code path can leave an opener blocked.
public struct PermissionEvent: ~Copyable {
    public let fd: Int32
    public let pid: Int32
    public let mask: Fanotify.Events
    // The group's fd, not the group: `discard` needs trivially destroyed fields, and the
    // event never outlives the event-loop iteration that holds the group.
    private let groupFD: Int32
    private let fallback: Fanotify.Response

    public init(_ raw: Fanotify.RawEvent, group: FanotifyGroup, fallback: Fanotify.Response = .allow) {
        fd = raw.fd
        pid = raw.pid
        mask = raw.mask
        groupFD = group.fd
        self.fallback = fallback
    }

    public consuming func respond(_ response: Fanotify.Response) {
        vigil_fanotify_respond(groupFD, fd, response.rawValue)
        close(fd)
        discard self
    }

    /// Hands the fd over (to a `PendingEvent`) without answering or closing it.
    package consuming func release() { discard self }

    deinit {
        vigil_fanotify_respond(groupFD, fd, fallback.rawValue)
        close(fd)
    }
}
