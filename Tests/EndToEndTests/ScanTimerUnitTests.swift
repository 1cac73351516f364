import Foundation
import Glibc
import Testing
import VigilTestSupport

/// The scheduled scan's unit fails when the scan finds something, and its OnFailure=
/// unit mails root (or logs at auth.alert without an MTA). The report script is run here
/// as systemd would run it, with stand-ins for sendmail, systemctl and journalctl.
@Suite("the scan timer's unit fails on findings and reports it")
struct ScanTimerUnitTests {
    let dir = TempDir()

    func unit(_ name: String) throws -> String {
        try String(contentsOfFile: repoRoot + "/Systemd/" + name, encoding: .utf8)
    }

    /// The ExecStart= script of the report unit, unescaped as systemd does (`$$` → `$`,
    /// `%%` → `%`, continuation lines joined).
    func reportScript() throws -> String {
        let text = try unit("vigil-scan-failed@.service").replacingOccurrences(of: "\\\n", with: "")
        let exec = try #require(text.split(separator: "\n").first { $0.hasPrefix("ExecStart=/bin/sh -c '") })
        let body = exec.dropFirst("ExecStart=/bin/sh -c '".count)
        let end = try #require(body.range(of: "' sh %i", options: .backwards))
        return String(body[..<end.lowerBound]).replacingOccurrences(of: "$$", with: "$").replacingOccurrences(of: "%%", with: "%")
    }

    @Test("findings fail the unit: no SuccessExitStatus=1, and OnFailure= names the report unit")
    func failsOnFindings() throws {
        let scan = try unit("vigil-scan.service")
        #expect(!scan.contains("SuccessExitStatus"))
        #expect(scan.contains("\nOnFailure=vigil-scan-failed@%n.service\n"))
        // And the scan does exit 1 on a finding.
        dir.write("f/eicar.com", eicar)
        #expect(vigil(["scan", "--json", "--infected-only", dir.sub("f")]).status == 1)
    }

    @Test("the scheduled scan skips the installed config's canary file (EICAR by design), and only it: a real scan with the unit's --exclude")
    func skipsTheCanary() throws {
        let conf = vigil(["config", "default"])
        let line = try #require(conf.stdout.split(separator: "\n").first { $0.hasPrefix("canary_paths = [") }, "\(conf.stdout)")
        let canary = try #require(line.split(separator: "\"").dropFirst().first.map(String.init))
        let exec = try #require(try unit("vigil-scan.service").split(separator: "\n").first { $0.hasPrefix("ExecStart=") })
        let words = exec.split(separator: " ").map(String.init)
        let i = try #require(words.firstIndex(of: "--exclude"))
        #expect(words[i + 1] == canary, "the unit's --exclude names the installed canary, \(canary)")
        // The same flag on a real tree: the canary is skipped, another EICAR copy is found.
        dir.write("home/.vigil-canary", eicar)
        dir.write("home/user/eicar.com", eicar)
        let r = vigil(["scan", "--json", "--infected-only", "--exclude", dir.sub("home/.vigil-canary"), dir.sub("home")])
        #expect(r.status == 1)
        #expect(r.stdout.contains("eicar.com") && !r.stdout.contains(".vigil-canary"), "\(r.stdout)")
    }

    func stubs(_ names: [String: String]) -> String {
        let bin = dir.sub("bin-\(names.keys.sorted().joined(separator: "-"))")
        for (name, body) in names { dir.write(String(bin.dropFirst(dir.path.count + 1)) + "/" + name, "#!/bin/sh\n" + body + "\n", mode: 0o755) }
        return bin
    }

    @Test("the report mails root with the unit's status, the findings and the log")
    func mailsRoot() throws {
        let script = try reportScript()
        let log = dir.write("scan.json", #"{"event":{"action":"detected"},"file":{"path":"/srv/x/eicar.com"},"rule":{"name":"Vigil_EICAR_Test_File"}}"# + "\n")
        let bin = stubs(["sendmail": "cat > \(dir.sub("mail.txt"))", "systemctl": "echo \"status of $4: failed (Result: exit-code)\"",
                         "journalctl": "echo 'vigil: 1 file infected'"])
        let r = runProgram("/bin/sh", ["-c", script, "sh", "vigil-scan.service"], timeout: 30,
                           environment: ["PATH": bin + ":/usr/bin:/bin", "VIGIL_SCAN_LOG": log])
        #expect(r.status == 0, "\(r.stderr)")
        let mail = try String(contentsOfFile: dir.sub("mail.txt"), encoding: .utf8)
        #expect(mail.hasPrefix("To: root\nSubject: vigil-scan.service failed on "))
        #expect(mail.contains("status of vigil-scan.service: failed"))
        #expect(mail.contains("Vigil_EICAR_Test_File") && mail.contains("/srv/x/eicar.com"))
        #expect(mail.contains("vigil: 1 file infected"))
    }

    @Test("without an MTA the report goes to syslog at auth.alert")
    func logsWithoutMTA() throws {
        let script = try reportScript()
        let log = dir.write("scan2.json", "{}\n")
        let bin = stubs(["logger": "echo \"$@\" > \(dir.sub("logger-args.txt")); cat > \(dir.sub("logger.txt"))",
                         "systemctl": "echo status", "journalctl": "echo journal"])
        // PATH without sbin: no sendmail, whatever the host has.
        let r = runProgram("/bin/sh", ["-c", script, "sh", "vigil-scan.service"], timeout: 30,
                           environment: ["PATH": bin + ":/usr/bin:/bin", "VIGIL_SCAN_LOG": log])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try String(contentsOfFile: dir.sub("logger-args.txt"), encoding: .utf8) == "-p auth.alert -t vigil-scan\n")
        #expect(try String(contentsOfFile: dir.sub("logger.txt"), encoding: .utf8).contains("Subject: vigil-scan.service failed"))
    }
}
