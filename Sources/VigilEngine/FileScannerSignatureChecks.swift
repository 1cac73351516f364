import Glibc
import VigilSystem

// Owns: the checks the signature lifecycle added to a scan: ClamAV PE section hashes and
// the allowlist that sets findings aside. Must not: open paths, decide an answer, or print.

extension FileScanner {
    /// ClamAV section hashes (.mdb/.msb): each PE section whose raw size some entry has
    /// is hashed (from `bytes` when the file is in memory, else read again) and looked up.
    /// Files that are not PE cost the header check only.
    func applySectionHashes(_ bytes: UnsafeRawBufferPointer?, _ job: Job, into report: inout FileReport) {
        let list = signatures.sectionHashes
        let sections: [PESections.Section]
        if let bytes {
            sections = PESections.parse(UnsafeRawBufferPointer(rebasing: bytes.prefix(4096)), fileSize: Int64(bytes.count))
        } else {
            guard let head = try? readHead(job.file, count: 4096) else { return }
            sections = PESections.parse(head, fileSize: report.size)
        }
        for section in sections {
            let kinds = list.neededDigests(forSize: section.size)
            if kinds.isEmpty { continue }
            digest.start(kinds)
            if let bytes {
                digest.update(UnsafeRawBufferPointer(rebasing: bytes[Int(section.offset)..<Int(section.offset + section.size)]))
            } else {
                do { try streamRange(job.file, from: section.offset, count: section.size) } catch {
                    _ = digest.finish()
                    report.problems.append(.readError("PE section hashes not checked: \(error)"))
                    return
                }
            }
            for entry in list.lookup(digest.finish(), size: section.size) {
                report.findings.append(Finding(source: .hash, name: entry.name, origin: entry.origin, verdict: entry.verdict,
                                               detail: "PE section at offset \(section.offset), \(section.size) bytes",
                                               version: signatures.version.label))
            }
        }
    }

    /// Feeds `count` bytes from `offset` to the active digests.
    func streamRange(_ file: OpenFile, from offset: Int64, count: Int64) throws(VigilError) {
        var done: Int64 = 0
        while done < count {
            let want = Int(min(Int64(FileScanner.chunk), count - done))
            let n: Int
            do { n = try file.read(into: buffer.baseAddress!, count: want, at: offset + done) } catch {
                throw VigilError("read failed at offset \(offset + done)", cause: error)
            }
            if n == 0 { throw VigilError("file ended at offset \(offset + done), inside a PE section") }
            digest.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            done += Int64(n)
        }
    }

    /// A file with findings whose digest is allowlisted: the findings are set aside into
    /// `allowlisted`. Only files with findings get here, so the digests the allowlist
    /// needs beyond the SHA-256 already taken are computed only for them (read again
    /// whole: an oversize file's windows have no digest).
    func applyAllowlist(_ job: Job, into report: inout FileReport) {
        let allow = signatures.allowlist
        var kinds = allow.neededDigests(forSize: report.size)
        if kinds.isEmpty { return }
        var digests = Digests()
        digests.sha256 = report.sha256
        if report.sha256 != nil { kinds.remove(.sha256) }
        if !kinds.isEmpty {
            digest.start(kinds)
            do { _ = try stream(job.file) } catch {
                _ = digest.finish()
                report.problems.append(.readError("allowlist not checked: \(error)"))
                return
            }
            let d = digest.finish()
            digests.md5 = d.md5
            digests.sha1 = d.sha1
            if d.sha256 != nil { digests.sha256 = d.sha256; report.sha256 = d.sha256 }
        }
        guard let entry = allow.match(digests, size: report.size) else { return }
        report.allowlisted = AllowlistHit(entry: entry.name, origin: entry.origin, suppressed: report.findings)
        report.findings = []
    }
}
