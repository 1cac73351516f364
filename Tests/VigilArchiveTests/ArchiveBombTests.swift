import Foundation
import Glibc
import Testing
@testable import VigilArchive

/// Decompression bombs, built here at test time, read with the default limits: each must
/// end in a limit (never a hang, never memory in proportion to what it claims).
@Suite("Archive bombs", .serialized)
struct ArchiveBombTests {
    @Test("42.zip-style nesting (16 per level, 4 levels, 256 MiB leaves: 16 TiB claimed) stops at a limit")
    func nestedBomb() {
        let dir = ArchiveTempDir()
        let r = python("""
        import zipfile, io
        def leaf():
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
                with z.open('0.dll', 'w', force_zip64=True) as f:
                    chunk = b'\\0' * (1 << 20)
                    for _ in range(256): f.write(chunk)
            return buf.getvalue()
        level = leaf()
        for depth in range(4):
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
                for i in range(16): z.writestr('%x.zip' % i, level)
            level = buf.getvalue()
        open('42.zip', 'wb').write(level)
        """, in: dir.path)
        #expect(r.status == 0, "\(r.output)")
        let packed = readAll(dir.sub("42.zip")).count
        #expect(packed < 2 << 20, "the bomb is small: \(packed) bytes")
        let start = monotonicNow()
        let seen = scanArchive(dir.sub("42.zip"))
        let seconds = Double(monotonicNow() - start) / 1e9
        let limits = ArchiveLimits()
        #expect(seen.result.unpackedBytes <= limits.maxTotalBytes + (8 << 20))
        #expect(seen.result.notes.contains { if case .limit(let l, _, _) = $0 { l.endsScan } else { false } },
                "\(seen.result.notes)")
        #expect(seconds < 60, "hang guard, not a speed test: \(seconds) s")
        var noRatio = limits
        noRatio.maxRatio = .infinity
        let total = scanArchive(dir.sub("42.zip"), limits: noRatio)
        #expect(total.result.notes.contains { if case .limit(.totalBytes, _, _) = $0 { true } else { false } }, "\(total.result.notes)")
        #expect(total.result.unpackedBytes <= limits.maxTotalBytes + (8 << 20))
        // The first path into the bomb goes as deep as the depth limit allows.
        #expect(seen.members.contains { $0.hasPrefix("0.zip!0.zip!0.zip!0.zip!0.dll") })
    }

    @Test("Fifield's overlapping zip bomb (200 quoted local headers over one 100 MiB kernel: 19.5 GiB claimed) stops at a limit")
    func overlapBomb() {
        let dir = ArchiveTempDir()
        // D. Fifield, "A better zip bomb" (WOOT 2019): each file's deflate data quotes the
        // next file's local header in a stored block, then runs into the next file's data,
        // so every file ends in the same kernel. CRCs are right (crc32_combine), so readers
        // that check them decompress every file in full.
        let r = python("""
        import zlib, struct
        def gf2_times(mat, vec):
            s = 0; i = 0
            while vec:
                if vec & 1: s ^= mat[i]
                vec >>= 1; i += 1
            return s
        def gf2_square(mat): return [gf2_times(mat, mat[n]) for n in range(32)]
        def crc32_combine(crc1, crc2, len2):
            if len2 == 0: return crc1
            odd = [0xedb88320] + [1 << n for n in range(31)]
            even = gf2_square(odd); odd = gf2_square(even)
            while True:
                even = gf2_square(odd)
                if len2 & 1: crc1 = gf2_times(even, crc1)
                len2 >>= 1
                if not len2: break
                odd = gf2_square(even)
                if len2 & 1: crc1 = gf2_times(odd, crc1)
                len2 >>= 1
                if not len2: break
            return crc1 ^ crc2
        n_files = 200
        kernel_len = 100 << 20
        zeros = bytes(kernel_len)
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        kernel = c.compress(zeros) + c.flush()
        kcrc = zlib.crc32(zeros)
        names = [b'%03d' % i for i in range(n_files)]
        def lfh(name, crc, csize, usize):
            return struct.pack('<IHHHHHIIIHH', 0x04034b50, 20, 0, 8, 0, 0, crc, csize, usize, len(name), 0) + name
        # Build from the last file backwards: file i = LFH_i + quote(LFH_{i+1}) + data_{i+1}
        data = kernel            # compressed data of the last file
        ucrc, usize = kcrc, kernel_len
        headers = [None] * n_files
        for i in range(n_files - 1, -1, -1):
            h = lfh(names[i], ucrc, len(data), usize)
            headers[i] = (h, ucrc, len(data), usize)
            if i > 0:
                quote = struct.pack('<BHH', 0x00, len(h), len(h) ^ 0xffff)   # stored block, not final
                data = quote + h + data
                ucrc = crc32_combine(zlib.crc32(h), ucrc, usize)
                usize = len(h) + usize
        # headers[0] prefixes the whole body; offsets: file 0 at 0, file i at offset of its LFH
        body = headers[0][0] + data
        offsets = []
        off = 0
        for i in range(n_files):
            offsets.append(off)
            if i < n_files - 1:
                off += len(headers[i][0]) + 5      # its LFH then the 5-byte quote header
        cd = b''
        for i in range(n_files):
            h, crc, csize, usize = headers[i]
            cd += struct.pack('<IHHHHHHIIIHHHHHII', 0x02014b50, 20, 20, 0, 8, 0, 0, crc, csize, usize,
                              len(names[i]), 0, 0, 0, 0, 0, offsets[i]) + names[i]
        eocd = struct.pack('<IHHHHIIH', 0x06054b50, 0, 0, n_files, n_files, len(cd), len(body), 0)
        open('overlap.zip', 'wb').write(body + cd + eocd)
        """, in: dir.path)
        #expect(r.status == 0, "\(r.output)")
        let start = monotonicNow()
        let seen = scanArchive(dir.sub("overlap.zip"))
        let viaFD = scanArchive(dir.sub("overlap.zip"), viaDescriptor: true)
        let seconds = Double(monotonicNow() - start) / 1e9
        for s in [seen, viaFD] {
            #expect(s.result.unpackedBytes <= ArchiveLimits().maxTotalBytes + (8 << 20))
            #expect(!s.result.isComplete, "a bomb is never a complete, clean archive: \(s.result)")
        }
        #expect(seconds < 60, "hang guard: \(seconds) s")
        // Without the ratio limit, the total-bytes limit is what stops it.
        var noRatio = ArchiveLimits()
        noRatio.maxRatio = .infinity
        let total = scanArchive(dir.sub("overlap.zip"), limits: noRatio)
        #expect(total.result.notes.contains { if case .limit(.totalBytes, _, _) = $0 { true } else { false } }, "\(total.result.notes)")
        #expect(total.result.unpackedBytes <= noRatio.maxTotalBytes + (8 << 20))
        #expect(total.members.count >= 5, "the overlapping files are read as files: \(total.members.count)")
    }

    @Test("a 100 GiB sparse member is read as its data blocks: the head is scanned, the size reported")
    func sparseMember() {
        let dir = ArchiveTempDir()
        let r = sh("truncate -s 100G sparse.img && printf '%s' '\(marker)' | dd of=sparse.img bs=1 seek=$((50 << 20)) conv=notrunc status=none "
                   + "&& tar --sparse -cf sparse.tar sparse.img && gzip -k sparse.tar && rm sparse.img", in: dir.path, timeout: 120)
        #expect(r.status == 0, "\(r.output)")
        for name in ["sparse.tar", "sparse.tar.gz"] {
            let start = monotonicNow()
            let seen = scanArchive(dir.sub(name))
            let seconds = Double(monotonicNow() - start) / 1e9
            #expect(seen.withMarker == ["sparse.img"], "\(name): the data block inside the first 64 MiB is scanned")
            #expect(seen.result.notes.count == 1, "\(name): \(seen.result.notes)")
            if case .limit(.entrySize, "sparse.img", _)? = seen.result.notes.first {} else { Issue.record("\(name): \(seen.result.notes)") }
            #expect(seen.result.unpackedBytes < 1 << 20, "\(name): holes are not decompressed")
            #expect(seconds < 30, "hang guard: \(seconds) s")
        }
    }
}

