import VigilTestSupport
import XCTest
@testable import VigilShipping

final class BulkProtocolTests: XCTestCase {
    func item(_ status: Int, _ type: String? = nil, op: String = "create") -> String {
        let err = type.map { #","error":{"type":"\#($0)","reason":"r"}"# } ?? ""
        return #"{"\#(op)":{"_index":"vigil-events","_id":"x","status":\#(status)\#(err)}}"#
    }

    func reply(_ errors: Bool, _ items: [String]) -> [UInt8] {
        Array(#"{"took":3,"errors":\#(errors),"items":[\#(items.joined(separator: ","))]}"#.utf8)
    }

    func testRepliesAreClassifiedPerDocument() {
        typealias R = BulkProtocol.ItemResult
        let table: [(Int, [UInt8], Int, BulkProtocol.Outcome)] = [
            (200, reply(false, [item(201), item(201)]), 2, .items([.delivered(duplicate: false), .delivered(duplicate: false)])),
            (200, reply(true, [item(201), item(409, "version_conflict_engine_exception")]), 2,
             .items([.delivered(duplicate: false), .delivered(duplicate: true)])),
            (200, reply(true, [item(429, "es_rejected_execution_exception"), item(503, "unavailable_shards_exception"),
                               item(400, "mapper_parsing_exception"), item(201)]), 4,
             .items([.retry("429 es_rejected_execution_exception"), .retry("503 unavailable_shards_exception"),
                     .rejected("400 mapper_parsing_exception: r"), .delivered(duplicate: false)])),
            // Fewer items than documents: the missing ones are retried, never assumed stored.
            (200, reply(true, [item(201)]), 2, .items([.delivered(duplicate: false), .retry("no result for this document")])),
            // errors:false but a short item list is not trusted either.
            (200, reply(false, [item(201)]), 2, .items([.delivered(duplicate: false), .retry("no result for this document")])),
            (200, Array("<html>proxy</html>".utf8), 3, .retryAll("HTTP 200 with a reply that is not JSON")),
            (429, [], 3, .retryAll("HTTP 429")),
            (502, [], 3, .retryAll("HTTP 502")),
            (503, [], 3, .retryAll("HTTP 503")),
            (401, [], 3, .retryAll("HTTP 401")),
            (404, [], 3, .retryAll("HTTP 404")),
            (413, [], 3, .split),
            (400, Array("bad".utf8), 3, .split),
            (400, Array("bad".utf8), 1, .items([.rejected("HTTP 400: bad")])),
        ]
        for (i, (status, body, count, want)) in table.enumerated() {
            XCTAssertEqual(BulkProtocol.classify(status: status, body: body, count: count), want, "row \(i)")
        }
    }

    func testDocumentIDsComeFromEventIDOrAStableDigest() throws {
        let withID = Array(#"{"event":{"id":"0190-ab_c.1"},"x":1}"#.utf8)
        XCTAssertEqual(try BulkProtocol.document(withID).get().id, "0190-ab_c.1")
        let noID = Array(#"{"message":"old line"}"#.utf8)
        let a = try BulkProtocol.document(noID).get().id, b = try BulkProtocol.document(noID).get().id
        XCTAssertEqual(a, b, "the same line always gets the same id")
        XCTAssertTrue(a.hasPrefix("fnv-") && a.count == 36)
        XCTAssertNotEqual(a, try BulkProtocol.document(Array(#"{"message":"old line 2"}"#.utf8)).get().id)
        // An id that would break the action line is not used as it is.
        let hostile = Array(#"{"event":{"id":"a\"},\"x\":{\"y"}}"#.utf8)
        XCTAssertTrue(try BulkProtocol.document(hostile).get().id.hasPrefix("fnv-"))
        for bad in ["not json", "[1,2]", "", "{\"a\":"] {
            guard case .failure = BulkProtocol.document(Array(bad.utf8)) else { return XCTFail("'\(bad)' accepted") }
        }
    }

    func testBodyIsCreateActionThenSourcePerDocument() {
        let docs = [BulkProtocol.Document(id: "a", source: Array("{\"x\":1}".utf8)), BulkProtocol.Document(id: "b", source: Array("{\"y\":2}".utf8))]
        XCTAssertEqual(String(decoding: BulkProtocol.body(docs, index: "vigil-events"), as: UTF8.self),
                       "{\"create\":{\"_index\":\"vigil-events\",\"_id\":\"a\"}}\n{\"x\":1}\n{\"create\":{\"_index\":\"vigil-events\",\"_id\":\"b\"}}\n{\"y\":2}\n")
    }

    func testBackoffDoublesToItsCapWithJitterAndResets() {
        var b = RetryBackoff(baseMillis: 100, capMillis: 1000)
        XCTAssertEqual(b.ceilingMillis, 0)
        let table: [(Double, Int, Int)] = [(1.0, 100, 100), (0.0, 200, 20), (1.0, 400, 400), (0.5, 800, 440), (1.0, 1000, 1000), (1.0, 1000, 1000)]
        for (random, ceiling, pause) in table {
            let p = b.failed(random: random)
            XCTAssertEqual(b.ceilingMillis, ceiling)
            XCTAssertEqual(p, pause)
        }
        for _ in 0..<100 { _ = b.failed(random: 0.3) }
        XCTAssertEqual(b.ceilingMillis, 1000, "no overflow after many failures")
        b.succeeded()
        XCTAssertEqual(b.ceilingMillis, 0)
        XCTAssertEqual(b.failed(random: 1), 100)
    }
}
