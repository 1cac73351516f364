import CLinux
import Foundation
import Glibc
import Testing
import VigilConfig
import VigilEvents
@testable import VigilOnAccess
import VigilSystem
import VigilTestSupport

/// The permission path (event loop, triage, scan pool, deadline keeper) driven through a
/// real byte stream without root: the test holds one end of a socketpair and plays the
/// kernel, writing `fanotify_event_metadata` records whose descriptors are files it
/// opened itself, and reading the `fanotify_response` records the loop writes back. The
/// loop reads and answers that socket exactly as it reads and answers a fanotify group.
@Suite("event loop fed by a socketpair (no root)", .serialized)
struct EventLoopPipeTests {
    /// The test's side of the socketpair: the kernel, as far as the loop can tell.
    final class FakeKernel {
        let fd: Int32
        init(_ fd: Int32) { self.fd = fd }
        deinit { close(fd) }

        /// One read(2)'s worth of events: a single message.
        func send(_ events: [(mask: Fanotify.Events, fd: Int32, pid: Int32)]) {
            var bytes: [UInt8] = []
            for e in events {
                var m = fanotify_event_metadata()
                m.event_len = UInt32(MemoryLayout<fanotify_event_metadata>.size)
                m.vers = UInt8(FANOTIFY_METADATA_VERSION)
                m.metadata_len = UInt16(MemoryLayout<fanotify_event_metadata>.size)
                m.mask = e.mask.rawValue
                m.fd = e.fd
                m.pid = e.pid
                withUnsafeBytes(of: &m) { bytes += $0 }
            }
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) }
            precondition(n == bytes.count, "socketpair send: \(String(cString: strerror(errno)))")
        }

        /// The answers written so far, waiting up to `timeout` for `count` of them.
        func answers(_ count: Int, timeout: Double = 20) -> [Int32: Fanotify.Response] {
            var out: [Int32: Fanotify.Response] = [:]
            let end = Date().addingTimeInterval(timeout)
            while out.count < count && Date() < end {
                var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
                guard poll(&fds, 1, 100) > 0 else { continue }
                var r = fanotify_response()
                guard recv(fd, &r, MemoryLayout<fanotify_response>.size, 0) == MemoryLayout<fanotify_response>.size else { continue }
                out[r.fd] = Fanotify.Response(rawValue: r.response)
            }
            return out
        }
    }

    /// A guarded folder, the loop started on one end of a socketpair, the fake kernel on
    /// the other; torn down (loop stopped, log flushed) by `stop`.
    final class Path {
        let dir = TempDir("vigil-pipe")
        let kernel: FakeKernel
        let service: OnAccessService
        let log: EventLog
        let guarded: String

        init(_ tune: (inout DaemonConfig) -> Void = { _ in }) throws {
            guarded = dir.mkdir("guarded")
            var config = DaemonConfig()
            config.guardPaths = [guarded]
            config.threads = 2
            config.realtime = .never
            config.stateDirectory = dir.sub("state")
            config.logFile = dir.sub("events.json")
            tune(&config)
            var pair: [Int32] = [-1, -1]
            guard socketpair(AF_UNIX, Int32(SOCK_SEQPACKET.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
                throw VigilError("socketpair", cause: Errno(errno))
            }
            kernel = FakeKernel(pair[0])
            log = EventLog(path: config.logFile, toStdout: false, rateLimitSeconds: 0)
            try log.start()
            service = try OnAccessService(config: config, signatures: try loadBundled(), log: log, group: FanotifyGroup(adopting: pair[1]))
            try service.startAnswering()
        }

        /// Opens `name` in the guarded folder (created with `content`): the descriptor the
        /// "kernel" hands over, closed by the loop once answered.
        func open(_ name: String, _ content: [UInt8]) -> Int32 {
            let p = dir.write("guarded/" + name, content)
            return Glibc.open(p, O_RDONLY | O_CLOEXEC)
        }

        func stop() {
            service.stop()
            log.stop()
        }

        var logged: [LogEvent] { LogEvent.all(in: dir.sub("events.json")) }
    }

    /// Some other process: the tests' own pid would be answered as Vigil's.
    let opener: Int32 = 1

    @Test("a clean guarded file is allowed and EICAR denied, both scanned, from one batch")
    func scansAndAnswers() throws {
        let p = try Path()
        let clean = p.open("clean.txt", Array("nothing to see\n".utf8))
        let bad = p.open("eicar.com", eicar)
        p.kernel.send([(.openPerm, clean, opener), (.openPerm, bad, opener)])
        let answers = p.kernel.answers(2)
        p.stop()
        #expect(answers[clean] == .allow)
        #expect(answers[bad] == .deny)
        #expect(p.service.stats.scanned.load(ordering: .relaxed) == 2)
        #expect(p.service.stats.denied.load(ordering: .relaxed) == 1)
        #expect(p.logged.contains { $0.action == "deny" && $0.path == p.guarded + "/eicar.com" })
    }

    @Test("our own opens, files outside every guard and directories are answered at once, unscanned")
    func answersAtOnce() throws {
        let p = try Path()
        let own = p.open("eicar-own.com", eicar)
        let outsideFile = p.dir.write("outside/eicar.com", eicar)
        let outside = open(outsideFile, O_RDONLY | O_CLOEXEC)
        let folder = open(p.guarded, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        p.kernel.send([(.openPerm, own, getpid()), (.openPerm, outside, opener), (.openExecPerm, folder, opener)])
        let answers = p.kernel.answers(3)
        p.stop()
        #expect(answers == [own: .allow, outside: .allow, folder: .allow])
        #expect(p.service.stats.answeredAtOnce.load(ordering: .relaxed) == 3)
        #expect(p.service.stats.scanned.load(ordering: .relaxed) == 0)
    }

    @Test("audit mode lets EICAR through and logs the finding as audit")
    func auditMode() throws {
        let p = try Path { $0.mode = .audit }
        let bad = p.open("eicar.com", eicar)
        p.kernel.send([(.openPerm, bad, opener)])
        let answers = p.kernel.answers(1)
        p.stop()
        #expect(answers[bad] == .allow)
        #expect(p.service.stats.audited.load(ordering: .relaxed) == 1)
        #expect(p.logged.contains { $0.action == "audit" && $0.kind == "alert" })
    }

    @Test("a queue overflow is counted, and notifications get no answer")
    func overflowAndNotifications() throws {
        let p = try Path()
        let written = p.open("written.txt", Array("x\n".utf8))
        let clean = p.open("clean.txt", Array("y\n".utf8))
        p.kernel.send([(.queueOverflow, -1, 0), (.closeWrite, written, opener), (.openPerm, clean, opener)])
        // The permission event's answer within the usual bound (a loaded machine may
        // take more than a second to scan), then a second for any answer that must not come.
        var answers = p.kernel.answers(1)
        answers.merge(p.kernel.answers(1, timeout: 1)) { first, _ in first }
        p.stop()
        #expect(answers == [clean: .allow], "only the permission event is answered")
        #expect(p.service.stats.events.load(ordering: .relaxed) == 3)
        #expect(p.service.stats.overflows.load(ordering: .relaxed) == 1)
        #expect(p.logged.contains { $0.message?.contains("queue overflowed") == true })
    }

    @Test("every event of a batch of 400 is answered")
    func bigBatch() throws {
        let p = try Path()
        var fds: [Int32] = []
        for i in 0..<400 { fds.append(p.open("f\(i).txt", Array("file \(i)\n".utf8))) }
        p.kernel.send(fds.map { (.openPerm, $0, opener) })
        let answers = p.kernel.answers(400)
        p.stop()
        #expect(answers.count == 400)
        #expect(answers.values.allSatisfy { $0 == .allow })
    }

    @Test("a scan that outlives the deadline is answered by on_timeout, and counted")
    func deadline() throws {
        let p = try Path { c in
            c.deadlineMilliseconds = 200
            c.onTimeout = .deny
            c.debugSlowScanMilliseconds = 1500
            c.debugSlowScanName = "slow"
        }
        let slow = p.open("slow.txt", Array("clean but slow\n".utf8))
        p.kernel.send([(.openPerm, slow, opener)])
        let answers = p.kernel.answers(1)
        p.stop()
        #expect(answers[slow] == .deny)
        #expect(p.service.stats.timeouts.load(ordering: .relaxed) == 1)
        #expect(p.logged.contains { $0.action == "timeout" })
    }

    @Test("stopping answers every event still waiting: allow")
    func stopAnswersEverything() throws {
        let p = try Path { c in
            c.threads = 1
            c.deadlineMilliseconds = 30_000
            c.debugSlowScanMilliseconds = 1000
            c.debugSlowScanName = "slow"
        }
        let waiting = (0..<3).map { p.open("slow\($0).txt", Array("slow \($0)\n".utf8)) }
        p.kernel.send(waiting.map { (.openPerm, $0, opener) })
        usleep(200_000)
        p.stop()
        let answers = p.kernel.answers(3, timeout: 5)
        #expect(answers.count == 3)
        #expect(answers.values.allSatisfy { $0 == .allow })
    }
}
