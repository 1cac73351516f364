import Glibc
import VigilSystem

// Owns: sending one line to the running daemon for this module's commands (reloads),
// with the server checked first. Must not: decide who Vigil is (VigilDaemon's
// ControlPeer does, above this module: the CLI passes its check in).

/// Who listens on the control socket: nil when it is Vigil, else why not, in words.
public typealias ControlPeerCheck = @Sendable (_ uid: UInt32, _ pid: Int32) -> String?

enum DaemonRequest {
    /// `checkPeer` nil: whoever listens is asked (a test's own listener). The failures
    /// are the control client's own (UnixSocket.checkedRequest).
    static func send(_ line: String, to socket: String, timeoutSeconds: Int,
                     checkPeer: ControlPeerCheck?) -> Result<String, UnixSocket.CheckedFailure<String>> {
        UnixSocket.checkedRequest(line, to: socket, timeoutSeconds: timeoutSeconds) { peer in checkPeer?(peer.uid, peer.pid) }
    }
}
