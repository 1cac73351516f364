import Glibc
import Testing
@testable import VigilEngine
import VigilSystem
import VigilTestSupport

@Suite("Scan limits: deadlines and oversize windows are reported, never silently clean")
struct ScanLimitsTests {
    let dir = TempDir()

    @Test("read plans", arguments: [
        // (maxFileSize, window, size, plan)
        (Int64(100), Int64(10), Int64(50), ScanLimits.ReadPlan.whole),
        (100, 10, 100, .whole),
        (100, 10, 101, .windows(head: 10, tailOffset: 91, tail: 10)),
        (0, 10, 1 << 40, .whole),                      // 0: no limit
        (16, 1 << 20, 68, .whole),                     // windows would cover it: read whole
        (100, 60, 120, .whole),                        // windows meet exactly
        (100, 50, 120, .windows(head: 50, tailOffset: 70, tail: 50)),
        (100, 0, 120, .windows(head: 0, tailOffset: 120, tail: 0)),
    ] as [(Int64, Int64, Int64, ScanLimits.ReadPlan)])
    func plans(_ max: Int64, _ window: Int64, _ size: Int64, _ expected: ScanLimits.ReadPlan) {
        var limits = ScanLimits()
        limits.maxFileSize = max
        limits.oversizeWindow = window
        #expect(limits.plan(size: size) == expected)
    }

    @Test("YARA stops at the earlier of the per-file timeout and the deadline", arguments: [
        (UInt64(1000), UInt64?.none, UInt64?.none, UInt64?.none, false),
        (1000, 500, nil, 1500, false),
        (1000, nil, 1200, 1200, true),
        (1000, 500, 1200, 1200, true),
        (1000, 500, 1600, 1500, false),
        (1000, 500, 900, 900, true),                  // deadline already passed
    ] as [(UInt64, UInt64?, UInt64?, UInt64?, Bool)])
    func yaraEnd(_ start: UInt64, _ budget: UInt64?, _ deadline: UInt64?, _ end: UInt64?, _ byDeadline: Bool) {
        let got = FileScanner.yaraEnd(start: start, budget: budget, deadline: deadline)
        #expect(got.end == end && got.byDeadline == byDeadline)
    }

    /// A rule libyara needs seconds for on a megabyte of "a" (every byte starts a
    /// regex verification of up to 50 bytes): something for a deadline to cut short. The
    /// closing "c" makes the regex match, so the literal prefilter hands the file to
    /// libyara's full search; the condition stays false (clean once evaluated).
    func slowSetup() throws -> (file: String, signatures: Signatures) {
        let rules = dir.write("slow.yar", "rule Slow { strings: $r = /a[^b]{0,50}c/ condition: $r and filesize < 16 }\n")
        let payload = [UInt8](repeating: 0x61, count: 1 << 20) + [0x63]
        let file = dir.write("slow.bin", payload)
        dir.write("slow.hsb", "\(sha256Hex(payload)):\(payload.count):Known.Slow\n")
        return (file, try Signatures.load([rules, dir.sub("slow.hsb")]))
    }

    @Test("a sub-second deadline stops YARA on time and is reported; the hash-list hit stays")
    func deadline() throws {
        let (file, s) = try slowSetup()
        let start = YaraScanner.now()
        let r = try scanPath(file, s, deadline: start + 150_000_000)
        let took = Double(YaraScanner.now() - start) / 1e9
        #expect(took < 0.6, "stopped near the 150 ms deadline, took \(took) s")
        #expect(r.findings.map(\.name) == ["Known.Slow"])
        guard case let .timedOut(seconds, byDeadline)? = r.problems.last else { Issue.record("\(r.problems)"); return }
        #expect(byDeadline && seconds > 0 && seconds <= 0.15)
        #expect(r.problems.last?.isError == true && !r.isComplete)
    }

    @Test("a deadline already passed skips YARA and says so")
    func deadlinePassed() throws {
        let (file, s) = try slowSetup()
        let r = try scanPath(file, s, deadline: YaraScanner.now() - 1)
        #expect(r.findings.map(\.name) == ["Known.Slow"])
        #expect(r.problems == [.timedOut(seconds: 0, byDeadline: true)])
    }

