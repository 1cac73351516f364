import Glibc
import Synchronization
import Testing
import VigilConfig
@testable import VigilProtection
import VigilSystem
import VigilTestSupport

@Suite("restart backoff")
struct RestartBackoffTests {
    @Test("restarts at once, then doubles up to the cap")
    func doubles() {
        var b = RestartBackoff(initialMilliseconds: 100, maxMilliseconds: 1000, stableAfterSeconds: 60)
        let delays = (0..<6).map { _ in b.delay(afterRunning: 1_000_000) / 1_000_000 }
        #expect(delays == [100, 200, 400, 800, 1000, 1000])
    }

    @Test("a run that lasted long enough resets the delay")
    func resets() {
        var b = RestartBackoff(initialMilliseconds: 100, maxMilliseconds: 30_000, stableAfterSeconds: 60)
        _ = b.delay(afterRunning: 0)
        _ = b.delay(afterRunning: 0)
        #expect(b.delay(afterRunning: 61_000_000_000) == 100_000_000)
    }
}

@Suite("protected set")
struct ProtectedSetTests {
    @Test("folders stand for their files; the state folder is left out")
    func candidates() throws {
        let dir = TempDir()
        mkdir(dir.path + "/sigs", 0o755)
        mkdir(dir.path + "/sigs/sub", 0o755)
        for f in ["sigs/a.yar", "sigs/sub/b.hsb", "vigil.toml"] { _ = dir.write(f, "x") }
        var c = ProtectionConfig()
        c.enabled = true
        c.paths = [dir.path + "/missing"]
        let files = ProtectedSet.candidates(config: c, executable: dir.path + "/vigil.toml", configFile: dir.path + "/vigil.toml",
                                            signaturePaths: [dir.path + "/sigs"], stateDirectory: dir.path + "/sigs/sub")
        #expect(files == [dir.path + "/vigil.toml", dir.path + "/sigs/a.yar"])
    }

    @Test("seals a copy, writes the manifest and refuses a damaged sealed copy")
    func seals() throws {
        let dir = TempDir()
        let f = dir.write("config", "hello\n")
        let store = try ProtectedSet(stateDirectory: dir.path + "/state")
        let sealed = try store.seal(f)
        #expect(sealed.sha256 == "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03")
        try store.saveManifest([sealed])
        let manifest = try #require(store.loadManifest())
        #expect(manifest.map(\.path) == [f])
        #expect(manifest.map(\.sha256) == [sealed.sha256])
        #expect(manifest.first?.mode == sealed.mode)
        #expect(try store.sealedBytes(sha: sealed.sha256) == Array("hello\n".utf8))
        let copy = store.directory + "/sealed/" + sealed.sha256
        _ = try? InodeFlags.setImmutable(copy, false)
        chmod(copy, 0o600)
        let fd = open(copy, O_WRONLY | O_TRUNC)
        if fd >= 0 { _ = write(fd, "evil", 4); close(fd) }
        #expect(throws: VigilError.self) { try store.sealedBytes(sha: sealed.sha256) }
    }
}

@Suite("layer report")
struct LayerReportTests {
    @Test("a missing layer is a warning naming the file")
    func warnings() {
        var l = ProtectionLayers()
        l.enabled = true
        l.permissionMarks = true
        l.fileHandles = true
        l.landlockABI = 7
        l.landlock = "applied (ABI 7)"
        l.capabilities = "dropped to 7"
        l.immutableMissing = ["/mnt/ramfs/x": "no inode flags"]
        #expect(l.warnings == ["immutable flag missing on /mnt/ramfs/x: no inode flags; permission marks and restore still guard it"])
        #expect(l.json().text.contains(#""missing":["/mnt/ramfs/x"]"#))
    }

    @Test("BPF LSM is reported from the lsm list, and unknown without securityfs")
    func bpf() throws {
        let dir = TempDir()
        #expect(ProtectionLayers.detectBPFLSM(path: dir.write("lsm", "lockdown,capability,landlock,bpf")) == "available (not used by vigil)")
        #expect(ProtectionLayers.detectBPFLSM(path: dir.write("lsm2", "capability,landlock")).hasPrefix("not active"))
        #expect(ProtectionLayers.detectBPFLSM(path: dir.path + "/none").hasPrefix("unknown"))
    }
}

@Suite("kernel layers (real kernel)", .serialized, .enabled(if: geteuid() == 0))
struct KernelLayerTests {
    @Test("tmpfs takes the immutable flag; ramfs refuses it with an error we classify as unsupported")
    func immutableFlag() throws {
        let dir = TempDir()
        let t = dir.path + "/t", r = dir.path + "/r"
        mkdir(t, 0o755)
        mkdir(r, 0o755)
        #expect(mount("tmpfs", t, "tmpfs", 0, "size=1m") == 0)
        #expect(mount("ramfs", r, "ramfs", 0, "mode=0755") == 0)
        defer {
            _ = try? InodeFlags.setImmutable(t + "/f", false)
            umount2(t, Int32(MNT_DETACH))
            umount2(r, Int32(MNT_DETACH))
        }
        _ = dir.write("t/f", "x")
        _ = dir.write("r/f", "x")
        try InodeFlags.setImmutable(t + "/f", true)
        #expect(try InodeFlags.isImmutable(t + "/f"))
        #expect(unlink(t + "/f") != 0 && errno == EPERM)
        try InodeFlags.setImmutable(t + "/f", false)
        #expect(try InodeFlags.isImmutable(t + "/f") == false)
        do {
            try InodeFlags.setImmutable(r + "/f", true)
            Issue.record("ramfs took the flag")
        } catch {
            #expect(InodeFlags.isUnsupported(error), "\(error)")
        }
    }

    @Test("the Landlock ABI is detected")
    func landlockABI() {
        #expect((Landlock.abiVersion ?? 0) >= 1)
        #expect(Landlock.Access.writes(abi: 1).contains(.refer) == false)
        #expect(Landlock.Access.writes(abi: 3).contains(.truncate))
        #expect(!Landlock.Access.writes(abi: 7).contains(.readFile), "reads are never restricted")
    }

    @Test("a supervisor restarts a killed process through its pidfd, with a new pid")
    func supervisor() throws {
        let events = Mutex<[String]>([])
        let s = try Supervisor(name: "sleeper", adopt: nil, backoff: RestartBackoff(initialMilliseconds: 10),
                               spawn: { () throws(VigilError) -> Int32 in try spawnProcess("/bin/sleep", ["sleep", "30"]) },
                               onEvent: { action, _, _ in events.withLock { $0.append(action) } })
        try s.start()
        defer {
            s.stop()
            if let p = s.currentPid { kill(p, SIGKILL); var st: Int32 = 0; waitpid(p, &st, 0) }
        }
        let first = try #require(s.currentPid)
        kill(first, SIGKILL)
        var second: Int32?
        for _ in 0..<300 {
            if let p = s.currentPid, p != first { second = p; break }
            usleep(10_000)
        }
        #expect(second != nil && second != first)
        #expect(s.restartCount == 1)
        #expect(events.withLock { $0 } == ["sleeper-died", "sleeper-restarted"])
    }
}
