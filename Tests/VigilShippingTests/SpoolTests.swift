import VigilTestSupport
import Glibc
import XCTest
@testable import VigilShipping

final class SpoolTests: XCTestCase {
    var dir = ""
    override func setUp() { dir = makeTempDir("vigil-spool") }
    override func tearDown() { removeTree(dir) }

    func drain(_ r: SpoolReader, commit: Bool = true) throws -> [String] {
        var out: [String] = []
        while let b = r.next(maxLines: 7, maxBytes: 1000) {
            out += b.lines.map { String(decoding: $0, as: UTF8.self) }
            if commit { try r.commit(b.end) }
        }
        return out
    }

    func testTheSharedLineSplitterAsATable() {
        // (bytes, maxLines, lines, consumed): empty lines are consumed but not returned; a
        // tail without its newline is left for later.
        let table: [(String, Int, [String], Int)] = [
            ("", 10, [], 0),
            ("half", 10, [], 0),
            ("a\nb\n", 10, ["a", "b"], 4),
            ("a\nb\nhalf", 10, ["a", "b"], 4),
            ("\n\na\n", 10, ["a"], 4),
            ("\n", 10, [], 1),
            ("a\nb\nc\n", 2, ["a", "b"], 4),
            ("{\"x\":1}\n", 1, ["{\"x\":1}"], 8),
        ]
        for (text, max, want, consumed) in table {
            let bytes = Array(text.utf8)
            let got = LineReader.split(bytes[...], maxLines: max)
            XCTAssertEqual(got.lines.map { String(decoding: $0, as: UTF8.self) }, want, text)
            XCTAssertEqual(got.consumed, consumed, text)
            // The same from the middle of a buffer (slices keep their own indices).
            let padded = Array("xx".utf8) + bytes
            XCTAssertEqual(LineReader.split(padded[2...], maxLines: max).consumed, consumed, "offset \(text)")
        }
    }

    func testLinesComeBackInOrderAcrossSegmentsAndFinishedSegmentsAreRemoved() throws {
        let w = try SpoolWriter(directory: dir, segmentBytes: 4096)
        let lines = (0..<500).map { "line \($0) " + String(repeating: "x", count: $0 % 50) }
        for l in lines { w.append(l) }
        XCTAssertGreaterThan(SpoolFiles.segments(dir).count, 3)
        let r = try SpoolReader(directory: dir)
        XCTAssertEqual(try drain(r), lines)
        XCTAssertEqual(SpoolFiles.segments(dir).count, 1, "only the segment being written remains")
        XCTAssertEqual(r.backlogBytes(), 0)
    }

    func testTheCursorSurvivesARestartAndNothingIsReadTwice() throws {
        let w = try SpoolWriter(directory: dir, segmentBytes: 4096)
        for i in 0..<100 { w.append("e\(i)") }
        let r1 = try SpoolReader(directory: dir)
        let b = try XCTUnwrap(r1.next(maxLines: 30, maxBytes: 1 << 20))
        try r1.commit(b.end)
        _ = r1.next(maxLines: 30, maxBytes: 1 << 20)   // read but not committed: a crash before the reply
        let r2 = try SpoolReader(directory: dir)
        XCTAssertEqual(try drain(r2), (30..<100).map { "e\($0)" }, "resumes after the last commit")
    }

    func testANewlineInAnEventCannotSplitIt() throws {
        let w = try SpoolWriter(directory: dir)
        w.append("{\"a\":1}\n{\"b\":2}")
        XCTAssertEqual(try drain(try SpoolReader(directory: dir)), ["{\"a\":1}{\"b\":2}"])
    }

    func testAHalfWrittenLineFromACrashIsCutAndWritingGoesOnInANewSegment() throws {
        do {
            let w = try SpoolWriter(directory: dir)
            w.append("whole 1")
            w.append("whole 2")
            w.close()
        }
        // A crash in the middle of a write leaves a line without its newline.
        let seg = dir + "/" + SpoolFiles.name(1)
        let fd = open(seg, O_WRONLY | O_APPEND)
        _ = "{\"torn".withCString { write(fd, $0, 6) }
        close(fd)
        let w2 = try SpoolWriter(directory: dir)
        XCTAssertEqual(w2.tornBytesRepaired.load(ordering: .relaxed), 6)
        w2.append("after restart")
        XCTAssertEqual(try drain(try SpoolReader(directory: dir)), ["whole 1", "whole 2", "after restart"])
    }

    func testATornFinishedSegmentIsSkippedButAnActiveOneIsWaitedFor() throws {
        // Segment 1 ends in half a line and segment 2 exists: the half line is skipped.
        try "a\nb\n{\"half".write(toFile: dir + "/" + SpoolFiles.name(1), atomically: false, encoding: .utf8)
        try "c\n".write(toFile: dir + "/" + SpoolFiles.name(2), atomically: false, encoding: .utf8)
        let r = try SpoolReader(directory: dir)
        XCTAssertEqual(try drain(r), ["a", "b", "c"])
        XCTAssertEqual(r.tornBytesSkipped, 6)
        // The last segment ending mid-line is a writer at work: nothing is skipped.
        let fd = open(dir + "/" + SpoolFiles.name(2), O_WRONLY | O_APPEND)
        _ = "d-partial".withCString { write(fd, $0, 9) }
        XCTAssertNil(r.next(maxLines: 10, maxBytes: 1000))
        _ = "\n".withCString { write(fd, $0, 1) }
        close(fd)
        XCTAssertEqual(try drain(r), ["d-partial"])
    }

    func testTheSizeBoundDropsOldestSegmentsAndCountsThem() throws {
        let w = try SpoolWriter(directory: dir, segmentBytes: 4096, maxBytes: 16384)
        for i in 0..<2000 { w.append("event number \(i) " + String(repeating: "y", count: 40)) }
        let total = SpoolFiles.segments(dir).reduce(0) { $0 + $1.size }
        XCTAssertLessThanOrEqual(total, 16384 + 4096)
        XCTAssertGreaterThan(w.droppedSegments.load(ordering: .relaxed), 0)
        XCTAssertGreaterThan(w.droppedBytes.load(ordering: .relaxed), 0)
        let rest = try drain(try SpoolReader(directory: dir))
        XCTAssertEqual(rest.last, "event number 1999 " + String(repeating: "y", count: 40), "the newest events are kept")
        XCTAssertLessThan(rest.count, 2000)
    }

    func testCursorLinesParseAsATable() {
        XCTAssertEqual(SpoolPosition.parse("3 1024\n"), SpoolPosition(segment: 3, offset: 1024))
        XCTAssertEqual(SpoolPosition.parse("1 0"), SpoolPosition(segment: 1, offset: 0))
        for bad in ["", "3", "3 -1", "a b", "3 4 5"] { XCTAssertNil(SpoolPosition.parse(bad), bad) }
    }
}
