import Glibc
import Testing
@testable import VigilEngine
import VigilSystem
import VigilTestSupport

/// The literal prefilter inside the engine (issue 14): every `FileScanner` puts it in front
/// of libyara unless `ScanLimits.prefilter` is off, and nothing a scan reports may change.
/// The module's own parity tests (VigilPrefilterTests) hold the decisions to libyara's
/// answers; these hold the engine's wiring to them: views, rescans, windows, mapped files.
@Suite("Prefilter in the engine: the same reports on and off, libyara skipped where no rule can match")
struct PrefilterEngineTests {
    let dir = TempDir()

    /// Rules of every kind the prefilter treats differently: needs a string, stringless,
    /// `not $a`, a header guard, string groups, global, named by another rule, `filesize`.
    static let rules = """
        rule Needs_String { strings: $a = "prefilter-needle" condition: $a }
        rule Never_Without { strings: $a = "absent-string-xyz" condition: not $a and filesize < 64 }
        rule Stringless { condition: filesize == 7 }
        rule Header_Guard { strings: $s = "guarded-body" condition: uint16(0) == 0x5A4D and $s }
        rule Two_Groups { strings: $x1 = "grp-x-one" $x2 = "grp-x-two" $y = "grp-y" condition: 1 of ($x*) and $y }
        rule Hex_Jump { strings: $h = { 4D 5A ?? ?? [2-6] 50 45 } condition: $h }
        rule Regex_Word { strings: $r = /evil[0-9]{2,4}\\.exe/ nocase condition: $r }
        private rule Helper { strings: $p = "helper-bit" condition: $p }
        rule Uses_Helper { condition: Helper }
        global rule Global_Size { condition: filesize < 50000000 }
        """

    /// Files that take each path: skipped, conditions only, full, windows of an oversize
    /// file, a file too big to hold (libyara maps it: no prefilter), empty.
    func corpus() -> [String] {
        var files: [String] = []
        func add(_ name: String, _ bytes: [UInt8]) { files.append(dir.write("corpus/\(name)", bytes)) }
        add("plain.txt", Array(String(repeating: "nothing to see here\n", count: 200).utf8))
        add("needle.txt", Array("xx prefilter-needle yy".utf8))
        add("small.bin", Array("short".utf8))
        add("seven.bin", Array("1234567".utf8))
        add("pe-guarded", [0x4D, 0x5A] + Array(" guarded-body".utf8))
        add("not-pe-guarded", Array("ZM guarded-body".utf8))
        add("groups-both", Array("grp-x-two and grp-y".utf8))
        add("groups-one", Array("grp-x-one only".utf8))
        add("hexjump", [0x4D, 0x5A, 0, 0, 1, 2, 3, 0x50, 0x45] + Array(repeating: 0x41, count: 100))
        add("regex", Array("run EVIL123.EXE now".utf8))
        add("helper", Array("a helper-bit here".utf8))
        add("eicar.com", eicar)
        add("empty", [])
        // Oversize (the limit below is 256 KiB, windows of 64 KiB): strings in the tail.
        var big = [UInt8](repeating: 0x2E, count: 600 << 10)
        big.replaceSubrange((big.count - 100)..<(big.count - 100 + 16), with: Array("prefilter-needle".utf8))
        add("oversize-tail", big)
        // Over the in-memory limit below (128 KiB) but under the size limit: libyara maps it.
        var mapped = [UInt8](repeating: 0x20, count: 200 << 10)
        mapped.replaceSubrange(1000..<1016, with: Array("prefilter-needle".utf8))
        add("mapped", mapped)
        return files
    }

    func limits(prefilter: Bool) -> ScanLimits {
        var l = ScanLimits()
        l.prefilter = prefilter
        l.maxFileSize = 256 << 10
        l.oversizeWindow = 64 << 10
        l.inlineLimit = 128 << 10
        return l
    }

    func scanAll(_ files: [String], _ s: Signatures, prefilter: Bool) throws -> (reports: [String: FileReport], counts: PrefilterCounts, gated: Bool) {
        let scanner = try FileScanner(signatures: s, limits: limits(prefilter: prefilter))
        var out: [String: FileReport] = [:]
        for path in files {
            let file = try OpenFile.open(RawPath(path))
            out[path] = scanner.scan(file, path: RawPath(path), stat: try file.stat())
        }
        return (out, scanner.prefilterCounts, scanner.prefiltered)
    }

    static func summary(_ r: FileReport) -> [String] {
        r.findings.map { "\($0.source) \($0.name) \($0.verdict)" }.sorted() + r.problems.map(\.description).sorted()
    }

