// Owns: deciding, from the daemon's own /proc/self/status and /proc/self/maps, whether
// it is being traced or runs code it did not load at start. Must not: read /proc (the
// self-audit passes the text in) or act.

public enum ProcessAudit {
    /// The tracer's pid from /proc/PID/status (`TracerPid:`), nil when none traces us.
    public static func tracerPid(status: Substring) -> Int32? {
        for line in status.split(separator: "\n") where line.hasPrefix("TracerPid:") {
            let pid = Int32(line.dropFirst("TracerPid:".count).filter { $0 != " " && $0 != "\t" }) ?? 0
            return pid > 0 ? pid : nil
        }
        return nil
    }

    /// One executable mapping of /proc/PID/maps.
    public struct Mapping: Sendable, Hashable {
        public let range: String
        /// "major:minor" as maps prints it (hex).
        public let device: String
        public let inode: UInt64
        /// The backing file, a pseudo name ("[vdso]"), or "" for anonymous memory.
        public let path: String

        /// File-backed mappings are known by their inode, not their name: a library
        /// replaced on disk shows as "path (deleted)" and is still the same code.
        /// Anonymous executable memory is known by where it is: by its empty name, one
        /// such mapping at start would make every later one (an injected mmap) known.
        public var identity: String {
            if inode != 0 { return "\(device)|\(inode)" }
            return path.isEmpty ? "anonymous|\(range)" : path
        }
    }

    /// The executable mappings in a maps text.
    public static func executableMappings(maps: Substring) -> [Mapping] {
        var out: [Mapping] = []
        for line in maps.split(separator: "\n") {
            // start-end perms offset dev inode [path]; the path may hold spaces.
            var rest = line[...]
            func field() -> Substring {
                while rest.first == " " { rest = rest.dropFirst() }
                let end = rest.firstIndex(of: " ") ?? rest.endIndex
                defer { rest = rest[end...] }
                return rest[..<end]
            }
            let range = field(), perms = field()
            _ = field()
            let dev = field(), ino = field()
            guard perms.count >= 3, perms[perms.index(perms.startIndex, offsetBy: 2)] == "x" else { continue }
            while rest.first == " " { rest = rest.dropFirst() }
            out.append(Mapping(range: String(range), device: String(dev), inode: UInt64(ino) ?? 0, path: String(rest)))
        }
        return out
    }

    /// Pseudo mappings the kernel gives every process.
    static let kernelMappings: Set<String> = ["[vdso]", "[vsyscall]", "[uprobes]"]

    /// Executable mappings not in `sealed` (the identities seen at start): anonymous
    /// executable memory, a memfd, or a file that was not loaded then. glibc and OpenSSL
    /// load a few modules on first use (NSS, gconv, providers); those are allowed by
    /// name under the system library folders: an honest limit, named in the event text
    /// of everything else.
    public static func unknownMappings(sealed: Set<String>, current: [Mapping]) -> [Mapping] {
        current.filter { m in
            if sealed.contains(m.identity) || kernelMappings.contains(m.path) { return false }
            if m.inode != 0 && isLazySystemModule(m.path) { return false }
            return true
        }
    }

    static func isLazySystemModule(_ path: String) -> Bool {
        let dirs = ["/usr/lib/", "/lib/", "/usr/lib64/", "/lib64/"]
        guard dirs.contains(where: { path.hasPrefix($0) }), !path.contains("/../") else { return false }
        let name = path.split(separator: "/").last.map(String.init) ?? ""
        return name.hasPrefix("libnss_") || path.contains("/gconv/") || path.contains("/ossl-modules/") || path.contains("/engines-3/")
    }
}
