import VigilTestSupport
import Foundation
import Glibc
import XCTest
import VigilMetrics

/// The exposition against the real Prometheus tools: `promtool check metrics` lints it,
/// and Debian's `prometheus` scrapes the endpoint and answers queries about it.
final class PrometheusTests: XCTestCase {
    /// A registry with every family Vigil exposes, some values recorded, and label values
    /// chosen to break a careless writer (quotes, backslashes, newlines).
    static func sampleRegistry() -> (MetricsRegistry, VigilMetrics) {
        let m = VigilMetrics()
        for _ in 0..<7 { m.recordEvent(.open, .deny) }
        for _ in 0..<2 { m.recordEvent(.exec, .audit) }
        m.recordEvent(.upload, .quarantine)
        for ns: UInt64 in [200_000, 900_000, 30_000_000] { m.recordScan(.exec, nanos: ns) }
        m.recordScan(.open, nanos: 40_000)
        m.recordFallback(.deadline, .allow)
        m.recordFallback(.deadline, .allow)
        m.recordFallback(.queueFull, .deny)
        m.recordCacheHit(.version)
        m.recordCacheMiss(.version)
        m.recordCacheEviction(.kernel)
        let r = MetricsRegistry(prometheus: m.registry)
        r.register(SampledFamily("vigil_rules_info", .gauge, help: "The loaded rule set; the value is always 1.",
                                 read: { [([("version", "sha256:ab\"c\\d\ne")], 1)] }))
        r.register(SampledFamily("vigil_rules", .gauge, help: "Rules loaded.", value: { 1234 }))
        r.register(SampledFamily("vigil_rules_reloads_total", .counter, help: "Rule reloads, by result.",
                                 read: { [([("result", "success")], 1), ([("result", "failure")], 0)] }))
        r.register(SampledFamily("vigil_protection_layer_active", .gauge, help: "1 when a self-protection layer is in force.",
                                 read: { [([("layer", "immutable")], 1), ([("layer", "landlock")], 0)] }))
        // A path in a label, crafted to end the line and forge a series if it were not escaped.
        r.register(SampledFamily("vigil_hot_path_events", .gauge, help: "Events by path.",
                                 read: { [([("path", "/srv/x\"} 1\nvigil_forged_total 99\n#\\")], 3)] }))
        r.register(SampledFamily("vigil_queue_depth", .gauge, help: "Events waiting, by queue.",
                                 read: { [([("queue", "scan")], 5), ([("queue", "background")], 0)] }))
        r.register(ProcessCollector())
        return (r, m)
    }

    func promtool() throws -> String {
        try XCTUnwrap(tool("promtool"), "promtool missing: scripts/test.sh installs Debian's prometheus package")
    }

    func testPromtoolAcceptsTheExpositionWithoutLintProblems() throws {
        let (r, _) = PrometheusTests.sampleRegistry()
        for text in [r.render(), r.render(prefixProcessFamilies: true)] {
            let res = runTool(try promtool(), ["check", "metrics"], stdin: text)
            XCTAssertEqual(res.status, 0, "promtool: \(res.stdout)\(res.stderr)\n\(text)")
            XCTAssertEqual(res.stdout + res.stderr, "", "lint problems reported")
        }
    }

    func testPromtoolRejectsABrokenExposition() throws {
        // The check above can fail: a counter without _total and a duplicate series are refused.
        let res = runTool(try promtool(), ["check", "metrics"], stdin: "# HELP x y\n# TYPE x counter\nx 1\nx 2\n")
        XCTAssertNotEqual(res.status, 0)
    }

    func testTextfileIsReplacedAtomicallyAndLeavesNoTemporaryFiles() throws {
        let dir = makeTempDir("vigil-textfile")
        defer { removeTree(dir) }
        let (r, m) = PrometheusTests.sampleRegistry()
        let svc = TextfileService(directory: dir, intervalSeconds: 1) { r.render(prefixProcessFamilies: true) }
        svc.start()
        // A reader that polls while the writer replaces the file must only ever see whole files.
        var reads = 0
        let until = Date().addingTimeInterval(2.5)
        while Date() < until {
            m.recordEvent(.open, .allow)
            if let text = try? String(contentsOfFile: dir + "/vigil.prom", encoding: .utf8) {
                reads += 1
                XCTAssertTrue(text.hasSuffix("\n") && text.contains("# TYPE vigil_process_max_fds gauge"), "partial file seen")
            }
            usleep(2_000)
        }
        svc.stop()
        XCTAssertNil(svc.error)
        XCTAssertGreaterThanOrEqual(svc.writes.value, 3)
        XCTAssertGreaterThan(reads, 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["vigil.prom"])
        let final = try String(contentsOfFile: dir + "/vigil.prom", encoding: .utf8)
        let res = runTool(try promtool(), ["check", "metrics"], stdin: final)
        XCTAssertEqual(res.status, 0, res.stdout + res.stderr)
        let now = ExpositionTests.value("vigil_events_total{kind=\"open\",verdict=\"allow\"}", in: r.render())
        XCTAssertEqual(ExpositionTests.value("vigil_events_total{kind=\"open\",verdict=\"allow\"}", in: final), now,
                       "the write at stop carries the last values")
    }

