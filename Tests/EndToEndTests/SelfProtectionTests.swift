import Foundation
import Glibc
import Testing
import VigilDaemon
import VigilSystem
import VigilTestSupport

/// Self-protection against the real kernel: protected files live on private tmpfs and
/// ramfs mounts made by each test; the daemon really sets the immutable flag, really
/// marks them with fanotify, really restricts itself with Landlock. Serialized: each
/// test runs its own daemon, and the machine has two cores.
@Suite("vigil self-protection (real kernel)", .serialized, .enabled(if: geteuid() == 0))
struct SelfProtectionTests {
    /// A failure bound, not a performance target: restores are expected in well under 1 s.
    let bound = 3.0

    @Test("write, append, truncate, unlink and rename of a protected file are refused; its bytes stay")
    func refused() throws {
        let d = try #require(DaemonHarness.protected(["vigil.toml"]))
        #expect(d.start(), "\(d.output)")
        let f = d.protectedFile("vigil.toml")
        #expect(isImmutable(f), "sealed files get the immutable flag")
        #expect(tryOpen(f, O_WRONLY) == EPERM, "write")
        #expect(tryOpen(f, O_WRONLY | O_APPEND) == EPERM, "append")
        #expect(truncate(f, 0) != 0 && errno == EPERM, "truncate")
        #expect(unlink(f) != 0 && errno == EPERM, "unlink")
        #expect(rename(f, d.fs + "/protected/moved") != 0 && errno == EPERM, "rename")
        #expect(sh("echo evil >> '\(f)'").status != 0, "a shell append")
        #expect(contents(f) == "original vigil.toml\n")
        #expect(tryOpen(f, O_RDONLY) == 0, "reading stays allowed")
    }

    @Test("chattr -i on a protected file is detected: the flag is set again and a tamper event names the process")
    func chattrReasserted() throws {
        let d = try #require(DaemonHarness.protected(["rules.yar"]))
        #expect(d.start(), "\(d.output)")
        let f = d.protectedFile("rules.yar")
        #expect(isImmutable(f))
        #expect(sh("chattr -i '\(f)'").status == 0)
        let took = eventually(timeout: bound) { isImmutable(f) }
        #expect(took != nil, "the immutable flag is re-asserted")
        let e = try #require(d.event("immutable-reasserted", path: f))
        #expect((e["event"] as? [String: Any])?["kind"] as? String == "alert")
        #expect((e["event"] as? [String: Any])?["dataset"] as? String == "vigil.protection")
        let proc = e["process"] as? [String: Any]
        #expect((proc?["executable"] as? String)?.hasSuffix("chattr") == true || proc?["pid"] != nil, "\(e)")
        #expect(contents(f) == "original rules.yar\n")
    }

    @Test("chattr -i then truncate(2) at once: the truncation is detected and restored from the sealed copy")
    func chattrThenTruncate() throws {
        let d = try #require(DaemonHarness.protected(["vigil.toml"]))
        #expect(d.start(), "\(d.output)")
        let f = d.protectedFile("vigil.toml")
        // As fast as an attacker can: truncate(2) opens nothing, so only the immutable
        // flag stands in its way, and that was just removed.
        try InodeFlags.setImmutable(f, false)
        let truncated = truncate(f, 0) == 0
        let took = eventually(timeout: bound) { contents(f) == "original vigil.toml\n" && isImmutable(f) }
        #expect(took != nil, "restored and immutable again; now: \(contents(f) ?? "nil")")
        if truncated {
            let e = try #require(d.event("tamper-restored", path: f))
            #expect((e["process"] as? [String: Any])?["pid"] as? Int == Int(getpid()), "the truncating process is named: \(e)")
            #expect(((e["file"] as? [String: Any])?["hash"] as? [String: Any])?["sha256"] as? String != nil)
        } else {
            #expect(d.event("immutable-reasserted", path: f) != nil, "the re-assert won the race")
        }
        // An open for writing in the window is refused by the permission mark.
        try InodeFlags.setImmutable(f, false)
        #expect(tryOpen(f, O_WRONLY | O_TRUNC) == EPERM)
        #expect(eventually(timeout: bound) { isImmutable(f) } != nil)
        #expect(contents(f) == "original vigil.toml\n")
    }

