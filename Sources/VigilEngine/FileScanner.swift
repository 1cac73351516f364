import Glibc
import VigilSystem

/// What one scan of one file found, and what kept any check from judging all of it.
///
/// **A caller may treat a file as clean only when `isClean` is true.** `status == .scanned`
/// is not enough: a report with problems (a rule lost to a run-time error, YARA stopped
/// at the deadline, an oversize file read only in windows) judged only part of the file,
/// and must never be cached or logged as clean. Findings are real whatever the problems
/// say: a hash-list hit stands when YARA failed, a rule match stands when another rule
/// was lost.
public struct FileReport: Sendable {
    public enum Status: Sendable, Equatable {
        /// At least one check ran; `problems` says what it could not judge.
        case scanned
        /// Not read on purpose (FIFO, socket, device, pseudo-filesystem...): not an error.
        case skipped(String)
        /// Nothing could be judged at all: the file could not be read before any check
        /// ran. `problems` is empty; the reason is here.
        case failed(String)
    }

    public var path: RawPath
    public var size: Int64 = 0
    public var status: Status = .scanned
    public var findings: [Finding] = []
    /// In the order they happened; warnings included.
    public var problems: [ScanProblem] = []
    public var sha256: DigestValue?
    public var mimeType: String?
    public var typeDescription: String?
    public var bytesRead: Int64 = 0

    public init(path: RawPath) { self.path = path }

    public var verdict: Verdict { Verdict.combine(findings.map(\.verdict)) }
    public var isFinding: Bool { !findings.isEmpty }
    /// Every check ran over every byte it meant to and no rule was lost (warnings such as
    /// `.tooManyMatches` allowed, as yara allows them). False for skipped and failed files.
    public var isComplete: Bool { status == .scanned && problems.allSatisfy(\.isWarning) }
    /// Completely judged and nothing found: the only report that may be cached as clean.
    public var isClean: Bool { isComplete && findings.isEmpty }
    /// Only the head and tail windows of an oversize file were read.
    public var isPartial: Bool { problems.contains { if case .partialContent = $0 { true } else { false } } }
}

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

/// Scans open files against a `Signatures` set. One per worker thread: it owns a YARA
/// scanner per rule set, a libmagic handle, digest contexts and a read buffer.
///
/// Owns: reading a file through its descriptor and running every check, each one's
/// answer kept whatever the others do. Must not: open paths, decide what to do with a
/// verdict or a problem, or print.
public final class FileScanner {
    public let signatures: Signatures
    public let limits: ScanLimits
    private let yara: [YaraScanner]
    /// libmagic is loaded on first use: most scans never need a file type (no rule reads
    /// `filetype`, no finding to describe), and its database costs memory and start-up time.
    private var typeDetector: FileTypeDetector?
    private var typeDetectorFailed = false
    private func typeOf(_ head: UnsafeRawBufferPointer) -> String {
        detector()?.mimeType(head) ?? "application/octet-stream"
    }
    private func describe(_ head: UnsafeRawBufferPointer) -> FileTypeDetector.FileType {
        detector()?.detect(head) ?? FileTypeDetector.FileType(mime: "application/octet-stream", description: "unknown (libmagic unavailable)")
    }
    /// A broken libmagic install must not stop malware scanning: types become unknown.
    private func detector() -> FileTypeDetector? {
        if let t = typeDetector { return t }
        if typeDetectorFailed { return nil }
        typeDetector = try? FileTypeDetector()
        typeDetectorFailed = typeDetector == nil
        return typeDetector
    }
    private let digest = MultiDigest()
    private var buffer: UnsafeMutableRawBufferPointer
    private var owners: [uid_t: String] = [:]

    private static let chunk = 1 << 20

    public init(signatures: Signatures, limits: ScanLimits = ScanLimits()) throws(VigilError) {
        self.signatures = signatures
        self.limits = limits
        var scanners: [YaraScanner] = []
        for set in signatures.ruleSets { scanners.append(try YaraScanner(rules: set)) }
        yara = scanners
        if signatures.usesFileType { typeDetector = try FileTypeDetector() }
        buffer = .allocate(byteCount: FileScanner.chunk, alignment: 64)
    }

    deinit { buffer.deallocate() }