@Suite("Archive formats and budget (pure)")
struct ArchivePureTests {
    static func bytes(_ b: [UInt8], at offset: Int = 0, size: Int = 64) -> [UInt8] {
        var out = [UInt8](repeating: 0x20, count: max(size, offset + b.count))
        out.replaceSubrange(offset..<(offset + b.count), with: b)
        return out
    }

    static let sniffTable: [([UInt8], ArchiveFormat?)] = [
        (bytes([0x50, 0x4B, 0x03, 0x04]), .zip),
        (bytes([0x50, 0x4B, 0x05, 0x06]), .zip),
        (bytes([0x1F, 0x8B, 0x08]), .gzip),
        (bytes([0x1F, 0x8B, 0x07]), nil),
        (bytes(Array("BZh91AY&SY".utf8)), .bzip2),
        (bytes(Array("BZh9 hello".utf8)), nil),
        (bytes([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]), .xz),
        (bytes([0x28, 0xB5, 0x2F, 0xFD]), .zstd),
        (bytes([0x04, 0x22, 0x4D, 0x18]), .lz4),
        (bytes([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]), .sevenZip),
        (bytes(Array("Rar!".utf8) + [0x1A, 0x07, 0x00]), .rar),
        (bytes(Array("Rar!".utf8) + [0x1A, 0x07, 0x01, 0x00]), .rar),
        (bytes(Array("ustar".utf8), at: 257, size: 512), .tar),
        (bytes(Array("070701".utf8)), .cpio),
        (bytes(Array("070707".utf8)), .cpio),
        (bytes(Array("070709".utf8)), nil),
        (bytes([0xC7, 0x71]), .cpio),
        (bytes(Array("CD001".utf8), at: 32_769, size: 33_000), .iso9660),
        (bytes([0x7F, 0x45, 0x4C, 0x46]), nil),             // ELF
        (bytes([0x89, 0x50, 0x4E, 0x47]), nil),             // PNG
        (bytes(Array("#!/bin/sh\n".utf8)), nil),
        (bytes(Array("CD001".utf8), at: 32_769, size: 33_000).prefix(32_770).map { $0 }, nil), // cut short
        ([0x50, 0x4B], nil),
        ([], nil),
    ]