    @Test("on a filesystem without inode flags (ramfs) the missing layer is reported, not fatal, and the file is still guarded")
    func ramfsLayerMissing() throws {
        let d = try #require(DaemonHarness.protected(["vigil.toml"], onRamfs: ["hashes.hsb", "victim.yar", "moved.yar"]))
        #expect(d.start(), "\(d.output)")
        let prot = try #require(d.protection, "status has a protection report")
        let layers = try #require(prot["layers"] as? [String: Any])
        let imm = try #require(layers["immutable"] as? [String: Any])
        let missing = imm["missing"] as? [String] ?? []
        #expect(missing.contains(d.ramPath("hashes.hsb")), "\(imm)")
        #expect(!missing.contains(d.protectedFile("vigil.toml")), "tmpfs keeps the flag")
        #expect(imm["ok"] as? Bool == false)
        #expect((prot["warnings"] as? [String] ?? []).contains { $0.contains(d.ramPath("hashes.hsb")) })
        #expect(d.control("ping")?["ok"] as? Bool == true, "the daemon keeps running")
        let cli = vigil(["status", "--json", "--socket", d.socket])
        #expect(cli.status == 0 && cli.stdout.contains(#""immutable":{"ok":false,"missing":["#) && cli.stdout.contains(d.ramPath("hashes.hsb")),
                "vigil status: \(cli.stdout)")

        // Prevent: the permission mark refuses an open for writing, and says who tried.
        let f = d.ramPath("hashes.hsb")
        #expect(tryOpen(f, O_WRONLY | O_APPEND) == EPERM)
        let blocked = try #require(d.event("tamper-blocked", path: f))
        #expect((blocked["process"] as? [String: Any])?["pid"] as? Int != nil)
        #expect(contents(f) == "original hashes.hsb\n")

        // Detect and repair: truncate(2) needs no open; the change is undone.
        #expect(truncate(f, 0) == 0)
        #expect(eventually(timeout: bound) { contents(f) == "original hashes.hsb\n" } != nil, "truncate is restored")
        let restored = try #require(d.event("tamper-restored", path: f))
        let tamper = (restored["vigil"] as? [String: Any])?["protection"] as? [String: Any]
        #expect(tamper?["change"] as? String == "truncated" || tamper?["change"] as? String == "modified")
        #expect((restored["process"] as? [String: Any])?["pid"] as? Int == Int(getpid()), "the truncating process is named")

        let v = d.ramPath("victim.yar")
        #expect(unlink(v) == 0)
        #expect(eventually(timeout: bound) { contents(v) == "original victim.yar\n" } != nil, "unlink is restored")

