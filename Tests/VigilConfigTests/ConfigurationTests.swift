import Glibc
import Testing
import VigilConfig
import VigilSystem
import VigilTestSupport

/// vigil.toml, read once: what each section sets, what is refused and where.
@Suite("configuration")
struct ConfigurationTests {
    @Test("one parse of the file gives the daemon's sections and [protection]")
    func wholeFile() throws {
        let c = try Configuration.parse("""
            [daemon]
            mode = "audit"
            threads = 3
            [guard]
            paths = ["/srv/share"]
            [limits]
            deadline_ms = 1500
            on_timeout = "deny"
            max_file_size = "8M"
            [protection]
            enabled = true
            liveness_interval_ms = 1000
            """, file: "vigil.toml")
        #expect(c.file == "vigil.toml")
        #expect(c.daemon.mode == .audit && c.daemon.threads == 3 && c.daemon.guardPaths == ["/srv/share"])
        #expect(c.daemon.deadlineMilliseconds == 1500 && c.daemon.onTimeout == .deny && c.daemon.maxFileSize == 8 << 20)
        #expect(c.daemon.effectiveScanBudgetMilliseconds == 750, "half the deadline")
        #expect(c.protection.enabled && c.protection.livenessIntervalMillis == 1000)
    }

    @Test("no file at the default path means the built-in defaults; a named file that is missing is an error")
    func missing() throws {
        let dir = TempDir()
        #expect(throws: ConfigError.self) { try Configuration.load(path: dir.sub("none.toml")) }
        let file = dir.write("vigil.toml", "[daemon]\nmode = \"audit\"\n")
        let c = try Configuration.load(path: file)
        #expect(c.file == file && c.daemon.mode == .audit && c.daemon.source == file)
        #expect(Configuration().daemon.controlSocket == Paths.controlSocket && Configuration().file == nil)
    }

