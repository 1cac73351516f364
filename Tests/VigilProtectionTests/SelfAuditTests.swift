import Foundation
import Glibc
import Synchronization
import Testing
@testable import VigilProtection
import VigilSystem
import VigilTestSupport

/// The self-audit's decisions, without a kernel: what the kernel says a group holds
/// against what Vigil placed.
@Suite("mark audit")
struct MarkAuditTests {
    typealias Mark = Fanotify.MarkInfo
    static let dev: UInt32 = 0x28
    static let guardEvents: Fanotify.Events = [.openPerm, .openExecPerm, .closeWrite]
    static let ownMask: Fanotify.Events = [.openPerm, .closeWrite, .eventOnChild, .onDir]
    static let folderMask: Fanotify.Events = [.openPerm, .openExecPerm, .eventOnChild]

    /// A guard group as the daemon places it: a filesystem mark, the probe, an own folder,
    /// two clean files cached in the kernel.
    static var expected: MarkExpectation {
        var e = MarkExpectation(group: "on-access")
        e.filesystems = [dev: "/srv"]
        e.events = guardEvents
        e.inodes = [.init(device: dev, inode: 2): ("/run/vigil/liveness", [.openPerm])]
        e.ownIgnores = [.init(device: dev, inode: 3): ownMask]
        e.cacheIgnores = [.init(device: dev, inode: 10), .init(device: dev, inode: 11)]
        e.folderIgnores = [.init(device: dev, inode: 20)]
        e.folderIgnoreMask = folderMask
        return e
    }
    static let healthy: [Mark] = [
        Mark(object: .filesystem(device: dev), flags: [], mask: guardEvents, ignoredMask: []),
        Mark(object: .inode(device: dev, inode: 2), flags: [], mask: [.openPerm], ignoredMask: []),
        Mark(object: .inode(device: dev, inode: 3), flags: [.ignore, .ignoredSurviveModify], mask: [], ignoredMask: ownMask),
        Mark(object: .inode(device: dev, inode: 10), flags: [.ignore, .evictable], mask: [], ignoredMask: [.openPerm]),
        Mark(object: .inode(device: dev, inode: 20), flags: [.ignore, .evictable, .ignoredSurviveModify], mask: [], ignoredMask: folderMask),
    ]

    static let cases: [(String, [Mark], [MarkFinding.Kind])] = [
        ("as placed (one cached file evicted by the kernel): nothing", healthy, []),
        ("FAN_MARK_FLUSH of every kind: flushed", [], [.flushed]),
        ("the filesystem mark removed", Array(healthy.dropFirst()), [.removed]),
        ("the filesystem mark's open event removed (FAN_MARK_REMOVE of FAN_OPEN_PERM)",
         [Mark(object: .filesystem(device: dev), flags: [], mask: [.closeWrite], ignoredMask: [])] + healthy.dropFirst(), [.removed]),
        ("an ignore mask added to the filesystem mark",
         [Mark(object: .filesystem(device: dev), flags: [.ignore, .ignoredSurviveModify], mask: guardEvents, ignoredMask: [.openPerm])] + healthy.dropFirst(),
         [.ignoreAdded]),
        ("an ignore mark on a file the cache never marked", healthy + [
            Mark(object: .inode(device: dev, inode: 99), flags: [.ignore, .evictable], mask: [], ignoredMask: [.openPerm])], [.ignoreAdded]),
        ("an ignore mark on a cached file that survives writes", [healthy[0], healthy[1], healthy[2],
            Mark(object: .inode(device: dev, inode: 11), flags: [.ignore, .ignoredSurviveModify], mask: [], ignoredMask: [.openPerm])], [.ignoreAdded]),
        ("a cached file's ignore mask widened to exec", [healthy[0], healthy[1], healthy[2],
            Mark(object: .inode(device: dev, inode: 11), flags: [.ignore, .evictable], mask: [], ignoredMask: [.openPerm, .openExecPerm])], [.ignoreAdded]),
        ("an own folder's ignore mask widened to exec", [healthy[0], healthy[1],
            Mark(object: .inode(device: dev, inode: 3), flags: [.ignore, .ignoredSurviveModify], mask: [], ignoredMask: ownMask.union(.openExecPerm)),
            healthy[3]], [.ignoreAdded]),
        ("a mount ignore mark (old-style FAN_MARK_IGNORED_MASK)", healthy + [
            Mark(object: .mount(id: 7), flags: [.ignoredSurviveModify], mask: [], ignoredMask: [.openPerm])], [.ignoreAdded]),
        ("the liveness probe's mark removed", [healthy[0], healthy[2], healthy[3]], [.removed]),
        ("an own folder's ignore mark removed", [healthy[0], healthy[1], healthy[3]], [.removed]),
        ("a folder ignore mark on a folder Vigil did not ignore (a guarded folder blinded): ignore added", healthy + [
            Mark(object: .inode(device: dev, inode: 21), flags: [.ignore, .evictable, .ignoredSurviveModify], mask: [], ignoredMask: folderMask)],
         [.ignoreAdded]),
        ("an ignored folder's mark made permanent (not evictable): ignore added", Array(healthy.dropLast()) + [
            Mark(object: .inode(device: dev, inode: 20), flags: [.ignore, .ignoredSurviveModify], mask: [], ignoredMask: folderMask)],
         [.ignoreAdded]),
        ("an ignored folder's mask widened to close-write: ignore added", Array(healthy.dropLast()) + [
            Mark(object: .inode(device: dev, inode: 20), flags: [.ignore, .evictable, .ignoredSurviveModify], mask: [],
                 ignoredMask: folderMask.union(.closeWrite))], [.ignoreAdded]),
        ("an ignored folder evicted by the kernel: nothing", Array(healthy.dropLast()), []),
        ("a second filesystem mark (a filesystem mounted below a guard later): nothing", healthy + [
            Mark(object: .filesystem(device: 0x29), flags: [], mask: guardEvents, ignoredMask: [])], []),
    ]

