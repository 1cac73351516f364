import ArgumentParser
import Glibc
import VigilArchive
import VigilEngine
import VigilQuarantine
import VigilScan
import VigilSystem

// `vigil scan`.

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan files and folders on demand: by hand, from cron or a systemd timer.",
        discussion: """
        Exit status (as clamscan): 0 nothing found, 1 something found, 2 errors only.
        A finding wins over errors: a scan that found malware exits 1 even if some files
        could not be read (the error count is in the summary).
        Errors: a file that could not be read, or whose YARA pass timed out or failed.
        Not errors: skipped files (FIFOs, sockets, devices, pseudo-files); files over
        --max-file-size, of which the first and last 8 MiB are scanned with YARA
        ("partially scanned", or FOUND if the windows match; hash lists cannot match);
        rule errors, where one rule failed at run time (a regex too complex for libyara
        on that file): that rule is named and left out, and the file is judged by every
        other rule. Errors and rule errors are printed even with --infected-only.
        """
    )

    @Argument(help: "Files and folders to scan (default: the current folder).")
    var paths: [String] = []

    @OptionGroup var signatures: SignatureOptions

    @Option(help: "Worker threads (default: one per core).")
    var threads: Int?

    @Flag(name: [.customShort("r"), .long], help: "Accepted for clamscan compatibility; folders are always scanned recursively.")
    var recursive = false

    @Flag(help: "Follow symbolic links inside folders (links given on the command line are always followed).")
    var followSymlinks = false

    @Flag(help: "Do not cross into other filesystems below each path.")
    var oneFileSystem = false

    @Option(name: .customLong("exclude"), help: ArgumentHelp("Skip names (or, with a '/', whole paths) matching this glob. Repeatable.", valueName: "glob"))
    var excludes: [String] = []

    @Option(help: ArgumentHelp("Scan only the first and last 8 MiB of files bigger than this (K, M, G suffixes; 0: no limit).", valueName: "size"))
    var maxFileSize: String = "100M"

    @Option(help: ArgumentHelp("Give YARA at most this long per file (fractions allowed; 0: no limit). A file that runs out is reported as an error, never as clean.", valueName: "seconds"))
    var yaraTimeout: Double = 60

    @Flag(help: "One ECS JSON object per finding, then a summary object.")
    var json = false

    @Flag(help: "Print findings, errors and rule errors only: no notes about skipped or partially scanned files, no warnings.")
    var infectedOnly = false

    @Flag(help: "Do not print the closing summary.")
    var noSummary = false

    @Option(help: ArgumentHelp("Move files with findings into this quarantine folder (root-only, atomic).", valueName: "dir"))
    var moveTo: String?

    @OptionGroup(title: "Archives") var archives: ArchiveCLIOptions

    func validate() throws {
        if let threads, threads < 1 || threads > 256 { throw ValidationError("--threads must be between 1 and 256") }
        if parseByteSize(maxFileSize) == nil { throw ValidationError("--max-file-size: '\(maxFileSize)' is not a size like 100M") }
        if !yaraTimeout.isFinite || yaraTimeout < 0 { throw ValidationError("--yara-timeout must be 0 (no limit) or a number of seconds") }
        try archives.validate()
    }

    func run() throws {
        let sigs = try signatures.load()
        var options = ScanRun.Options()
        if let threads { options.threads = threads }
        options.walk.followSymlinks = followSymlinks
        options.walk.oneFileSystem = oneFileSystem
        options.walk.excludes = excludes
        options.limits.maxFileSize = parseByteSize(maxFileSize)!
        options.limits.yaraTimeout = yaraTimeout
        options.limits.archives = archives.options()
        if let moveTo {
            options.quarantine = try QuarantineStore(directory: moveTo)
        }
        let roots = (paths.isEmpty ? ["."] : paths).map(rawArgument)
        let json = json, infectedOnly = infectedOnly
        let out = OutputSink()
        let run = ScanRun(signatures: sigs, options: options)
        let progress = ProgressDisplay.startIfTerminal(run: run, enabled: !json)

        let summary: ScanSummary
        do {
            summary = try run.run(roots) { event in
                progress?.clearLine()
                if json {
                    for line in ScanOutput.findingObjects(event) { out.line(line) }
                    for note in ScanOutput.noteObjects(event.report, infectedOnly: infectedOnly) { out.line(note) }
                } else {
                    for line in ScanOutput.findingLines(event) { out.line(line) }
                    for note in ScanOutput.noteLines(event.report, infectedOnly: infectedOnly) { out.errorLine(note) }
                }
            }
        } catch {
            progress?.stop()
            throw error
        }
        progress?.stop()
        if !noSummary {
            out.line(json ? ScanOutput.summaryObject(summary) : ScanOutput.summaryText(summary))
        }
        out.flush()
        if summary.infectedFiles > 0 { throw ExitStatus.finding }
        if summary.errors > 0 { throw ExitStatus.error }
    }
}
