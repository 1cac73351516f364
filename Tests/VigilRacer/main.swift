// VigilRacer: the unprivileged attacker of the quarantine race tests (issue 9). Not part
// of Vigil: the tests start it to play a user who may write an upload folder and swaps
// names there as fast as it can while root quarantines or restores a file in it.
//
//   VigilRacer <uid> <seconds> <op>:<a>:<b> [<op>:<a>:<b> ...]
//
// Drops to uid (and the same gid, no supplementary groups), then runs the ops in turn
// until <seconds> have passed, ignoring every error (the names it plays with are being
// moved by root at the same time), and prints the number of rounds it completed. With
// $VIGIL_RACER_MIN_ROUNDS, SIGTERM ends it early, but never before that many rounds: a
// test bounds the race by work done, not by a time a loaded machine may not honour.
//   exchange:A:B  renameat2(A, B, RENAME_EXCHANGE): atomically swaps two names, e.g. a
//                 folder and a symbolic link to a root-only folder
//   symlink:A:T   renames A aside, puts a symbolic link to T in its place, then undoes it
//   hardlink:A:V  renames A aside, hard-links V (a file it does not own) in its place, then undoes it
//   replace:A:B   renames A aside, renames B (another file of its own) to A, then undoes it
//
// Two modes of their own, for the tamper guard's immutable-flag race (issue 12); they
// stay root (uid 0), run alone and print one line of counts:
//   immutable-race:P  a root attacker: a child process toggles P's immutable flag
//                     (FS_IOC_SETFLAGS -i, a pause of 5-200 us, +i, the same pause)
//                     while this process opens P O_WRONLY in a loop, so that an open
//                     passes may_open() with the flag clear and the flag is back before
//                     the guard reads it. Prints
//                     "attempts=N writable=W refused=R other=O toggles=T"; a writable
//                     descriptor is closed at once, nothing is written. Leaves P +i.
//   read:P            an honest reader: opens P read-only, reads it, closes it, every
//                     millisecond. Prints "reads=N ok=K failed=F longest_failing_ms=M"
//                     (M: the longest run of consecutive failed opens, first failure to
//                     next success).
import Glibc

@_silgen_name("renameat2")
func renameat2(_ olddirfd: Int32, _ oldpath: UnsafePointer<CChar>, _ newdirfd: Int32, _ newpath: UnsafePointer<CChar>, _ flags: UInt32) -> Int32

