import Glibc
import VigilArchive
import VigilSystem

/// What the permission path scans with: a `FileScanner` in the daemon's own thread, or
/// a scan worker process holding one (the daemon's `WorkerScanner`, issue 12 item 6).
public protocol ScanEngine: AnyObject {
    func scan(_ file: OpenFile, path: RawPath, stat st: stat, wantType: Bool, deadline: UInt64?, archives: ArchiveOptions?) -> FileReport
    /// The MIME type by content (libmagic), nil when it cannot be read.
    func contentType(_ file: OpenFile) -> String?
}

/// Scans open files against a `Signatures` set. One per worker thread: it owns a YARA
/// scanner per rule set, a libmagic handle, digest contexts and a read buffer.
///
/// Owns: reading a file through its descriptor and running every check, each one's
/// answer kept whatever the others do. Must not: open paths, decide what to do with a
/// verdict or a problem, or print.
public final class FileScanner: ScanEngine {
    public let signatures: Signatures
    public let limits: ScanLimits
    let yara: [YaraScanner]
    /// Made on first archive (ArchiveMembers.swift).
    var archiveScanner: ArchiveScanner?
    /// libmagic is loaded on first use: most scans never need a file type (no rule reads
    /// `filetype`, no finding to describe), and its database costs memory and start-up time.
    private var typeDetector: FileTypeDetector?
    private var typeDetectorFailed = false
    func typeOf(_ head: UnsafeRawBufferPointer) -> String {
        detector()?.mimeType(head) ?? "application/octet-stream"
    }
    func describe(_ head: UnsafeRawBufferPointer) -> FileTypeDetector.FileType {
        detector()?.detect(head) ?? FileTypeDetector.FileType(mime: "application/octet-stream", description: "unknown (libmagic unavailable)")
    }
    /// Loads libmagic's database now (a sandboxed worker cannot open it later); false
    /// when it cannot (types are then unknown, as below).
    @discardableResult
    public func prepareTypes() -> Bool { detector() != nil }

    /// A broken libmagic install must not stop malware scanning: types become unknown.
    private func detector() -> FileTypeDetector? {
        if let t = typeDetector { return t }
        if typeDetectorFailed { return nil }
        typeDetector = try? FileTypeDetector()
        typeDetectorFailed = typeDetector == nil
        return typeDetector
    }
    let digest = MultiDigest()
    var buffer: UnsafeMutableRawBufferPointer
    var owners: [uid_t: String] = [:]

    static let chunk = 1 << 20

    public init(signatures: Signatures, limits: ScanLimits = ScanLimits()) throws(VigilError) {
        self.signatures = signatures
        self.limits = limits
        var scanners: [YaraScanner] = []
        for set in signatures.ruleSets {
            scanners.append(try YaraScanner(rules: set, prefilter: limits.prefilter, streaming: limits.chunkedReads))
        }
        yara = scanners
        if signatures.usesMimeType { typeDetector = try FileTypeDetector() }
        buffer = .allocate(byteCount: FileScanner.chunk, alignment: 64)
    }

    deinit { buffer.deallocate() }

    /// How often the prefilter let libyara off on this scanner's files, over its rule sets.
    public var prefilterCounts: PrefilterCounts { yara.reduce(PrefilterCounts()) { $0 + $1.decisions } }
    /// Whether every rule set has the prefilter in front of libyara.
    public var prefiltered: Bool { !yara.isEmpty && yara.allSatisfy(\.prefiltered) }

