import VigilTestSupport
import Foundation
import Glibc
import Synchronization
import XCTest
@testable import VigilMetrics

final class ExpositionTests: XCTestCase {
    /// The value of one series line in an exposition (`name{labels} value`).
    static func value(_ series: String, in text: String) -> String? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") { return String(line.dropFirst(series.count + 1)) }
        return nil
    }

    func testRecordedEventsAppearUnderTheirKindAndVerdict() {
        let m = VigilMetrics()
        for _ in 0..<3 { m.recordEvent(.exec, .deny) }
        m.recordEvent(.open, .allow)
        m.recordFallback(.deadline, .allow)
        m.recordFallback(.queueFull, .deny)
        m.recordScan(.exec, nanos: 700_000)
        let text = MetricsRegistry(prometheus: m.registry).render()
        let table: [(String, String)] = [
            ("vigil_events_total{kind=\"exec\",verdict=\"deny\"}", "3"),
            ("vigil_events_total{kind=\"open\",verdict=\"allow\"}", "1"),
            ("vigil_events_total{kind=\"upload\",verdict=\"quarantine\"}", "0"),
            ("vigil_fallback_answers_total{reason=\"deadline\",answer=\"allow\"}", "1"),
            ("vigil_fallback_answers_total{reason=\"queue_full\",answer=\"deny\"}", "1"),
            ("vigil_scan_duration_seconds_bucket{access=\"exec\",le=\"0.0005\"}", "0"),
            ("vigil_scan_duration_seconds_bucket{access=\"exec\",le=\"0.001\"}", "1"),
            ("vigil_scan_duration_seconds_bucket{access=\"exec\",le=\"+Inf\"}", "1"),
            ("vigil_scan_duration_seconds_sum{access=\"exec\"}", "0.0007"),
            ("vigil_scan_duration_seconds_count{access=\"open\"}", "0"),
            ("vigil_kernel_queue_overflows_total", "0"),
        ]
        for (series, want) in table { XCTAssertEqual(Self.value(series, in: text), want, series) }
        XCTAssertTrue(text.contains("# TYPE vigil_scan_duration_seconds histogram\n"))
        XCTAssertTrue(text.contains("# HELP vigil_events_total Events judged"))
    }

    func testConcurrentRecordingLosesNothing() {
        let m = VigilMetrics()
        let threads = 4, per = 50_000
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            for i in 0..<per {
                m.recordEvent(.open, .allow)
                m.recordScan(.open, nanos: UInt64((i % 7) * 300_000 + t))
            }
        }
        let text = MetricsRegistry(prometheus: m.registry).render()
        XCTAssertEqual(Self.value("vigil_events_total{kind=\"open\",verdict=\"allow\"}", in: text), String(threads * per))
        XCTAssertEqual(Self.value("vigil_scan_duration_seconds_count{access=\"open\"}", in: text), String(threads * per))
        let buckets = text.split(separator: "\n").filter { $0.hasPrefix("vigil_scan_duration_seconds_bucket{access=\"open\"") }
            .compactMap { Int($0.split(separator: " ").last ?? "") }
        XCTAssertEqual(buckets.count, VigilMetrics.latencyBoundsNanos.count + 1)
        XCTAssertEqual(buckets, buckets.sorted(), "cumulative buckets never decrease")
        XCTAssertEqual(buckets.last, threads * per)
    }

    func testTextfileRenamesProcessFamiliesOnly() {
        let r = MetricsRegistry()
        r.register(SampledFamily("process_open_fds", .gauge, help: "x", value: { 3 }))
        r.register(SampledFamily("vigil_rules", .gauge, help: "y", value: { 1 }))
        let text = r.render(prefixProcessFamilies: true)
        XCTAssertEqual(Self.value("vigil_process_open_fds", in: text), "3.0")
        XCTAssertTrue(text.contains("# TYPE vigil_process_open_fds gauge"))
        XCTAssertEqual(Self.value("vigil_rules", in: text), "1.0")
        XCTAssertFalse(text.contains("\nprocess_") || text.hasPrefix("process_"))
        // The endpoint's scrape of the same registry names them as usual, and only so.
        let plain = r.render()
        XCTAssertEqual(Self.value("process_open_fds", in: plain), "3.0")
        XCTAssertFalse(plain.contains("vigil_process_"))
    }

    func testASeriesNoLongerReportedLeavesTheExposition() {
        // The rules version is a label: after a reload the old version's series must go,
        // or two rule sets would both read as loaded.
        let version = Mutex("v1")
        let r = MetricsRegistry()
        r.register(SampledFamily("vigil_rules_info", .gauge, help: "The loaded rule set.", read: { [([("version", version.withLock { $0 })], 1)] }))
        XCTAssertEqual(Self.value("vigil_rules_info{version=\"v1\"}", in: r.render()), "1.0")
        version.withLock { $0 = "v2" }
        let text = r.render()
        XCTAssertEqual(Self.value("vigil_rules_info{version=\"v2\"}", in: text), "1.0")
        XCTAssertFalse(text.contains("v1"), text)
    }

    func testSampledCountersCarryTheirOwnersCount() {
        let tally = Tally()
        let r = MetricsRegistry()
        r.register(SampledFamily("vigil_x_total", .counter, help: "x", value: { Double(tally.value) }))
        r.register(SampledFamily("vigil_cpu_seconds_total", .counter, help: "y", value: { 1.25 }))
        tally.increment(by: 5)
        XCTAssertEqual(Self.value("vigil_x_total", in: r.render()), "5")
        tally.increment(by: 2)
        let text = r.render()
        XCTAssertEqual(Self.value("vigil_x_total", in: text), "7", "set to the count, not added to the last scrape's")
        XCTAssertEqual(Self.value("vigil_cpu_seconds_total", in: text), "1.25")
    }

    func testHostileLabelValuesAreEscapedByTheLibrary() {
        // A path or rule name is chosen by whoever writes files: a quote, a backslash or
        // a line feed must not end the label or the line.
        let r = MetricsRegistry()
        r.register(SampledFamily("vigil_hostile", .gauge, help: "h",
                                 read: { [([("path", "/tmp/a\"b\\c\nvigil_fake_total 99")], 1)] }))
        let text = r.render()
        XCTAssertTrue(text.contains("vigil_hostile{path=\"/tmp/a\\\"b\\\\c\\nvigil_fake_total 99\"} 1.0\n"), text)
        XCTAssertFalse(text.split(separator: "\n").contains { $0.hasPrefix("vigil_fake_total") })
    }

    func testRequestHeadsParseAsATable() {
        func p(_ s: String) -> Result<HTTPRequestHead, HTTPRequestHead.Problem> { HTTPRequestHead.parse(Array(s.utf8)) }
        XCTAssertEqual(p("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n"), .success(HTTPRequestHead(method: "GET", target: "/metrics")))
        XCTAssertEqual(p("HEAD /metrics HTTP/1.0\r\n\r\n"), .success(HTTPRequestHead(method: "HEAD", target: "/metrics")))
        XCTAssertEqual(p("GET /metrics HTTP/1.1\r\nHost: x\r\n"), .failure(.incomplete))
        XCTAssertEqual(p(""), .failure(.incomplete))
        XCTAssertEqual(p("GET /metrics\r\n\r\n"), .failure(.malformed))
        XCTAssertEqual(p("get /metrics HTTP/1.1\r\n\r\n"), .failure(.malformed))
        XCTAssertEqual(p("GET metrics HTTP/1.1\r\n\r\n"), .failure(.malformed))
        XCTAssertEqual(p("GET /m\u{1}x HTTP/1.1\r\n\r\n"), .failure(.malformed))
        XCTAssertEqual(p("GET /metrics HTTP/2.0\r\n\r\n"), .failure(.badVersion))
        XCTAssertEqual(p("GET /" + String(repeating: "a", count: 9000)), .failure(.tooLarge))
    }

    func testRoutingAsATable() {
        let body = { "x 1\n" }
        func r(_ s: String) -> HTTPResponse { HTTPResponse.route(HTTPRequestHead.parse(Array(s.utf8)), exposition: body) }
        XCTAssertEqual(r("GET /metrics HTTP/1.1\r\n\r\n").status, 200)
        XCTAssertEqual(r("GET /metrics HTTP/1.1\r\n\r\n").body, "x 1\n")
        XCTAssertEqual(r("GET /metrics?x=1 HTTP/1.1\r\n\r\n").status, 200)
        XCTAssertEqual(r("HEAD /metrics HTTP/1.1\r\n\r\n").status, 200)
        XCTAssertEqual(r("GET / HTTP/1.1\r\n\r\n").status, 200)
        XCTAssertEqual(r("GET /other HTTP/1.1\r\n\r\n").status, 404)
        XCTAssertEqual(r("POST /metrics HTTP/1.1\r\n\r\n").status, 405)
        XCTAssertEqual(r("nonsense\r\n\r\n").status, 400)
        XCTAssertEqual(r("GET / HTTP/3\r\n\r\n").status, 505)
        let head = r("HEAD /metrics HTTP/1.1\r\n\r\n").wire(includeBody: false)
        XCTAssertTrue(String(decoding: head, as: UTF8.self).hasSuffix("Content-Length: 4\r\nConnection: close\r\n\r\n"))
    }

    func testListenAddressesParseAsATable() throws {
        let good: [(String, ListenAddress, Bool)] = [
            ("127.0.0.1:9731", .inet4(address: "127.0.0.1", port: 9731), true),
            ("localhost:0", .inet4(address: "127.0.0.1", port: 0), true),
            ("0.0.0.0:9731", .inet4(address: "0.0.0.0", port: 9731), false),
            ("[::1]:9731", .inet6(address: "::1", port: 9731), true),
            ("[::]:1", .inet6(address: "::", port: 1), false),
            ("unix:/run/vigil/metrics.sock", .unix(path: "/run/vigil/metrics.sock"), true),
        ]
        for (s, want, local) in good {
            let a = try ListenAddress.parse(s)
            XCTAssertEqual(a, want, s)
            XCTAssertEqual(a.isLocalOnly, local, s)
        }
        for bad in ["", "9731", "127.0.0.1", "127.0.0.1:65536", "127.0.0.1:x", "example.com:80", "[zz]:1", "::1:80", "unix:relative",
                    "unix:/" + String(repeating: "a", count: 120)] {
            XCTAssertThrowsError(try ListenAddress.parse(bad), bad)
        }
    }

    func testProcStatParsingSurvivesHostileCommandNames() {
        // comm "a) (b c" holds spaces and parentheses; fields start after the last ')'.
        let stat = "4242 (a) (b c) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 3 0 1000 123456789 300 18446744073709551615"
        let p = ProcessCollector.parse(stat: stat, bootTime: 1_700_000_000, ticksPerSecond: 100, pageSize: 4096)
        XCTAssertEqual(p?.rss, 300 * 4096)
        XCTAssertEqual(p?.vsize, 123_456_789)
        XCTAssertEqual(p?.cpu, 3.0)
        XCTAssertEqual(p?.start, 1_700_000_010)
        XCTAssertNil(ProcessCollector.parse(stat: "garbage", bootTime: 0, ticksPerSecond: 100, pageSize: 4096))
    }

    func testOwnProcessReadingIsPlausible() throws {
        let r = try XCTUnwrap(ProcessCollector().read())
        XCTAssertGreaterThan(r.residentBytes, 1_000_000)
        XCTAssertGreaterThan(r.openFDs, 2)
        XCTAssertLessThanOrEqual(r.startTimeSeconds, Date().timeIntervalSince1970 + 1)
    }
}
