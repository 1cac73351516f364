import Glibc
import VigilArchive
import VigilSystem

/// Whether and how archive members are scanned, and what a reached limit or an
/// encrypted member amounts to.
public struct ArchiveOptions: Sendable, Equatable {
    /// Off by default: the permission path opts in (a limit keeps opens fast); `vigil
    /// scan` and upload folders turn it on.
    public var enabled = false
    public var limits = ArchiveLimits()
    /// The verdict of a finding `Vigil.Archive.Limit.<limit>` when a limit left part of an
    /// archive unread. `.allow` (the default, as clamscan's --alert-exceeds-max=no): a
    /// problem only, printed even with --infected-only and never cached as clean, so a bomb
    /// is never a silent pass while a stock system's deep test archives are no finding.
    /// Upload folders should set quarantine or deny.
    public var onLimit: Verdict = .allow
    /// The verdict of a finding `Vigil.Archive.Encrypted` for an encrypted member or
    /// encrypted headers (`.allow`: reported as a problem only, as clamscan does by default).
    public var onEncrypted: Verdict = .allow
    public init() {}

    /// The name of the finding a reached limit gives: `Vigil.Archive.Limit.TotalBytes`.
    public static func findingName(_ limit: ArchiveLimit) -> String {
        let camel = limit.rawValue.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        return "Vigil.Archive.Limit." + camel
    }
}

/// Archive members through the same checks as files.
///
/// Owns: handing an archive's members to YARA and the hash lists, naming findings after
/// the member, and turning archive notes into problems and findings. Must not: open
/// paths, or read archives itself (VigilArchive does).
extension FileScanner {
    /// Scans the members of the file if its first bytes say it is an archive (a few byte
    /// compares otherwise). Members' findings join the file's report with `member` set,
    /// so the outer file is what a verdict acts on.
    func scanArchiveMembers(_ source: ArchiveScanner.Source, head: UnsafeRawBufferPointer, _ job: Job,
                            into report: inout FileReport) {
        let options = job.archives
        guard options.enabled, let format = ArchiveFormat.sniff(head) else { return }
        let reader: ArchiveScanner
        if let existing = archiveScanner, existing.limits == options.limits { reader = existing } else {
            reader = ArchiveScanner(limits: options.limits)
            archiveScanner = reader
        }
        // One end for the walk and for YARA inside it: each member must not get the
        // whole per-file YARA timeout again.
        let own: UInt64? = options.limits.maxSeconds > 0 ? YaraScanner.now() &+ UInt64(min(options.limits.maxSeconds, 1e9) * 1e9) : nil
        let end: UInt64? = switch (own, job.deadline) {
        case (nil, nil): nil
        case (let o?, nil): o
        case (nil, let d?): d
        case (let o?, let d?): min(o, d)
        }
        let result = reader.scan(source, format: format, outerName: job.path.lossyString, deadline: end) { member in
            scanMember(member, outer: job, deadline: end, into: &report)
            return .continue
        }
        report.archiveMembers += result.members
        report.archiveBytes += result.unpackedBytes
        for note in result.notes {
            switch note {
            case let .limit(limit, member, detail):
                report.problems.append(.archiveLimit(limit: limit.rawValue, member: member, detail: detail))
                if options.onLimit > .allow {
                    report.findings.append(Finding(source: .archive, name: ArchiveOptions.findingName(limit), origin: "archive limits",
                                                   verdict: options.onLimit, detail: detail, member: member.isEmpty ? nil : member))
                }
            case let .encrypted(member):
                report.problems.append(.archiveEncrypted(member: member))
                if options.onEncrypted > .allow {
                    report.findings.append(Finding(source: .archive, name: "Vigil.Archive.Encrypted", origin: "archive policy",
                                                   verdict: options.onEncrypted, detail: "encrypted", member: member.isEmpty ? nil : member))
                }
            case let .unreadable(member, message):
                report.problems.append(.archiveUnreadable(member: member, message: message))
            }
        }
        if !limits.retainLargeBuffer { reader.trimBuffers() }
    }

    /// One member: hash lists over its bytes (when held whole), then every rule set with
    /// the member's own name in the externals.
    private func scanMember(_ m: ArchiveMember, outer job: Job, deadline: UInt64?, into report: inout FileReport) {
        var sub = FileReport(path: job.path)
        let size = Int64(m.bytes.count)
        var md5 = ""
        if !m.isTruncated {
            var kinds = signatures.hashes.neededDigests(forSize: size)
            if signatures.usesMD5 { kinds.insert(.md5) }
            if !kinds.isEmpty {
                digest.start(kinds)
                digest.update(m.bytes)
                let d = digest.finish()
                md5 = d.md5?.description ?? ""
                applyHashes(d, size: size, into: &sub)
            }
        }
        let head = UnsafeRawBufferPointer(rebasing: m.bytes.prefix(1 << 20))
        let mime = job.needType ? typeOf(head) : ""
        let virtualPath = RawPath(bytes: job.path.bytes + Array("!".utf8) + Array(m.path.utf8))
        let memberJob = Job(file: job.file, path: virtualPath, stat: job.stat, needType: job.needType, deadline: deadline,
                            memberName: m.name.split(separator: "/").last.map(String.init) ?? m.name, head: head, md5: md5)
        runYara(.memory(m.bytes), memberJob, mime: mime, into: &sub)
        for var f in sub.findings {
            f.member = m.path
            report.findings.append(f)
        }
        for p in sub.problems where !report.problems.contains(p) { report.problems.append(p) }
    }
}
