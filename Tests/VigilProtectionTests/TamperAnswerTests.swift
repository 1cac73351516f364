import Glibc
import Synchronization
import Testing
import VigilSystem
import VigilTestSupport
@testable import VigilProtection

/// The tamper guard's answer to an open of a protected file, when the opener is neither
/// Vigil nor the watchdog: a table over what the guard knows (the opener's intent, what
/// the file's inode flags make the VFS refuse, the tier, whether the opener is a
/// configured maintainer). The case that matters under Yama scope 3: the intent cannot
/// be read, and an immutable file is still readable while a writable one is refused.
@Suite("tamper guard: the answer to an open of a protected file")
struct TamperAnswerTests {
    static let refuseWrite = TamperAnswer.refuse("an open for writing")
    static let refuseUnknown = TamperAnswer.refuse("an open whose intent could not be read (the file is not immutable)")
    static let refuseWriter = TamperAnswer.refuse("an open whose intent could not be read of a file that is open for writing (its +i was cleared and set again around the open)")
    static let refuseChanged = TamperAnswer.refuse("an open whose intent could not be read (the file's attributes changed since the guard last confirmed its immutable flag)")
    static let allow = TamperAnswer.allow(maintainerWrite: false)
    static let immutable: InodeFlags.RefusedAtOpen = [.writes]
    static let appendOnly: InodeFlags.RefusedAtOpen = [.nonAppendingWrites]

    /// What the guard read about an open of unknown intent: the flags, whether anyone
    /// holds the file open for writing, whether its ctime is the one the guard confirmed.
    static func read(_ flags: InodeFlags.RefusedAtOpen?, writers: Bool? = false, confirmed: Bool = true) -> TamperAnswer.UnknownIntent {
        .init(refusedAtOpen: flags, openForWriting: writers, attributesConfirmed: confirmed)
    }

    @Test("intent x what the kernel says about the file x tier x maintainer", arguments: [
        // A read is allowed and a write refused whatever the flags (a write open that
        // reached the guard passed may_open, so the flags were not set then; one set
        // since does not make the open a read). The kernel is not asked.
        (OpenIntent.read, nil, false, false, allow),
        (.write, nil, false, false, refuseWrite),
        (.write, nil, true, false, refuseWrite),
        // Intent unknown (Yama scope 3), tier B: allowed only when the VFS refused every
        // write open of the file already, nobody holds it open for writing, and nothing
        // changed its attributes since the guard confirmed +i.
        (.unknown, read(immutable), false, false, allow),
        (.unknown, read(immutable.union(appendOnly)), false, false, allow),
        (.unknown, read(appendOnly), false, false, refuseUnknown),   // an O_APPEND write open passes may_open
        (.unknown, read([]), false, false, refuseUnknown),          // +i cleared (by an attacker, just now)
        (.unknown, read(nil), false, false, refuseUnknown),         // no inode flags here, or not trusted (FUSE)
        (.unknown, nil, false, false, refuseUnknown),               // nothing read
        // Issue 12: -i, open(O_WRONLY) passes may_open, +i, and the guard sees +i. The
        // opener's write access (taken before the event) is the tell, whatever the ctime.
        (.unknown, read(immutable, writers: true), false, false, refuseWriter),
        (.unknown, read(immutable, writers: true, confirmed: false), false, false, refuseWriter),
        // The same toggle around an O_RDONLY|O_TRUNC open (no write access until the
        // truncation, after the answer): the ctime moved.
        (.unknown, read(immutable, confirmed: false), false, false, refuseChanged),
        // No leases (fs.leases-enable = 0): the ctime alone decides.
        (.unknown, read(immutable, writers: nil), false, false, allow),
        (.unknown, read(immutable, writers: nil, confirmed: false), false, false, refuseChanged),
        // Not immutable is refused first, whatever else is known.
        (.unknown, read([], writers: true, confirmed: false), false, false, refuseUnknown),
        // Tier A: its file_open hook refused write opens before this event.
        (.unknown, nil, true, false, allow),
        (.unknown, read([], writers: true, confirmed: false), true, false, allow),
        // A configured maintainer is allowed; anything but a read may be an update to re-seal.
        (.read, nil, false, true, allow),
        (.write, nil, false, true, .allow(maintainerWrite: true)),
        (.unknown, nil, false, true, .allow(maintainerWrite: true)),
        (.unknown, nil, true, true, .allow(maintainerWrite: true)),
    ] as [(OpenIntent, TamperAnswer.UnknownIntent?, Bool, Bool, TamperAnswer)])
    func answer(intent: OpenIntent, unknown: TamperAnswer.UnknownIntent?, tierA: Bool, maintainer: Bool, expected: TamperAnswer) {
        #expect(TamperAnswer.of(intent: intent, unknown: unknown, tierA: tierA, maintainer: maintainer) == expected)
    }
}