    @Test("errors name the file, line and key", arguments: [
        ("[daemon]\nmode = \"panic\"\n", "t.toml:2: daemon.mode: must be \"enforce\" or \"audit\""),
        ("[limits]\ndeadline_ms = 5\n", "t.toml:2: limits.deadline_ms: must be 10 to 60000"),
        ("[guard]\npaths = [\"srv\"]\n", "t.toml:2: guard.paths: 'srv' must be an absolute path"),
        ("[guard]\nexclude_uids = [\"x\"]\n", "t.toml:2: guard.exclude_uids: expected an array of integers"),
        ("[nonsense]\n", "t.toml:1: unknown section [nonsense]"),
        ("[daemon]\nthreds = 2\n", "t.toml:2: daemon.threds: unknown setting"),
        ("mode = \"audit\"\n", "t.toml:1: mode: settings belong in a section"),
        ("[uploads]\nfolder = \"/srv/up\"\n", "t.toml:1: uploads is a list: write [[uploads]]"),
        ("[daemon]\nmode = audit\n", "t.toml:2: 'audit' is not a value (strings need quotes)"),
        ("[daemon]\n[daemon]\n", "t.toml:2: table [daemon] is defined twice"),
    ])
    func errors(_ text: String, _ expected: String) {
        do {
            _ = try Configuration.parse(text, file: "t.toml")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error)")
        }
    }

    @Test("the effective configuration renders as TOML that reads back the same")
    func renderReadsBack() throws {
        var d = DaemonConfig()
        d.mode = .audit
        d.excludePaths = ["/srv/a \"quoted\"\tpath", "*.vmdk"]
        d.uploads = [UploadRule(folder: "/srv/uploads")]
        let again = try DaemonConfig.parse(d.render(), file: "r.toml")
        #expect(again.mode == .audit && again.excludePaths == d.excludePaths && again.uploads.map(\.folder) == ["/srv/uploads"])
        #expect(try DaemonConfig.parse(DefaultConfigFile.render(signaturePaths: ["/etc/vigil/signatures"]), file: "d.toml").mode == .audit,
                "the installed config parses, in audit mode")
    }

    @Test("[scanning] sandbox: the booleans of old, \"full\" and the three names; anything else is refused, and each renders back the same", arguments: [
        ("", DaemonConfig.ScanSandbox.pool),
        ("sandbox = true", .pool),
        ("sandbox = false", .off),
        ("sandbox = \"full\"", .full),
        ("sandbox = \"pool\"", .pool),
        ("sandbox = \"off\"", .off),
        ("sandbox = \"true\"", .pool),
        ("sandbox = \"false\"", .off),
    ])
    func scanSandbox(_ line: String, _ expected: DaemonConfig.ScanSandbox) throws {
        let d = try DaemonConfig.parse("[scanning]\n\(line)\n", file: "s.toml")
        #expect(d.sandboxMode == expected, "\(line)")
        #expect(d.sandbox == (expected != .off), "\(line): full scans in workers unless off")
        #expect(try DaemonConfig.parse(d.render(), file: "r.toml").sandboxMode == expected, "\(line) renders back")
    }

    @Test("a setting that takes a boolean or a name refuses other values, naming file, line, key and what it found", arguments: [
        ("[scanning]\nsandbox = \"yes\"\n", "t.toml:2: scanning.sandbox: must be true (full scans in sandboxed workers), \"full\"", "not \"yes\""),
        ("[scanning]\nsandbox = 1\n", "t.toml:2: scanning.sandbox: must be true", "not an integer"),
        ("[scanning]\nsandbox = [\"full\"]\n", "t.toml:2: scanning.sandbox: must be true", "not an array"),
        ("[daemon]\nrealtime = \"yes\"\n", "t.toml:2: daemon.realtime: must be \"burst\"", "not \"yes\""),
        ("[daemon]\nrealtime = 1\n", "t.toml:2: daemon.realtime: must be \"burst\"", "not an integer"),
    ])
    func refusedValue(_ text: String, _ prefix: String, _ found: String) {
        do {
            _ = try DaemonConfig.parse(text, file: "t.toml")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description.hasPrefix(prefix) && error.description.contains(found), "\(error)")
        }
    }

    @Test("the installed config says sandbox = true; the \"full\" spelling is the one rendered for full")
    func scanSandboxRendered() throws {
        var d = DaemonConfig()
        #expect(d.render().contains("sandbox = true\n"))
        d.sandboxMode = .full
        #expect(d.render().contains("sandbox = \"full\"\n"))
        d.sandbox = true
        #expect(d.sandboxMode == .full, "setting the boolean on keeps full")
        d.sandbox = false
        #expect(d.sandboxMode == .off)
        let installed = DefaultConfigFile.render(signaturePaths: ["/etc/vigil/signatures"])
        #expect(installed.contains("sandbox = true"), "\(installed)")
        #expect(try DaemonConfig.parse(installed, file: "d.toml").sandboxMode == .pool)
    }

    @Test("[daemon] realtime: \"burst\" by default, the three names, and the booleans of old (true was real time always); each renders back the same", arguments: [
        ("", DaemonConfig.Realtime.burst),
        ("realtime = \"burst\"", .burst),
        ("realtime = \"always\"", .always),
        ("realtime = \"never\"", .never),
        ("realtime = true", .always),
        ("realtime = false", .never),
    ])
    func realtime(_ line: String, _ expected: DaemonConfig.Realtime) throws {
        let d = try DaemonConfig.parse("[daemon]\n\(line)\n", file: "d.toml")
        #expect(d.realtime == expected, "\(line)")
        #expect(try DaemonConfig.parse(d.render(), file: "r.toml").realtime == expected, "\(line) renders back")
    }

    @Test("the installed config says realtime = \"burst\"")
    func realtimeInstalled() throws {
        let installed = DefaultConfigFile.render(signaturePaths: ["/etc/vigil/signatures"])
        #expect(installed.contains("realtime = \"burst\""), "\(installed)")
        #expect(try DaemonConfig.parse(installed, file: "d.toml").realtime == .burst)
    }

    @Test("TOML quoting escapes what the reader unescapes")
    func quoting() throws {
        for s in ["plain", "with \"quotes\"", "back\\slash", "new\nline", "tab\there", "bell\u{7}"] {
            let doc = try TOMLDocument.parse("k = \(TOMLDocument.quote(s))\n", file: "q")
            #expect(doc.tables[0].entries.first?.value == .string(s), "\(s.debugDescription)")
        }
    }

    @Test("default paths live in one place; runtime files sit next to the control socket")
    func paths() {
        #expect(Paths.besideControlSocket("vigil.pid", controlSocket: "/run/vigil/ctl.sock") == "/run/vigil/vigil.pid")
        #expect(Paths.besideControlSocket("liveness", controlSocket: "ctl.sock") == "/liveness")
        #expect(DaemonConfig().stateDirectory == Paths.stateDirectory && DaemonConfig().logFile == Paths.eventLog)
        #expect(DaemonConfig().quarantineDirectory == Paths.quarantine)
    }

    @Test("upload type patterns match a type or a whole family")
    func typePatterns() {
        #expect(UploadRule.matches("image/png", "image/*") && UploadRule.matches("image/png", "image/png"))
        #expect(!UploadRule.matches("text/plain", "image/*") && !UploadRule.matches("image/pngx", "image/png"))
    }
}
