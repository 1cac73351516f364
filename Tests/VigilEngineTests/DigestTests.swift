import Testing
import Foundation
@testable import VigilEngine
import VigilTestSupport

@Suite("Digest")
struct DigestTests {
    let dir = TempDir()

    /// Lengths around the 64-byte block and its 56-byte padding limit, plus a multi-chunk file.
    static let lengths = [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1000, (1 << 20) + 3]

    @Test("MD5, SHA-1 and SHA-256 agree with coreutils on every block-boundary length, fed in uneven pieces",
          arguments: lengths)
    func agreesWithCoreutils(length: Int) throws {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let path = dir.path + "/f\(length)"
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        // One MultiDigest reused for two files in a row, as a worker thread does: a context
        // left over from the previous file must not leak into the next digest.
        let d = MultiDigest()
        d.start([.md5, .sha1, .sha256])
        bytes.withUnsafeBytes { d.update(UnsafeRawBufferPointer(rebasing: $0[0..<min(7, length)])) }
        _ = d.finish()
        d.start([.md5, .sha1, .sha256])
        bytes.withUnsafeBytes { raw in
            var at = 0, step = 1
            while at < length {  // pieces of 1, 2, 4, ... bytes: every offset inside a block is crossed
                let n = min(step, length - at)
                d.update(UnsafeRawBufferPointer(rebasing: raw[at..<at + n]))
                at += n
                step = step >= 4096 ? 1 : step * 2 + 1
            }
        }
        let got = d.finish()
        for (tool, value) in [("md5sum", got.md5), ("sha1sum", got.sha1), ("sha256sum", got.sha256)] {
            let want = runProgram("/usr/bin/\(tool)", [path]).stdout.prefix { $0 != " " }
            #expect(value?.description == String(want), "\(tool) of \(length) bytes")
        }
    }

    @Test("only the requested digests are computed")
    func onlyRequested() {
        let d = MultiDigest()
        d.start(.sha256)
        Array("abc".utf8).withUnsafeBytes { d.update($0) }
        let got = d.finish()
        #expect(got.md5 == nil && got.sha1 == nil)
        #expect(got.sha256?.description == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
