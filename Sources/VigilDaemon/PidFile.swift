import Glibc
import VigilConfig
import VigilSystem

// Owns: the service's pid file. Must not: signal anyone.

/// `<runtime folder>/vigil.pid`: the pid to signal for the whole service (SIGUSR1 after
/// a log rotation, SIGHUP to reload). Written by the watchdog, or by a daemon that runs
/// without one; removed only by the process it names.
public final class PidFile: Sendable {
    public let path: String
    private let pid: Int32

    public static func path(controlSocket: String) -> String { Paths.besideControlSocket("vigil.pid", controlSocket: controlSocket) }

    public init(controlSocket: String) {
        path = PidFile.path(controlSocket: controlSocket)
        pid = getpid()
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex { try? makeDirectories(String(path[..<slash]), mode: 0o755) }
        try? writeFileAtomically(path, contents: "\(pid)\n", mode: 0o644)
    }

    public func remove() {
        if readSmallFile(path)?.split(separator: "\n").first == Substring("\(pid)") { unlink(path) }
    }
}
