import Foundation
import Glibc
import Testing
import VigilSystem
import VigilTestSupport

/// A sub-folder guard on a marked filesystem (issue 14, item 1): a folder outside the
/// guarded folder that only root can move is ignored by the kernel after its first open,
/// and no way of bringing one of its files into the guarded folder lets it be opened there
/// unscanned. Each attack first opens the file outside, where it is allowed, and waits
/// until its folder is ignored: the attack runs against the ignore mark, not before it.
///
/// What the kernel cannot refuse is said where it happens: root moving a folder (or
/// bind-mounting one) into the guarded folder is seen after the fact by a watch, which
/// drops every folder mark and logs the move. Those tests wait for that warning.
@Suite("unguarded folders ignored, and files brought from them into a guarded folder (real kernel)", .serialized, .enabled(if: geteuid() == 0))
struct UnguardedFolderTests {
    static let python = "/usr/bin/python3"

    /// A daemon guarding `<tmpfs>/guarded` only; `outside` is `<tmpfs>/outside` (root's, 0755).
    func daemon() -> (DaemonHarness, outside: String)? {
        guard let d = DaemonHarness(subFolder: "guarded") else { return nil }
        let outside = (d.guarded as NSString).deletingLastPathComponent + "/outside"
        mkdir(outside, 0o755)
        return (d, outside)
    }

    func writeEICAR(_ path: String) { write(path, Data(eicar)) }

    func writePlain(_ path: String) { write(path, Data("plain".utf8)) }

