import CVigilBPF
import Glibc
import Testing
@testable import VigilBPF

/// The parts of VigilBPF that need no BPF: path → inode resolution, the code-mapping
/// reader, the lease arithmetic and event decoding. All on real files and real /proc.
@Suite struct VigilBPFUnitTests {
    /// A fresh folder under /tmp with `files` (relative paths) created in it.
    func makeTree(_ files: [String]) throws -> String {
        var template = Array("/tmp/vigil-bpf-plan-XXXXXX".utf8CString)
        let dir = try #require(mkdtemp(&template).map { String(cString: $0) })
        for f in files {
            let path = dir + "/" + f
            var prefix = ""
            for c in path.split(separator: "/").dropLast() {
                prefix += "/" + c
                mkdir(prefix, 0o755)
            }
            let fd = open(path, O_CREAT | O_WRONLY, 0o644)
            try #require(fd >= 0)
            close(fd)
        }
        return dir
    }

    @Test("a protected file refuses content and name changes and mounts; every ancestor refuses mounts")
    func fileAndAncestors() throws {
        let dir = try makeTree(["etc/vigil.toml"])
        var plan = ProtectionPlan()
        try plan.add(dir + "/etc/vigil.toml", as: .file)
        #expect(plan.inodes[try FileID.of(dir + "/etc/vigil.toml")] == .file)
        #expect(plan.inodes[try FileID.of(dir + "/etc")] == .mount)
        #expect(plan.inodes[try FileID.of(dir)] == .mount)
        #expect(plan.inodes[try FileID.of("/tmp")] == .mount)
        #expect(plan.inodes[try FileID.of("/")] == .mount)
    }

    @Test("a tree protects each file as a file and each folder's entries, and flags merge")
    func treeMerges() throws {
        let dir = try makeTree(["rules/a.yar", "rules/sub/b.yar"])
        var plan = ProtectionPlan()
        try plan.add(dir + "/rules", as: .tree)
        try plan.add(dir + "/rules/sub/b.yar", as: .contentOnly)
        #expect(plan.inodes[try FileID.of(dir + "/rules")] == .folder)
        #expect(plan.inodes[try FileID.of(dir + "/rules/sub")] == .folder)
        #expect(plan.inodes[try FileID.of(dir + "/rules/a.yar")] == .file)
        #expect(plan.inodes[try FileID.of(dir + "/rules/sub/b.yar")] == .file)   // .file ∪ .content
        #expect(plan.entries.count == plan.inodes.count)
    }

    @Test("a symlinked path protects the inode it resolves to, and the real ancestors")
    func symlinksResolve() throws {
        let dir = try makeTree(["real/keys.pub"])
        #expect(symlink(dir + "/real", dir + "/link") == 0)
        var plan = ProtectionPlan()
        try plan.add(dir + "/link/keys.pub", as: .file)
        #expect(plan.inodes[try FileID.of(dir + "/real/keys.pub")] == .file)
        #expect(plan.inodes[try FileID.of(dir + "/real")] == .mount)
        #expect(plan.inodes[try FileID.of(dir + "/link", followLinks: false)] == nil)
    }

    @Test("a missing path is an error naming it, not an empty protection")
    func missingPath() {
        var plan = ProtectionPlan()
        #expect(throws: BPFError.self) { try plan.add("/nonexistent/vigil.toml", as: .file) }
        #expect(plan.inodes.isEmpty)
    }

    @Test("device numbers use the kernel's encoding, as /proc/PID/maps and the BPF side do")
    func kernelDeviceEncoding() throws {
        // glibc's st_dev for 259:65537 (major 259 does not fit glibc's old 8-bit layout).
        let glibcDev: UInt64 = (259 & 0xFFF) << 8 | (65537 & 0xFF) | ((65537 & ~0xFF) << 12)
        #expect(FileID.major(glibcDev) == 259)
        #expect(FileID.minor(glibcDev) == 65537)
        #expect(FileID(major: 259, minor: 65537, inode: 1).device == 259 << 20 | 65537)
    }

