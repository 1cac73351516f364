import CLinux
import Glibc
import VigilEngine
import VigilSystem

/// "Runs but blocks nothing" must be impossible to miss: at start-up the engine must
/// flag the EICAR test string with the loaded signatures, or the daemon says so loudly.
///
/// Owns: the start-up self-test. Must not: decide what a failure means (the daemon warns).
enum SelfTest {
    /// True when the signatures flag EICAR, scanned from an anonymous memory file.
    static func run(_ signatures: Signatures) throws(VigilError) -> Bool {
        let scanner = try FileScanner(signatures: signatures)
        let probe = try sysCall(orThrow: "self-test: memfd_create failed") { vigil_memfd("vigil-selftest") }
        let file = OpenFile(adopting: probe)
        let text = Array("X5O!P%@AP[4\\PZX54(P^)7CC)7}$".utf8) + Array("EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*".utf8)
        writeAllBytes(probe, text)
        let report = scanner.scan(file, path: RawPath("/selftest/eicar.com"), stat: (try? file.stat()) ?? stat())
        return report.verdict >= Verdict.quarantine
    }
}
