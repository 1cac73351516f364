import Foundation
import Glibc
import Testing
import VigilProtection
import VigilTestSupport

/// Yama ptrace_scope 3 and kernel lockdown against the real kernel of this host, through
/// a daemon in the default one-filesystem layout: status, the log, /metrics and the
/// heartbeat say what the kernel refuses here, and a setting this kernel lacks is a
/// warning and a status line, never a refusal to run.
///
/// Both settings are host-wide and one-way until reboot: a test may only ask for what is
/// already in force or what this kernel cannot do (here: lockdown is already integrity,
/// there is no Yama). On a machine where the daemon would really write one, the test
/// leaves that option out; the QEMU guest (scripts/test-kernel-refusals.sh) sets both and
/// attacks the daemon.
@Suite("kernel refusals: Yama and lockdown on this host's kernel", .serialized, .enabled(if: geteuid() == 0))
struct KernelRefusalsDaemonTests {
    /// securityfs in this test's own mount namespace (scripts/test.sh runs the suite in a
    /// private one); never on the host's: a run outside a private namespace reads what is
    /// mounted and expects "unknown" when nothing is.
    static func securityfsMounted() -> Bool {
        if access("/sys/kernel/security/lsm", R_OK) == 0 { return true }
        let mine = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/mnt")) ?? "mine"
        let init1 = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/1/ns/mnt")) ?? "init"
        guard mine != init1 else { return false }
        _ = runProgram("/bin/mount", ["-t", "securityfs", "securityfs", "/sys/kernel/security"], timeout: 10)
        return access("/sys/kernel/security/lsm", R_OK) == 0
    }

    /// The options this host lets a test ask for without changing the kernel.
    static func safeOptions(_ k: KernelRefusals) -> String {
        var lines: [String] = []
        if k.yama == .absent || k.yama == .scope(3) { lines.append("lock_ptrace = true") }
        if k.refusesModules || k.lockdown == .absent { lines.append("kernel_lockdown = \"integrity\"") }
        return lines.joined(separator: "\n")
    }

    @Test("with lock_ptrace and kernel_lockdown asked: status, log, heartbeat and /metrics say what the kernel refuses; no Yama is a warning, the daemon still guards")
    func asked() throws {
        _ = Self.securityfsMounted()
        let before = KernelRefusals.read()
        let options = Self.safeOptions(before)
        print("kernel refusals on this host: Yama \(before.yamaLabel), lockdown \(before.lockdownLabel); asking for: \(options.replacingOccurrences(of: "\n", with: ", "))")
        let port = MetricsTests.freePort()
        let d = try #require(DaemonHarness.oneFilesystem(extraProtection: options + "\nheartbeat_seconds = 1\n\n[metrics]\nlisten = \"127.0.0.1:\(port)\"\n"))
        FileManager.default.createFile(atPath: d.guarded + "/eicar.com", contents: Data(eicar))
        #expect(d.start(), "\(d.output)")
        defer { d.stop() }

        let s = try #require(d.status())
        let prot = try #require(s["protection"] as? [String: Any])
        let k = try #require((prot["layers"] as? [String: Any])?["kernel_refusals"] as? [String: Any], "\(prot)")
        #expect(k["yama_ptrace_scope"] as? String == before.yamaLabel)
        #expect(k["lockdown"] as? String == before.lockdownLabel)
        #expect(k["ptrace"] as? String == before.ptraceLine)
        #expect(k["modules_kexec"] as? String == before.modulesLine)
        // What was in force before the daemon (a host hardened at boot) is reported as
        // found, not as set by it; and this test never lets it write a setting.
        let atStart = k["at_start"] as? [String] ?? []
        if options.contains("kernel_lockdown"), before.refusesModules {
            #expect(atStart.contains { $0.hasPrefix("lockdown is \(before.lockdownLabel) already") }, "\(k)")
        }
        #expect(!atStart.contains { $0.hasPrefix("wrote") }, "\(atStart)")
        let warnings = s["warnings"] as? [String] ?? []
        let noYama = warnings.contains { $0.contains("lock_ptrace = true, but this kernel has no Yama") }
        #expect(noYama == (before.yama == .absent && options.contains("lock_ptrace")), "\(warnings)")
        if noYama { #expect(s["protection_state"] as? String == "partial", "a setting this kernel lacks makes status partial, not red") }

        let text = vigil(["status", "--socket", d.socket]).stdout
        #expect(text.contains("ptrace attacks"), "\(text)")
        #expect(text.contains(before.ptraceLine), "\(text)")
        #expect(text.contains("modules, kexec"), "\(text)")
        if noYama { #expect(text.contains("detected only (this kernel has no Yama)"), "\(text)") }

        let start = try #require(d.event("kernel-refusals"), "the start-up event")
        let p = start.vigil["protection"] as? [String: Any] ?? [:]
        #expect(p["yama_ptrace_scope"] as? String == before.yamaLabel)
        #expect(p["lockdown"] as? String == before.lockdownLabel)
        if noYama {
            let w = try #require(d.event("kernel-refusal-unavailable"), "the warning event")
            #expect((w["log"] as? [String: Any])?["level"] as? String == "warning")
            #expect(w.message?.contains("no Yama") == true)
        }
        let beat = try #require(d.event("heartbeat", timeout: 5))
        #expect((beat.vigil["heartbeat"] as? [String: Any])?["kernel_refuses"] as? [String] == before.refuses, "\(beat)")

        let scrape = runProgram("/usr/bin/curl", ["-sS", "--max-time", "10", "http://127.0.0.1:\(port)/metrics"], timeout: 20).stdout
        #expect(scrape.contains("vigil_kernel_refuses{attack=\"modules\"} \(before.refusesModules ? "1.0" : "0.0")\n"), "\(scrape.prefix(400))")
        #expect(scrape.contains("vigil_kernel_refuses{attack=\"ptrace\"} \(before.refusesPtrace ? "1.0" : "0.0")\n"))
        if case .scope(let n) = before.yama {
            #expect(scrape.contains("vigil_kernel_yama_ptrace_scope \(n).0\n"))
        } else {
            #expect(scrape.contains("vigil_kernel_yama_ptrace_scope -1.0\n"))
        }

        #expect(runProgram("/bin/cat", [d.guarded + "/eicar.com"], timeout: 10).status == 1, "the daemon still guards: EICAR denied")
        #expect(KernelRefusals.read() == before, "the host's kernel settings are unchanged")
        expectValidECS(d.logFile, "kernel refusals")
    }

    @Test("without the options: status still reports Yama and lockdown, and nothing about them is a warning")
    func notAsked() throws {
        _ = Self.securityfsMounted()
        let now = KernelRefusals.read()
        let d = try #require(DaemonHarness.oneFilesystem())
        #expect(d.start(), "\(d.output)")
        defer { d.stop() }
        let s = try #require(d.status())
        let k = ((s["protection"] as? [String: Any])?["layers"] as? [String: Any])?["kernel_refusals"] as? [String: Any]
        #expect(k?["yama_ptrace_scope"] as? String == now.yamaLabel)
        #expect(k?["lockdown"] as? String == now.lockdownLabel)
        #expect(k?["ptrace"] as? String == now.ptraceLine)
        #expect(!(s["warnings"] as? [String] ?? []).contains { $0.contains("lock_ptrace") || $0.contains("kernel_lockdown") })
        #expect(d.event("kernel-refusal-unavailable", timeout: 0.5) == nil)
    }
}
