import ArgumentParser
import CLinux
import Glibc
import VigilArchive
import VigilConfig
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

        clamscan's flags mean what they mean there: -i, -d, -f, -l, '-' (standard input),
        --move, --copy, --quiet (errors only), --no-summary, --max-filesize, --exclude-dir
        (a regex), and the summary's "Infected files:" line. --exclude is a glob, as it
        always was in Vigil; --exclude-regex is clamscan's --exclude. For cron, so that a
        clean night mails nobody: vigil scan -ri --no-summary ...
        """
    )

    @Argument(help: "Files and folders to scan; '-' reads one file from standard input (default: the current folder).")
    var paths: [String] = []

    @Option(name: [.customShort("f"), .customLong("file-list")], help: ArgumentHelp("Also scan the files and folders listed in this file, one per line.", valueName: "file"))
    var fileList: String?

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

    @Option(name: .customLong("exclude-regex"), help: ArgumentHelp("Skip files whose path matches this POSIX extended regex (clamscan's --exclude). Repeatable.", valueName: "regex"))
    var excludeRegexes: [String] = []

    @Option(name: .customLong("exclude-dir"), help: ArgumentHelp("Do not enter folders whose path matches this POSIX extended regex (as clamscan). Repeatable.", valueName: "regex"))
    var excludeDirRegexes: [String] = []

    @Option(name: [.customLong("max-file-size"), .customLong("max-filesize")], help: ArgumentHelp("Scan only the first and last 8 MiB of files bigger than this (K, M, G suffixes; 0: no limit). Unlike clamscan, a bigger file is never skipped as clean.", valueName: "size"))
    var maxFileSize: String = "100M"

    @Option(help: ArgumentHelp("Give YARA at most this long per file (fractions allowed; 0: no limit). A file that runs out is reported as an error, never as clean.", valueName: "seconds"))
    var yaraTimeout: Double = 60

    @Flag(help: "Run libyara on every file, without the literal prefilter in front of it (the same results, slower; for comparison).")
    var noPrefilter = false

    @Flag(help: "One ECS JSON object per finding, then a summary object.")
    var json = false

    @Flag(name: [.customShort("i"), .long], help: "Print findings, errors and rule errors only: no notes about skipped or partially scanned files, no warnings.")
    var infectedOnly = false

    @Flag(help: "Print errors only (files that could not be judged): no findings, notes or summary. The exit status tells.")
    var quiet = false

    @Flag(help: "Do not print the closing summary.")
    var noSummary = false

    @Option(name: [.customShort("l"), .customLong("log")], help: ArgumentHelp("Also append everything printed to this file.", valueName: "file"))
    var log: String?

    @Option(name: [.customLong("move-to"), .customLong("move")], help: ArgumentHelp("Move files with findings into this quarantine folder (root-only, atomic).", valueName: "dir"))
    var moveTo: String?

    @Option(name: .customLong("copy"), help: ArgumentHelp("Copy files with findings into this folder (mode 0600, never replacing a file there).", valueName: "dir"))
    var copyTo: String?

    @OptionGroup(title: "Archives") var archives: ArchiveCLIOptions

    @Option(help: ArgumentHelp("Parse files (libyara and its modules, libmagic, libarchive) in sandboxed worker processes, one per thread: own user, no capabilities, Landlock without file access, seccomp. Default: yes as root (unless [scanning] sandbox = false in the config), no otherwise (the parsers then run with the user's own rights).", valueName: "yes|no"))
    var sandbox: String?

    func validate() throws {
        if let threads, threads < 1 || threads > 256 { throw ValidationError("--threads must be between 1 and 256") }
        if parseByteSize(maxFileSize) == nil { throw ValidationError("--max-file-size: '\(maxFileSize)' is not a size like 100M") }
        if !yaraTimeout.isFinite || yaraTimeout < 0 { throw ValidationError("--yara-timeout must be 0 (no limit) or a number of seconds") }
        try archives.validate()
        if let sandbox, ArchiveCLIOptions.yesNo(sandbox) == nil { throw ValidationError("--sandbox takes yes or no, not '\(sandbox)'") }
    }

    func run() throws {
        var options = ScanRun.Options()
        switch SandboxedScans.choose(asked: sandbox.flatMap(ArchiveCLIOptions.yesNo), configured: (try? Configuration.load(path: nil))?.daemon.sandbox,
                                     isRoot: geteuid() == 0) {
        case .workers: options.sandbox = SandboxedScans(identity: Sandbox.Identity.resolve().0)
        case .inProcess: break
        case .refused(let why):
            printError("vigil: \(why)")
            throw ExitCode(2)
        }
        let sigs = try signatures.load(keepSavedRules: options.sandbox != nil)
        if let threads { options.threads = threads }
        options.walk.followSymlinks = followSymlinks
        options.walk.oneFileSystem = oneFileSystem
        options.walk.excludes = excludes
        do {
            options.walk.excludeRegexes = try excludeRegexes.map { pattern throws(VigilError) in try PathRegex(pattern) }
            options.walk.excludeDirRegexes = try excludeDirRegexes.map { pattern throws(VigilError) in try PathRegex(pattern) }
        } catch {
            printError("vigil: \(error)")
            throw ExitCode(2)
        }
        if let copyTo {
            do { options.copies = try InfectedCopies(directory: copyTo) } catch {
                printError("vigil: \(error)")
                throw ExitCode(2)
            }
        }
        options.limits.maxFileSize = parseByteSize(maxFileSize)!
        options.limits.yaraTimeout = yaraTimeout
        // A handful of small files named on the command line, or held by a named folder:
        // libyara alone is cheaper than compiling the prefilter (PrefilterChoice says why),
        // with the same verdicts. No name, no list, no "-": the scan is of the current
        // folder (below).
        let targets = (paths.isEmpty && fileList == nil ? ["."] : paths.filter { $0 != "-" }).flatMap { p in
            FolderLookahead.targets(rawArgument(p), followSymlinks: followSymlinks)
        }
        options.limits.prefilter = PrefilterChoice.compile(asked: !noPrefilter, targets: targets, fileList: fileList != nil,
                                                           standardInput: paths.contains("-"))
        // No more threads (each with its worker process) than named files can use.
        options.threads = ThreadChoice.count(asked: options.threads, targets: targets, fileList: fileList != nil)
        options.limits.chunkedReads = true
        // A finding's SHA-256 and file type appear only in JSON events and quarantine
        // records: plain output never loads libmagic (15 MB) or hashes a file again for them.
        options.limits.detailsForFindings = json || moveTo != nil
        if options.limits.prefilter && !quiet {
            for why in sigs.preparePrefilter(streaming: true) { printError("vigil: warning: the literal prefilter is off (\(why)): libyara scans every file") }
        }
        options.limits.archives = archives.options()
        if let moveTo {
            options.quarantine = try QuarantineStore(directory: moveTo)
        }
        var listed: [RawPath] = []
        if let fileList {
            do { listed = try readFileList(fileList) } catch {
                printError("vigil: \(error)")
                throw ExitCode(2)
            }
        }
        let fromStdin = paths.contains("-")
        let named = paths.filter { $0 != "-" }.map(rawArgument) + listed
        let roots = named.isEmpty && !fromStdin && fileList == nil ? [RawPath(".")] : named
        let json = json, infectedOnly = infectedOnly, quiet = quiet
        let out = OutputSink()
        if let log {
            do { try out.appendLog(to: log) } catch {
                printError("vigil: \(error)")
                throw ExitCode(2)
            }
        }
        let run = ScanRun(signatures: sigs, options: options)
        let progress = ProgressDisplay.startIfTerminal(run: run, enabled: !json && !quiet)

        let summary: ScanSummary
        let onEvent: @Sendable (ScanEvent) -> Void = { event in
                progress?.clearLine()
                if quiet {
                    for note in ScanOutput.noteLines(event.report, errorsOnly: true) { out.errorLine(note) }
                } else if json {
                    for line in ScanOutput.allowlistObjects(event.report) { out.line(line) }
                    for line in ScanOutput.findingObjects(event) { out.line(line) }
                    for note in ScanOutput.noteObjects(event.report, infectedOnly: infectedOnly) { out.line(note) }
                } else {
                    for line in ScanOutput.allowlistLines(event.report) { out.line(line) }
                    for line in ScanOutput.findingLines(event) { out.line(line) }
                    for note in ScanOutput.noteLines(event.report, infectedOnly: infectedOnly) { out.errorLine(note) }
                }
        }
        do {
            if fromStdin {
                let file = try readStandardInput()
                try run.scanStandalone(file, path: RawPath("stdin"), onEvent: onEvent)
            }
            summary = try run.run(roots, onEvent: onEvent)
        } catch {
            progress?.stop()
            throw error
        }
        progress?.stop()
        if !noSummary && !quiet {
            out.line(json ? ScanOutput.summaryObject(summary) : ScanOutput.summaryText(summary))
        }
        out.flush()
        if summary.infectedFiles > 0 { throw ExitStatus.finding }
        if summary.errors > 0 { throw ExitStatus.error }
    }
}

/// clamscan's `-f`: one path per line (LF or CRLF; blank lines skipped), bytes as written.
func readFileList(_ path: String) throws(VigilError) -> [RawPath] {
    let file: OpenFile
    do { file = try OpenFile.open(RawPath(path)) } catch { throw VigilError("-f \(path): cannot open", cause: error) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    var offset: Int64 = 0
    while true {
        let n: Int
        do { n = try file.read(into: &chunk, at: offset) } catch { throw VigilError("-f \(path): read failed", cause: error) }
        if n == 0 { break }
        bytes += chunk[0..<n]
        offset += Int64(n)
    }
    return bytes.split(separator: 10).compactMap { line in
        let l = line.last == 13 ? line.dropLast() : line
        return l.isEmpty ? nil : RawPath(bytes: Array(l))
    }
}

/// clamscan's `-`: standard input, copied into an anonymous memory file so that every
/// check (and `--copy`) reads it like a file. Bounded by memory, as clamscan's is by disk.
func readStandardInput() throws(VigilError) -> OpenFile {
    let fd = try sysCall(orThrow: "cannot hold standard input") { vigil_memfd("vigil-stdin") }
    let file = OpenFile(adopting: fd)
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    while true {
        let n = try sysCall(orThrow: "cannot read standard input") { read(0, &buffer, buffer.count) }
        if n == 0 { break }
        var done = 0
        while done < n {
            let from = done
            done += try sysCall(orThrow: "cannot hold standard input") { buffer.withUnsafeBytes { write(fd, $0.baseAddress! + from, n - from) } }
        }
    }
    return file
}
