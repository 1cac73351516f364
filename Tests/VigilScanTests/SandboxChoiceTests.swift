import Testing
import VigilEngine
@testable import VigilScan

/// When `vigil scan` parses files in sandboxed workers, and how long a worker may take
/// over one file before it is killed (issue 12 item 6).
@Suite("vigil scan's sandbox choice")
struct SandboxChoiceTests {
    @Test("--sandbox, [scanning] sandbox and the user decide, as a table")
    func choice() {
        typealias C = SandboxedScans.Choice
        let table: [(asked: Bool?, configured: Bool?, root: Bool, expected: C)] = [
            (nil, nil, true, .workers),
            (nil, true, true, .workers),
            (nil, false, true, .inProcess(why: "[scanning] sandbox = false in the config")),
            (true, false, true, .workers),
            (false, true, true, .inProcess(why: "--sandbox=no")),
            (nil, nil, false, .inProcess(why: "not root: the parsers run with this user's rights")),
            (nil, true, false, .inProcess(why: "not root: the parsers run with this user's rights")),
            (false, nil, false, .inProcess(why: "--sandbox=no")),
            (true, nil, false, .refused("--sandbox=yes needs root (the workers switch to their own user)")),
        ]
        for row in table {
            #expect(SandboxedScans.choose(asked: row.asked, configured: row.configured, isRoot: row.root) == row.expected, "\(row)")
        }
    }

    @Test("a file's wait: YARA timeout (an hour when unlimited) + archive time + 8 MiB/s of reading + 5 s, capped at a day")
    func wait() {
        var limits = ScanLimits()
        limits.yaraTimeout = 60
        limits.archives.limits.maxSeconds = 30
        #expect(SandboxedScans.waitMillis(limits: limits, size: 0) == 95_000)
        #expect(SandboxedScans.waitMillis(limits: limits, size: 80 << 20) == 105_000)
        limits.yaraTimeout = 0
        limits.archives.limits.maxSeconds = 0
        #expect(SandboxedScans.waitMillis(limits: limits, size: 0) == 3_605_000)
        #expect(SandboxedScans.waitMillis(limits: limits, size: Int64.max) == 24 * 3600 * 1000)
    }
}
