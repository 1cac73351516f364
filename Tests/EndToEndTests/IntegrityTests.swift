import Foundation
import Glibc
import Testing
import VigilSystem
import VigilTestSupport

/// The integrity of what Vigil trusts, against the real kernel: each test names the
/// attack (or the accident) it plays, on private tmpfs mounts.
@Suite("vigil integrity of what it trusts (real kernel)", .serialized, .enabled(if: geteuid() == 0))
struct IntegrityTests {
    func level(_ e: LogEvent) -> String? { (e["log"] as? [String: Any])?["level"] as? String }

    @Test("full disk: a restore that cannot be written keeps the last file (never an empty one), raises a critical event and a red status, and succeeds once there is room")
    func fullDiskRestore() throws {
        let d = try #require(DaemonHarness.protected(["vigil.toml"]))
        // The protected file's folder is a 16 KiB tmpfs: 4 pages.
        let tiny = try #require(d.dir.mountTmpfs("fs/protected", size: "16k"))
        let f = tiny + "/vigil.toml"
        let original = "original vigil.toml\n"
        #expect(FileManager.default.createFile(atPath: f, contents: Data(original.utf8)))
        #expect(d.start(), "\(d.output)")
        #expect(eventually(timeout: 3) { isImmutable(f) } != nil)
        // Fill it up (dd stops at ENOSPC), then change the file without needing a page:
        // growing it with truncate(2) opens nothing and allocates nothing.
        _ = sh("dd if=/dev/zero of='\(tiny)/filler' bs=4k 2>/dev/null")
        // truncate(2), as an attacker would: opens nothing, so no permission event.
        try InodeFlags.setImmutable(f, false)
        #expect(truncate(f, 100) == 0, "\(String(cString: strerror(errno)))")
        let failed = try #require(d.event("tamper-restore-failed", path: f), "\(LogEvent.all(in: d.logFile))")
        #expect(level(failed) == "critical", "\(failed)")
        #expect((failed.message ?? "").contains("No space left") || (failed.message ?? "").contains("ENOSPC"), "\(failed.message ?? "")")
        let size = (try? FileManager.default.attributesOfItem(atPath: f)[.size] as? Int) ?? -1
        #expect(size == 100, "the file is left as it was, never emptied")
        let status = try #require(d.status())
        #expect(status["protection_state"] as? String == "compromised", "\(status["protection_state"] ?? "nil")")
        #expect(((status["warnings"] as? [String]) ?? []).contains { $0.contains("ALARM: restore of \(f) failed") })
        #expect((try? FileManager.default.contentsOfDirectory(atPath: tiny))?.filter { $0.hasPrefix(".vigil-restore") } == [],
                "no temp file left behind")
        // Room again: the next try (within 5 s) restores and the status turns back.
        #expect(unlink(tiny + "/filler") == 0)
        #expect(eventually(timeout: 20) { contents(f) == original && isImmutable(f) } != nil, "now: \(contents(f) ?? "nil")")
        #expect(eventually(timeout: 3) { d.status()?["protection_state"] as? String != "compromised" } != nil)
    }

    /// The harness's daemon with its own config file among the protected files, as an
    /// installed Vigil has it (own_files would also seal the test binary).
    func protectingItsConfig() throws -> DaemonHarness {
        let d = try #require(DaemonHarness.protected(["vigil.toml"]))
        let text = try #require(contents(d.configFile))
        let patched = text.replacingOccurrences(of: "own_files = false\npaths = [", with: "own_files = false\npaths = [\"\(d.configFile)\", ")
        #expect(patched != text)
        #expect(FileManager.default.createFile(atPath: d.configFile, contents: Data(patched.utf8)))
        return d
    }

    func disablingProtection(_ text: String) -> String {
        text.replacingOccurrences(of: "[protection]\nenabled = true", with: "[protection]\nenabled = false")
    }

    @Test("config swapped between stop and start (protection off): the sealed config is used, a critical event says so, the file is restored")
    func configSwappedInRestartWindow() throws {
        let d = try protectingItsConfig()
        #expect(d.start(), "\(d.output)")
        #expect(eventually(timeout: 3) { isImmutable(d.configFile) } != nil)
        d.stop()
        let sealed = try #require(contents(d.configFile))
        let evil = disablingProtection(sealed)
        #expect(evil != sealed)
        #expect(sh("chattr -i '\(d.configFile)'").status == 0)
        #expect(FileManager.default.createFile(atPath: d.configFile, contents: Data(evil.utf8)))
        #expect(d.start(), "\(d.output)")
        let e = try #require(d.event("sealed-load-mismatch"))
        #expect(level(e) == "critical" && (e.message ?? "").contains("the sealed copy is in use"), "\(e)")
        let s = try #require(d.status())
        #expect(s["protection_state"] as? String == "compromised", "the sealed config (protection on) runs, and says what happened")
        #expect(eventually(timeout: 3) { contents(d.configFile) == sealed } != nil, "the file on disk is restored too")
    }

    @Test("config bind-mounted over the real one: detected at load, the sealed config is used")
    func configBindMounted() throws {
        let d = try protectingItsConfig()
        #expect(d.start(), "\(d.output)")
        #expect(eventually(timeout: 3) { isImmutable(d.configFile) } != nil)
        d.stop()
        let sealed = try #require(contents(d.configFile))
        let evil = d.dir.write("evil.toml", disablingProtection(sealed))
        #expect(mount(evil, d.configFile, nil, UInt(MS_BIND), nil) == 0, "\(String(cString: strerror(errno)))")
        defer { umount2(d.configFile, Int32(MNT_DETACH)) }
        #expect(d.start(), "\(d.output)")
        let e = try #require(d.event("sealed-load-mismatch"))
        #expect((e.message ?? "").contains("a mount over it"), "\(e.message ?? "")")
        #expect(d.status()?["protection_state"] as? String == "compromised")
    }

    @Test("planted global rule: `global private rule ... condition: false` is refused by rules check and by the daemon, naming file and line")
    func plantedGlobalRule() throws {
        let d = try #require(DaemonHarness.protected(["vigil.toml"]))
        let planted = d.rules + "/zz-housekeeping.yar"
        #expect(FileManager.default.createFile(atPath: planted, contents: Data("// cleanup\n\nglobal private rule Housekeeping { condition: false }\n".utf8)))
        let check = vigil(["rules", "check", d.rules])
        #expect(check.status == 1, "\(check.stdout) \(check.stderr)")
        #expect(check.stderr.contains("\(planted):3: global rule Housekeeping refused"), "\(check.stderr)")
        #expect(!d.start(), "the daemon does not start blinded")
        #expect(d.output.contains("\(planted):3: global rule Housekeeping refused"), "\(d.output)")
    }
}

