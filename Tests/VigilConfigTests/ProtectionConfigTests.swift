import Testing
import VigilConfig

@Suite("[protection] config")
struct ProtectionConfigTests {
    @Test("is off by default and parses every key")
    func parses() throws {
        #expect(ProtectionConfig().enabled == false)
        let c = try ProtectionConfig.parse("""
        [daemon]
        mode = "audit"
        [protection]
        enabled = true
        own_files = false
        paths = ["/etc/vigil/extra.hsb"]
        maintainers = ["/usr/bin/dpkg"]
        contain = false
        """, file: "t.toml")
        #expect(c.enabled && !c.ownFiles && !c.contain)
        #expect(c.paths == ["/etc/vigil/extra.hsb"])
        #expect(c.maintainers == ["/usr/bin/dpkg"])
        #expect(try ProtectionConfig.parse(c.render(), file: "r.toml") == c, "render reads back")
    }

    @Test("bpf is \"auto\" by default, reads \"off\" and \"require\", and refuses anything else")
    func bpfMode() throws {
        #expect(ProtectionConfig().bpf == .auto)
        for mode in ProtectionConfig.BPFMode.allCases {
            let c = try ProtectionConfig.parse("[protection]\nbpf = \"\(mode.rawValue)\"\n", file: "t")
            #expect(c.bpf == mode)
            #expect(try ProtectionConfig.parse(c.render(), file: "r") == c, "render reads back")
        }
        do {
            _ = try ProtectionConfig.parse("[protection]\nbpf = \"on\"\n", file: "t")
            Issue.record("bpf = \"on\" accepted")
        } catch {
            #expect("\(error)".contains("t:2: protection.bpf"))
        }
    }

    @Test("lock_ptrace and kernel_lockdown are off by default (host-wide, one-way until reboot)", arguments: [
        ("", false, ProtectionConfig.LockdownMode.off),
        ("lock_ptrace = true\n", true, .off),
        ("kernel_lockdown = \"integrity\"\n", false, .integrity),
        ("lock_ptrace = true\nkernel_lockdown = \"integrity\"\n", true, .integrity),
        ("lock_ptrace = false\nkernel_lockdown = \"off\"\n", false, .off),
    ])
    func kernelRefusals(text: String, lockPtrace: Bool, lockdown: ProtectionConfig.LockdownMode) throws {
        let c = try ProtectionConfig.parse("[protection]\n" + text, file: "t")
        #expect(c.lockPtrace == lockPtrace)
        #expect(c.kernelLockdown == lockdown)
        #expect(try ProtectionConfig.parse(c.render(), file: "r") == c, "render reads back")
    }

    @Test("kernel_lockdown refuses confidentiality (it would refuse BPF reads of kernel memory), none and typos; lock_ptrace wants a bool",
          arguments: ["kernel_lockdown = \"confidentiality\"", "kernel_lockdown = \"none\"", "kernel_lockdown = \"Integrity\"",
                      "kernel_lockdown = true", "lock_ptrace = \"yes\"", "lock_ptrace = 3"])
    func kernelRefusalsRefused(line: String) {
        do {
            _ = try ProtectionConfig.parse("[protection]\n\(line)\n", file: "t")
            Issue.record("\(line) accepted")
        } catch {
            #expect("\(error)".contains("t:2: protection."), "\(error)")
        }
    }

    @Test("unknown keys and relative paths name the key and line")
    func errors() {
        #expect(throws: ConfigError.self) { try ProtectionConfig.parse("[protection]\nenabeld = true\n", file: "t") }
        do {
            _ = try ProtectionConfig.parse("[protection]\npaths = [\"etc/x\"]\n", file: "t")
            Issue.record("relative path accepted")
        } catch {
            #expect("\(error)".contains("t:2: protection.paths"))
        }
    }

    @Test("the daemon's config accepts the [protection] section")
    func daemonAccepts() throws {
        _ = try DaemonConfig.parse("[protection]\nenabled = true\n", file: "t")
    }
}

