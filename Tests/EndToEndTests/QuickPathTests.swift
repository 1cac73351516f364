import Foundation
import Glibc
import Testing
import VigilTestSupport

/// The quick path (issue 14): small files the literal prefilter clears are judged on the
/// event thread; everything else still goes through the scan pool, and nothing the pool
/// would deny is allowed by it.
@Suite("the event thread's quick path (real kernel)", .serialized, .enabled(if: geteuid() == 0))
struct QuickPathTests {
    @Test("a small clean file is answered on the event thread; EICAR and a file over 64 KiB go to the pool")
    func smallCleanFilesAreAnsweredInline() throws {
        let d = try #require(DaemonHarness())
        let clean = d.write("notes.txt", String(repeating: "an ordinary line of text\n", count: 100))
        let bad = d.write("eicar.com", eicar)
        let big = d.write("big.txt", String(repeating: "an ordinary line of text\n", count: 4000))
        #expect(d.start(), "\(d.output)")
        waitForQuickPath(d)
        let (inline, scanned) = (d.stat("answered_inline"), d.stat("scanned"))
        #expect(tryRead(clean) == 0)
        #expect(d.stat("answered_inline") == inline + 1, "\(String(describing: d.status()?["stats"]))")
        #expect(d.stat("scanned") == scanned + 1)
        #expect(tryRead(bad) == EPERM, "a prefilter hit is scanned by the pool, and denied")
        #expect(tryRead(big) == 0)
        #expect(d.stat("answered_inline") == inline + 1, "neither EICAR nor the 100 KiB file was judged inline")
        #expect(d.stat("scanned") == scanned + 3)
        #expect(tryRead(bad) == EPERM, "and stays denied")
    }

    /// The event thread's scanner is built after start-up, off the start's path: opens
    /// of fresh small files until one is answered inline (each is cached after its open).
    func waitForQuickPath(_ d: DaemonHarness) {
        var i = 0
        let ready = eventually(timeout: 20) {
            i += 1
            _ = tryRead(d.write("warm-up-\(i).txt", "warming up \(i)\n"))
            return d.stat("answered_inline") >= 1
        }
        #expect(ready != nil, "the quick path never answered")
    }

    @Test("a file judged on the event thread is cached like any clean file: its next open does not reach the daemon")
    func inlineVerdictIsCached() throws {
        let d = try #require(DaemonHarness())
        let clean = d.write("notes.txt", "ordinary\n")
        #expect(d.start(), "\(d.output)")
        waitForQuickPath(d)
        let inline = d.stat("answered_inline"), marks = d.stat("cache_marks")
        #expect(tryRead(clean) == 0)
        #expect(d.stat("answered_inline") == inline + 1)
        // The mark is placed after the answer (the opener does not wait for it): wait for it.
        #expect(eventually(timeout: 5) { d.stat("cache_marks") > marks } != nil, "the clean verdict became a kernel mark")
        let events = d.stat("events")
        #expect(tryRead(clean) == 0)
        #expect(d.stat("events") == events, "an ignore mark answered the second open in the kernel")
        // A write drops the mark: the new content is judged again, and EICAR is denied.
        FileManager.default.createFile(atPath: clean, contents: Data(eicar))
        #expect(tryRead(clean) == EPERM)
    }
}
