import VigilOnAccess
import VigilProtection
import VigilSystem

/// The on-access group as one target of the self-audit: the service says what it placed
/// (OnAccessService+Audit.swift), this turns it into the audit's terms, and a finding
/// asks the service to put its marks back.
///
/// Owns: that translation. Must not: judge marks (MarkAudit does) or place them.
enum GuardAudit {
    static func target(_ service: OnAccessService) -> SelfAudit.Target {
        // A stopping service removed its marks on purpose: nothing to audit, no `blinded`.
        SelfAudit.Target(name: "on-access", group: service.guardGroup, expectation: { [weak service] in
            service.flatMap { $0.isRetired ? nil : expectation($0.guardMarkFacts()) }
        }, repair: { [weak service] findings in
            let inodes = findings.contains { f in
                if case .inode = f.object { return true }
                return f.object == nil
            }
            service?.repairGuardMarks(inodes: inodes)
        })
    }

    static func expectation(_ f: OnAccessService.GuardMarkFacts) -> MarkExpectation {
        func key(_ i: OnAccessService.GuardMarkFacts.Inode) -> MarkExpectation.InodeKey {
            .init(device: Fanotify.kernelDevice(i.device), inode: i.inode)
        }
        var e = MarkExpectation(group: "on-access")
        for (path, dev) in f.filesystems { e.filesystems[Fanotify.kernelDevice(dev)] = path }
        e.mountCount = f.mounts.count
        e.events = f.events
        for (path, inode) in f.probes { e.inodes[key(inode)] = (path, [.openPerm]) }
        for i in f.ownFolders { e.ownIgnores[key(i)] = f.ownIgnoreMask }
        e.cacheIgnores = Set(f.cacheInodes.map(key))
        e.folderIgnores = Set(f.folderIgnores.map(key))
        e.folderIgnoreMask = f.folderIgnoreMask
        return e
    }
}
