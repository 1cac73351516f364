import Glibc
import Synchronization
import VigilSystem

// Owns: naming the pids in `vigil top`'s ring shortly after their events, so a process
// that has exited by the time someone asks (a build's compilers, a cron job) is still
// shown by its executable. Runs on its own thread every 100 ms (the daemon's
// ProcessNamerService) and at each `top` query; reads only pids from the ring.
// Must not: run on the permission path, or hold the ring's mutex while reading /proc.

/// Who a pid was, read from /proc by the caller.
public struct ProcessIdentity: Sendable, Equatable {
    public let executable: String
    public let commandLine: String
    public init(executable: String, commandLine: String) {
        self.executable = executable
        self.commandLine = commandLine
    }
}

public final class ProcessNamer: Sendable {
    /// What /proc said about a pid, and when it was last checked.
    struct Named: Sendable {
        var identity: ProcessIdentity
        /// Field 22 of /proc/PID/stat: tells a reused pid from the process named before.
        var startTicks: UInt64
        var checkedAt: UInt64
    }

    /// Whether a pid seen in new samples needs /proc read again. Pure (a table test):
    /// unknown pids do; a known one is re-checked at most once a second, and renamed
    /// only when its start time changed (the pid was reused).
    public enum Step: Equatable, Sendable { case name, checkStart, keep }
    public static func step(known: Bool, checkedAt: UInt64, now: UInt64) -> Step {
        guard known else { return .name }
        return now &- checkedAt >= 1_000_000_000 ? .checkStart : .keep
    }

    private let ring: ActivityRing
    public let capacity: Int
    private let names = Mutex<[Int32: Named]>([:])
    /// How many samples had been appended at the last catch-up; held for a whole
    /// catch-up so the thread and a query never name the same batch twice.
    private let seen = Mutex<UInt64>(0)

    public init(ring: ActivityRing, capacity: Int = 16_384) {
        self.ring = ring
        self.capacity = max(16, capacity)
    }

    /// Waits until the ring has samples after `seen` (see ActivityRing.waitForSamples).
    public func waitForSamples(after seen: UInt64, timeoutNanos: UInt64) -> Bool {
        ring.waitForSamples(after: seen, timeoutNanos: timeoutNanos)
    }

    /// Samples appended so far.
    public var samplesAppended: UInt64 { ring.totalAppended }

    /// Ends a wait now.
    public func wake() { ring.wakeReader() }

    /// /proc/PID/stat's start time (after the last ')': the command name may hold any byte).
    public static func startTicks(stat: String) -> UInt64? {
        guard let close = stat.lastIndex(of: ")") else { return nil }
        let f = stat[stat.index(after: close)...].split(separator: " ", omittingEmptySubsequences: true)
        return f.count > 19 ? UInt64(f[19]) : nil
    }

    static func readStart(_ pid: Int32) -> UInt64? { readSmallFile("/proc/\(pid)/stat").flatMap(startTicks(stat:)) }

    static func readIdentity(_ pid: Int32) -> ProcessIdentity? {
        guard let exe = readLink("/proc/\(pid)/exe") else { return nil }
        var cmdline = readCommandLine(pid)
        // A process caught mid-exec shows its new exe before the kernel has laid out the
        // new arguments (an empty cmdline for a moment). Look again, briefly: this thread
        // is off the permission path, and a process whose cmdline stays empty (a kernel
        // thread, a zombie) costs at most these few milliseconds once.
        var tries = 0
        while cmdline.isEmpty, tries < 4, readStart(pid) != nil {
            tries += 1
            usleep(500)
            cmdline = readCommandLine(pid)
        }
        return ProcessIdentity(executable: exe.description, commandLine: String(cmdline.prefix(300)))
    }

    private static func readCommandLine(_ pid: Int32) -> String {
        var cmdline = readSmallFile("/proc/\(pid)/cmdline").map { String($0.map { $0 == "\0" ? " " : $0 }) } ?? ""
        while cmdline.last == " " { cmdline.removeLast() }
        return cmdline
    }

    /// Names the pids of the samples appended since the last call; returns how many
    /// were (re)named.
    @discardableResult
    public func catchUp(now: UInt64 = monotonicNanos()) -> Int {
        seen.withLock { seen in
            let (pids, total) = ring.pids(after: seen)
            seen = total
            var done = Set<Int32>()
            var named = 0
            for pid in pids where pid > 0 && done.insert(pid).inserted {
                let known = names.withLock { $0[pid] }
                switch ProcessNamer.step(known: known != nil, checkedAt: known?.checkedAt ?? 0, now: now) {
                case .keep: continue
                case .checkStart:
                    guard let start = ProcessNamer.readStart(pid) else { continue } // gone: keep the name it had
                    if start == known?.startTicks {
                        names.withLock { $0[pid]?.checkedAt = now }
                        continue
                    }
                    fallthrough
                case .name:
                    guard let start = ProcessNamer.readStart(pid), let id = ProcessNamer.readIdentity(pid) else { continue }
                    named += 1
                    names.withLock { $0[pid] = Named(identity: id, startTicks: start, checkedAt: now) }
                }
            }
            names.withLock { n in
                // Full: forget the half checked longest ago (their samples have mostly left the ring).
                guard n.count > capacity else { return }
                let cut = n.values.map(\.checkedAt).sorted()[n.count / 2]
                n = n.filter { $0.value.checkedAt > cut }
            }
            return named
        }
    }

    /// The names known for `pids` (those never named are missing).
    public func identities(for pids: Set<Int32>) -> [Int32: ProcessIdentity] {
        names.withLock { n in
            var out: [Int32: ProcessIdentity] = [:]
            for p in pids { if let x = n[p] { out[p] = x.identity } }
            return out
        }
    }
}
