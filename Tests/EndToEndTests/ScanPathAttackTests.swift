import Foundation
import Glibc
import Testing
import VigilSystem
import VigilTestSupport

/// Issue 9's attacks on the scan path, each reproduced against the real kernel on the
/// test's own tmpfs: what the attacker does, and what Vigil must do instead.
@Suite("scan-path attacks (real kernel)", .serialized, .enabled(if: geteuid() == 0))
struct ScanPathAttackTests {
    static let python = "/usr/bin/python3"

    /// Runs a Python snippet (argv[1...] = args) with a time limit.
    func py(_ code: String, _ args: [String] = [], as uid: uid_t? = nil) -> ProcessResult {
        if let uid {
            return runProgram("/usr/bin/setpriv", ["--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", ScanPathAttackTests.python, "-c", code] + args, timeout: 60)
        }
        return runProgram(ScanPathAttackTests.python, ["-c", code] + args, timeout: 60)
    }

    func action(_ e: LogEvent) -> String? { (e["event"] as? [String: Any])?["action"] as? String }
    func path(_ e: LogEvent) -> String? { (e["file"] as? [String: Any])?["path"] as? String }

    /// Waits until an event with `action` (and, when given, a path containing `pathPart`) is logged.
    func waitFor(_ d: DaemonHarness, _ wanted: String, pathContains pathPart: String? = nil, timeout: Double = 10) -> LogEvent? {
        var found: LogEvent?
        _ = eventually(timeout: timeout) {
            found = d.events().first { action($0) == wanted && (pathPart == nil || (path($0)?.contains(pathPart!) ?? false)) }
            return found != nil
        }
        return found
    }

    // MARK: deadlines turned into bypasses (attack 3)

    /// A rule whose regex makes libyara slow on a file of "ABAB...": about 3 s of CPU for
    /// 60 KB here. The file ends in "CD", so the regex matches and the literal prefilter
    /// (issue 14) must hand it to libyara's full search, as an attacker would arrange; the
    /// condition is false (the file is far over 16 bytes): slow, and clean.
    static let slowRule = "rule Slow_Regex { strings: $r = /AB[^\\n]{0,2000}CD/ condition: $r and filesize < 16 }\n"

    func slowDaemon(_ extra: String) -> DaemonHarness? {
        guard let d = DaemonHarness(extra: extra) else { return nil }
        FileManager.default.createFile(atPath: d.rules + "/slow.yar", contents: Data(ScanPathAttackTests.slowRule.utf8))
        return d
    }

    func slowFile(_ d: DaemonHarness, _ name: String, prefix: [UInt8] = []) -> String {
        d.write(name, prefix + Array((String(repeating: "AB", count: 30_000) + "CD").utf8), mode: 0o644)
    }

    /// Opens `paths` from concurrent processes (as `uid` when given); returns at once.
    func openInBackground(_ paths: [String], as uid: uid_t? = nil) -> [Process] {
        paths.map { p in
            let proc = Process()
            if let uid {
                proc.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
                proc.arguments = ["--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", "/bin/cat", p]
            } else {
                proc.executableURL = URL(fileURLWithPath: "/bin/cat")
                proc.arguments = [p]
            }
            proc.standardOutput = FileHandle.nullDevice
            proc.standardError = FileHandle.nullDevice
            try? proc.run()
            return proc
        }
    }

    @Test("attack 3: two concurrent opens of slow clean files no longer let a fresh bad file through (scans are cut at the scan budget)")
    func slowFilesCannotStarveABadOne() throws {
        let d = try #require(slowDaemon("[limits]\ndeadline_ms = 2000\non_timeout = \"allow\"\n"))
        let slow = (0..<2).map { slowFile(d, "slow\($0).txt") }
        let bad = d.write("fresh-eicar.com", eicar)
        #expect(d.start(), "\(d.output)")
        let openers = openInBackground(slow)
        defer { openers.forEach { $0.waitUntilExit() } }
        usleep(100_000)
        #expect(tryRead(bad) == EPERM, "scanned once a budget-cut worker was free, not allowed by the deadline")
        #expect(d.stat("timeouts") <= 2)
    }

