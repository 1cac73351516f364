import CLinux
import Glibc
import VigilSystem

/// What the event thread learns about a permission event before any byte is read, for
/// Triage: each fact costs a system call or a lookup, so they are gathered cheapest
/// first and the gathering stops at the first fact that settles the event.
///
/// Owns: reading the facts (fstat, the file's place, exclusions, the opener, cached
/// verdicts). Must not: answer, or read file contents.
struct EventFacts {
    var triage = Triage.Facts()
    var stat = Glibc.stat()
    /// Where the file is: its canonical path and the upload folder holding it.
    var location = GuardMap.Location(path: nil, guarded: false)
    /// A verdict remembered for this very version of the file.
    var remembered: VerdictCache.Remembered?
    /// The opener's workload (nil when no [[workload]] is configured, or not needed).
    var workload: WorkloadTag?

    /// The path for policy and logs; a placeholder when none could be read (call
    /// `readPath` first where the path may have been left unread).
    var path: RawPath { location.path ?? RawPath("(unknown path: device \(stat.st_dev), inode \(stat.st_ino))") }

    /// Reads the path the location did not need (GuardMap's `pathUnread`), from the
    /// event's fd: for logs, `vigil top` and the pool, after the answer where possible.
    mutating func readPath(fd: Int32) {
        guard location.pathUnread else { return }
        location.pathUnread = false
        location.path = fdPath(fd)
    }
}

/// Gathers `EventFacts` on the event thread.
struct FactGatherer: Sendable {
    let ctx: PathContext
    let guards: GuardMap
    let policy: AccessPolicy

    /// Where the file of an event is: one statx (the fstat and the mount id the location
    /// needs), then its place among the guards; nil when it is not a regular file (or the
    /// statx failed). The first facts of every event, and the stop window's count.
    func place(fd: Int32, stat st: inout stat, needPath: Bool) -> GuardMap.Location? {
        var mnt: UInt64 = 0
        let got = vigil_fstat_mount(fd, &st, &mnt)
        guard got >= 0, st.isRegular else { return nil }
        return guards.locate(fd: fd, stat: st, mountID: got == 1 ? mnt : nil, needPath: needPath)
    }

    /// guard.exclude_paths, or an owner exclusion, which holds only while nobody else can
    /// write the file.
    func isExcluded(path: RawPath?, stat st: stat) -> Bool {
        if let path, policy.isExcluded(path) { return true }
        return policy.excludesOwner(st.st_uid) && st.st_mode & 0o022 == 0
    }

    func facts(_ event: borrowing PermissionEvent, pidfd: Int32 = -1) -> EventFacts {
        let config = ctx.config
        var f = EventFacts()
        f.triage.mode = config.mode
        f.triage.onOversize = config.onOversize
        f.triage.oversizeUnread = config.oversizeWindow == 0
        f.triage.ownProcess = ctx.isUs(event.pid)
        f.triage.stopping = ctx.isStopping
        if f.triage.ownProcess || f.triage.stopping { return f }
        guard let location = place(fd: event.fd, stat: &f.stat, needPath: policy.needsPath) else {
            f.triage.regular = false
            return f
        }
        f.location = location
        f.triage.guarded = location.guarded
        if !f.triage.guarded { return f }
        f.triage.excluded = isExcluded(path: location.path, stat: f.stat)
        if f.triage.excluded { return f }
        if policy.needsSubject { f.triage.trusted = policy.isTrusted(Subject.of(pid: event.pid)) }
        if f.triage.trusted { return f }
        if let workloads = ctx.workloads {
            // After the cheap exits, before any cached verdict: the mode decides what a
            // remembered verdict means for this opener.
            let tag = workloads.resolve(pid: event.pid, pidfd: pidfd)
            f.workload = tag
            if let i = tag.index {
                let w = workloads.table.rules[i]
                f.triage.workloadOff = w.mode == .off
                f.triage.execOnlyOpen = w.execOnly && !event.mask.contains(.openExecPerm)
                f.triage.mode = w.mode == .audit ? .audit : .enforce
                if f.triage.workloadOff || f.triage.execOnlyOpen { return f }
            }
        }
        f.remembered = ctx.cache.remembered(f.stat, set: ctx.ruleSet(for: f.workload))
        switch f.remembered {
        // An audit opener (host or workload) scans again and logs its audit line, as
        // audit mode always has.
        case .bad?: f.triage.knownBad = f.triage.mode == .enforce
        case .clean?: f.triage.knownClean = ctx.cache.mayAnswerFromVersions(exec: event.mask.contains(.openExecPerm), fd: event.fd)
        case .partial?:
            // Judged by its windows before and unchanged since: the same answer.
            f.triage.oversize = true
            f.triage.oversizeUnread = true
        case nil: break
        }
        f.triage.oversize = Int64(f.stat.st_size) > config.maxFileSize
        return f
    }
}
