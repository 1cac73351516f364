import Foundation
import Glibc
import Testing
import VigilClamDB
@testable import VigilEngine
import VigilSystem
import VigilTestSupport

/// The engine side of issue 15: ClamAV databases through the loader, the allowlist
/// against every kind of finding, the digest table at scale, versions.
@Suite("Signature lifecycle: ClamAV databases, allowlist, versions")
struct SignatureLifecycleTests {
    let dir = TempDir()
    var eicarMD5: String { "44d88612fea8a8f36de82e1278abb02f" }
    var eicarSHA256: String { "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f" }
    /// "EICAR-STANDARD" in hex: a body signature the EICAR file matches.
    var eicarBodyHex: String { Array("EICAR-STANDARD".utf8).map { String(format: "%02x", $0) }.joined() }

    @Test("a .cld's hash lists, body signatures and allowlist load; the rest is skipped by name and count")
    func containerLoad() throws {
        let members: [(name: String, bytes: [UInt8])] = [
            ("daily.hdb", Array("\(eicarMD5):68:Eicar-Test-Signature\n".utf8)),
            ("daily.ndb", Array("Eicar.Body:0:*:\(eicarBodyHex)\nHtml.Only:3:*:deadbeef\nNegated:0:*:dead!(be|ef)beef\n".utf8)),
            ("daily.ldb", Array("Logical.One;Engine:51-255,Target:0;0;deadbeef\nLogical.Two;Engine:51-255,Target:0;0;cafebabe\n".utf8)),
            ("daily.mdb", Array("1024:\(eicarMD5):Section.One\n".utf8)),
            ("daily.ign2", Array("Ignored.Body\n".utf8)),
            ("daily.cfg", Array("DOCUMENT:0x1\n".utf8)),
        ]
        let folder = dir.mkdir("clam")
        _ = dir.write("clam/daily.cld", CVDContainer.build(files: members, version: 27001))
        _ = dir.write("clam/local.ndb", "Ignored.Body:0:*:\(eicarBodyHex)\n")
        _ = dir.write("clam/README.txt", "documentation: not reported\n")
        _ = dir.write("clam/stray.dat", "not signatures\n")
        let s = try Signatures.load([folder])
        #expect(s.hashes.entryCount == 1)
        #expect(s.ruleCount == 1, "one translated body signature; the ignored one is dropped")
        let skipped = s.skippedLines.joined(separator: "\n")
        #expect(skipped.contains("daily.ldb: 2 signatures skipped: logical signatures"))
        #expect(!skipped.contains("daily.mdb"))
        #expect(s.sectionHashes.entryCount == 1)
        #expect(skipped.contains("1 signature skipped: target type 3 (HTML)"))
        #expect(skipped.contains("1 signature skipped: negated alternative"))
        #expect(skipped.contains("stray.dat: skipped: not a signature file"))
        #expect(!skipped.contains("README.txt"))
        #expect(s.skippedSignatureCount == 4)
        #expect(s.notes.contains { $0.contains("ClamAV container version 27001") })

        let file = dir.write("eicar.com", eicar)
        let report = try scanFile(file, with: s)
        #expect(Set(report.findings.map(\.name)).contains("Eicar-Test-Signature"))
        #expect(report.findings.contains { $0.name.hasPrefix("clamav_Eicar_Body_") && $0.detail == "Eicar.Body" })
        #expect(report.findings.allSatisfy { $0.version == s.version.label && $0.version!.hasPrefix("local-") })
    }

    /// A minimal PE: headers, then two sections of 256 and 128 bytes.
    func pe() -> (file: [UInt8], first: [UInt8]) {
        var b = [UInt8](repeating: 0, count: 0x380)
        b[0] = 0x4D; b[1] = 0x5A
        b[0x3C] = 0x40
        b[0x40] = 0x50; b[0x41] = 0x45
        b[0x46] = 2                       // NumberOfSections; SizeOfOptionalHeader stays 0
        func put32(_ v: Int, _ at: Int) { for i in 0..<4 { b[at + i] = UInt8((v >> (8 * i)) & 0xFF) } }
        put32(0x100, 0x58 + 16); put32(0x200, 0x58 + 20)
        put32(0x80, 0x58 + 40 + 16); put32(0x300, 0x58 + 40 + 20)
        for i in 0x200..<0x380 { b[i] = UInt8(truncatingIfNeeded: i * 7) }
        return (b, Array(b[0x200..<0x300]))
    }