    @Test("magic bytes decide, and nothing else is an archive")
    func sniff() {
        for (i, (b, want)) in Self.sniffTable.enumerated() {
            let got = b.withUnsafeBytes { ArchiveFormat.sniff($0) }
            #expect(got == want, "row \(i)")
        }
    }

    @Test("a compressed stream's member is named from gzip's FNAME, else the outer name")
    func streamNames() {
        func gz(_ flags: UInt8, extra: [UInt8] = [], name: String?) -> [UInt8] {
            var h: [UInt8] = [0x1F, 0x8B, 0x08, flags, 0, 0, 0, 0, 0, 3]
            if flags & 4 != 0 { h += [UInt8(extra.count), 0] + extra }
            if let name { h += Array(name.utf8) + [0] }
            return h + [1, 2, 3]
        }
        let rows: [([UInt8], String, String)] = [
            (gz(0x08, name: "payload"), "/x/inner.gz", "payload"),
            (gz(0x0C, extra: [1, 2, 3, 4], name: "with-extra.txt"), "a.gz", "with-extra.txt"),
            (gz(0x08, name: "../../etc/passwd"), "a.gz", "passwd"),
            (gz(0x08, name: ".."), "/x/notes.txt.gz", "notes.txt"),
            (gz(0x00, name: nil), "/x/notes.txt.gz", "notes.txt"),
            (gz(0x00, name: nil), "/x/backup.tgz", "backup.tar"),
            (gz(0x00, name: nil), "/x/README.Z", "README"),
            (gz(0x00, name: nil), "/x/blob", "data"),
            ([0x28, 0xB5, 0x2F, 0xFD], "/x/y.tar.zst", "y.tar"),
        ]
        for (head, outer, want) in rows {
            #expect(head.withUnsafeBytes { ArchiveFormat.streamMemberName(outerName: outer, head: $0) } == want, "\(outer)")
        }
    }

    @Test("member names keep one output record on one line")
    func names() {
        #expect(displayMemberName("dir/a b.txt") == "dir/a b.txt")
        #expect(displayMemberName("evil\nname\u{7F}") == "evil\\x0Aname\\x7F")
        #expect(displayMemberName("") == "?")
    }

    @Test("the budget names the first limit crossed", arguments: [
        // (unpacked bytes added, packed size, expected)
        (Int64(10 << 20), Int64(1), ArchiveLimit?.none),         // under the ratio floor: any ratio is fine
        (Int64(65 << 20), Int64(1 << 10), ArchiveLimit?.some(.ratio)),
        (Int64(65 << 20), Int64(1 << 20), ArchiveLimit?.none),  // 65:1
        (Int64(600 << 20), Int64(100 << 20), ArchiveLimit?.some(.totalBytes)),
    ])
    func budget(added: Int64, packed: Int64, expected: ArchiveLimit?) {
        var b = ArchiveBudget(limits: ArchiveLimits(), packedSize: packed, start: 0)
        #expect(b.addBytes(added, now: 1) == expected)
    }

    @Test("time, entries and buffered bytes are bounded")
    func budgetOthers() {
        var limits = ArchiveLimits()
        limits.maxSeconds = 2
        limits.maxEntries = 2
        var b = ArchiveBudget(limits: limits, packedSize: 100, start: 1_000)
        #expect(b.check(now: 1_000 + 1_999_999_999) == nil)
        #expect(b.check(now: 1_000 + 2_000_000_000) == .time)
        let early = ArchiveBudget(limits: limits, packedSize: 100, start: 1_000, deadline: 5_000)
        #expect(early.check(now: 5_000) == .time, "the caller's deadline comes first")
        #expect(b.addEntry() == nil)
        #expect(b.addEntry() == nil)
        #expect(b.addEntry() == .entries)
        #expect(b.memberCap(held: 0) == limits.maxEntrySize)
        #expect(b.memberCap(held: limits.maxBufferedBytes - 10) == 10)
        #expect(b.memberCap(held: limits.maxBufferedBytes + 10) == 0)
        #expect(ArchiveLimit.allCases.filter(\.endsScan) == [.totalBytes, .ratio, .entries, .time])
    }
}