    /// Scans the regular file behind `file`. `st` is its fstat. `wantType` asks for the
    /// MIME type even when no rule needs it (upload type policies). `deadline`
    /// (CLOCK_MONOTONIC nanoseconds) stops YARA when it comes before the per-file
    /// timeout; either one reports `.timedOut`. Never throws: what went wrong is in the
    /// report (`status` when nothing could be judged, `problems` otherwise).
    public func scan(_ file: OpenFile, path: RawPath, stat st: stat, wantType: Bool = false, deadline: UInt64? = nil) -> FileReport {
        var report = FileReport(path: path)
        report.size = Int64(st.st_size)
        guard st.isRegular else {
            report.status = .skipped(st.kindName)
            return report
        }
        let job = Job(file: file, path: path, stat: st, needType: signatures.usesFileType || wantType, deadline: deadline)
        switch limits.plan(size: report.size) {
        case .whole where report.size <= Int64(limits.inlineLimit):
            scanInMemory(job, into: &report)
        case .whole:
            scanStreamed(job, into: &report)
        case .windows(let head, let tailOffset, let tail):
            scanWindows(job, head: head, tailOffset: tailOffset, tail: tail, into: &report)
        }
        if !limits.retainLargeBuffer && buffer.count > FileScanner.chunk {
            buffer.deallocate()
            buffer = .allocate(byteCount: FileScanner.chunk, alignment: 64)
        }
        return report
    }

    private struct Job {
        let file: OpenFile
        let path: RawPath
        let stat: stat
        let needType: Bool
        let deadline: UInt64?
    }

    /// One read, then hash and match the same bytes while they are in cache.
    private func scanInMemory(_ job: Job, into report: inout FileReport) {
        let size = report.size
        ensureCapacity(Int(size))
        let n: Int
        do { n = try job.file.read(into: buffer.baseAddress!, count: Int(size), at: 0) } catch {
            report.status = .failed("read failed: \(error)")
            return
        }
        report.bytesRead = Int64(n)
        let bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
        var kinds = signatures.hashes.neededDigests(forSize: size)
        if limits.detailsForFindings && !kinds.isEmpty { kinds.insert(.sha256) }
        if !kinds.isEmpty {
            digest.start(kinds)
            digest.update(bytes)
            applyHashes(digest.finish(), size: size, into: &report)
        }
        let head = UnsafeRawBufferPointer(rebasing: bytes.prefix(FileScanner.chunk))
        let mime = job.needType ? typeOf(head) : ""
        if job.needType { report.mimeType = mime }
        runYara(.memory(bytes), job, mime: mime, into: &report)
        if report.isFinding && limits.detailsForFindings {
            if report.sha256 == nil {
                digest.start(.sha256)
                digest.update(bytes)
                report.sha256 = digest.finish().sha256
            }
            let t = describe(head)
            report.mimeType = t.mime
            report.typeDescription = t.description
        }
    }

    /// Too big to hold: hashes by streaming, YARA through libyara's own mapping.
    private func scanStreamed(_ job: Job, into report: inout FileReport) {
        let size = report.size
        let mime: String
        do {
            let head = try readHead(job.file, count: FileScanner.chunk)
            mime = job.needType ? typeOf(head) : ""
        } catch {
            report.status = .failed(error.description)
            return
        }
        if job.needType { report.mimeType = mime }
        let kinds = signatures.hashes.neededDigests(forSize: size)
        if !kinds.isEmpty {
            digest.start(kinds)
            do {
                report.bytesRead = try stream(job.file)
                applyHashes(digest.finish(), size: size, into: &report)
            } catch {
                _ = digest.finish()
                report.problems.append(.readError("hash lists not checked: \(error)"))
            }
        }
        runYara(.descriptor(job.file.fd), job, mime: mime, into: &report)
        report.bytesRead = max(report.bytesRead, size)
        if report.isFinding && limits.detailsForFindings {
            if report.sha256 == nil {
                digest.start(.sha256)
                // Best effort: the quarantine store hashes again if this is missing.
                if (try? stream(job.file)) != nil { report.sha256 = digest.finish().sha256 } else { _ = digest.finish() }
            }
            if let head = try? readHead(job.file, count: FileScanner.chunk) {
                let t = describe(head)
                report.mimeType = t.mime
                report.typeDescription = t.description
            }
        }
    }

    /// An oversize file: YARA over its head and tail at their real offsets, with
    /// `filesize` the real size. No digests: they would need every byte.
    private func scanWindows(_ job: Job, head: Int64, tailOffset: Int64, tail: Int64, into report: inout FileReport) {
        let headCount = Int(head), tailCount = Int(tail)
        ensureCapacity(headCount + tailCount)
        let gotHead: Int, gotTail: Int
        do {
            gotHead = try job.file.read(into: buffer.baseAddress!, count: headCount, at: 0)
            gotTail = try job.file.read(into: buffer.baseAddress! + headCount, count: tailCount, at: tailOffset)
        } catch {
            report.status = .failed("read failed: \(error)")
            return
        }
        report.bytesRead = Int64(gotHead + gotTail)
        report.problems.append(.partialContent(headBytes: Int64(gotHead), tailBytes: Int64(gotTail)))
        let headBytes = UnsafeRawBufferPointer(rebasing: buffer[0..<gotHead])
        let tailBytes = UnsafeRawBufferPointer(rebasing: buffer[headCount..<(headCount + gotTail)])
        let typeHead = UnsafeRawBufferPointer(rebasing: headBytes.prefix(FileScanner.chunk))
        let mime = job.needType ? typeOf(typeHead) : ""
        if job.needType { report.mimeType = mime }
        runYara(.windows(head: headBytes, tail: tailBytes, tailOffset: tailOffset, fileSize: report.size), job, mime: mime, into: &report)
        if report.isFinding && limits.detailsForFindings {
            let t = describe(typeHead)
            report.mimeType = t.mime
            report.typeDescription = t.description
        }
    }