    func testTextfileWriteFailureIsReportedNotFatal() {
        let svc = TextfileService(directory: "/nonexistent-vigil-dir", intervalSeconds: 1) { "" }
        svc.writeNow()
        XCTAssertEqual(svc.failures.value, 1)
        XCTAssertNotNil(svc.error)
    }

    func testUnixSocketEndpointAnswersCurl() throws {
        let curl = try XCTUnwrap(tool("curl"), "curl missing")
        let dir = makeTempDir("vigil-metrics-sock")
        defer { removeTree(dir) }
        let (r, _) = PrometheusTests.sampleRegistry()
        let ep = try MetricsEndpoint(address: .unix(path: dir + "/metrics.sock")) { r.render() }
        ep.start()
        defer { ep.stop() }
        let res = runTool(curl, ["-sS", "--max-time", "10", "-D", "-", "--unix-socket", dir + "/metrics.sock", "http://localhost/metrics"])
        XCTAssertEqual(res.status, 0, res.stderr)
        XCTAssertTrue(res.stdout.hasPrefix("HTTP/1.1 200 OK\r\n"), res.stdout)
        XCTAssertTrue(res.stdout.contains("Content-Type: text/plain; version=0.0.4; charset=utf-8\r\n"))
        XCTAssertTrue(res.stdout.contains("vigil_events_total{kind=\"open\",verdict=\"deny\"} 7\n"))
        let notFound = runTool(curl, ["-sS", "--max-time", "10", "-o", "/dev/null", "-w", "%{http_code}", "--unix-socket", dir + "/metrics.sock", "http://localhost/x"])
        XCTAssertEqual(notFound.stdout, "404")
    }

