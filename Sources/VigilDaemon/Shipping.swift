import Glibc
import VigilConfig
import VigilEvents
import VigilShipping
import VigilSystem

// Owns: the daemon's `[shipping]` exporter as a service: the `_bulk` exporter reading
// the event log itself (LogTail: an inode-and-offset cursor in the shipping folder, the
// log's rotations followed), so what the log holds is what is shipped, exactly once per
// event.id across receiver outages and daemon restarts. Must not: run on the permission
// path or make the event log wait (it only reads the file the log's writer appends to).

final class ShippingService: Service {
    let exporter: BulkExporter
    let directory: String

    /// nil when `[shipping] url` is empty or there is no log file to ship.
    init?(config: DaemonConfig) throws(VigilError) {
        guard !config.shippingURL.isEmpty else { return nil }
        guard let logFile = config.logFile else {
            throw VigilError("[shipping] url is set but log.file is empty: the exporter ships the event log")
        }
        var s = ExporterSettings(url: config.shippingURL)
        s.index = config.shippingIndex
        s.maxBatchDocuments = config.shippingBatchSize
        if !config.shippingCAFile.isEmpty { s.http.caFile = config.shippingCAFile }
        if !config.shippingAPIKeyFile.isEmpty { s.http.headers.append("Authorization: ApiKey \(try ShippingService.secret(config.shippingAPIKeyFile))") }
        if !config.shippingUser.isEmpty { s.http.basicAuth = (config.shippingUser, try ShippingService.secret(config.shippingPasswordFile)) }
        directory = config.resolvedShippingDirectory
        let folder = config.resolvedShippingDirectory
        exporter = BulkExporter(spoolDirectory: directory, settings: s) { try LogTail(logPath: logFile, directory: folder) }
    }

    /// A secret's file, first line (a trailing newline is not part of it).
    static func secret(_ path: String) throws(VigilError) -> String {
        guard let text = readSmallFile(path) else { throw VigilError("[shipping]: cannot read \(path)") }
        var s = Substring(text)
        while let c = s.last, c == "\n" || c == "\r" || c == " " { s = s.dropLast() }
        return String(s)
    }

    func start() throws(VigilError) {
        try makeDirectories(directory, mode: 0o700)
        exporter.start()
    }

    func stop() { exporter.stop() }
}