    /// Scans the regular file behind `file`. `st` is its fstat. `wantType` asks for the
    /// MIME type even when no rule needs it (upload type policies). `deadline`
    /// (CLOCK_MONOTONIC nanoseconds) stops YARA when it comes before the per-file
    /// timeout; either one reports `.timedOut`. Never throws: what went wrong is in the
    /// report (`status` when nothing could be judged, `problems` otherwise).
    /// `archives` replaces `limits.archives` for this file (the daemon's upload folders
    /// and its permission path share scanners but not archive settings).
    public func scan(_ file: OpenFile, path: RawPath, stat st: stat, wantType: Bool = false, deadline: UInt64? = nil,
                     archives: ArchiveOptions? = nil) -> FileReport {
        var report = FileReport(path: path)
        report.size = Int64(st.st_size)
        guard st.isRegular else {
            report.status = .skipped(st.kindName)
            return report
        }
        var job = Job(file: file, path: path, stat: st, needType: signatures.usesMimeType || wantType, deadline: deadline)
        job.archives = archives ?? limits.archives
        switch limits.plan(size: report.size) {
        case .whole where report.size > Int64(FileScanner.chunk) && readsInChunks(job):
            scanChunked(job, into: &report)
        case .whole where report.size <= Int64(limits.inlineLimit):
            scanInMemory(job, into: &report)
        case .whole:
            scanStreamed(job, into: &report)
        case .windows(let head, let tailOffset, let tail):
            scanWindows(job, head: head, tailOffset: tailOffset, tail: tail, into: &report)
        }
        if report.isFinding && !signatures.allowlist.isEmpty { applyAllowlist(job, into: &report) }
        if !limits.retainLargeBuffer && buffer.count > FileScanner.chunk {
            buffer.deallocate()
            buffer = .allocate(byteCount: FileScanner.chunk, alignment: 64)
        }
        return report
    }

    struct Job {
        let file: OpenFile
        let path: RawPath
        let stat: stat
        let needType: Bool
        let deadline: UInt64?
        /// An archive member's own name, for the `filename`/`extension` externals.
        var memberName: String? = nil
        /// LOKI-mode externals: the first bytes (its `filetype`) and the MD5.
        var head: UnsafeRawBufferPointer? = nil
        var md5 = ""
        /// Whether to open it if it is an archive, within which limits.
        var archives = ArchiveOptions()
    }

    /// One read, then hash and match the same bytes while they are in cache.
    private func scanInMemory(_ job: Job, into report: inout FileReport) {
        var job = job
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
        if signatures.usesMD5 { kinds.insert(.md5) }
        if !kinds.isEmpty {
            digest.start(kinds)
            digest.update(bytes)
            let d = digest.finish()
            job.md5 = d.md5?.description ?? ""
            applyHashes(d, size: size, into: &report)
        }
        if signatures.sectionHashes.entryCount > 0 { applySectionHashes(bytes, job, into: &report) }
        let head = UnsafeRawBufferPointer(rebasing: bytes.prefix(FileScanner.chunk))
        job.head = head
        let mime = job.needType ? typeOf(head) : ""
        if job.needType { report.mimeType = mime }
        runYara(.memory(bytes), job, mime: mime, into: &report)
        scanArchiveMembers(.memory(bytes), head: head, job, into: &report)
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
        var job = job
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
        var kinds = signatures.hashes.neededDigests(forSize: size)
        if signatures.usesMD5 { kinds.insert(.md5) }
        if !kinds.isEmpty {
            digest.start(kinds)
            do {
                report.bytesRead = try stream(job.file)
                let d = digest.finish()
                job.md5 = d.md5?.description ?? ""
                applyHashes(d, size: size, into: &report)
            } catch {
                _ = digest.finish()
                report.problems.append(.readError("hash lists not checked: \(error)"))
            }
        }
        if signatures.sectionHashes.entryCount > 0 { applySectionHashes(nil, job, into: &report) }
        // The head for LOKI's filetype: read again, the digest stream reused the buffer.
        let lokiHead = signatures.ruleSets.contains { $0.externalsMode == .loki }
            ? (try? readHead(job.file, count: 64)).map { Array($0) } ?? [] : []
        lokiHead.withUnsafeBytes { job.head = $0; runYara(.descriptor(job.file.fd), job, mime: mime, into: &report) }
        job.head = nil
        if job.archives.enabled, let head = try? readHead(job.file, count: ArchiveFormat.headBytes) {
            scanArchiveMembers(.descriptor(job.file.fd, size: size, head: head), head: head, job, into: &report)
        }
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
        var job = job
        job.head = typeHead
        runYara(.windows(head: headBytes, tail: tailBytes, tailOffset: tailOffset, fileSize: report.size), job, mime: mime, into: &report)
        if report.isFinding && limits.detailsForFindings {
            let t = describe(typeHead)
            report.mimeType = t.mime
            report.typeDescription = t.description
        }
    }
}
