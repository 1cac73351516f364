import Glibc
import VigilSystem

// Owns: the wire forms of a maintenance challenge and token, and the one decision
// whether a token opens a window (a pure function, tested as a table). Must not: read
// files, hold keys, or talk to the daemon (MaintenanceAuth.swift does).

/// What the host hands the operator: a fresh nonce bound to this machine and this boot,
/// with an expiry. One line of text, copied by hand or by a console.
public struct MaintenanceChallenge: Sendable, Equatable {
    /// /etc/machine-id (the host), /proc/sys/kernel/random/boot_id (this boot).
    public let host: String
    public let boot: String
    /// 128 random bits, hex.
    public let nonce: String
    /// Unix seconds.
    public let expires: Int

    public init(host: String, boot: String, nonce: String, expires: Int) {
        self.host = host
        self.boot = boot
        self.nonce = nonce
        self.expires = expires
    }

    public var text: String { "vigil-challenge-v1:\(host):\(boot):\(nonce):\(expires)" }

    public init?(text: String) {
        let f = text.trimmed().split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard f.count == 5, f[0] == "vigil-challenge-v1", let e = Int(f[4]), !f[1].isEmpty, !f[2].isEmpty,
              f[3].count == 32, f[3].allSatisfy(\.isHexDigit) else { return nil }
        self.init(host: f[1], boot: f[2], nonce: f[3], expires: e)
    }
}

/// What the operator signs with the maintenance key, off the host: the challenge, its own
/// expiry (the token's TTL, at most the challenge's), a scope, and which key signed.
/// Wire form: `vmt1.<hex payload>.<hex signature>`, one line, safe in an environment
/// variable or a file.
public struct MaintenanceToken: Sendable, Equatable, SignedDocument {
    public let challenge: MaintenanceChallenge
    public let expires: Int
    /// What the window is for: "maintenance" (anything) or "upgrade", "remove"; logged.
    public let scope: String
    /// The signing key's fingerprint (Ed25519.PublicKey.fingerprint).
    public let key: String
    public var signature: [UInt8]

    public init(challenge: MaintenanceChallenge, expires: Int, scope: String, key: String, signature: [UInt8] = []) {
        self.challenge = challenge
        self.expires = expires
        self.scope = scope
        self.key = key
        self.signature = signature
    }

    static let tag = "vmt1"
    static let domain = "vigil-maintenance-token-v1"

    /// The exact bytes the signature covers.
    public var payload: [UInt8] {
        SignedText.payload(domain: Self.domain, fields: [challenge.text, "\(expires)", scope, key])
    }

    public var text: String { SignedText.text(tag: Self.tag, payload: payload, signature: signature) }

    public init?(text: String) {
        guard let t = SignedText.parse(text, tag: Self.tag, domain: Self.domain, count: 4),
              let c = MaintenanceChallenge(text: t.fields[0]), let e = Int(t.fields[1]),
              !t.fields[2].isEmpty, t.fields[2].allSatisfy({ $0.isLetter || $0 == "-" }) else { return nil }
        self.init(challenge: c, expires: e, scope: t.fields[2], key: t.fields[3], signature: t.signature)
        guard payload == t.payload else { return nil }
    }

    /// Why a token does not open a window. The event names it.
    public enum Refusal: String, Error, Sendable, Equatable, SignedTextRefusal {
        case missing = "no token (maintenance is authenticated: see `vigil maintenance challenge`)"
        case malformed = "not a maintenance token"
        case wrongKey = "signed by another key than the sealed maintenance key"
        case badSignature = "bad signature"
        case expired = "expired"
        case wrongHost = "issued for another host"
        case wrongBoot = "issued before this boot"
        case notIssued = "its challenge was never issued here"
        case replayed = "already used (replayed)"
        case scope = "its scope does not allow this"
    }

    /// What the host knows when a token arrives.
    public struct Context: Sendable {
        public var now: Int
        public var host: String
        public var boot: String
        public var keyFingerprint: String
        /// Nonces issued and not yet used or expired.
        public var issued: Set<String>
        /// Nonces already used (kept until they expire).
        public var used: Set<String>
        /// The scope this begin needs ("maintenance" accepts any token scope).
        public var needed: String

        public init(now: Int, host: String, boot: String, keyFingerprint: String, issued: Set<String>, used: Set<String>,
                    needed: String = "maintenance") {
            self.now = now
            self.host = host
            self.boot = boot
            self.keyFingerprint = keyFingerprint
            self.issued = issued
            self.used = used
            self.needed = needed
        }
    }

    /// The decision: a token opens a window only when every check passes. The signature
    /// is checked first, so nothing else an unsigned token says is trusted. Order after
    /// that: the most specific reason wins (replayed before expired, so a replay is named).
    public static func check(_ text: String?, in c: Context, verify: ([UInt8], [UInt8]) -> Bool) -> Result<MaintenanceToken, Refusal> {
        let t: MaintenanceToken
        switch open(text, keyFingerprint: c.keyFingerprint, verify: verify) {
        case .success(let ok): t = ok
        case .failure(let why): return .failure(Refusal(why))
        }
        guard t.challenge.host == c.host else { return .failure(.wrongHost) }
        guard t.challenge.boot == c.boot else { return .failure(.wrongBoot) }
        if c.used.contains(t.challenge.nonce) { return .failure(.replayed) }
        guard c.now <= t.expires, c.now <= t.challenge.expires else { return .failure(.expired) }
        guard c.issued.contains(t.challenge.nonce) else { return .failure(.notIssued) }
        guard t.scope == "maintenance" || t.scope == c.needed else { return .failure(.scope) }
        return .success(t)
    }
}

extension String {
    func trimmed() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}

func hexString(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    out.reserveCapacity(bytes.count * 2)
    for b in bytes {
        out.append(digits[Int(b >> 4)])
        out.append(digits[Int(b & 15)])
    }
    return String(decoding: out, as: UTF8.self)
}

func bytes(hex: Substring) -> [UInt8]? {
    let u = Array(hex.utf8)
    guard u.count % 2 == 0 else { return nil }
    func v(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 97...102: c - 87
        case 65...70: c - 55
        default: nil
        }
    }
    var out = [UInt8]()
    out.reserveCapacity(u.count / 2)
    var i = 0
    while i < u.count {
        guard let h = v(u[i]), let l = v(u[i + 1]) else { return nil }
        out.append(h << 4 | l)
        i += 2
    }
    return out
}
