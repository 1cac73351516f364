import Foundation
import Glibc

/// A private folder under /tmp, removed with everything in it when released: mounts
/// made in it are detached, immutable flags cleared, then the folder removed.
package final class TempDir {
    package let path: String
    private var mounts: [String] = []

    package init(_ label: String = "vigil-test") {
        var template = Array("/tmp/\(label)-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }

    deinit {
        for m in mounts.reversed() { umount2(m, Int32(MNT_DETACH)) }
        runProgram("/bin/chattr", ["-R", "-ia", path])
        runProgram("/bin/rm", ["-rf", path])
    }

    package func sub(_ name: String) -> String { path + "/" + name }

    @discardableResult
    package func write(_ name: String, _ bytes: [UInt8], mode: mode_t = 0o644) -> String {
        let p = sub(name)
        let dir = (p as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, mode)
        precondition(fd >= 0, "cannot create \(p): \(String(cString: strerror(errno)))")
        bytes.withUnsafeBytes { _ = Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
        chmod(p, mode)
        return p
    }

    @discardableResult
    package func write(_ name: String, _ text: String, mode: mode_t = 0o644) -> String { write(name, Array(text.utf8), mode: mode) }

    @discardableResult
    package func mkdir(_ name: String) -> String {
        let p = sub(name)
        try? FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
        return p
    }

    /// Mounts a fresh tmpfs at `name` (root only): its own filesystem, for cross-device
    /// moves and for fanotify marks that touch nothing else.
    package func mountTmpfs(_ name: String, size: String = "64m") -> String? {
        mountFresh("tmpfs", at: name, options: "size=\(size),mode=0755")
    }

    /// Mounts a ramfs at `name` (root only): a filesystem without inode flags.
    package func mountRamfs(_ name: String) -> String? {
        mountFresh("ramfs", at: name, options: "mode=0755")
    }

    private func mountFresh(_ type: String, at name: String, options: String) -> String? {
        let p = mkdir(name)
        guard mount(type, p, type, 0, options) == 0 else { return nil }
        mounts.append(p)
        return p
    }
}
