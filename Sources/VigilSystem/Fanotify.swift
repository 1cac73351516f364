import CLinux
import Glibc

/// fanotify(7), typed. One file for the whole syscall family: group flags, event
/// masks, mark flags, the event iterator and the response.
///
/// Owns: the group descriptor. Must not: decide anything about files.
public enum Fanotify {
    /// FAN_EVENT_METADATA_LEN: the fixed part of every event record.
    public static let metadataLength = 24

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
        public static let reportPidfd = InitFlags(rawValue: 0x80)       // FAN_REPORT_PIDFD (5.15+): each event carries a pidfd of its opener
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

    /// One event as read: the mask, an open descriptor on the file (or -1: FAN_NOFD),
    /// the pid (or thread id, with FAN_REPORT_TID), and where its record lies in the batch.
    public struct RawEvent: Sendable, Equatable {
        public let mask: Events
        public let fd: Int32
        public let pid: Int32
        /// Byte offset of the record in the bytes it was parsed from.
        public let offset: Int
        public init(mask: Events, fd: Int32, pid: Int32, offset: Int = 0) {
            self.mask = mask
            self.fd = fd
            self.pid = pid
            self.offset = offset
        }
    }

    /// The records of one read(2), checked: each must be complete (`event_len` within
    /// the bytes, at least a metadata header long) and of the metadata version Vigil was
    /// built for. Parsing stops at the first record that is not; `foreignVersion` says
    /// when a version was the reason (a kernel ABI Vigil cannot read: nothing after it
    /// can be trusted, not even where the next record starts).
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> (events: [RawEvent], foreignVersion: Bool) {
        let list = EventList(bytes)
        return (Array(list), list.foreignVersion)
    }

    /// The records of one read(2), parsed as they are iterated (the event thread reads
    /// a batch for every open: no array per batch), with the checks of `parse`.
    public struct EventList: Sequence {
        private let bytes: UnsafeRawBufferPointer

        init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        public struct Iterator: IteratorProtocol {
            let bytes: UnsafeRawBufferPointer
            var offset = 0
            /// Stopped at a record of another metadata version.
            var foreign = false

            public mutating func next() -> RawEvent? {
                let header = MemoryLayout<fanotify_event_metadata>.size
                guard !foreign, bytes.count - offset >= header else { return nil }
                let m = bytes.loadUnaligned(fromByteOffset: offset, as: fanotify_event_metadata.self)
                guard Int(m.event_len) >= header, Int(m.event_len) <= bytes.count - offset else { return nil }
                guard m.vers == UInt8(FANOTIFY_METADATA_VERSION) else { foreign = true; return nil }
                defer { offset += Int(m.event_len) }
                return RawEvent(mask: Events(rawValue: m.mask), fd: m.fd, pid: m.pid, offset: offset)
            }
        }

        public func makeIterator() -> Iterator { Iterator(bytes: bytes) }

        public var isEmpty: Bool {
            var it = makeIterator()
            return it.next() == nil
        }

        /// Whether parsing stops at a record of a metadata version Vigil cannot read.
        public var foreignVersion: Bool {
            var it = makeIterator()
            while it.next() != nil {}
            return it.foreign
        }
    }

    /// The events of one read, over the reader's buffer: valid until the next read into
    /// that buffer. Information records (file handles, names) are read from it.
    public struct Batch {
        public let events: EventList
        private let bytes: UnsafeRawBufferPointer

        init(bytes: UnsafeRawBufferPointer) {
            events = EventList(bytes)
            self.bytes = bytes
        }

        /// The file handle of the event's first FID record (FAN_REPORT_FID groups), in
        /// the layout `vigil_name_to_handle` produces.
        public func fileHandle(of event: RawEvent) -> [UInt8]? {
            var handle = [UInt8](repeating: 0, count: 256)
            let n = vigil_fanotify_event_fid(bytes.baseAddress, bytes.count, event.offset, &handle, handle.count)
            return n > 0 ? Array(handle[0..<n]) : nil
        }

        /// The opener's pidfd of a FAN_REPORT_PIDFD event (the caller must close it), or -1.
        public func pidfd(of event: RawEvent) -> Int32 {
            vigil_fanotify_event_pidfd(bytes.baseAddress, bytes.count, event.offset)
        }

        /// The directory handle and the entry name of a FAN_REPORT_DFID_NAME event.
        public func entry(of event: RawEvent) -> (directory: [UInt8], name: [UInt8])? {
            var handle = [UInt8](repeating: 0, count: 256)
            var name = [CChar](repeating: 0, count: 4096)
            let n = vigil_fanotify_event_dfid_name(bytes.baseAddress, bytes.count, event.offset, &handle, handle.count, &name, name.count)
            guard n > 0 else { return nil }
            return (Array(handle[0..<n]), name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) })
        }
    }

    /// Writes the answer for `eventFD` to the group behind `groupFD`: the one place a
    /// `struct fanotify_response` is written. The caller still owns the event fd.
    @discardableResult
    static func respond(groupFD: Int32, eventFD: Int32, _ response: Response) -> Bool {
        vigil_fanotify_respond(groupFD, eventFD, response.rawValue) == 0
    }
}

