import Testing
import VigilEvents
@testable import VigilOnAccess
import VigilSystem

/// What a stopping daemon let through unscanned is counted and reported once, as the
/// event log's last line (DaemonStopTests checks the real stop).
@Suite("StopWindow")
struct StopWindowTests {
    @Test("nothing is reported before the stop began")
    func nothingBeforeTheStop() {
        let w = StopWindow()
        w.allowed(guardedPath: RawPath("/srv/a"))
        #expect(w.report() == nil)
    }

    @Test("guarded opens are counted and the first five named; other events counted apart; the window's length from the first begin")
    func counts() {
        let w = StopWindow()
        w.begin(now: 1_000_000_000)
        w.begin(now: 9_000_000_000)   // a second retire does not move the start
        for i in 0..<7 { w.allowed(guardedPath: RawPath("/srv/f\(i)")) }
        w.allowed(guardedPath: nil)
        w.allowed(guardedPath: nil)
        let s = w.report(now: 1_250_000_000)
        #expect(s == StopWindow.Summary(millis: 250, guarded: 7, other: 2, examples: (0..<5).map { "/srv/f\($0)" }))
        #expect(w.unreported == (0, 0))
        w.allowed(guardedPath: RawPath("/srv/late"))
        #expect(w.unreported == (1, 0), "an open after the report is left for the journal line")
    }

    @Test("the event: a warning naming the files when a guarded file went through, info when none did")
    func event() throws {
        let warn = StopWindow.event(.init(millis: 1200, guarded: 2, other: 5, examples: ["/srv/eicar.com", "/srv/b"]))
        #expect(warn.logLevel == "warning")
        #expect(warn.action == "stop-window")
        let m = try #require(warn.message)
        #expect(m.contains("2 opens of guarded files that were waiting on it were allowed without a verdict") && m.contains("/srv/eicar.com") && m.contains("1200 ms"))
        let quiet = StopWindow.event(.init(millis: 300, guarded: 0, other: 3, examples: []))
        #expect(quiet.logLevel == "info")
        let line = quiet.render().text
        #expect(line.contains("\"allowed_guarded\":0") && line.contains("\"allowed_other\":3") && !line.contains("examples"))
    }
}
