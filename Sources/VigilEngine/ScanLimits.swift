import VigilArchive

/// How much of a file a scan reads and for how long: the size limit and its windows,
/// the in-memory limit, YARA's time per file, rule errors a file may cost.
///
/// Owns: the read plan of a file of a given size. Must not: read.
public struct ScanLimits: Sendable {
    /// Files bigger than this are not read whole: only their head and tail windows
    /// (`oversizeWindow` bytes each) are scanned with YARA, and the report says so with
    /// a `.partialContent` problem. 0 means no limit: every file is read whole.
    public var maxFileSize: Int64 = 100 << 20
    /// Bytes scanned from the start and from the end of a file over `maxFileSize`
    /// (headers, appended payloads and most signatures sit there). A file the two
    /// windows would cover anyway (up to twice this size) is read whole.
    public var oversizeWindow: Int64 = 8 << 20
    /// Files up to this size are read into memory once and both hashed and matched there;
    /// bigger ones are hashed by streaming and matched through libyara's own mapping
    /// (two passes: measured 35 % slower on a 1 GiB corpus with a 4 MiB limit).
    public var inlineLimit: Int = 16 << 20
    /// Keep a read buffer that grew for a big file (bulk scans: the next big file comes
    /// soon). A daemon gives it back after each file, so its memory stays low.
    public var retainLargeBuffer = true
    /// YARA's time per file, over every rule set and rescan, in seconds (0: none). When
    /// it runs out the report gets a `.timedOut` problem, never a clean verdict. A
    /// deadline passed to `FileScanner.scan` stops YARA earlier if it comes first.
    public var yaraTimeout: Double = 60
    /// `yaraTimeout` in whole seconds, for callers written before it took fractions.
    public var yaraTimeoutSeconds: Int {
        get { Int(yaraTimeout.rounded(.up)) }
        set { yaraTimeout = Double(newValue) }
    }
    /// Rules one file may lose to run-time errors, each costing a rescan, before its
    /// YARA pass is given up as an `.engineError`.
    public var maxRuleErrorsPerFile = 8
    /// Compute SHA-256 and MIME type for files with findings (for reports and quarantine).
    public var detailsForFindings = true
    /// Load libmagic's database up front even when the scan computes no types: the
    /// daemon scans with `detailsForFindings` off and asks a finding's type after its
    /// answer (`ScanEngine.contentType`), from a sandboxed worker that can no longer open
    /// the database by then.
    public var preloadTypes = false
    /// Put the literal prefilter (Hyperscan over every YARA string) in front of libyara:
    /// libyara then runs only for files a rule can match, and only those rules. Results
    /// are libyara's either way (the parity tests hold it to that); off is for comparison.
    public var prefilter = true
    /// Bulk scans (`vigil scan`) and the daemon's scan workers: a file bigger than one read chunk is read in chunks
    /// through the worker's one fixed buffer, each chunk hashed and fed to the
    /// prefilter's stream database as it comes; libyara then runs only when the
    /// prefilter cannot clear the file, over libyara's own mapping of it. Memory per
    /// worker stays one chunk whatever the file sizes, and every byte is read once.
    /// A deadline passed to `FileScanner.scan` also stops the reading (`.timedOut`).
    /// Off (the daemon's own threads, which run the quick path with the block database):
    /// files up to `inlineLimit` are held whole.
    public var chunkedReads = false
    /// Archive members: off unless the caller turns it on.
    public var archives = ArchiveOptions()
    public init() {}

    /// How a regular file of `size` bytes is read.
    public enum ReadPlan: Equatable, Sendable {
        case whole
        /// The first `head` bytes and the `tail` bytes from `tailOffset` to the end.
        case windows(head: Int64, tailOffset: Int64, tail: Int64)
    }

    public func plan(size: Int64) -> ReadPlan {
        guard maxFileSize > 0, size > maxFileSize else { return .whole }
        let window = max(0, oversizeWindow)
        let head = min(window, size)
        let tailOffset = max(head, size - window)
        // Windows that meet cover the file: reading it whole costs no more.
        if tailOffset == head { return .whole }
        return .windows(head: head, tailOffset: tailOffset, tail: size - tailOffset)
    }
}