    @Test("every file gets the same findings and problems with the prefilter on and off")
    func sameReports() throws {
        let rules = dir.write("rules/kinds.yar", PrefilterEngineTests.rules)
        let s = try Signatures.load([rules, bundledSignatures])
        let files = corpus()
        let on = try scanAll(files, s, prefilter: true)
        let off = try scanAll(files, s, prefilter: false)
        #expect(on.gated, "the prefilter is in front of libyara (Hyperscan passed its self-test)")
        #expect(!off.gated)
        for f in files {
            #expect(PrefilterEngineTests.summary(on.reports[f]!) == PrefilterEngineTests.summary(off.reports[f]!), "\(f)")
        }
        // The table the corpus was built to hit, checked against libyara alone.
        func names(_ f: String) -> Set<String> { Set(off.reports[dir.sub("corpus/" + f)]!.findings.map(\.name)) }
        #expect(names("needle.txt").contains("Needs_String"))
        #expect(names("small.bin").contains("Never_Without"))
        #expect(names("seven.bin").contains("Stringless"))
        #expect(names("pe-guarded").contains("Header_Guard") && !names("not-pe-guarded").contains("Header_Guard"))
        #expect(names("groups-both").contains("Two_Groups") && !names("groups-one").contains("Two_Groups"))
        #expect(names("hexjump").contains("Hex_Jump"))
        #expect(names("regex").contains("Regex_Word"))
        #expect(names("helper").contains("Uses_Helper"))
        #expect(names("oversize-tail").contains("Needs_String"))
        #expect(names("mapped").contains("Needs_String"))
        #expect(!names("eicar.com").isEmpty)
        // Every file but the mapped one went through the prefilter; the rule `Stringless`
        // and `Never_Without` run for every file, so none is skipped outright here...
        #expect(on.counts.unfiltered == 1)
        #expect(on.counts.skipped + on.counts.conditionsOnly + on.counts.full == files.count - 1)
        #expect(on.counts.conditionsOnly > 0 && on.counts.full > 0)
        #expect(off.counts == PrefilterCounts())
    }