/// The premise of the answer above, on the real kernel: a FAN_OPEN_PERM mark on one file
/// of the test's own tmpfs (a private mount namespace), the file's flags set with
/// FS_IOC_SETFLAGS, and a thread opening it with each set of flags. A write open of an
/// immutable file fails with EPERM without the group ever seeing it (the opener returns
/// before anything is answered); a read open reaches the group, whose event descriptor
/// says "immutable" (InodeFlags.refusedAtOpen), and the guard's answer allows it. And
/// the writer probe's premise (TamperGuard.openForWriting, a read lease): a write open
/// that reaches the group already holds its write access, a read open does not.
@Suite("tamper guard on the real kernel: the VFS refuses write opens of an immutable file before fanotify", .serialized)
struct TamperAnswerKernelTests {
    enum Flag { case immutable, appendOnly, noFlag }

    /// What happened to one open: whether the group saw it, what the event's descriptor
    /// said about the flags, and the opener's result (0 or its errno).
    struct Outcome: Equatable, CustomStringConvertible {
        var seen: Bool
        var refusedAtOpen: InodeFlags.RefusedAtOpen?
        var openForWriting: Bool?
        var errno: Int32
        var description: String {
            "seen \(seen), refusedAtOpen \(String(describing: refusedAtOpen?.rawValue)), openForWriting \(String(describing: openForWriting)), errno \(errno)"
        }
    }

    @Test("each open of a flagged file: seen by the guard or refused by the VFS first", arguments: [
        (Flag.immutable, O_RDONLY, Outcome(seen: true, refusedAtOpen: [.writes], openForWriting: false, errno: 0)),
        (.immutable, O_WRONLY, Outcome(seen: false, refusedAtOpen: nil, openForWriting: nil, errno: EPERM)),
        (.immutable, O_RDWR, Outcome(seen: false, refusedAtOpen: nil, openForWriting: nil, errno: EPERM)),
        (.immutable, O_RDONLY | O_TRUNC, Outcome(seen: false, refusedAtOpen: nil, openForWriting: nil, errno: EPERM)),
        (.immutable, O_WRONLY | O_APPEND, Outcome(seen: false, refusedAtOpen: nil, openForWriting: nil, errno: EPERM)),
        // Append-only: the O_APPEND write open is seen, and the guard refuses it.
        (.appendOnly, O_WRONLY | O_APPEND, Outcome(seen: true, refusedAtOpen: [.nonAppendingWrites], openForWriting: true, errno: EPERM)),
        (.appendOnly, O_WRONLY, Outcome(seen: false, refusedAtOpen: nil, openForWriting: nil, errno: EPERM)),
        (.appendOnly, O_RDONLY | O_TRUNC, Outcome(seen: false, refusedAtOpen: nil, openForWriting: nil, errno: EPERM)),
        // No flag: even a read open whose intent is unknown is refused.
        (.noFlag, O_RDONLY, Outcome(seen: true, refusedAtOpen: [], openForWriting: false, errno: EPERM)),
        (.noFlag, O_RDWR, Outcome(seen: true, refusedAtOpen: [], openForWriting: true, errno: EPERM)),
    ] as [(Flag, Int32, Outcome)])
    func open(flag: Flag, openFlags: Int32, expected: Outcome) throws {
        let dir = TempDir("vigil-tamper-answer")
        let fs = try #require(dir.mountTmpfs("fs"), "cannot mount a tmpfs (root and a private mount namespace needed)")
        let path = fs + "/vigil.toml"
        #expect(dir.write("fs/vigil.toml", "mode = \"enforce\"\n") == path)
        switch flag {
        case .immutable: try InodeFlags.setImmutable(path, true)
        case .appendOnly: try InodeFlags.setAppendOnly(path, true)
        case .noFlag: break
        }
        defer {
            // Clear the flags so TempDir can remove the file.
            try? InodeFlags.setImmutable(path, false)
            try? InodeFlags.setAppendOnly(path, false)
        }
        #expect(try answerOne(path: path, openFlags: openFlags) == expected)
    }

