import Glibc
import Testing
@testable import VigilEngine
import VigilSystem
import VigilTestSupport

@Suite("FileScanner")
struct FileScannerTests {
    let dir = TempDir()

    @Test("finds EICAR by rule and by every hash list")
    func eicarByRuleAndHash() throws {
        let s = try loadBundled()
        let r = try scanFile(dir.write("eicar.com", eicar), with: s)
        let names = Set(r.findings.map(\.name))
        #expect(names.contains("Vigil_EICAR_Test_File"))
        #expect(names.isSuperset(of: ["Vigil.Test.EICAR.SHA256", "Vigil.Test.EICAR.SHA1", "Vigil.Test.EICAR.MD5"]))
        #expect(r.findings.contains { $0.source == .hash && $0.origin.hasSuffix("eicar.hsb:2") })
        #expect(r.verdict == .deny)
        #expect(r.sha256?.description == "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f")
        #expect(r.mimeType == "text/plain")
    }

    @Test("a clean file is clean and is not hashed when no list has its size")
    func clean() throws {
        let s = try loadBundled()
        let r = try scanFile(dir.write("notes.txt", "just some notes about the quarterly report\n"), with: s)
        #expect(r.findings.isEmpty)
        #expect(r.status == .scanned)
        #expect(r.sha256 == nil)
    }

    @Test("EICAR embedded in a larger file is found by rule but not by hash")
    func embedded() throws {
        let s = try loadBundled()
        let r = try scanFile(dir.write("mail.eml", Array("Subject: hi\n\n".utf8) + eicar + Array("\n--\n".utf8)), with: s)
        #expect(r.findings.map(\.name) == ["Vigil_EICAR_Test_File"])
    }

    @Test("rule actions set the verdict: an audit rule audits, the strongest answer wins")
    func ruleActions() throws {
        let s = try loadBundled()
        #expect(try scanFile(dir.write("a.txt", auditMarker), with: s).verdict == .audit)
        #expect(try scanFile(dir.write("b.txt", auditMarker + " " + denyMarker), with: s).verdict == .deny)
    }

    @Test("scans through the open descriptor: a file unlinked after open is still scanned")
    func scansThroughDescriptor() throws {
        let s = try loadBundled()
        let p = dir.write("gone.bin", eicar)
        let file = try OpenFile.open(RawPath(p))
        unlink(p)
        let r = try FileScanner(signatures: s).scan(file, path: RawPath(p), stat: try file.stat())
        #expect(r.verdict == .deny)
    }

    @Test("files above the inline limit are streamed and still matched by rule and hash")
    func streamedLargeFile() throws {
        let s = try loadBundled()
        var big = [UInt8](repeating: 0x41, count: 3 << 20)
        big.replaceSubrange(2_000_000..<(2_000_000 + eicar.count), with: eicar)
        var limits = ScanLimits()
        limits.inlineLimit = 1 << 20
        let r = try scanFile(dir.write("big.bin", big), with: s, limits: limits)
        #expect(r.findings.map(\.name) == ["Vigil_EICAR_Test_File"])
        #expect(r.sha256 != nil, "findings carry the SHA-256")
        let hashed = try scanFile(dir.write("eicar2.com", eicar), with: s, limits: limits)
        #expect(hashed.findings.count == 4)
    }

    @Test("a file over the maximum size that its two windows would cover is read whole, hashes included")
    func oversizeButSmall() throws {
        let s = try loadBundled()
        var limits = ScanLimits()
        limits.maxFileSize = 16
        let r = try scanFile(dir.write("eicar.com", eicar), with: s, limits: limits)
        #expect(r.findings.count == 4, "rule and three hash lists")
        #expect(r.isComplete && r.problems.isEmpty)
    }

    @Test("a truncated file is scanned as far as it goes, without crashing")
    func truncatedWhileScanned() throws {
        let s = try loadBundled()
        let p = dir.write("t.bin", [UInt8](repeating: 7, count: 100_000))
        let file = try OpenFile.open(RawPath(p))
        let st = try file.stat()
        truncate(p, 10)
        let r = try FileScanner(signatures: s).scan(file, path: RawPath(p), stat: st)
        #expect(r.status == .scanned)
        #expect(r.bytesRead == 10)
    }

    @Test("chunked reads stop at the caller's deadline (the daemon's scan budget): a file not read by then is timed out by the deadline, never judged clean")
    func chunkedReadStopsAtDeadline() throws {
        let s = try loadBundled()
        let p = dir.write("late-eicar.bin", [UInt8](repeating: 0x2E, count: 3 * FileScanner.chunk) + eicar)
        var limits = ScanLimits()
        limits.chunkedReads = true
        let scanner = try FileScanner(signatures: s, limits: limits)
        let file = try OpenFile.open(RawPath(p))
        let st = try file.stat()
        let late = scanner.scan(file, path: RawPath(p), stat: st, deadline: YaraScanner.now() - 1)
        #expect(late.findings.isEmpty && late.bytesRead == 0, "\(late)")
        #expect(late.problems.contains { if case .timedOut(_, byDeadline: true) = $0 { true } else { false } }, "\(late.problems)")
        #expect(!late.isComplete)
        // The control: with time to spare the same scanner reads it all and finds EICAR.
        let inTime = scanner.scan(file, path: RawPath(p), stat: st, deadline: YaraScanner.now() + 60_000_000_000)
        #expect(inTime.findings.map(\.name) == ["Vigil_EICAR_Test_File"] && inTime.bytesRead == st.st_size, "\(inTime)")
    }

    @Test("a FIFO is never read: the scan reports it skipped and the bytes in it stay for its reader")
    func fifoNeverRead() throws {
        let p = dir.path + "/pipe"
        #expect(mkfifo(p, 0o600) == 0)
        let reader = open(p, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        let writer = open(p, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        defer { close(reader); close(writer) }
        #expect(eicar.withUnsafeBytes { write(writer, $0.baseAddress, $0.count) } == eicar.count)
        var limits = ScanLimits()
        for chunked in [false, true] {
            limits.chunkedReads = chunked
            let file = OpenFile(borrowing: reader)
            let r = try FileScanner(signatures: try loadBundled(), limits: limits).scan(file, path: RawPath(p), stat: try file.stat())
            #expect({ if case .skipped = r.status { true } else { false } }(), "\(r.status)")
            #expect(r.bytesRead == 0 && r.findings.isEmpty)
        }
        var got = [UInt8](repeating: 0, count: 256)
        let n = got.withUnsafeMutableBytes { read(reader, $0.baseAddress, $0.count) }
        #expect(n == eicar.count, "every byte is still in the FIFO")
    }

    @Test("an empty file is clean")
    func empty() throws {
        let r = try scanFile(dir.write("empty", [UInt8]()), with: try loadBundled())
        #expect(r.status == .scanned && r.findings.isEmpty)
    }
}
