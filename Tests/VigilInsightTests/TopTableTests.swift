import Glibc
import Testing
import VigilInsight
import VigilSystem

@Suite("vigil top: the ring and the ranking")
struct TopTableTests {
    func sample(_ pid: Int32, _ path: String, _ verdict: ActivityVerdict = .allow, latency: UInt32? = 100, rule: String? = nil,
                at t: UInt64 = 1, exec: Bool = false) -> ActivitySample {
        ActivitySample(monotonicNanos: t, pid: pid, path: RawPath(path), kind: exec ? .exec : .open, verdict: verdict, latencyMicros: latency, rule: rule)
    }

    @Test("workloads: a dimension of their own, named beside each process and path entry (busiest first); without [[workload]]s no entries")
    func workloads() {
        func w(_ pid: Int32, _ path: String, _ verdict: ActivityVerdict, _ workload: String?) -> ActivitySample {
            ActivitySample(monotonicNanos: 1, pid: pid, path: RawPath(path), kind: .open, verdict: verdict, latencyMicros: 50, rule: nil, workload: workload)
        }
        let samples = [w(1, "/srv/a", .audit, "ci"), w(1, "/srv/a", .audit, "ci"), w(2, "/srv/a", .deny, "web"), w(3, "/srv/b", .deny, "host")]
        let byWorkload = TopTable.rank(samples, by: .workload, limit: 10, identities: [:])
        #expect(byWorkload.map(\.key) == ["ci", "host", "web"])
        #expect(byWorkload[0].audits == 2 && byWorkload[0].denies == 0 && byWorkload[2].denies == 1)
        #expect(TopTable.exclusion(byWorkload[0], .workload) == nil, "a workload has no exclusion line: its mode is the knob")
        let paths = TopTable.rank(samples, by: .path, limit: 10, identities: [:])
        #expect(paths.first { $0.key == "/srv/a" }?.workloads == ["ci", "web"])
        #expect(paths.first { $0.key == "/srv/b" }?.workloads == ["host"])
        let json = TopTable.json(paths, .path, seconds: 1).map(\.text)
        #expect(json.contains { $0.contains(#""key":"/srv/a""#) && $0.contains(#""workloads":["ci","web"]"#) }, "\(json)")
        let processes = TopTable.rank(samples, by: .process, limit: 10, identities: [:])
        // Never named (no identities): one entry for the three pids, with every workload.
        #expect(processes.first { $0.key == TopTable.unnamed }?.workloads == ["ci", "host", "web"])
        // No [[workload]]: samples carry none, the dimension is empty and entries name none.
        let plain = samples.map { var s = $0; s.workload = nil; return s }
        #expect(TopTable.rank(plain, by: .workload, limit: 10, identities: [:]).isEmpty)
        #expect(TopTable.rank(plain, by: .path, limit: 10, identities: [:]).allSatisfy { $0.workloads.isEmpty })
        #expect(!TopTable.json(TopTable.rank(plain, by: .path, limit: 10, identities: [:]), .path, seconds: 1).contains { $0.text.contains("workloads") })
    }

    @Test("the ring keeps the newest `capacity` samples and a snapshot returns those inside the window, oldest first")
    func ringWraps() {
        let ring = ActivityRing(capacity: 4)
        for t in 1...6 { ring.append(sample(1, "/f\(t)", at: UInt64(t))) }
        let all = ring.snapshot(sinceNanos: 0)
        #expect(all.samples.map(\.monotonicNanos) == [3, 4, 5, 6])
        #expect(all.totalAppended == 6 && all.oldestKept == 3)
        #expect(ring.snapshot(sinceNanos: 5).samples.map(\.path.description) == ["/f5", "/f6"])
        #expect(ActivityRing(capacity: 8).snapshot(sinceNanos: 0).samples.isEmpty)
    }

