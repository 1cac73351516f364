import Foundation
import Glibc
import Testing
import VigilOnAccess
import VigilSystem
import VigilTestSupport

/// The process behind a decision, as read from /proc while the opener waits
/// (Subject.of, vigil_read_subject): what the deny and audit events say of it.
@Suite("the subject of a decision, read from /proc")
struct SubjectTests {
    func link(_ path: String) -> RawPath? { readLink(path) }

    func cgroupV2(_ pid: Int32) -> String? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/cgroup", encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first { $0.hasPrefix("0::") }.map { String($0.dropFirst(3)) }
    }

    @Test("this process: executable, real uid and gid, parent and its executable, cgroup v2 path, as the kernel shows them")
    func ownProcess() {
        let me = getpid()
        let s = Subject.of(pid: me)
        #expect(s.pid == me)
        #expect(s.executable == link("/proc/self/exe"))
        #expect(s.uid == getuid() && s.gid == getgid())
        #expect(s.parentPid == getppid())
        #expect(s.parentExecutable == link("/proc/\(getppid())/exe"))
        #expect(s.cgroup == cgroupV2(me))
    }

    @Test("another user's process, whose name forges a status line (\"x\\nUid:\\t0\"): its real ids, not the forged ones",
          .enabled(if: geteuid() == 0))
    func forgedName() throws {
        // The kernel escapes the name on status's first line; a reader that took the
        // first "Uid:" anywhere would say root.
        let code = "import ctypes, sys, time; ctypes.CDLL(None).prctl(15, b'x\\nUid:\\t0\\n', 0, 0, 0); print('ready', flush=True); time.sleep(10)"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        p.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c", code]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        defer { kill(p.processIdentifier, SIGKILL); p.waitUntilExit() }
        #expect(String(decoding: out.fileHandleForReading.availableData, as: UTF8.self).hasPrefix("ready"))
        let comm = (try? String(contentsOfFile: "/proc/\(p.processIdentifier)/comm", encoding: .utf8)) ?? ""
        #expect(comm.hasPrefix("x\nUid:"), "the name is set: \(comm.debugDescription)")
        let s = Subject.of(pid: p.processIdentifier)
        #expect(s.uid == 65534 && s.gid == 65534, "\(String(describing: s.uid)) \(String(describing: s.gid))")
        #expect(s.executable == link("/proc/\(p.processIdentifier)/exe"))
        #expect(s.parentPid == getpid())
    }

    @Test("a process that is gone: nothing but its pid")
    func gone() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        let s = Subject.of(pid: p.processIdentifier)
        #expect(s.executable == nil && s.uid == nil && s.gid == nil && s.parentPid == nil && s.cgroup == nil)
        let none = Subject.of(pid: 0)
        #expect(none.executable == nil && none.uid == nil)
    }
}
