import CLinux
import Glibc
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
}

/// Upload folders: every file that lands in one is scanned, hashed and typed at once,
/// whichever way it arrived, and bad ones are quarantined, left denied, or audited, as
/// the folder's rule says. Until then (and if quarantine fails) the permission path
/// guards every open of it.
extension OnAccessService {
    func enqueueUpload(file: OpenFile, path: RawPath, stat st: stat, upload: Int, pid: Int32, origin: String) {
        let key = UploadKey(st)
        let now = monotonicNanos()
        let fresh = uploadsSeen.withLock { seen -> Bool in
            if seen.count > 4096 { seen = seen.filter { now - $0.value < 10_000_000_000 } }
            if let at = seen[key], now - at < 10_000_000_000 { return false }
            seen[key] = now
            return true
        }
        guard fresh || origin == "rescan" else { return }
        let job = UploadJob(file: file, path: path, stat: st, arrival: monotonicNanos(), upload: upload, pid: pid, origin: origin)
        if !queue.tryPush(.upload(job), lane: UInt32.max) {
            _ = uploadsSeen.withLock { $0.removeValue(forKey: key) }
            stats.bump(stats.queueFull)
            emitGated("upload-not-scanned", line: eventLine(action: "upload-not-scanned", outcome: "failure", path: path,
                                                            size: Int64(st.st_size), pid: pid, exec: false, latencyMicros: 0,
                                                            message: "scan queue full: not scanned when it arrived (\(origin)); every open of it is still checked"),
                      key: "upload-not-scanned|\(path)", path: path)
        }
    }

    /// Scans and types an upload; quarantines, leaves for the permission path to deny,
    /// or audits, as its folder's rule says. The size and type rules apply to every
    /// upload, oversize ones included. Every upload gets one event line.
    func judgeUpload(_ job: UploadJob, scanner: FileScanner, generation: Int, deadline: UInt64?) {
        let upload = uploads[job.upload]
        var report = runScan(scanner, fd: job.file.fd, path: job.path, stat: job.stat, wantType: true, deadline: deadline)
        report.findings += upload.rule.evaluate(path: job.path, size: Int64(job.stat.st_size), mime: report.mimeType ?? "")
        stats.bump(stats.uploads)
        let j = OnAccessService.judgement(of: report)
        var action = "upload-clean"
        var message: String?
        var storedID: String?
        if j.verdict >= .quarantine {
            if config.mode == .audit || upload.rule.action == .audit {
                action = "audit"
                stats.bump(stats.audited)
            } else {
                // Opens of this version are denied from now on, whatever happens next.
                cache.remember(job.stat, .bad(report.findings.map(\.name)), generation: generation)
                if upload.rule.action == .quarantine {
                    do {
                        guard let root = upload.root else { throw VigilError("the upload folder \(upload.rule.folder) was not there when the daemon started") }
                        let rec = try upload.store.quarantine(job.file, at: job.path, beneath: root, stat: job.stat, report: report, source: "upload")
                        action = "quarantine"
                        storedID = rec.id
                        message = "moved to \(rec.storedPath)"
                        stats.bump(stats.quarantined)
                    } catch {
                        // A swap during the move is how an attack looks: an alert, not an error.
                        action = (error as? VigilError)?.isAlert == true ? "quarantine-race" : "quarantine-failed"
                        message = "\(error); opens of it are denied"
                        stats.bump(stats.errors)
                    }
                } else {
                    action = "deny"
                    message = "left in place; every open of it is denied"
                }
            }
        } else if j.verdict == .audit {
            action = "audit"
            stats.bump(stats.audited)
        } else if j.failed || j.timedOut {
            action = "upload-error"
            message = report.failureText
            stats.bump(stats.errors)
        } else if !j.complete {
            action = "upload-partial"
            message = "not fully judged: \(report.failureText ?? "")"
        } else {
            cache.rememberClean(fd: job.file.fd, stat: job.stat, generation: generation)
        }
        var line = eventLine(action: action, outcome: action.hasSuffix("failed") || action == "upload-error" ? "failure" : "success",
                             path: job.path, size: report.size, pid: job.pid, exec: false,
                             latencyMicros: Int((monotonicNanos() - job.arrival) / 1000), report: report, message: message)
        var extra = JSONLine()
        extra.add("upload_folder", upload.rule.folder)
        extra.add("upload_origin", job.origin)
        extra.add("quarantine_id", storedID)
        extra.add("verdict_unix_ns", Int(wallClockNanos()))
        line.add("vigil_upload", object: extra)
        log.emit(EventLog.Record(key: "upload|\(action)|\(job.path)|\(job.arrival)", line: line))
    }
}

