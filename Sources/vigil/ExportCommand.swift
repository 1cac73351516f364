import ArgumentParser
import Glibc
import VigilShipping

/// `vigil export`: ship the event spool to OpenSearch/Elasticsearch's `_bulk` API, or add
/// NDJSON lines (a scan's `--json` output, an old event log) to the spool.
///
/// Owns: the command line of the exporter. Must not: decide delivery (BulkExporter does).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Ship spooled events to an OpenSearch/Elasticsearch _bulk endpoint, exactly once per event.id.",
        discussion: """
        The daemon ships its own event log when [shipping] url is set (reading the log itself from a cursor); this command \
        runs the same exporter over a spool by hand or from a timer, and --enqueue adds lines from a file (- for standard input) to a spool, \
        e.g. `vigil scan --json ... | vigil export --spool DIR --enqueue -`.
        Exit status: 0 when everything queued was settled (delivered, or set aside in DIR/dead-letter.ndjson with its \
        reason), 1 when stopped before, 2 on a usage or spool error.
        """)

    @Option(help: ArgumentHelp("The spool folder.", valueName: "dir")) var spool: String
    @Option(help: ArgumentHelp("Base URL of the cluster (http:// or https://).", valueName: "url")) var url: String?
    @Option(help: ArgumentHelp("Data stream or index to write to.", valueName: "name")) var index = "vigil-events"
    @Option(help: ArgumentHelp("Documents per _bulk request.", valueName: "n")) var batchSize = 500
    @Option(help: ArgumentHelp("Trust these CAs instead of the system's.", valueName: "pem")) var caFile: String?
    @Option(help: ArgumentHelp("A file holding an API key (sent as Authorization: ApiKey).", valueName: "file")) var apiKeyFile: String?
    @Option(help: ArgumentHelp("User name for basic authentication (with --password-file).", valueName: "name")) var user: String?
    @Option(help: ArgumentHelp("A file holding the basic-authentication password.", valueName: "file")) var passwordFile: String?
    @Option(help: ArgumentHelp("Add the lines of FILE (- = standard input) to the spool, then exit.", valueName: "file")) var enqueue: String?
    @Flag(help: "Exit once the spool is drained instead of waiting for more.") var untilEmpty = false

    func validate() throws {
        if enqueue == nil {
            guard let url, url.hasPrefix("http://") || url.hasPrefix("https://") else { throw ValidationError("--url http(s)://HOST:PORT is required to ship") }
        }
        guard (1...10_000).contains(batchSize) else { throw ValidationError("--batch-size must be 1 to 10000") }
        if (user == nil) != (passwordFile == nil) { throw ValidationError("--user and --password-file go together") }
    }

    static func secret(_ path: String) throws -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { printError("vigil: cannot read \(path): \(String(cString: strerror(errno)))"); throw ExitCode(2) }
        defer { close(fd) }
        var buf = [UInt8](repeating: 0, count: 4096)
        let n = read(fd, &buf, buf.count)
        var s = n > 0 ? String(decoding: buf[0..<n], as: UTF8.self) : ""
        while s.last == "\n" || s.last == "\r" || s.last == " " { s.removeLast() }
        return s
    }

    func run() throws {
        if let enqueue {
            let writer: SpoolWriter
            do { writer = try SpoolWriter(directory: spool) } catch { printError("vigil: \(error)"); throw ExitCode(2) }
            let fd = enqueue == "-" ? 0 : open(enqueue, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { printError("vigil: cannot read \(enqueue)"); throw ExitCode(2) }
            var pending: [UInt8] = []
            var buf = [UInt8](repeating: 0, count: 1 << 16)
            var lines = 0
            while true {
                let n = read(fd, &buf, buf.count)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                pending += buf[0..<n]
                while let nl = pending.firstIndex(of: 10) {
                    if nl > 0 { writer.append(String(decoding: pending[..<nl], as: UTF8.self)); lines += 1 }
                    pending.removeSubrange(...nl)
                }
            }
            if !pending.isEmpty { writer.append(String(decoding: pending, as: UTF8.self)); lines += 1 }
            writer.close()
            if writer.failedAppends.load(ordering: .relaxed) > 0 { printError("vigil: \(writer.failedAppends.load(ordering: .relaxed)) lines not spooled"); throw ExitCode(2) }
            printError("vigil: \(lines) lines spooled in \(spool)")
            return
        }
        var s = ExporterSettings(url: url!)
        s.index = index
        s.maxBatchDocuments = batchSize
        s.http.caFile = caFile
        if let apiKeyFile { s.http.headers.append("Authorization: ApiKey \(try Self.secret(apiKeyFile))") }
        if let user, let passwordFile { s.http.basicAuth = (user, try Self.secret(passwordFile)) }
        let exporter = BulkExporter(spoolDirectory: spool, settings: s)
        signal(SIGPIPE, SIG_IGN)
        let done = exporter.run(untilEmpty: untilEmpty)
        let summary = "vigil: \(exporter.delivered.value) delivered (\(exporter.duplicates.value) already there), "
            + "\(exporter.rejected.value) set aside in \(spool)/dead-letter.ndjson, \(exporter.failedRequests.value) failed requests"
        printError(summary + (exporter.lastError.map { "; last error: \($0)" } ?? ""))
        if !done { throw ExitCode(1) }
    }
}
