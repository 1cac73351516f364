import Glibc

/// The code an agent runs: the files mapped executable in this process now, read from
/// /proc/self/maps (device and inode come from the kernel, no path is looked up). Seal
/// them, plus every library the daemon will dlopen later (NSS modules, libyara's
/// plugins), before registering: after that an agent can map nothing else executable.
public enum SealedCode {
    public static func executableMappingsOfSelf(_ maps: String = "/proc/self/maps") throws(BPFError) -> Set<FileID> {
        guard let f = fopen(maps, "r") else { throw BPFError("open \(maps)", code: errno) }
        defer { fclose(f) }
        var ids = Set<FileID>()
        var line: UnsafeMutablePointer<CChar>? = nil
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, f) > 0 {
            if let id = parse(String(cString: line!)) { ids.insert(id) }
        }
        return ids
    }

    /// One /proc/PID/maps line: `start-end perms offset major:minor inode path`; only
    /// executable file mappings count.
    static func parse(_ line: String) -> FileID? {
        let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
        guard fields.count >= 5, fields[1].count >= 3, fields[1].dropFirst(2).first == "x" else { return nil }
        let dev = fields[3].split(separator: ":")
        guard dev.count == 2, let major = UInt32(dev[0], radix: 16), let minor = UInt32(dev[1], radix: 16),
              let inode = UInt64(fields[4]), inode != 0 else { return nil }
        return FileID(major: major, minor: minor, inode: inode)
    }
}