    @Test("attack 3: a slow file of another user cannot make my bad file time out (one queue lane per user)")
    func fairnessAcrossUsers() throws {
        let d = try #require(slowDaemon("[limits]\ndeadline_ms = 2000\non_timeout = \"allow\"\n"))
        chmod(d.guarded, 0o755)
        let slow = (0..<8).map { slowFile(d, "nobody-slow\($0).txt") }
        let bad = d.write("root-eicar.com", eicar)
        #expect(d.start(), "\(d.output)")
        let openers = openInBackground(slow, as: 65534)
        defer { openers.forEach { $0.waitUntilExit() } }
        usleep(200_000)
        #expect(tryRead(bad) == EPERM, "root's lane is served next, whatever nobody's lane holds")
    }

    @Test("attack 3: EICAR hidden behind regex-heavy padding is answered at the budget, found by the background scan, and denied from then on")
    func slowPaddingIsFoundLater() throws {
        let d = try #require(slowDaemon("[limits]\ndeadline_ms = 1000\non_timeout = \"allow\"\n"))
        let f = slowFile(d, "padded.com", prefix: eicar)
        #expect(d.start(), "\(d.output)")
        #expect(tryRead(f) == 0, "on_timeout = allow: the opener had to be let go")
        let late = try #require(waitFor(d, "late-verdict", pathContains: "padded.com", timeout: 30))
        #expect((late["vigil"] as? [String: Any])?["rules"] as? [String] == ["Vigil_EICAR_Test_File"], "\(late)")
        #expect((late["event"] as? [String: Any])?["kind"] as? String == "alert")
        #expect(tryRead(f) == EPERM, "later opens of that version are denied")
        #expect(d.stat("late_detections") == 1, "\(d.events().map { "\(action($0) ?? "") \(path($0) ?? "") \($0["message"] ?? "")" })")
    }

    @Test("attack 3: after a burst of 20 slow opens, the queue drains by the deadline: expired events are never scanned on the hot path")
    func burstDrains() throws {
        let d = try #require(slowDaemon("[limits]\ndeadline_ms = 1000\non_timeout = \"deny\"\n"))
        let slow = (0..<20).map { slowFile(d, "burst\($0).txt") }
        let clean = d.write("ordinary.txt", "ordinary\n")
        #expect(d.start(), "\(d.output)")
        let openers = openInBackground(slow)
        defer { openers.forEach { $0.waitUntilExit() } }
        // Every burst event is answered by its deadline (1 s), so by 2.5 s nothing of the
        // burst stands between a new open and a worker.
        usleep(2_500_000)
        #expect(tryRead(clean) == 0, "scanned and allowed, not denied by a timeout")
        #expect(d.stat("background_scans") + d.stat("background_dropped") >= 1, "the burst went to the background")
        let timeouts = d.events().filter { action($0) == "timeout" }.compactMap { path($0) }
        #expect(!timeouts.contains(clean))
    }

    @Test("attack 3: 3,000 concurrent cold opens are all answered; every one is scanned or accounted for in the log")
    func flood() throws {
        let d = try #require(DaemonHarness())
        let n = 3000
        mkdir(d.guarded + "/flood", 0o755)
        for i in 0..<n { d.write("flood/f\(i)", "clean file \(i)\n") }
        let tool = d.dir.sub("flood-probe")
        let cc = runProgram("/usr/bin/cc", ["-O2", "-o", tool, repoRoot + "/bench/flood.c"])
        #expect(cc.status == 0, "\(cc.stderr)")
        #expect(d.start(), "\(d.output)")
        // The probe releases n processes at once; each opens its own file.
        let r = runProgram(tool, [d.guarded + "/flood", "\(n)"], timeout: 300)
        #expect(r.status == 0 && r.stdout.contains("openers \(n)  allowed \(n)  denied 0  other-errors 0"), "\(r.stdout)\(r.stderr)")
        // Accounted for: scanned, or answered by the deadline (logged or summarised).
        #expect(d.stat("scanned") + d.stat("timeouts") + d.stat("unscanned") >= n, "\(String(describing: d.control("status")))")
        #expect(d.stat("queue_full") == 0)
    }

