import Glibc
import Synchronization
import VigilConfig
import VigilEngine
import VigilEvents
import VigilQuarantine
import VigilSystem

/// One `[[uploads]]` folder at run time: its rule, its quarantine store, and a
/// descriptor on the folder itself (quarantine moves resolve beneath it, never through
/// a path an uploader could swap).
struct Upload: Sendable {
    let rule: UploadRule
    let index: Int
    let store: QuarantineStore
    /// The upload folder, opened once at start: quarantine resolves a file's folder
    /// beneath it without following links (nil when the folder did not exist then).
    let root: OpenDirectory?

    init(rule: UploadRule, index: Int) throws(VigilError) {
        self.rule = rule
        self.index = index
        store = try QuarantineStore(directory: rule.resolvedQuarantineDirectory)
        root = try? OpenDirectory.open(RawPath(realpathString(rule.folder) ?? rule.folder))
    }
}

/// One content of one upload: inode, size and modification time (not ctime: a chmod
/// after the write is the same upload).
struct UploadKey: Hashable, Sendable {
    let dev: UInt64, ino: UInt64, size: Int64, mtime: Int64, mtimeNanos: Int

    init(_ st: stat) {
        dev = UInt64(st.st_dev); ino = UInt64(st.st_ino); size = Int64(st.st_size)
        mtime = Int64(st.st_mtim.tv_sec); mtimeNanos = st.st_mtim.tv_nsec
    }
}

/// A file in an upload folder to judge now: closed after writing, renamed or linked in.
struct UploadJob: Sendable {
    let file: OpenFile
    let path: RawPath
    let stat: stat
    let arrival: UInt64
    let upload: Int
    /// The process that wrote, moved or linked it.
    let pid: Int32
    /// "close-write", "moved-in" or "rescan".
    let origin: String
    /// The writer's workload, whose rule set and mode judge the upload (nil: the host's,
    /// also when the writer could not be identified race-free; see WorkloadResolver.writer).
    var workload: WorkloadTag? = nil
}

/// The way into the scan pool for uploads, whichever event announces them: each
/// content of each upload is judged once (a file can arrive by two events, created then
/// closed after writing, with a chmod in between).
///
/// Owns: the set of uploads seen lately. Must not: scan (the pool's workers do).
final class UploadInbox: Sendable {
    private let ctx: PathContext
    private let pool: ScanPool
    /// Upload contents queued, being judged or judged in the last 10 s. (A writer who
    /// rewrites an upload with the same size and resets its mtime within that window is
    /// not judged on arrival again; opens of it still are.)
    private let seen = Mutex<[UploadKey: UInt64]>([:])

    init(ctx: PathContext, pool: ScanPool) {
        self.ctx = ctx
        self.pool = pool
    }

    func enqueue(file: OpenFile, path: RawPath, stat st: stat, upload: Int, pid: Int32, origin: String, workload: WorkloadTag? = nil) {
        let key = UploadKey(st)
        let now = monotonicNanos()
        let fresh = seen.withLock { seen -> Bool in
            if seen.count > 4096 { seen = seen.filter { now - $0.value < 10_000_000_000 } }
            if let at = seen[key], now - at < 10_000_000_000 { return false }
            seen[key] = now
            return true
        }
        guard fresh || origin == "rescan" else { return }
        let job = UploadJob(file: file, path: path, stat: st, arrival: monotonicNanos(), upload: upload, pid: pid, origin: origin, workload: workload)
        if !pool.submit(job) {
            _ = seen.withLock { $0.removeValue(forKey: key) }
            ctx.stats.bump(ctx.stats.queueFull)
            ctx.log.emitGated("upload-not-scanned", line: ctx.log.eventLine(action: "upload-not-scanned", outcome: "failure", path: path,
                                                                            size: Int64(st.st_size), pid: pid, exec: false, latencyMicros: 0,
                                                                            message: "scan queue full: not scanned when it arrived (\(origin)); every open of it is still checked"),
                              key: "upload-not-scanned|\(path)", path: path)
        }
    }
}
