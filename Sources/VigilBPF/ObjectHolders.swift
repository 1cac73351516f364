import CVigilBPF
import Glibc

/// Who else holds a descriptor for one of Vigil's BPF objects. The programs refuse new
/// descriptors to everyone but agents and candidates, but two cannot be refused on 6.1:
/// one taken by id in the few milliseconds between loading and attaching the `bpf_map`
/// hook, and a link taken from its pin (`BPF_OBJ_GET` on a link pin has no LSM hook). A
/// held map descriptor is full control, so the daemon runs this right after `open` and
/// on every self-audit sweep, and raises an alarm for any holder.
///
/// Owns: reading /proc/PID/fdinfo. Must not: act on what it finds (the daemon decides).
public struct ObjectHolder: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable { case map, program, link }
    public let pid: pid_t
    public let fd: Int32
    public let kind: Kind
    public let id: UInt32
    public var description: String { "pid \(pid) fd \(fd): \(kind.rawValue) \(id)" }
}

extension Enforcement {
    /// Vigil's own object ids by kind.
    public func ownObjectIDs() throws(BPFError) -> [ObjectHolder.Kind: Set<UInt32>] {
        var raw = [UInt64](repeating: 0, count: 256)
        let n = withHandle { vigil_bpf_self_ids($0, &raw, Int32(raw.count)) }
        guard n >= 0 else { throw BPFError("read own object ids", code: -n) }
        var ids: [ObjectHolder.Kind: Set<UInt32>] = [:]
        for key in raw.prefix(Int(n)) {
            let kind: ObjectHolder.Kind? = switch key >> 32 { case 1: .map; case 2: .program; case 3: .link; default: nil }
            if let kind { ids[kind, default: []].insert(UInt32(truncatingIfNeeded: key)) }
        }
        return ids
    }

    /// Every descriptor for one of our objects held by a process not in `excluding`
    /// (this process and the other agents).
    public func foreignHolders(excluding: Set<pid_t> = [getpid()]) throws(BPFError) -> [ObjectHolder] {
        let own = try ownObjectIDs()
        guard let proc = opendir("/proc") else { throw BPFError("opendir /proc", code: errno) }
        defer { closedir(proc) }
        var holders: [ObjectHolder] = []
        while let entry = readdir(proc) {
            guard let pid = pid_t(Self.name(entry)), !excluding.contains(pid) else { continue }
            guard let fdinfo = opendir("/proc/\(pid)/fdinfo") else { continue }   // gone, or a kernel thread
            defer { closedir(fdinfo) }
            while let fdEntry = readdir(fdinfo) {
                guard let fd = Int32(Self.name(fdEntry)) else { continue }
                guard let text = Self.read("/proc/\(pid)/fdinfo/\(fd)") else { continue }
                // A link's fdinfo names its program too: the link is what is held.
                for (label, kind) in [("link_id:", ObjectHolder.Kind.link), ("map_id:", .map), ("prog_id:", .program)] {
                    if let id = Self.value(of: label, in: text), own[kind]?.contains(id) == true {
                        holders.append(ObjectHolder(pid: pid, fd: fd, kind: kind, id: id))
                        break
                    }
                }
            }
        }
        return holders
    }

    static func name(_ entry: UnsafeMutablePointer<dirent>) -> String {
        withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }

    static func read(_ path: String) -> String? {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { Glibc.close(fd) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = Glibc.read(fd, &buffer, buffer.count)
        guard n > 0 else { return nil }
        return String(decoding: buffer.prefix(n), as: UTF8.self)
    }

    /// The number after `label` at the start of a line ("map_id:\t12").
    static func value(of label: String, in text: String) -> UInt32? {
        for line in text.split(separator: "\n") where line.hasPrefix(label) {
            return UInt32(line.dropFirst(label.count).trimmingPrefix { $0 == " " || $0 == "\t" })
        }
        return nil
    }
}
