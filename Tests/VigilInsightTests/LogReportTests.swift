import Foundation
import Glibc
import Testing
import VigilInsight
import VigilSystem
import VigilTestSupport

@Suite("vigil report: event logs as a stream")
struct LogReportTests {
    let dir = TempDir()

    static func line(_ action: String, _ time: String, rule: String = "EICAR", path: String = "/srv/eicar.com", exe: String = "/usr/bin/cat",
                     repeats: Int? = nil) -> String {
        #"{"@timestamp":"\#(time)","event":{"action":"\#(action)","dataset":"vigil.onaccess"},"file":{"path":"\#(path)"},"#
            + #""process":{"pid":1,"executable":"\#(exe)"},"rule":{"name":"\#(rule)"},"vigil":{"access":"open","rules":["\#(rule)"]"#
            + (repeats.map { #","repeats":\#($0)"# } ?? "") + "}}"
    }

    @Test("denies and audit findings grouped by rule, path and process with counts and first/last seen; allows ignored; a repeats summary counts its repeats")
    func groups() {
        var r = LogReport(since: nil, until: nil)
        for l in [Self.line("deny", "2026-11-26T10:00:00.000Z"),
                  Self.line("audit", "2026-11-26T11:00:00.000Z", rule: "Dropper", path: "/tmp/x.sh", exe: "/usr/bin/bash"),
                  Self.line("deny", "2026-11-26T12:00:00.000Z", repeats: 4),
                  #"{"@timestamp":"2026-11-26T12:30:00.000Z","event":{"action":"allow"}}"#,
                  #"{"@timestamp":"2026-11-26T12:30:00.000Z","event":{"action":"daemon-start"}}"#] {
            r.consume(Array(l.utf8))
        }
        #expect(r.events == 6 && r.denies == 5 && r.audits == 1 && r.malformed == 0 && r.linesRead == 5)
        let rules = r.ranked(.rule, limit: 10)
        #expect(rules.map(\.key) == ["EICAR", "Dropper"] && rules[0].count == 5)
        #expect(rules[0].first == parseRFC3339("2026-11-26T10:00:00Z") && rules[0].last == parseRFC3339("2026-11-26T12:00:00Z"))
        #expect(r.ranked(.process, limit: 10).map(\.key) == ["/usr/bin/cat", "/usr/bin/bash"])
        #expect(r.ranked(.path, limit: 1).map(\.key) == ["/srv/eicar.com"])
    }

    @Test("by workload: lines carrying vigil.workload are grouped by it; lines without it (no [[workload]]s) are in no workload group")
    func byWorkload() {
        var r = LogReport(since: nil, until: nil)
        func tagged(_ action: String, _ workload: String?) -> String {
            let l = Self.line(action, "2026-11-26T10:00:00Z")
            guard let workload else { return l }
            return String(l.dropLast(2)) + #","workload":"\#(workload)"}}"#
        }
        for l in [tagged("audit", "ci"), tagged("audit", "ci"), tagged("deny", "web"), tagged("deny", "host"), tagged("deny", nil)] {
            r.consume(Array(l.utf8))
        }
        #expect(r.events == 5 && r.malformed == 0)
        let groups = r.ranked(.workload, limit: 10)
        #expect(groups.map(\.key) == ["ci", "host", "web"])
        #expect(groups[0].audits == 2 && groups[0].denies == 0 && groups[2].denies == 1)
    }

    @Test("malformed lines are skipped and counted: not JSON, cut in half, no time, a bad time, binary junk")
    func malformed() {
        var r = LogReport(since: nil, until: nil)
        let good = Self.line("deny", "2026-11-26T10:00:00Z")
        for l in ["not json", String(good.prefix(40)), #"{"event":{"action":"deny"}}"#, #"{"@timestamp":"yesterday","event":{"action":"deny"}}"#,
                  #"{"event":{"action":"deny"},"x":"\#u{1}"#, good] {
            r.consume(Array(l.utf8))
        }
        r.consume([0xFF, 0xFE, 0x7B, 0x00, 0x7D])
        #expect(r.events == 1 && r.malformed == 6, "\(r.malformed)")
    }

    @Test("--since/--until bound by instant, whatever offset each line or bound is written in")
    func window() {
        // 10:00Z, 11:30+02:00 (= 09:30Z), 12:00Z
        var r = LogReport(since: parseRFC3339("2026-11-26T10:30:00+01:00"), until: parseRFC3339("2026-11-26T11:00:00Z"))
        for t in ["2026-11-26T10:00:00.000Z", "2026-11-26T11:30:00+02:00", "2026-11-26T12:00:00.000Z", "2026-11-26T09:29:59Z"] {
            r.consume(Array(Self.line("deny", t).utf8))
        }
        // since = 09:30Z: 10:00Z and 09:30Z are in; 12:00Z is after until; 09:29:59Z before since.
        #expect(r.events == 2 && r.outsideWindow == 2)
    }

    @Test("local dates and times are read in TZ; spans count back from now")
    func instants() {
        setenv("TZ", "America/New_York", 1)
        tzset()
        defer { unsetenv("TZ"); tzset() }
        #expect(parseInstant("2026-11-26", now: 0) == parseRFC3339("2026-11-26T00:00:00-05:00"))
        #expect(parseInstant("2026-07-01 08:00", now: 0) == parseRFC3339("2026-07-01T08:00:00-04:00"), "summer time")
        let dayAgo: Double? = parseInstant("24h", now: 100_000)
        #expect(dayAgo == 13_600.0)
        #expect(parseInstant("2026-11-26T08:00:00+01:00", now: 0) == parseRFC3339("2026-11-26T07:00:00Z"))
        #expect(parseInstant("2026-13-01", now: 0) == nil && parseInstant("soon", now: 0) == nil)
        #expect(localTimeText(parseRFC3339("2026-11-26T12:00:00Z")!) == "2026-11-26 07:00:00 -0500")
    }

    @Test("rotated logs: plain, .1 and .gz siblings are found and read; a truncated .gz counts what it held and says so")
    func rotated() throws {
        let log = dir.sub("events.json")
        _ = dir.write("events.json", Self.line("deny", "2026-11-26T12:00:00Z") + "\n")
        _ = dir.write("events.json.1", Self.line("audit", "2026-11-26T11:00:00Z") + "\n")
        _ = dir.write("other.json", Self.line("deny", "2026-11-26T11:00:00Z") + "\n")
        let gzText = (0..<1000).map { _ in Self.line("deny", "2026-11-26T10:00:00Z") }.joined(separator: "\n") + "\n"
        _ = dir.write("events.json.2", gzText)
        #expect(runProgram("/bin/gzip", [dir.sub("events.json.2")]).status == 0)
        let files = LogReport.logFiles(for: log, since: nil)
        #expect(files.map { String($0.split(separator: "/").last!) } == ["events.json", "events.json.1", "events.json.2.gz"])
        var r = LogReport(since: nil, until: nil)
        for f in files { r.read(file: f) }
        #expect(r.events == 1002 && r.denies == 1001 && r.fileErrors.isEmpty)

        // The same .gz cut in the middle: what was before the cut counts, and the file is named.
        let gz = try #require(FileManager.default.contents(atPath: dir.sub("events.json.2.gz")))
        FileManager.default.createFile(atPath: dir.sub("cut.json.gz"), contents: gz.prefix(gz.count / 2))
        var cut = LogReport(since: nil, until: nil)
        cut.read(file: dir.sub("cut.json.gz"))
        #expect(cut.events > 0 && cut.events < 1000 && cut.fileErrors.count == 1, "\(cut.events) \(cut.fileErrors)")
        // A rotated file last written before --since is not opened at all.
        var old = stat()
        #expect(stat(dir.sub("events.json.1"), &old) == 0)
        var times = [timespec(tv_sec: 1_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, dir.sub("events.json.1"), &times, 0) == 0)
        #expect(!LogReport.logFiles(for: log, since: 2_000_000).contains { $0.hasSuffix(".json.1") })
    }

    @Test("a large log streams in bounded memory: 200,000 lines (64 MiB of allows, a line over the limit, denies), counted exactly")
    func large() throws {
        let path = dir.sub("big.json")
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0)
        let allow = Array((#"{"@timestamp":"2026-11-26T10:00:00Z","event":{"action":"allow"},"pad":""# + String(repeating: "x", count: 300) + "\"}\n").utf8)
        let deny = Array((Self.line("deny", "2026-11-26T10:00:00Z") + "\n").utf8)
        var chunk: [UInt8] = []
        for i in 0..<200_000 {
            chunk += i % 1000 == 0 ? deny : allow
            if chunk.count > 1 << 20 { writeAllBytes(fd, chunk); chunk.removeAll(keepingCapacity: true) }
        }
        writeAllBytes(fd, chunk + Array(repeating: UInt8(ascii: "y"), count: 3 << 20) + [10] + deny)
        close(fd)
        var r = LogReport(since: nil, until: nil)
        r.read(file: path)
        #expect(r.linesRead == 200_002 && r.events == 201 && r.malformed == 1)
    }
}
