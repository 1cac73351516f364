import Foundation
import Synchronization
import Testing
import VigilEvents
@testable import VigilProtection
import VigilTestSupport

/// The kernel's own refusals as it logs them in /dev/kmsg (lockdown, Yama ptrace_scope 3),
/// read into attributable events: the record header, the two refusal lines (real lines
/// from this host's 6.18 and from Debian's 6.1 in the QEMU guest, then the odd ones: a comm
/// with spaces, ": " or raw bytes, lines the kernel cut short), what the event says, and
/// that records lost to the ring buffer are counted and reported. The real kernel's lines
/// reach a real daemon in EndToEndTests/KernelLogDaemonTests.
@Suite("kernel log: lockdown and Yama refusals from /dev/kmsg")
struct KernelLogTests {
    @Test("a /dev/kmsg record: priority, sequence, time, the caller thread when the kernel adds it, the first line of the message", arguments: [
        ("5,1234,76993355692,-;Lockdown: vk: debugfs access is restricted; see man kernel_lockdown.7\n",
         KmsgRecord(priority: 5, sequence: 1234, microseconds: 76_993_355_692, message: "Lockdown: vk: debugfs access is restricted; see man kernel_lockdown.7")),
        ("6,17,250,-,caller=T4711;usb 1-1: new device\n SUBSYSTEM=usb\n DEVICE=c189:1\n",
         KmsgRecord(priority: 6, sequence: 17, microseconds: 250, callerThread: 4711, message: "usb 1-1: new device")),
        ("4,18,251,c,caller=C1;cpu line\n", KmsgRecord(priority: 4, sequence: 18, microseconds: 251, message: "cpu line")),
        ("6,5,5,+;\n", KmsgRecord(priority: 6, sequence: 5, microseconds: 5, message: "")),
        ("12,6,7,-;no newline", KmsgRecord(priority: 12, sequence: 6, microseconds: 7, message: "no newline")),
    ] as [(String, KmsgRecord)])
    func record(raw: String, expected: KmsgRecord) {
        #expect(KmsgRecord.parse(Array(raw.utf8)[...]) == expected)
    }

    @Test("what is not a record is refused", arguments: ["", "garbage\n", "5,x,1,-;m\n", "5,1;m\n", "5,1,2;m\n", ";m\n", "-5,1,2,-;m\n",
                                                          "5,123456789012345678901234,2,-;m\n"])
    func notRecord(raw: String) {
        #expect(KmsgRecord.parse(Array(raw.utf8)[...]) == nil)
    }

    @Test("the kernel's \\xHH escapes are undone when the bytes are text; raw bytes keep the kernel's form", arguments: [
        ("plain", "plain"), ("vk x\\x01z", "vk x\u{01}z"), ("caf\\xc3\\xa9", "café"), ("bad\\xff", "bad\\xff"), ("back\\x5cslash", "back\\slash"),
        ("\\x", "\\x"), ("\\x4", "\\x4"), ("\\xzz", "\\xzz"),
    ])
    func unescape(raw: String, text: String) {
        #expect(KmsgRecord.unescape(raw) == text)
    }