    @Test("findings per attack", arguments: cases)
    func findings(_ c: (String, [Mark], [MarkFinding.Kind])) {
        let found = MarkAudit.findings(expected: MarkAuditTests.expected, installed: c.1).map(\.kind)
        #expect(found == c.2, "\(c.0)")
    }

    @Test("a group without a verdict cache: every inode ignore mark is foreign")
    func noCache() {
        var e = MarkExpectation(group: "tamper-permission")
        e.inodes = [.init(device: 1, inode: 5): ("/etc/vigil/vigil.toml", [.openPerm])]
        let marks = [Mark(object: .inode(device: 1, inode: 5), flags: [.ignore], mask: [.openPerm], ignoredMask: [.openPerm])]
        #expect(MarkAudit.findings(expected: e, installed: marks).map(\.kind) == [.ignoreAdded])
    }
}

@Suite("process audit")
struct ProcessAuditTests {
    @Test("TracerPid: 0 is nobody", arguments: [
        ("Name:\tvigil\nTracerPid:\t0\nUid:\t0\n", nil as Int32?),
        ("Name:\tvigil\nTracerPid:\t4242\n", 4242),
        ("Name:\tvigil\n", nil),
    ])
    func tracer(_ c: (String, Int32?)) {
        #expect(ProcessAudit.tracerPid(status: Substring(c.0)) == c.1)
    }

    static let maps = """
        55d0c0000000-55d0c0100000 r--p 00000000 08:01 1234 /usr/bin/vigil
        55d0c0100000-55d0c0200000 r-xp 00100000 08:01 1234 /usr/bin/vigil
        7f0000000000-7f0000100000 r-xp 00000000 08:01 555 /usr/lib/x86_64-linux-gnu/libc.so.6
        7f0000200000-7f0000201000 rw-p 00000000 00:00 0
        7ffc00000000-7ffc00002000 r-xp 00000000 00:00 0 [vdso]
        """

    @Test("only executable mappings; paths with spaces kept")
    func mappings() {
        let m = ProcessAudit.executableMappings(maps: Substring(ProcessAuditTests.maps + "\n7f0000300000-7f0000301000 r-xp 00000000 08:01 77 /opt/my lib.so"))
        #expect(m.map(\.path) == ["/usr/bin/vigil", "/usr/lib/x86_64-linux-gnu/libc.so.6", "[vdso]", "/opt/my lib.so"])
    }

