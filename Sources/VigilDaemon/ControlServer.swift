import Glibc
import Synchronization
import VigilSystem

/// The root-only control socket: one command line in, one JSON line out. Every
/// client is checked with SO_PEERCRED; only uid 0 is served.
///
/// Owns: the socket file and its thread. Must not: do the work of a command.
public final class ControlServer: Service {
    public let path: String
    /// The command line and the client's credentials (uid, pid).
    private let handler: @Sendable (String, (uid: UInt32, pid: Int32)) -> String
    /// The listening descriptor while running (-1: not started or stopped).
    private let listening = Atomic<Int32>(-1)
    private let thread = ThreadGroup()

    /// Told when something else than Vigil held the path (the server took it over).
    private let onImpostor: @Sendable (ControlPeer.Impostor) -> Void

    public init(path: String, onImpostor: @escaping @Sendable (ControlPeer.Impostor) -> Void = { _ in },
                handler: @escaping @Sendable (String, (uid: UInt32, pid: Int32)) -> String) {
        self.path = path
        self.onImpostor = onImpostor
        self.handler = handler
    }

    /// Creates the socket (the file appears only now) and starts serving.
    public func start() throws(VigilError) {
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            let dir = String(path[..<slash])
            // Root only: nobody else can put a file beside it. Narrowed only when it is
            // Vigil's own folder (never /run or /tmp itself).
            try makeDirectories(dir, mode: 0o700)
            if dir.hasSuffix("/vigil") { chmod(dir, 0o700) }
        }
        // A stale socket from a crashed daemon is replaced; a live Vigil means another
        // daemon; anything else listening there is an impostor: reported, and the path
        // is taken over (the impostor keeps a socket nobody can reach by name).
        var impostor: ControlPeer.Impostor?
        if access(path, F_OK) == 0 { ControlPeer.prepare(controlSocket: path) }
        let probe = UnixSocket.request("ping", to: path, timeoutSeconds: 1) { peer in
            impostor = ControlPeer.check(pid: peer.pid, uid: peer.uid, controlSocket: path)
            return impostor == nil
        }
        if let impostor {
            onImpostor(impostor)
        } else if case .success = probe {
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
                reply = UnixSocket.readLine(c).map { handler($0, peer) } ?? #"{"ok":false,"error":"no command"}"#
            } else {
                reply = #"{"ok":false,"error":"permission denied: the control socket serves root only"}"#
            }
            writeAllBytes(c, Array(reply.utf8) + [10])
            close(c)
        }
    }
}
