import Foundation
import Glibc
import VigilSystem

/// The executable product `name` built next to this test bundle: in its folder or up to
/// three folders above (the test runner's own layout), nil when it is not built.
package func builtProduct(_ name: String) -> String? {
    var dir = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = dir.appendingPathComponent(name).path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        dir.deleteLastPathComponent()
    }
    return nil
}

/// The `vigil` binary built next to this test bundle (or $VIGIL_BIN).
package let vigilBinary: String = {
    if let env = ProcessInfo.processInfo.environment["VIGIL_BIN"] { return env }
    return builtProduct("vigil") ?? repoRoot + "/.build/debug/vigil"
}()

/// VigilRacer (Tests/VigilRacer), the separate process the race tests run as an attacker.
package func racerBinary() throws(VigilError) -> String {
    guard let path = builtProduct("VigilRacer") else { throw VigilError("VigilRacer is not built (swift build --build-tests builds it)") }
    return path
}

/// Runs the `vigil` binary with the bundled Signatures.
package func vigil(_ args: [String], timeout: Double = 120, prefix: [String] = [], environment: [String: String] = [:]) -> ProcessResult {
    var env = ProcessInfo.processInfo.environment
    env["VIGIL_SIGNATURES"] = bundledSignatures
    for (k, v) in environment { env[k] = v }
    if prefix.isEmpty { return runProgram(vigilBinary, args, timeout: timeout, environment: env) }
    return runProgram(prefix[0], Array(prefix.dropFirst()) + [vigilBinary] + args, timeout: timeout, environment: env)
}

/// Runs `vigil` as another user (for permission tests; root reads everything).
package func vigilAs(user uid: uid_t, _ args: [String]) -> ProcessResult {
    vigil(args, prefix: ["/usr/bin/setpriv", "--reuid=\(uid)", "--regid=\(uid)", "--clear-groups"])
}

/// open + read + close; 0 on success, else errno.
package func tryRead(_ path: String) -> Int32 {
    let fd = open(path, O_RDONLY)
    if fd < 0 { return errno }
    var b: UInt8 = 0
    let n = read(fd, &b, 1)
    let e = errno
    close(fd)
    return n < 0 ? e : 0
}

/// open() with flags; 0 on success, else errno.
package func tryOpen(_ path: String, _ flags: Int32) -> Int32 {
    let fd = open(path, flags | O_CLOEXEC)
    if fd < 0 { return errno }
    close(fd)
    return 0
}

/// Opens and reads `path` in a child process with a time limit; true when it returned
/// (with any result) before the limit.
package func openReturns(_ path: String, within seconds: Double) -> Bool {
    runProgram("/bin/sh", ["-c", "cat \"$0\" >/dev/null 2>&1; exit 0", path], timeout: seconds).status == 0
}

/// Runs a program from a guarded filesystem; returns (exit status, stderr).
package func execute(_ path: String) -> (Int32, String) {
    let r = runProgram("/bin/sh", ["-c", "exec \"$0\"", path])
    return (r.status, r.stderr)
}

package func contents(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

/// realpath(3), or the path itself.
package func canonicalPath(_ path: String) -> String {
    guard let p = realpath(path, nil) else { return path }
    defer { free(p) }
    return String(cString: p)
}

/// Whether the immutable flag is set on `path`.
package func isImmutable(_ path: String) -> Bool { (try? InodeFlags.isImmutable(path)) == true }

/// Clears the immutable flag on every file below `root`.
package func clearImmutable(under root: String) {
    guard let e = FileManager.default.enumerator(atPath: root) else { return }
    for case let rel as String in e { try? InodeFlags.setImmutable(root + "/" + rel, false) }
}
