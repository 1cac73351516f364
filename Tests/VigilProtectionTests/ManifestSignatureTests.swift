import Glibc
import Testing
@testable import VigilProtection
import VigilSystem
import VigilUpdate

/// The manifest-signature decision as a table: one signature over a manifest request,
/// then each way a forgery (or a mistake) gets it wrong, each with its refusal. Real
/// Ed25519 through OpenSSL.
@Suite("manifest signatures")
struct ManifestSignatureTests {
    let key = try! Ed25519.PrivateKey.generate()
    let other = try! Ed25519.PrivateKey.generate()
    let digest = String(repeating: "a1", count: 32)

    func signature(_ k: Ed25519.PrivateKey? = nil, host: String = "host-a", digest d: String? = nil, claimedKey: String? = nil) -> String {
        let k = k ?? key
        var s = ManifestSignature(request: ManifestRequest(host: host, digest: d ?? digest), key: claimedKey ?? (try! k.publicKey.fingerprint))
        s.signature = try! k.sign(s.payload)
        return s.text
    }

    func check(_ text: String?) -> Result<ManifestSignature, ManifestSignature.Refusal> {
        let pub = try! key.publicKey
        return ManifestSignature.check(text, digest: digest, host: "host-a", keyFingerprint: pub.fingerprint) { pub.verify($0, signature: $1) }
    }

    @Test("the operator's signature over this host's manifest digest vouches for it")
    func valid() throws {
        let s = try check(signature()).get()
        #expect(s.request.digest == digest && s.request.host == "host-a")
    }

    @Test("every forgery gets its own refusal", arguments: [
        ("no signature file", ManifestSignature.Refusal.missing),
        ("garbage", .malformed),
        ("a maintenance token in its place", .malformed),
        ("signed by another key", .wrongKey),
        ("another key claiming ours", .badSignature),
        ("digest edited after signing", .badSignature),
        ("signed for another host", .wrongHost),
        ("an old signature for another manifest", .otherManifest),
    ])
    func refusals(forgery: String, expected: ManifestSignature.Refusal) throws {
        let text: String?
        switch forgery {
        case "no signature file": text = nil
        case "garbage": text = "vms1.zz.zz"
        case "a maintenance token in its place":
            var t = MaintenanceToken(challenge: MaintenanceChallenge(host: "host-a", boot: "b", nonce: String(repeating: "ab", count: 16), expires: 9),
                                     expires: 9, scope: "maintenance", key: try key.publicKey.fingerprint)
            t.signature = try key.sign(t.payload)
            text = t.text
        case "signed by another key": text = signature(other)
        case "another key claiming ours": text = signature(other, claimedKey: try key.publicKey.fingerprint)
        case "digest edited after signing":
            let signed = try #require(ManifestSignature(text: signature(digest: String(repeating: "b2", count: 32))))
            text = ManifestSignature(request: ManifestRequest(host: "host-a", digest: digest), key: signed.key, signature: signed.signature).text
        case "signed for another host": text = signature(host: "host-b")
        case "an old signature for another manifest": text = signature(digest: String(repeating: "c3", count: 32))
        default: text = nil
        }
        guard case .failure(let why) = check(text) else { Issue.record("\(forgery) was accepted"); return }
        #expect(why == expected, "\(forgery)")
    }

    @Test("requests and signatures round-trip; anything extra in a payload is refused")
    func wireForms() throws {
        let r = ManifestRequest(host: "host-a", digest: digest)
        #expect(ManifestRequest(text: r.text) == r)
        #expect(ManifestRequest(text: "vigil-manifest-v1:host-a:abc") == nil, "a digest is 64 hex digits")
        let s = try #require(ManifestSignature(text: signature()))
        #expect(ManifestSignature(text: s.text) == s)
        let padded = "vms1." + hexString(s.payload + Array("extra\n".utf8)) + "." + hexString(s.signature)
        #expect(ManifestSignature(text: padded) == nil)
    }
}
