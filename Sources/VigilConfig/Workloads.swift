import Glibc
import VigilSystem

// Owns: the [[workload]] settings, which workload a cgroup v2 path falls into and why
// (a pure function, tested as tables), and what a cgroup path says about the runtime
// behind it (container id and name, systemd unit). Must not: read /proc or the cgroup
// filesystem (the on-access path reads the opener; `vigil config explain` reads a pid).

/// One `[[workload]]`: the processes of some cgroups get their own mode, extra rules and
/// exec-only flag. Everything else is the host's default (the `[daemon]` mode).
public struct WorkloadRule: Sendable, Equatable {
    public enum Mode: String, Sendable, Equatable {
        /// Findings are denied (like `[daemon] mode = "enforce"`).
        case enforce
        /// Findings are detected, reported and allowed; the line says what enforce would have done.
        case audit
        /// Nothing this workload opens or executes is scanned.
        case off
    }

    public var name: String
    /// A glob (fnmatch with FNM_PATHNAME: `*` stays within one component) on the cgroup
    /// v2 path of the opener, matched against that path and each of its ancestors, so a
    /// container's sub-cgroups belong to the container.
    public var cgroup: String
    public var mode: Mode = .enforce
    /// Rule folders or files for this workload: added to the host's rules, or instead of
    /// them with `replace_rules = true`.
    public var rules: [String] = []
    public var replaceRules = false
    /// Only executions are scanned; plain opens are allowed without a read.
    public var execOnly = false

    public init(name: String, cgroup: String) {
        self.name = name
        self.cgroup = cgroup
    }

    /// Whether this workload scans with rules of its own (so a clean verdict for it is
    /// not a clean verdict for everyone).
    public var hasOwnRules: Bool { !rules.isEmpty }

    // MARK: specificity

    /// How specific the pattern is, compared in order: more path components, then a
    /// longer literal prefix (the characters before the first `*`, `?` or `[`), then
    /// fewer wildcards. The config order breaks a remaining tie (the earlier wins), so
    /// the answer never depends on anything but the two patterns and their places.
    public struct Specificity: Comparable, Sendable {
        public let components: Int
        public let literalPrefix: Int
        public let wildcards: Int

        public static func < (a: Specificity, b: Specificity) -> Bool {
            if a.components != b.components { return a.components < b.components }
            if a.literalPrefix != b.literalPrefix { return a.literalPrefix < b.literalPrefix }
            return a.wildcards > b.wildcards
        }
    }

    public var specificity: Specificity {
        let wild: (Character) -> Bool = { "*?[".contains($0) }
        let prefix = cgroup.prefix { !wild($0) }.count
        return Specificity(components: cgroup.split(separator: "/").count, literalPrefix: prefix, wildcards: cgroup.filter(wild).count)
    }

    /// The cgroup itself or the nearest ancestor the pattern matches, or nil.
    public func matchedAncestor(of path: String) -> String? {
        var p = path.isEmpty ? "/" : path
        while true {
            if p.withCString({ fnmatch(cgroup, $0, FNM_PATHNAME) == 0 }) { return p }
            if p == "/" { return nil }
            if let slash = p.lastIndex(of: "/") { p = slash == p.startIndex ? "/" : String(p[..<slash]) } else { return nil }
        }
    }
}

/// The workloads of a config, and the one rule that picks among them.
public struct WorkloadTable: Sendable {
    public let rules: [WorkloadRule]

    public init(_ rules: [WorkloadRule]) { self.rules = rules }

    public var isEmpty: Bool { rules.isEmpty }

    /// Why a cgroup falls where it does: the winner (nil = host default) and every
    /// workload whose pattern matched, most specific first.
    public struct Match: Sendable, Equatable {
        public var index: Int?
        /// (workload index, the cgroup or ancestor its pattern matched)
        public var candidates: [(Int, String)]

        public static func == (a: Match, b: Match) -> Bool {
            a.index == b.index && a.candidates.map(\.0) == b.candidates.map(\.0) && a.candidates.map(\.1) == b.candidates.map(\.1)
        }
    }

