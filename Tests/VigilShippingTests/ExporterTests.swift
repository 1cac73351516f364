import Foundation
import Glibc
import XCTest
import VigilTestSupport
import VigilHTTP
@testable import VigilShipping

/// The exporter against a loopback `_bulk` receiver (Tests/Receivers/bulk_receiver.py)
/// through outages: per-item 429s, whole-request 503/429/401, poison documents, the
/// receiver dying in the middle of a batch, and `vigil export` killed with -9 while a
/// request is in flight. Every case ends with each event stored exactly once.
final class ExporterTests: XCTestCase {
    var dir = ""
    override func setUp() { dir = makeTempDir("vigil-export") }
    override func tearDown() { removeTree(dir) }

    func settings(_ url: String, batch: Int) -> ExporterSettings {
        var s = ExporterSettings(url: url)
        s.maxBatchDocuments = batch
        s.idleMillis = 50
        s.backoffBaseMillis = 20
        s.backoffCapMillis = 400
        s.http.timeoutSeconds = 10
        return s
    }

    func assertExactlyOnce(_ receiver: BulkReceiver, _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
        let stored = receiver.storedEventIDs()
        XCTAssertEqual(stored.count, expected.count, "stored documents", file: file, line: line)
        XCTAssertEqual(Set(stored).count, stored.count, "an event stored twice", file: file, line: line)
        XCTAssertEqual(Set(stored), Set(expected), "lost or unexpected events", file: file, line: line)
    }

