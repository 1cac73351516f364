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

/// Computes several digests in one pass. One per worker thread.
///
/// OpenSSL's struct API, not EVP: on 3.0, `EVP_DigestInit_ex2` re-creates its provider
/// context at every init, one heap allocation per digest per file on the event thread
/// before the answer. These three contexts are allocated once, here, and reused.
package final class MultiDigest {
    private let md5 = UnsafeMutablePointer<MD5_CTX>.allocate(capacity: 1)
    private let sha1 = UnsafeMutablePointer<SHA_CTX>.allocate(capacity: 1)
    private let sha256 = UnsafeMutablePointer<SHA256_CTX>.allocate(capacity: 1)
    private var active: DigestKinds = []

    package init() {}
    deinit {
        md5.deallocate()
        sha1.deallocate()
        sha256.deallocate()
    }

    var isActive: Bool { !active.isEmpty }

    package func start(_ kinds: DigestKinds) {
        active = kinds
        // The struct API's init, update and final return 1 on success and cannot fail for
        // these algorithms (no allocation, no provider).
        if kinds.contains(.md5) { MD5_Init(md5) }
        if kinds.contains(.sha1) { SHA1_Init(sha1) }
        if kinds.contains(.sha256) { SHA256_Init(sha256) }
    }

    package func update(_ bytes: UnsafeRawBufferPointer) {
        guard !active.isEmpty, let base = bytes.baseAddress, bytes.count > 0 else { return }
        if active.contains(.md5) { MD5_Update(md5, base, bytes.count) }
        if active.contains(.sha1) { SHA1_Update(sha1, base, bytes.count) }
        if active.contains(.sha256) { SHA256_Update(sha256, base, bytes.count) }
    }

    package func finish() -> Digests {
        var out = Digests()
        // 32 bytes on the stack, not an array per file.
        var buf: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        func value(_ length: Int, _ final: (UnsafeMutablePointer<UInt8>) -> Void) -> DigestValue {
            withUnsafeMutableBytes(of: &buf) { raw in
                final(raw.baseAddress!.assumingMemoryBound(to: UInt8.self))
                return DigestValue(bytes: UnsafeRawBufferPointer(rebasing: raw[0..<length]))
            }
        }
        if active.contains(.md5) { out.md5 = value(Int(MD5_DIGEST_LENGTH)) { MD5_Final($0, md5) } }
        if active.contains(.sha1) { out.sha1 = value(Int(SHA_DIGEST_LENGTH)) { SHA1_Final($0, sha1) } }
        if active.contains(.sha256) { out.sha256 = value(Int(SHA256_DIGEST_LENGTH)) { SHA256_Final($0, sha256) } }
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
