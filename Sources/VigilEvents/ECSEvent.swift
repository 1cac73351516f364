import Glibc
import Synchronization
import VigilSystem

// Owns: one ECS document, typed so that event.kind/category/type/outcome can only take
// ECS's allowed values, and its rendering with the fields every Vigil event carries
// (@timestamp, ecs.version, event.id, event.created, host.*, agent.*).
// Must not: read /proc or the filesystem (callers pass what they read while the
// opener was blocked), or put a non-ECS key outside `vigil.*`.
// The engine's `Finding` becomes an ECSRule in VigilEngine (ECSRule.swift); the kinds
// that need a FileReport live with their writers (VigilScan's ScanEvents.swift).

public struct ECSEvent: Sendable {
    /// The schema version the events are checked against (Tests/ECS/fields.tsv).
    public static let schemaVersion = "9.5.0-dev"

    public enum Kind: String, Sendable { case alert, event, metric, state }
    public enum Category: String, Sendable {
        case configuration, file, host, intrusionDetection = "intrusion_detection", malware, package, process
    }
    public enum EventType: String, Sendable {
        case access, admin, allowed, change, creation, deletion, denied, end, error, info, installation, start
    }
    public enum Outcome: String, Sendable { case success, failure, unknown }

    public var id: String
    /// When it happened (`@timestamp`); `event.created` is when Vigil wrote it.
    public var timestamp: String
    public var created: String
    public var kind: Kind
    public var categories: [Category]
    public var types: [EventType]
    public var action: String
    public var outcome: Outcome
    public var dataset: String
    public var reason: String?
    public var durationNanos: Int?
    public var file: ECSFile?
    public var process: ECSProcess?
    public var rule: ECSRule?
    /// `container.*`: the opener's container, when its cgroup names a runtime's.
    public var container: ECSContainer?
    /// `service.name`: the opener's systemd unit.
    public var serviceName: String?
    public var message: String?
    public var logLevel: String?
    public var errorMessage: String?
    /// Everything Vigil-specific, rendered under `vigil`.
    public var vigil = JSONLine()

    public init(kind: Kind, categories: [Category], types: [EventType], action: String, outcome: Outcome, dataset: String,
                timestamp: String? = nil) {
        let now = isoTimestamp()
        id = EventID.make()
        self.timestamp = timestamp ?? now
        created = now
        self.kind = kind
        self.categories = categories
        self.types = types
        self.action = action
        self.outcome = outcome
        self.dataset = dataset
    }

    public func render(_ ctx: ECSContext = .current) -> JSONLine {
        var o = JSONLine()
        o.add("@timestamp", timestamp)
        var ecs = JSONLine()
        ecs.add("version", ECSEvent.schemaVersion)
        o.add("ecs", object: ecs)
        var ev = JSONLine()
        ev.add("id", id)
        ev.add("created", created)
        ev.add("kind", kind.rawValue)
        ev.add("category", categories.map(\.rawValue))
        ev.add("type", types.map(\.rawValue))
        ev.add("action", action)
        ev.add("outcome", outcome.rawValue)
        ev.add("module", "vigil")
        ev.add("dataset", dataset)
        ev.add("reason", reason)
        ev.add("duration", durationNanos)
        o.add("event", object: ev)
        o.add("host", object: ctx.host)
        o.add("agent", object: ctx.agent)
        var custom = JSONLine()
        if let file {
            o.add("file", object: file.render(workingDirectory: ctx.workingDirectory))
            if !file.path.isValidUTF8 {
                var f = JSONLine()
                f.add("path_base64", base64(file.absolutePath(ctx.workingDirectory).bytes))
                custom.add("file", object: f)
            }
        }
        if let process { o.add("process", object: process.render()) }
        if let rule { o.add("rule", object: rule.render()) }
        if let container { o.add("container", object: container.render()) }
        if let serviceName {
            var s = JSONLine()
            s.add("name", serviceName)
            o.add("service", object: s)
        }
        if let logLevel {
            var l = JSONLine()
            l.add("level", logLevel)
            o.add("log", object: l)
        }
        if let errorMessage {
            var e = JSONLine()
            e.add("message", errorMessage)
            o.add("error", object: e)
        }
        o.add("message", message)
        custom.append(contentsOf: vigil)
        o.add("vigil", object: custom)
        return o
    }
}

