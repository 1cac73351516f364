import Glibc
import VigilSystem

/// clamscan's `--copy=DIR`: a copy of each file with findings, made from the descriptor
/// that was scanned (never by reopening its path), into a folder opened once.
///
/// Owns: creating copies in that folder, never replacing anything there. Must not: touch
/// the original file.
public final class InfectedCopies: Sendable {
    private let folder: Int32
    public let directory: String

    public init(directory: String) throws(VigilError) {
        self.directory = directory
        folder = try sysCall(orThrow: "--copy: cannot open folder \(directory)") { open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
    }

    deinit { close(folder) }

    /// Copies the file behind `file` into the folder as `name` (or `name.1`, `name.2`, ...
    /// when taken), mode 0600: the copy is malware and only its owner may read it.
    /// Returns the copy's path.
    public func copy(_ file: OpenFile, name: RawPath) throws(VigilError) -> String {
        let base = name.lastComponent.isEmpty ? "stdin" : String(decoding: name.lastComponent, as: UTF8.self)
        var out: Int32 = -1
        var chosen = base
        var failure: Errno?
        for attempt in 0..<1000 {
            chosen = attempt == 0 ? base : "\(base).\(attempt)"
            let name = chosen
            do {
                out = try sysCall { openat(folder, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600) }
                break
            } catch {
                failure = error
                if error != Errno.exists { break }
            }
        }
        guard out >= 0 else { throw VigilError("--copy: cannot create \(directory)/\(chosen)", cause: failure) }
        defer { close(out) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var offset: Int64 = 0
        while true {
            let n: Int
            do { n = try file.read(into: &buffer, at: offset) } catch {
                unlinkat(folder, chosen, 0)
                throw VigilError("--copy: read failed", cause: error)
            }
            if n == 0 { break }
            var done = 0
            while done < n {
                let from = done
                do {
                    done += try sysCall { buffer.withUnsafeBytes { write(out, $0.baseAddress! + from, n - from) } }
                } catch {
                    unlinkat(folder, chosen, 0)
                    throw VigilError("--copy: write failed", cause: error)
                }
            }
            offset += Int64(n)
        }
        return directory.hasSuffix("/") ? directory + chosen : directory + "/" + chosen
    }
}