    @Test("processes merge by executable (the name read with a deny wins); a pid never named counts once under 'exited before it was named'")
    func processes() {
        let ids: [Int32: ProcessIdentity] = [10: ProcessIdentity(executable: "/usr/bin/rsync", commandLine: "rsync -a /srv /backup"),
                   11: ProcessIdentity(executable: "/usr/bin/rsync", commandLine: "rsync -a /home /backup")]
        var denied = sample(12, "/e", .deny, rule: "R")
        denied.executable = "/tmp/dropper"
        let samples = [sample(10, "/a"), sample(11, "/b"), sample(10, "/c", latency: 300), sample(99, "/d"), sample(98, "/f"), denied]
        let top = TopTable.rank(samples, by: .process, limit: 10, identities: ids)
        #expect(top.map(\.key) == ["/usr/bin/rsync", TopTable.unnamed, "/tmp/dropper"])
        #expect(top[0].events == 3 && top[0].processes == 2 && top[0].p50Micros == 100 && top[0].p99Micros == 300)
        #expect(top[0].commandLine == "rsync -a /srv /backup")
        #expect(top[1].processes == 2 && top[1].executable == nil)
        #expect(TopTable.exclusion(top[0], .process) == #"[guard] exclude_executables = ["/usr/bin/rsync"]"#)
        #expect(TopTable.exclusion(top[1], .process) == nil && TopTable.exclusionWithheld(top[1], .process) == nil, "nothing to name")
        #expect(top[2].denies == 1 && TopTable.exclusion(top[2], .process) == nil)
        let json = TopTable.json(top, .process, seconds: 1)
        #expect(json[0].text.contains(#""processes":2"#) && json[0].text.contains(#""command_line":"rsync -a /srv /backup""#))
        #expect(json[2].text.contains(#""exclusion_withheld":"no exclusion suggested: 1 denied here"#))
    }

    @Test("an exclusion is never suggested where something was denied or audited; the reason says what", arguments: [
        // (denies, audits, dimension, suggested, withheld reason)
        (0, 0, InsightDimension.path, true, nil),
        (1, 0, .path, false, "no exclusion suggested: 1 denied here; excluding it would hide what was found"),
        (0, 3, .path, false, "no exclusion suggested: 3 audited here; excluding it would hide what was found"),
        (2, 1, .process, false, "no exclusion suggested: 2 denied, 1 audited here; excluding it would hide what was found"),
        (0, 0, .process, true, nil),
        (5, 0, .rule, false, nil),
        (5, 0, .kind, false, nil),
    ] as [(Int, Int, InsightDimension, Bool, String?)])
    func withheld(denies: Int, audits: Int, dimension: InsightDimension, suggested: Bool, reason: String?) {
        var samples: [ActivitySample] = []
        for _ in 0..<denies { var s = sample(1, "/srv/x", .deny, rule: "R"); s.executable = "/usr/bin/x"; samples.append(s) }
        for _ in 0..<audits { var s = sample(1, "/srv/x", .audit, rule: "R"); s.executable = "/usr/bin/x"; samples.append(s) }
        var clean = sample(1, "/srv/x"); clean.executable = "/usr/bin/x"; samples.append(clean)
        let e = TopTable.rank(samples, by: dimension, limit: 1, identities: [:])[0]
        #expect((TopTable.exclusion(e, dimension) != nil) == suggested)
        #expect(TopTable.exclusionWithheld(e, dimension) == reason)
    }

    @Test("a folder holding one denied file gets no exclusion either")
    func folderWithADeny() {
        var samples = (0..<9).map { sample(1, "/srv/cache/f\($0)") }
        samples.append(sample(1, "/srv/cache/eicar.com", .deny, rule: "EICAR"))
        let folder = TopTable.rank(samples, by: .path, limit: 1, identities: [:])[0]
        #expect(folder.key == "/srv/cache/" && folder.denies == 1)
        #expect(TopTable.exclusion(folder, .path) == nil && TopTable.exclusionWithheld(folder, .path) != nil)
    }

    @Test("the namer re-reads a known pid at most once a second", arguments: [
        (false, UInt64(0), UInt64(5), ProcessNamer.Step.name),
        (true, 0, 999_999_999, .keep),
        (true, 0, 1_000_000_000, .checkStart),
        (true, 5_000_000_000, 5_500_000_000, .keep),
    ] as [(Bool, UInt64, UInt64, ProcessNamer.Step)])
    func namerSteps(known: Bool, checkedAt: UInt64, now: UInt64, want: ProcessNamer.Step) {
        #expect(ProcessNamer.step(known: known, checkedAt: checkedAt, now: now) == want)
    }