    @Test("the per-file YARA timeout takes fractions of a second and is reported")
    func perFileTimeout() throws {
        let (file, s) = try slowSetup()
        var limits = ScanLimits()
        limits.yaraTimeout = 0.2
        let start = YaraScanner.now()
        let r = try scanPath(file, s, limits: limits)
        #expect(Double(YaraScanner.now() - start) / 1e9 < 0.8)
        guard case let .timedOut(seconds, byDeadline)? = r.problems.last else { Issue.record("\(r.problems)"); return }
        #expect(!byDeadline && abs(seconds - 0.2) < 0.001)
    }

    // MARK: oversize windows

    static let big: Int64 = 40 << 20

    /// A sparse 40 MiB file starting with "MZ", with `marker` written at `offset`.
    func oversize(_ name: String, _ marker: [UInt8], at offset: Int64) throws -> String {
        let p = dir.write(name, Array("MZ".utf8))
        #expect(truncate(p, off_t(ScanLimitsTests.big)) == 0)
        let fd = open(p, O_WRONLY)
        defer { close(fd) }
        #expect(marker.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(offset)) } == marker.count)
        return p
    }

    func windowed() -> ScanLimits {
        var limits = ScanLimits()
        limits.maxFileSize = 1 << 20
        limits.oversizeWindow = 8 << 20
        return limits
    }

    @Test("EICAR in an oversize file: found in the head or tail window, reported partial (not clean) in the middle",
          arguments: [
              ("last 4 KiB", big - 4096 + 100, true),
              ("last bytes", big - Int64(eicar.count), true),
              ("first bytes", 2, true),
              ("end of head window", (8 << 20) - Int64(eicar.count), true),
              ("middle", big / 2, false),
              ("straddling the tail window's start", big - (8 << 20) - 10, false),
          ] as [(String, Int64, Bool)])
    func windows(_ label: String, _ offset: Int64, _ found: Bool) throws {
        let p = try oversize("w.bin", eicar, at: offset)
        let r = try scanPath(p, try loadBundled(), limits: windowed())
        #expect(r.status == .scanned, "\(label)")
        #expect(r.findings.map(\.name) == (found ? ["Vigil_EICAR_Test_File"] : []), "\(label)")
        #expect(r.problems == [.partialContent(headBytes: 8 << 20, tailBytes: 8 << 20)], "\(label)")
        #expect(r.bytesRead == 16 << 20)
        #expect(r.isPartial && !r.isComplete && !r.isClean, "\(label): a partial read is never clean")
        if found { #expect(r.mimeType == "application/x-dosexec", "typed by libmagic from the head") }
    }

    @Test("window scans see the real file: filesize, uint16(0), string offsets and the head's file type")
    func realGeometry() throws {
        let tailMarker = Array("TAIL-MARKER-X".utf8)
        let at = ScanLimitsTests.big - 1000
        let p = try oversize("g.bin", tailMarker, at: at)
        let rules = dir.write("geo.yar", """
            rule Size_Exact { condition: filesize == \(ScanLimitsTests.big) }
            rule Size_Over_30MB { condition: filesize > 30MB }
            rule Starts_MZ { condition: uint16(0) == 0x5A4D }
            rule Tail_At { strings: $t = "TAIL-MARKER-X" condition: $t at \(at) }
            rule Tail_Int { condition: uint32be(\(at)) == 0x5441494C }
            rule Not_In_Gap { condition: uint8(\(ScanLimitsTests.big / 2)) == 0 }
            rule Type { condition: filetype == "application/x-dosexec" }
            """)
        let r = try scanPath(p, try Signatures.load([rules]), limits: windowed())
        #expect(Set(r.findings.map(\.name)) == ["Size_Exact", "Size_Over_30MB", "Starts_MZ", "Tail_At", "Tail_Int", "Type"],
                "an integer read in the unread middle is undefined, as for any offset outside the data")
        #expect(r.isPartial)
    }

    @Test("hash lists cannot match a partial read, and the problem says so")
    func hashesNotChecked() throws {
        let p = try oversize("h.bin", eicar, at: ScanLimitsTests.big - 100)
        let r = try scanPath(p, try loadBundled(), limits: windowed())
        #expect(r.findings.allSatisfy { $0.source == .rule })
        #expect(r.problems.first?.description.contains("hash lists were not checked") == true)
        #expect(r.sha256 == nil)
    }
}