    func testPartialFailuresAndRefusedRequestsAreRetriedUntilEveryEventIsStoredOnce() throws {
        let receiver = try BulkReceiver(dir: dir, faults: #"{"fail_item_every": 3, "status_sequence": [503, 429, 401], "reject_marker": "POISON"}"#)
        let spool = dir + "/spool"
        let writer = try SpoolWriter(directory: spool, segmentBytes: 8192)
        let exporter = BulkExporter(spoolDirectory: spool, settings: settings(receiver.url, batch: 40))
        exporter.start()
        // The daemon appends while the exporter ships.
        var expected: [String] = []
        for i in 0..<400 {
            let poison = i == 17 || i == 301
            writer.append(eventLine(i, run: "p", extra: poison ? " POISON" : ""))
            if !poison { expected.append("p-\(i)") }
            if i % 20 == 0 { exporter.notify(); usleep(5_000) }
        }
        exporter.notify()
        XCTAssertTrue(waitUntil(60) { receiver.stats()?["docs"] == 398 && exporter.backlogBytes.value == 0 }, "drained: \(receiver.stats() ?? [:])")
        exporter.stop()
        assertExactlyOnce(receiver, expected)
        let dead = try String(contentsOfFile: spool + "/dead-letter.ndjson", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(dead.count, 2, "poison documents set aside with their reason, not lost and not retried forever")
        XCTAssertTrue(dead.allSatisfy { $0.contains("mapper_parsing_exception") && $0.contains("POISON") })
        XCTAssertGreaterThan(exporter.retriedDocuments.value, 50, "per-item 429s were retried")
        XCTAssertGreaterThanOrEqual(exporter.failedRequests.value, 3)
        XCTAssertEqual(receiver.stats()?["status_injected"], 3)
        print("exporter, partial failures: \(receiver.stats()!), retried \(exporter.retriedDocuments.value) documents")
    }

    func testReceiverStoppedMidBatchLosesNothingAndDuplicatesNothing() throws {
        let receiver = try BulkReceiver(dir: dir, faults: #"{"die_after_items": 7}"#)
        let spool = dir + "/spool"
        let writer = try SpoolWriter(directory: spool)
        let expected = (0..<200).map { "m-\($0)" }
        for i in 0..<200 { writer.append(eventLine(i, run: "m")) }
        let exporter = BulkExporter(spoolDirectory: spool, settings: settings(receiver.url, batch: 50))
        exporter.start()
        XCTAssertTrue(receiver.waitForDeath(20), "the receiver stopped in the middle of the first batch")
        // While it is down the exporter meets refused connections and backs off.
        XCTAssertTrue(waitUntil(10) { exporter.failedRequests.value >= 2 })
        try receiver.start()
        XCTAssertTrue(waitUntil(60) { receiver.stats()?["docs"] == 200 && exporter.backlogBytes.value == 0 }, "\(receiver.stats() ?? [:])")
        exporter.stop()
        assertExactlyOnce(receiver, expected)
        XCTAssertEqual(receiver.stats()?["conflicts"], 7, "the 7 documents stored before the receiver died were re-sent and answered 409")
        XCTAssertEqual(exporter.duplicates.value, 7)
        print("exporter, receiver killed mid-batch: \(receiver.stats()!), last error seen: \(exporter.lastError ?? "none")")
    }

    func testVigilExportKilledMidSendResumesAfterRestartWithoutLossOrDuplicates() throws {
        let mark = dir + "/request-arrived"
        let receiver = try BulkReceiver(dir: dir, faults: #"{"slow_ms": 1500, "mark_file": "\#(mark)"}"#)
        let spool = dir + "/spool"
        var expected: [String] = []
        do {
            let writer = try SpoolWriter(directory: spool)
            for i in 0..<300 { writer.append(eventLine(i, run: "k")); expected.append("k-\(i)") }
            writer.close()
        }
        for round in 0..<2 {
            unlink(mark)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: vigilBinary)
            p.arguments = ["export", "--spool", spool, "--url", receiver.url, "--batch-size", "100"]
            p.standardError = FileHandle.nullDevice
            try p.run()
            // The receiver has the request (and stores it); kill -9 before the reply arrives.
            XCTAssertTrue(waitUntil(20) { FileManager.default.fileExists(atPath: mark) }, "round \(round): no request")
            usleep(300_000)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
        }
        // The daemon restarts: its spool writer opens again and appends more events.
        do {
            let writer = try SpoolWriter(directory: spool)
            for i in 300..<350 { writer.append(eventLine(i, run: "k")); expected.append("k-\(i)") }
            writer.close()
        }
        receiver.control(#"{"slow_ms": 0, "mark_file": null}"#)
        let r = runTool(vigilBinary, ["export", "--spool", spool, "--url", receiver.url, "--batch-size", "100", "--until-empty"], timeout: 120)
        XCTAssertEqual(r.status, 0, r.stderr)
        print("vigil export after two kill -9: \(r.stderr.trimmingCharacters(in: .whitespacesAndNewlines)); receiver \(receiver.stats()!)")
        assertExactlyOnce(receiver, expected)
        XCTAssertGreaterThanOrEqual(receiver.stats()?["conflicts"] ?? 0, 100, "the batch in flight at the kill was re-sent and recognised")
        XCTAssertTrue(r.stderr.contains("350 delivered") || (receiver.stats()?["docs"] == 350), r.stderr)
    }

    func testEnqueueAddsLinesFromAFileToTheSpool() throws {
        let input = dir + "/scan.json"
        try (0..<5).map { eventLine($0, run: "q") }.joined(separator: "\n").write(toFile: input, atomically: true, encoding: .utf8)
        let r = runTool(vigilBinary, ["export", "--spool", dir + "/spool", "--enqueue", input])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("5 lines spooled"), r.stderr)
        let reader = try SpoolReader(directory: dir + "/spool")
        XCTAssertEqual(reader.next(maxLines: 100, maxBytes: 1 << 20)?.lines.count, 5)
    }

    func testAStoppedExporterAbortsItsRequestInFlightPromptly() throws {
        let receiver = try BulkReceiver(dir: dir, faults: #"{"slow_ms": 20000}"#)
        let spool = dir + "/spool"
        let writer = try SpoolWriter(directory: spool)
        writer.append(eventLine(0, run: "s"))
        var s = settings(receiver.url, batch: 10)
        s.http.timeoutSeconds = 30
        let exporter = BulkExporter(spoolDirectory: spool, settings: s)
        exporter.start()
        XCTAssertTrue(waitUntil(10) { receiver.stats()?["requests"] == 1 })
        let t0 = Date()
        exporter.stop()
        XCTAssertLessThan(Date().timeIntervalSince(t0), 5, "stop does not wait for a slow receiver")
        XCTAssertEqual(try SpoolReader(directory: spool).cursor.offset, 0, "nothing acknowledged, so nothing committed")
    }
}
