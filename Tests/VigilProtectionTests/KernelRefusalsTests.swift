import Foundation
import Glibc
import Testing
import VigilConfig
@testable import VigilProtection

/// Yama's ptrace_scope 3 and kernel lockdown, the two host-wide refusals the kernel
/// offers without BPF LSM: how their state is read, what start-up does for each config
/// and state (a table), and what status says the kernel refuses. The real kernel's
/// answer is in EndToEndTests/KernelRefusalsDaemonTests (host: lockdown, no Yama) and
/// scripts/test-kernel-refusals.sh (a QEMU guest with Yama: every attack refused).
@Suite("kernel refusals: Yama ptrace_scope and lockdown")
struct KernelRefusalsTests {
    @Test("the lockdown level is the bracketed word of securityfs's file", arguments: [
        ("[none] integrity confidentiality\n", "none"),
        ("none [integrity] confidentiality\n", "integrity"),
        ("none integrity [confidentiality]\n", "confidentiality"),
        ("none integrity confidentiality\n", nil),
        ("", nil),
        ("[] x\n", nil),
    ] as [(String, String?)])
    func lockdownLevel(text: String, level: String?) {
        #expect(KernelRefusals.parseLockdown(text) == level)
    }

    static let noYama = KernelRefusals(yama: .absent, lockdown: .level("none"))
    static let yama1 = KernelRefusals(yama: .scope(1), lockdown: .level("none"))
    static let locked = KernelRefusals(yama: .scope(3), lockdown: .level("integrity"))
    static let confidential = KernelRefusals(yama: .scope(0), lockdown: .level("confidentiality"))
    static let noLSMs = KernelRefusals(yama: .absent, lockdown: .absent)
    static let noSecurityfs = KernelRefusals(yama: .scope(2), lockdown: .unknown)

    @Test("start-up writes only what is asked and not yet in force; what the kernel lacks is a warning, never a refusal", arguments: [
        (false, ProtectionConfig.LockdownMode.off, yama1, [KernelRefusals.Step]()),
        (false, .off, noLSMs, []),
        (true, .off, yama1, [.write(path: KernelRefusals.yamaPath, value: "3")]),
        (true, .off, locked, [.inForce("Yama ptrace_scope is 3 already")]),
        (true, .off, noYama, [.unavailable("[protection] lock_ptrace = true, but this kernel has no Yama (lsm= lacks yama): ptrace, pidfd_getfd and /proc/PID/mem attacks are detected only")]),
        (false, .integrity, yama1, [.write(path: KernelRefusals.lockdownPath, value: "integrity")]),
        (false, .integrity, locked, [.inForce("lockdown is integrity already")]),
        (false, .integrity, confidential, [.inForce("lockdown is confidentiality already (higher than the integrity asked for: left as it is, never lowered)")]),
        (false, .integrity, noLSMs, [.unavailable("[protection] kernel_lockdown = \"integrity\", but this kernel has no lockdown LSM: module loading and kexec are not refused")]),
        (false, .integrity, noSecurityfs, [.unavailable("[protection] kernel_lockdown = \"integrity\", but securityfs is not mounted at /sys/kernel/security: the lockdown level cannot be read or set")]),
        (true, .integrity, noYama, [.unavailable("[protection] lock_ptrace = true, but this kernel has no Yama (lsm= lacks yama): ptrace, pidfd_getfd and /proc/PID/mem attacks are detected only"),
                                    .write(path: KernelRefusals.lockdownPath, value: "integrity")]),
        // A host hardened at boot (lockdown= on the command line, Yama 3 from sysctl.d):
        // nothing to write, and both are reported as found, not set.
        (true, .integrity, locked, [.inForce("Yama ptrace_scope is 3 already"), .inForce("lockdown is integrity already")]),
        (true, .integrity, KernelRefusals(yama: .scope(3), lockdown: .level("confidentiality")),
         [.inForce("Yama ptrace_scope is 3 already"),
          .inForce("lockdown is confidentiality already (higher than the integrity asked for: left as it is, never lowered)")]),
        (true, .integrity, yama1, [.write(path: KernelRefusals.yamaPath, value: "3"), .write(path: KernelRefusals.lockdownPath, value: "integrity")]),
    ])
    func plan(lockPtrace: Bool, lockdown: ProtectionConfig.LockdownMode, now: KernelRefusals, steps: [KernelRefusals.Step]) {
        #expect(KernelRefusals.plan(lockPtrace: lockPtrace, lockdown: lockdown, now: now) == steps)
    }

    @Test("status says which attacks the kernel refuses: by Yama scope 3 and lockdown, or detected only", arguments: [
        (locked, true, true, "refused by Yama scope 3", "refused by lockdown integrity", ["ptrace", "modules"]),
        (confidential, false, true, "detected only (Yama scope 0 lets root attach", "refused by lockdown confidentiality", ["modules"]),
        (yama1, false, false, "detected only (Yama scope 1 lets root attach", "not refused (lockdown none", []),
        (noLSMs, false, false, "detected only (this kernel has no Yama)", "not refused (this kernel has no lockdown LSM)", []),
        (noSecurityfs, false, false, "detected only (Yama scope 2", "unknown (securityfs not mounted)", []),
    ] as [(KernelRefusals, Bool, Bool, String, String, [String])])
    func lines(state: KernelRefusals, ptrace: Bool, modules: Bool, ptraceLine: String, modulesLine: String, refuses: [String]) {
        #expect(state.refusesPtrace == ptrace)
        #expect(state.refusesModules == modules)
        #expect(state.ptraceLine.hasPrefix(ptraceLine), "\(state.ptraceLine)")
        #expect(state.modulesLine.hasPrefix(modulesLine), "\(state.modulesLine)")
        #expect(state.refuses == refuses)
    }

    @Test("read: a missing Yama sysctl is absent; no lockdown file is absent with securityfs, unknown without")
    func readsFiles() throws {
        let dir = NSTemporaryDirectory() + "vigil-kr-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir + "/sec", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func read() -> KernelRefusals {
            KernelRefusals.read(yamaPath: dir + "/ptrace_scope", lockdownPath: dir + "/sec/lockdown", securityfs: dir + "/sec")
        }
        #expect(read() == KernelRefusals(yama: .absent, lockdown: .unknown))
        FileManager.default.createFile(atPath: dir + "/sec/lsm", contents: Data("capability,landlock\n".utf8))
        #expect(read() == KernelRefusals(yama: .absent, lockdown: .absent))
        FileManager.default.createFile(atPath: dir + "/ptrace_scope", contents: Data("1\n".utf8))
        FileManager.default.createFile(atPath: dir + "/sec/lockdown", contents: Data("none [integrity] confidentiality\n".utf8))
        #expect(read() == KernelRefusals(yama: .scope(1), lockdown: .level("integrity")))
    }

    @Test("the tamper guard stops reading openers' /proc/TID/syscall once Yama's scope reads 3, and only then")
    func yamaScope3Now() throws {
        let path = NSTemporaryDirectory() + "vigil-kr-scope-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { unlink(path) }
        #expect(!KernelRefusals.yamaScope3Now(path: path), "no Yama")
        for (text, locked) in [("0\n", false), ("1\n", false), ("2\n", false), ("3\n", true), ("3", true), ("", false)] {
            FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
            #expect(KernelRefusals.yamaScope3Now(path: path) == locked, "\(text)")
        }
    }
}
