import Foundation
import Glibc
import XCTest
import VigilTestSupport
@testable import VigilShipping

/// The daemon's exporter reads the event log as its spool: lines from an inode-and-offset
/// cursor, across a rotation, across a restart that finds the rotated file by inode.
final class LogTailTests: XCTestCase {
    var dir = ""
    override func setUp() { dir = makeTempDir("vigil-logtail") }
    override func tearDown() { removeTree(dir) }

    func append(_ path: String, _ lines: [String]) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        let bytes = Array(lines.map { $0 + "\n" }.joined().utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    /// Reads and commits everything available; the lines as text.
    func drain(_ tail: LogTail) throws -> [String] {
        var out: [String] = []
        while let b = tail.next(maxLines: 3, maxBytes: 1 << 20) {
            out += b.lines.map { String(decoding: $0, as: UTF8.self) }
            try tail.commit(b.end)
        }
        return out
    }

    func ageFile(_ path: String) {
        var times = [timespec(tv_sec: 1_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000, tv_nsec: 0)]
        XCTAssertEqual(utimensat(AT_FDCWD, path, &times, 0), 0)
    }

    func testLinesFromTheCursorOnAHalfLineWaitsForItsEnd() throws {
        let log = dir + "/events.json"
        append(log, ["a", "b"])
        let tail = try LogTail(logPath: log, directory: dir + "/ship")
        XCTAssertEqual(try drain(tail), ["a", "b"])
        let fd = open(log, O_WRONLY | O_APPEND)
        _ = "c-half".withCString { write(fd, $0, 6) }
        close(fd)
        XCTAssertEqual(try drain(tail), [], "half a line is not shipped")
        append(log, [" done", "d"])
        XCTAssertEqual(try drain(tail), ["c-half done", "d"])
        // A new life resumes at the committed cursor.
        append(log, ["e"])
        XCTAssertEqual(try drain(try LogTail(logPath: log, directory: dir + "/ship")), ["e"])
    }

    func testARotationIsFollowedLiveAndAfterARestartByInode() throws {
        let log = dir + "/events.json"
        append(log, ["1", "2"])
        let tail = try LogTail(logPath: log, directory: dir + "/ship")
        XCTAssertEqual(try drain(tail), ["1", "2"])
        append(log, ["3"])
        XCTAssertEqual(rename(log, log + ".1"), 0)
        append(log, ["4"])
        XCTAssertEqual(try drain(tail), ["3"], "the old file first; the new one only once the old has been quiet")
        ageFile(log + ".1")
        XCTAssertEqual(try drain(tail), ["4"])

        // Down while the log rotates again, with lines left in the old file.
        append(log, ["5"])
        XCTAssertEqual(rename(log, log + ".2"), 0)
        append(log, ["6"])
        ageFile(log + ".2")
        let again = try LogTail(logPath: log, directory: dir + "/ship")
        XCTAssertEqual(try drain(again), ["5", "6"], "the cursor's file was found by inode as events.json.2")
        XCTAssertEqual(again.filesLost, 0)
    }

    func testAFileGoneWhileDownIsCountedAndTheCurrentLogShippedFromItsStart() throws {
        let log = dir + "/events.json"
        append(log, ["1"])
        XCTAssertEqual(try drain(try LogTail(logPath: log, directory: dir + "/ship")), ["1"])
        append(log, ["2"])
        XCTAssertEqual(rename(log, log + ".1"), 0)
        _ = runTool("/bin/gzip", [log + ".1"])
        append(log, ["3"])
        let tail = try LogTail(logPath: log, directory: dir + "/ship")
        XCTAssertEqual(tail.filesLost, 1, "the rotated file was compressed before its tail was shipped: said, not hidden")
        XCTAssertEqual(try drain(tail), ["3"])
    }
}