    static let cases: [(String, String, [String])] = [
        ("as at start", "", []),
        ("a library replaced on disk is the same inode: nothing",
         "7f0000400000-7f0000401000 r-xp 00000000 08:01 555 /usr/lib/x86_64-linux-gnu/libc.so.6 (deleted)", []),
        ("anonymous executable memory (an injected mmap)", "7f0000500000-7f0000501000 rwxp 00000000 00:00 0", [""]),
        ("a library loaded later (LD_PRELOAD-free injection through dlopen)",
         "7f0000600000-7f0000601000 r-xp 00000000 08:01 999 /tmp/evil.so", ["/tmp/evil.so"]),
        ("a memfd", "7f0000700000-7f0000701000 r-xp 00000000 00:01 17 /memfd:x (deleted)", ["/memfd:x (deleted)"]),
        ("glibc's NSS module loaded on first use: allowed by name",
         "7f0000800000-7f0000801000 r-xp 00000000 08:01 1000 /usr/lib/x86_64-linux-gnu/libnss_files.so.2", []),
        ("a look-alike NSS module outside the system folders",
         "7f0000900000-7f0000901000 r-xp 00000000 08:01 1001 /tmp/libnss_files.so.2", ["/tmp/libnss_files.so.2"]),
    ]

    @Test("anonymous executable memory at start (a JIT page) does not make an injected one known; the same page again is")
    func anonymousAtStart() {
        let atStart = ProcessAuditTests.maps + "\n7f0000a00000-7f0000a01000 r-xp 00000000 00:00 0"
        let sealed = Set(ProcessAudit.executableMappings(maps: Substring(atStart)).map(\.identity))
        let same = ProcessAudit.executableMappings(maps: Substring(atStart))
        #expect(ProcessAudit.unknownMappings(sealed: sealed, current: same).isEmpty)
        let injected = ProcessAudit.executableMappings(maps: Substring(atStart + "\n7f0000b00000-7f0000b01000 rwxp 00000000 00:00 0"))
        #expect(ProcessAudit.unknownMappings(sealed: sealed, current: injected).map(\.range) == ["7f0000b00000-7f0000b01000"])
    }

    @Test("unknown executable mappings", arguments: cases)
    func unknown(_ c: (String, String, [String])) {
        let sealed = Set(ProcessAudit.executableMappings(maps: Substring(ProcessAuditTests.maps)).map(\.identity))
        let now = ProcessAudit.executableMappings(maps: Substring(ProcessAuditTests.maps + "\n" + c.1))
        #expect(ProcessAudit.unknownMappings(sealed: sealed, current: now).map(\.path) == c.2, "\(c.0)")
    }
}

@Suite("previous run")
struct PreviousRunTests {
    static let boot = "b0"
    static func record(_ edit: (inout RunRecord) -> Void = { _ in }) -> RunRecord {
        var r = RunRecord(pid: 42, bootID: boot, startedAt: 1000)
        edit(&r)
        return r
    }

    static let cases: [(String, RunRecord?, Double?, String, Double?)] = [
        ("no record: a first start", nil, nil, "first-start", nil),
        ("stopped by SIGTERM", record { $0.cleanStopAt = 1500 }, 1499, "clean-stop", 100),
        ("kill -9 of the daemon, seen by its watchdog", record { $0.exit = "signal 9"; $0.exitAt = 1590; $0.exitSeenBy = "watchdog" }, 1589, "killed", 10),
        ("a segfault, seen by its watchdog", record { $0.exit = "core signal 11"; $0.exitAt = 1590 }, 1589, "crashed", 10),
        ("kill -9 of the service's main process, as systemd's ExecStopPost writes it",
         record { $0.exit = "signal 9 (the service's main process)"; $0.exitAt = 1590; $0.exitSeenBy = "systemd" }, 1589, "killed", 10),
        ("a core dump of the main process, as systemd's ExecStopPost writes it",
         record { $0.exit = "core signal 11 (the service's main process)"; $0.exitAt = 1590; $0.exitSeenBy = "systemd" }, 1589, "crashed", 10),
        ("SIGABRT without a core", record { $0.exit = "signal 6"; $0.exitAt = 1590 }, 1589, "crashed", 10),
        ("an exit without a stop", record { $0.exit = "exit 1"; $0.exitAt = 1590 }, 1589, "exited", 10),
        ("kill -9 of the daemon and its watchdog together: nobody saw it; the gap from the last sign of life", record(), 1580, "unknown", 20),
        ("no alive stamp: the gap from the start", record(), nil, "unknown", 600),
        ("another boot: the host went down", record { $0.bootID = "old" }, 1580, "host-restarted", nil),
    ]