    @Test("ClamAV .mdb section hashes match the PE section they name, in memory and streamed")
    func sectionHashes() throws {
        let (file, first) = pe()
        let d = MultiDigest()
        d.start(.md5)
        first.withUnsafeBytes { d.update($0) }
        let md5 = d.finish().md5!.description
        let folder = dir.mkdir("mdb")
        _ = dir.write("mdb/local.mdb", "256:\(md5):Test.Section.One\n128:\(String(repeating: "0", count: 32)):Test.Other\n")
        let s = try Signatures.load([folder])
        #expect(s.sectionHashes.entryCount == 2)
        let path = dir.write("sample.exe", file)
        let r = try scanFile(path, with: s)
        #expect(r.findings.map(\.name) == ["Test.Section.One"])
        #expect(r.findings.first?.detail == "PE section at offset 512, 256 bytes")
        var streamed = ScanLimits()
        streamed.inlineLimit = 64
        #expect(try scanFile(path, with: s, limits: streamed).findings.map(\.name) == ["Test.Section.One"])
        // Not a PE: nothing, whatever its bytes.
        #expect(try scanFile(dir.write("plain.bin", Array(file.dropFirst(2))), with: s).findings.isEmpty)
    }

    @Test("PE section tables from hostile headers: bounded, checked against the file size")
    func peParsing() {
        let (file, _) = pe()
        file.withUnsafeBytes { raw in
            #expect(PESections.parse(raw, fileSize: Int64(file.count)) == [.init(offset: 0x200, size: 0x100), .init(offset: 0x300, size: 0x80)])
            #expect(PESections.parse(raw, fileSize: 0x350) == [.init(offset: 0x200, size: 0x100)], "a section past the end is skipped")
            #expect(PESections.parse(UnsafeRawBufferPointer(rebasing: raw.prefix(0x60)), fileSize: Int64(file.count)).isEmpty)
        }
        var many = file
        many[0x46] = 0xFF; many[0x47] = 0xFF
        many.withUnsafeBytes { #expect(PESections.parse($0, fileSize: Int64(many.count)).count <= PESections.maxSections) }
        var badLfanew = file
        badLfanew[0x3C] = 0xFF; badLfanew[0x3D] = 0xFF; badLfanew[0x3E] = 0xFF; badLfanew[0x3F] = 0x7F
        badLfanew.withUnsafeBytes { #expect(PESections.parse($0, fileSize: Int64(badLfanew.count)).isEmpty) }
    }

    @Test("a damaged container fails the load with its name, never a silent partial set")
    func damagedContainer() {
        var bytes = CVDContainer.build(files: [("x.hdb", Array("\(eicarMD5):68:E\n".utf8))], version: 1)
        bytes[600] ^= 0xFF
        let folder = dir.mkdir("bad")
        _ = dir.write("bad/daily.cld", bytes)
        #expect(throws: SignatureError.self) { try Signatures.load([folder]) }
    }

    @Test("the allowlist wins over YARA rules and hash lists, and says what it set aside")
    func allowlistWins() throws {
        let allow = dir.write("local.allow", Allowlist.line(sha256: eicarSHA256, reason: "test fixture"))
        let file = dir.write("eicar.com", eicar)
        let plain = try scanFile(file, with: try Signatures.load([bundledSignatures]))
        #expect(plain.findings.count >= 2, "the bundled set flags EICAR by rule and by hash")
        let allowed = try scanFile(file, with: try Signatures.load([bundledSignatures], allowlistFiles: [allow]))
        #expect(allowed.findings.isEmpty)
        #expect(allowed.verdict == .allow)
        #expect(allowed.isClean)
        let hit = try #require(allowed.allowlisted)
        #expect(hit.entry == "local.allow:test fixture")
        #expect(Set(hit.suppressed.map(\.name)) == Set(plain.findings.map(\.name)))
        // A file with nothing found is never looked up.
        let clean = try scanFile(dir.write("clean.txt", "hello\n"), with: try Signatures.load([bundledSignatures], allowlistFiles: [allow]))
        #expect(clean.allowlisted == nil)
    }

    @Test("ClamAV .fp (MD5) allowlists in a rules folder work: the MD5 is computed only for files with findings")
    func clamavFalsePositiveList() throws {
        let folder = dir.mkdir("rules")
        _ = runProgram("/bin/cp", [bundledSignatures + "/eicar.yar", folder])
        _ = dir.write("rules/local.fp", "\(eicarMD5):68:Known.Good.Eicar\n")
        let s = try Signatures.load([folder])
        #expect(s.allowlist.entryCount == 1)
        let report = try scanFile(dir.write("eicar.com", eicar), with: s)
        #expect(report.findings.isEmpty)
        #expect(report.allowlisted?.entry == "Known.Good.Eicar")
        // The size is part of the entry: another file with the same MD5 but another size cannot exist, but a size mismatch must not match.
        _ = dir.write("rules/local.fp", "\(eicarMD5):69:Wrong.Size\n")
        let other = try scanFile(dir.write("eicar2.com", eicar), with: try Signatures.load([folder]))
        #expect(!other.findings.isEmpty)
    }

    @Test("reloadingAllowlist shares the compiled rules and reads only the local list again")
    func allowlistReload() throws {
        let allowFile = dir.sub("allowlist")
        let s1 = try Signatures.load([bundledSignatures], allowlistFiles: [allowFile])
        #expect(s1.allowlist.isEmpty, "a local allowlist that does not exist yet is empty")
        _ = dir.write("allowlist", Allowlist.line(sha256: eicarSHA256, reason: "added later") + "\n")
        let s2 = try s1.reloadingAllowlist()
        #expect(s2.allowlist.entryCount == 1)
        #expect(s2.ruleSets.first === s1.ruleSets.first)
        #expect(try scanFile(dir.write("e.com", eicar), with: s2).findings.isEmpty)
    }

    @Test("the digest table finds each of 200,000 entries, duplicates included, and nothing else")
    func digestTableScale() throws {
        var text = ""
        var rng = SystemRandomNumberGenerator()
        var keys: [String] = []
        for i in 0..<200_000 {
            let hex = (0..<4).map { _ in
                let h = String(rng.next() as UInt64, radix: 16)
                return String(repeating: "0", count: 16 - h.count) + h
            }.joined()
            keys.append(hex)
            text += "\(hex):\(i % 1000 + 1):Gen-\(i)\n"
        }
        text += "\(keys[7]):8:Gen-7-again\n"
        let list = try HashList.load(texts: [("gen.hsb", text)])
        #expect(list.entryCount == 200_001)
        for (i, k) in keys.enumerated() where i % 997 == 0 || i == 7 {
            var d = Digests()
            d.sha256 = DigestValue(hex: k)
            let hits = list.lookup(d, size: Int64(i % 1000 + 1))
            #expect(hits.map(\.name).contains("Gen-\(i)"))
            if i == 7 { #expect(Set(hits.map(\.name)) == ["Gen-7", "Gen-7-again"]) }
        }
        var absent = Digests()
        absent.sha256 = DigestValue(hex: String(repeating: "ab", count: 32))
        #expect(list.lookup(absent, size: 1).isEmpty)
        #expect(list.neededDigests(forSize: 5000).isEmpty, "no entry has that size: no hashing")
    }

    @Test("versions: a bundle's .vigil-version, else a fingerprint that changes with the files")
    func versions() throws {
        let folder = dir.mkdir("v")
        let rule = dir.write("v/a.yar", "rule a { strings: $a = \"abcdef\" condition: $a }\n")
        let v1 = RulesVersion.of(paths: [folder], files: [rule])
        #expect(v1.label.hasPrefix("local-") && v1.label.count == 18)
        _ = dir.write("v/a.yar", "rule a { strings: $a = \"abcdefg\" condition: $a }\n")
        #expect(RulesVersion.of(paths: [folder], files: [rule]).label != v1.label)
        let bundle = RulesVersion(label: "42", bundleVersion: 42, source: "https://example.invalid/b", createdAt: 1_700_000_000,
                                  installedAt: 1_700_000_100, key: "00112233aabbccdd")
        _ = dir.write("v/.vigil-version", bundle.render())
        var read = try #require(RulesVersion.read(directory: folder))
        read.directory = nil
        #expect(read == bundle)
        #expect(try Signatures.load([folder]).version.label == "42")
    }

    @Test("the age warning", arguments: [
        (7, 3.0, false), (7, 8.0, true), (0, 400.0, false), (1, 1.5, true),
    ])
    func ageWarning(_ maxDays: Int, _ ageDays: Double, _ warns: Bool) {
        let v = RulesVersion(label: "9", bundleVersion: 9, source: "x", createdAt: 1_000_000)
        let w = rulesAgeWarning(v, maxDays: maxDays, now: 1_000_000 + ageDays * 86400)
        #expect((w != nil) == warns)
        if let w { #expect(w.contains("rules version 9 are \(Int(ageDays)) days old")) }
    }
}