    static let refusals: [(String, KernelRefusal?)] = [
        // This host (6.18, lockdown integrity by boot): a debugfs open, comm set by prctl.
        ("Lockdown: vk x:y\\x01z: debugfs access is restricted; see man kernel_lockdown.7",
         KernelRefusal(source: .lockdown, what: "debugfs access", actor: "vk x:y\u{01}z")),
        // The QEMU guest (Debian 6.1): engineer A's table.
        ("Lockdown: vigil-attack: unsigned module loading is restricted; see man kernel_lockdown.7",
         KernelRefusal(source: .lockdown, what: "unsigned module loading", actor: "vigil-attack")),
        ("Lockdown: vigil-attack: kexec of unsigned images is restricted; see man kernel_lockdown.7",
         KernelRefusal(source: .lockdown, what: "kexec of unsigned images", actor: "vigil-attack")),
        ("Lockdown: vigil-attack: /dev/mem,kmem,port is restricted; see man kernel_lockdown.7",
         KernelRefusal(source: .lockdown, what: "/dev/mem,kmem,port", actor: "vigil-attack")),
        ("Lockdown: vigil-attack: raw io port access is restricted; see man kernel_lockdown.7",
         KernelRefusal(source: .lockdown, what: "raw io port access", actor: "vigil-attack")),
        // A comm holding ": " and " is restricted" still ends where a known reason starts.
        ("Lockdown: a: b is restricted: /dev/cpu/*/msr is restricted; see man kernel_lockdown.7",
         KernelRefusal(source: .lockdown, what: "/dev/cpu/*/msr", actor: "a: b is restricted")),
        ("Lockdown: x y  z: use of bpf to write user RAM is restricted; see man kernel_lockdown.7",
         KernelRefusal(source: .lockdown, what: "use of bpf to write user RAM", actor: "x y  z")),
        // Raw bytes that are not UTF-8 keep the kernel's escapes.
        ("Lockdown: \\xff\\xfe: debugfs access is restricted; see man kernel_lockdown.7",
         KernelRefusal(source: .lockdown, what: "debugfs access", actor: "\\xff\\xfe")),
        // A reason a newer kernel added: after the last ": ".
        ("Lockdown: tool: something new is restricted; see man kernel_lockdown.7",
         KernelRefusal(source: .lockdown, what: "something new", actor: "tool")),
        // Cut short: still a lockdown refusal, marked so.
        ("Lockdown: vigil-attack: kexec of unsig", KernelRefusal(source: .lockdown, what: "kexec of unsig", actor: "vigil-attack", truncated: true)),
        ("Lockdown: vigil-at", KernelRefusal(source: .lockdown, what: "vigil-at", actor: nil, truncated: true)),
        // Yama (scope 3), the guest's lines.
        ("ptrace attach of \"/usr/local/bin/vigil daemon\"[308] was attempted by \"vigil-attack ptrace-hold 308\"[362]",
         KernelRefusal(source: .yama, what: "ptrace attach", actor: "vigil-attack ptrace-hold 308", actorPid: 362,
                       target: "/usr/local/bin/vigil daemon", targetPid: 308)),
        ("ptrace traceme of \"gdb\"[5] was attempted by \"child\"[6]",
         KernelRefusal(source: .yama, what: "ptrace traceme", actor: "child", actorPid: 6, target: "gdb", targetPid: 5)),
        // A quote in a command line comes escaped (Yama's \x22, then kmsg's \x5c); "[12]" alone does not end one.
        ("ptrace attach of \"sh -c echo \\x5cx22[12]\\x5cx22 a [7] b\"[10] was attempted by \"strace -p 10\"[11]",
         KernelRefusal(source: .yama, what: "ptrace attach", actor: "strace -p 10", actorPid: 11, target: "sh -c echo \\x5cx22[12]\\x5cx22 a [7] b", targetPid: 10)),
        // A long target command line: the kernel cut the actor off, or part of it.
        ("ptrace attach of \"/usr/bin/python3 -c aaaaaaaa", KernelRefusal(source: .yama, what: "ptrace attach", actor: nil, target: "/usr/bin/python3 -c aaaaaaaa", truncated: true)),
        ("ptrace attach of \"vigil daemon\"[308] was attempted by \"strace -p 30", KernelRefusal(source: .yama, what: "ptrace attach", actor: "strace -p 30",
                                                                                                target: "vigil daemon", targetPid: 308, truncated: true)),
        ("ptrace attach of \"vigil daemon\"[308] was att", KernelRefusal(source: .yama, what: "ptrace attach", actor: nil, target: "vigil daemon", targetPid: 308, truncated: true)),
        // Not refusals.
        ("Kernel is locked down from command line; see man kernel_lockdown.7", nil),
        ("lockdown: vk: debugfs access is restricted; see man kernel_lockdown.7", nil),
        ("ptrace of pid 5 was attempted by: foo (pid 6)", nil),
        ("ptrace detach of \"a\"[1] was attempted by \"b\"[2]", nil),
        ("audit: type=1400 apparmor=\"DENIED\"", nil),
        ("", nil),
    ]

