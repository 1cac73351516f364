import Testing
import VigilConfig

/// [[workload]]: how it is read, which workload a cgroup falls into (the most specific
/// pattern wins), and what a cgroup path says about the container or unit behind it.
@Suite("workloads")
struct WorkloadTests {
    static let config = """
        [daemon]
        mode = "enforce"
        [[workload]]
        name = "ci-builds"
        cgroup = "/system.slice/docker-*.scope"
        mode = "audit"
        [[workload]]
        name = "db"
        cgroup = "/system.slice/postgresql.service"
        exec_only = true
        [[workload]]
        name = "backup"
        cgroup = "/system.slice/backup-*.service"
        mode = "off"
        [[workload]]
        name = "uploads"
        cgroup = "/system.slice/docker-0123456789ab*.scope"
        rules = ["/etc/vigil/rules.d/uploads"]
        [[workload]]
        name = "machines"
        cgroup = "/machine.slice"
        """

    @Test("every key is read; the effective config renders back to the same workloads")
    func parse() throws {
        let c = try Configuration.parse(WorkloadTests.config, file: "vigil.toml").daemon
        let w = c.workloads.rules
        #expect(w.map(\.name) == ["ci-builds", "db", "backup", "uploads", "machines"])
        #expect(w[0].mode == .audit && !w[0].execOnly && w[0].rules.isEmpty)
        #expect(w[1].mode == .enforce && w[1].execOnly)
        #expect(w[2].mode == .off)
        #expect(w[3].rules == ["/etc/vigil/rules.d/uploads"] && !w[3].replaceRules && w[3].hasOwnRules)
        let again = try DaemonConfig.parse(c.render(), file: "rendered")
        #expect(again.workloads.rules == w)
        #expect(c.warnings.contains { $0.contains("'ci-builds'") && $0.contains("audit") })
        #expect(c.warnings.contains { $0.contains("'backup'") && $0.contains("off") })
    }

    @Test("bad workloads are refused with file, line and key", arguments: [
        ("[workload]\nname = \"a\"\ncgroup = \"/a\"\n", "write [[workload]]"),
        ("[[workload]]\ncgroup = \"/a\"\n", "needs a name"),
        ("[[workload]]\nname = \"a\"\n", "needs cgroup"),
        ("[[workload]]\nname = \"a\"\ncgroup = \"a.slice\"\n", "needs cgroup"),
        ("[[workload]]\nname = \"a\"\ncgroup = \"/a\"\nmode = \"permissive\"\n", "\"enforce\", \"audit\" or \"off\""),
        ("[[workload]]\nname = \"host\"\ncgroup = \"/a\"\n", "is taken"),
        ("[[workload]]\nname = \"a\"\ncgroup = \"/a\"\n[[workload]]\nname = \"a\"\ncgroup = \"/b\"\n", "is taken"),
        ("[[workload]]\nname = \"a b\"\ncgroup = \"/a\"\n", "metrics label"),
        ("[[workload]]\nname = \"a\"\ncgroup = \"/a\"\nreplace_rules = true\n", "set rules too"),
        ("[[workload]]\nname = \"a\"\ncgroup = \"/a\"\nrules = [\"relative\"]\n", "absolute path"),
        ("[[workload]]\nname = \"a\"\ncgroup = \"/a\"\nexec = true\n", "unknown setting"),
    ])
    func refused(_ toml: String, _ message: String) {
        do {
            _ = try DaemonConfig.parse(toml, file: "vigil.toml")
            Issue.record("accepted: \(toml)")
        } catch {
            #expect(error.description.contains(message), "\(error)")
            #expect(error.description.hasPrefix("vigil.toml:"), "\(error)")
        }
    }

    @Test("the most specific pattern wins, whatever the order; ancestors count, * stays in one component")
    func specificity() throws {
        let table = try Configuration.parse(WorkloadTests.config, file: "t").daemon.workloads
        let id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
        let other = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"
        let cases: [(String, String?, String)] = [
            ("/system.slice/docker-\(other).scope", "ci-builds", "a docker scope"),
            ("/system.slice/docker-\(other).scope/init.scope", "ci-builds", "a sub-cgroup belongs to its container"),
            ("/system.slice/docker-\(id).scope", "uploads", "longer literal prefix beats the generic docker pattern"),
            ("/system.slice/postgresql.service", "db", "an exact unit"),
            ("/system.slice/postgresql.service/worker", "db", "below an exact unit"),
            ("/system.slice/postgresql-12.service", nil, "not a prefix match on names"),
            ("/system.slice/backup-daily.service", "backup", "a unit glob"),
            ("/system.slice", nil, "a parent of every pattern is the host's"),
            ("/user.slice/user-1000.slice/session-2.scope", nil, "a login session"),
            ("/machine.slice/machine-web.scope/system.slice/postgresql.service", "machines", "patterns are anchored at the root"),
            ("/", nil, "the root cgroup"),
            ("", nil, "an empty path is the root"),
        ]
        for (path, expected, why) in cases {
            let m = table.match(path)
            #expect(m.index.map { table.rules[$0].name } == expected, "\(why): \(path)")
        }
        // Order does not matter: the same table reversed picks the same winners.
        let reversed = WorkloadTable(table.rules.reversed())
        for (path, expected, why) in cases {
            #expect(reversed.match(path).index.map { reversed.rules[$0].name } == expected, "reversed: \(why)")
        }
    }

