import Foundation
import Glibc
import Testing
@testable import VigilArchive

/// Builds every fixture with the real tools (python3's zipfile/tarfile/gzip/bz2/lzma,
/// 7z, zstd, cpio, genisoimage), in a fresh folder: nothing binary is checked in.
final class FormatFixtures: @unchecked Sendable {
    let dir = ArchiveTempDir()
    let built: Ran

    init() {
        let stage = dir.sub("stage")
        try? FileManager.default.createDirectory(atPath: stage + "/dir", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: stage + "/dir/payload",
                                       contents: Data(("some text before\n" + marker + "\nand after\n").utf8))
        built = python("""
        import zipfile, tarfile, gzip, bz2, lzma, shutil, subprocess, os, io, struct, zlib
        os.chdir('stage')
        data = open('dir/payload', 'rb').read()
        with zipfile.ZipFile('../x.zip', 'w', zipfile.ZIP_DEFLATED) as z: z.write('dir/payload')
        with zipfile.ZipFile('../stored.zip', 'w', zipfile.ZIP_STORED) as z: z.write('dir/payload')
        with tarfile.open('../x.tar', 'w') as t: t.add('dir')
        with tarfile.open('../x.tar.gz', 'w:gz') as t: t.add('dir')
        with tarfile.open('../x.tar.bz2', 'w:bz2') as t: t.add('dir')
        with tarfile.open('../x.tar.xz', 'w:xz') as t: t.add('dir')
        with open('../payload.gz', 'wb') as f:
            with gzip.GzipFile(filename='payload', mode='wb', fileobj=f) as g: g.write(data)
        open('../payload.bz2', 'wb').write(bz2.compress(data))
        open('../payload.xz', 'wb').write(lzma.compress(data))
        shutil.copy('dir/payload', 'payload')
        subprocess.run(['zstd', '-q', '-f', 'payload', '-o', '../payload.zst'], check=True)
        os.remove('payload')
        subprocess.run(['7z', 'a', '-bd', '-t7z', '../x.7z', 'dir'], check=True, stdout=subprocess.DEVNULL)
        subprocess.run('find dir -print | cpio --quiet -o -H newc > ../x.cpio', shell=True, check=True)
        subprocess.run('find dir -print | cpio --quiet -o -H odc > ../odc.cpio', shell=True, check=True)
        subprocess.run(['genisoimage', '-quiet', '-R', '-o', '../x.iso', '.'], check=True)
        # RAR 4 (store), written by hand: no free tool writes RAR, and reading it is what counts.
        def rar_block(body): return struct.pack('<H', zlib.crc32(body) & 0xFFFF) + body
        name = b'dir/payload'
        fh = struct.pack('<BHH', 0x74, 0x8000, 32 + len(name)) + struct.pack('<IIBIIBBHI', len(data), len(data), 3,
            zlib.crc32(data), 0x5A8E3100, 20, 0x30, len(name), 0o100644) + name
        open('../x.rar', 'wb').write(b'Rar!\\x1a\\x07\\x00' + rar_block(struct.pack('<BHHHI', 0x73, 0, 13, 0, 0))
                                     + rar_block(fh) + data + bytes([0xC4, 0x3D, 0x7B, 0x00, 0x40, 0x07, 0x00]))
        os.chdir('..')
        # Nested: zip > tar.gz > gz > payload.
        with open('p.gz', 'wb') as f:
            with gzip.GzipFile(filename='payload', mode='wb', fileobj=f) as g: g.write(data)
        with tarfile.open('inner.tar.gz', 'w:gz') as t: t.add('p.gz', arcname='dir/p.gz')
        with zipfile.ZipFile('nested.zip', 'w', zipfile.ZIP_DEFLATED) as z: z.write('inner.tar.gz', 'a/inner.tar.gz')
        # Zero blocks first: libarchive's tar reader takes them for an empty tar; zcat does not.
        for ext, mod in (('gz', gzip), ('bz2', bz2), ('xz', lzma)):
            open('zeros-first.' + ext, 'wb').write(mod.compress(bytes(4096) + data))
        with zipfile.ZipFile('zeros-inside.zip', 'w', zipfile.ZIP_DEFLATED) as z: z.writestr('z.gz', gzip.compress(bytes(4096) + data))
        """, in: dir.path)
    }

    func path(_ name: String) -> String { dir.sub(name) }
}

@Suite("Archive scanning", .serialized)
struct ArchiveScannerTests {
    static let fixtures = FormatFixtures()

