import Foundation
import Glibc
import Testing
@testable import VigilEvents
import VigilTestSupport

/// The event log's hash chain, on real files written by the real EventLog writer thread.
@Suite("event log hash chain")
struct LogChainTests {
    let dir = TempDir()

    func writeLog(_ path: String, _ messages: [String]) {
        let log = EventLog(path: path, toStdout: false, rateLimitSeconds: 0)
        try! log.start()
        for m in messages { log.emit(EventLog.Record(key: m, line: ECSEvent.daemonNote(level: "info", message: m).render())) }
        log.stop()
    }

    func lines(_ path: String) -> [String] {
        (contents(path) ?? "").split(separator: "\n").map(String.init)
    }

    @Test("each line links to the one before, across a restart of the writer")
    func links() throws {
        let f = dir.sub("events.json")
        writeLog(f, ["one", "two", "three"])
        writeLog(f, ["four"])
        let all = lines(f)
        #expect(all.count == 4)
        for (i, l) in all.enumerated() {
            let link = try #require(LogChain.link(of: Array(l.utf8)))
            #expect(link.seq == i)
            #expect(link.prev == (i == 0 ? "" : LogChain.hash(Array(all[i - 1].utf8))))
        }
        let r = LogChain.verify(files: [(f, Array((contents(f) ?? "").utf8))])
        #expect(r.breaks.isEmpty && r.lines == 4, "\(r.breaks)")
    }

    @Test("verify names the first altered place", arguments: ["edited", "removed", "inserted"])
    func breaks(how: String) throws {
        let f = dir.sub("events-\(how).json")
        writeLog(f, ["a", "b", "c", "d", "e"])
        var all = lines(f)
        switch how {
        case "edited": all[2] = all[2].replacingOccurrences(of: "\"c\"", with: "\"x\"")
        case "removed": all.remove(at: 2)
        default: all.insert(#"{"message":"planted"}"#, at: 2)
        }
        let r = LogChain.verify(files: [(f, Array((all.joined(separator: "\n") + "\n").utf8))])
        let first = try #require(r.breaks.first)
        #expect(first.line == 3 || first.line == 4, "\(r.breaks)")
        #expect(first.line == (how == "edited" ? 4 : 3), "\(first)")
    }

    @Test("the link survives hostile text: a message that spells a link is escaped, not read")
    func hostileMessage() throws {
        let f = dir.sub("hostile.json")
        writeLog(f, [#""chain":{"seq":999,"prev":"00"}"#])
        let link = try #require(LogChain.link(of: Array(lines(f)[0].utf8)))
        #expect(link.seq == 0)
    }
}
