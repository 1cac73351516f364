import CVigilBPF
import Glibc

/// What a protected inode refuses to everyone but a registered agent (the
/// `VIGIL_PROTECT_*` flags of vigil_bpf_shared.h).
public struct Protection: OptionSet, Hashable, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Write opens and O_TRUNC, truncate, chmod/chown/utimes, xattrs, chattr (FS_IOC_SETFLAGS).
    public static let content = Protection(rawValue: VIGIL_PROTECT_CONTENT.rawValue)
    /// unlink/rmdir, rename of it or over it, new hard links to it.
    public static let name = Protection(rawValue: VIGIL_PROTECT_NAME.rawValue)
    /// A folder's entries: nothing created in it, removed from it or renamed in or out.
    public static let entries = Protection(rawValue: VIGIL_PROTECT_ENTRIES.rawValue)
    /// Nothing mounted on it; the mount whose root it is stays mounted.
    public static let mount = Protection(rawValue: VIGIL_PROTECT_MOUNT.rawValue)

    public static let file: Protection = [.content, .name, .mount]
    public static let folder: Protection = [.content, .name, .entries, .mount]
}

/// One inode and what it refuses.
public struct ProtectedInode: Hashable, Sendable {
    public let id: FileID
    public let protection: Protection
    public init(_ id: FileID, _ protection: Protection) {
        self.id = id
        self.protection = protection
    }
}

/// Turns the paths Vigil protects into inodes, once, with real `stat` calls: each path
/// gets its own protection, and every ancestor folder up to `/` gets `.mount` (a mount
/// over `/etc` hides `/etc/vigil/vigil.toml` as well as one over the file itself).
/// Paths are made canonical first, so a symlinked ancestor (`/lib` → `/usr/lib`)
/// protects the folder a mount would really land on.
///
/// Owns: path → inode resolution for the protected set. Must not: talk to the kernel's
/// BPF side (Enforcement applies the plan), or keep paths after resolving them.
public struct ProtectionPlan: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A file: its content and names.
        case file
        /// A folder itself: its entries (nothing added, removed or renamed), not the files in it.
        case folder
        /// A folder and everything below it, each file as `.file`, each folder as `.folder`.
        case tree
        /// Content only: names stay free (shared libraries, which upgrades replace by rename).
        case contentOnly
    }

    /// Flags by inode, merged (an inode named twice gets the union).
    public private(set) var inodes: [FileID: Protection] = [:]

    public init() {}

    public var entries: [ProtectedInode] {
        inodes.map { ProtectedInode($0.key, $0.value) }.sorted { ($0.id.device, $0.id.inode) < ($1.id.device, $1.id.inode) }
    }

    public mutating func add(_ path: String, as kind: Kind) throws(BPFError) {
        guard let resolved = realpath(path, nil) else { throw BPFError("realpath \(path)", code: errno) }
        let canonical = String(cString: resolved)
        free(resolved)
        switch kind {
        case .file: try add(inodeAt: canonical, .file)
        case .folder: try add(inodeAt: canonical, .folder)
        case .contentOnly: try add(inodeAt: canonical, .content)
        case .tree: try addTree(canonical)
        }
        // Every ancestor, up to and including "/".
        var ancestor = canonical
        while ancestor != "/" {
            if let slash = ancestor.lastIndex(of: "/") {
                ancestor = slash == ancestor.startIndex ? "/" : String(ancestor[..<slash])
            } else {
                break
            }
            try add(inodeAt: ancestor, .mount)
        }
    }

    public mutating func add(_ id: FileID, _ protection: Protection) {
        inodes[id, default: []].formUnion(protection)
    }

    private mutating func add(inodeAt path: String, _ protection: Protection) throws(BPFError) {
        add(try FileID.of(path, followLinks: false), protection)
    }

    private mutating func addTree(_ root: String) throws(BPFError) {
        var st = stat()
        guard lstat(root, &st) == 0 else { throw BPFError("lstat \(root)", code: errno) }
        guard st.st_mode & S_IFMT == S_IFDIR else {
            add(FileID(st), .file)
            return
        }
        add(FileID(st), .folder)
        guard let dir = opendir(root) else { throw BPFError("opendir \(root)", code: errno) }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            try addTree(root == "/" ? "/" + name : root + "/" + name)
        }
    }
}
