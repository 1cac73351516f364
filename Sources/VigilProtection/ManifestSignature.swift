import Glibc
import VigilSystem
import VigilUpdate

// Owns: the signed manifest: the wire forms of a manifest request and its signature,
// the one decision whether a signature vouches for a manifest (a pure function, tested
// as a table), and the two files that carry the last signed state (`manifest.sig`,
// `manifest.signed.tsv`). Must not: seal files, arm the guard, or log (SelfProtection
// and TamperGuard act on the verdict).

/// What the host asks the operator to sign after the sealed set changed: the manifest's
/// SHA-256, bound to this host. One line: `vigil-manifest-v1:<machine-id>:<sha256>`.
public struct ManifestRequest: Sendable, Equatable {
    public let host: String
    public let digest: String

    public init(host: String, digest: String) {
        self.host = host
        self.digest = digest
    }

    public var text: String { "vigil-manifest-v1:\(host):\(digest)" }

    public init?(text: String) {
        let f = text.trimmed().split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard f.count == 3, f[0] == "vigil-manifest-v1", !f[1].isEmpty, f[2].count == 64, f[2].allSatisfy(\.isHexDigit) else { return nil }
        self.init(host: f[1], digest: f[2].lowercased())
    }
}

/// The operator's Ed25519 signature over a manifest request, made off the host with the
/// maintenance key. Wire form: `vms1.<hex payload>.<hex signature>`.
public struct ManifestSignature: Sendable, Equatable, SignedDocument {
    public let request: ManifestRequest
    /// The signing key's fingerprint (Ed25519.PublicKey.fingerprint).
    public let key: String
    public var signature: [UInt8]

    public init(request: ManifestRequest, key: String, signature: [UInt8] = []) {
        self.request = request
        self.key = key
        self.signature = signature
    }

    static let tag = "vms1"
    /// A domain other than a maintenance token's: a token's signature is never a manifest's.
    static let domain = "vigil-manifest-signature-v1"

    /// The exact bytes the signature covers.
    public var payload: [UInt8] { SignedText.payload(domain: Self.domain, fields: [request.text, key]) }

    public var text: String { SignedText.text(tag: Self.tag, payload: payload, signature: signature) }

    public init?(text: String) {
        guard let t = SignedText.parse(text, tag: Self.tag, domain: Self.domain, count: 2),
              let r = ManifestRequest(text: t.fields[0]), !t.fields[1].isEmpty else { return nil }
        self.init(request: r, key: t.fields[1], signature: t.signature)
        guard payload == t.payload else { return nil }
    }

    /// Why a manifest is not the signed one. The event names it.
    public enum Refusal: String, Error, Sendable, Equatable, SignedTextRefusal {
        case missing = "no signature (sign it: vigil maintenance sign --manifest)"
        case malformed = "the signature file is not a manifest signature"
        case wrongKey = "signed by another key than the sealed maintenance key"
        case badSignature = "bad signature"
        case wrongHost = "signed for another host"
        case otherManifest = "the signature is for another manifest (its SHA-256 differs)"
    }

    /// The decision: `text` vouches for the manifest whose SHA-256 is `digest` only when
    /// every check passes; the signature first, so nothing an unsigned text says counts.
    public static func check(_ text: String?, digest: String, host: String, keyFingerprint: String,
                             verify: ([UInt8], [UInt8]) -> Bool) -> Result<ManifestSignature, Refusal> {
        let s: ManifestSignature
        switch open(text, keyFingerprint: keyFingerprint, verify: verify) {
        case .success(let ok): s = ok
        case .failure(let why): return .failure(Refusal(why))
        }
        guard s.request.host == host else { return .failure(.wrongHost) }
        guard s.request.digest == digest else { return .failure(.otherManifest) }
        return .success(s)
    }
}