    func testATricklingOrSilentClientDoesNotStopScrapes() throws {
        let curl = try XCTUnwrap(tool("curl"), "curl missing")
        let (r, _) = PrometheusTests.sampleRegistry()
        let ep = try MetricsEndpoint(address: .inet4(address: "127.0.0.1", port: 0), timeoutSeconds: 1) { r.render() }
        ep.start()
        defer { ep.stop() }
        guard case .inet4(_, let port) = ep.boundAddress else { return XCTFail() }
        // A client that connects and sends nothing holds the responder for at most the timeout.
        let silent = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var sa = sockaddr_in()
        sa.sin_family = sa_family_t(AF_INET)
        sa.sin_port = port.bigEndian
        sa.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        _ = withUnsafePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(silent, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        defer { close(silent) }
        let res = runTool(curl, ["-sS", "--max-time", "10", "http://127.0.0.1:\(port)/metrics"])
        XCTAssertEqual(res.status, 0, res.stderr)
        XCTAssertTrue(res.stdout.contains("vigil_events_total"))
        XCTAssertGreaterThanOrEqual(ep.rejected.value, 1, "the silent client was dropped")
    }

    func testARealPrometheusScrapesTheEndpointAndAnswersQueries() throws {
        let prometheus = try XCTUnwrap(tool("prometheus"), "prometheus missing: scripts/test.sh installs Debian's prometheus package")
        let curl = try XCTUnwrap(tool("curl"), "curl missing")
        let (r, m) = PrometheusTests.sampleRegistry()
        let ep = try MetricsEndpoint(address: .inet4(address: "127.0.0.1", port: 0)) { r.render() }
        ep.start()
        defer { ep.stop() }
        guard case .inet4(_, let target) = ep.boundAddress else { return XCTFail() }

        let dir = makeTempDir("vigil-prometheus")
        defer { removeTree(dir) }
        try """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
        scrape_configs:
          - job_name: vigil
            static_configs:
              - targets: ['127.0.0.1:\(target)']
        """.write(toFile: dir + "/prometheus.yml", atomically: true, encoding: .utf8)
        let promPort = freePort()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: prometheus)
        p.arguments = ["--config.file=\(dir)/prometheus.yml", "--storage.tsdb.path=\(dir)/data", "--web.listen-address=127.0.0.1:\(promPort)",
                       "--log.level=warn"]
        p.standardOutput = FileHandle.nullDevice
        let log = FileHandle(forWritingAtPath: "/dev/null")
        p.standardError = log
        try p.run()
        defer { p.terminate(); p.waitUntilExit() }
        let server = "http://127.0.0.1:\(promPort)"

        // Wait (bounded) until Prometheus has scraped the target successfully twice.
        var scraped = false
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && p.isRunning {
            let q = runTool(try promtool(), ["query", "instant", server, "sum_over_time(up{job=\"vigil\"}[1m])"], timeout: 10)
            if q.status == 0, let v = q.stdout.split(separator: "=>").last?.split(separator: "@").first?.trimmingCharacters(in: CharacterSet.whitespaces),
               let n = Double(v), n >= 2 { scraped = true; break }
            usleep(500_000)
        }
        XCTAssertTrue(p.isRunning, "prometheus exited")
        XCTAssertTrue(scraped, "prometheus did not scrape the endpoint within 60 s")
        XCTAssertGreaterThanOrEqual(ep.served.value, 2)

        func value(_ expr: String) -> String? {
            let q = runTool(curl, ["-sS", "--max-time", "10", "--get", "--data-urlencode", "query=\(expr)", server + "/api/v1/query"])
            guard q.status == 0, let obj = try? JSONSerialization.jsonObject(with: Data(q.stdout.utf8)) as? [String: Any],
                  obj["status"] as? String == "success", let data = obj["data"] as? [String: Any],
                  let result = data["result"] as? [[String: Any]], result.count == 1, let v = result[0]["value"] as? [Any] else {
                print("query \(expr): \(q.stdout) \(q.stderr)")
                return nil
            }
            return v[1] as? String
        }
        XCTAssertEqual(value("vigil_events_total{job=\"vigil\",kind=\"open\",verdict=\"deny\"}"), "7")
        XCTAssertEqual(value("vigil_events_total{kind=\"upload\",verdict=\"quarantine\"}"), "1")
        XCTAssertEqual(value("vigil_scan_duration_seconds_count{access=\"exec\"}"), "3")
        XCTAssertEqual(value("vigil_scan_duration_seconds_bucket{access=\"exec\",le=\"0.001\"}"), "2")
        XCTAssertEqual(value("sum(vigil_fallback_answers_total{answer=\"allow\"})"), "2", "fail-open answers")
        XCTAssertEqual(value("vigil_fallback_answers_total{reason=\"queue_full\",answer=\"deny\"}"), "1", "fail-closed answers")
        XCTAssertEqual(value("vigil_queue_depth{queue=\"scan\"}"), "5")
        XCTAssertEqual(value("vigil_rules"), "1234")
        XCTAssertEqual(value("count(vigil_rules_info{version=\"sha256:ab\\\"c\\\\d\\ne\"})"), "1", "an escaped label value reads back exactly")
        XCTAssertEqual(value("vigil_protection_layer_active{layer=\"landlock\"}"), "0")
        XCTAssertEqual(value("count(vigil_hot_path_events{path=\"/srv/x\\\"} 1\\nvigil_forged_total 99\\n#\\\\\"})"), "1",
                       "a hostile path label reads back exactly")
        XCTAssertNil(value("vigil_forged_total"), "no series forged through a label")
        XCTAssertNotNil(value("process_resident_memory_bytes > 1000000"), "RSS is exposed")
        // A recorded event shows up in a later scrape: the endpoint serves live values.
        for _ in 0..<5 { m.recordEvent(.open, .deny) }
        var live = false
        for _ in 0..<40 where !live {
            if value("vigil_events_total{kind=\"open\",verdict=\"deny\"}") == "12" { live = true } else { usleep(250_000) }
        }
        XCTAssertTrue(live, "new events reach Prometheus")
        let shown = runTool(try promtool(), ["query", "instant", server, "vigil_events_total{verdict=\"deny\",kind=\"open\"}"])
        print("promtool query instant: \(shown.stdout)")
        XCTAssertTrue(shown.stdout.contains("=> 12 @"), shown.stdout + shown.stderr)
    }
}