    @Test("fixtures are built by the real tools")
    func fixturesBuilt() {
        #expect(Self.fixtures.built.status == 0, "\(Self.fixtures.built.output)")
    }

    @Test("each format's member reaches the scan closure under its own name",
          arguments: [("x.zip", "dir/payload"), ("stored.zip", "dir/payload"), ("x.tar", "dir/payload"),
                      ("x.tar.gz", "dir/payload"), ("x.tar.bz2", "dir/payload"), ("x.tar.xz", "dir/payload"),
                      ("payload.gz", "payload"), ("payload.bz2", "payload"), ("payload.xz", "payload"),
                      ("payload.zst", "payload"), ("x.7z", "dir/payload"), ("x.cpio", "dir/payload"),
                      ("odc.cpio", "dir/payload"), ("x.iso", "dir/payload"), ("x.rar", "dir/payload")])
    func formats(file: String, member: String) {
        let seen = scanArchive(Self.fixtures.path(file))
        #expect(seen.withMarker == [member], "\(file): members \(seen.members), notes \(seen.result.notes)")
        #expect(seen.result.isComplete, "\(file): \(seen.result.notes)")
        let viaFD = scanArchive(Self.fixtures.path(file), viaDescriptor: true)
        #expect(viaFD.withMarker == [member], "\(file) through its descriptor: \(viaFD.members), \(viaFD.result.notes)")
        #expect(viaFD.result.isComplete, "\(file) through its descriptor: \(viaFD.result.notes)")
    }

    @Test("a compressed stream that starts with zero blocks is read to its end, not taken for an empty tar",
          arguments: [("zeros-first.gz", "zeros-first"), ("zeros-first.bz2", "zeros-first"), ("zeros-first.xz", "zeros-first"),
                      ("zeros-inside.zip", "z.gz!z")])
    func zeroBlocks(file: String, member: String) {
        for viaFD in [false, true] {
            let seen = scanArchive(Self.fixtures.path(file), viaDescriptor: viaFD)
            #expect(seen.withMarker == [member], "\(file): members \(seen.members), notes \(seen.result.notes)")
        }
    }

    @Test("a nested member is named by its whole path, every level joined with '!'")
    func nested() {
        let seen = scanArchive(Self.fixtures.path("nested.zip"))
        #expect(seen.members == ["a/inner.tar.gz", "a/inner.tar.gz!dir/p.gz", "a/inner.tar.gz!dir/p.gz!payload"])
        #expect(seen.withMarker == ["a/inner.tar.gz!dir/p.gz!payload"])
        #expect(seen.result.isComplete)
    }

    @Test("nesting past the depth limit is reported, and the deepest archive is scanned as bytes only")
    func depth() {
        var limits = ArchiveLimits()
        limits.maxDepth = 2
        let seen = scanArchive(Self.fixtures.path("nested.zip"), limits: limits)
        #expect(seen.members == ["a/inner.tar.gz", "a/inner.tar.gz!dir/p.gz"])
        #expect(seen.result.notes.count == 1)
        guard case .limit(.depth, let member, _)? = seen.result.notes.first else {
            Issue.record("expected a depth limit, got \(seen.result.notes)")
            return
        }
        #expect(member == "a/inner.tar.gz!dir/p.gz")
    }

    @Test("the closure can stop the walk")
    func stop() {
        let seen = scanArchive(Self.fixtures.path("nested.zip"), stopAt: "a/inner.tar.gz")
        #expect(seen.members == ["a/inner.tar.gz"])
        #expect(seen.result.stopped)
    }

    @Test("a member over the entry-size limit is scanned up to the limit and reported")
    func entrySize() {
        let dir = ArchiveTempDir()
        let r = python("""
        import zipfile
        with zipfile.ZipFile('big.zip', 'w', zipfile.ZIP_DEFLATED) as z:
            z.writestr('big.bin', b'A' * 100000 + b'\(marker)' + b'B' * 5000000)
            z.writestr('after.txt', b'\(marker)')
        """, in: dir.path)
        #expect(r.status == 0, "\(r.output)")
        var limits = ArchiveLimits()
        limits.maxEntrySize = 200_000
        let seen = scanArchive(dir.sub("big.zip"), limits: limits)
        #expect(seen.withMarker == ["big.bin", "after.txt"], "the head of a big member and the members after it are scanned")
        #expect(seen.result.notes.count == 1)
        if case .limit(.entrySize, "big.bin", _)? = seen.result.notes.first {} else { Issue.record("\(seen.result.notes)") }
    }

