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

