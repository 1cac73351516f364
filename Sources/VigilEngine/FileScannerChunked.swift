import Glibc
import VigilArchive
import VigilPrefilter
import VigilSystem

// Owns: the chunked read plan of a file bigger than one chunk (`ScanLimits.chunkedReads`:
// `vigil scan`, and the daemon's scan worker processes):
// one pass through the worker's fixed buffer that feeds each chunk to the digests and to
// every rule set's stream prefilter, then libyara only where a prefilter cannot clear the
// file. Must not: open paths, grow the buffer, or judge a file differently from the
// in-memory plan (same digests, same prefilter decision, same libyara rules).

extension FileScanner {
    /// Whether `job` can take the chunked plan: bulk scans asked for it, every rule set
    /// streams, and nothing needs the whole file in memory (a file type for a rule or a
    /// policy, LOKI's externals, a header guard past the first chunk).
    func readsInChunks(_ job: Job) -> Bool {
        guard limits.chunkedReads, !job.needType else { return false }
        for scanner in yara {
            guard scanner.streams, scanner.rules.externalsMode == .vigil, scanner.guardReach <= FileScanner.chunk else { return false }
        }
        return true
    }

    /// Reads the file once, chunk by chunk, hashing and prefiltering as it goes; libyara
    /// maps the file itself only for a rule set whose prefilter could not clear it.
    func scanChunked(_ job: Job, into report: inout FileReport) {
        var job = job
        let size = report.size
        var kinds = signatures.hashes.neededDigests(forSize: size)
        if limits.detailsForFindings && !kinds.isEmpty { kinds.insert(.sha256) }
        if signatures.usesMD5 { kinds.insert(.md5) }
        if !kinds.isEmpty { digest.start(kinds) }
        for scanner in yara { scanner.beginFile() }
        // The first bytes, for the header guards (kept: the buffer is reused per chunk).
        let keep = min(Int(size), yara.map(\.guardReach).max() ?? 0)
        var head = [UInt8](repeating: 0, count: keep)
        var headCount = 0
        var offset: Int64 = 0
        var failure: Errno?
        // The caller's deadline (the daemon's scan budget) also bounds the reading: a
        // huge file must not hold a worker past it only to be answered by on_timeout.
        let started = YaraScanner.now()
        var pastDeadline = false
        while offset < size {
            if let end = job.deadline, YaraScanner.now() >= end {
                pastDeadline = true
                break
            }
            let want = Int(min(Int64(buffer.count), size - offset))
            let n: Int
            do { n = try job.file.read(into: buffer.baseAddress!, count: want, at: offset) } catch {
                failure = error
                break
            }
            if n == 0 { break } // truncated while we read: what is there is what we judge
            let piece = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
            if offset == 0 && keep > 0 {
                headCount = min(n, keep)
                head.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: piece.prefix(headCount))) }
            }
            digest.update(piece)
            for scanner in yara { scanner.feed(piece) }
            offset += Int64(n)
        }
        // Only bytes really read: a file cut short under us has no bytes past its end (a
        // guard reading there is undefined, as in libyara), not zeros.
        let decisions = head.withUnsafeBytes { h in yara.map { $0.finishFile(head: UnsafeRawBufferPointer(rebasing: h.prefix(headCount))) } }
        let digests = kinds.isEmpty ? Digests() : digest.finish()
        if let failure {
            report.status = .failed("read failed at offset \(offset): \(failure)")
            return
        }
        if pastDeadline, let end = job.deadline {
            report.bytesRead = offset
            report.problems.append(.timedOut(seconds: end > started ? Double(end - started) / 1e9 : 0, byDeadline: true))
            return
        }
        report.bytesRead = offset
        if !kinds.isEmpty {
            job.md5 = digests.md5?.description ?? ""
            applyHashes(digests, size: size, into: &report)
        }
        if signatures.sectionHashes.entryCount > 0 { applySectionHashes(nil, job, into: &report) }
        if decisions.contains(where: { $0 != .clean }) {
            runYara(.descriptor(job.file.fd), job, mime: "", decided: decisions, into: &report)
        }
        if job.archives.enabled, let archiveHead = try? readHead(job.file, count: ArchiveFormat.headBytes) {
            scanArchiveMembers(.descriptor(job.file.fd, size: size, head: archiveHead), head: archiveHead, job, into: &report)
        }
        if report.isFinding && limits.detailsForFindings {
            if report.sha256 == nil {
                digest.start(.sha256)
                // Best effort: the quarantine store hashes again if this is missing.
                if (try? stream(job.file)) != nil { report.sha256 = digest.finish().sha256 } else { _ = digest.finish() }
            }
            if let typeHead = try? readHead(job.file, count: FileScanner.chunk) {
                let t = describe(typeHead)
                report.mimeType = t.mime
                report.typeDescription = t.description
            }
        }
    }
}
