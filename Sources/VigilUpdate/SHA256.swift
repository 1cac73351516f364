import CCrypto

/// Incremental SHA-256 over OpenSSL EVP, for bundle files as they arrive.
///
/// Owns: one digest context. Must not: read files itself.
public final class SHA256Stream {
    private let ctx: OpaquePointer
    nonisolated(unsafe) private static let md: OpaquePointer = EVP_MD_fetch(nil, "SHA256", nil)!

    public init() {
        ctx = EVP_MD_CTX_new()!
        precondition(EVP_DigestInit_ex2(ctx, SHA256Stream.md, nil) == 1, "EVP_DigestInit_ex2 failed")
    }
    deinit { EVP_MD_CTX_free(ctx) }

    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        EVP_DigestUpdate(ctx, base, bytes.count)
    }

    public func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    /// Lower-case hex; the stream is done after this.
    public func finishHex() -> String {
        var out = [UInt8](repeating: 0, count: 32)
        var len: UInt32 = 0
        EVP_DigestFinal_ex(ctx, &out, &len)
        return hexString(out)
    }

    public static func hex(of bytes: [UInt8]) -> String {
        let s = SHA256Stream()
        s.update(bytes)
        return s.finishHex()
    }
}

func hexString(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    out.reserveCapacity(bytes.count * 2)
    for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
    return String(decoding: out, as: UTF8.self)
}

func sha256Hex(_ bytes: [UInt8]) -> String { SHA256Stream.hex(of: bytes) }