    /// The most specific workload whose pattern matches `cgroupPath` or an ancestor.
    /// Verdicts do not depend on the order workloads are listed in, except as the last
    /// tie-break between patterns of equal specificity (the earlier wins).
    public func match(_ cgroupPath: String) -> Match {
        var hits: [(Int, String)] = []
        for (i, r) in rules.enumerated() {
            if let at = r.matchedAncestor(of: cgroupPath) { hits.append((i, at)) }
        }
        hits.sort { a, b in
            let (sa, sb) = (rules[a.0].specificity, rules[b.0].specificity)
            return sa != sb ? sa > sb : a.0 < b.0
        }
        return Match(index: hits.first?.0, candidates: hits)
    }

    /// Human text for `vigil config explain`: the winner and why.
    public func explain(_ cgroupPath: String) -> [String] {
        let m = match(cgroupPath)
        var out = ["cgroup    \(cgroupPath)"]
        let id = WorkloadIdentity(cgroupPath: cgroupPath)
        if let r = id.runtime { out.append("container \(r) \(id.containerID ?? "")\(id.containerName.map { " (name \($0))" } ?? "")") }
        if let s = id.serviceName { out.append("service   \(s)") }
        guard let w = m.index else {
            out.append("workload  host (no [[workload]] pattern matches this cgroup or its ancestors: the [daemon] mode and rules apply)")
            return out
        }
        let r = rules[w]
        out.append("workload  \(r.name) (mode \(r.mode.rawValue)\(r.execOnly ? ", exec_only" : "")"
            + "\(r.rules.isEmpty ? "" : ", rules \(r.replaceRules ? "replaced by" : "plus") \(r.rules.joined(separator: ", "))"))")
        for (rank, (i, at)) in m.candidates.enumerated() {
            let s = rules[i].specificity
            out.append("  \(rank == 0 ? "wins " : "loses") [[workload]] #\(i + 1) \(rules[i].name): cgroup = \"\(rules[i].cgroup)\" matched \(at) "
                + "(\(s.components) components, literal prefix \(s.literalPrefix), \(s.wildcards) wildcards)")
        }
        return out
    }

    // MARK: rule sets

    /// The distinct rule sets the workloads need: set 0 is the host's (`hostPaths`);
    /// each workload with rules of its own gets the host's plus its own (or its own
    /// alone, with replace_rules), and workloads that name the same folders share one
    /// set. `setOf[i]` is workload i's set.
    public struct RuleSetPlan: Sendable, Equatable {
        public var paths: [[String]]
        public var setOf: [Int]
        public init(paths: [[String]], setOf: [Int]) {
            self.paths = paths
            self.setOf = setOf
        }
    }

    public func ruleSets(hostPaths: [String]) -> RuleSetPlan {
        var plan = RuleSetPlan(paths: [hostPaths], setOf: [])
        for w in rules {
            guard w.hasOwnRules else { plan.setOf.append(0); continue }
            var paths = w.replaceRules ? [] : hostPaths
            for p in w.rules where !paths.contains(p) { paths.append(p) }
            if let i = plan.paths.firstIndex(of: paths) { plan.setOf.append(i) } else {
                plan.paths.append(paths)
                plan.setOf.append(plan.paths.count - 1)
            }
        }
        return plan
    }

    // MARK: reading

