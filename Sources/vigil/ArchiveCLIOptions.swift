import ArgumentParser
import VigilArchive
import VigilEngine
import VigilSystem

/// clamscan's archive options, with clamscan's names and Vigil's limits as defaults.
///
/// Owns: parsing and checking the archive flags of `vigil scan`. Must not: scan.
struct ArchiveCLIOptions: ParsableArguments {
    @Option(name: .customLong("scan-archive"), help: ArgumentHelp("Scan inside archives and compressed files: zip, tar, gzip, bzip2, xz, zstd, lz4, 7z, rar, cpio, iso (yes or no).", valueName: "yes|no"))
    var scanArchive = "yes"

    @Option(name: .customLong("max-recursion"), help: ArgumentHelp("Open archives nested at most this deep.", valueName: "n"))
    var maxRecursion = ArchiveLimits().maxDepth

    @Option(name: .customLong("max-files"), help: ArgumentHelp("Read at most this many members of one archive, every level together.", valueName: "n"))
    var maxFiles = ArchiveLimits().maxEntries

    @Option(name: .customLong("max-scansize"), help: ArgumentHelp("Unpack at most this much from one archive (K, M, G suffixes).", valueName: "size"))
    var maxScanSize = "512M"

    @Option(name: .customLong("max-archive-member"), help: ArgumentHelp("Scan at most this much of one archive member (K, M, G suffixes).", valueName: "size"))
    var maxMember = "64M"

    @Option(name: .customLong("max-scantime"), help: ArgumentHelp("Spend at most this many milliseconds reading one archive (0: no limit).", valueName: "ms"))
    var maxScanTime = 30_000

    @Option(name: .customLong("alert-exceeds-max"), help: ArgumentHelp("Report an archive that reached a limit as a finding, Vigil.Archive.Limit.* (an audit: it is never moved). With 'no' (the default) it is a note, printed even with -i.", valueName: "yes|no"))
    var alertExceedsMax = "no"

    @Option(name: .customLong("alert-encrypted"), help: ArgumentHelp("Report encrypted archive members as a finding, Vigil.Archive.Encrypted. With 'no' (the default) they are a note.", valueName: "yes|no"))
    var alertEncrypted = "no"

    func validate() throws {
        for (name, value) in [("scan-archive", scanArchive), ("alert-exceeds-max", alertExceedsMax), ("alert-encrypted", alertEncrypted)]
        where ArchiveCLIOptions.yesNo(value) == nil {
            throw ValidationError("--\(name) takes yes or no, not '\(value)'")
        }
        if maxRecursion < 0 || maxFiles < 1 || maxScanTime < 0 { throw ValidationError("archive limits must be positive numbers") }
        if parseByteSize(maxScanSize) == nil { throw ValidationError("--max-scansize: '\(maxScanSize)' is not a size like 512M") }
        if parseByteSize(maxMember) == nil { throw ValidationError("--max-archive-member: '\(maxMember)' is not a size like 64M") }
    }

    func options() -> ArchiveOptions {
        var o = ArchiveOptions()
        o.enabled = ArchiveCLIOptions.yesNo(scanArchive) ?? true
        o.limits.maxDepth = maxRecursion
        o.limits.maxEntries = maxFiles
        o.limits.maxTotalBytes = parseByteSize(maxScanSize) ?? o.limits.maxTotalBytes
        o.limits.maxEntrySize = parseByteSize(maxMember) ?? o.limits.maxEntrySize
        o.limits.maxBufferedBytes = max(o.limits.maxBufferedBytes, 2 * o.limits.maxEntrySize)
        o.limits.maxSeconds = Double(maxScanTime) / 1000
        o.onLimit = ArchiveCLIOptions.yesNo(alertExceedsMax) == false ? .allow : .audit
        o.onEncrypted = ArchiveCLIOptions.yesNo(alertEncrypted) == true ? .audit : .allow
        return o
    }

    static func yesNo(_ s: String) -> Bool? {
        switch s.lowercased() {
        case "yes", "y", "true", "1": true
        case "no", "n", "false", "0": false
        default: nil
        }
    }
}
