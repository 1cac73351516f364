import CCrypto
import VigilSystem

// Owns: OpenSSL digest contexts and digest values. Must not: read files.

/// Which digests a scan needs; only algorithms that have lists are computed.
public struct DigestKinds: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let md5 = DigestKinds(rawValue: 1)
    public static let sha1 = DigestKinds(rawValue: 2)
    public static let sha256 = DigestKinds(rawValue: 4)
}

/// A digest value used as a hash-table key: fixed size, no heap allocation.
public struct DigestValue: Hashable, Sendable, CustomStringConvertible {
    public var a: UInt64 = 0, b: UInt64 = 0, c: UInt64 = 0, d: UInt64 = 0
    public var length: UInt8 = 0

    public init(bytes: some Collection<UInt8>) {
        precondition(bytes.count <= 32)
        // Into the four words directly: no array (a digest is made for every file a hash
        // list could name, on the event thread too).
        for (i, byte) in bytes.enumerated() {
            let v = UInt64(byte) << UInt64(56 - 8 * (i % 8))
            switch i / 8 {
            case 0: a |= v
            case 1: b |= v
            case 2: c |= v
            default: d |= v
            }
        }
        length = UInt8(bytes.count)
    }

    /// Parses lower- or upper-case hex; nil for anything else.
    public init?(hex: some StringProtocol) {
        let u = Array(hex.utf8)
        guard u.count % 2 == 0, u.count <= 64, !u.isEmpty else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity(u.count / 2)
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            case 65...70: c - 55
            default: nil
            }
        }
        var i = 0
        while i < u.count {
            guard let hi = nibble(u[i]), let lo = nibble(u[i + 1]) else { return nil }
            bytes.append(hi << 4 | lo)
            i += 2
        }
        self.init(bytes: bytes)
    }

    public var description: String {
        let words = [a, b, c, d]
        var s = ""
        for i in 0..<Int(length) {
            let byte = UInt8((words[i / 8] >> UInt64(56 - 8 * (i % 8))) & 0xFF)
            let h = String(byte, radix: 16)
            s += byte < 16 ? "0" + h : h
        }
        return s
    }
}

/// The digests of one file.
public struct Digests: Sendable {
    public var md5: DigestValue?
    public var sha1: DigestValue?
    public var sha256: DigestValue?
}

/// Computes several digests in one pass with OpenSSL EVP. One per worker thread.
package final class MultiDigest {
    // EVP_MD objects are immutable and documented as shareable between threads.
    nonisolated(unsafe) private static let algorithms: [(DigestKinds, OpaquePointer)] = [
        (.md5, EVP_MD_fetch(nil, "MD5", nil)!),
        (.sha1, EVP_MD_fetch(nil, "SHA1", nil)!),
        (.sha256, EVP_MD_fetch(nil, "SHA256", nil)!),
    ]
    private var contexts: [OpaquePointer]
    private var active: DigestKinds = []

    package init() { contexts = MultiDigest.algorithms.map { _ in EVP_MD_CTX_new()! } }
    deinit { contexts.forEach { EVP_MD_CTX_free($0) } }

    var isActive: Bool { !active.isEmpty }

    package func start(_ kinds: DigestKinds) {
        active = kinds
        for (i, (kind, md)) in MultiDigest.algorithms.enumerated() where kinds.contains(kind) {
            precondition(EVP_DigestInit_ex2(contexts[i], md, nil) == 1, "EVP_DigestInit_ex2 failed")
        }
    }

    package func update(_ bytes: UnsafeRawBufferPointer) {
        guard !active.isEmpty, let base = bytes.baseAddress, bytes.count > 0 else { return }
        for (i, (kind, _)) in MultiDigest.algorithms.enumerated() where active.contains(kind) {
            EVP_DigestUpdate(contexts[i], base, bytes.count)
        }
    }

    package func finish() -> Digests {
        var out = Digests()
        // EVP_MAX_MD_SIZE bytes on the stack, not an array per file.
        var buf: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        for (i, (kind, _)) in MultiDigest.algorithms.enumerated() where active.contains(kind) {
            var len: UInt32 = 0
            let value = withUnsafeMutableBytes(of: &buf) { raw -> DigestValue in
                EVP_DigestFinal_ex(contexts[i], raw.baseAddress!.assumingMemoryBound(to: UInt8.self), &len)
                return DigestValue(bytes: UnsafeRawBufferPointer(rebasing: raw[0..<min(Int(len), 32)]))
            }
            switch kind {
            case .md5: out.md5 = value
            case .sha1: out.sha1 = value
            default: out.sha256 = value
            }
        }
        active = []
        return out
    }
}

extension MultiDigest {
    /// The SHA-256 of a whole file read through its descriptor; nil when it cannot be read.
    package static func sha256(of file: OpenFile) -> DigestValue? {
        let digest = MultiDigest()
        digest.start(.sha256)
        var buf = [UInt8](repeating: 0, count: 1 << 20)
        var offset: Int64 = 0
        while true {
            guard let n = try? file.read(into: &buf, at: offset) else { _ = digest.finish(); return nil }
            if n == 0 { break }
            buf.withUnsafeBytes { digest.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            offset += Int64(n)
        }
        return digest.finish().sha256
    }
}
