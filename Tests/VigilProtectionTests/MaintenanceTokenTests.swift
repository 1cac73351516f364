import Glibc
import Testing
@testable import VigilProtection
import VigilSystem
import VigilTestSupport
import VigilUpdate

/// The token decision as a table: one signed token, then each way an attacker (or a
/// mistake) gets it wrong, each with the refusal it must get. Real Ed25519 signatures
/// through OpenSSL, no stand-in.
@Suite("maintenance tokens")
struct MaintenanceTokenTests {
    let key = try! Ed25519.PrivateKey.generate()
    let other = try! Ed25519.PrivateKey.generate()
    let challenge = MaintenanceChallenge(host: "host-a", boot: "boot-1", nonce: String(repeating: "ab", count: 16), expires: 2000)

    func token(_ k: Ed25519.PrivateKey? = nil, challenge c: MaintenanceChallenge? = nil, expires: Int = 1500, scope: String = "maintenance",
               claimedKey: String? = nil) -> String {
        let k = k ?? key
        var t = MaintenanceToken(challenge: c ?? challenge, expires: expires, scope: scope, key: claimedKey ?? (try! k.publicKey.fingerprint))
        t.signature = try! k.sign(t.payload)
        return t.text
    }

    func check(_ text: String?, now: Int = 1000, issued: Set<String>? = nil, used: Set<String> = [], needed: String = "maintenance")
        -> Result<MaintenanceToken, MaintenanceToken.Refusal> {
        let pub = try! key.publicKey
        let c = MaintenanceToken.Context(now: now, host: "host-a", boot: "boot-1", keyFingerprint: pub.fingerprint,
                                         issued: issued ?? [challenge.nonce], used: used, needed: needed)
        return MaintenanceToken.check(text, in: c) { pub.verify($0, signature: $1) }
    }

    func refusal(_ r: Result<MaintenanceToken, MaintenanceToken.Refusal>) -> MaintenanceToken.Refusal? {
        if case .failure(let why) = r { return why }
        return nil
    }

    @Test("a signed, unexpired token for this host, boot and an issued nonce opens the window")
    func valid() throws {
        let t = try check(token()).get()
        #expect(t.challenge == challenge)
        #expect(t.scope == "maintenance")
    }

    @Test("every attack gets its own refusal", arguments: [
        ("no token at all", MaintenanceToken.Refusal.missing),
        ("garbage", .malformed),
        ("signed by another key", .wrongKey),
        ("another key claiming ours", .badSignature),
        ("payload edited after signing", .badSignature),
        ("token expired", .expired),
        ("challenge expired", .expired),
        ("another host", .wrongHost),
        ("an earlier boot", .wrongBoot),
        ("nonce never issued", .notIssued),
        ("replayed", .replayed),
        ("scope upgrade used for remove", .scope),
    ])
    func refusals(attack: String, expected: MaintenanceToken.Refusal) throws {
        let got: MaintenanceToken.Refusal?
        switch attack {
        case "no token at all": got = refusal(check(nil))
        case "garbage": got = refusal(check("vmt1.zz.yy"))
        case "signed by another key": got = refusal(check(token(other)))
        case "another key claiming ours": got = refusal(check(token(other, claimedKey: try key.publicKey.fingerprint)))
        case "payload edited after signing":
            var t = try #require(MaintenanceToken(text: token()))
            let sig = t.signature
            t = MaintenanceToken(challenge: t.challenge, expires: 99_999, scope: t.scope, key: t.key, signature: sig)
            got = refusal(check(t.text))
        case "token expired": got = refusal(check(token(expires: 1500), now: 1501))
        case "challenge expired":
            let c = MaintenanceChallenge(host: "host-a", boot: "boot-1", nonce: challenge.nonce, expires: 1200)
            got = refusal(check(token(challenge: c, expires: 1900), now: 1300))
        case "another host":
            got = refusal(check(token(challenge: MaintenanceChallenge(host: "host-b", boot: "boot-1", nonce: challenge.nonce, expires: 2000))))
        case "an earlier boot":
            got = refusal(check(token(challenge: MaintenanceChallenge(host: "host-a", boot: "boot-0", nonce: challenge.nonce, expires: 2000))))
        case "nonce never issued": got = refusal(check(token(), issued: []))
        case "replayed": got = refusal(check(token(), issued: [], used: [challenge.nonce]))
        case "scope upgrade used for remove": got = refusal(check(token(scope: "upgrade"), needed: "remove"))
        default: got = nil
        }
        #expect(got == expected, "\(attack)")
    }

    @Test("the wire forms round-trip and reject anything extra")
    func wire() throws {
        #expect(MaintenanceChallenge(text: challenge.text) == challenge)
        #expect(MaintenanceChallenge(text: challenge.text + ":x") == nil)
        let t = try #require(MaintenanceToken(text: token()))
        #expect(MaintenanceToken(text: t.text) == t)
        #expect(MaintenanceToken(text: "vmt2" + t.text.dropFirst(4)) == nil)
    }

    @Test("the host's store: a challenge is consumed once, a replay is named as such, a file-less host needs no key")
    func store() throws {
        let dir = TempDir()
        let auth0 = MaintenanceAuth(protectionDirectory: dir.path)
        #expect(!auth0.required && auth0.key == nil)
        #expect(auth0.summary.hasPrefix("unauthenticated"))
        try MaintenanceAuth.installKey(pem: try key.publicKey.pem(), stateDirectory: dir.path + "/state", replace: false)
        let auth = MaintenanceAuth(protectionDirectory: dir.path + "/state/protection")
        let raw = try key.publicKey.raw
        #expect(auth.required && auth.key?.raw == raw)
        let c = try auth.issue()
        #expect(c.host == MaintenanceAuth.hostID() && c.boot == MaintenanceAuth.bootID())
        var t = MaintenanceToken(challenge: c, expires: c.expires, scope: "upgrade", key: try key.publicKey.fingerprint)
        t.signature = try key.sign(t.payload)
        #expect(refusal(auth.consume(t.text, needed: "upgrade")) == nil)
        #expect(refusal(auth.consume(t.text, needed: "upgrade")) == .replayed)
        #expect(throws: VigilError.self) {
            try MaintenanceAuth.installKey(pem: try other.publicKey.pem(), stateDirectory: dir.path + "/state", replace: false)
        }
        _ = try? InodeFlags.setImmutable(auth.keyPath, false)
    }
}