    @Test("bulk scans read big files in chunks (stream prefilter, hashes per chunk): the same reports as libyara over whole files")
    func chunkedReads() throws {
        let chunk = FileScanner.chunk
        var files: [String] = corpus()
        func add(_ name: String, _ bytes: [UInt8]) -> [UInt8] { files.append(dir.write("chunked/\(name)", bytes)); return bytes }
        func text(_ n: Int) -> [UInt8] { Array(String(repeating: "plain words only, nothing else\n", count: n / 31 + 1).utf8.prefix(n)) }
        func put(_ s: String, at i: Int, in b: inout [UInt8]) { b.replaceSubrange(i..<(i + s.utf8.count), with: Array(s.utf8)) }
        _ = add("clean", text(chunk * 5 / 2))
        var straddle = text(3 * chunk)
        put("prefilter-needle", at: chunk - 8, in: &straddle)   // across the first chunk boundary
        _ = add("straddle", straddle)
        var regex = text(2 * chunk + 77)
        put("run evil4242.exe", at: 2 * chunk - 9, in: &regex)  // a regex match across the second
        _ = add("regex-straddle", regex)
        var guarded = text(chunk + 4096)
        guarded[0] = 0x4D; guarded[1] = 0x5A
        put("guarded-body", at: guarded.count - 20, in: &guarded)  // the guard in the head, the string in the last chunk
        _ = add("guarded", guarded)
        var notGuarded = guarded
        notGuarded[0] = 0x5A
        _ = add("not-guarded", notGuarded)
        var helper = text(chunk + 10)
        put("helper-bit", at: chunk - 3, in: &helper)
        _ = add("helper", helper)
        var atEnd = text(chunk + 100)
        put("prefilter-needle", at: atEnd.count - 16, in: &atEnd)  // found only when the stream ends
        _ = add("needle-at-end", atEnd)
        // Hash lists: one entry with its size (hashed only when a file has that size) and
        // one sha256sum line (no size: every file is hashed).
        let sized = add("hash-sized", text(chunk + 333).map { $0 ^ 1 })
        let anySize = add("hash-any-size", text(2 * chunk + 5).map { $0 ^ 2 })
        func sha256(_ b: [UInt8]) -> String {
            let d = MultiDigest()
            d.start(.sha256)
            b.withUnsafeBytes { d.update($0) }
            return d.finish().sha256!.description
        }
        let lists = [dir.write("rules/sized.hsb", "\(sha256(sized)):\(sized.count):Test.Sized\n"),
                     dir.write("rules/any.sha256", "\(sha256(anySize))  any-size.bin\n")]
        let rules = dir.write("rules/kinds.yar", PrefilterEngineTests.rules)
        let s = try Signatures.load([rules, bundledSignatures] + lists)
        func scan(chunked: Bool, prefilter: Bool, _ s: Signatures = s) throws -> (reports: [String: FileReport], counts: PrefilterCounts) {
            var l = ScanLimits()
            l.prefilter = prefilter
            l.chunkedReads = chunked
            let scanner = try FileScanner(signatures: s, limits: l)
            var out: [String: FileReport] = [:]
            for path in files {
                let file = try OpenFile.open(RawPath(path))
                out[path] = scanner.scan(file, path: RawPath(path), stat: try file.stat())
            }
            return (out, scanner.prefilterCounts)
        }
        let bulk = try scan(chunked: true, prefilter: true)
        let whole = try scan(chunked: false, prefilter: false)
        let daemon = try scan(chunked: false, prefilter: true)
        for f in files {
            #expect(PrefilterEngineTests.summary(bulk.reports[f]!) == PrefilterEngineTests.summary(whole.reports[f]!), "\(f)")
            #expect(PrefilterEngineTests.summary(daemon.reports[f]!) == PrefilterEngineTests.summary(whole.reports[f]!), "\(f)")
            #expect(bulk.reports[f]!.bytesRead == whole.reports[f]!.bytesRead, "\(f)")
        }
        func names(_ f: String) -> Set<String> { Set(whole.reports[dir.sub("chunked/" + f)]!.findings.map(\.name)) }
        #expect(names("clean") == ["Global_Size"], "only the global rule every file under 50 MB matches")
        #expect(names("straddle").contains("Needs_String"))
        #expect(names("regex-straddle").contains("Regex_Word"))
        #expect(names("guarded").contains("Header_Guard") && !names("not-guarded").contains("Header_Guard"))
        #expect(names("helper").contains("Uses_Helper"))
        #expect(names("needle-at-end").contains("Needs_String"))
        #expect(names("hash-sized").contains("Test.Sized"))
        #expect(names("hash-any-size") == ["any.sha256:any-size.bin"] || names("hash-any-size").contains { $0.hasSuffix("any-size.bin") })
        // Every file went through a prefilter (none mapped unfiltered).
        #expect(bulk.counts.unfiltered == 0, "\(bulk.counts)")
        // Rules that all need a string: the big clean files never reach libyara.
        let needing = try Signatures.load([bundledSignatures] + lists)
        let bulkNeeding = try scan(chunked: true, prefilter: true, needing)
        let wholeNeeding = try scan(chunked: false, prefilter: false, needing)
        for f in files {
            #expect(PrefilterEngineTests.summary(bulkNeeding.reports[f]!) == PrefilterEngineTests.summary(wholeNeeding.reports[f]!), "\(f)")
        }
        #expect(bulkNeeding.counts.skipped >= files.count - 3, "\(bulkNeeding.counts)")
    }

    @Test("a big file cut short after its stat is judged in chunks by the bytes it still has, as a whole-file read judges it")
    func chunkedTruncated() throws {
        // `uint32(500000) == 0` holds for the zeros the file had; once it is cut to 100 KB the
        // read is undefined (no match), whichever way the file is read. The guard sits in the
        // first chunk, so the chunked path keeps its head and judges it there.
        let rules = dir.write("rules/cut.yar", """
            rule Far_Guard { condition: uint32(500000) == 0 }
            rule Needle_Late { strings: $a = "late-needle" condition: $a }
            """)
        let s = try Signatures.load([rules])
        func scan(chunked: Bool) throws -> FileReport {
            var bytes = [UInt8](repeating: 0, count: 3 << 20)
            bytes.replaceSubrange(50_000..<50_011, with: Array("late-needle".utf8))
            let p = dir.write("cut/\(chunked)", bytes)
            let file = try OpenFile.open(RawPath(p))
            let st = try file.stat()
            truncate(p, 100_000)
            var l = ScanLimits()
            l.chunkedReads = chunked
            l.prefilter = chunked
            return try FileScanner(signatures: s, limits: l).scan(file, path: RawPath(p), stat: st)
        }
        let bulk = try scan(chunked: true), whole = try scan(chunked: false)
        #expect(bulk.status == .scanned && bulk.bytesRead == 100_000)
        #expect(Set(bulk.findings.map(\.name)) == ["Needle_Late"], "\(bulk.findings.map(\.name))")
        #expect(PrefilterEngineTests.summary(bulk) == PrefilterEngineTests.summary(whole))
    }

