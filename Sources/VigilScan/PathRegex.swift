import Glibc
import VigilSystem

/// A POSIX extended regular expression over raw path bytes: clamscan's `--exclude` and
/// `--exclude-dir` take these (ClamAV compiles them with regcomp too), so a pattern an
/// admin already uses means the same here.
///
/// Owns: one compiled `regex_t`. Must not: walk or open anything.
public final class PathRegex: @unchecked Sendable {
    // Immutable after init; glibc's regexec only reads a compiled pattern, so threads may share it.
    private let compiled: UnsafeMutablePointer<regex_t>
    public let pattern: String

    public init(_ pattern: String) throws(VigilError) {
        // Compiled before any stored property is set: a class that throws after full
        // initialization runs its deinit, which would free a pattern never compiled.
        let regex = UnsafeMutablePointer<regex_t>.allocate(capacity: 1)
        let rc = regcomp(regex, pattern, REG_EXTENDED | REG_NOSUB)
        guard rc == 0 else {
            var buffer = [CChar](repeating: 0, count: 256)
            regerror(rc, regex, &buffer, buffer.count)
            regex.deallocate()
            throw VigilError("bad regular expression '\(pattern)': \(String(cString: buffer))")
        }
        self.pattern = pattern
        compiled = regex
    }

    deinit {
        regfree(compiled)
        compiled.deallocate()
    }

    /// Whether the pattern matches anywhere in `path` (anchor with ^ and $ as in clamscan).
    public func matches(_ path: RawPath) -> Bool {
        path.withCString { regexec(compiled, $0, 0, nil, 0) == 0 }
    }
}
