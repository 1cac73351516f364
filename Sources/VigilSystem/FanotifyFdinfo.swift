import Glibc

// Owns: reading a fanotify group's marks as the kernel reports them in
// /proc/PID/fdinfo/FD. Must not: judge them (the self-audit does).

extension Fanotify {
    /// One mark of a group, from a `fanotify ...` line of its fdinfo. The kernel prints
    /// every field in hex; devices in its own encoding (`MKDEV`: major << 20 | minor),
    /// not stat(2)'s (see `kernelDevice`).
    public struct MarkInfo: Sendable, Equatable {
        public enum Object: Sendable, Equatable, Hashable {
            case inode(device: UInt32, inode: UInt64)
            case filesystem(device: UInt32)
            case mount(id: UInt32)
            case mountNamespace(inode: UInt64)
        }
        public let object: Object
        /// FAN_MARK_IGNORED_SURV_MODIFY, FAN_MARK_EVICTABLE, FAN_MARK_IGNORE as the mark has them.
        public let flags: MarkFlags
        public let mask: Events
        public let ignoredMask: Events

        public init(object: Object, flags: MarkFlags, mask: Events, ignoredMask: Events) {
            self.object = object
            self.flags = flags
            self.mask = mask
            self.ignoredMask = ignoredMask
        }
    }

    /// The marks in an fdinfo text; lines that are not marks (pos, flags, the group's own
    /// `fanotify flags:` line) are skipped, and so is a mark line with a field Vigil
    /// cannot read: the caller counts what it expected, so a skipped line shows up as a
    /// missing mark, never as a silent pass.
    public static func marks(fdinfo text: Substring) -> [MarkInfo] {
        var out: [MarkInfo] = []
        for line in text.split(separator: "\n") where line.hasPrefix("fanotify ") {
            var fields: [Substring: Substring] = [:]
            for pair in line.dropFirst("fanotify ".count).split(separator: " ") {
                guard let colon = pair.firstIndex(of: ":") else { continue }
                fields[pair[..<colon]] = pair[pair.index(after: colon)...]
            }
            func hex(_ key: Substring) -> UInt64? { fields[key].flatMap { UInt64($0, radix: 16) } }
            guard let mflags = hex("mflags"), let mask = hex("mask"), let ignored = hex("ignored_mask") else { continue }
            let object: MarkInfo.Object
            if let ino = hex("ino"), let dev = hex("sdev") {
                object = .inode(device: UInt32(truncatingIfNeeded: dev), inode: ino)
            } else if let dev = hex("sdev") {
                object = .filesystem(device: UInt32(truncatingIfNeeded: dev))
            } else if let id = hex("mnt_id") {
                object = .mount(id: UInt32(truncatingIfNeeded: id))
            } else if let ns = fields["mnt_ns"].flatMap({ UInt64($0) }) {
                object = .mountNamespace(inode: ns)   // printed in decimal
            } else {
                continue
            }
            out.append(MarkInfo(object: object, flags: MarkFlags(rawValue: UInt32(truncatingIfNeeded: mflags)),
                                mask: Events(rawValue: mask), ignoredMask: Events(rawValue: ignored)))
        }
        return out
    }

    /// stat(2)'s `st_dev` in the kernel's internal encoding, as fdinfo prints `sdev`.
    public static func kernelDevice(_ dev: UInt64) -> UInt32 {
        let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & ~UInt64(0xfff))
        let minor = (dev & 0xff) | ((dev >> 12) & ~UInt64(0xff))
        return UInt32(truncatingIfNeeded: (major << 20) | (minor & 0xfffff))
    }
}

extension FanotifyGroup {
    /// The marks the kernel holds for this group right now (our own fdinfo), or nil when
    /// it cannot be read (no /proc).
    public func installedMarks() -> [Fanotify.MarkInfo]? {
        guard let bytes = readWholeFile("/proc/self/fdinfo/\(fd)", limit: 256 << 20) else { return nil }
        return Fanotify.marks(fdinfo: Substring(decoding: bytes, as: UTF8.self))
    }
}
