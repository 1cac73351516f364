import CLinux
import Glibc
import Testing
@testable import VigilOnAccess
import VigilSystem
import VigilTestSupport

/// Issue 14 (the cold path): the event thread reads a file's path from /proc before the
/// answer only where the location depends on it. On a real tmpfs (root: mounts).
@Suite("guard map: the path is read before the answer only when it decides something")
struct GuardPathTests {
    /// `locate` for the file at `path`, through a read-only fd as an event's would be.
    private func locate(_ map: GuardMap, _ path: String, needPath: Bool) throws -> GuardMap.Location {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        try #require(fd >= 0)
        defer { close(fd) }
        var st = stat()
        var mnt: UInt64 = 0
        let got = vigil_fstat_mount(fd, &st, &mnt)
        try #require(got == 1, "statx STATX_MNT_ID")
        var plain = stat()
        #expect(fstat(fd, &plain) == 0)
        // The one statx fills what fstat would (the verdict cache compares these).
        #expect(st.st_dev == plain.st_dev && st.st_ino == plain.st_ino && st.st_size == plain.st_size && st.st_mode == plain.st_mode)
        #expect(st.st_mtim.tv_sec == plain.st_mtim.tv_sec && st.st_mtim.tv_nsec == plain.st_mtim.tv_nsec)
        #expect(st.st_ctim.tv_sec == plain.st_ctim.tv_sec && st.st_ctim.tv_nsec == plain.st_ctim.tv_nsec && st.st_uid == plain.st_uid)
        return map.locate(fd: fd, stat: st, mountID: mnt, needPath: needPath)
    }

    @Test("a guard at its mount's root: guarded with the path unread; read when policy needs it; the fd's path is the file's")
    func mountRoot() throws {
        guard getuid() == 0 else { return }
        let dir = TempDir()
        let root = try #require(dir.mountTmpfs("fs"))
        let file = dir.write("fs/a/b.txt", "clean")
        let map = GuardMap(folders: [(root, nil)])
        let lazy = try locate(map, file, needPath: false)
        #expect(lazy.guarded && lazy.pathUnread && lazy.path == nil && lazy.upload == nil)
        let eager = try locate(map, file, needPath: true)
        #expect(eager.guarded && !eager.pathUnread && eager.path == RawPath(file))
        let fd = open(file, O_RDONLY | O_CLOEXEC)
        defer { close(fd) }
        #expect(fdPath(fd) == RawPath(file))
    }

    @Test("a guard below the mount's root, or an upload folder on the mount: the path decides, so it is read first")
    func pathDecides() throws {
        guard getuid() == 0 else { return }
        let dir = TempDir()
        _ = try #require(dir.mountTmpfs("fs"))
        let inside = dir.write("fs/guarded/in.txt", "clean")
        let outside = dir.write("fs/other/out.txt", "clean")
        let sub = GuardMap(folders: [(dir.sub("fs/guarded"), nil)])
        let a = try locate(sub, inside, needPath: false)
        #expect(a.guarded && !a.pathUnread && a.path == RawPath(inside))
        let b = try locate(sub, outside, needPath: false)
        #expect(!b.guarded && !b.pathUnread && b.path == RawPath(outside))

        let upload = dir.write("fs/incoming/up.bin", "x")
        let withUpload = GuardMap(folders: [(dir.sub("fs"), nil), (dir.sub("fs/incoming"), 0)])
        let u = try locate(withUpload, upload, needPath: false)
        #expect(u.guarded && !u.pathUnread && u.upload == 0)
        let plain = try locate(withUpload, inside, needPath: false)
        #expect(plain.guarded && !plain.pathUnread && plain.upload == nil)
    }

    @Test("through a bind mount of the guarded filesystem (another mount): the path is read and the file placed by identity")
    func otherMount() throws {
        guard getuid() == 0 else { return }
        let dir = TempDir()
        let root = try #require(dir.mountTmpfs("fs"))
        _ = dir.write("fs/x/f.txt", "clean")
        let bind = dir.mkdir("bind")
        try #require(mount(root + "/x", bind, nil, UInt(Glibc.MS_BIND), nil) == 0)
        defer { umount2(bind, Int32(MNT_DETACH)) }
        let map = GuardMap(folders: [(root, nil)])
        let loc = try locate(map, bind + "/f.txt", needPath: false)
        #expect(loc.guarded && !loc.pathUnread && loc.viaOtherMount && loc.path == RawPath(root + "/x/f.txt"))
    }
}