    @Test("the sealed code list is exactly the executable file mappings of this process")
    func sealedCodeFromMaps() throws {
        let ids = try SealedCode.executableMappingsOfSelf()
        let exe = try FileID.of("/proc/self/exe")
        #expect(ids.contains(exe), "the test binary itself is mapped executable")
        // libc is mapped executable in every process here; find its inode through /proc.
        #expect(ids.count >= 3)
        #expect(SealedCode.parse("7f00-7f10 r-xp 00000000 fd:01 1234 /usr/lib/libc.so.6") == FileID(major: 0xfd, minor: 1, inode: 1234))
        #expect(SealedCode.parse("7f00-7f10 rw-p 00000000 fd:01 1234 /usr/lib/libc.so.6") == nil)
        #expect(SealedCode.parse("7f00-7f10 r-xp 00000000 00:00 0 [vdso]") == nil)
    }

    @Test("the lease is renewed three times per duration and its deadline is CLOCK_BOOTTIME-based")
    func leaseArithmetic() {
        let lease = Lease(duration: .seconds(9), maximum: .seconds(60))
        #expect(lease.renewalInterval == .seconds(3))
        #expect(lease.deadline(from: 1_000) == 9_000_001_000)
        let before = Lease.boottimeNow()
        #expect(lease.deadline() >= before + 9_000_000_000)
    }

    @Test("a kernel event decodes to its kind, actor, target and inode")
    func eventDecoding() {
        var e = vigil_event()
        e.kind = VIGIL_EV_SIGNAL.rawValue
        e.error = 1
        e.actor_tgid = 4242
        e.actor_pid = 4243
        e.target_tgid = 77
        e.extra = 9
        e.suppressed = 3
        withUnsafeMutableBytes(of: &e.comm) { raw in
            for (i, c) in "kill".utf8.enumerated() { raw[i] = c }
        }
        let event = RefusalEvent(e)
        #expect(event.kind == .signal)
        #expect(event.kind?.isRefusal == true)
        #expect(event.actorCommand == "kill")
        #expect(event.file == nil)
        #expect(event.description == "event kind=signal errno=1 actor=4242 tid=4243 uid=0 comm=kill target=77 extra=9 suppressed=3")
        var unknown = vigil_event()
        unknown.kind = 99
        unknown.ino = 5
        unknown.dev = 8 << 20 | 1
        #expect(RefusalEvent(unknown).kind == nil)
        #expect(RefusalEvent(unknown).description.contains("kind=unknown-99"))
        #expect(RefusalEvent(unknown).file == FileID(major: 8, minor: 1, inode: 5))
    }

    @Test("the Swift kinds match the C enum one for one")
    func kindsMatchC() {
        #expect(RefusalEvent.Kind.allCases.count == Int(VIGIL_EV_KIND_COUNT.rawValue) - 1)
        #expect(RefusalEvent.Kind.agentReleased.rawValue == VIGIL_EV_AGENT_RELEASED.rawValue)
        #expect(RefusalEvent.Kind.execMapping.rawValue == VIGIL_EV_EXEC_MAP.rawValue)
        #expect(Protection.folder.rawValue == 0xF)
    }

    @Test("the holder scan reads the object id a descriptor's fdinfo names, and nothing else")
    func fdinfoParsing() {
        let link = "pos:\t0\nflags:\t02000000\nmnt_id:\t15\nino:\t1057\nlink_type:\ttracing\nlink_id:\t7\nprog_tag:\tab\nprog_id:\t42\n"
        #expect(Enforcement.value(of: "link_id:", in: link) == 7)
        #expect(Enforcement.value(of: "prog_id:", in: link) == 42)
        #expect(Enforcement.value(of: "map_id:", in: link) == nil)
        #expect(Enforcement.value(of: "map_id:", in: "map_type:\t1\nmap_id:\t  12\n") == 12)
        #expect(Enforcement.value(of: "map_id:", in: "xmap_id:\t12\n") == nil)
    }
}
