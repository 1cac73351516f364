import Glibc
import VigilArchive
import VigilSystem

// Owns: the quick clear of a small file, for the thread that answers the kernel: the
// checks a full scan runs, stopping (false) wherever that scan would need libyara,
// libmagic or an archive walk. Must not: open paths (its caller must never wait on an
// open, its own included), build anything, or report findings (a file with anything to
// report gets a full scan).

extension FileScanner {
    /// True when `scan` would find nothing in this file without running libyara, libmagic
    /// or an archive walk: it is at most `maxBytes`, read whole; no hash list or PE section
    /// hash lists it; every rule set's literal prefilter proves no rule can match it; and
    /// it is not an archive the scan would open. False means only "scan it fully".
    ///
    /// The same read plan, digests and prefilter decision as `scan`'s in-memory path, so a
    /// file cleared here is one `scan` would have found clean the same way (and counted as
    /// a prefilter skip).
    public func clearsQuickly(_ file: OpenFile, stat st: stat, maxBytes: Int) -> Bool {
        clearsQuickly(fd: file.fd, stat: st, maxBytes: maxBytes)
    }

    /// `clearsQuickly` over a borrowed descriptor (an event's): nothing is allocated
    /// unless PE section hashes are loaded.
    public func clearsQuickly(fd: Int32, stat st: stat, maxBytes: Int) -> Bool {
        let size = Int64(st.st_size)
        guard st.isRegular, size >= 0, size <= Int64(maxBytes), case .whole = limits.plan(size: size) else { return false }
        // A rule reading the file type needs libmagic; a rule set without a prefilter needs libyara.
        guard !signatures.usesMimeType, yara.allSatisfy(\.prefiltered) else { return false }
        ensureCapacity(Int(size))
        guard let n = try? OpenFile.read(fd: fd, into: buffer.baseAddress!, count: Int(size), at: 0), n == Int(size) else { return false }
        let bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
        let kinds = signatures.hashes.neededDigests(forSize: size)
        if !kinds.isEmpty {
            digest.start(kinds)
            digest.update(bytes)
            if !signatures.hashes.lookup(digest.finish(), size: size).isEmpty { return false }
        }
        if signatures.sectionHashes.entryCount > 0 {
            var report = FileReport(path: RawPath(bytes: []))
            report.size = size
            applySectionHashes(bytes, Job(file: OpenFile(borrowing: fd), path: report.path, stat: st, needType: false, deadline: nil), into: &report)
            if !report.findings.isEmpty || !report.problems.isEmpty { return false }
        }
        if limits.archives.enabled, ArchiveFormat.sniff(UnsafeRawBufferPointer(rebasing: bytes.prefix(ArchiveFormat.headBytes))) != nil {
            return false
        }
        for scanner in yara where !scanner.prefilterClears(bytes) { return false }
        return true
    }
}
