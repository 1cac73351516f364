import CCrypto
import Glibc
import VigilEngine
import VigilEvents
import VigilSystem

/// Ed25519 keys and signatures through OpenSSL 3, the library Vigil already links.
/// Keys are PEM files OpenSSL itself reads and writes (PKCS#8 private, SubjectPublicKeyInfo
/// public), so a publisher can check a bundle with `openssl pkeyutl -verify -rawin` too.
///
/// Owns: every EVP_PKEY and BIO call of the signature lifecycle. Must not: read
/// manifests, fetch, or decide what a failed check means.
public enum Ed25519 {
    public static let signatureLength = 64

    public final class PrivateKey: @unchecked Sendable {
        // Owned; EVP_PKEY is immutable once made and OpenSSL documents it as shareable.
        fileprivate let pkey: OpaquePointer
        fileprivate init(_ pkey: OpaquePointer) { self.pkey = pkey }
        deinit { EVP_PKEY_free(pkey) }

        public static func generate() throws(KeyError) -> PrivateKey {
            guard let ctx = EVP_PKEY_CTX_new_from_name(nil, "ED25519", nil) else { throw .openssl("EVP_PKEY_CTX_new_from_name", lastError()) }
            defer { EVP_PKEY_CTX_free(ctx) }
            var key: OpaquePointer?
            guard EVP_PKEY_keygen_init(ctx) == 1, EVP_PKEY_generate(ctx, &key) == 1, let key else {
                throw .openssl("EVP_PKEY_generate", lastError())
            }
            return PrivateKey(key)
        }

        public static func read(pem: [UInt8], origin: String) throws(KeyError) -> PrivateKey {
            guard let key = withBIO(pem, { PEM_read_bio_PrivateKey($0, nil, nil, nil) }) else {
                throw .unreadable(origin, "not a PEM private key (\(lastError()))")
            }
            guard EVP_PKEY_get_base_id(key) == EVP_PKEY_ED25519 else {
                EVP_PKEY_free(key)
                throw .unreadable(origin, "not an Ed25519 key")
            }
            return PrivateKey(key)
        }

        public func pem() throws(KeyError) -> [UInt8] {
            try writeBIO { PEM_write_bio_PrivateKey($0, pkey, nil, nil, 0, nil, nil) }
        }

        public var publicKey: PublicKey {
            get throws(KeyError) {
                let raw = try rawPublic(pkey)
                return try PublicKey(raw: raw, origin: "generated")
            }
        }

        /// The 64-byte Ed25519 signature of `message` (PureEdDSA: no pre-hash).
        public func sign(_ message: [UInt8]) throws(KeyError) -> [UInt8] {
            guard let md = EVP_MD_CTX_new() else { throw .openssl("EVP_MD_CTX_new", lastError()) }
            defer { EVP_MD_CTX_free(md) }
            guard EVP_DigestSignInit(md, nil, nil, nil, pkey) == 1 else { throw .openssl("EVP_DigestSignInit", lastError()) }
            var sig = [UInt8](repeating: 0, count: Ed25519.signatureLength)
            var len = sig.count
            let rc = message.withUnsafeBufferPointer { m in EVP_DigestSign(md, &sig, &len, m.baseAddress, m.count) }
            guard rc == 1, len == Ed25519.signatureLength else { throw .openssl("EVP_DigestSign", lastError()) }
            return sig
        }
    }

    public final class PublicKey: @unchecked Sendable {
        fileprivate let pkey: OpaquePointer
        /// The 32 raw key bytes.
        public let raw: [UInt8]
        /// Where it came from (a file), for messages.
        public let origin: String

        public init(raw: [UInt8], origin: String) throws(KeyError) {
            guard raw.count == 32,
                  let key = raw.withUnsafeBufferPointer({ EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, $0.baseAddress, 32) }) else {
                throw .unreadable(origin, "not a 32-byte Ed25519 public key")
            }
            pkey = key
            self.raw = raw
            self.origin = origin
        }

        deinit { EVP_PKEY_free(pkey) }

        public static func read(pem: [UInt8], origin: String) throws(KeyError) -> PublicKey {
            guard let key = withBIO(pem, { PEM_read_bio_PUBKEY($0, nil, nil, nil) }) else {
                throw .unreadable(origin, "not a PEM public key (\(lastError()))")
            }
            defer { EVP_PKEY_free(key) }
            guard EVP_PKEY_get_base_id(key) == EVP_PKEY_ED25519 else { throw .unreadable(origin, "not an Ed25519 key") }
            return try PublicKey(raw: try rawPublic(key), origin: origin)
        }

        public func pem() throws(KeyError) -> [UInt8] {
            try writeBIO { PEM_write_bio_PUBKEY($0, pkey) }
        }

        /// SHA-256 of the raw key, first 16 hex digits: names the key in manifests and events.
        public var fingerprint: String { String(sha256Hex(raw).prefix(16)) }

        /// True only for a valid signature of exactly these bytes by this key.
        public func verify(_ message: [UInt8], signature: [UInt8]) -> Bool {
            guard signature.count == Ed25519.signatureLength, let md = EVP_MD_CTX_new() else { return false }
            defer { EVP_MD_CTX_free(md) }
            guard EVP_DigestVerifyInit(md, nil, nil, nil, pkey) == 1 else { return false }
            let rc = message.withUnsafeBufferPointer { m in
                signature.withUnsafeBufferPointer { s in EVP_DigestVerify(md, s.baseAddress, s.count, m.baseAddress, m.count) }
            }
            ERR_clear_error()
            return rc == 1
        }
    }

    public enum KeyError: Error, CustomStringConvertible, Sendable {
        case openssl(String, String)
        case unreadable(String, String)
        public var description: String {
            switch self {
            case .openssl(let call, let why): "OpenSSL \(call) failed: \(why)"
            case .unreadable(let origin, let why): "\(origin): \(why)"
            }
        }
    }

    private static func rawPublic(_ key: OpaquePointer) throws(KeyError) -> [UInt8] {
        var raw = [UInt8](repeating: 0, count: 32)
        var len = 32
        guard EVP_PKEY_get_raw_public_key(key, &raw, &len) == 1, len == 32 else {
            throw .openssl("EVP_PKEY_get_raw_public_key", lastError())
        }
        return raw
    }

    private static func withBIO<T>(_ bytes: [UInt8], _ body: (OpaquePointer) -> T?) -> T? {
        bytes.withUnsafeBytes { raw -> T? in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return nil }
            defer { BIO_free(bio) }
            return body(bio)
        }
    }

    private static func writeBIO(_ body: (OpaquePointer) -> Int32) throws(KeyError) -> [UInt8] {
        guard let bio = BIO_new(BIO_s_mem()) else { throw .openssl("BIO_new", lastError()) }
        defer { BIO_free(bio) }
        guard body(bio) == 1 else { throw .openssl("PEM_write", lastError()) }
        var out = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = BIO_read(bio, &chunk, Int32(chunk.count))
            if n <= 0 { break }
            out += chunk[0..<Int(n)]
        }
        return out
    }

    static func lastError() -> String {
        let code = ERR_get_error()
        ERR_clear_error()
        guard code != 0 else { return "no OpenSSL error recorded" }
        var buf = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buf, buf.count)
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
