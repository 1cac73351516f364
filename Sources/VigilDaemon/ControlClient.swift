import Glibc
import VigilConfig
import VigilSystem

// Owns: asking the control socket. Must not: interpret replies (the commands do).

/// The client side of the control socket: `vigil reload`, `vigil status`, maintenance.
public enum ControlClient {
    /// Sends one command; returns the reply line, or nil if nothing answered.
    public static func send(_ command: ControlCommand, to path: String, timeoutSeconds: Int = 120) -> String? {
        try? request(command, to: path, timeoutSeconds: timeoutSeconds).get()
    }

    /// Sends one command; the reply line, or why there is none (EACCES: not root;
    /// ENOENT/ECONNREFUSED: no daemon; ETIMEDOUT: it did not answer in time).
    public static func request(_ command: ControlCommand, to path: String, timeoutSeconds: Int = 120) -> Result<String, Errno> {
        UnixSocket.request(command.line, to: path, timeoutSeconds: timeoutSeconds)
    }

    /// Why there is no verified reply (UnixSocket.CheckedFailure): no socket, nobody
    /// listening, no answer, not root, an impostor, or another error.
    public typealias Failure = UnixSocket.CheckedFailure<ControlPeer.Impostor>

    /// One command to a verified server: the server's credentials are checked
    /// (ControlPeer) before the command is sent. `stateDirectories`: where a sealed
    /// manifest may name the daemon's binary (the config's state_dir, the default).
    public static func verifiedRequest(_ command: ControlCommand, to path: String, timeoutSeconds: Int = 120,
                                       stateDirectories: [String] = [Paths.stateDirectory]) -> Result<String, Failure> {
        ControlPeer.prepare(controlSocket: path)
        return UnixSocket.checkedRequest(command.line, to: path, timeoutSeconds: timeoutSeconds) { peer in
            ControlPeer.check(pid: peer.pid, uid: peer.uid, controlSocket: path, stateDirectories: stateDirectories)
        }
    }

    /// A raw line, for tests that speak the protocol as anyone could.
    public static func send(_ line: String, to path: String, timeoutSeconds: Int = 120) -> String? {
        try? UnixSocket.request(line, to: path, timeoutSeconds: timeoutSeconds).get()
    }
}