    @Test("the namer names a real short-lived process from its samples, and still does after it exited")
    func namerOutlivesTheProcess() throws {
        let ring = ActivityRing(capacity: 64)
        let namer = ProcessNamer(ring: ring)
        var pid: pid_t = 0
        // The process lives until the namer has caught up (a fixed short sleep raced the
        // namer on a loaded machine: it exited between the exe and the cmdline reads), then
        // it is killed and reaped: the name must outlive it.
        var argv: [UnsafeMutablePointer<CChar>?] = ["/bin/sleep".withCString { strdup($0) }, "30".withCString { strdup($0) }, nil]
        defer { for a in argv { free(a) } }
        #expect(posix_spawn(&pid, "/bin/sleep", nil, nil, &argv, environ) == 0)
        var reaped = false
        defer { if !reaped && pid > 0 { kill(pid, SIGKILL); waitpid(pid, nil, 0) } }
        // posix_spawn returns once the child's exec has swapped in the new memory, which is
        // before the kernel has laid out its arguments: a read in that window finds the new
        // exe and an empty cmdline (seen on a loaded CI machine). Naming at that instant is
        // not what this test is about; wait (bounded) until the arguments are there.
        for _ in 0..<500 where (readSmallFile("/proc/\(pid)/cmdline") ?? "").isEmpty { usleep(10_000) }
        ring.append(sample(pid, "/f"))
        ring.append(sample(pid, "/g"))
        #expect(namer.catchUp() == 1, "one pid, named once")
        #expect(namer.catchUp() == 0, "nothing new")
        var status: Int32 = 0
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        reaped = true
        let id = try #require(namer.identities(for: [pid])[pid])
        #expect(id.executable == "/usr/bin/sleep", "\(id.executable)")
        #expect(id.commandLine == "/bin/sleep 30", "\(id.commandLine)")
        #expect(ProcessNamer.startTicks(stat: "42 (a) (b c) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 123456 99") == 123456)
        #expect(ring.pids(after: 0).pids == [pid, pid] && ring.pids(after: 2).pids.isEmpty)
    }

    @Test("paths rank files and the deepest folder that gathers several, each with its exclude_paths line")
    func paths() {
        var samples: [ActivitySample] = []
        for i in 0..<5 { samples.append(sample(1, "/var/cache/app/blobs/x\(i)")) }
        samples.append(sample(1, "/var/cache/app/blobs/x0"))
        samples.append(sample(1, "/home/u/notes.txt"))
        let top = TopTable.rank(samples, by: .path, limit: 3, identities: [:])
        // /var/, /var/cache/ and /var/cache/app/ hold what blobs/ holds: only blobs/ is listed.
        #expect(top.map(\.key) == ["/var/cache/app/blobs/", "/var/cache/app/blobs/x0", "/home/u/"])
        #expect(top[0].isFolder && top[0].events == 6 && !top[1].isFolder)
        #expect(TopTable.exclusion(top[0], .path) == #"[guard] exclude_paths = ["/var/cache/app/blobs/"]"#)
    }

    @Test("a folder is listed beside its busiest child folder only when that child holds less than 90 % of its events")
    func folderThreshold() {
        var samples: [ActivitySample] = []
        for i in 0..<9 { samples.append(sample(1, "/srv/a/x\(i)")) }
        samples.append(sample(1, "/srv/b/y"))
        #expect(TopTable.rank(samples, by: .path, limit: 2, identities: [:]).map(\.key) == ["/srv/a/", "/srv/a/x0"], "9 of 10: /srv/ is shown through /srv/a/")
        samples.append(sample(1, "/srv/b/z"))
        #expect(TopTable.rank(samples, by: .path, limit: 2, identities: [:]).map(\.key) == ["/srv/", "/srv/a/"], "9 of 11: both")
    }

    @Test("rules and kinds; cache answers count as events but not in the scan latency")
    func rulesAndKinds() {
        let samples = [sample(1, "/a", .deny, latency: nil, rule: "EICAR"), sample(1, "/a", .deny, latency: 50, rule: "EICAR"),
                       sample(1, "/b", .audit, rule: "Dropper", exec: true), sample(1, "/c")]
        let rules = TopTable.rank(samples, by: .rule, limit: 10, identities: [:])
        #expect(rules.map(\.key) == ["EICAR", "(no finding)", "Dropper"])
        #expect(rules[0].events == 2 && rules[0].scanned == 1 && rules[0].p99Micros == 50)
        let kinds = TopTable.rank(samples, by: .kind, limit: 10, identities: [:])
        #expect(kinds.map(\.key) == ["open deny", "exec audit", "open allow"])
        let json = TopTable.json(rules, .rule, seconds: 2)
        #expect(json[0].text.contains(#""events_per_second":1"#) && !json[0].text.contains("exclusion"))
    }
}
