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
        marks(fdinfo: Array(text.utf8))
    }

    /// The same over the bytes as read: one pass, no strings, no tables. The self-audit
    /// reads a group's fdinfo every sweep, and a group holds a mark per cached file (tens
    /// of thousands on a file server).
    public static func marks(fdinfo bytes: [UInt8]) -> [MarkInfo] {
        bytes.withUnsafeBufferPointer { b in
            var out: [MarkInfo] = []
            let prefix = Array("fanotify ".utf8)
            var i = 0
            let n = b.count
            while i < n {
                var end = i
                while end < n && b[end] != UInt8(ascii: "\n") { end += 1 }
                defer { i = end + 1 }
                guard end - i > prefix.count, (0..<prefix.count).allSatisfy({ b[i + $0] == prefix[$0] }) else { continue }
                var ino: UInt64?, sdev: UInt64?, mflags: UInt64?, mask: UInt64?, ignored: UInt64?, mntID: UInt64?, mntNS: UInt64?
                var p = i + prefix.count
                while p < end {
                    while p < end && b[p] == UInt8(ascii: " ") { p += 1 }
                    let keyStart = p
                    while p < end && b[p] != UInt8(ascii: ":") && b[p] != UInt8(ascii: " ") { p += 1 }
                    guard p < end, b[p] == UInt8(ascii: ":") else { continue }
                    let key = UnsafeBufferPointer(rebasing: b[keyStart..<p])
                    p += 1
                    let valueStart = p
                    while p < end && b[p] != UInt8(ascii: " ") { p += 1 }
                    let value = UnsafeBufferPointer(rebasing: b[valueStart..<p])
                    if equal(key, "ino") { ino = number(value, radix: 16) }
                    else if equal(key, "sdev") { sdev = number(value, radix: 16) }
                    else if equal(key, "mflags") { mflags = number(value, radix: 16) }
                    else if equal(key, "mask") { mask = number(value, radix: 16) }
                    else if equal(key, "ignored_mask") { ignored = number(value, radix: 16) }
                    else if equal(key, "mnt_id") { mntID = number(value, radix: 16) }
                    else if equal(key, "mnt_ns") { mntNS = number(value, radix: 10) }   // printed in decimal
                }
                guard let mflags, let mask, let ignored else { continue }
                let object: MarkInfo.Object
                if let ino, let sdev {
                    object = .inode(device: UInt32(truncatingIfNeeded: sdev), inode: ino)
                } else if let sdev {
                    object = .filesystem(device: UInt32(truncatingIfNeeded: sdev))
                } else if let mntID {
                    object = .mount(id: UInt32(truncatingIfNeeded: mntID))
                } else if let mntNS {
                    object = .mountNamespace(inode: mntNS)
                } else {
                    continue
                }
                out.append(MarkInfo(object: object, flags: MarkFlags(rawValue: UInt32(truncatingIfNeeded: mflags)),
                                    mask: Events(rawValue: mask), ignoredMask: Events(rawValue: ignored)))
            }
            return out
        }
    }

    private static func equal(_ key: UnsafeBufferPointer<UInt8>, _ name: String) -> Bool {
        key.elementsEqual(name.utf8)
    }

    /// The whole field as UInt64(_:radix:) reads it (the fields are short: the string
    /// is usually inline, nothing allocated).
    private static func number(_ v: UnsafeBufferPointer<UInt8>, radix: Int) -> UInt64? {
        UInt64(String(decoding: v, as: UTF8.self), radix: radix)
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
        return Fanotify.marks(fdinfo: bytes)
    }
}
