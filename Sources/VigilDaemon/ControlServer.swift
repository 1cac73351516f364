import Glibc
import Synchronization
import VigilSystem

/// The root-only control socket: one command line in, one JSON line out. Every
/// client is checked with SO_PEERCRED; only uid 0 is served.
///
/// Owns: the socket file and its thread. Must not: do the work of a command.
public final class ControlServer: Service {
    public let path: String
    private let handler: @Sendable (String) -> String
    /// The listening descriptor while running (-1: not started or stopped).
    private let listening = Atomic<Int32>(-1)
    private let thread = ThreadGroup()

    public init(path: String, handler: @escaping @Sendable (String) -> String) {
        self.path = path
        self.handler = handler
    }

    /// Creates the socket (the file appears only now) and starts serving.
    public func start() throws(VigilError) {
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try makeDirectories(String(path[..<slash]), mode: 0o755)
        }
        // A stale socket from a crashed daemon is replaced; a live one means another daemon.
        if case .success = UnixSocket.request("ping", to: path, timeoutSeconds: 1) {
            throw VigilError("another vigil daemon is already listening on \(path)")
        }
        let fd = try UnixSocket.listen(at: path)
        listening.store(fd, ordering: .releasing)
        thread.spawn("vigil-control") { [self] in serve(fd) }
    }

    public func stop() {
        let fd = listening.exchange(-1, ordering: .acquiringAndReleasing)
        guard fd >= 0 else { return }
        // accept() returns with an error once the socket is shut down.
        shutdown(fd, Int32(SHUT_RDWR))
        thread.joinAll()
        close(fd)
        unlink(path)
    }

    private func serve(_ fd: Int32) {
        while let c = try? UnixSocket.accept(fd) {
            UnixSocket.setReceiveTimeout(c, seconds: 5)
            let reply: String
            if let peer = UnixSocket.peer(c), peer.uid == 0 {
                reply = UnixSocket.readLine(c).map(handler) ?? #"{"ok":false,"error":"no command"}"#
            } else {
                reply = #"{"ok":false,"error":"permission denied: the control socket serves root only"}"#
            }
            writeAllBytes(c, Array(reply.utf8) + [10])
            close(c)
        }
    }
}
