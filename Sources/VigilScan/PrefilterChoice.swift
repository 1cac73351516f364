import Glibc

/// Whether `vigil scan` compiles the literal prefilter (Hyperscan over every YARA string)
/// for this run.
///
/// Owns: that one decision, as a pure function of what the command line names. Must not:
/// read files or rules.
///
/// The prefilter only changes how fast a verdict comes, never the verdict (ParityTests
/// and scripts/test-parity.sh compare both ways). Its database is compiled at every start:
/// with the bundled Signatures that is most of a one-file scan's CPU (132 ms against 23 ms
/// without it), while libyara alone over a few small files costs far less than the
/// compile. So a run that names only a handful of small regular files, and no folder, a
/// list or standard input, scans them with libyara alone. A named folder that holds no
/// more than a handful arrives here as those files (FolderLookahead).
public enum PrefilterChoice {
    /// At most this many files, together at most `smallTotal` bytes.
    public static let fewFiles = 8
    public static let smallTotal: Int64 = 16 << 20

    /// One command-line target as stat(2) saw it; nil when it could not be looked at
    /// (the scan reports that file's error; the choice treats it as a file of no size).
    public struct Target: Sendable, Equatable {
        public var isDirectory: Bool
        public var size: Int64
        public init(isDirectory: Bool, size: Int64) {
            self.isDirectory = isDirectory
            self.size = size
        }
        public init?(_ st: stat?) {
            guard let st else { return nil }
            self.init(isDirectory: st.st_mode & S_IFMT == S_IFDIR, size: Int64(st.st_size))
        }
    }

    /// True when the prefilter is worth compiling: `asked` false (--no-prefilter) wins;
    /// otherwise a folder, a file list or standard input (unknown amounts), or more or
    /// bigger files than a handful, make it worth it.
    public static func compile(asked: Bool, targets: [Target?], fileList: Bool, standardInput: Bool) -> Bool {
        guard asked else { return false }
        if fileList || standardInput || targets.count > fewFiles { return true }
        var total: Int64 = 0
        for t in targets {
            guard let t else { continue }
            if t.isDirectory { return true }
            total += max(t.size, 0)
        }
        return total > smallTotal
    }
}
