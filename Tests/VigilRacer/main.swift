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