/// Attack: a fake listener on the control socket path (root unlinks the socket and binds
/// its own). Played by python3, a real process with its own executable.
@Suite("vigil control socket authenticity (real kernel)", .serialized, .enabled(if: geteuid() == 0))
struct ControlSocketImpostorTests {
    /// Binds `path` and answers every connection with a frozen healthy status.
    func impostor(at path: String) -> Process? {
        let script = """
            import os, signal, socket, sys
            # Foundation starts it with most signals blocked: let terminate() end it.
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
            p = sys.argv[1]
            try: os.unlink(p)
            except FileNotFoundError: pass
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); s.bind(p); s.listen(8)
            print("ready", flush=True)
            while True:
                c, _ = s.accept()
                c.settimeout(2)
                try:
                    c.recv(4096); c.sendall(b'{"ok":true,"pong":true,"protection_state":"full","warnings":[]}\\n')
                except OSError:
                    pass  # a client that checked us and hung up: serve the next one
                finally:
                    c.close()
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", script, path]
        let out = Pipe()
        p.standardOutput = out
        guard (try? p.run()) != nil else { return nil }
        _ = out.fileHandleForReading.availableData
        return p
    }

    @Test("vigil status facing a fake listener names the impostor and exits non-zero; nothing is sent to it")
    func statusNamesImpostor() throws {
        let d = try #require(DaemonHarness.protected(["vigil.toml"]))
        let fake = try #require(impostor(at: d.socket))
        defer { kill(fake.processIdentifier, SIGKILL); fake.waitUntilExit() }
        let r = vigil(["status", "--socket", d.socket])
        #expect(r.status != 0)
        #expect(r.stderr.contains("answered by an impostor (pid \(fake.processIdentifier), exe /usr/bin/python3"), "\(r.stderr)")
        // The other clients of the socket refuse it too; none takes it for "no daemon".
        let q = vigil(["quarantine", "list", "--socket", d.socket, "--store", d.dir.sub("store")])
        #expect(q.status != 0 && q.stderr.contains("answered by an impostor (pid \(fake.processIdentifier)"), "\(q.stdout) \(q.stderr)")
        // So do the reload senders below VigilDaemon (allowlist, rules update/rollback):
        // the fake's `"ok":true` is not taken for a reload, and it is named.
        let a = vigil(["allow", "add", String(repeating: "ab", count: 32), "--reason", "attack test", "--allowlist", d.dir.sub("allow.list"),
                       "--control-socket", d.socket, "--config", d.configFile])
        #expect(a.status != 0 && a.stderr.contains("is not Vigil (pid \(fake.processIdentifier), uid 0, exe /usr/bin/python3"), "\(a.stdout) \(a.stderr)")
        #expect(!a.stdout.contains("reloaded"), "\(a.stdout)")
    }

    /// Attack: a root replaces a running daemon's socket with a listener of their own and
    /// leaves the daemon's pid file, which names a live process running this very binary.
    /// `vigil status` then hashes nothing before it connects (ControlPeer.prepare's fast
    /// path); the check after connecting must still name the impostor.
    @Test("a running daemon's socket swapped for a fake listener, its pid file left in place: vigil status names the impostor")
    func swappedUnderRunningDaemon() throws {
        let d = try #require(DaemonHarness())
        #expect(d.start(), "\(d.output)")
        let pidFile = (d.socket as NSString).deletingLastPathComponent + "/vigil.pid"
        #expect(readSmallFile(pidFile)?.split(separator: "\n").first.map(String.init) == "\(d.pid)", "the premise: the pid file names the daemon")
        let fake = try #require(impostor(at: d.socket))
        defer { kill(fake.processIdentifier, SIGKILL); fake.waitUntilExit() }
        let r = vigil(["status", "--socket", d.socket])
        #expect(r.status != 0 && !r.stdout.contains("protection_state"), "\(r.stdout)")
        #expect(r.stderr.contains("answered by an impostor (pid \(fake.processIdentifier), exe /usr/bin/python3"), "\(r.stderr)")
    }

    @Test("--socket elsewhere, daemon run from another build of vigil: accepted through the binary its manifest seals, refused (saying why) without it")
    func otherBuildThroughSealedBinary() throws {
        let h = try #require(DaemonHarness.oneFilesystem())
        // Another build: the same program with other bytes (a trailing byte runs the same).
        let fd = open(h.binary, O_WRONLY | O_APPEND | O_CLOEXEC)
        #expect(fd >= 0 && write(fd, "\n", 1) == 1)
        close(fd)
        #expect(h.start(), "\(h.output)")
        let known = vigil(["status", "--socket", h.socket, "--config", h.configFile])
        #expect(known.stdout.contains("protection"), "the config names the state folder whose manifest seals the daemon's binary: exit \(known.status) \(known.stdout) \(known.stderr)")
        #expect(!known.stderr.contains("impostor"), "\(known.stderr)")
        let unknown = vigil(["status", "--socket", h.socket, "--config", h.dir.sub("none.toml")])
        #expect(unknown.status == 1 && unknown.stdout.isEmpty, "\(unknown.stdout)")
        #expect(unknown.stderr.contains("answered by an impostor (pid \(h.pid)") && unknown.stderr.contains("nor the one sealed for \(h.binary)"), "\(unknown.stderr)")
    }

    @Test("no answer is never 'no daemon': a missing socket, a stale one and a silent listener are told apart")
    func noAnswerKinds() throws {
        let dir = TempDir()
        let missing = vigil(["status", "--socket", dir.sub("none.sock")])
        #expect(missing.status == 3 && missing.stderr.contains("there is no control socket"), "\(missing.stderr)")
        // A socket file nobody listens on: bound, then the listener closed.
        #expect(sh("python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])' '\(dir.sub("stale.sock"))'").status == 0)
        let stale = vigil(["status", "--socket", dir.sub("stale.sock")])
        #expect(stale.status == 3 && stale.stderr.contains("stale socket"), "\(stale.stderr)")
    }

    @Test("a new daemon facing a live impostor reports it (critical event) and takes the path over")
    func daemonTakesOver() throws {
        let d = try #require(DaemonHarness.protected(["vigil.toml"]))
        let fake = try #require(impostor(at: d.socket))
        defer { kill(fake.processIdentifier, SIGKILL); fake.waitUntilExit() }
        #expect(d.start(), "the daemon does not exit as 'already listening': \(d.output)")
        let e = try #require(d.event("control-socket-impostor"))
        #expect((e["log"] as? [String: Any])?["level"] as? String == "critical")
        #expect((e.message ?? "").contains("pid \(fake.processIdentifier)"), "\(e.message ?? "")")
        let r = vigil(["status", "--json", "--socket", d.socket])
        #expect(r.stdout.contains(#""pid":\#(d.pid)"#), "the real daemon answers now: \(r.stdout) \(r.stderr)")
    }
}

/// The event log against a root that wants it gone or shorter: append-only, a hash
/// chain, and a writer that looks at its file every second.
@Suite("vigil event log integrity (real kernel)", .serialized, .enabled(if: geteuid() == 0))
struct EventLogIntegrityTests {
    func level(_ e: LogEvent) -> String? { (e["log"] as? [String: Any])?["level"] as? String }

    @Test("the live log is append-only; truncation and deletion are noticed within 2 s and reported in the log that follows")
    func truncatedAndDeleted() throws {
        let d = try #require(DaemonHarness.protected(["vigil.toml"]))
        #expect(d.start(), "\(d.output)")
        #expect(d.event("maintenance-unauthenticated") != nil)
        #expect(sh("lsattr '\(d.logFile)' | cut -d' ' -f1 | grep -q a").status == 0, "append-only")
        #expect(truncate(d.logFile, 0) != 0 && errno == EPERM, "truncate(2) is refused while append-only")

        // Attack: clear +a and truncate at once, through one descriptor (the writer puts +a
        // back before each line it writes, so two separate commands often lose the race).
        let fd = open(d.logFile, O_WRONLY | O_APPEND | O_CLOEXEC)
        #expect(fd >= 0)
        var truncated = false
        for _ in 0..<500 where !truncated {
            _ = try? InodeFlags.setFlag(fd: fd, InodeFlags.appendOnlyFlag, false)
            truncated = ftruncate(fd, 0) == 0
        }
        close(fd)
        #expect(truncated)
        let t = try #require(d.event("event-log-truncated", timeout: 10), "\(contents(d.logFile) ?? "")")
        #expect(level(t) == "critical")

        // Attack: clear +a, then unlink.
        var removed = false
        for _ in 0..<500 where !removed {
            _ = try? InodeFlags.setAppendOnly(d.logFile, false)
            removed = unlink(d.logFile) == 0
        }
        #expect(removed)
        let gone = try #require(d.event("event-log-deleted", timeout: 10), "a new file with the event")
        #expect(level(gone) == "critical")
        #expect(sh("lsattr '\(d.logFile)' | cut -d' ' -f1 | grep -q a").status == 0, "the new file is append-only too")
    }

    @Test("vigil log verify: intact passes, an edited line is named")
    func verify() throws {
        let d = try #require(DaemonHarness.protected(["vigil.toml"]))
        #expect(d.start(), "\(d.output)")
        #expect(vigil(["maintenance", "begin", "--reason", "make some lines", "--config", d.configFile, "--socket", d.socket]).status == 0)
        #expect(vigil(["maintenance", "end", "--config", d.configFile, "--socket", d.socket]).status == 0)
        d.stop()
        let ok = vigil(["log", "verify", d.logFile])
        #expect(ok.status == 0 && ok.stdout.hasPrefix("OK: "), "\(ok.stdout) \(ok.stderr)")
        // Attack: edit line 2 (in a copy: the live file is append-only).
        var lines = (contents(d.logFile) ?? "").split(separator: "\n").map(String.init)
        #expect(lines.count >= 3)
        let original = lines[1]
        lines[1] = original.replacingOccurrences(of: "\"message\":\"", with: "\"message\":\"edited: ")
        #expect(lines[1] != original)
        let copy = d.dir.write("edited.json", lines.joined(separator: "\n") + "\n")
        let bad = vigil(["log", "verify", copy])
        #expect(bad.status == 1, "\(bad.stdout)")
        #expect(bad.stdout.contains("BROKEN \(copy):3: ") && bad.stdout.contains("line 2 was edited"), "\(bad.stdout)")
    }
}

/// Attack: the quarantine's records edited or removed behind Vigil's back (a released
/// sample would leave no trace in `vigil quarantine list`).
@Suite("vigil quarantine database integrity (real kernel, real sqlite3)", .serialized, .enabled(if: geteuid() == 0))
struct QuarantineDatabaseIntegrityTests {
    @Test("quarantine.db edited with sqlite3, then deleted: each is a critical event naming what happened")
    func editedAndDeleted() throws {
        let d = try #require(DaemonHarness.protected(["vigil.toml"]))
        let store = d.fs + "/quarantine"
        let text = try #require(contents(d.configFile))
        #expect(FileManager.default.createFile(atPath: d.configFile, contents: Data((text + "\n[quarantine]\ndir = \"\(store)\"\n").utf8)))
        let sample = d.dir.write("incoming/eicar.com", eicar)
        let scan = vigil(["scan", "-d", d.rules, "--move-to", store, sample])
        #expect(scan.status == 1 && access(sample, F_OK) != 0, "quarantined: \(scan.stdout) \(scan.stderr)")
        #expect(d.start(), "\(d.output)")
        usleep(2_500_000)
        #expect(d.events().first { $0.action == "quarantine-db-tampered" } == nil, "Vigil's own write is sealed: no false alarm")

        // Attack: the record removed with sqlite3.
        let edit = runProgram("/usr/bin/sqlite3", [store + "/quarantine.db", "DELETE FROM entries"])
        #expect(edit.status == 0, "\(edit.stderr)")
        let e = try #require(d.event("quarantine-db-tampered", timeout: 20))
        #expect((e["log"] as? [String: Any])?["level"] as? String == "critical")
        #expect((e.message ?? "").contains("changed outside Vigil"), "\(e.message ?? "")")

        // Attack: the database deleted.
        #expect(unlink(store + "/quarantine.db") == 0)
        let gone = eventually(timeout: 20) { LogEvent.all(in: d.logFile).contains { $0.action == "quarantine-db-tampered" && ($0.message ?? "").contains("was deleted") } }
        #expect(gone != nil)
    }
}

/// Attack: root stops the daemon and forges the seal itself: a config with protection
/// off, its sealed copy under its own SHA-256, and the manifest line, all consistent.
/// Without the operator's signature over the manifest, the forgery is refused.
@Suite("vigil signed manifest (real kernel)", .serialized, .enabled(if: geteuid() == 0))
struct SignedManifestTests {
    func level(_ e: LogEvent) -> String? { (e["log"] as? [String: Any])?["level"] as? String }
    func manifest(_ d: DaemonHarness) -> String { d.state + "/protection/manifest.tsv" }

    /// Key pair made by `vigil maintenance keygen`, public half sealed by `vigil install`.
    func keyed(_ d: DaemonHarness, _ op: TempDir) throws -> String {
        #expect(vigil(["maintenance", "keygen", "--out", op.path + "/op"]).status == 0)
        let install = vigil(["install", "--root", op.path + "/root", "--maintenance-key", op.path + "/op/maintenance.pub", "--state-dir", d.state])
        #expect(install.status == 0, "\(install.stderr)")
        return op.path + "/op/maintenance.key"
    }

    /// The operator's round: the host prints the request, the key signs it, the host records it.
    func sign(_ d: DaemonHarness, key: String) throws {
        let ask = vigil(["maintenance", "manifest", "--config", d.configFile])
        #expect(ask.status == 1 && ask.stdout.contains(#""signed":false"#), "unsigned at first: \(ask.stdout) \(ask.stderr)")
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(ask.stdout.utf8)) as? [String: Any])
        let request = try #require(obj["request"] as? String)
        let s = vigil(["maintenance", "sign", "--key", key, "--manifest", request])
        #expect(s.status == 0, "\(s.stderr)")
        let record = vigil(["maintenance", "manifest", "--signature", s.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "--config", d.configFile])
        #expect(record.status == 0 && record.stdout.contains(#""signed":true"#), "\(record.stdout) \(record.stderr)")
        // A signature for another manifest is refused by the host too.
        let bogus = vigil(["maintenance", "sign", "--key", key, "--manifest", "vigil-manifest-v1:x:" + String(repeating: "0", count: 64)])
        let wrong = vigil(["maintenance", "manifest", "--signature", bogus.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "--config", d.configFile])
        #expect(wrong.status != 0 && wrong.stderr.contains("refused"), "\(wrong.stdout) \(wrong.stderr)")
    }

    @Test("forged manifest + sealed copy (config with protection off), daemon stopped: refused at start with a critical event; the last signed config runs and is put back")
    func forgedSealRefused() throws {
        let op = TempDir()
        let d = try IntegrityTests().protectingItsConfig()
        let key = try keyed(d, op)
        #expect(d.start(), "\(d.output)")
        #expect(eventually(timeout: 3) { isImmutable(d.configFile) } != nil)
        let pending = try #require(d.protection?["manifest"] as? [String: Any])
        #expect(pending["signed"] as? Bool == false && (pending["request"] as? String)?.hasPrefix("vigil-manifest-v1:") == true, "\(pending)")
        try sign(d, key: key)
        #expect((d.protection?["manifest"] as? [String: Any])?["signed"] as? Bool == true)
        #expect(d.events().first { $0.action == "manifest-signature-refused" } == nil)
        // With the daemon running, the daemon recorded it (under Tier A nothing else may
        // write its protection folder), and both the signature and the refused one are
        // warnings naming the caller.
        let signed = try #require(d.event("manifest-signed"), "\(LogEvent.all(in: d.logFile).map { $0.action ?? "" })")
        #expect(level(signed) == "warning" && (signed.message ?? "").contains("asked by pid"), "\(signed)")
        #expect(d.event("manifest-signature-rejected") != nil)
        expectValidECS(d.logFile, "manifest signing through the daemon")
        d.stop()

        // The forgery, as root with the daemon stopped: every piece consistent.
        let signedConfig = try #require(contents(d.configFile))
        let evil = IntegrityTests().disablingProtection(signedConfig)
        #expect(evil != signedConfig)
        #expect(sh("chattr -i '\(d.configFile)'").status == 0)
        #expect(FileManager.default.createFile(atPath: d.configFile, contents: Data(evil.utf8)))
        let evilSHA = sh("sha256sum '\(d.configFile)' | cut -d' ' -f1").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(sh("cp '\(d.configFile)' '\(d.state)/protection/sealed/\(evilSHA)'").status == 0)
        let text = try #require(contents(manifest(d)))
        let forged = text.split(separator: "\n").map { line -> String in
            line.hasSuffix("\t" + d.configFile) ? evilSHA + line.drop { $0 != "\t" } : String(line)
        }.joined(separator: "\n") + "\n"
        #expect(forged != text)
        #expect(sh("chattr -i '\(manifest(d))' 2>/dev/null; true").status == 0)
        #expect(FileManager.default.createFile(atPath: manifest(d), contents: Data(forged.utf8)))

        #expect(d.start(), "\(d.output)")
        let e = try #require(d.event("manifest-signature-refused"), "\(LogEvent.all(in: d.logFile).map { $0.action ?? "" })")
        #expect(level(e) == "critical", "\(e)")
        #expect((e.vigil["protection"] as? [String: Any])?["refusal"] as? String == "other-manifest", "\(e)")
        #expect((e.message ?? "").contains("the last signed manifest"), "\(e.message ?? "")")
        let s = try #require(d.status())
        #expect(s["protection_state"] as? String == "compromised")
        #expect((s["protection"] as? [String: Any])?["enabled"] as? Bool == true, "the signed config (protection on) runs, not the forged one")
        #expect(eventually(timeout: 5) { contents(d.configFile) == signedConfig } != nil, "the signed config is put back on disk")
        #expect(contents(manifest(d)) == text, "the signed manifest is put back")
    }

    @Test("the manifest rewritten under a running daemon is put back at the next sweep, with a critical event")
    func manifestRewrittenWhileRunning() throws {
        let d = try #require(DaemonHarness.protected(["vigil.toml"]))
        #expect(d.start(), "\(d.output)")
        let original = try #require(contents(manifest(d)))
        // Attack: a forged line sealing a file the attacker controls.
        #expect(FileManager.default.createFile(atPath: manifest(d), contents: Data((original + String(repeating: "0", count: 64) + "\t644\t0\t0\t/etc/evil\n").utf8)))
        let e = try #require(d.event("manifest-tampered", timeout: 5))
        #expect(level(e) == "critical", "\(e)")
        #expect(eventually(timeout: 3) { contents(manifest(d)) == original } != nil, "put back")
    }
}
