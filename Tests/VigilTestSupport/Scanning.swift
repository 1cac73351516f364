import Synchronization
import VigilScan
import VigilEngine
import VigilSystem

/// Collects everything a scan run reports.
package final class Collected: Sendable {
    private let events = Mutex<[ScanEvent]>([])
    package init() {}
    package func add(_ e: ScanEvent) { events.withLock { $0.append(e) } }
    package var all: [ScanEvent] { events.withLock { $0 } }
    package func status(of path: String) -> FileReport.Status? { all.first { $0.report.path == RawPath(path) }?.report.status }
    package var findings: [String] { all.filter { $0.report.isFinding }.map { String(decoding: $0.report.path.bytes, as: UTF8.self) }.sorted() }
}

package func runScan(_ roots: [String], signatures: Signatures, configure: (inout ScanRun.Options) -> Void = { _ in }) throws -> (ScanSummary, Collected) {
    var options = ScanRun.Options()
    options.threads = 2
    configure(&options)
    let got = Collected()
    let summary = try ScanRun(signatures: signatures, options: options).run(roots.map { RawPath($0) }) { got.add($0) }
    return (summary, got)
}