    static func read(_ r: TableReader, file: String, names: Set<String>) throws(ConfigError) -> WorkloadRule {
        try r.only(["name", "cgroup", "mode", "rules", "replace_rules", "exec_only"])
        guard let name = try r.string("name"), !name.isEmpty else {
            throw ConfigError(file: file, line: r.table.line, key: "workload.name", message: "every [[workload]] needs a name")
        }
        guard name != "host", !names.contains(name) else { throw r.bad("name", "'\(name)' is taken (each workload needs its own name; \"host\" is the default's)") }
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }), name.utf8.count <= 64 else {
            throw r.bad("name", "'\(name)' must be letters, digits, '-', '_' or '.' (at most 64): it becomes a metrics label")
        }
        guard let cg = try r.string("cgroup"), cg.hasPrefix("/") else {
            throw ConfigError(file: file, line: r.entry("cgroup")?.line ?? r.table.line, key: "workload.cgroup",
                              message: "every [[workload]] needs cgroup = \"/...\": a glob on the cgroup v2 path (see /proc/PID/cgroup)")
        }
        var w = WorkloadRule(name: name, cgroup: cg.count > 1 && cg.hasSuffix("/") ? String(cg.dropLast()) : cg)
        if let m = try r.string("mode") {
            guard let mode = WorkloadRule.Mode(rawValue: m) else { throw r.bad("mode", "must be \"enforce\", \"audit\" or \"off\"") }
            w.mode = mode
        }
        if let p = try r.paths("rules") { w.rules = p }
        if let b = try r.bool("replace_rules") { w.replaceRules = b }
        if w.replaceRules && w.rules.isEmpty { throw r.bad("replace_rules", "replaces the host's rules with this workload's: set rules too") }
        if let b = try r.bool("exec_only") { w.execOnly = b }
        return w
    }

    func render() -> String {
        func q(_ s: String) -> String { TOMLDocument.quote(s) }
        return rules.map { w in
            """
            [[workload]]
            name = \(q(w.name))
            cgroup = \(q(w.cgroup))
            mode = \(q(w.mode.rawValue))
            rules = [\(w.rules.map(q).joined(separator: ", "))]
            replace_rules = \(w.replaceRules)
            exec_only = \(w.execOnly)

            """
        }.joined()
    }
}

/// What a cgroup v2 path says about the workload behind it: the container runtime and
/// container id or name (docker, podman, containerd, CRI-O, systemd-nspawn, by the scope
/// names their systemd drivers create, or docker's cgroupfs layout), and the systemd
/// unit. Untrusted text: a process that can create cgroups can name one anything, so
/// this labels events and never decides an answer (the `[[workload]]` patterns do).
public struct WorkloadIdentity: Sendable, Equatable {
    public var runtime: String?
    public var containerID: String?
    public var containerName: String?
    /// The innermost `.service` unit (a container's own services included).
    public var serviceName: String?

    public init(runtime: String? = nil, containerID: String? = nil, containerName: String? = nil, serviceName: String? = nil) {
        self.runtime = runtime
        self.containerID = containerID
        self.containerName = containerName
        self.serviceName = serviceName
    }

    public init(cgroupPath: String) {
        let parts = cgroupPath.split(separator: "/").map(String.init)
        for (i, c) in parts.enumerated() {
            if runtime == nil, let (rt, id) = WorkloadIdentity.container(c) {
                runtime = rt
                if rt == "systemd-nspawn" { containerName = id; containerID = id } else { containerID = id }
            } else if runtime == nil, i > 0, parts[i - 1] == "docker", WorkloadIdentity.isContainerID(c) {
                runtime = "docker"
                containerID = c
            }
            if c.hasSuffix(".service") { serviceName = WorkloadIdentity.unescape(c) }
        }
    }

    /// A scope a runtime's systemd cgroup driver creates: (runtime, id or machine name).
    static func container(_ c: String) -> (String, String)? {
        guard c.hasSuffix(".scope") else { return nil }
        let stem = String(c.dropLast(".scope".count))
        for (prefix, rt) in [("docker-", "docker"), ("libpod-", "podman"), ("cri-containerd-", "containerd"), ("crio-", "cri-o")] where stem.hasPrefix(prefix) {
            let id = String(stem.dropFirst(prefix.count))
            // libpod-conmon-<id>.scope is podman's monitor, not the container.
            if isContainerID(id) { return (rt, id) }
        }
        if stem.hasPrefix("machine-") {
            let name = unescape(String(stem.dropFirst("machine-".count)))
            return name.isEmpty ? nil : ("systemd-nspawn", name)
        }
        return nil
    }

    static func isContainerID(_ s: String) -> Bool {
        s.utf8.count >= 12 && s.utf8.count <= 64 && s.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }

    /// systemd's unit-name escaping: `\x2d` is a '-' inside a name.
    static func unescape(_ s: String) -> String { String(decoding: KernelEscapes.decodeHex(s.utf8), as: UTF8.self) }
}