    /// `path` with `contents`, its folders made first.
    func write(_ path: String, _ contents: Data) {
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: path, contents: contents)
    }

    /// Opens `path` outside the guarded folder (allowed: not guarded) a few times.
    func openOutside(_ path: String) {
        for _ in 0..<3 { #expect(tryRead(path) == 0, "outside the guarded folder: allowed") }
    }

    /// Waits until at least `n` folders are ignored (bounded).
    func ignored(_ d: DaemonHarness, atLeast n: Int = 1) -> Bool {
        d.waitForStatus(timeout: 10) { (($0["stats"] as? [String: Any])?["unguarded_folders_ignored"] as? Int ?? 0) >= n } != nil
    }

    /// Waits until the folder marks were dropped at least once (bounded).
    func dropped(_ d: DaemonHarness) -> Bool {
        d.waitForStatus(timeout: 10) { (($0["stats"] as? [String: Any])?["unguarded_folders_dropped"] as? Int ?? 0) >= 1 } != nil
    }

    func refused(_ d: DaemonHarness, _ why: String) -> Int {
        ((d.status()?["stats"] as? [String: Any])?["unguarded_folders_refused"] as? [String: Any])?[why] as? Int ?? 0
    }

    /// A warning note whose message contains `text` (bounded wait).
    func warning(_ d: DaemonHarness, containing text: String) -> LogEvent? {
        let end = Date().addingTimeInterval(10)
        while Date() < end {
            if let e = LogEvent.all(in: d.logFile).first(where: { $0.action == "warning" && ($0.message ?? "").contains(text) }) { return e }
            usleep(50_000)
        }
        return nil
    }

    /// Runs Python `code` as `uid` (argv[1...] = `args`); its stdout.
    func asUser(_ uid: UInt32, _ code: String, _ args: [String]) -> String {
        let r = runProgram("/usr/bin/setpriv", ["--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", UnguardedFolderTests.python, "-c", code] + args,
                           timeout: 60)
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) + r.stderr
    }

    @Test("an unguarded file is answered at once on first sight; then its folder is ignored and its opens never reach the daemon")
    func unguardedFolderIsIgnored() throws {
        let (d, outside) = try #require(daemon())
        let f = outside + "/eicar.com"
        writeEICAR(f)
        // Written before the start: a writer's close is an event too (it is not ignored).
        for i in 0..<20 { FileManager.default.createFile(atPath: outside + "/other-\(i)", contents: Data("plain \(i)".utf8)) }
        #expect(d.start(), "\(d.output)")
        #expect(tryRead(f) == 0)
        #expect(ignored(d), "the folder is ignored after its first open: \(String(describing: d.status()?["stats"]))")
        let events = d.stat("events")
        openOutside(f)
        for i in 0..<20 { #expect(tryRead(outside + "/other-\(i)") == 0) }
        #expect(d.stat("events") == events, "23 opens in an ignored folder: none reached the daemon")
        #expect(d.stat("scanned") == 0)
        // The self-audit (every 250 ms) knows these marks as Vigil's: no blinding reported.
        usleep(800_000)
        #expect(!LogEvent.all(in: d.logFile).contains { ($0.action ?? "").contains("ignore-mark") }, "\(d.events().suffix(3))")
        #expect(d.stat("unguarded_folders_dropped") == 0)
    }

    @Test("ignore_unguarded_folders = false: every open on the guarded filesystem reaches the daemon")
    func off() throws {
        let (d, outside) = try #require(daemon())
        let toml = try String(contentsOfFile: d.configFile, encoding: .utf8)
        try toml.replacingOccurrences(of: "[guard]\n", with: "[guard]\nignore_unguarded_folders = false\n")
            .write(toFile: d.configFile, atomically: true, encoding: .utf8)
        let f = outside + "/plain.txt"
        FileManager.default.createFile(atPath: f, contents: Data("plain".utf8))
        #expect(d.start(), "\(d.output)")
        let before = d.stat("answered_at_once")
        openOutside(f)
        #expect(d.stat("answered_at_once") - before >= 3)
        #expect(d.stat("unguarded_folders_ignored") == 0)
    }

    @Test("mv of a file from an ignored folder into the guarded folder: the open there is denied")
    func renameIntoGuarded() throws {
        let (d, outside) = try #require(daemon())
        let f = outside + "/eicar.com"
        writeEICAR(f)
        #expect(d.start(), "\(d.output)")
        openOutside(f)
        #expect(ignored(d))
        let moved = d.path("moved.com")
        #expect(rename(f, moved) == 0)
        #expect(tryRead(moved) == EPERM, "its new folder has no ignore mark: asked, scanned, denied")
    }

    @Test("ln of a file in an ignored folder into the guarded folder: the open through the new name is denied, the old name stays ignored")
    func hardLinkIntoGuarded() throws {
        let (d, outside) = try #require(daemon())
        let f = outside + "/eicar.com"
        writeEICAR(f)
        #expect(d.start(), "\(d.output)")
        openOutside(f)
        #expect(ignored(d))
        let linked = d.path("linked.com")
        #expect(link(f, linked) == 0)
        #expect(tryRead(linked) == EPERM)
        #expect(tryRead(f) == 0, "outside, through its own name, it is still unguarded")
    }

    @Test("an unprivileged uploader cannot move an ignored folder: the kernel refuses the rename")
    func uploaderCannotMoveIgnoredFolder() throws {
        let (d, outside) = try #require(daemon())
        let f = outside + "/dir/eicar.com"
        writeEICAR(f)
        chmod(d.guarded, 0o1777)
        #expect(d.start(), "\(d.output)")
        openOutside(f)
        #expect(ignored(d))
        let out = asUser(65534, "import os,sys\ntry:\n os.rename(sys.argv[1], sys.argv[2]); print('moved')\nexcept OSError as e: print(e.errno)",
                         [outside + "/dir", d.path("dir")])
        #expect(out == "\(EACCES)", "\(out)")
    }

    @Test("a folder the uploader can move is never ignored: moved into the guarded folder and opened at once, its malware is denied")
    func uploaderFolderIsNeverIgnored() throws {
        let (d, outside) = try #require(daemon())
        let pub = outside + "/pub"
        mkdir(pub, 0o755)
        chmod(pub, 0o1777)
        chmod(d.guarded, 0o1777)
        #expect(d.start(), "\(d.output)")
        // The uploader's own folder, in a sticky world-writable one: hers to move.
        let made = asUser(65534, "import os,sys\nos.makedirs(sys.argv[1] + '/dir/deeper')\nopen(sys.argv[1] + '/dir/deeper/eicar.com', 'wb').write(bytes.fromhex(sys.argv[2]))\nprint('ok')",
                          [pub, eicar.map { String(format: "%02x", $0) }.joined()])
        #expect(made == "ok", "\(made)")
        openOutside(pub + "/dir/deeper/eicar.com")
        #expect(d.waitForStatus(timeout: 10) { _ in refused(d, "movable-by-others") >= 1 } != nil, "refused: someone but root can move it")
        #expect(d.stat("unguarded_folders_ignored") == 0)
        // Rename and open back to back, in one process: no time for any watch to act.
        let out = asUser(65534, """
            import os,sys
            os.rename(sys.argv[1], sys.argv[2])
            try:
                open(sys.argv[2] + '/deeper/eicar.com', 'rb').read(1); print('opened')
            except OSError as e: print(e.errno)
            """, [pub + "/dir", d.path("dir")])
        #expect(out == "\(EPERM)", "\(out)")
    }

    @Test("root moves an ignored folder into the guarded folder: the move is logged, every folder mark dropped, and the open there is denied")
    func rootMovesIgnoredFolder() throws {
        let (d, outside) = try #require(daemon())
        let f = outside + "/dir/deeper/eicar.com"
        writeEICAR(f)
        #expect(d.start(), "\(d.output)")
        openOutside(f)
        #expect(ignored(d))
        #expect(rename(outside + "/dir", d.path("dir")) == 0)
        // The kernel has no permission event for a rename: the watch sees the move after
        // the fact. What must hold: it is never silent, and the marks go.
        let w = warning(d, containing: "was moved")
        #expect(w != nil, "\(d.events().suffix(3))")
        #expect((w?.message ?? "").contains(d.path("dir")), "the warning says where the folder went: \(w?.message ?? "")")
        #expect(d.stat("unguarded_folders_dropped") >= 1)
        #expect(tryRead(d.path("dir/deeper/eicar.com")) == EPERM)
    }

    @Test("a service's own folder (not root's) that its owner touches or opens to others keeps its mark: only who can move it counts")
    func serviceFolderKeepsMark() throws {
        let (d, outside) = try #require(daemon())
        let svc = outside + "/svc"
        let f = svc + "/data.txt"
        try FileManager.default.createDirectory(atPath: svc, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: f, contents: Data("rows".utf8))
        #expect(chown(svc, 65534, 65534) == 0)
        #expect(d.start(), "\(d.output)")
        openOutside(f)
        #expect(ignored(d))
        // The owner's own changes: a new mtime and a mode open to everyone. The folder
        // above is root's and closed, so nobody else can move `svc` either way.
        #expect(utimes(svc, nil) == 0)
        #expect(chmod(svc, 0o777) == 0)
        // A change above it, made after, is the sign the watch group read both events.
        #expect(chmod(outside, 0o750) == 0)
        #expect(chmod(outside, 0o755) == 0)
        usleep(500_000)
        #expect(d.stat("unguarded_folders_dropped") == 0, "\(d.events().suffix(3))")
        let events = d.stat("events")
        openOutside(f)
        #expect(d.stat("events") == events, "still ignored")
    }

    /// Attack: a root-owned folder in a sticky world-writable folder (as in /var/tmp) is
    /// ignored because only root may rename it there; root then gives it to a user, who
    /// may now move it into a guarded folder. What must hold: the chown drops the marks.
    @Test("a root folder in a sticky world-writable folder, given to a user: its mark is dropped")
    func stickyChildGivenAway() throws {
        let (d, outside) = try #require(daemon())
        let tmp = outside + "/tmp"
        let mine = tmp + "/mine"
        try FileManager.default.createDirectory(atPath: mine, withIntermediateDirectories: true)
        #expect(chmod(tmp, 0o1777) == 0)
        let f = mine + "/plain.txt"
        FileManager.default.createFile(atPath: f, contents: Data("plain".utf8))
        #expect(d.start(), "\(d.output)")
        openOutside(f)
        #expect(ignored(d))
        #expect(chown(mine, 65534, 65534) == 0)
        #expect(dropped(d))
        let events = d.stat("events")
        openOutside(f)
        #expect(d.stat("events") > events, "asked again")
    }

    /// The watch group's marks as the kernel reports them: every fanotify descriptor of
    /// the daemon, keeping the marks that ask for exactly the watch's events.
    func watchMarks(_ d: DaemonHarness) -> [Fanotify.MarkInfo] {
        let watchMask: Fanotify.Events = [.moveSelf, .attrib, .onDir]
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(d.pid)/fdinfo")) ?? []
        return fds.flatMap { fd -> [Fanotify.MarkInfo] in
            guard let text = try? String(contentsOfFile: "/proc/\(d.pid)/fdinfo/\(fd)", encoding: .utf8) else { return [] }
            return Fanotify.marks(fdinfo: Substring(text)).filter { $0.mask == watchMask }
        }
    }

    func inode(_ path: String) -> UInt64 {
        var st = stat()
        return stat(path, &st) == 0 ? UInt64(st.st_ino) : 0
    }

    /// Attack: root moves a folder above an ignored one into the guarded folder after the
    /// kernel evicted that folder's inode (under memory pressure, a folder whose dentry
    /// is gone can leave the inode cache while a folder below it stays). Read back, it
    /// would carry no watch and the move would go unseen, with the folder below still
    /// ignored. What must hold: the folders above an ignored one are pinned by their
    /// watches (not evictable), the ignored folder's own watch goes with it (evictable,
    /// like its ignore mark), and a drop releases them all.
    @Test("the folders above an ignored folder are held in memory by their watches, so eviction cannot hide a move; a drop releases them")
    func watchesPinFoldersAbove() throws {
        let (d, outside) = try #require(daemon())
        let f = outside + "/dir/deeper/plain.txt"
        writePlain(f)
        #expect(d.start(), "\(d.output)")
        openOutside(f)
        #expect(ignored(d))
        let marks = watchMarks(d)
        func mark(_ path: String) -> Fanotify.MarkInfo? {
            marks.first { if case .inode(_, let ino) = $0.object { ino == inode(path) } else { false } }
        }
        let leaf = try #require(mark(outside + "/dir/deeper"), "the ignored folder is watched: \(marks)")
        #expect(leaf.flags.contains(.evictable), "the ignored folder's watch goes with its inode, as its ignore mark does")
        for above in [outside + "/dir", outside, (outside as NSString).deletingLastPathComponent] {
            let m = try #require(mark(above), "\(above) is watched: \(marks)")
            #expect(!m.flags.contains(.evictable), "\(above): pinned, not evictable")
        }
        // A drop (here: a folder above opened to others) releases every watch.
        #expect(chmod(outside + "/dir", 0o777) == 0)
        #expect(dropped(d))
        #expect(watchMarks(d).isEmpty, "no watch left after the drop: \(watchMarks(d))")
    }

    @Test("root makes a folder above an ignored one writable by others: every folder mark is dropped")
    func chmodAboveDropsMarks() throws {
        let (d, outside) = try #require(daemon())
        let f = outside + "/dir/plain.txt"
        writePlain(f)
        #expect(d.start(), "\(d.output)")
        openOutside(f)
        #expect(ignored(d))
        #expect(chmod(outside, 0o777) == 0)
        #expect(dropped(d))
        // And it is not marked again while someone else can move it.
        let events = d.stat("events")
        openOutside(f)
        #expect(d.stat("events") > events, "asked again")
        #expect(d.waitForStatus(timeout: 10) { _ in refused(d, "movable-by-others") >= 1 } != nil)
    }

    @Test("mount --bind of an ignored folder into the guarded one: the mount is logged, the marks dropped, the open through it denied")
    func bindMountIntoGuarded() throws {
        let (d, outside) = try #require(daemon())
        let f = outside + "/eicar.com"
        writeEICAR(f)
        let target = d.path("bound")
        mkdir(target, 0o755)
        #expect(d.start(), "\(d.output)")
        openOutside(f)
        #expect(ignored(d))
        let m = runProgram("/bin/mount", ["--bind", outside, target], timeout: 30)
        #expect(m.status == 0, "\(m.stderr)")
        defer { _ = runProgram("/bin/umount", ["-l", target], timeout: 30) }
        #expect(warning(d, containing: "a mount shows a folder") != nil, "\(d.events().suffix(3))")
        #expect(tryRead(target + "/eicar.com") == EPERM, "\(d.events().suffix(3))")
        #expect(tryRead(f) == 0, "outside, through its own path, it is still unguarded")
        #expect(d.stat("unguarded_folders_ignored") == 0, "none of that filesystem is ignored while the mount exists")
    }

    @Test("a bind mount into the guarded folder that exists before the first open: the folder is never ignored")
    func bindMountFirst() throws {
        let (d, outside) = try #require(daemon())
        let f = outside + "/eicar.com"
        writeEICAR(f)
        let target = d.path("bound")
        mkdir(target, 0o755)
        let m = runProgram("/bin/mount", ["--bind", outside, target], timeout: 30)
        #expect(m.status == 0, "\(m.stderr)")
        defer { _ = runProgram("/bin/umount", ["-l", target], timeout: 30) }
        #expect(d.start(), "\(d.output)")
        openOutside(f)
        #expect(d.waitForStatus(timeout: 10) { _ in refused(d, "shown-in-guard-by-mount") >= 1 } != nil)
        #expect(d.stat("unguarded_folders_ignored") == 0)
        #expect(tryRead(target + "/eicar.com") == EPERM)
    }

    @Test("the default layout, self-protection on: the self-audit knows the folder marks (no `blinded`, still ignored after its sweeps)")
    func selfAuditKnowsFolderMarks() throws {
        let d = try #require(DaemonHarness.oneFilesystem())
        let app = d.fs + "/opt/app"
        try FileManager.default.createDirectory(atPath: app, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: app + "/settings.conf", contents: Data("plain\n".utf8))
        #expect(d.start(), "\(d.output)")
        let sweeps = { (d.protection?["audit_sweeps"] as? Int) ?? 0 }
        #expect(d.waitForStatus(timeout: 20) { _ in sweeps() > 0 } != nil)
        #expect(runProgram("/bin/cat", [app + "/settings.conf"], timeout: 10).status == 0)
        #expect(ignored(d), "\(String(describing: d.status()?["stats"]))")
        let after = sweeps()
        #expect(d.waitForStatus(timeout: 20) { _ in sweeps() >= after + 3 } != nil, "three sweeps with the marks in place")
        #expect(d.status()?["protection_state"] as? String != "compromised", "\(String(describing: d.status()?["protection_state"]))")
        #expect(!LogEvent.all(in: d.logFile).contains { $0.action == "blinded" }, "\(LogEvent.all(in: d.logFile).suffix(3))")
        #expect(d.stat("unguarded_folders_ignored") >= 1, "no repair flushed them")
    }

    @Test("the liveness probe's folder is never ignored: after a reader opens the pid file beside it, the probe's opens still reach the daemon")
    func probeFolderKeepsAsking() throws {
        let d = try #require(DaemonHarness.oneFilesystem())
        #expect(d.start(), "\(d.output)")
        let folder = (d.socket as NSString).deletingLastPathComponent
        let probe = folder + "/liveness"
        #expect(FileManager.default.fileExists(atPath: probe), "the probe is beside the control socket")
        // What `vigil` commands and admins do: read the pid file, in the probe's folder.
        #expect(runProgram("/bin/cat", [folder + "/vigil.pid"], timeout: 10).status == 0)
        #expect(d.waitForStatus(timeout: 10) { _ in refused(d, "holds-probe") >= 1 } != nil, "\(String(describing: d.status()?["stats"]))")
        for _ in 0..<3 {
            let before = d.stat("events")
            #expect(tryRead(probe) == 0)
            #expect(d.stat("events") > before, "the probe's open reached the event thread (a folder mark would silence it)")
        }
    }
}
