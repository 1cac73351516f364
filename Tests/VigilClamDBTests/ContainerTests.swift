import Foundation
import Testing
@testable import VigilClamDB

/// gzip(1) output: containers are built with the real tool, not with our own inflater's twin.
func gzipped(_ bytes: [UInt8]) -> [UInt8] {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/gzip")
    p.arguments = ["-c", "-n"]
    let inPipe = Pipe(), outPipe = Pipe()
    p.standardInput = inPipe
    p.standardOutput = outPipe
    try! p.run()
    let writer = Thread { inPipe.fileHandleForWriting.write(Data(bytes)); try? inPipe.fileHandleForWriting.close() }
    writer.start()
    let out = outPipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Array(out)
}

@Suite("ClamAV containers")
struct ContainerTests {
    let files: [(name: String, bytes: [UInt8])] = [
        ("daily.hdb", Array("44d88612fea8a8f36de82e1278abb02f:68:Eicar-Test-Signature\n".utf8)),
        ("daily.ndb", Array("Test.Body:0:*:deadbeef\n".utf8)),
    ]

    @Test("a .cvd (gzipped tar, MD5 in the header) opens with every member")
    func cvd() throws {
        let bytes = CVDContainer.build(files: files, version: 27000, gzip: gzipped(TarReader.write(files)))
        let c = try CVDContainer.open(bytes, name: "daily.cvd")
        #expect(c.header.version == 27000)
        #expect(c.header.signatures == 2)
        #expect(c.members.map(\.name) == ["daily.hdb", "daily.ndb"])
        #expect(Array(c.members[0].bytes) == files[0].bytes)
        #expect(c.checks.contains("MD5 matches the header"))
    }

    @Test("a .cld (plain tar after the header) opens too")
    func cld() throws {
        let bytes = CVDContainer.build(files: files, version: 27001)
        let c = try CVDContainer.open(bytes, name: "daily.cld")
        #expect(c.members.count == 2)
    }

    @Test("one changed byte, a truncated stream or a short header is refused with the reason")
    func damaged() {
        let good = CVDContainer.build(files: files, version: 1, gzip: gzipped(TarReader.write(files)))
        var flipped = good
        flipped[flipped.count - 20] ^= 0x01
        #expect(throws: CVDContainer.ContainerError.self) { try CVDContainer.open(flipped, name: "x.cvd") }
        do { _ = try CVDContainer.open(flipped, name: "x.cvd") } catch { #expect(error.message.contains("MD5")) }
        // Truncated: not a .cvd name, so the MD5 is not what stops it; the gzip stream is.
        let truncated = Array(good.prefix(good.count - 30))
        do { _ = try CVDContainer.open(truncated, name: "x.cud"); Issue.record("truncated container opened") } catch {
            #expect(error.message.contains("gzip"))
        }
        do { _ = try CVDContainer.open(Array(good.prefix(100)), name: "x.cvd"); Issue.record("short header accepted") } catch {
            #expect(error.message.contains("512-byte header"))
        }
        do { _ = try CVDContainer.open(Array(repeating: 0x41, count: 600), name: "x.cvd"); Issue.record("junk accepted") } catch {
            #expect(error.message.contains("ClamAV-VDB"))
        }
    }

    @Test("a member that does not match the container's .info is refused")
    func infoMismatch() throws {
        var withInfo = files
        withInfo.append(("daily.info", Array("ClamAV-VDB:x:1:2:90:X:X:b:0\ndaily.hdb:61:\(String(repeating: "0", count: 64))\n".utf8)))
        let bytes = CVDContainer.build(files: withInfo, version: 1)
        do { _ = try CVDContainer.open(bytes, name: "daily.cld"); Issue.record("mismatching .info accepted") } catch {
            #expect(error.message.contains("daily.hdb does not match"))
        }
    }

    @Test("tar: a damaged header checksum and a member running past the end are errors")
    func tar() {
        var t = TarReader.write(files)
        t[10] ^= 0x20
        #expect(throws: TarReader.TarError.self) { try TarReader.members(t) }
        let cut = Array(TarReader.write(files).prefix(530)) // inside the first member's 57 bytes
        do { _ = try TarReader.members(cut); Issue.record("truncated tar accepted") } catch {
            #expect(error.message.contains("truncated"))
        }
    }

    @Test("the extension table: every ClamAV kind has a verdict", arguments: ClamKind.extensions)
    func kinds(_ ext: String) {
        #expect(ClamKind.of(extension: ext) != nil)
    }

    @Test("section hash lines are reordered to the hash-list order", arguments: [
        ("512:abc:Name", "abc:512:Name"), ("*:abc:Name:73", "abc:*:Name:73"), ("# c", "# c"), ("", ""),
    ])
    func sectionLines(_ line: String, _ expected: String) {
        #expect(sectionHashLineAsHashLine(Substring(line)) == expected)
    }

    @Test("signature lines are counted as ClamAV counts them")
    func lineCount() {
        #expect(signatureLineCount(Array("# c\n\na\nb\r\n  \nc".utf8)) == 3)
    }
}