    @Test("attack 8 alternatives: exclude_types is decided by content and exclude_owners only while nobody else can write the file")
    func contentAndOwnerExclusions() throws {
        let d = try #require(DaemonHarness())
        let toml = try String(contentsOfFile: d.configFile, encoding: .utf8)
            .replacingOccurrences(of: "paths = [\"\(d.guarded)\"]", with: "paths = [\"\(d.guarded)\"]\nexclude_types = [\"image/png\"]\nexclude_owners = [65534]")
        FileManager.default.createFile(atPath: d.configFile, contents: Data(toml.utf8))
        let png = d.write("real.png", pngBytes + eicar)
        let renamed = d.write("renamed.png", eicar)
        let owned = d.write("owned.com", eicar, mode: 0o644)
        chown(owned, 65534, 65534)
        let shared = d.write("shared.com", eicar, mode: 0o666)
        chown(shared, 65534, 65534)
        chmod(shared, 0o666)
        #expect(d.start(), "\(d.output)")
        #expect(tryRead(png) == 0, "a real PNG is excluded by its content")
        #expect(tryRead(renamed) == EPERM, "renaming EICAR to .png does not make it a PNG")
        #expect(tryRead(owned) == 0, "owned by an excluded uid and writable only by it")
        #expect(tryRead(shared) == EPERM, "world-writable: anyone could have written it, so it is scanned")
    }

    // MARK: cache poisoning (attack 4)

    /// Reads a file twice and waits until its clean verdict is a kernel mark.
    func cacheClean(_ d: DaemonHarness, _ file: String) {
        let before = d.stat("cache_marks")
        #expect(tryRead(file) == 0)
        _ = eventually(timeout: 5) { d.stat("cache_marks") > before }
        #expect(tryRead(file) == 0)
    }

