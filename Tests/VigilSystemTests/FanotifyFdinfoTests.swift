import Testing
import VigilSystem

/// fdinfo as Linux 6.18 prints it for a permission group (copied from a real group with
/// a filesystem mark, an inode mark, an own-folder ignore mark) and a mount-event group.
@Suite("fanotify fdinfo")
struct FanotifyFdinfoTests {
    static let sample = """
        pos:\t0
        flags:\t02000002
        mnt_id:\t17
        ino:\t1038
        fanotify flags:5 event-flags:8000
        fanotify ino:3 sdev:28 mflags:440 mask:0 ignored_mask:48010008 fhandle-bytes:c fhandle-type:1 f_handle:783210e50300000000000000
        fanotify ino:2 sdev:28 mflags:0 mask:10000 ignored_mask:0 fhandle-bytes:c fhandle-type:1 f_handle:f50f78fe0200000000000000
        fanotify sdev:800001 mflags:0 mask:50008 ignored_mask:0
        fanotify mnt_id:2a mflags:0 mask:10000 ignored_mask:0
        fanotify mnt_ns:4026532177 mflags:0 mask:3000000 ignored_mask:0
        fanotify ino:zz sdev:28 mflags:0 mask:10000 ignored_mask:0
        """

    @Test("every mark line, in the kernel's hex; the group line and unreadable lines are skipped")
    func parses() {
        let marks = Fanotify.marks(fdinfo: Substring(FanotifyFdinfoTests.sample))
        #expect(marks.map(\.object) == [
            .inode(device: 0x28, inode: 3), .inode(device: 0x28, inode: 2), .filesystem(device: 0x800001),
            .mount(id: 0x2a), .mountNamespace(inode: 4026532177),
            // "ino:zz" is not hex: without an inode the line reads as a filesystem mark
            // of that device, which is what an expectation of an inode mark will miss.
            .filesystem(device: 0x28),
        ])
        #expect(marks[0].flags == [.ignore, .ignoredSurviveModify])
        #expect(marks[0].ignoredMask == [.openPerm, .closeWrite, .eventOnChild, .onDir])
        #expect(marks[2].mask == [.openPerm, .openExecPerm, .closeWrite])
        #expect(marks[1].ignoredMask.isEmpty)
    }

    @Test("stat's st_dev becomes the kernel's encoding: major << 20 | minor", arguments: [
        (UInt64(0x28), UInt32(0x28)),             // 0:40, a tmpfs
        (UInt64(0x801), UInt32(0x800001)),        // 8:1
        (UInt64(0x10300), UInt32(0x10300000)),    // 259:0, NVMe
        (UInt64(0x10002c), UInt32(0x12c)),        // 0:300 (minor above 255)
        (UInt64(0xfd00), UInt32(0xfd00000)),      // 253:0, device mapper
    ])
    func kernelDevice(_ pair: (UInt64, UInt32)) {
        #expect(Fanotify.kernelDevice(pair.0) == pair.1)
    }
}
