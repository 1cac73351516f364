import Glibc
import Testing
import VigilEngine
import VigilScan
import VigilSystem
import VigilTestSupport

/// The bundled set is quiet on this machine's own /usr, with archives opened: a stock
/// server trusts what Vigil ships.
@Suite("Bundled rules on this machine's /usr")
struct StockSystemScanTests {
    /// The parts of this machine's /usr where false positives live: documentation (and
    /// its .gz files, opened as archives), manuals, executables, Perl, Java archives.
    static let stockRoots: [String] = ["/usr/share/doc", "/usr/share/man", "/usr/bin", "/usr/sbin", "/usr/share/perl5",
                                       "/usr/lib/x86_64-linux-gnu/perl-base", "/usr/share/java"].filter { (p: String) in access(p, R_OK) == 0 }

    @Test("this machine's /usr, archives opened: no finding, no error, no rule error, no archive left unread",
          .enabled(if: !stockRoots.isEmpty))
    func stockUsr() throws {
        let (summary, got) = try runScan(Self.stockRoots, signatures: try loadBundled()) { options in
            options.limits.archives.enabled = true
        }
        let noisy = got.all.filter { e in
            e.report.isFinding || e.report.problems.contains { p in
                switch p {
                case .partialContent, .tooManyMatches, .archiveUnreadable: false
                default: true
                }
            }
        }.map { "\($0.report.path): \($0.report.findings.map { "\($0.name) in \($0.member ?? "-")" }) \($0.report.problems)" }
        #expect(summary.files > 2000)
        #expect(summary.archiveMembers > 1000, "the .gz manuals and docs were opened: \(summary.archiveMembers)")
        #expect(noisy.isEmpty, "\(noisy.prefix(5))")
        #expect(summary.errors == 0 && summary.ruleErrors == 0 && summary.infectedFiles == 0 && summary.archiveLimits == 0)
    }
}
