import VigilTestSupport
import Glibc
import XCTest
@testable import VigilMetrics

final class ExpositionTests: XCTestCase {
    func testHistogramBucketIndexIsTheFirstBoundNotExceeded() {
        let b: [UInt64] = [10, 100, 1000]
        let table: [(UInt64, Int)] = [(0, 0), (10, 0), (11, 1), (100, 1), (101, 2), (1000, 2), (1001, 3), (UInt64.max, 3)]
        for (v, want) in table { XCTAssertEqual(Histogram.bucketIndex(v, bounds: b), want, "value \(v)") }
    }

    func testHistogramSnapshotIsCumulativeWithInfEqualToCount() {
        let h = Histogram(boundsNanos: [1_000, 2_000])
        for v: UInt64 in [500, 1_000, 1_500, 5_000, 7_000] { h.record(nanos: v) }
        let s = h.snapshot()
        XCTAssertEqual(s.cumulative, [2, 3, 5])
        XCTAssertEqual(s.count, 5)
        XCTAssertEqual(s.sumNanos, 15_000)
    }

    func testSecondsAreWrittenExactly() {
        let table: [(UInt64, String)] = [(0, "0"), (50_000, "0.00005"), (1_000_000, "0.001"), (2_500_000, "0.0025"),
                                         (1_000_000_000, "1"), (10_000_000_000, "10"), (1_500_000_001, "1.500000001")]
        for (n, want) in table { XCTAssertEqual(ExpositionWriter.formatSeconds(nanos: n), want) }
    }

    func testValuesAreWrittenAsGoParsesThem() {
        let table: [(Double, String)] = [(0, "0"), (7, "7"), (-3, "-3"), (0.5, "0.5"), (.infinity, "+Inf"), (-.infinity, "-Inf"), (.nan, "NaN"),
                                         (1e300, "1e+300")]
        for (v, want) in table { XCTAssertEqual(ExpositionWriter.formatValue(v), want) }
    }

    func testLabelValuesAreEscaped() {
        let table: [(String, String)] = [("plain", "plain"), ("a\"b", "a\\\"b"), ("back\\slash", "back\\\\slash"), ("two\nlines", "two\\nlines"),
                                         ("tab\there", "tab\there"), ("ünïcode", "ünïcode")]
        for (v, want) in table { XCTAssertEqual(ExpositionWriter.escapeLabelValue(v), want) }
    }

    func testNamesAreChecked() {
        for good in ["vigil_events_total", "a", "_x", "ns:sub_name", "x1"] { XCTAssertTrue(ExpositionWriter.isValidMetricName(good), good) }
        for bad in ["", "1x", "a-b", "a b", "é"] { XCTAssertFalse(ExpositionWriter.isValidMetricName(bad), bad) }
        for good in ["kind", "_k", "k9"] { XCTAssertTrue(ExpositionWriter.isValidLabelName(good), good) }
        for bad in ["", "__name__", "9k", "a:b", "a-b"] { XCTAssertFalse(ExpositionWriter.isValidLabelName(bad), bad) }
    }

    func testTextfileRenamesProcessFamiliesOnly() {
        var w = ExpositionWriter(prefixProcessFamilies: true)
        w.family("process_open_fds", type: .gauge, help: "x")
        w.sample([], 3.0)
        w.family("vigil_rules", type: .gauge, help: "y")
        w.sample([], 1.0)
        XCTAssertTrue(w.text.contains("\nvigil_process_open_fds 3\n"))
        XCTAssertTrue(w.text.contains("# TYPE vigil_process_open_fds gauge"))
        XCTAssertTrue(w.text.contains("\nvigil_rules 1\n"))
        XCTAssertFalse(w.text.contains("\nprocess_"))
    }

    func testRecordedEventsAppearUnderTheirKindAndVerdict() {
        let m = VigilMetrics()
        for _ in 0..<3 { m.recordEvent(.exec, .deny) }
        m.recordEvent(.open, .allow)
        m.recordFallback(.deadline, .allow)
        m.recordFallback(.queueFull, .deny)
        m.recordScan(.exec, nanos: 700_000)
        var w = ExpositionWriter()
        m.collect(into: &w)
        XCTAssertTrue(w.text.contains("vigil_events_total{kind=\"exec\",verdict=\"deny\"} 3\n"))
        XCTAssertTrue(w.text.contains("vigil_events_total{kind=\"open\",verdict=\"allow\"} 1\n"))
        XCTAssertTrue(w.text.contains("vigil_events_total{kind=\"upload\",verdict=\"quarantine\"} 0\n"))
        XCTAssertTrue(w.text.contains("vigil_fallback_answers_total{reason=\"deadline\",answer=\"allow\"} 1\n"))
        XCTAssertTrue(w.text.contains("vigil_fallback_answers_total{reason=\"queue_full\",answer=\"deny\"} 1\n"))
        XCTAssertTrue(w.text.contains("vigil_scan_duration_seconds_bucket{access=\"exec\",le=\"0.0005\"} 0\n"))
        XCTAssertTrue(w.text.contains("vigil_scan_duration_seconds_bucket{access=\"exec\",le=\"0.001\"} 1\n"))
        XCTAssertTrue(w.text.contains("vigil_scan_duration_seconds_sum{access=\"exec\"} 0.0007\n"))
        XCTAssertTrue(w.text.contains("vigil_scan_duration_seconds_count{access=\"open\"} 0\n"))
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
        XCTAssertEqual(m.eventCount(.open, .allow), UInt64(threads * per))
        let s = m.scanLatency[MetricAccess.open.rawValue].snapshot()
        XCTAssertEqual(s.count, UInt64(threads * per))
        XCTAssertEqual(s.cumulative, s.cumulative.sorted(), "cumulative buckets never decrease")
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