/// ECS `container.*`: id, name and runtime (docker, podman, containerd, cri-o,
/// systemd-nspawn) as the opener's cgroup path tells them.
public struct ECSContainer: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var runtime: String?

    public init(id: String, name: String? = nil, runtime: String? = nil) {
        self.id = id
        self.name = name
        self.runtime = runtime
    }

    func render() -> JSONLine {
        var o = JSONLine()
        o.add("id", id)
        o.add("name", name)
        o.add("runtime", runtime)
        return o
    }
}

/// ECS `file.*`. The path is made absolute at render time (a scan of `.` reports
/// `/where/it/ran/x`); its exact bytes go to `vigil.file.path_base64` when not UTF-8.
public struct ECSFile: Sendable {
    public var path: RawPath
    public var size: Int64?
    public var sha256: String?
    public var mimeType: String?

    public init(path: RawPath, size: Int64? = nil, sha256: String? = nil, mimeType: String? = nil) {
        self.path = path; self.size = size; self.sha256 = sha256; self.mimeType = mimeType
    }

    /// Lexically absolute: relative paths are joined to `cwd` and `.` components dropped
    /// (`..` is kept: resolving it without the filesystem could name another file).
    public func absolutePath(_ cwd: RawPath) -> RawPath {
        let joined = path.bytes.first == UInt8(ascii: "/") ? path.bytes : cwd.bytes + [UInt8(ascii: "/")] + path.bytes
        var parts: [ArraySlice<UInt8>] = []
        for c in joined.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) where c != [UInt8(ascii: ".")] { parts.append(c) }
        var out: [UInt8] = []
        for p in parts { out.append(UInt8(ascii: "/")); out += p }
        return RawPath(bytes: out.isEmpty ? [UInt8(ascii: "/")] : out)
    }

    func render(workingDirectory: RawPath) -> JSONLine {
        let abs = absolutePath(workingDirectory)
        var f = JSONLine()
        f.add("path", abs.description)
        let slash = abs.bytes.lastIndex(of: UInt8(ascii: "/")) ?? 0
        let name = RawPath(bytes: Array(abs.bytes[(slash + 1)...]))
        f.add("name", name.description)
        f.add("directory", slash == 0 ? "/" : RawPath(bytes: Array(abs.bytes[..<slash])).description)
        if let dot = name.bytes.lastIndex(of: UInt8(ascii: ".")), dot > 0, dot < name.bytes.count - 1 {
            f.add("extension", RawPath(bytes: Array(name.bytes[(dot + 1)...])).description.lowercased())
        }
        f.add("type", "file")
        f.add("size", size.map { Int($0) })
        if let sha256 {
            var h = JSONLine()
            h.add("sha256", sha256)
            f.add("hash", object: h)
        }
        f.add("mime_type", mimeType)
        return f
    }
}

/// ECS `rule.*`: what matched, where it is defined, and which rule set held it.
public struct ECSRule: Sendable, Equatable {
    public var name: String
    public var ruleset: String
    public var reference: String?
    public var description: String?
    /// The loaded rules' version (`vigil_rules_info` in the metrics).
    public var version: String?

    public init(name: String, ruleset: String, reference: String? = nil, description: String? = nil, version: String? = nil) {
        self.name = name; self.ruleset = ruleset; self.reference = reference; self.description = description; self.version = version
    }


    func render() -> JSONLine {
        var r = JSONLine()
        r.add("name", name)
        r.add("id", name)
        r.add("ruleset", ruleset)
        r.add("category", ruleset)
        r.add("reference", reference)
        r.add("description", description)
        r.add("version", version)
        return r
    }
}

