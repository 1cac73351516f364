import VigilSystem

// Owns: the envelope every text signed by the maintenance key shares (maintenance tokens,
// manifest signatures), its first four checks, and how a refusal is named in an event.
// Must not: know what a token or a manifest means (MaintenanceToken.swift and
// ManifestSignature.swift add their own fields and checks).

/// `<tag>.<hex payload>.<hex signature>`, one line; the payload is `<domain>\n` followed
/// by one line per field, each ended by `\n`. The domain line keeps a signature made for
/// one kind of text from being accepted as another's.
struct SignedText: Equatable {
    let fields: [String]
    let payload: [UInt8]
    let signature: [UInt8]

    static func payload(domain: String, fields: [String]) -> [UInt8] {
        Array((([domain] + fields).map { $0 + "\n" }).joined().utf8)
    }

    static func text(tag: String, payload: [UInt8], signature: [UInt8]) -> String {
        tag + "." + hexString(payload) + "." + hexString(signature)
    }

    /// Nil unless `text` is exactly this tag and domain with `count` fields. The caller
    /// builds its value from the fields and compares its own payload with `payload`
    /// (`roundTrips`): a payload with anything extra is not one we would have signed.
    static func parse(_ text: String, tag: String, domain: String, count: Int) -> SignedText? {
        let parts = text.trimmed().split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == tag, let payload = bytes(hex: parts[1]), let sig = bytes(hex: parts[2]),
              let s = String(validating: payload, as: UTF8.self) else { return nil }
        let lines = s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count == count + 2, lines[0] == domain, lines[count + 1].isEmpty else { return nil }
        return SignedText(fields: Array(lines[1...count]), payload: payload, signature: sig)
    }
}

/// A text signed by the maintenance key: what the shared checks need of it.
protocol SignedDocument {
    init?(text: String)
    /// The signing key's fingerprint, as the text claims it.
    var key: String { get }
    var payload: [UInt8] { get }
    var signature: [UInt8] { get }
}

/// Why the shared checks refused a text, in the order they run.
enum EnvelopeRefusal: Error, Sendable {
    case missing, malformed, wrongKey, badSignature
}

extension SignedDocument {
    /// Present, well-formed, claims the sealed key, and the signature verifies: the
    /// signature is checked before anything else the text says is trusted.
    static func open(_ text: String?, keyFingerprint: String, verify: ([UInt8], [UInt8]) -> Bool) -> Result<Self, EnvelopeRefusal> {
        guard let text, !text.trimmed().isEmpty else { return .failure(.missing) }
        guard let d = Self(text: text) else { return .failure(.malformed) }
        guard d.key == keyFingerprint else { return .failure(.wrongKey) }
        guard verify(d.payload, d.signature) else { return .failure(.badSignature) }
        return .success(d)
    }
}

/// A refusal enum whose first four cases are the envelope's; its event code is its case
/// name in kebab case (`wrongKey` → `wrong-key`), so no hand-written table can drift.
/// (Enum cases witness the four static requirements.)
public protocol SignedTextRefusal: CaseIterable {
    static var missing: Self { get }
    static var malformed: Self { get }
    static var wrongKey: Self { get }
    static var badSignature: Self { get }
}

extension SignedTextRefusal {
    /// The envelope's refusal as this kind's case of the same name.
    init(_ envelope: EnvelopeRefusal) {
        switch envelope {
        case .missing: self = .missing
        case .malformed: self = .malformed
        case .wrongKey: self = .wrongKey
        case .badSignature: self = .badSignature
        }
    }

    /// A short machine name for the event (`vigil.protection.refusal`).
    public var code: String {
        var out = ""
        for c in String(describing: self) {
            if c.isUppercase { out += "-" + c.lowercased() } else { out.append(c) }
        }
        return out
    }
}
