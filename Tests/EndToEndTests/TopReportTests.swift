import Foundation
import Glibc
import Testing
import VigilTestSupport

/// `vigil top` against a running daemon on the real kernel, and `vigil report` over that
/// daemon's event log (plain and gzip-rotated).
@Suite("vigil top and vigil report (real kernel)", .serialized, .enabled(if: geteuid() == 0))
struct TopReportTests {
    static func object(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }

    @Test("top names the exited process that opened 40 files by its executable, the folder holding them with its exclude_paths line, and the rule that denied; report counts the denies from the log")
    func topAndReport() throws {
        let d = try #require(DaemonHarness())
        var files: [String] = []
        for i in 0..<40 { files.append(d.write("noisy/cache/blob\(i).bin", "cached bytes \(i)\n")) }
        let bad = d.write("inbox/eicar.com", eicar)
        #expect(d.start(), "\(d.output)")
        #expect(tryRead(bad) == EPERM)
        #expect(tryRead(bad) == EPERM, "the second deny is answered from the cache")

        // A process that exits soon after its opens: top still names it by executable
        // (the namer read /proc within ~100 ms of its events).
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        reader.arguments = ["-c", "import sys, time\nfor f in sys.argv[1:]: open(f).read()\ntime.sleep(0.5)"] + files
        try reader.run()
        reader.waitUntilExit()
        #expect(reader.terminationStatus == 0)
        #expect(kill(reader.processIdentifier, 0) != 0, "the reader has exited before top is asked")

        let r = vigil(["top", "--json", "--socket", d.socket, "--window", "5m", "--limit", "5"])
        #expect(r.status == 0, "\(r.stderr)")
        let top = try #require(TopReportTests.object(r.stdout), "\(r.stdout)")
        let groups = try #require(top["groups"] as? [String: [[String: Any]]])
        #expect((top["events"] as? Int ?? 0) >= 42, "\(r.stdout)")
        let busiest = try #require(groups["process"]?.first)
        #expect((busiest["key"] as? String ?? "").hasPrefix("/usr/bin/python3") && (busiest["command_line"] as? String ?? "").contains("blob0.bin"), "\(busiest)")
        #expect(busiest["events"] as? Int == 40 && busiest["scanned"] as? Int == 40 && busiest["scan_p99_us"] is Int, "\(busiest)")
        #expect((busiest["exclusion"] as? String ?? "").hasPrefix(#"[guard] exclude_executables = ["/usr/bin/python3"#), "\(busiest)")
        let folder = try #require(groups["path"]?.first)
        #expect(folder["key"] as? String == d.guarded + "/noisy/cache/" && folder["folder"] as? Bool == true && folder["events"] as? Int == 40, "\(folder)")
        #expect(folder["exclusion"] as? String == #"[guard] exclude_paths = [""# + d.guarded + #"/noisy/cache/"]"#)
        // Where something was denied there is no exclusion, and the reply says why.
        let denier = try #require(groups["process"]?.first { ($0["denies"] as? Int ?? 0) > 0 }, "\(groups["process"] ?? [])")
        #expect(denier["exclusion"] == nil && (denier["exclusion_withheld"] as? String ?? "").contains("2 denied"), "\(denier)")
        let deniedPath = try #require(groups["path"]?.first { $0["key"] as? String == bad }, "\(groups["path"] ?? [])")
        #expect(deniedPath["exclusion"] == nil && deniedPath["exclusion_withheld"] is String, "\(deniedPath)")
        let rule = groups["rule"]?.first { ($0["denies"] as? Int ?? 0) > 0 }
        #expect(rule?["denies"] as? Int == 2, "one scanned deny and one from the cache: \(groups["rule"] ?? [])")
        #expect(groups["kind"]?.contains { $0["key"] as? String == "open deny" } == true)

        // The table for people; --interval with stdout not a terminal prints once and exits.
        let table = vigil(["top", "--socket", d.socket, "--by", "path", "--interval", "1"], timeout: 20)
        #expect(table.status == 0 && table.stdout.components(separatedBy: "vigil top:").count == 2, "\(table.stdout)\(table.stderr)")
        #expect(table.stdout.contains("exclude_paths = [\"\(d.guarded)/noisy/cache/\"]"), "\(table.stdout)")
        #expect(table.stdout.contains("(no exclusion suggested: 2 denied here"), "\(table.stdout)")
        #expect(vigil(["top", "--socket", d.socket, "--by", "nonsense"]).status != 0)

        d.stop()
        // report: the live log plus a gzip-rotated copy of it (counted twice, as two files).
        let rotated = d.dir.sub("events.json.1")
        #expect(runProgram("/bin/sh", ["-c", "gzip -c '\(d.logFile)' > '\(rotated).gz'"]).status == 0)
        let rep = vigil(["report", "--json", "--since", "1h", "--log", d.logFile, rotated + ".gz"])
        #expect(rep.status == 0, "\(rep.stderr)")
        let report = try #require(TopReportTests.object(rep.stdout), "\(rep.stdout)")
        #expect(report["denies"] as? Int == 4 && report["audits"] as? Int == 0 && report["malformed"] as? Int == 0, "\(rep.stdout)")
        let byPath = (report["groups"] as? [String: [[String: Any]]])?["path"] ?? []
        #expect(byPath.first?["key"] as? String == bad && byPath.first?["count"] as? Int == 4, "\(byPath)")
        let human = vigil(["report", "--since", "1h", "--log", d.logFile])
        #expect(human.status == 0 && human.stdout.contains("2 denied (enforce)") && human.stdout.contains("Vigil_EICAR_Test_File"), "\(human.stdout)")
        let none = vigil(["report", "--json", "--since", "2000-01-01", "--until", "2000-01-02", "--log", d.logFile])
        #expect(TopReportTests.object(none.stdout)?["events"] as? Int == 0)
    }
}