    @Test("how the previous daemon ended, and how long nothing guarded", arguments: cases)
    func judge(_ c: (String, RunRecord?, Double?, String, Double?)) {
        let v = PreviousRun.judge(c.1, aliveAt: c.2, bootID: PreviousRunTests.boot, now: 1600)
        #expect(v.how == c.3, "\(c.0): \(v.message)")
        #expect(v.gapSeconds == c.4, "\(c.0)")
        #expect(v.alert == !["first-start", "clean-stop"].contains(c.3))
    }

    @Test("the record survives its own text; a corrupt one reads as none", arguments: [
        record(), record { $0.cleanStopAt = 3; $0.exit = "signal 9"; $0.exitAt = 4; $0.exitSeenBy = "systemd" },
    ])
    func roundTrip(_ r: RunRecord) {
        #expect(RunRecord.parse(r.render()) == r)
        #expect(RunRecord.parse("pid\tx\n") == nil)
        #expect(RunRecord.parse("") == nil)
    }

    @Test("a record with absurd times (edited or damaged) has no such times: judging it and logging the verdict do not trap", arguments: [
        "clean_stop_at\t-1e300\n", "clean_stop_at\tinf\n", "exit\tsignal 9\nexit_at\t-inf\n", "exit\tsignal 9\nexit_at\tnan\n",
        "exit\texit 1\nexit_at\t-1e300\n",
    ])
    func absurdTimes(_ tail: String) throws {
        let r = try #require(RunRecord.parse("pid\t42\nboot_id\tb0\nstarted_at\t1000\n" + tail))
        #expect(r.cleanStopAt == nil && r.exitAt == nil)
        let v = PreviousRun.judge(r, aliveAt: 1589, bootID: PreviousRunTests.boot, now: 1600)
        #expect(v.gapSeconds == 11, "from the last sign of life: \(v.message)")
        #expect(RunState.event(v).text.contains("11000 ms without a daemon"))
        #expect(RunRecord.parse("pid\t42\nboot_id\tb0\nstarted_at\t1e300\n") == nil, "no start time: no record")
        // The same through the files the daemon reads at start.
        let dir = TempDir()
        try "pid\t42\nboot_id\t\(RunState.bootID)\nstarted_at\t1000\n\(tail)".write(toFile: dir.sub("run.tsv"), atomically: true, encoding: .utf8)
        try "18446744073709551615\n".write(toFile: dir.sub("alive"), atomically: true, encoding: .utf8)
        let state = RunState(stateDirectory: dir.path)
        #expect(state.aliveAt == nil)
        _ = RunState.event(state.begin(pid: 43, now: 2000))
        #expect(state.read()?.pid == 43)
    }

    @Test("wait statuses in words", arguments: [(Int32(0), "exit 0"), (Int32(1 << 8), "exit 1"), (Int32(9), "signal 9"), (Int32(0x80 | 11), "core signal 11")])
    func describe(_ c: (Int32, String)) {
        #expect(RunRecord.describe(waitStatus: c.0) == c.1)
    }
}

@Suite("self-audit loop")
struct SelfAuditLoopTests {
    /// (next sweep, now, poll timeout in ms). The late cases are the issue 12 death: the
    /// thread read the clock, was descheduled past the sweep's time, read it again and
    /// trapped on `next - now` (SIGILL in vigil-audit, Tier B guest run 3).
    static let cases: [(UInt64, UInt64, Int32)] = [
        (1_500_000_000, 1_000_000_000, 500),
        (1_000_000_001, 1_000_000_000, 1),                  // under a millisecond left: 1, never 0 (a busy loop)
        (1_000_000_000, 1_000_000_000, 1),                  // due now
        (1_000_000_000, 1_000_000_001, 1),                  // a nanosecond late
        (1_000_000_000, 61_000_000_000, 1),                 // a minute late (a stopped or starved thread)
        (0, 1_000_000_000, 1),                              // the first sweep (next = 0)
        (UInt64.max, 0, Int32.max),                         // far off: clamped, no overflow
    ]

