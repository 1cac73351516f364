import VigilSystem

// Owns: deciding, from what a fanotify group should hold and what the kernel says it
// holds (fdinfo), whether someone removed, flushed or ignored Vigil's marks. Must not:
// read /proc or repair anything (SelfAudit does both).

/// What one of Vigil's fanotify groups should hold, as the part that placed the marks
/// knows it. Devices are in the kernel's encoding (`Fanotify.kernelDevice`).
public struct MarkExpectation: Sendable {
    public struct InodeKey: Sendable, Hashable {
        public let device: UInt32, inode: UInt64
        public init(device: UInt32, inode: UInt64) {
            self.device = device
            self.inode = inode
        }
    }

    /// "on-access", "tamper-permission", "tamper-notify": named in the event.
    public var group: String
    /// Filesystem marks that must exist: device -> a path on it (for the message).
    public var filesystems: [UInt32: String] = [:]
    /// Mount marks that must exist (where the kernel refused filesystem marks): only
    /// their number is checked.
    public var mountCount = 0
    /// What every filesystem and mount mark must at least ask for.
    public var events: Fanotify.Events = []
    /// Inode marks that must exist (the liveness probe, protected files): key -> path, mask.
    public var inodes: [InodeKey: (path: String, mask: Fanotify.Events)] = [:]
    /// Ignore marks Vigil placed for good on its own folders: key -> ignore mask.
    public var ownIgnores: [InodeKey: Fanotify.Events] = [:]
    /// Inodes with a verdict-cache ignore mark of Vigil's (evictable, open only, dropped
    /// by the kernel at the next write). nil: the group has no such marks to tell apart,
    /// so any other ignore mark is foreign.
    public var cacheIgnores: Set<InodeKey>?
    /// Folders outside the guarded folders with an ignore mark of Vigil's (evictable, the
    /// folder's entries' opens and execs, exactly `folderIgnoreMask`).
    public var folderIgnores: Set<InodeKey> = []
    public var folderIgnoreMask: Fanotify.Events = []

    public init(group: String) { self.group = group }
}

/// Something wrong with a group's marks; each one means opens Vigil should see may not
/// reach it.
public struct MarkFinding: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// Every mark of the group is gone (FAN_MARK_FLUSH, or each removed).
        case flushed = "marks-flushed"
        /// An expected mark is gone, or no longer asks for what it must.
        case removed = "mark-removed"
        /// An ignore mask Vigil did not place: those opens never reach it.
        case ignoreAdded = "ignore-mark-added"
    }
    public let kind: Kind
    public let group: String
    /// What the kernel says (or what is missing), in words, for the event and the status.
    public let detail: String
    /// The object, so a repair knows what to put back or take away.
    public let object: Fanotify.MarkInfo.Object?

    public init(kind: Kind, group: String, detail: String, object: Fanotify.MarkInfo.Object?) {
        self.kind = kind
        self.group = group
        self.detail = detail
        self.object = object
    }
}

