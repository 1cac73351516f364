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

    /// A raw line, for tests that speak the protocol as anyone could.
    public static func send(_ line: String, to path: String, timeoutSeconds: Int = 120) -> String? {
        try? UnixSocket.request(line, to: path, timeoutSeconds: timeoutSeconds).get()
    }
}