    @Test("the wait before the next sweep: what is left of it from one clock reading, at least 1 ms, never a trap when late", arguments: cases)
    func pollMillis(_ c: (UInt64, UInt64, Int32)) {
        #expect(SelfAudit.pollMillis(until: c.0, now: c.1) == c.2)
    }
}

/// Mounts over what Vigil protects, from the mount table alone (the self-audit's half
/// without a kernel).
@Suite("mount audit")
struct MountAuditTests {
    static let start = MountInfo.parse(Array("""
        21 1 254:0 / / rw - ext4 /dev/vda rw
        40 21 0:40 / /srv/scratch rw - tmpfs t rw
        """.utf8))

    @Test("a bind mount over the config folder is found, also when it took the id of a mount gone since start")
    func reusedID() {
        let baseline = MountAudit.baseline(MountAuditTests.start)
        #expect(MountAudit.covering(MountAuditTests.start, baseline: baseline, protected: ["/etc/vigil"]).isEmpty, "nothing new")
        // The tmpfs that had id 40 is gone; the kernel gives 40 to the bind mount.
        let later = MountInfo.parse(Array("""
            21 1 254:0 / / rw - ext4 /dev/vda rw
            40 21 254:0 /tmp/evil /etc/vigil rw - ext4 /dev/vda rw
            """.utf8))
        let found = MountAudit.covering(later, baseline: baseline, protected: ["/etc/vigil", "/srv/share"])
        #expect(found.map(\.mount.id) == [40] && found.first?.covers == "/etc/vigil", "\(found)")
    }

    @Test("mounts elsewhere, and the ones at start, are not reported")
    func elsewhere() {
        let baseline = MountAudit.baseline(MountAuditTests.start)
        let later = MountAuditTests.start + MountInfo.parse(Array("41 21 0:41 / /mnt/usb rw - vfat u rw".utf8))
        #expect(MountAudit.covering(later, baseline: baseline, protected: ["/etc/vigil"]).isEmpty)
    }
}

/// The mark audit's share of a CPU (SelfAudit.markAuditShare): a group with a mark per
/// cached file is read as often as that share allows, a small one at every sweep. Real
/// kernel: 20,000 inode marks in a group of the test's own, on a tmpfs of its own.
@Suite("self-audit: the cost of reading marks", .enabled(if: geteuid() == 0))
struct MarkAuditShareTests {
    @Test("20,000 marks are not read at every sweep, 2 marks are; the big group is read again once its share allows")
    func bigGroupSpacedOut() throws {
        let dir = TempDir()
        let fs = try #require(dir.mountTmpfs("marks", size: "256m"))
        let big = try FanotifyGroup(flags: [.cloexec, .unlimitedMarks])
        let small = try FanotifyGroup(flags: [.cloexec])
        for i in 0..<20_000 {
            let path = "\(fs)/f\(i)"
            let fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o644)
            #expect(fd >= 0)
            close(fd)
            try big.mark([.add], [.closeWrite], path: path)
            if i < 2 { try small.mark([.add], [.closeWrite], path: path) }
        }
        let bigReads = Atomic<Int>(0), smallReads = Atomic<Int>(0)
        // No expectation beyond "nothing foreign": every read finds nothing to report.
        let audit = try SelfAudit(targets: [
            .init(name: "big", group: big, expectation: { bigReads.add(1, ordering: .relaxed); return MarkExpectation(group: "big") }, repair: { _ in }),
            .init(name: "small", group: small, expectation: { smallReads.add(1, ordering: .relaxed); return MarkExpectation(group: "small") }, repair: { _ in }),
        ]) { _, _ in }
        for _ in 0..<10 { audit.sweep() }
        #expect(smallReads.load(ordering: .relaxed) >= 5, "the small group is read (nearly) every sweep")
        #expect(bigReads.load(ordering: .relaxed) <= 3, "the big group is spaced out: \(bigReads.load(ordering: .relaxed)) reads in 10 sweeps")
        // ... and read again once its share allows (bounded wait, not a speed test).
        let before = bigReads.load(ordering: .relaxed)
        let end = Date().addingTimeInterval(30)
        while bigReads.load(ordering: .relaxed) == before && Date() < end {
            usleep(200_000)
            audit.sweep()
        }
        #expect(bigReads.load(ordering: .relaxed) > before, "the big group is read again")
    }
}
