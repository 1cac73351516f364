import Glibc
import VigilPrefilter
import VigilSystem

/// The checks of one scan and the reading they need: YARA within its deadline, hash
/// lookups, externals for the rules, the read buffer and streaming reads.
///
/// Owns: running each check over bytes already chosen by the read plan. Must not: choose
/// what to read (FileScanner's plans do).
extension FileScanner {
    /// Every rule set over `input`, within the per-file timeout and the caller's
    /// deadline. Matches and problems go into the report; a failure of one pass never
    /// touches findings already there. `decided`: each rule set's prefilter decision,
    /// already made over the file's chunks (`scanChunked`).
    func runYara(_ input: YaraScanner.Input, _ job: Job, mime: String, decided: [PrefilterDecision]? = nil,
                 into report: inout FileReport) {
        guard !yara.isEmpty else { return }
        defineExternals(job, mime: mime)
        let start = YaraScanner.now()
        let budget: UInt64? = limits.yaraTimeout > 0 ? UInt64(min(limits.yaraTimeout, 1e9) * 1e9) : nil
        let (end, byDeadline) = FileScanner.yaraEnd(start: start, budget: budget, deadline: job.deadline)
        for (i, scanner) in yara.enumerated() {
            let pass = scanner.scan(input, until: end, maxLostRules: limits.maxRuleErrorsPerFile, decided: decided?[i])
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

    func applyHashes(_ d: Digests, size: Int64, into report: inout FileReport) {
        report.sha256 = d.sha256
        for entry in signatures.hashes.lookup(d, size: size) {
            report.findings.append(Finding(source: .hash, name: entry.name, origin: entry.origin, verdict: entry.verdict,
                                           version: signatures.version.label))
        }
    }

    func addMatches(_ matches: [YaraScanner.Match], into report: inout FileReport) {
        for m in matches {
            report.findings.append(Finding(source: .rule, name: m.identifier, origin: m.namespace,
                                           verdict: m.verdict, detail: m.description, version: signatures.version.label))
        }
    }

    /// Each rule set's externals, in its own mode (ExternalsMode.swift).
    func defineExternals(_ job: Job, mime: String) {
        let name = job.memberName ?? String(decoding: job.path.lastComponent, as: UTF8.self)
        let owner = ownerName(job.stat.st_uid)
        let full = job.path.lossyString
        for scanner in yara {
            for (key, value) in scanner.rules.externalsMode.values(path: full, name: name, mime: mime, head: job.head,
                                                                    md5: job.md5, owner: owner) {
                scanner.define(key, value)
            }
        }
    }

    func ownerName(_ uid: uid_t) -> String {
        if let cached = owners[uid] { return cached }
        let name = userName(uid)
        owners[uid] = name
        return name
    }

    func ensureCapacity(_ n: Int) {
        guard n > buffer.count else { return }
        buffer.deallocate()
        buffer = .allocate(byteCount: max(n, buffer.count * 2), alignment: 64)
    }

    /// Feeds the whole file to the active digests in chunks; returns the bytes read.
    func stream(_ file: OpenFile) throws(VigilError) -> Int64 {
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

    func readHead(_ file: OpenFile, count: Int) throws(VigilError) -> UnsafeRawBufferPointer {
        let n: Int
        do { n = try file.read(into: buffer.baseAddress!, count: count, at: 0) } catch {
            throw VigilError("read failed", cause: error)
        }
        return UnsafeRawBufferPointer(rebasing: buffer[0..<n])
    }
}
