import CCrypto
import Glibc
import Synchronization
import VigilSystem

// Owns: what every event says about where it came from: `host.*` (name, id from
// /etc/machine-id, OS, kernel, architecture), `agent.*` (name, type, version, a stable
// id and a per-process ephemeral id), the working directory relative scan paths are
// joined to, and event ids.
// Must not: be read from /proc or /etc on a hot path: computed once per process.

public struct ECSContext: Sendable {
    public let host: JSONLine
    public let agent: JSONLine
    public let workingDirectory: RawPath

    public init(host: JSONLine, agent: JSONLine, workingDirectory: RawPath) {
        self.host = host; self.agent = agent; self.workingDirectory = workingDirectory
    }

    /// Read once, at first use.
    public static let current: ECSContext = {
        let machineID = readSmallFile("/etc/machine-id")?.trimmingNewlines()
        var h = JSONLine()
        let name = hostName()
        h.add("name", name)
        h.add("hostname", name)
        h.add("id", machineID)
        var u = utsname()
        uname(&u)
        let arch = withUnsafeBytes(of: u.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let kernel = withUnsafeBytes(of: u.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        h.add("architecture", arch)
        var os = JSONLine()
        os.add("type", "linux")
        os.add("kernel", kernel)
        let release = osRelease()
        os.add("name", release["NAME"])
        os.add("version", release["VERSION_ID"])
        os.add("family", release["ID_LIKE"]?.split(separator: " ").first.map(String.init) ?? release["ID"])
        h.add("os", object: os)
        var a = JSONLine()
        a.add("name", "vigil")
        a.add("type", "vigil")
        a.add("version", VigilVersion.current)
        // Stable per machine without writing any state (a scan run by a user can't):
        // derived from the machine id, so a fleet sees one agent per host across restarts.
        if let machineID { a.add("id", uuidFormat(sha256Bytes(Array("vigil-agent:\(machineID)".utf8)))) }
        a.add("ephemeral_id", EventID.make())
        var buf = [CChar](repeating: 0, count: 4096)
        let cwd = getcwd(&buf, buf.count) != nil ? RawPath(bytes: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }) : RawPath("/")
        return ECSContext(host: h, agent: a, workingDirectory: cwd)
    }()

    static func osRelease() -> [String: String] {
        guard let text = readSmallFile("/etc/os-release") ?? readSmallFile("/usr/lib/os-release") else { return [:] }
        var out: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            var v = line[line.index(after: eq)...]
            if v.hasPrefix("\""), v.hasSuffix("\""), v.count >= 2 { v = v.dropFirst().dropLast() }
            out[String(line[..<eq])] = String(v)
        }
        return out
    }

    static func sha256Bytes(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var n: UInt32 = 0
        _ = bytes.withUnsafeBytes { EVP_Digest($0.baseAddress, $0.count, &out, &n, EVP_sha256(), nil) }
        return out
    }

    static func uuidFormat(_ b: [UInt8]) -> String {
        var bytes = Array(b.prefix(16))
        bytes[6] = bytes[6] & 0x0F | 0x80   // version 8: vendor-defined (a hash of the machine id)
        bytes[8] = bytes[8] & 0x3F | 0x80
        return EventID.format(bytes)
    }
}

/// Event ids: UUIDv7 (48-bit Unix milliseconds, then random bits), so ids sort by time
/// (index locality) and never repeat. The exporter uses them as the document `_id`, which
/// makes at-least-once delivery idempotent.
public enum EventID {
    public static func make(unixMillis: UInt64? = nil) -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        let ms = unixMillis ?? UInt64(ts.tv_sec) * 1000 + UInt64(ts.tv_nsec) / 1_000_000
        var rng = SystemRandomNumberGenerator()
        let r1 = rng.next() as UInt64, r2 = rng.next() as UInt64
        var b = [UInt8](repeating: 0, count: 16)
        for i in 0..<6 { b[i] = UInt8(truncatingIfNeeded: ms >> (40 - 8 * UInt64(i))) }
        for i in 6..<14 { b[i] = UInt8(truncatingIfNeeded: r1 >> (8 * UInt64(i - 6))) }
        for i in 14..<16 { b[i] = UInt8(truncatingIfNeeded: r2 >> (8 * UInt64(i - 14))) }
        b[6] = b[6] & 0x0F | 0x70
        b[8] = b[8] & 0x3F | 0x80
        return format(b)
    }

    static func format(_ b: [UInt8]) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for (i, byte) in b.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
            out.append(hex[Int(byte >> 4)]); out.append(hex[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    func trimmingNewlines() -> String {
        var s = Substring(self)
        while s.last == "\n" || s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