    /// Every rule set over `input`, within the per-file timeout and the caller's
    /// deadline. Matches and problems go into the report; a failure of one pass never
    /// touches findings already there.
    private func runYara(_ input: YaraScanner.Input, _ job: Job, mime: String, into report: inout FileReport) {
        guard !yara.isEmpty else { return }
        defineExternals(path: job.path, stat: job.stat, mime: mime)
        let start = YaraScanner.now()
        let budget: UInt64? = limits.yaraTimeout > 0 ? UInt64(min(limits.yaraTimeout, 1e9) * 1e9) : nil
        let (end, byDeadline) = FileScanner.yaraEnd(start: start, budget: budget, deadline: job.deadline)
        for scanner in yara {
            let pass = scanner.scan(input, until: end, maxLostRules: limits.maxRuleErrorsPerFile)
            addMatches(pass.matches, into: &report)
            report.problems.append(contentsOf: pass.problems)
            if pass.timedOut {
                // Later rule sets would stop at once: one problem for the file.
                let seconds = end.map { $0 > start ? Double($0 - start) / 1e9 : 0 } ?? 0
                report.problems.append(.timedOut(seconds: seconds, byDeadline: byDeadline))
                break
            }
        }
    }

    /// When YARA must stop: the earlier of the per-file budget and the deadline, and
    /// whether the deadline was the one. Pure, for tests.
    static func yaraEnd(start: UInt64, budget: UInt64?, deadline: UInt64?) -> (end: UInt64?, byDeadline: Bool) {
        let timeoutEnd = budget.map { start &+ $0 }
        switch (timeoutEnd, deadline) {
        case (nil, nil): return (nil, false)
        case (let t?, nil): return (t, false)
        case (nil, let d?): return (d, true)
        case (let t?, let d?): return d <= t ? (d, true) : (t, false)
        }
    }

    private func applyHashes(_ d: Digests, size: Int64, into report: inout FileReport) {
        report.sha256 = d.sha256
        for entry in signatures.hashes.lookup(d, size: size) {
            report.findings.append(Finding(source: .hash, name: entry.name, origin: entry.origin, verdict: entry.verdict))
        }
    }

    private func addMatches(_ matches: [YaraScanner.Match], into report: inout FileReport) {
        for m in matches {
            report.findings.append(Finding(source: .rule, name: m.identifier, origin: m.namespace,
                                           verdict: m.verdict, detail: m.description))
        }
    }

    private func defineExternals(path: RawPath, stat st: stat, mime: String) {
        let name = String(decoding: path.lastComponent, as: UTF8.self)
        let owner = ownerName(st.st_uid)
        let ext = path.fileExtension
        let full = path.lossyString
        for scanner in yara {
            scanner.define("filename", name)
            scanner.define("filepath", full)
            scanner.define("extension", ext)
            scanner.define("filetype", mime)
            scanner.define("owner", owner)
        }
    }

    private func ownerName(_ uid: uid_t) -> String {
        if let cached = owners[uid] { return cached }
        let name = userName(uid)
        owners[uid] = name
        return name
    }

    private func ensureCapacity(_ n: Int) {
        guard n > buffer.count else { return }
        buffer.deallocate()
        buffer = .allocate(byteCount: max(n, buffer.count * 2), alignment: 64)
    }

    /// Feeds the whole file to the active digests in chunks; returns the bytes read.
    private func stream(_ file: OpenFile) throws(VigilError) -> Int64 {
        var offset: Int64 = 0
        while true {
            let n: Int
            do { n = try file.read(into: buffer.baseAddress!, count: FileScanner.chunk, at: offset) } catch {
                throw VigilError("read failed at offset \(offset)", cause: error)
            }
            if n == 0 { break }
            digest.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            offset += Int64(n)
            if n < FileScanner.chunk { break }
        }
        return offset
    }

    /// The MIME type libmagic gives the file's first 64 KiB, without scanning it (content
    /// type exclusions decide before any rule runs). nil when the file cannot be read.
    public func contentType(_ file: OpenFile) -> String? {
        guard let head = try? readHead(file, count: min(FileScanner.chunk, 64 << 10)) else { return nil }
        return typeOf(head)
    }

    private func readHead(_ file: OpenFile, count: Int) throws(VigilError) -> UnsafeRawBufferPointer {
        let n: Int
        do { n = try file.read(into: buffer.baseAddress!, count: count, at: 0) } catch {
            throw VigilError("read failed", cause: error)
        }
        return UnsafeRawBufferPointer(rebasing: buffer[0..<n])
    }
}