    @Test("specificity compares components, then the literal prefix, then fewer wildcards; config order breaks ties")
    func specificityOrder() {
        func w(_ name: String, _ glob: String) -> WorkloadRule { WorkloadRule(name: name, cgroup: glob) }
        let cases: [([WorkloadRule], String, String)] = [
            ([w("slice", "/system.slice"), w("unit", "/system.slice/*.service")], "/system.slice/a.service", "unit"),
            ([w("star", "/*/a.service"), w("slice", "/system.slice")], "/system.slice/a.service", "star"),
            ([w("short", "/system.slice/a*"), w("long", "/system.slice/ab*")], "/system.slice/abc.service", "long"),
            ([w("two", "/system.slice/a*.serv*"), w("one", "/system.slice/a*.service")], "/system.slice/abc.service", "one"),
            ([w("first", "/system.slice/*.service"), w("second", "/system.slice/*.service")], "/system.slice/x.service", "first"),
            ([w("star", "/system.slice/*.service"), w("class", "/system.slice/a[bc].service")], "/system.slice/ab.service", "class"),
        ]
        for (rules, path, winner) in cases {
            let t = WorkloadTable(rules)
            #expect(t.match(path).index.map { t.rules[$0].name } == winner, "\(rules.map(\.cgroup)) on \(path)")
        }
    }

    @Test("the runtime, container and unit read from a cgroup path")
    func identity() {
        let id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
        let cases: [(String, WorkloadIdentity)] = [
            ("/system.slice/docker-\(id).scope", WorkloadIdentity(runtime: "docker", containerID: id)),
            ("/machine.slice/libpod-\(id).scope/container", WorkloadIdentity(runtime: "podman", containerID: id)),
            ("/machine.slice/libpod-conmon-\(id).scope", WorkloadIdentity()),
            ("/kubepods.slice/kubepods-burstable.slice/cri-containerd-\(id).scope", WorkloadIdentity(runtime: "containerd", containerID: id)),
            ("/kubepods.slice/crio-\(id).scope", WorkloadIdentity(runtime: "cri-o", containerID: id)),
            ("/docker/\(id)", WorkloadIdentity(runtime: "docker", containerID: id)),
            ("/machine.slice/machine-web\\x2d1.scope/payload/system.slice/nginx.service",
             WorkloadIdentity(runtime: "systemd-nspawn", containerID: "web-1", containerName: "web-1", serviceName: "nginx.service")),
            ("/system.slice/nginx.service", WorkloadIdentity(serviceName: "nginx.service")),
            ("/user.slice/user-1000.slice/user@1000.service/app.slice/app-gnome.scope", WorkloadIdentity(serviceName: "user@1000.service")),
            ("/system.slice/docker-nothex.scope", WorkloadIdentity()),
            ("/", WorkloadIdentity()),
        ]
        for (path, expected) in cases {
            #expect(WorkloadIdentity(cgroupPath: path) == expected, "\(path)")
        }
    }

    @Test("explain names the winner, the losers and why")
    func explain() throws {
        let table = try Configuration.parse(WorkloadTests.config, file: "t").daemon.workloads
        let id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
        let text = table.explain("/system.slice/docker-\(id).scope").joined(separator: "\n")
        #expect(text.contains("workload  uploads (mode enforce, rules plus /etc/vigil/rules.d/uploads)"), "\(text)")
        #expect(text.contains("wins  [[workload]] #4 uploads"), "\(text)")
        #expect(text.contains("loses [[workload]] #1 ci-builds"), "\(text)")
        #expect(text.contains("container docker \(id)"), "\(text)")
        let host = table.explain("/user.slice").joined(separator: "\n")
        #expect(host.contains("workload  host"), "\(host)")
    }

    @Test("rule sets: the host's first; a workload's rules add to the host's (or replace them); the same folders share a set")
    func ruleSets() {
        var plus = WorkloadRule(name: "plus", cgroup: "/a"); plus.rules = ["/r/extra"]
        var same = WorkloadRule(name: "same", cgroup: "/b"); same.rules = ["/r/extra"]
        var only = WorkloadRule(name: "only", cgroup: "/c"); only.rules = ["/r/own"]; only.replaceRules = true
        let none = WorkloadRule(name: "none", cgroup: "/d")
        let plan = WorkloadTable([plus, none, same, only]).ruleSets(hostPaths: ["/r/host"])
        #expect(plan.paths == [["/r/host"], ["/r/host", "/r/extra"], ["/r/own"]])
        #expect(plan.setOf == [1, 0, 1, 2])
        #expect(WorkloadTable([none]).ruleSets(hostPaths: ["/r/host"]) == WorkloadTable.RuleSetPlan(paths: [["/r/host"]], setOf: [0]))
    }
}