    @Test("attack 4: a cached-clean file rewritten through a shared mapping is denied once the writer lets go; exec is never served stale")
    func mmapPoisoning() throws {
        let d = try #require(DaemonHarness())
        let f = d.write("doc.txt", String(repeating: "harmless text ", count: 20))
        #expect(d.start(), "\(d.output)")
        cacheClean(d, f)
        // The writer maps the file shared, writes EICAR through the mapping (no write(2),
        // so no modify event), and holds the mapping while we try to read and exec.
        let marker = d.dir.sub("mapped")
        let release = d.dir.sub("release")
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: ScanPathAttackTests.python)
        writer.arguments = ["-c", """
            import mmap, os, sys, time
            fd = os.open(sys.argv[1], os.O_RDWR)
            m = mmap.mmap(fd, 0, mmap.MAP_SHARED, mmap.PROT_READ | mmap.PROT_WRITE)
            os.close(fd)
            e = sys.argv[2].encode()
            m[0:len(e)] = e
            m.flush()
            open(sys.argv[3], "w").close()
            while not os.path.exists(sys.argv[4]): time.sleep(0.01)
            m.close()
            """, f, String(decoding: eicar, as: UTF8.self), marker, release]
        try writer.run()
        #expect(eventually(timeout: 10) { access(marker, F_OK) == 0 } != nil)
        // While the mapping lives, exec is refused by the kernel itself (ETXTBSY).
        #expect(execute(f).0 != 0)
        FileManager.default.createFile(atPath: release, contents: nil)
        writer.waitUntilExit()
        // The writer's last reference is gone: the close event dropped the verdict.
        #expect(eventually(timeout: 5) { tryRead(f) == EPERM } != nil, "the poisoned file is rescanned and denied")
        #expect(d.stat("cache_invalidated") >= 1, "the writer's close dropped the remembered verdict")
    }

    @Test("attack 4 (strict cache): while a shared mapping is still writing, opens are rescanned and the payload is denied")
    func mmapPoisoningStrict() throws {
        let d = try #require(DaemonHarness(extra: "[limits]\ncache = \"strict\"\n"))
        let f = d.write("doc.txt", String(repeating: "harmless text ", count: 20))
        #expect(d.start(), "\(d.output)")
        #expect(tryRead(f) == 0)
        #expect(tryRead(f) == 0)
        let marker = d.dir.sub("mapped")
        let release = d.dir.sub("release")
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: ScanPathAttackTests.python)
        writer.arguments = ["-c", """
            import mmap, os, sys, time
            fd = os.open(sys.argv[1], os.O_RDWR)
            m = mmap.mmap(fd, 0, mmap.MAP_SHARED, mmap.PROT_READ | mmap.PROT_WRITE)
            os.close(fd)
            e = sys.argv[2].encode()
            m[0:len(e)] = e
            open(sys.argv[3], "w").close()
            while not os.path.exists(sys.argv[4]): time.sleep(0.01)
            m.close()
            """, f, String(decoding: eicar, as: UTF8.self), marker, release]
        try writer.run()
        defer { FileManager.default.createFile(atPath: release, contents: nil); writer.waitUntilExit() }
        #expect(eventually(timeout: 10) { access(marker, F_OK) == 0 } != nil)
        #expect(tryRead(f) == EPERM, "strict: a file with a live writer is never answered from the cache")
    }

    @Test("attack 4: a cached-clean file rewritten with Linux AIO (io_submit) is denied after the writer closes it")
    func aioPoisoning() throws {
        let d = try #require(DaemonHarness())
        let f = d.write("data.bin", String(repeating: "z", count: 4096))
        #expect(d.start(), "\(d.output)")
        cacheClean(d, f)
        // io_setup / io_submit / io_getevents through raw syscalls (no libaio needed).
        let r = py("""
            import ctypes, os, sys
            libc = ctypes.CDLL(None, use_errno=True)
            ctx = ctypes.c_ulong(0)
            assert libc.syscall(206, 8, ctypes.byref(ctx)) == 0, "io_setup"
            class IOCB(ctypes.Structure):
                _fields_ = [("data", ctypes.c_uint64), ("key", ctypes.c_uint32), ("rw_flags", ctypes.c_int32),
                            ("opcode", ctypes.c_uint16), ("reqprio", ctypes.c_int16), ("fildes", ctypes.c_uint32),
                            ("buf", ctypes.c_uint64), ("nbytes", ctypes.c_uint64), ("offset", ctypes.c_int64),
                            ("reserved2", ctypes.c_uint64), ("flags", ctypes.c_uint32), ("resfd", ctypes.c_uint32)]
            payload = ctypes.create_string_buffer(sys.argv[2].encode())
            fd = os.open(sys.argv[1], os.O_WRONLY)
            cb = IOCB(opcode=1, fildes=fd, buf=ctypes.addressof(payload), nbytes=len(sys.argv[2]), offset=0)
            cbp = (ctypes.POINTER(IOCB) * 1)(ctypes.pointer(cb))
            assert libc.syscall(209, ctx, 1, cbp) == 1, "io_submit %d" % ctypes.get_errno()
            ev = (ctypes.c_uint64 * 4)()
            assert libc.syscall(208, ctx, 1, 1, ev, None) == 1, "io_getevents"
            os.close(fd)
            """, [f, String(decoding: eicar, as: UTF8.self)])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(eventually(timeout: 5) { tryRead(f) == EPERM } != nil, "the AIO-written payload is rescanned and denied")
    }

    // MARK: paths that are not what they seem (attack 5)

    @Test("attack 5: a file under a path longer than PATH_MAX is scanned and denied")
    func overlongPath() throws {
        let d = try #require(DaemonHarness())
        #expect(d.start(), "\(d.output)")
        // 20 levels of 240-byte names: about 4,800 bytes.
        let r = py("""
            import os, sys
            os.chdir(sys.argv[1])
            for i in range(20):
                n = "d" * 240
                os.mkdir(n); os.chdir(n)
            with open("eicar.com", "w") as f: f.write(sys.argv[2])
            try:
                open("eicar.com").read(); print("allowed")
            except PermissionError:
                print("denied")
            """, [d.guarded, String(decoding: eicar, as: UTF8.self)])
        #expect(r.stdout.contains("denied"), "\(r.stdout)\(r.stderr)")
    }

    @Test("attack 5: a bind mount of a guarded folder made by an unprivileged user in its own namespaces does not take files outside the guard")
    func userNamespaceBindMount() throws {
        let d = try #require(DaemonHarness())
        mkdir(d.guarded + "/share", 0o755)
        let bad = d.write("share/eicar.com", eicar)
        chmod(d.guarded + "/share", 0o755)
        _ = bad
        let elsewhere = d.dir.sub("elsewhere")
        mkdir(elsewhere, 0o777)
        chmod(d.dir.path, 0o755)
        #expect(d.start(), "\(d.output)")
        let r = runProgram("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/unshare", "-Urm", "/bin/sh", "-c",
                                                "mount --bind \"$0\" \"$1\" && cat \"$1/eicar.com\"", d.guarded + "/share", elsewhere], timeout: 30)
        #expect(r.status != 0 && r.stderr.contains("Operation not permitted"), "\(r.stdout)\(r.stderr)")
        let deny = try #require(waitFor(d, "deny"))
        #expect(path(deny) == d.guarded + "/share/eicar.com", "logged under its real place: \(String(describing: path(deny)))")
    }

    @Test("attack 5: a root bind mount and an overlayfs over a guarded folder do not take files outside the guard")
    func bindAndOverlay() throws {
        let d = try #require(DaemonHarness())
        mkdir(d.guarded + "/share", 0o755)
        d.write("share/eicar.com", eicar)
        #expect(d.start(), "\(d.output)")
        let bind = d.dir.sub("bind")
        mkdir(bind, 0o755)
        #expect(mount(d.guarded + "/share", bind, nil, UInt(MS_BIND), nil) == 0)
        defer { umount2(bind, Int32(MNT_DETACH)) }
        #expect(tryRead(bind + "/eicar.com") == EPERM, "through a bind mount")
        // An overlay whose lower layer is the guarded folder, its upper on another tmpfs.
        guard let other = d.dir.mountTmpfs("other") else { Issue.record("no tmpfs"); return }
        for sub in ["upper", "work", "merged"] { mkdir(other + "/" + sub, 0o755) }
        let merged = other + "/merged"
        let ok = mount("overlay", merged, "overlay", 0, "lowerdir=\(d.guarded)/share,upperdir=\(other)/upper,workdir=\(other)/work") == 0
        #expect(ok, "overlay mount: \(String(cString: strerror(errno)))")
        defer { umount2(merged, Int32(MNT_DETACH)) }
        #expect(tryRead(merged + "/eicar.com") == EPERM, "through an overlayfs")
    }

    @Test("attack 5: a tmpfs mounted below a guarded folder is guarded too")
    func tmpfsBelowGuard() throws {
        let d = try #require(DaemonHarness())
        mkdir(d.guarded + "/share", 0o777)
        #expect(d.start(), "\(d.output)")
        let sub = d.guarded + "/share/private"
        mkdir(sub, 0o777)
        #expect(mount("tmpfs", sub, "tmpfs", 0, "size=8m") == 0)
        defer { umount2(sub, Int32(MNT_DETACH)) }
        // The watcher marks it at the mount event (or its next sweep, within a second).
        _ = waitFor(d, "warning", timeout: 5)
        FileManager.default.createFile(atPath: sub + "/eicar.com", contents: Data(eicar))
        #expect(eventually(timeout: 5) { tryRead(sub + "/eicar.com") == EPERM } != nil, "files on the new mount are checked")
    }

    @Test("attack 5: a tmpfs an unprivileged user mounts below a guarded folder in its own namespace is guarded too")
    func userNamespaceTmpfsBelowGuard() throws {
        let d = try #require(DaemonHarness())
        mkdir(d.guarded + "/share", 0o777)
        chmod(d.guarded + "/share", 0o777)
        #expect(d.start(), "\(d.output)")
        let r = runProgram("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/unshare", "-Urm", "/bin/sh", "-c", """
            mkdir -p "$0/mine" && mount -t tmpfs t "$0/mine" && printf '%s' "$1" > "$0/mine/eicar.com" || exit 3
            i=0; while [ $i -lt 60 ]; do cat "$0/mine/eicar.com" >/dev/null 2>&1 || { echo denied; exit 0; }; sleep 0.1; i=$((i+1)); done
            echo allowed
            """, d.guarded + "/share", String(decoding: eicar, as: UTF8.self)], timeout: 30)
        #expect(r.stdout.contains("denied"), "\(r.stdout)\(r.stderr)")
    }

    @Test("attack 5: a program run from an anonymous memory file (memfd + fexecve) is reported with what a scan finds")
    func memfdExec() throws {
        let d = try #require(DaemonHarness())
        #expect(d.start(), "\(d.output)")
        let r = py("""
            import os, sys
            elf = open("/bin/sleep", "rb").read() + sys.argv[1].encode()
            fd = os.memfd_create("payload", 0)
            os.write(fd, elf)
            pid = os.fork()
            if pid == 0:
                os.execve(fd, ["payload", "8"], {})
            print(pid)
            """, [denyMarker])
        #expect(r.status == 0, "\(r.stderr)")
        let e = try #require(waitFor(d, "anonymous-exec", pathContains: "/memfd:payload", timeout: 15))
        #expect((e["vigil"] as? [String: Any])?["rules"] as? [String] == ["Vigil_Test_Marker"], "\(e)")
        if let pid = Int32(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) { kill(pid, SIGKILL) }
    }

    // MARK: oversize (attack 6)

    @Test("attack 6: a file just over max_file_size with EICAR in its tail (sparse padding) is denied; one with EICAR in the middle is allowed and logged")
    func oversizeWindows() throws {
        let d = try #require(DaemonHarness(extra: "[limits]\nmax_file_size = \"1M\"\noversize_window = \"64K\"\n"))
        #expect(d.start(), "\(d.output)")
        let tail = d.path("tail.bin")
        let middle = d.path("middle.bin")
        for (file, offset) in [(tail, (1 << 20) + 100), (middle, 600_000)] {
            let fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            ftruncate(fd, off_t((1 << 20) + 200))
            _ = eicar.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(offset)) }
            close(fd)
        }
        #expect(tryRead(tail) == EPERM, "found in the tail window")
        #expect(tryRead(middle) == 0, "not read, allowed by on_oversize")
        let line = try #require(waitFor(d, "oversize", pathContains: "middle.bin"))
        #expect((line["message"] as? String)?.contains("max_file_size") == true, "never silent: \(line)")
    }

    // MARK: uploads (attack 8)

    static func uploadDaemon() -> DaemonHarness? {
        guard let d = DaemonHarness() else { return nil }
        if let h = FileHandle(forWritingAtPath: d.configFile) {
            h.seekToEndOfFile()
            h.write(Data("\n[[uploads]]\nfolder = \"\(d.guarded)/uploads\"\naction = \"quarantine\"\n".utf8))
            h.closeFile()
        }
        mkdir(d.guarded + "/uploads", 0o777)
        chmod(d.guarded + "/uploads", 0o777)
        mkdir(d.guarded + "/staging", 0o777)
        chmod(d.guarded + "/staging", 0o777)
        return d
    }

    @Test("attack 8: a bad file renamed or hard-linked into an upload folder is quarantined like a written one")
    func movedAndLinkedUploads() throws {
        let d = try #require(ScanPathAttackTests.uploadDaemon())
        // Written before the daemon starts, outside the upload folder.
        let a = d.write("staging/a.zip", eicar)
        let b = d.write("staging/b.zip", eicar + Array(" second".utf8))
        #expect(d.start(), "\(d.output)")
        #expect(rename(a, d.guarded + "/uploads/a.zip") == 0)
        #expect(link(b, d.guarded + "/uploads/b.zip") == 0)
        let qa = try #require(waitFor(d, "quarantine", pathContains: "uploads/a.zip"))
        #expect(((qa["vigil"] as? [String: Any])?["upload"] as? [String: Any])?["upload_origin"] as? String == "moved-in")
        #expect(waitFor(d, "quarantine", pathContains: "uploads/b.zip") != nil, "a hard link is judged too")
        #expect(access(d.guarded + "/uploads/a.zip", F_OK) != 0 && access(d.guarded + "/uploads/b.zip", F_OK) != 0)
    }

    @Test("attack 8: scripts without #! are refused by the default upload type policy")
    func scriptsWithoutShebang() throws {
        let d = try #require(ScanPathAttackTests.uploadDaemon())
        #expect(d.start(), "\(d.output)")
        let pyFile = d.write("uploads/tool.py", "import os\nos.system('id')\n")
        let shFile = d.write("uploads/run.sh", "id\nrm -rf ~/x\n")
        let txt = d.write("uploads/notes.txt", "just notes\n")
        #expect(waitFor(d, "quarantine", pathContains: "tool.py") != nil)
        #expect(waitFor(d, "quarantine", pathContains: "run.sh") != nil)
        #expect(waitFor(d, "upload-clean", pathContains: "notes.txt") != nil)
        #expect(access(pyFile, F_OK) != 0 && access(shFile, F_OK) != 0 && access(txt, F_OK) == 0)
    }

    @Test("attack 6: an oversize upload gets the folder's size and type rules, not 'upload-clean'")
    func oversizeUpload() throws {
        let d = try #require(ScanPathAttackTests.uploadDaemon())
        let toml = try String(contentsOfFile: d.configFile, encoding: .utf8) + "max_size = \"512K\"\n"
        FileManager.default.createFile(atPath: d.configFile, contents: Data(toml.replacingOccurrences(of: "[log]", with: "[limits]\nmax_file_size = \"1M\"\n\n[log]").utf8))
        #expect(d.start(), "\(d.output)")
        let big = d.path("uploads/big.pdf")
        let fd = open(big, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        _ = pdfBytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        ftruncate(fd, off_t(2 << 20))
        close(fd)
        let v = try #require(waitFor(d, "quarantine", pathContains: "big.pdf"))
        #expect((v["vigil"] as? [String: Any])?["rules"] as? [String] == ["upload-too-large"], "\(v)")
    }

    @Test("attack 8: config check warns that name-based exclusions can be used by anyone who can rename a file")
    func nameExclusionWarning() {
        let dir = TempDir()
        let f = dir.write("v.toml", "[guard]\npaths = [\"/srv\"]\nexclude_paths = [\"*.vmdk\"]\nexclude_owners = [34]\n")
        let r = vigil(["config", "check", "--config", f])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("'*.vmdk' matches by name") && r.stderr.contains("exclude_owners"), "\(r.stderr)")
    }

    // MARK: lost quarantine records (attack 7)

    @Test("attack 7: another process opening quarantine.db never costs the daemon its locks; kill -9 loses nothing committed")
    func quarantineDatabaseLocks() throws {
        let d = try #require(ScanPathAttackTests.uploadDaemon())
        #expect(d.start(), "\(d.output)")
        let db = d.guarded + "/.vigil-quarantine/quarantine.db"
        var written: [String] = []
        for i in 0..<8 {
            written.append(d.write("uploads/bad\(i).zip", eicar + Array(" \(i)".utf8)))
            // Someone else reads the database between quarantines.
            _ = py("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('select count(*) from entries').fetchone(); c.close()", [db])
            _ = waitFor(d, "quarantine", pathContains: "bad\(i).zip")
        }
        d.killHard()
        let r = py("import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(\"select count(*) from entries where state = 'stored'\").fetchone()[0])", [db])
        #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "8", "\(r.stdout)\(r.stderr)")
    }
}
