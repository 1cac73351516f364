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

    /// Why there is no verified reply: each told apart, so "no answer" is never shown
    /// as "no daemon".
    public enum Failure: Error, Sendable, Equatable {
        /// ENOENT: nothing at the path (no daemon, or the socket was deleted).
        case noSocket
        /// ECONNREFUSED: a socket file nobody listens on (a daemon that died).
        case notListening
        /// Connected, but no reply in time: a hung daemon or a silent listener.
        case noAnswer(seconds: Int)
        /// EACCES/EPERM: the caller is not root.
        case notRoot
        /// Something else than Vigil listens there.
        case impostor(ControlPeer.Impostor)
        case other(Errno)
    }

    /// One command to a verified server: the server's credentials are checked
    /// (ControlPeer) before the command is sent. `stateDirectories`: where a sealed
    /// manifest may name the daemon's binary (the config's state_dir, the default).
    public static func verifiedRequest(_ command: ControlCommand, to path: String, timeoutSeconds: Int = 120,
                                       stateDirectories: [String] = [Paths.stateDirectory]) -> Result<String, Failure> {
        var impostor: ControlPeer.Impostor?
        let r = UnixSocket.request(command.line, to: path, timeoutSeconds: timeoutSeconds) { peer in
            impostor = ControlPeer.check(pid: peer.pid, uid: peer.uid, controlSocket: path, stateDirectories: stateDirectories)
            return impostor == nil
        }
        switch r {
        case .success(let reply): return .success(reply)
        case .failure(let e):
            if let impostor { return .failure(.impostor(impostor)) }
            switch e.code {
            case ENOENT: return .failure(.noSocket)
            case ECONNREFUSED: return .failure(.notListening)
            case ETIMEDOUT, EAGAIN: return .failure(.noAnswer(seconds: timeoutSeconds))
            case EACCES, EPERM: return .failure(.notRoot)
            default: return .failure(.other(e))
            }
        }
    }

    /// A raw line, for tests that speak the protocol as anyone could.
    public static func send(_ line: String, to path: String, timeoutSeconds: Int = 120) -> String? {
        try? UnixSocket.request(line, to: path, timeoutSeconds: timeoutSeconds).get()
    }
}