/// A fanotify group. Closing it (or the process dying) makes the kernel allow every
/// event still waiting for an answer: a crash fails open, it never hangs the host.
///
/// `fd` is immutable; reads happen on one thread, answers and marks are single system
/// calls the kernel serialises, so any thread may use it.
public final class FanotifyGroup: Sendable {
    public let fd: Int32

    public init(flags: Fanotify.InitFlags, eventFlags: Int32 = O_RDONLY | VIGIL_O_LARGEFILE | O_CLOEXEC) throws(VigilError) {
        do {
            fd = try sysCall { vigil_fanotify_init(flags.rawValue, UInt32(eventFlags)) }
        } catch {
            switch error.code {
            case EPERM: throw VigilError("fanotify needs root (CAP_SYS_ADMIN)", cause: error)
            case ENOSYS: throw VigilError("this kernel has no fanotify (CONFIG_FANOTIFY)", cause: error)
            case EINVAL: throw VigilError("this kernel lacks fanotify permission events (CONFIG_FANOTIFY_ACCESS_PERMISSIONS)", cause: error)
            case EMFILE: throw VigilError("too many fanotify groups (/proc/sys/fs/fanotify/max_user_groups) or open files", cause: error)
            default: throw VigilError("fanotify_init failed", cause: error)
            }
        }
    }

    /// Takes over a descriptor that speaks fanotify's wire format without being a group:
    /// reads yield `fanotify_event_metadata` records and writes take `fanotify_response`
    /// records. The seam through which a test feeds the event loop crafted records over
    /// a socketpair and reads its answers, without root. Marks on it fail.
    public init(adopting fd: Int32) { self.fd = fd }

    deinit { close(fd) }

    /// Adds, removes or flushes marks on `path` (relative to `dirfd`), or on the inode
    /// behind `dirfd` when `path` is nil.
    public func mark(_ flags: Fanotify.MarkFlags, _ events: Fanotify.Events, dirfd: Int32 = AT_FDCWD, path: String?) throws(Errno) {
        if let path {
            _ = try sysCall { vigil_fanotify_mark(fd, flags.rawValue, events.rawValue, dirfd, path) }
        } else {
            _ = try sysCall { vigil_fanotify_mark(fd, flags.rawValue, events.rawValue, dirfd, nil) }
        }
    }

    /// Reads a batch of events into `buffer` (blocking unless the group is non-blocking).
    /// Returns an empty batch on EAGAIN and EINTR, so the caller's loop can check for
    /// shutdown. Every group is read through here, so every one is version-checked.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Fanotify.Batch {
        let n: Int
        do { n = try sysCall(retryOnInterrupt: false) { Glibc.read(fd, buffer.baseAddress, buffer.count) } } catch {
            if error.code == EAGAIN || error.code == EINTR { return Fanotify.Batch(bytes: UnsafeRawBufferPointer(rebasing: buffer[0..<0])) }
            throw error
        }
        let batch = Fanotify.Batch(bytes: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        // A metadata version we do not understand means a kernel ABI change: stop rather
        // than misread (which fd to answer, which to close). A kernel that changed it
        // would break every fanotify user; running against one is a build bug. Checked
        // over the whole batch before any event is handled (a pass over the headers).
        precondition(!batch.events.foreignVersion, "fanotify metadata version mismatch")
        return batch
    }

    /// Bytes of events queued and not yet read (FIONREAD): events that wait for the
    /// reader, not those read and still waiting for an answer. Each event takes at least
    /// `Fanotify.metadataLength` bytes, more with info records.
    public func queuedBytes() throws(Errno) -> Int {
        Int(try sysCall { vigil_fd_queued_bytes(fd) })
    }

    /// Writes the answer for `eventFD`. The caller still owns (and must close) the fd.
    @discardableResult
    public func respond(_ response: Fanotify.Response, to eventFD: Int32) -> Bool {
        Fanotify.respond(groupFD: fd, eventFD: eventFD, response)
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
        Fanotify.respond(groupFD: groupFD, eventFD: fd, response)
        close(fd)
        discard self
    }

    /// Answers, then lets `after` use the fd before it is closed (the kernel has matched
    /// the answer already: the opener goes on while `after` runs).
    public consuming func respond(_ response: Fanotify.Response, then after: (Int32) -> Void) {
        Fanotify.respond(groupFD: groupFD, eventFD: fd, response)
        after(fd)
        close(fd)
        discard self
    }

    /// Hands the fd over (to a `PendingEvent`) without answering or closing it.
    package consuming func release() { discard self }

    deinit {
        Fanotify.respond(groupFD: groupFD, eventFD: fd, fallback)
        close(fd)
    }
}