        let m = d.ramPath("moved.yar")
        #expect(rename(m, d.ramfs! + "/elsewhere") == 0)
        #expect(eventually(timeout: bound) { contents(m) == "original moved.yar\n" } != nil, "rename is restored")
        #expect(d.control("ping")?["ok"] as? Bool == true)
    }

    @Test("a maintainer on the allowlist may write a protected file; its update is re-sealed, anyone else's is undone")
    func maintainerUpdate() throws {
        let candidates: [String] = ["/usr/bin/tee", "/bin/tee"]
        let found: String? = candidates.first { (p: String) -> Bool in access(p, X_OK) == 0 }
        let tee = canonicalPath(try #require(found))
        let d = try #require(DaemonHarness.protected([], onRamfs: ["signatures.hsb"], extra: "maintainers = [\"\(tee)\"]"))
        #expect(d.start(), "\(d.output)")
        let f = d.ramPath("signatures.hsb")
        #expect(sh("echo evil >> '\(f)'").status != 0, "the shell is no maintainer")
        #expect(sh("echo 'update 2' | '\(tee)' '\(f)'").status == 0, "the maintainer writes")
        #expect(d.event("maintainer-update", path: f) != nil)
        usleep(600_000)
        #expect(contents(f) == "update 2\n", "the update stays")
        #expect(truncate(f, 0) == 0)
        #expect(eventually(timeout: bound) { contents(f) == "update 2\n" } != nil, "tampering restores the update, not the original")
    }

    @Test("moving away the folder of a protected file brings the file back at its path")
    func folderMoved() throws {
        let d = try #require(DaemonHarness.protected(["conf.d/10-guard.toml"]))
        #expect(d.start(), "\(d.output)")
        let f = d.protectedFile("conf.d/10-guard.toml")
        #expect(rename(d.fs + "/protected/conf.d", d.fs + "/protected/conf.d.off") == 0)
        #expect(eventually(timeout: bound) { contents(f) == "original conf.d/10-guard.toml\n" && isImmutable(f) } != nil)
        let e = try #require(d.event("tamper-restored", path: f))
        #expect(((e["vigil"] as? [String: Any])?["protection"] as? [String: Any])?["change"] as? String == "deleted-or-moved")
    }

    @Test("a protected file changed while no daemon ran is restored when the daemon starts")
    func restoredAtStart() throws {
        let d = try #require(DaemonHarness.protected(["vigil.toml"]))
        #expect(d.start())
        let f = d.protectedFile("vigil.toml")
        d.stop()
        #expect(sh("chattr -i '\(f)' && echo evil > '\(f)'").status == 0)
        #expect(d.start(), "\(d.output)")
        #expect(eventually(timeout: bound) { contents(f) == "original vigil.toml\n" && isImmutable(f) } != nil)
        #expect(d.event("tamper-restored", path: f) != nil)
    }

    @Test("maintenance lifts protection for a legitimate update, is logged, and re-seals the new content")
    func maintenance() throws {
        let d = try #require(DaemonHarness.protected(["vigil.toml"]))
        #expect(d.start(), "\(d.output)")
        let f = d.protectedFile("vigil.toml")

        let nobody = vigilAs(user: 65534, ["maintenance", "begin", "--reason", "sneaky", "--socket", d.socket])
        #expect(nobody.status != 0, "the control socket serves root only")

        let begin = vigil(["maintenance", "begin", "--reason", "upgrade to 0.2", "--socket", d.socket])
        #expect(begin.status == 0, "\(begin.stdout) \(begin.stderr)")
        #expect(!isImmutable(f))
        #expect(d.protection?["maintenance"] is [String: Any])
        #expect(sh("echo 'new config' > '\(f)'").status == 0, "the upgrade writes")
        usleep(600_000)
        #expect(contents(f) == "new config\n", "nothing is restored during maintenance")

        let end = vigil(["maintenance", "end", "--socket", d.socket])
        #expect(end.status == 0, "\(end.stdout) \(end.stderr)")
        #expect(isImmutable(f), "re-sealed")
        #expect(d.protection?["maintenance"] as? Bool == false)
        let b = try #require(d.event("maintenance-begin"))
        #expect((b["message"] as? String)?.contains("upgrade to 0.2") == true)
        #expect(d.event("maintenance-end") != nil)

        // The new content is now the sealed one: tampering restores it, not the old.
        sh("chattr -i '\(f)' && truncate -s 0 '\(f)'")
        #expect(eventually(timeout: bound) { contents(f) == "new config\n" && isImmutable(f) } != nil, "now: \(contents(f) ?? "nil")")
        #expect(vigil(["maintenance", "end", "--socket", d.socket]).status == 1, "ending twice is an error")
    }

    @Test("the Landlocked daemon cannot create a file outside its folders, and can inside them")
    func landlock() throws {
        let d = try #require(DaemonHarness.protected())
        #expect(d.start(), "\(d.output)")
        let ll = ((d.protection?["layers"] as? [String: Any])?["landlock"] as? [String: Any])?["status"] as? String
        #expect(ll?.hasPrefix("applied") == true, "\(ll ?? "nil")")
        #expect(eventually(timeout: bound) { d.protection?["contained_threads"] as? Int == 3 } != nil,
                "the one scan thread, the background rescan thread and the findings' write-up thread entered the domain")
        let forbidden = d.fs + "/forbidden/planted"
        let outside = d.dir.sub("planted")
        for p in [forbidden, outside] {
            let r = try #require(d.control("debug-write-probe \(p)"))
            #expect(r["errno"] as? Int == Int(EACCES), "\(p): \(r)")
            #expect(access(p, F_OK) != 0)
        }
        let inside = try #require(d.control("debug-write-probe \(d.state)/probe"))
        #expect(inside["errno"] as? Int == 0, "\(inside)")

        let caps = ((d.protection?["layers"] as? [String: Any])?["capabilities"] as? [String: Any])?["kept"] as? [String] ?? []
        // CAP_KILL: for a scan worker stuck past its deadline (it runs as its own user).
        #expect(caps.contains("CAP_SYS_ADMIN") && caps.contains("CAP_LINUX_IMMUTABLE") && !caps.contains("CAP_NET_ADMIN"), "\(caps)")
        let ownPid = try #require(d.status()?["pid"] as? Int)
        let effective = try #require(contents("/proc/\(ownPid)/status")?.split(separator: "\n").first { $0.hasPrefix("CapEff:") })
        #expect((UInt64(effective.split(separator: "\t").last ?? "", radix: 16) ?? 0) & Capabilities.Set.workerSpawn.rawValue == 0,
                "setuid/setgid/setpcap are held for the scan workers, never effective in the daemon: \(effective)")
        let daemonPid = try #require(d.status()?["pid"] as? Int)
        let line = try #require(contents("/proc/\(daemonPid)/status")?.split(separator: "\n").first { $0.hasPrefix("CapBnd:") })
        let bounding = try #require(UInt64(line.split(separator: "\t").last ?? "", radix: 16))
        #expect(bounding & ~Capabilities.Set.daemon.union(.workerSpawn).union(.kernelLog).rawValue == 0, "the bounding set holds only what the daemon keeps: \(line)")
        #expect((UInt64(effective.split(separator: "\t").last ?? "", radix: 16) ?? 0) & Capabilities.Set.kernelLog.rawValue == 0,
                "CAP_SYSLOG is held for the next daemon's open of /dev/kmsg, never effective: \(effective)")
    }

    @Test("kill -9 of the daemon brings it back (watchdog); kill -9 of the watchdog brings the watchdog back")
    func watchdog() throws {
        let d = try #require(DaemonHarness.protected())
        #expect(d.start(watchdog: true), "\(d.output)")
        let first = try #require(d.waitForStatus(timeout: 10) { ($0["protection"] as? [String: Any])?["watchdog_pid"] is Int })
        let daemon1 = try #require(first["pid"] as? Int)
        let watchdog1 = try #require((first["protection"] as? [String: Any])?["watchdog_pid"] as? Int)
        #expect(watchdog1 == Int(d.process?.processIdentifier ?? 0))

        kill(Int32(daemon1), SIGKILL)
        let back = d.waitForStatus(timeout: 10) { ($0["pid"] as? Int).map { $0 != daemon1 } ?? false }
        let daemon2 = try #require(back?["pid"] as? Int, "a new daemon answers: \(d.output)")
        #expect(daemon2 != daemon1)

        kill(Int32(watchdog1), SIGKILL)
        let newWatchdog = d.waitForStatus(timeout: 10) {
            (($0["protection"] as? [String: Any])?["watchdog_pid"] as? Int).map { $0 != watchdog1 && kill(Int32($0), 0) == 0 } ?? false
        }
        let watchdog2 = try #require((newWatchdog?["protection"] as? [String: Any])?["watchdog_pid"] as? Int, "\(d.output)")
        #expect(d.event("watchdog-died") != nil)

        // The restarted watchdog supervises too.
        kill(Int32(daemon2), SIGKILL)
        let again = d.waitForStatus(timeout: 10) { ($0["pid"] as? Int).map { $0 != daemon2 } ?? false }
        #expect(again != nil, "the second watchdog restarts the daemon: \(d.output)")
        #expect((again?["protection"] as? [String: Any])?["watchdog_pid"] as? Int == watchdog2)
        #expect(d.event("daemon-restarted") != nil)
    }

    @Test("sd_notify: READY, then WATCHDOG=1 at half of WATCHDOG_USEC, and STOPPING on SIGTERM, as datagrams to NOTIFY_SOCKET")
    func systemdNotify() throws {
        let d = try #require(DaemonHarness.protected())
        let listener = try #require(NotifyListener(path: d.fs + "/notify.sock"))
        #expect(d.start(environment: ["NOTIFY_SOCKET": listener.path, "WATCHDOG_USEC": "200000"]), "\(d.output)")
        var messages: [String] = []
        let start = Date()
        while Date().timeIntervalSince(start) < 5, messages.filter({ $0.contains("WATCHDOG=1") }).count < 3 {
            if let m = listener.receive() { messages.append(m) }
        }
        #expect(messages.first { $0.contains("READY=1") }?.contains("MAINPID=") == true, "\(messages)")
        #expect(messages.filter { $0 == "WATCHDOG=1" }.count >= 3, "\(messages)")
        let pings = Date().timeIntervalSince(start)
        #expect(pings < 5)
        #expect(((d.protection?["systemd_watchdog_us"]) as? Int) == 200000)
        if let pid = d.status()?["pid"] as? Int { kill(Int32(pid), SIGTERM) }
        var stopping = false
        for _ in 0..<50 where !stopping { stopping = listener.receive()?.contains("STOPPING=1") == true }
        #expect(stopping)
    }

    @Test("kill -9 of the daemon: a new one answers within 2 s")
    func daemonRestartLatency() throws {
        let d = try #require(DaemonHarness.protected())
        #expect(d.start(watchdog: true), "\(d.output)")
        let s = try #require(d.waitForStatus(timeout: 10) { ($0["protection"] as? [String: Any])?["watchdog_pid"] is Int })
        let pid = try #require(s["pid"] as? Int)
        kill(Int32(pid), SIGKILL)
        let took = eventually(timeout: 2.0) {
            (ControlClient.send("status", to: d.socket, timeoutSeconds: 1).flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }?["pid"] as? Int).map { $0 != pid } ?? false
        }
        #expect(took != nil, "back within 2 s")
    }
}

