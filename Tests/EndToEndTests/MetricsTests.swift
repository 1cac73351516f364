import Foundation
import Glibc
import Testing
import VigilTestSupport

/// The running daemon's Prometheus endpoint: real opens and execs on a guarded tmpfs
/// are answered, then `promtool` lints the scrape and Debian's `prometheus` scrapes the
/// daemon and answers queries about what it did.
@Suite("vigil daemon metrics (real Prometheus)", .serialized, .enabled(if: geteuid() == 0))
struct MetricsTests {
    /// A TCP port nobody listens on right now (the kernel picks it).
    static func freePort() -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var sa = sockaddr_in()
        sa.sin_family = sa_family_t(AF_INET)
        sa.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return UInt16(bigEndian: sa.sin_port)
    }

    static func tool(_ name: String) -> String? {
        ["/usr/bin/", "/usr/local/bin/", "/bin/"].map { $0 + name }.first { access($0, X_OK) == 0 }
    }

    /// One instant query through Prometheus's HTTP API: the single result's value.
    static func query(_ server: String, _ expr: String) -> String? {
        let q = runProgram("/usr/bin/curl", ["-sS", "--max-time", "10", "--get", "--data-urlencode", "query=\(expr)", server + "/api/v1/query"], timeout: 20)
        guard q.status == 0, let obj = try? JSONSerialization.jsonObject(with: Data(q.stdout.utf8)) as? [String: Any],
              obj["status"] as? String == "success", let data = obj["data"] as? [String: Any],
              let result = data["result"] as? [[String: Any]], result.count == 1, let v = result[0]["value"] as? [Any] else { return nil }
        return v[1] as? String
    }

    @Test("a running daemon's /metrics counts real denies, allows and execs; promtool lints it; prometheus scrapes it and answers queries")
    func prometheusScrapesTheDaemon() throws {
        let prometheus = try #require(MetricsTests.tool("prometheus"), "scripts/test.sh installs Debian's prometheus")
        let promtool = try #require(MetricsTests.tool("promtool"))
        let port = MetricsTests.freePort()
        let d = try #require(DaemonHarness(extra: "[metrics]\nlisten = \"127.0.0.1:\(port)\"\n"))
        let bad = d.write("eicar.com", eicar)
        let good = d.write("notes.txt", "meeting at noon\n")
        let script = d.write("hello.sh", "#!/bin/sh\necho hello\n", mode: 0o755)
        #expect(d.start(), "\(d.output)")
        defer { _ = d.terminate() }
        #expect(tryRead(bad) == EPERM)
        #expect(tryRead(good) == 0)
        #expect(runProgram(script, []).stdout == "hello\n")

        let endpoint = "http://127.0.0.1:\(port)/metrics"
        // A deny is counted with its write-up, after the answer (and after the finding's
        // details): scrape until it shows, as Prometheus would on its next scrape.
        var scrape = runProgram("/usr/bin/curl", ["-sS", "--max-time", "10", endpoint], timeout: 20)
        _ = eventually(timeout: 10) {
            scrape = runProgram("/usr/bin/curl", ["-sS", "--max-time", "10", endpoint], timeout: 20)
            return scrape.stdout.contains("vigil_events_total{kind=\"open\",verdict=\"deny\"} 1\n")
        }
        #expect(scrape.status == 0, "\(scrape.stderr)\n\(d.output)")
        #expect(scrape.stdout.contains("vigil_events_total{kind=\"open\",verdict=\"deny\"} 1\n"), "\(scrape.stdout)")
        #expect(scrape.stdout.contains("# TYPE vigil_scan_duration_seconds histogram"))
        #expect(scrape.stdout.contains("vigil_scan_queue_depth 0.0\n"))
        #expect(scrape.stdout.contains("vigil_protection_state{state=\"off\"} 1.0\n"))
        let lint = runProgram(promtool, ["check", "metrics"], stdin: scrape.stdout)
        #expect(lint.status == 0 && lint.stdout.isEmpty && lint.stderr.isEmpty, "promtool: \(lint.stdout)\(lint.stderr)")

        let dir = TempDir()
        try """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
        scrape_configs:
          - job_name: vigil
            static_configs:
              - targets: ['127.0.0.1:\(port)']
        """.write(toFile: dir.sub("prometheus.yml"), atomically: true, encoding: .utf8)
        let promPort = MetricsTests.freePort()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: prometheus)
        p.arguments = ["--config.file=\(dir.sub("prometheus.yml"))", "--storage.tsdb.path=\(dir.sub("data"))",
                       "--web.listen-address=127.0.0.1:\(promPort)", "--log.level=warn"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        defer { p.terminate(); p.waitUntilExit() }
        let server = "http://127.0.0.1:\(promPort)"
        // Bounded by tries, not by a time a loaded machine may not keep: two good scrapes.
        var scraped = false
        for _ in 0..<120 where !scraped && p.isRunning {
            if let v = MetricsTests.query(server, "sum_over_time(up{job=\"vigil\"}[5m])"), let n = Double(v), n >= 2 { scraped = true } else { usleep(500_000) }
        }
        #expect(scraped, "prometheus did not scrape the daemon")
        #expect(MetricsTests.query(server, "vigil_events_total{job=\"vigil\",kind=\"open\",verdict=\"deny\"}") == "1")
        #expect(MetricsTests.query(server, "vigil_events_total{kind=\"exec\",verdict=\"allow\"} >= 1") != nil, "the script's exec was counted")
        #expect(MetricsTests.query(server, "vigil_scan_duration_seconds_count{access=\"open\"} >= 2") != nil, "both opens were scanned")
        #expect(MetricsTests.query(server, "vigil_rules{kind=\"yara\"} > 0") != nil)
        #expect(MetricsTests.query(server, "vigil_rules_age_seconds >= 0") != nil)
        #expect(MetricsTests.query(server, "vigil_scan_queue_capacity") != nil)
        #expect(MetricsTests.query(server, "process_resident_memory_bytes > 1000000") != nil, "RSS is exposed")
        // A later deny reaches Prometheus: the endpoint serves live values.
        let bad2 = d.write("marked.txt", "x \(denyMarker)\n")
        #expect(tryRead(bad2) == EPERM)
        var live = false
        for _ in 0..<60 where !live {
            if MetricsTests.query(server, "vigil_events_total{kind=\"open\",verdict=\"deny\"}") == "2" { live = true } else { usleep(250_000) }
        }
        #expect(live, "a new deny reaches Prometheus")
        let shown = runProgram(promtool, ["query", "instant", server, "vigil_events_total{verdict=\"deny\",kind=\"open\"}"], timeout: 20)
        print("promtool query instant: \(shown.stdout)")
        #expect(shown.stdout.contains("=> 2 @"), "\(shown.stdout)\(shown.stderr)")
    }
}
