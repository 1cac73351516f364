import Foundation
import Glibc
import VigilEngine
import VigilSystem

/// The EICAR test string, assembled at run time so this source file is not itself a detection.
package let eicar: [UInt8] = Array(("X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*").utf8)
package let denyMarker = "VIGIL-TEST-" + "MARKER-DENY"
package let auditMarker = "VIGIL-TEST-" + "MARKER-AUDIT"

/// The repository root, found from this file's path.
package let repoRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
    }
    fatalError("no Package.swift above \(#filePath)")
}()

package let bundledSignatures = repoRoot + "/Signatures"

/// A private folder under /tmp, removed with everything in it when released.
package final class TempDir {
    package let path: String
    private var mounts: [String] = []

    package init(_ label: String = "vigil-test") {
        var template = Array("/tmp/\(label)-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }

    deinit {
        for m in mounts.reversed() { umount2(m, Int32(MNT_DETACH)) }
        run("/bin/chattr", ["-R", "-i", path], quiet: true)
        run("/bin/rm", ["-rf", path], quiet: true)
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
        return p
    }

    @discardableResult
    package func write(_ name: String, _ text: String, mode: mode_t = 0o644) -> String { write(name, Array(text.utf8), mode: mode) }

    package func mkdir(_ name: String) -> String {
        let p = sub(name)
        try? FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
        return p
    }

    /// Mounts a fresh tmpfs at `name` (root only): its own filesystem, for cross-device
    /// moves and, later, for fanotify marks that touch nothing else.
    package func mountTmpfs(_ name: String, size: String = "64m") -> String? {
        let p = mkdir(name)
        guard mount("tmpfs", p, "tmpfs", 0, "size=\(size),mode=0755") == 0 else { return nil }
        mounts.append(p)
        return p
    }
}

package let isRoot = geteuid() == 0

package struct ProcessResult {
    package let status: Int32
    package let stdout: String
    package let stderr: String
    package let stdoutBytes: Data
}

/// Runs a program and collects its output (with a time limit, so a hang fails the test).
@discardableResult
package func run(_ exe: String, _ args: [String], quiet: Bool = false, stdin: String? = nil, timeout: Double = 120) -> ProcessResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = args
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    if let stdin {
        let inPipe = Pipe()
        p.standardInput = inPipe
        inPipe.fileHandleForWriting.write(stdin.data(using: .utf8)!)
        try? inPipe.fileHandleForWriting.close()
    } else {
        p.standardInput = FileHandle.nullDevice
    }
    do { try p.run() } catch { return ProcessResult(status: -1, stdout: "", stderr: "\(error)", stdoutBytes: Data()) }
    final class Box: @unchecked Sendable { var data = Data() }
    let group = DispatchGroup()
    let o = Box(), e = Box()
    group.enter(); DispatchQueue.global().async { o.data = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    group.enter(); DispatchQueue.global().async { e.data = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    if group.wait(timeout: .now() + timeout) == .timedOut {
        p.terminate()
        return ProcessResult(status: -2, stdout: "", stderr: "timed out after \(timeout) s", stdoutBytes: Data())
    }
    p.waitUntilExit()
    _ = quiet
    return ProcessResult(status: p.terminationStatus, stdout: String(decoding: o.data, as: UTF8.self),
                         stderr: String(decoding: e.data, as: UTF8.self), stdoutBytes: o.data)
}

package func loadBundled() throws -> Signatures { try Signatures.load([bundledSignatures]) }

/// Scans one path with a fresh scanner through an open descriptor.
package func scanFile(_ path: String, with signatures: Signatures, limits: ScanLimits = ScanLimits()) throws -> FileReport {
    let scanner = try FileScanner(signatures: signatures, limits: limits)
    let file = try OpenFile.open(RawPath(path))
    return scanner.scan(file, path: RawPath(path), stat: try file.stat())
}