public enum MarkAudit {
    /// Compares a group's marks with what it should hold. Pure: same inputs, same answer.
    public static func findings(expected e: MarkExpectation, installed: [Fanotify.MarkInfo]) -> [MarkFinding] {
        var out: [MarkFinding] = []
        let expectedAny = !e.filesystems.isEmpty || e.mountCount > 0 || !e.inodes.isEmpty || !e.ownIgnores.isEmpty
        if expectedAny && installed.isEmpty {
            return [MarkFinding(kind: .flushed, group: e.group, detail: "the \(e.group) group holds no marks at all", object: nil)]
        }
        var filesystems: [UInt32: Fanotify.MarkInfo] = [:]
        var inodes: [MarkExpectation.InodeKey: Fanotify.MarkInfo] = [:]
        var mounts = 0
        for m in installed {
            switch m.object {
            case .filesystem(let dev): filesystems[dev] = m
            case .inode(let dev, let ino): inodes[.init(device: dev, inode: ino)] = m
            case .mount: if m.mask.isSuperset(of: e.events) && m.ignoredMask.isEmpty { mounts += 1 }
            case .mountNamespace: break
            }
            if !m.ignoredMask.isEmpty && !isOwnIgnore(m, e) {
                out.append(MarkFinding(kind: .ignoreAdded, group: e.group,
                                       detail: "\(describe(m.object)) has an ignore mask Vigil did not set (\(hex(m.ignoredMask.rawValue)), flags \(hex(UInt64(m.flags.rawValue))))",
                                       object: m.object))
            }
        }
        for (dev, path) in e.filesystems.sorted(by: { $0.key < $1.key }) {
            guard let m = filesystems[dev] else {
                out.append(MarkFinding(kind: .removed, group: e.group, detail: "the filesystem mark of \(path) is gone", object: .filesystem(device: dev)))
                continue
            }
            if !m.mask.isSuperset(of: e.events) {
                out.append(MarkFinding(kind: .removed, group: e.group,
                                       detail: "the filesystem mark of \(path) asks for \(hex(m.mask.rawValue)), not \(hex(e.events.rawValue))",
                                       object: .filesystem(device: dev)))
            }
        }
        if mounts < e.mountCount {
            out.append(MarkFinding(kind: .removed, group: e.group, detail: "\(e.mountCount - mounts) of \(e.mountCount) mount marks are gone", object: nil))
        }
        for (key, want) in e.inodes.sorted(by: { $0.value.path < $1.value.path }) {
            let object = Fanotify.MarkInfo.Object.inode(device: key.device, inode: key.inode)
            guard let m = inodes[key] else {
                out.append(MarkFinding(kind: .removed, group: e.group, detail: "the mark on \(want.path) is gone", object: object))
                continue
            }
            if !m.mask.isSuperset(of: want.mask) {
                out.append(MarkFinding(kind: .removed, group: e.group,
                                       detail: "the mark on \(want.path) asks for \(hex(m.mask.rawValue)), not \(hex(want.mask.rawValue))", object: object))
            }
        }
        for (key, _) in e.ownIgnores.sorted(by: { $0.key.inode < $1.key.inode }) where inodes[key] == nil {
            // Our own folders' ignore marks going away costs speed, not sight: noted as
            // removed so they are put back, like any other.
            out.append(MarkFinding(kind: .removed, group: e.group, detail: "the ignore mark on Vigil's own folder (inode \(key.inode)) is gone",
                                   object: .inode(device: key.device, inode: key.inode)))
        }
        return out
    }

    /// An ignore mark of Vigil's own: on one of its folders with exactly the mask it set,
    /// on a folder outside the guards it ignored (evictable, exactly that mask), or a
    /// verdict-cache mark (open only, evictable, not surviving a write) on an inode
    /// the cache marked.
    static func isOwnIgnore(_ m: Fanotify.MarkInfo, _ e: MarkExpectation) -> Bool {
        guard case .inode(let dev, let ino) = m.object else { return false }
        let key = MarkExpectation.InodeKey(device: dev, inode: ino)
        if let mask = e.ownIgnores[key] { return m.ignoredMask == mask }
        if e.folderIgnores.contains(key) { return m.ignoredMask == e.folderIgnoreMask && m.flags.contains(.evictable) }
        guard let cache = e.cacheIgnores, cache.contains(key) else { return false }
        return m.ignoredMask.isSubset(of: [.openPerm]) && !m.flags.contains(.ignoredSurviveModify)
    }

    static func describe(_ o: Fanotify.MarkInfo.Object) -> String {
        switch o {
        case .filesystem(let dev): return "the filesystem mark on device \(dev >> 20):\(dev & 0xfffff)"
        case .inode(let dev, let ino): return "an inode mark on \(dev >> 20):\(dev & 0xfffff) inode \(ino)"
        case .mount(let id): return "a mount mark on mount \(id)"
        case .mountNamespace(let ns): return "a mount-namespace mark on \(ns)"
        }
    }

    static func hex(_ v: UInt64) -> String { "0x" + String(v, radix: 16) }
}