func fail(_ message: String) -> Never {
    let bytes = Array((message + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(2)
}

let args = CommandLine.arguments
guard args.count >= 4, let uid = UInt32(args[1]), let seconds = Double(args[2]) else {
    fail("usage: VigilRacer <uid> <seconds> <op>:<a>:<b> ...")
}
if let mode = args[3].split(separator: ":", maxSplits: 1).first, mode == "immutable-race" || mode == "read" {
    immutableModes(mode: String(mode), path: String(args[3].dropFirst(mode.count + 1)), seconds: seconds)
}

/// FS_IOC_GETFLAGS / FS_IOC_SETFLAGS / FS_IMMUTABLE_FL (linux/fs.h).
func setImmutable(_ fd: Int32, _ on: Bool) -> Bool {
    var flags: Int32 = 0
    guard ioctl(fd, 0x8008_6601, &flags) == 0 else { return false }
    flags = on ? flags | 0x10 : flags & ~0x10
    return ioctl(fd, 0x4008_6602, &flags) == 0
}

func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func spin(micros: Double) {
    let until = monotonicSeconds() + micros / 1e6
    while monotonicSeconds() < until {}
}

func immutableModes(mode: String, path: String, seconds: Double) -> Never {
    let end = monotonicSeconds() + seconds
    if mode == "read" {
        var reads = 0, ok = 0, failed = 0
        var failingSince: Double?
        var longest = 0.0
        var buffer = [UInt8](repeating: 0, count: 65536)
        while monotonicSeconds() < end {
            reads += 1
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd >= 0 {
                while buffer.withUnsafeMutableBytes({ read(fd, $0.baseAddress, $0.count) }) > 0 {}
                close(fd)
                ok += 1
                if let since = failingSince { longest = max(longest, monotonicSeconds() - since); failingSince = nil }
            } else {
                failed += 1
                if failingSince == nil { failingSince = monotonicSeconds() }
            }
            usleep(1000)
        }
        if let since = failingSince { longest = max(longest, monotonicSeconds() - since) }
        print("reads=\(reads) ok=\(ok) failed=\(failed) longest_failing_ms=\(Int(longest * 1000))")
        exit(0)
    }
    // The descriptor for the flag ioctls, opened once before the race: an open of its
    // own would be one more event for the guard.
    let flagFD = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard flagFD >= 0 else { fail("VigilRacer: cannot open \(path) for its flags: errno \(errno)") }
    var toggles = Int32(0)
    var pipeFDs: [Int32] = [-1, -1]
    guard pipe(&pipeFDs) == 0 else { fail("VigilRacer: pipe") }
    let child = fork()
    if child == 0 {
        let pauses: [Double] = [5, 20, 50, 100, 200]
        var n = 0
        while monotonicSeconds() < end {
            let pause = pauses[n % pauses.count]
            if setImmutable(flagFD, false) { toggles += 1 }
            spin(micros: pause)
            _ = setImmutable(flagFD, true)
            spin(micros: pause)
            n += 1
        }
        _ = setImmutable(flagFD, true)
        _ = withUnsafeBytes(of: &toggles) { write(pipeFDs[1], $0.baseAddress, 4) }
        _exit(0)
    }
    guard child > 0 else { fail("VigilRacer: fork") }
    var attempts = 0, writable = 0, refused = 0, other = 0
    while monotonicSeconds() < end {
        attempts += 1
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        if fd >= 0 { writable += 1; close(fd) } else if errno == EPERM { refused += 1 } else { other += 1 }
    }
    var status: Int32 = 0
    waitpid(child, &status, 0)
    _ = withUnsafeMutableBytes(of: &toggles) { read(pipeFDs[0], $0.baseAddress, 4) }
    _ = setImmutable(flagFD, true)
    print("attempts=\(attempts) writable=\(writable) refused=\(refused) other=\(other) toggles=\(toggles)")
    exit(0)
}

// The lowest priority: it races whenever a core is free, without starving the timing
// tests (deadlines) that run alongside in the same suite.
_ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
guard setgroups(0, nil) == 0, setgid(uid) == 0, setuid(uid) == 0, geteuid() == uid, getegid() == uid else {
    fail("VigilRacer: cannot drop to uid \(uid)")
}
let ops: [(String, String, String)] = args[3...].map { spec in
    let parts = spec.split(separator: ":", maxSplits: 2).map(String.init)
    return (parts[0], parts.count > 1 ? parts[1] : "", parts.count > 2 ? parts[2] : "")
}
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
let minRounds = getenv("VIGIL_RACER_MIN_ROUNDS").flatMap { Int(String(cString: $0)) } ?? Int.max
nonisolated(unsafe) var stopRequested: sig_atomic_t = 0
signal(SIGTERM) { _ in stopRequested = 1 }
// A mask inherited from the test runner could hold the signal back.
var terms = sigset_t()
sigemptyset(&terms)
sigaddset(&terms, SIGTERM)
sigprocmask(SIG_UNBLOCK, &terms, nil)
let end = now() + seconds
var rounds = 0
while now() < end && !(stopRequested != 0 && rounds >= minRounds) {
    for (op, a, b) in ops {
        let aside = a + ".aside"
        switch op {
        case "exchange":
            _ = renameat2(AT_FDCWD, a, AT_FDCWD, b, 2) // RENAME_EXCHANGE
        case "symlink":
            if rename(a, aside) == 0 {
                _ = symlink(b, a)
                sched_yield()
                _ = unlink(a)            // only ever the link made here: the file is at aside
                _ = rename(aside, a)
            }
        case "hardlink":
            if rename(a, aside) == 0 {
                _ = link(b, a)
                sched_yield()
                _ = unlink(a)
                _ = rename(aside, a)
            }
        case "replace":
            if rename(a, aside) == 0 {
                _ = rename(b, a)
                sched_yield()
                _ = rename(a, b)
                _ = rename(aside, a)
            }
        default:
            fail("VigilRacer: unknown op \(op)")
        }
    }
    rounds += 1
}
print(rounds)
