import CLinux
import Glibc
import VigilSystem

/// Files that arrive in an upload folder without being written there — renamed or
/// hard-linked in — cause no close-write event. A second fanotify group reports
/// directory entries created or moved in (with the directory's file handle and the
/// name), and such files are judged like written ones. A file still open for writing
/// is left to its close-write event.
///
/// Owns: the directory-entry group and a cache of which directories lie in an upload
/// folder. Must not: scan (it hands jobs to the scan pool).
final class UploadWatcher: Service {
    private struct Folder: Sendable {
        let path: [UInt8]
        /// File handles are decoded through this folder's mount.
        let root: OpenDirectory
        let index: Int
    }

    private let ctx: PathContext
    private let inbox: UploadInbox
    private let group: FanotifyGroup?
    private let folders: [Folder]
    private let wake: EventFD
    private let thread = ThreadGroup()

    init(ctx: PathContext, inbox: UploadInbox) throws(VigilError) {
        self.ctx = ctx
        self.inbox = inbox
        wake = try EventFD()
        var fs: [Folder] = []
        for u in ctx.uploads {
            let real = realpathString(u.rule.folder) ?? u.rule.folder
            // Read-only, not O_PATH: open_by_handle_at refuses O_PATH mount descriptors.
            if let fd = try? sysCall({ open(real, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }) {
                fs.append(Folder(path: Array(real.utf8), root: OpenDirectory(adopting: fd, path: RawPath(real)), index: u.index))
            }
        }
        folders = fs
        // With [[workload]]s each event carries a pidfd of the process that moved or
        // linked the file in, so the upload is judged by that process's workload.
        let pidfds: Fanotify.InitFlags = ctx.workloads != nil ? .reportPidfd : []
        var g = (try? FanotifyGroup(flags: [.reportDirFIDName, .cloexec, .nonblock, pidfds], eventFlags: O_RDONLY | O_CLOEXEC))
            ?? (pidfds.isEmpty ? nil : try? FanotifyGroup(flags: [.reportDirFIDName, .cloexec, .nonblock], eventFlags: O_RDONLY | O_CLOEXEC))
        if let group = g {
            for f in fs {
                do throws(Errno) {
                    try group.mark([.add, .filesystem], [.create, .movedTo], dirfd: f.root.fd, path: nil)
                } catch {
                    ctx.log.note("error", "cannot watch \(String(decoding: f.path, as: UTF8.self)) for files moved or linked in: \(error); only written files are judged on arrival")
                    g = nil
                    break
                }
            }
        }
        group = g
    }

    func start() throws(VigilError) {
        guard let group else { return }
        thread.spawn("vigil-uploads") { [self] in loop(group) }
    }

    func stop() {
        wake.signal()
        thread.joinAll()
    }

    private func loop(_ group: FanotifyGroup) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
        defer { buffer.deallocate() }
        var fds = [readable(group.fd), readable(wake.fd)]
        /// Directory handle -> upload index (nil: not in an upload folder).
        var directories: [[UInt8]: Int?] = [:]
        while true {
            _ = try? pollDescriptors(&fds, timeoutMillis: -1)
            if fds[1].revents != 0 { return }
            guard let batch = try? group.read(into: buffer) else { continue }
            for event in batch.events {
                if event.fd >= 0 { close(event.fd) }
                let pidfd = ctx.workloads == nil ? -1 : batch.pidfd(of: event)
                defer { if pidfd >= 0 { close(pidfd) } }
                guard event.mask.intersection(.onDir).isEmpty, let entry = batch.entry(of: event), event.pid != ctx.ownPid else { continue }
                arrived(entry.directory, name: RawPath(bytes: entry.name), pid: event.pid, pidfd: pidfd, directories: &directories)
            }
        }
    }

    private func arrived(_ dirHandle: [UInt8], name: RawPath, pid: Int32, pidfd: Int32, directories: inout [[UInt8]: Int?]) {
        let cached = directories[dirHandle]
        if case .some(.none) = cached { return }
        // Decode the directory through each upload folder's mount until one knows it.
        for f in folders where cached == nil || cached! == f.index {
            guard let dirfd = try? sysCall({ dirHandle.withUnsafeBufferPointer {
                vigil_open_by_handle(f.root.fd, $0.baseAddress, $0.count, VIGIL_O_PATH | O_DIRECTORY | O_CLOEXEC)
            } }) else { continue }
            defer { close(dirfd) }
            guard let dirPath = readLink("/proc/self/fd/\(dirfd)") else { continue }
            guard AccessPolicy.under(dirPath.bytes, f.path) else { continue }
            remember(dirHandle, f.index, in: &directories)
            guard let file = try? OpenFile.open(name, relativeTo: dirfd) else { return }
            guard let st = try? file.stat(), st.isRegular else { return }
            // Still being written: its close-write event will come.
            if vigil_has_writers(file.fd) == 1 { return }
            inbox.enqueue(file: file, path: dirPath.appending(name.bytes), stat: st, upload: f.index, pid: pid, origin: "moved-in",
                          workload: ctx.workloads?.writer(pid: pid, pidfd: pidfd))
            return
        }
        remember(dirHandle, nil, in: &directories)
    }

    private func remember(_ handle: [UInt8], _ index: Int?, in directories: inout [[UInt8]: Int?]) {
        if directories.count >= 4096 { directories.removeAll(keepingCapacity: true) }
        directories[handle] = .some(index)
    }
}