/// Which manifest may be trusted, once a maintenance key is sealed: the manifest that a
/// signature vouches for. A root that stops the daemon and rewrites the manifest and
/// sealed copies together (consistently: each copy named by its own SHA-256) has no
/// signature for the forgery; the last signed manifest (`manifest.signed.tsv`, whose
/// sealed copies are kept) is then what is in force.
public enum ManifestTrust {
    public enum Verdict: Sendable, Equatable {
        /// No maintenance key: the manifest is trusted as written (the old behaviour).
        case unkeyed
        /// No manifest yet: nothing to verify (the first start seals).
        case noManifest
        case signed(digest: String)
        /// The manifest is not vouched for. `fallback`: the last signed manifest's bytes,
        /// when they still verify.
        case refused(ManifestSignature.Refusal, found: String, fallback: [UInt8]?)
    }

    static func signaturePath(_ store: ProtectedSet) -> String { store.directory + "/manifest.sig" }
    static func signedCopyPath(_ store: ProtectedSet) -> String { store.directory + "/manifest.signed.tsv" }

    static func signatureText(_ store: ProtectedSet) -> String? {
        readWholeFile(signaturePath(store), limit: 16 << 10).map { String(decoding: $0, as: UTF8.self) }
    }

    static func check(_ text: String?, bytes: [UInt8], auth: MaintenanceAuth) -> Result<ManifestSignature, ManifestSignature.Refusal> {
        ManifestSignature.check(text, digest: sha256Hex(bytes), host: MaintenanceAuth.hostID(),
                                keyFingerprint: auth.key?.fingerprint ?? "unreadable-key") { message, signature in
            auth.key?.verify(message, signature: signature) ?? false
        }
    }

    /// The verdict for the manifest on disk now.
    public static func evaluate(_ store: ProtectedSet, auth: MaintenanceAuth) -> Verdict {
        guard auth.required else { return .unkeyed }
        guard let bytes = store.manifestBytes() else { return .noManifest }
        let text = signatureText(store)
        switch check(text, bytes: bytes, auth: auth) {
        case .success: return .signed(digest: sha256Hex(bytes))
        case .failure(let why):
            let fallback = readWholeFile(signedCopyPath(store), limit: 64 << 20)
                .flatMap { copy in (try? check(text, bytes: copy, auth: auth).get()).map { _ in copy } }
            return .refused(why, found: sha256Hex(bytes), fallback: fallback)
        }
    }

    /// The files a load may trust: the manifest when unkeyed or signed, the last signed
    /// one when the manifest is refused, nil when nothing can be trusted.
    public static func trustedFiles(_ store: ProtectedSet, auth: MaintenanceAuth) -> [ProtectedFile]? {
        switch evaluate(store, auth: auth) {
        case .unkeyed, .signed: store.loadManifest()
        case .noManifest: nil
        case .refused(_, _, let fallback): fallback.map(ProtectedSet.parseManifest)
        }
    }

    /// What the operator signs for the manifest on disk now.
    public static func request(_ store: ProtectedSet) -> ManifestRequest? {
        store.manifestBytes().map { ManifestRequest(host: MaintenanceAuth.hostID(), digest: sha256Hex($0)) }
    }

    /// Records a signature for the manifest on disk now, after checking it: writes
    /// `manifest.sig` and the signed copy (0400, immutable where possible).
    @discardableResult
    public static func accept(_ text: String, store: ProtectedSet, auth: MaintenanceAuth) throws(VigilError) -> ManifestSignature {
        guard auth.required else { throw VigilError("no maintenance key is sealed: a manifest signature means nothing here (vigil install --maintenance-key)") }
        guard let bytes = store.manifestBytes() else { throw VigilError("no manifest at \(store.directory)/manifest.tsv") }
        let s: ManifestSignature
        switch check(text, bytes: bytes, auth: auth) {
        case .success(let ok): s = ok
        case .failure(let why): throw VigilError("manifest signature refused: \(why.rawValue)")
        }
        for (path, contents) in [(signedCopyPath(store), String(decoding: bytes, as: UTF8.self)), (signaturePath(store), s.text + "\n")] {
            _ = try? InodeFlags.setImmutable(path, false)
            try writeFileAtomically(path, contents: contents, mode: 0o400)
            _ = try? InodeFlags.setImmutable(path, true)
        }
        return s
    }
}