    @Test("a refusal line: who tried what, against whom for Yama; odd comms and lines cut short", arguments: refusals)
    func refusal(message: String, expected: KernelRefusal?) {
        #expect(KernelRefusal.parse(message) == expected)
    }

    @Test("only the kernel's own lines count: a line written to /dev/kmsg from user space (any facility but LOG_KERN) is no refusal", arguments: [
        (5, true), (4, true), (0, true), (12, false), (13, false), (6 + 8 * 3, false),
    ])
    func forged(priority: Int, counts: Bool) {
        let r = KmsgRecord(priority: priority, sequence: 1, microseconds: 1, message: "Lockdown: x: debugfs access is restricted; see man kernel_lockdown.7")
        #expect((KernelLogFollower.refusal(in: r) != nil) == counts)
    }

    @Test("the kernel's own rate limit: its 'callbacks suppressed' line counts the refusals it did not log", arguments: [
        ("lockdown_is_locked_down: 4 callbacks suppressed", KernelRefusal.Source.lockdown, 4),
        ("__report_access: 12 callbacks suppressed", .yama, 12),
        ("lockdown_is_locked_down: 0 callbacks suppressed", nil, 0),
        ("some_driver: 4 callbacks suppressed", nil, 0),
        ("lockdown_is_locked_down: x callbacks suppressed", nil, 0),
    ] as [(String, KernelRefusal.Source?, Int)])
    func suppressed(message: String, source: KernelRefusal.Source?, count: Int) {
        let s = KernelRefusal.suppressed(message)
        #expect(s?.source == source)
        #expect(s?.count ?? 0 == count)
    }

