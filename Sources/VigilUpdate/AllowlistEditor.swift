import Glibc
import VigilEngine
import VigilEvents
import VigilSystem

/// Changes to the local allowlist file (`vigil allow add|remove`, `vigil quarantine
/// restore --allow`), each a whole-file replace in one rename, then a request to the
/// running daemon to read it again (`allowlist-reload`: no restart, cached verdicts
/// cleared).
///
/// Owns: writing the local allowlist. Must not: parse it for matching (HashList does).
public enum AllowlistEditor {
    public struct EditError: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// A SHA-256 given as 64 hex digits, or the SHA-256 of the file at that path.
    public static func digest(of argument: String) throws(EditError) -> String {
        if argument.utf8.count == 64, argument.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0 | 0x20) }) {
            return argument.lowercased()
        }
        let fd = open(argument, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            if errno == EPERM {
                throw EditError(message: "\(argument): opening it is denied (a running daemon judges it a detection): "
                                + "allow it by the SHA-256 in its deny event (file.hash.sha256): `vigil allow add SHA256 --reason ...`")
            }
            throw EditError(message: "\(argument): not a SHA-256 and not a readable file (\(FileTree.errnoText()))")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { throw EditError(message: "\(argument): not a regular file") }
        let d = SHA256Stream()
        var buf = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw EditError(message: "\(argument): read failed: \(FileTree.errnoText())") }
            if n == 0 { break }
            buf.withUnsafeBytes { d.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
        return d.finishHex()
    }

    /// Adds an entry; false when the digest is already listed.
    @discardableResult
    public static func add(sha256: String, reason: String, file: String) throws(EditError) -> Bool {
        var lines = try currentLines(file)
        if lines.contains(where: { $0.lowercased().hasPrefix(sha256.lowercased()) }) { return false }
        lines.append(Allowlist.line(sha256: sha256, reason: "\(reason) (added \(isoTimestamp()))"))
        try write(lines, to: file)
        return true
    }

    /// Removes every entry for the digest; false when there was none.
    @discardableResult
    public static func remove(sha256: String, file: String) throws(EditError) -> Bool {
        let lines = try currentLines(file)
        let kept = lines.filter { !$0.lowercased().hasPrefix(sha256.lowercased()) }
        guard kept.count != lines.count else { return false }
        try write(kept, to: file)
        return true
    }

    public static func currentLines(_ file: String) throws(EditError) -> [String] {
        guard FileTree.exists(file) else { return [] }
        do {
            let bytes = try FileTree.readFile(file, limit: 256 << 20)
            return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        } catch { throw EditError(message: error.message) }
    }

    static func write(_ lines: [String], to file: String) throws(EditError) {
        if let slash = file.lastIndex(of: "/"), slash != file.startIndex {
            do { try FileTree.makeDirectories(String(file[..<slash]), mode: 0o755) } catch { throw EditError(message: error.message) }
        }
        var text = lines.joined(separator: "\n")
        if !text.isEmpty { text += "\n" }
        if !text.hasPrefix("#") {
            text = "# Vigil allowlist: SHA-256 and reason; edit with `vigil allow add|remove`.\n" + text
        }
        do { try FileTree.replace(file, Array(text.utf8)) } catch { throw EditError(message: error.message) }
    }

    /// Asks the daemon to read the allowlist again. The reply, or why there is none
    /// (nil reply with a message when no daemon runs: the next start reads the file).
    public static func notifyDaemon(socket: String, checkPeer: ControlPeerCheck? = nil) -> (ok: Bool, message: String) {
        // The line is ControlCommand.allowlistReload's wire form (VigilDaemon, above this module).
        switch DaemonRequest.send("allowlist-reload", to: socket, timeoutSeconds: 60, checkPeer: checkPeer) {
        case .failure(let f) where f.isNoDaemon:
            return (true, "no daemon running on \(socket); it reads the allowlist when it starts")
        case .failure(.impostor(let who)):
            return (false, "the process on \(socket) is not Vigil (\(who)); nothing was sent to it")
        case .failure(let e):
            return (false, "the daemon on \(socket) did not answer: \(e)")
        case .success(let reply):
            if reply.contains("\"ok\":true") { return (true, "the running daemon reloaded its allowlist and cleared cached verdicts") }
            return (false, "the daemon refused: \(JSONField.string("error", in: reply) ?? reply)")
        }
    }
}