/// ECS `process.*` with its parent and user, read from /proc while the process was
/// blocked in open()/execve() (afterwards it may be gone). Untrusted text throughout.
public struct ECSProcess: Sendable {
    public struct Parent: Sendable {
        public var pid: Int32
        public var executable: RawPath?
        public init(pid: Int32, executable: RawPath? = nil) { self.pid = pid; self.executable = executable }
    }
    public var pid: Int32
    public var executable: RawPath?
    public var parent: Parent?
    public var uid: UInt32?
    public var userName: String?
    public var gid: UInt32?
    public var threadID: Int32?
    /// The name the kernel gave (a comm in a kernel log line) when there is no executable
    /// to name it by; and the command line the kernel quoted, if it did.
    public var name: String?
    public var commandLine: String?

    public init(pid: Int32, executable: RawPath? = nil, parent: Parent? = nil, uid: UInt32? = nil, userName: String? = nil, gid: UInt32? = nil) {
        self.pid = pid; self.executable = executable; self.parent = parent; self.uid = uid; self.userName = userName; self.gid = gid
    }

    /// Reads /proc/PID (and its parent's exe); `userName` through a small cache, since a
    /// name service lookup may be slow and must happen once per uid, not once per event.
    public static func of(pid: Int32) -> ECSProcess {
        var p = ECSProcess(pid: pid, executable: readLink("/proc/\(pid)/exe"))
        if let status = readSmallFile("/proc/\(pid)/status") {
            for line in status.split(separator: "\n") {
                let f = line.split(whereSeparator: { $0 == "\t" || $0 == " " })
                guard f.count >= 2 else { continue }
                switch f[0] {
                case "Uid:": p.uid = UInt32(f[1])
                case "Gid:": p.gid = UInt32(f[1])
                case "PPid:":
                    if let pp = Int32(f[1]), pp > 0 { p.parent = Parent(pid: pp, executable: readLink("/proc/\(pp)/exe")) }
                default: break
                }
            }
        }
        if let uid = p.uid { p.userName = UserNames.shared.name(uid) }
        return p
    }

    static func name(of exe: RawPath) -> String {
        RawPath(bytes: Array(exe.bytes.split(separator: UInt8(ascii: "/")).last ?? [])).description
    }

    func render() -> JSONLine {
        var o = JSONLine()
        // 0: a process the kernel named without its pid (a lockdown log line).
        if pid > 0 { o.add("pid", Int(pid)) }
        if let executable {
            o.add("executable", executable.description)
            o.add("name", name ?? ECSProcess.name(of: executable))
        } else if let name {
            o.add("name", name)
        }
        o.add("command_line", commandLine)
        if let threadID {
            var t = JSONLine()
            t.add("id", Int(threadID))
            o.add("thread", object: t)
        }
        if let parent {
            var pp = JSONLine()
            pp.add("pid", Int(parent.pid))
            if let e = parent.executable {
                pp.add("executable", e.description)
                pp.add("name", ECSProcess.name(of: e))
            }
            o.add("parent", object: pp)
        }
        if let uid {
            var u = JSONLine()
            u.add("id", String(uid))
            u.add("name", userName)
            o.add("user", object: u)
        }
        if let gid {
            var g = JSONLine()
            g.add("id", String(gid))
            o.add("group", object: g)
        }
        return o
    }
}

/// uid → user name, looked up once per uid (getpwuid_r may ask a directory service).
public final class UserNames: Sendable {
    public static let shared = UserNames()
    private let cache = Mutex<[UInt32: String?]>([:])

    public func name(_ uid: UInt32) -> String? {
        if let hit = cache.withLock({ $0[uid] }) { return hit }
        var pw = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buf = [CChar](repeating: 0, count: 4096)
        let name: String? = getpwuid_r(uid, &pw, &buf, buf.count, &result) == 0 && result != nil ? String(cString: pw.pw_name) : nil
        cache.withLock { c in if c.count < 4096 { c[uid] = name } }
        return name
    }
}
