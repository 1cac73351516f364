import Foundation
import Glibc
import VigilTestSupport

// Owns: running the real companion programs (promtool, prometheus, curl) from tests,
// each bounded by a timeout so a hang fails the test rather than the CI run.

/// The suite's one process runner (VigilTestSupport's `runProgram`), with this
/// target's shorter time limit.
func runTool(_ exe: String, _ args: [String], stdin: String? = nil, timeout: Double = 60) -> ProcessResult {
    runProgram(exe, args, stdin: stdin, timeout: timeout)
}

/// A free TCP port on loopback (bound and released; the tiny race is acceptable in tests).
func freePort() -> UInt16 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var sa = sockaddr_in()
    sa.sin_family = sa_family_t(AF_INET)
    sa.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    _ = withUnsafePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
    return UInt16(bigEndian: sa.sin_port)
}

func makeTempDir(_ prefix: String) -> String {
    var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
    return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
}

func removeTree(_ path: String) { _ = runTool("/bin/rm", ["-rf", path]) }

/// The first existing path among candidates (Debian puts these in /usr/bin).
func tool(_ name: String) -> String? {
    ["/usr/bin/\(name)", "/usr/local/bin/\(name)", "/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) }
}