@Suite("vigil install and systemd units", .serialized, .enabled(if: geteuid() == 0))
struct InstallTests {
    @Test("systemd-analyze verify passes on every unit in Systemd/, installed with the built binary")
    func systemdVerify() throws {
        guard access("/usr/bin/systemd-analyze", X_OK) == 0 else { return }
        let root = TempDir()
        let r = vigil(["install", "--root", root.path])
        #expect(r.status == 0, "\(r.stderr)")
        // The host's own units (sysinit.target, ...) and /bin/kill, so --root resolves them.
        #expect(sh("mkdir -p '\(root.path)/lib/systemd' '\(root.path)/bin' && cp -a /lib/systemd/system '\(root.path)/lib/systemd/' && cp /bin/kill /bin/sh '\(root.path)/bin/'").status == 0)
        for unit in ["vigil.service", "vigil-scan.service", "vigil-scan.timer", "vigil-scan-failed@.service", "vigil-canary.service", "vigil-alarm@.service"] {
            #expect(access("\(repoRoot)/Systemd/\(unit)", R_OK) == 0)
            let v = runProgram("/usr/bin/systemd-analyze", ["verify", "--root=\(root.path)", "\(root.path)/etc/systemd/system/\(unit)"])
            #expect(v.status == 0 && v.stderr.isEmpty && v.stdout.isEmpty, "\(unit): \(v.stdout) \(v.stderr)")
        }
    }

