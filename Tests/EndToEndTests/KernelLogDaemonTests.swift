import Foundation
import Glibc
import Testing
import VigilProtection
import VigilTestSupport

/// The kernel's own refusals, reported by a daemon in the default one-filesystem layout:
/// a real attack the real kernel refuses (this host runs lockdown integrity by its own
/// boot: opening a writable debugfs file is refused with `Lockdown: <comm>: debugfs access
/// is restricted`), made by a helper process with a comm of its own, is a `kernel-refused`
/// ECS event within 2 s naming its pid and comm; a second try inside the kernel's rate
/// limit is counted too; a daemon that cannot open /dev/kmsg says why in status.
///
/// The kernel log is host-wide: other tests' lines may appear, so the test matches on
/// its helper's comm and pid. It never changes lockdown or Yama.
@Suite("kernel log: refused attacks as events (real kernel)", .serialized, .enabled(if: geteuid() == 0))
struct KernelLogDaemonTests {
    /// debugfs, mounted in this test's private mount namespace (scripts/test.sh runs the
    /// suite in one), and one of its files with a write bit: opening it is what lockdown
    /// refuses.
    static func debugfsTarget(_ dir: TempDir) -> String? {
        let mnt = dir.sub("debugfs")
        mkdir(mnt, 0o700)
        guard runProgram("/bin/mount", ["-t", "debugfs", "debugfs", mnt], timeout: 10).status == 0 else { return nil }
        for name in ["fault_around_bytes", "split_huge_pages", "clear_warn_once"] {
            var st = stat()
            if lstat(mnt + "/" + name, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_mode & 0o222 != 0 { return mnt + "/" + name }
        }
        return nil
    }

    /// A helper that names itself `comm`, opens `target` for writing `tries` times, prints
    /// its pid and each errno, then stays alive `linger` seconds.
    static func attacker(comm: String, target: String, tries: Int, linger: Double) -> (Process, Pipe) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", """
            import ctypes, os, sys, time
            ctypes.CDLL(None).prctl(15, sys.argv[1].encode(), 0, 0, 0)
            out = [str(os.getpid())]
            for _ in range(int(sys.argv[3])):
                try:
                    os.close(os.open(sys.argv[2], os.O_WRONLY)); out.append("opened")
                except OSError as e:
                    out.append(str(e.errno))
            print(" ".join(out), flush=True)
            time.sleep(float(sys.argv[4]))
            """, comm, target, "\(tries)", "\(linger)"]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardInput = FileHandle.nullDevice
        return (p, pipe)
    }

    static func refusals(_ d: DaemonHarness, comm: String) -> [LogEvent] {
        LogEvent.all(in: d.logFile).filter { $0.action == "kernel-refused" && ($0.fields["process"] as? [String: Any])?["name"] as? String == comm }
    }

    @Test("attack: a root process opens a debugfs file for writing under lockdown integrity: refused by the kernel, a kernel-refused event within 2 s with its pid and comm; a second try is counted")
    func refusedAttackIsAnEvent() throws {
        _ = KernelRefusalsDaemonTests.securityfsMounted()
        let lockdown = KernelRefusals.read()
        let port = MetricsTests.freePort()
        let d = try #require(DaemonHarness.oneFilesystem(extraProtection: "\n[metrics]\nlisten = \"127.0.0.1:\(port)\"\n"))
        #expect(d.start(), "\(d.output)")
        defer { d.stop() }

        let s = try #require(d.status())
        let log = try #require((s["protection"] as? [String: Any])?["kernel_log"] as? [String: Any], "\(s)")
        #expect(log["followed"] as? Bool == true, "\(log)")
        #expect(log["status"] as? String == "reported from the kernel log (/dev/kmsg)")
        let text = vigil(["status", "--socket", d.socket]).stdout
        #expect(text.contains("kernel refusals"), "\(text)")
        #expect(text.contains("reported from the kernel log (/dev/kmsg)"), "\(text)")

        guard lockdown.refusesModules else {
            // Nothing here refuses the attack: the test says so rather than pass silently.
            Issue.record("this host is not at lockdown integrity (\(lockdown.lockdownLabel)): no refused attack to report; the QEMU guest test covers it")
            return
        }
        let dir = TempDir()
        let target = try #require(Self.debugfsTarget(dir), "debugfs with a writable file")
        defer { _ = runProgram("/bin/umount", ["-l", dir.sub("debugfs")], timeout: 10) }

        let comm = "vk-\(String(UInt32.random(in: 0...0xffffff), radix: 16))"
        let (helper, pipe) = Self.attacker(comm: comm, target: target, tries: 2, linger: 4)
        try helper.run()
        defer { if helper.isRunning { helper.terminate() }; helper.waitUntilExit() }
        let said = String(decoding: pipe.fileHandleForReading.availableData, as: UTF8.self).split(separator: " ").map(String.init)
        let attacked = Date()
        let pid = try #require(said.first.flatMap { Int($0) }, "the helper's pid: \(said)")
        #expect(said.dropFirst().map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } == ["\(EPERM)", "\(EPERM)"],
                "lockdown refuses both opens: \(said)")

        var events: [LogEvent] = []
        while Date().timeIntervalSince(attacked) < 2, events.isEmpty {
            events = Self.refusals(d, comm: comm)
            if events.isEmpty { usleep(20_000) }
        }
        let took = Date().timeIntervalSince(attacked)
        let e = try #require(events.first, "a kernel-refused event for \(comm) within 2 s")
        print("kernel-refused for \(comm)[\(pid)] logged \(Int(took * 1000)) ms after the attack: \(e.message ?? "")")
        let process = e.fields["process"] as? [String: Any] ?? [:]
        #expect(process["pid"] as? Int == pid, "\(e.fields)")
        #expect(process["name"] as? String == comm)
        #expect(e.outcome == "failure")
        #expect(e.kind == "alert")
        #expect((e.fields["log"] as? [String: Any])?["level"] as? String == "warning")
        let p = e.vigil["protection"] as? [String: Any] ?? [:]
        #expect(p["source"] as? String == "lockdown")
        #expect(p["refused"] as? String == "debugfs access")
        #expect(p["pid_source"] as? String == "comm", "lockdown lines carry no pid: found by the one live process with the comm")
        #expect(p["kernel_message"] as? String == "Lockdown: \(comm): debugfs access is restricted; see man kernel_lockdown.7")

        // The second try, inside the kernel's rate limit (10 lines per 5 s): its own line,
        // counted, and an event too (this log's window is 0).
        let both = try #require(d.waitForStatus(timeout: 5) {
            int((($0["protection"] as? [String: Any])?["kernel_log"] as? [String: Any])?["refused"] as? [String: Any], "lockdown") >= 2
        }, "both refusals counted")
        let counted = int(((both["protection"] as? [String: Any])?["kernel_log"] as? [String: Any])?["refused"] as? [String: Any], "lockdown")
        var all = Self.refusals(d, comm: comm)
        for _ in 0..<40 where all.count < 2 { usleep(50_000); all = Self.refusals(d, comm: comm) }
        #expect(all.count == 2, "one event per refused open: \(all.count)")
        #expect(Set(all.compactMap { $0.vigil["protection"] as? [String: Any] }.compactMap { $0["kernel_sequence"] as? Int }).count == 2)

        let scrape = runProgram("/usr/bin/curl", ["-sS", "--max-time", "10", "http://127.0.0.1:\(port)/metrics"], timeout: 20).stdout
        #expect(scrape.contains("vigil_kernel_log_followed 1.0\n"), "\(scrape.prefix(300))")
        let line = scrape.split(separator: "\n").first { $0.hasPrefix("vigil_kernel_refused_total{source=\"lockdown\"}") }
        #expect(line.flatMap { Double($0.split(separator: " ").last ?? "") }.map { $0 >= Double(counted) } == true, "\(String(describing: line))")
        #expect(scrape.contains("vigil_kernel_refused_total{source=\"yama\"}"))
        expectValidECS(d.logFile, "kernel refusals from the kernel log")
    }

    @Test("a daemon whose /dev/kmsg is an inaccessible node (as systemd's ProtectKernelLogs=yes makes) guards as before and says why refusals are not reported")
    func notFollowed() throws {
        let d = try #require(DaemonHarness.oneFilesystem())
        let node = d.dir.sub("inaccessible-chr")
        #expect(mknod(node, S_IFCHR, 0) == 0, "mknod: \(errno)")
        // A mount namespace of the daemon's own, so no other test's daemon loses its log.
        #expect(d.start(wrapper: ["/usr/bin/unshare", "--mount", "--propagation", "private", "--", "/bin/sh", "-c",
                                  "mount --bind \"$0\" /dev/kmsg && exec \"$@\"", node]), "\(d.output)")
        defer { d.stop() }
        let s = try #require(d.status())
        let log = try #require((s["protection"] as? [String: Any])?["kernel_log"] as? [String: Any], "\(s)")
        #expect(log["followed"] as? Bool == false)
        let status = log["status"] as? String ?? ""
        #expect(status.hasPrefix("not followed: cannot open /dev/kmsg: "), "\(status)")
        #expect(status.contains("ProtectKernelLogs=yes"), "\(status)")
        let text = vigil(["status", "--socket", d.socket]).stdout
        #expect(text.contains("not followed: cannot open /dev/kmsg"), "\(text)")
        FileManager.default.createFile(atPath: d.guarded + "/eicar.com", contents: Data(eicar))
        #expect(runProgram("/bin/cat", [d.guarded + "/eicar.com"], timeout: 10).status == 1, "the daemon still guards")
    }

    func int(_ d: [String: Any]?, _ k: String) -> Int { d?[k] as? Int ?? 0 }
}
