import CLinux
import Testing
import VigilSystem

/// The one parser every fanotify group is read through, on crafted bytes.
@Suite("fanotify records")
struct FanotifyParseTests {
    static let header = MemoryLayout<fanotify_event_metadata>.size

    func record(mask: UInt64, fd: Int32, pid: Int32, vers: Int = Int(FANOTIFY_METADATA_VERSION), length: Int = header, padTo: Int? = nil) -> [UInt8] {
        var m = fanotify_event_metadata()
        m.event_len = UInt32(length)
        m.vers = UInt8(vers)
        m.metadata_len = UInt16(FanotifyParseTests.header)
        m.mask = mask
        m.fd = fd
        m.pid = pid
        var bytes = withUnsafeBytes(of: &m) { Array($0) }
        bytes += [UInt8](repeating: 0, count: max(0, (padTo ?? length) - bytes.count))
        return bytes
    }

    func parse(_ bytes: [UInt8]) -> (events: [Fanotify.RawEvent], foreignVersion: Bool) {
        bytes.withUnsafeBytes { Fanotify.parse($0) }
    }

    @Test("every complete record of a batch, in order, with where it starts")
    func batch() {
        let bytes = record(mask: 0x10000, fd: 5, pid: 10) + record(mask: 0x40000, fd: 6, pid: 11, length: 40, padTo: 40)
            + record(mask: 0x4000, fd: -1, pid: 0)
        let (events, foreign) = parse(bytes)
        #expect(!foreign)
        #expect(events == [Fanotify.RawEvent(mask: .openPerm, fd: 5, pid: 10, offset: 0),
                           Fanotify.RawEvent(mask: .openExecPerm, fd: 6, pid: 11, offset: 24),
                           Fanotify.RawEvent(mask: .queueOverflow, fd: -1, pid: 0, offset: 64)])
    }

    @Test("a truncated or impossible record ends the batch; what came before stands")
    func truncated() {
        let one = record(mask: 0x10000, fd: 5, pid: 10)
        #expect(parse(one + Array(record(mask: 0x10000, fd: 6, pid: 10).prefix(20))).events.map(\.fd) == [5], "short header")
        #expect(parse(one + record(mask: 0x10000, fd: 6, pid: 10, length: 100, padTo: 24)).events.map(\.fd) == [5], "event_len past the bytes")
        #expect(parse(one + record(mask: 0x10000, fd: 6, pid: 10, length: 8)).events.map(\.fd) == [5], "event_len below a header")
        #expect(parse([]).events.isEmpty)
    }

    @Test("a record of another metadata version stops the batch and says so")
    func foreignVersion() {
        let (events, foreign) = parse(record(mask: 0x10000, fd: 5, pid: 10) + record(mask: 0x10000, fd: 6, pid: 10, vers: 2))
        #expect(foreign)
        #expect(events.map(\.fd) == [5])
    }

    @Test("permission masks are told from notifications")
    func masks() {
        #expect(Fanotify.Events.openPerm.isPermission && Fanotify.Events.openExecPerm.isPermission)
        #expect(!Fanotify.Events([.closeWrite, .queueOverflow]).isPermission)
    }
}