    @Test("install puts binary, config, signatures and units in place; uninstall needs maintenance and takes them away")
    func installUninstall() throws {
        let root = TempDir()
        let r = vigil(["install", "--root", root.path])
        #expect(r.status == 0, "\(r.stderr)")
        for p in ["/usr/local/bin/vigil", "/etc/vigil/vigil.toml", "/etc/vigil/signatures/eicar.yar",
                  "/etc/systemd/system/vigil.service", "/etc/systemd/system/vigil-scan.timer"] {
            #expect(access(root.path + p, F_OK) == 0, "\(p)")
        }
        #expect(access(root.path + "/usr/local/bin/vigil", X_OK) == 0)
        let check = vigil(["config", "check", "--config", root.path + "/etc/vigil/vigil.toml"])
        #expect(check.status == 0 && check.stdout.contains("[protection]\nenabled = true"), "\(check.stdout)\(check.stderr)")

        // A running daemon that is not in maintenance refuses the uninstall.
        let d = try #require(DaemonHarness.protected())
        #expect(d.start())
        let refused = vigil(["uninstall", "--root", root.path, "--socket", d.socket])
        #expect(refused.status == 1, "\(refused.stdout) \(refused.stderr)")
        #expect(access(root.path + "/usr/local/bin/vigil", F_OK) == 0)
        #expect(vigil(["maintenance", "begin", "--reason", "uninstall", "--socket", d.socket]).status == 0)
        let u = vigil(["uninstall", "--root", root.path, "--socket", d.socket])
        #expect(u.status == 0, "\(u.stderr)")
        for p in ["/usr/local/bin/vigil", "/etc/vigil/vigil.toml", "/etc/vigil/signatures", "/etc/systemd/system/vigil.service"] {
            #expect(access(root.path + p, F_OK) != 0, "\(p) removed")
        }
    }
}