    static func json(_ e: ECSEvent) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(e.render().text.utf8)) as? [String: Any])
    }

    @Test("the event names the actor by the kernel's pid where the line has one, by the one live process with the comm otherwise, and says which")
    func attribution() throws {
        let lockdown = KernelRefusal(source: .lockdown, what: "debugfs access", actor: "vk")
        let record = KmsgRecord(priority: 5, sequence: 9, microseconds: 1, message: "Lockdown: vk: debugfs access is restricted; see man kernel_lockdown.7")
        func fields(_ e: ECSEvent) throws -> (process: [String: Any]?, protection: [String: Any], event: [String: Any]) {
            let j = try Self.json(e)
            return (j["process"] as? [String: Any], ((j["vigil"] as? [String: Any])?["protection"] as? [String: Any]) ?? [:], j["event"] as? [String: Any] ?? [:])
        }
        let one = try fields(KernelLogFollower.event(lockdown, record: record, livePids: [4242]))
        #expect(one.process?["pid"] as? Int == 4242)
        #expect(one.process?["name"] as? String == "vk")
        #expect(one.protection["pid_source"] as? String == "comm")
        #expect(one.protection["source"] as? String == "lockdown")
        #expect(one.protection["refused"] as? String == "debugfs access")
        #expect(one.protection["kernel_message"] as? String == record.message)
        #expect(one.protection["kernel_sequence"] as? Int == 9)
        #expect(one.event["action"] as? String == "kernel-refused")
        #expect(one.event["outcome"] as? String == "failure")
        #expect(one.event["type"] as? [String] == ["denied"])

        let none = try fields(KernelLogFollower.event(lockdown, record: record, livePids: []))
        #expect(none.process?["pid"] == nil, "no pid is invented")
        #expect(none.process?["name"] as? String == "vk")
        #expect(none.protection["pid_source"] == nil)

        let two = try fields(KernelLogFollower.event(lockdown, record: record, livePids: [7, 8]))
        #expect(two.process?["pid"] == nil, "two processes have the comm: neither is named")
        #expect(two.protection["comm_pids"] as? [Int] == [7, 8])

        var withCaller = record
        withCaller.callerThread = Int32(getpid())
        let caller = try fields(KernelLogFollower.event(lockdown, record: withCaller, livePids: [1]))
        #expect(caller.process?["pid"] as? Int == Int(getpid()))
        #expect(caller.protection["pid_source"] as? String == "kernel")

        let yama = KernelRefusal.parse("ptrace attach of \"/usr/local/bin/vigil daemon\"[308] was attempted by \"/usr/bin/strace -p 308\"[362]")!
        let y = try fields(KernelLogFollower.event(yama, record: record, livePids: []))
        #expect(y.process?["pid"] as? Int == 362)
        #expect(y.process?["name"] as? String == "strace")
        #expect(y.process?["command_line"] as? String == "/usr/bin/strace -p 308")
        #expect(y.protection["target_pid"] as? Int == 308)
        #expect(y.protection["target_command_line"] as? String == "/usr/local/bin/vigil daemon")
        #expect(y.protection["pid_source"] as? String == "kernel")
    }

    @Test("records the kernel overwrote before we read them are counted and reported with how many; each refusal is counted, a repeat too")
    func gapsAndCounts() throws {
        let f = KernelLogFollower(notFollowed: "fed by hand")
        let seen = Mutex<[(String, String)]>([])
        f.connect { key, line in seen.withLock { $0.append((key, line.text)) } }
        let line = "Lockdown: vk: debugfs access is restricted; see man kernel_lockdown.7"
        f.handle(KmsgRecord(priority: 5, sequence: 10, microseconds: 1, message: line))
        f.handle(KmsgRecord(priority: 5, sequence: 11, microseconds: 2, message: line))
        f.handle(KmsgRecord(priority: 6, sequence: 15, microseconds: 3, message: "eth0: link up"))
        f.handle(KmsgRecord(priority: 5, sequence: 16, microseconds: 4, message: "ptrace attach of \"a\"[1] was attempted by \"b\"[2]"))
        f.handle(KmsgRecord(priority: 4, sequence: 17, microseconds: 5, message: "lockdown_is_locked_down: 4 callbacks suppressed"))
        f.handle(KmsgRecord(priority: 12, sequence: 18, microseconds: 6, message: "lockdown_is_locked_down: 9 callbacks suppressed"))
        #expect(f.count(.lockdown) == 6, "2 logged, 4 the kernel's rate limit dropped; a forged count is not taken")
        #expect(f.suppressedRefusals == 4)
        #expect(f.count(.yama) == 1)
        #expect(f.lostRecords == 3)
        let events = seen.withLock { $0 }
        #expect(events.map(\.0).filter { $0 == "kernel-log-gap" }.count == 1)
        #expect(events.map(\.0).filter { $0 == "kernel-refusals-suppressed|lockdown" }.count == 1)
        let gap = try #require(events.first { $0.0 == "kernel-log-gap" }?.1)
        #expect(gap.contains("\"lost_records\":3"))
        #expect(gap.contains("sequence 12-14"))
        // Both lockdown lines were emitted under one key: the event log merges the repeat.
        #expect(events.filter { $0.0.hasPrefix("kernel-refused|lockdown|debugfs access|") }.count == 2)
        #expect(Set(events.filter { $0.0.hasPrefix("kernel-refused|lockdown") }.map(\.0)).count == 1)
    }

    /// Two real records of one `strace -p 461` in the Tier B guest (Debian's 6.1, Yama 3):
    /// strace's probe of its own child, then its attach of the daemon.
    static let straceProbe = "5,384,150793375,-;ptrace attach of \"strace -p 461 -e trace=none\"[729] was attempted by \"strace -p 461 -e trace=none\"[724]\n"
    static let straceAttach = "5,386,150808005,-;ptrace attach of \"/usr/local/bin/vigil daemon\"[461] was attempted by \"strace -p 461 -e trace=none\"[724]\n"

    @Test("one attempt is one key: the same actor on the same target repeats; another target, actor or source is another attempt", arguments: [
        (straceProbe, straceProbe, true),
        (straceProbe, straceAttach, false),
        (straceAttach, "5,390,150908005,-;ptrace attach of \"/usr/local/bin/vigil daemon\"[461] was attempted by \"strace -p 461 -e trace=none\"[724]\n", true),
        (straceAttach, "5,387,151315768,-;ptrace attach of \"/usr/local/bin/vigil daemon\"[461] was attempted by \"vigil-attack pidfd-flush 461\"[747]\n", false),
        ("5,1,1,-;Lockdown: vk: debugfs access is restricted; see man kernel_lockdown.7\n", "5,2,2,-;Lockdown: vk: debugfs access is restricted; see man kernel_lockdown.7\n", true),
        ("5,1,1,-;Lockdown: vk: debugfs access is restricted; see man kernel_lockdown.7\n", "5,2,2,-;Lockdown: vk: use of tracefs is restricted; see man kernel_lockdown.7\n", false),
    ])
    func key(first: String, second: String, same: Bool) throws {
        let a = try #require(KmsgRecord.parse(ArraySlice(first.utf8))), b = try #require(KmsgRecord.parse(ArraySlice(second.utf8)))
        let ra = try #require(KernelLogFollower.refusal(in: a)), rb = try #require(KernelLogFollower.refusal(in: b))
        #expect((KernelLogFollower.key(ra, a) == KernelLogFollower.key(rb, b)) == same)
    }

    @Test("strace -p: its attach of the daemon is an event in the log, not a repeat of its refused probe of its own child a moment before")
    func straceAttachIsItsOwnEvent() throws {
        let dir = TempDir()
        let path = dir.sub("events.json")
        // The daemon's window (rate_limit_seconds): repeats inside it are merged.
        let log = EventLog(path: path, toStdout: false, rateLimitSeconds: 60, sealAppendOnly: false)
        try log.start()
        let f = KernelLogFollower(notFollowed: "fed by hand")
        f.connect { key, line in log.emit(EventLog.Record(key: key, line: line)) }
        for raw in [Self.straceProbe, Self.straceAttach] { f.handle(try #require(KmsgRecord.parse(ArraySlice(raw.utf8)))) }
        log.stop()
        let refused = (contents(path) ?? "").split(separator: "\n").filter { $0.contains("\"action\":\"kernel-refused\"") }
        #expect(f.count(.yama) == 2)
        #expect(refused.count == 2, "\(refused)")
        let onDaemon = refused.filter { $0.contains("\"target_pid\":461") }
        #expect(onDaemon.count == 1, "the attach of the daemon (461) by strace (724) is logged")
        #expect(onDaemon.first?.contains("\"name\":\"strace\"") == true)
        #expect(onDaemon.first?.contains("\"pid\":724") == true)
        #expect(!refused.contains { $0.contains("\"repeats\"") }, "neither is a repeat of the other")
    }

    @Test("a log that cannot be opened says why")
    func notOpened() {
        let missing = KernelLogFollower.open(path: "/nonexistent/kmsg")
        #expect(!missing.isFollowed)
        #expect(missing.statusLine.hasPrefix("not followed: /nonexistent/kmsg does not exist"))
        let notKmsg = KernelLogFollower.open(path: "/dev/null")
        #expect(!notKmsg.isFollowed)
        #expect(notKmsg.statusLine == "not followed: /dev/null is the character device 1:3, not the kernel log (1:11): a container or a sandbox gave another file")
        #expect(KernelLogFollower.openFailure(path: "/dev/kmsg", errno: EPERM).contains("CAP_SYSLOG"))
        #expect(KernelLogFollower.openFailure(path: "/dev/kmsg", errno: ENXIO).contains("ProtectKernelLogs=yes"))
    }
}