    @Test("on a filesystem without inode flags (ramfs) the flags are not read, and the open is refused")
    func ramfs() throws {
        let dir = TempDir("vigil-tamper-answer")
        let fs = try #require(dir.mountRamfs("fs"))
        let path = dir.write("fs/vigil.toml", "x\n")
        #expect(path == fs + "/vigil.toml")
        #expect(try answerOne(path: path, openFlags: O_RDONLY) == Outcome(seen: true, refusedAtOpen: nil, openForWriting: false, errno: EPERM))
    }

    /// The opener thread's result: 0, or the errno of its open.
    final class OpenResult: Sendable { let code = Mutex<Int32?>(nil) }

    /// Marks `path`, opens it with `openFlags` on another thread and answers what the
    /// group sees as the tamper guard does when the intent is unknown under tier B.
    /// Every wait is bounded (5 s); the group is closed before returning, which allows
    /// anything still waiting.
    private func answerOne(path: String, openFlags: Int32) throws -> Outcome {
        // The lease probe's break signal (SIGIO) would end this process; the daemon ignores it too.
        signal(SIGIO, SIG_IGN)
        let group = try FanotifyGroup(flags: [.classContent, .cloexec, .nonblock])
        try group.mark([.add, .dontFollow], [.openPerm], path: path)
        let result = OpenResult()
        let done = try EventFD()
        let opener = ThreadGroup()
        opener.spawn("test-opener") {
            let fd = Glibc.open(path, openFlags | O_CLOEXEC)
            let code = fd >= 0 ? 0 : errno
            if fd >= 0 { close(fd) }
            result.code.withLock { $0 = code }
            done.signal()
        }
        defer { opener.joinAll() }
        var outcome = Outcome(seen: false, refusedAtOpen: nil, openForWriting: nil, errno: -1)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 8192, alignment: 16)
        defer { buffer.deallocate() }
        let deadline = monotonicNanos() + 5_000_000_000
        answering: while monotonicNanos() < deadline {
            var fds = [readable(group.fd), readable(done.fd)]
            _ = try? pollDescriptors(&fds, timeoutMillis: 100)
            if fds[0].revents != 0 {
                for raw in try group.read(into: buffer).events where raw.fd >= 0 {
                    let event = PermissionEvent(raw, group: group, fallback: .allow)
                    outcome.seen = true
                    outcome.refusedAtOpen = InodeFlags.refusedAtOpen(fd: event.fd)
                    outcome.openForWriting = TamperGuard.openForWriting(fd: event.fd)
                    // The ctime check needs the guard's record; here nothing changed since.
                    let unknown = TamperAnswer.UnknownIntent(refusedAtOpen: outcome.refusedAtOpen, openForWriting: outcome.openForWriting,
                                                             attributesConfirmed: true)
                    let answer = TamperAnswer.of(intent: .unknown, unknown: unknown, tierA: false, maintainer: false)
                    event.respond(answer == .allow(maintainerWrite: false) ? .allow : .deny)
                }
            }
            if let code = result.code.withLock({ $0 }) {
                outcome.errno = code
                break answering
            }
        }
        try? group.mark([.flush], [], path: nil)
        return outcome
    }
}