/// Files that arrive in an upload folder without being written there — renamed or
/// hard-linked in — cause no close-write event. A second fanotify group reports
/// directory entries created or moved in (with the directory's file handle and the
/// name), and such files are judged like written ones. A file still open for writing
/// is left to its close-write event.
///
/// Owns: the directory-entry group and a cache of which directories lie in an upload
/// folder. Must not: scan (it hands jobs to the scan pool).
final class UploadWatcher: @unchecked Sendable {
    private weak var service: OnAccessService?
    private let group: FanotifyGroup?
    /// Directory handle -> upload index (nil: not in an upload folder). Watcher thread only.
    private var directories: [[UInt8]: Int?] = [:]
    private let stopFD = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
    private var thread: WorkerThread?
    private let folders: [(path: [UInt8], mountFD: Int32, index: Int)]

    init(service: OnAccessService) {
        self.service = service
        var fs: [(path: [UInt8], mountFD: Int32, index: Int)] = []
        for u in service.uploads {
            let real = realpathString(u.rule.folder) ?? u.rule.folder
            let fd = open(real, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if fd >= 0 { fs.append((Array(real.utf8), fd, u.index)) }
        }
        folders = fs
        var g = try? FanotifyGroup(flags: [.reportDirFIDName, .cloexec, .nonblock], eventFlags: O_RDONLY | O_CLOEXEC)
        if let group = g {
            for f in fs {
                do throws(Errno) {
                    try group.mark([.add, .filesystem], [.create, .movedTo], dirfd: f.mountFD, path: nil)
                } catch {
                    service.log.emit(service.note("error", "cannot watch \(String(decoding: f.path, as: UTF8.self)) for files moved or linked in: \(error); only written files are judged on arrival"))
                    g = nil
                    break
                }
            }
        }
        group = g
    }

    deinit {
        close(stopFD)
        for f in folders { close(f.mountFD) }
    }

    func start() {
        guard group != nil else { return }
        thread = WorkerThread(name: "vigil-uploads") { [self] in loop() }
    }

    func stop() {
        var one: UInt64 = 1
        _ = write(stopFD, &one, 8)
        thread?.join()
        thread = nil
    }

    private func loop() {
        guard let group else { return }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
        defer { buffer.deallocate() }
        var fds = [pollfd(fd: group.fd, events: Int16(POLLIN), revents: 0), pollfd(fd: stopFD, events: Int16(POLLIN), revents: 0)]
        var handle = [UInt8](repeating: 0, count: 256)
        var name = [CChar](repeating: 0, count: 4096)
        while true {
            fds[0].revents = 0
            fds[1].revents = 0
            _ = poll(&fds, 2, -1)
            if fds[1].revents != 0 { return }
            guard let n = try? group.readRaw(into: buffer), n > 0 else { continue }
            var offset = 0
            while true {
                var mask: UInt64 = 0, efd: Int32 = 0, pid: Int32 = 0, versionOK: Int32 = 0
                let len = vigil_fanotify_event_at(buffer.baseAddress, n, offset, &mask, &efd, &pid, &versionOK)
                if len == 0 { break }
                defer { offset += len }
                if efd >= 0 { close(efd) }
                guard versionOK != 0, Fanotify.Events(rawValue: mask).intersection(.onDir).isEmpty else { continue }
                let hl = vigil_fanotify_event_dfid_name(buffer.baseAddress, n, offset, &handle, handle.count, &name, name.count)
                guard hl > 0, let service, pid != service.ownPid else { continue }
                arrived(Array(handle[0..<hl]), name: name, pid: pid, service: service)
            }
        }
    }

    private func arrived(_ dirHandle: [UInt8], name: [CChar], pid: Int32, service: OnAccessService) {
        let cached = directories[dirHandle]
        if case .some(.none) = cached { return }
        // Decode the directory through each upload folder's mount until one knows it.
        for f in folders where cached == nil || cached! == f.index {
            let dirfd = dirHandle.withUnsafeBufferPointer { vigil_open_by_handle(f.mountFD, $0.baseAddress, $0.count, VIGIL_O_PATH | O_DIRECTORY | O_CLOEXEC) }
            guard dirfd >= 0 else { continue }
            defer { close(dirfd) }
            guard let dirPath = readLink("/proc/self/fd/\(dirfd)") else { continue }
            guard AccessPolicy.under(dirPath.bytes, f.path) else { continue }
            remember(dirHandle, f.index)
            let fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
            guard fd >= 0 else { return }
            let file = OpenFile(adopting: fd)
            guard let st = try? file.stat(), st.isRegular else { return }
            // Still being written: its close-write event will come.
            if vigil_has_writers(fd) == 1 { return }
            let path = dirPath.appending(name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) })
            service.enqueueUpload(file: file, path: path, stat: st, upload: f.index, pid: pid, origin: "moved-in")
            return
        }
        remember(dirHandle, nil)
    }

    private func remember(_ handle: [UInt8], _ index: Int?) {
        if directories.count >= 4096 { directories.removeAll(keepingCapacity: true) }
        directories[handle] = .some(index)
    }
}
