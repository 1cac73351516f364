import Glibc
import VigilSystem

// Owns: sending one line to the running daemon for this module's commands (reloads),
// with the server checked first. Must not: decide who Vigil is (VigilDaemon's
// ControlPeer does, above this module: the CLI passes its check in).

/// Who listens on the control socket: nil when it is Vigil, else why not, in words.
public typealias ControlPeerCheck = @Sendable (_ uid: UInt32, _ pid: Int32) -> String?

enum DaemonRequest {
    enum Failure: Error {
        /// ENOENT/ECONNREFUSED: no daemon runs; the next start reads the files.
        case noDaemon
        /// Something other than Vigil listens on the path: nothing was sent to it.
        case impostor(String)
        /// Connected, but no reply (or another error).
        case noAnswer(Errno)
    }

    /// `checkPeer` nil: whoever listens is asked (a test's own listener).
    static func send(_ line: String, to socket: String, timeoutSeconds: Int, checkPeer: ControlPeerCheck?) -> Result<String, Failure> {
        var impostor: String?
        let r = UnixSocket.request(line, to: socket, timeoutSeconds: timeoutSeconds) { peer in
            impostor = checkPeer?(peer.uid, peer.pid)
            return impostor == nil
        }
        switch r {
        case .success(let reply): return .success(reply)
        case .failure(let e):
            if let impostor { return .failure(.impostor(impostor)) }
            if e.code == ENOENT || e.code == ECONNREFUSED { return .failure(.noDaemon) }
            return .failure(.noAnswer(e))
        }
    }
}
