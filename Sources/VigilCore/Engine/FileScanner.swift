import Glibc

/// What one scan of one file found.
public struct FileReport: Sendable {
    public enum Status: Sendable, Equatable {
        case scanned
        /// Not read on purpose (too big, special file, pseudo-filesystem...): not an error.
        case skipped(String)
        /// Could not be read or scanned: counts as an error.
        case failed(String)
    }

    public var path: RawPath
    public var size: Int64 = 0
    public var status: Status = .scanned
    public var findings: [Finding] = []
    public var sha256: DigestValue?
    public var mimeType: String?
    public var typeDescription: String?
    public var bytesRead: Int64 = 0

    public var verdict: Verdict { Verdict.combine(findings.map(\.verdict)) }
    public var isFinding: Bool { !findings.isEmpty }
}

public struct ScanLimits: Sendable {
    /// Files bigger than this are not read (reported as skipped, or decided by policy on access).
    public var maxFileSize: Int64 = 100 << 20
    /// Files up to this size are read into memory once and both hashed and matched there;
    /// bigger ones are hashed by streaming and matched through libyara's own mapping
    /// (two passes: measured 35 % slower on a 1 GiB corpus with a 4 MiB limit).
    public var inlineLimit: Int = 16 << 20
    /// Keep a read buffer that grew for a big file (bulk scans: the next big file comes
    /// soon). A daemon gives it back after each file, so its memory stays low.
    public var retainLargeBuffer = true
    public var yaraTimeoutSeconds: Int = 60
    /// Compute SHA-256 and MIME type for files with findings (for reports and quarantine).
    public var detailsForFindings = true
    public init() {}
}

/// Scans open files against a `Signatures` set. One per worker thread: it owns a YARA
/// scanner per rule set, a libmagic handle, digest contexts and a read buffer.
///
/// Owns: reading a file through its descriptor and running every check. Must not:
/// open paths, decide what to do with a verdict, or print.
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
        for set in signatures.ruleSets { scanners.append(try YaraScanner(rules: set, timeoutSeconds: limits.yaraTimeoutSeconds)) }
        yara = scanners
        if signatures.usesFileType { typeDetector = try FileTypeDetector() }
        buffer = .allocate(byteCount: FileScanner.chunk, alignment: 64)
    }

    deinit { buffer.deallocate() }

    /// Scans the regular file behind `file`. `st` is its fstat. `wantType` asks for the
    /// MIME type even when no rule needs it (upload type policies).
    public func scan(_ file: OpenFile, path: RawPath, stat st: stat, wantType: Bool = false) -> FileReport {
        var report = FileReport(path: path)
        report.size = Int64(st.st_size)
        guard st.isRegular else {
            report.status = .skipped(st.kindName)
            return report
        }
        if report.size > limits.maxFileSize {
            report.status = .skipped("larger than the maximum file size (\(formatBytes(limits.maxFileSize)))")
            return report
        }
        do {
            try scanContents(file, path: path, stat: st, wantType: wantType, into: &report)
        } catch {
            report.status = .failed(error.description)
        }
        if !limits.retainLargeBuffer && buffer.count > FileScanner.chunk {
            buffer.deallocate()
            buffer = .allocate(byteCount: FileScanner.chunk, alignment: 64)
        }
        return report
    }

    private func scanContents(_ file: OpenFile, path: RawPath, stat st: stat, wantType: Bool, into report: inout FileReport) throws(VigilError) {
        let size = report.size
        var kinds = signatures.hashes.neededDigests(forSize: size)
        let needType = signatures.usesFileType || wantType
        if size <= Int64(limits.inlineLimit) {
            // One read, then hash and match the same bytes while they are in cache.
            ensureCapacity(Int(size))
            let n: Int
            do { n = try file.read(into: buffer.baseAddress!, count: Int(size), at: 0) } catch {
                throw VigilError("read failed", cause: error)
            }
            report.bytesRead = Int64(n)
            let bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
            if limits.detailsForFindings && !kinds.isEmpty { kinds.insert(.sha256) }
            if !kinds.isEmpty {
                digest.start(kinds)
                digest.update(bytes)
                applyHashes(digest.finish(), size: size, into: &report)
            }
            let mime = needType ? typeOf(UnsafeRawBufferPointer(rebasing: bytes.prefix(1 << 20))) : ""
            if needType { report.mimeType = mime }
            if !yara.isEmpty {
                defineExternals(path: path, stat: st, mime: mime)
                for scanner in yara { addMatches(try scanner.scan(bytes), into: &report) }
            }
            if report.isFinding && limits.detailsForFindings {
                if report.sha256 == nil {
                    digest.start(.sha256)
                    digest.update(bytes)
                    report.sha256 = digest.finish().sha256
                }
                let t = describe(UnsafeRawBufferPointer(rebasing: bytes.prefix(1 << 20)))
                report.mimeType = t.mime
                report.typeDescription = t.description
            }
        } else {
            if !kinds.isEmpty {
                digest.start(kinds)
                report.bytesRead = try stream(file)
                applyHashes(digest.finish(), size: size, into: &report)
            }
            let head = try readHead(file)
            let mime = needType ? typeOf(head) : ""
            if needType { report.mimeType = mime }
            if !yara.isEmpty {
                defineExternals(path: path, stat: st, mime: mime)
                for scanner in yara { addMatches(try scanner.scan(fd: file.fd), into: &report) }
                report.bytesRead = max(report.bytesRead, size)
            }
            if report.isFinding && limits.detailsForFindings {
                if report.sha256 == nil {
                    digest.start(.sha256)
                    _ = try stream(file)
                    report.sha256 = digest.finish().sha256
                }
                let t = describe(try readHead(file))
                report.mimeType = t.mime
                report.typeDescription = t.description
            }
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
                throw VigilError("read failed", cause: error)
            }
            if n == 0 { break }
            digest.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            offset += Int64(n)
            if n < FileScanner.chunk { break }
        }
        return offset
    }

    private func readHead(_ file: OpenFile) throws(VigilError) -> UnsafeRawBufferPointer {
        let n: Int
        do { n = try file.read(into: buffer.baseAddress!, count: FileScanner.chunk, at: 0) } catch {
            throw VigilError("read failed", cause: error)
        }
        return UnsafeRawBufferPointer(rebasing: buffer[0..<n])
    }
}

public func formatBytes(_ n: Int64) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB"]
    var v = Double(n)
    var i = 0
    while v >= 1024 && i < units.count - 1 { v /= 1024; i += 1 }
    if i == 0 { return "\(n) B" }
    let rounded = (v * 10).rounded() / 10
    return rounded == rounded.rounded() ? "\(Int(rounded)) \(units[i])" : "\(rounded) \(units[i])"
}

/// "100M" -> 104857600. Plain numbers are bytes.
public func parseByteSize(_ text: String) -> Int64? {
    let t = String(text.filter { $0 != " " }).uppercased()
    let units: [(String, Int64)] = [("TB", 1 << 40), ("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10),
                                    ("TIB", 1 << 40), ("GIB", 1 << 30), ("MIB", 1 << 20), ("KIB", 1 << 10),
                                    ("T", 1 << 40), ("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10), ("B", 1)]
    for (suffix, mult) in units.sorted(by: { $0.0.count > $1.0.count }) where t.hasSuffix(suffix) {
        guard let n = Int64(t.dropLast(suffix.count)), n >= 0 else { return nil }
        return n.multipliedReportingOverflow(by: mult).overflow ? nil : n * mult
    }
    guard let n = Int64(t), n >= 0 else { return nil }
    return n
}