    @Test("more members than the entry limit stops the walk with a note")
    func entries() {
        let dir = ArchiveTempDir()
        let r = python("""
        import zipfile
        with zipfile.ZipFile('many.zip', 'w') as z:
            for i in range(300): z.writestr('f%03d' % i, b'x')
        """, in: dir.path)
        #expect(r.status == 0, "\(r.output)")
        var limits = ArchiveLimits()
        limits.maxEntries = 100
        let seen = scanArchive(dir.sub("many.zip"), limits: limits)
        #expect(seen.members.count == 100)
        if case .limit(.entries, _, _)? = seen.result.notes.first {} else { Issue.record("\(seen.result.notes)") }
    }

    @Test("a deadline that has passed stops the walk with a time note")
    func time() {
        let seen = scanArchive(Self.fixtures.path("nested.zip"), deadline: monotonicNow())
        #expect(seen.members.isEmpty)
        if case .limit(.time, _, _)? = seen.result.notes.first {} else { Issue.record("\(seen.result.notes)") }
    }

    @Test("encrypted members and encrypted headers are reported, not read")
    func encrypted() {
        let dir = ArchiveTempDir()
        dir.write("secret.txt", marker)
        dir.write("plain.txt", marker)
        let r = sh("7z a -bd -tzip -pVigilTest enc.zip secret.txt >/dev/null && 7z a -bd -tzip mixed.zip plain.txt >/dev/null && "
                   + "7z a -bd -tzip -pVigilTest mixed.zip secret.txt >/dev/null && "
                   + "7z a -bd -t7z -pVigilTest -mhe=on headers.7z secret.txt >/dev/null && "
                   + "7z a -bd -t7z -pVigilTest body.7z secret.txt >/dev/null", in: dir.path)
        #expect(r.status == 0, "\(r.output)")
        let mixed = scanArchive(dir.sub("mixed.zip"))
        #expect(mixed.withMarker == ["plain.txt"])
        #expect(mixed.result.notes == [.encrypted(member: "secret.txt")])
        for name in ["enc.zip", "headers.7z", "body.7z"] {
            let seen = scanArchive(dir.sub(name))
            #expect(seen.withMarker.isEmpty, "\(name)")
            #expect(seen.result.notes.contains { if case .encrypted = $0 { true } else { false } }, "\(name): \(seen.result.notes)")
        }
    }

    @Test("truncated and corrupted archives of every format end with a note, never a crash or a hang")
    func malformed() {
        let dir = ArchiveTempDir()
        var generator = SplitMix(seed: 13)
        let names = ["x.zip", "x.tar", "x.tar.gz", "x.tar.bz2", "x.tar.xz", "payload.gz", "payload.bz2", "payload.xz",
                     "payload.zst", "x.7z", "x.cpio", "x.iso", "x.rar", "nested.zip"]
        var cases = 0, noted = 0
        for name in names {
            let original = readAll(Self.fixtures.path(name))
            guard original.count > 64 else { continue }
            var variants: [[UInt8]] = []
            for cut in [original.count / 2, original.count - 1, 40] { variants.append(Array(original.prefix(cut))) }
            for _ in 0..<12 {
                var v = original
                for _ in 0..<8 {
                    let i = Int(generator.next() % UInt64(v.count))
                    v[i] = UInt8(truncatingIfNeeded: generator.next())
                }
                variants.append(v)
            }
            for (i, v) in variants.enumerated() {
                let p = dir.write("\(i)-\(name)", v)
                let start = monotonicNow()
                let seen = scanArchive(p)
                let seconds = Double(monotonicNow() - start) / 1e9
                #expect(seconds < 20, "\(name) variant \(i) took \(seconds) s")
                cases += 1
                if !seen.result.notes.isEmpty { noted += 1 }
                if i < 3 && !["x.iso", "x.tar", "x.cpio", "x.rar"].contains(name) {
                    // Truncated compressed data cannot end cleanly.
                    #expect(!seen.result.isComplete || seen.withMarker.count == 1, "\(name) cut \(i): \(seen.result)")
                }
            }
        }
        #expect(cases > 150)
        #expect(noted > cases / 3, "most damaged archives say so (\(noted) of \(cases))")
    }
}

/// A small deterministic generator, so a failing corruption case can be replayed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
