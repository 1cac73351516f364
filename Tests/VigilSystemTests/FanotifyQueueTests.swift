import Glibc
import Testing
import VigilSystem
import VigilTestSupport

/// `FanotifyGroup.queuedBytes`, the length of the kernel's queue that the priority
/// governor looks at (`realtime = "burst"`), on a real group. Inode marks on the test's
/// own files only; no mount or filesystem is marked.
@Suite("fanotify queue length (real kernel)", .enabled(if: geteuid() == 0))
struct FanotifyQueueTests {
    @Test("FIONREAD counts the events queued and not yet read, each at least the fixed metadata length; a read empties it")
    func queued() throws {
        let dir = TempDir()
        let group = try FanotifyGroup(flags: [.cloexec, .nonblock])
        #expect(try group.queuedBytes() == 0, "a new group")
        // Three files: events on one object from one process would be merged into one.
        let files = (0..<3).map { dir.write("f\($0)", "x") }
        for f in files { try group.mark(.add, .closeWrite, path: f) }
        for f in files {
            let fd = open(f, O_WRONLY)
            #expect(fd >= 0)
            close(fd)
        }
        let queued = try group.queuedBytes()
        #expect(queued == 3 * Fanotify.metadataLength, "three close-write events of 24 bytes (no info records in this group)")
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 8)
        defer { buffer.deallocate() }
        let batch = try group.read(into: buffer)
        let events = Array(batch.events)
        #expect(events.count == 3 && events.allSatisfy { $0.mask.contains(.closeWrite) }, "the read returns the three events FIONREAD counted")
        for e in events where e.fd >= 0 { close(e.fd) }
        #expect(try group.queuedBytes() == 0, "read: nothing queued")
    }
}
