import Glibc
import VigilSystem

/// The tamper guard's groups as the self-audit sees them: each protected file's inode
/// must carry the permission mark and the change-notification mark armed on it.
///
/// Owns: the guard's expectations and its repair. Must not: judge (MarkAudit does).
extension TamperGuard {
    static let notifyEvents: Fanotify.Events = [.modify, .attrib, .closeWrite, .deleteSelf, .moveSelf]

    public func auditTargets() -> [SelfAudit.Target] {
        var out: [SelfAudit.Target] = []
        if let permission {
            out.append(SelfAudit.Target(name: "tamper-permission", group: permission,
                                        expectation: { [weak self] in self?.expectation(group: "tamper-permission", mask: [.openPerm]) },
                                        repair: { [weak self] _ in self?.rearm() }))
        }
        if let notify {
            out.append(SelfAudit.Target(name: "tamper-notify", group: notify,
                                        expectation: { [weak self] in self?.expectation(group: "tamper-notify", mask: TamperGuard.notifyEvents) },
                                        repair: { [weak self] _ in self?.rearm() }))
        }
        return out
    }

    /// nil during maintenance: files are re-armed then, and marks come and go.
    private func expectation(group: String, mask: Fanotify.Events) -> MarkExpectation? {
        guard !maintenance.isActive, !stopping.load(ordering: .acquiring) else { return nil }
        var e = MarkExpectation(group: group)
        armed.withLock { a in
            for (i, f) in a.files.enumerated() where a.unmarked[f.path] == nil {
                if group == "tamper-notify" && a.handles[i] == nil { continue }
                var st = stat()
                guard lstat(f.path, &st) == 0 else { continue }   // gone: the repair sweep restores it
                e.inodes[.init(device: Fanotify.kernelDevice(UInt64(st.st_dev)), inode: UInt64(st.st_ino))] = (f.path, mask)
            }
        }
        return e
    }

    /// Flags and marks every protected file again.
    private func rearm() {
        guard !maintenance.isActive else { return }
        arm(protectedFiles, immutable: true)
    }
}