    @Test("rules that all need a string: a file none of them can match never reaches libyara")
    func skipsLibyara() throws {
        let s = try Signatures.load([bundledSignatures])
        let files = corpus()
        let on = try scanAll(files, s, prefilter: true)
        let off = try scanAll(files, s, prefilter: false)
        for f in files {
            #expect(PrefilterEngineTests.summary(on.reports[f]!) == PrefilterEngineTests.summary(off.reports[f]!), "\(f)")
        }
        #expect(on.counts.skipped >= files.count / 2, "\(on.counts)")
        #expect(!off.reports[dir.sub("corpus/eicar.com")]!.findings.isEmpty)
    }

    @Test("the quick clear (the event thread's): only files a full scan finds clean without libyara, each one 64 KiB at most")
    func quickClear() throws {
        for rules in [[bundledSignatures], [dir.write("rules/kinds.yar", PrefilterEngineTests.rules), bundledSignatures]] {
            let s = try Signatures.load(rules)
            let quick = try FileScanner(signatures: s, limits: limits(prefilter: true))
            let full = try FileScanner(signatures: s, limits: limits(prefilter: true))
            var cleared = 0
            for path in corpus() {
                let file = try OpenFile.open(RawPath(path))
                let st = try file.stat()
                let before = full.prefilterCounts.skipped
                let report = full.scan(file, path: RawPath(path), stat: st)
                let skippedLibyara = full.prefilterCounts.skipped == before + s.ruleSets.count
                let clears = quick.clearsQuickly(file, stat: st, maxBytes: 64 << 10)
                #expect(clears == (st.st_size <= 64 << 10 && report.findings.isEmpty && report.problems.isEmpty && skippedLibyara), "\(path)")
                if clears { cleared += 1 }
            }
            // The bundled rules all need a string: most of the corpus clears; the kinds
            // above include stringless rules, which every file must be judged by.
            #expect(rules.count == 1 ? cleared >= 5 : cleared == 0, "\(rules): \(cleared)")
        }
        let s = try Signatures.load([bundledSignatures])
        let quick = try FileScanner(signatures: s, limits: limits(prefilter: true))
        let eicarFile = try OpenFile.open(RawPath(dir.write("q/eicar.com", eicar)))
        #expect(!quick.clearsQuickly(eicarFile, stat: try eicarFile.stat(), maxBytes: 64 << 10))
        let plain = try OpenFile.open(RawPath(dir.write("q/plain", Array("plain text".utf8))))
        #expect(quick.clearsQuickly(plain, stat: try plain.stat(), maxBytes: 64 << 10))
        #expect(!quick.clearsQuickly(plain, stat: try plain.stat(), maxBytes: 4), "over the size given: the pool scans it")
        let off = try FileScanner(signatures: s, limits: limits(prefilter: false))
        #expect(!off.clearsQuickly(plain, stat: try plain.stat(), maxBytes: 64 << 10), "prefilter off: libyara must run")
        // An archive the permission path would open is walked by a full scan.
        var withArchives = limits(prefilter: true)
        withArchives.archives.enabled = true
        let archiving = try FileScanner(signatures: s, limits: withArchives)
        let zip = try OpenFile.open(RawPath(dir.write("q/a.zip", [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 60))))
        #expect(!archiving.clearsQuickly(zip, stat: try zip.stat(), maxBytes: 64 << 10))
        #expect(quick.clearsQuickly(zip, stat: try zip.stat(), maxBytes: 64 << 10), "archives closed: bytes like any others")
    }

    @Test("a rule that fails at run time is dropped and the file rescanned the same way with the prefilter on")
    func rescanInsideTheGate() throws {
        let rules = dir.write("rules/err.yar", explodingRule("Exploding") + """
            rule Plain_Socket { strings: $s = "socket.socket(" condition: #s >= 20 }
            rule Other { strings: $e = "EICAR-STANDARD" condition: $e }
            """)
        let s = try Signatures.load([rules])
        let files = [dir.write("samples/padded.bin", eicar + fiberPadding), dir.write("samples/clean.txt", Array("hello\n".utf8))]
        // Twice each: the view must come back to its starting flags after a rescan.
        let on = try scanAll(files + files, s, prefilter: true)
        let off = try scanAll(files + files, s, prefilter: false)
        for f in files {
            #expect(PrefilterEngineTests.summary(on.reports[f]!) == PrefilterEngineTests.summary(off.reports[f]!), "\(f)")
        }
        let padded = on.reports[files[0]]!
        #expect(Set(padded.findings.map(\.name)) == ["Plain_Socket", "Other"])
        #expect(padded.problems.contains { $0.isRuleError })
        #expect(on.counts.skipped == 2, "the clean file, twice")
    }
}
