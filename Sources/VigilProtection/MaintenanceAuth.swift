import Glibc
import Synchronization
import VigilSystem
import VigilUpdate

/// Authenticated maintenance on the host side: the sealed public key (whose private half
/// never comes here), the challenges issued and the ones used. Both live in the
/// root-only protection folder, so a daemon restarted during an upgrade and the offline
/// path of the package scripts see the same nonces.
///
/// Files: `maintenance-key.pem` (SubjectPublicKeyInfo, 0400, immutable), `challenges`
/// (`issued|used NONCE EXPIRES` lines, expired ones pruned on every write).
///
/// Owns: those two files and the host's part of the token check. Must not: open a
/// window (MaintenanceCommands.swift does, after `consume` says yes).
public final class MaintenanceAuth: Sendable {
    public let directory: String
    public var keyPath: String { directory + "/maintenance-key.pem" }
    var challengesPath: String { directory + "/challenges" }
    /// The key read when this object was made: a daemon keeps the one it started with,
    /// so deleting the file under a running daemon does not lift authentication.
    public let key: Ed25519.PublicKey?
    /// A key file is present: tokens are required, even if it cannot be read (then every
    /// token is refused: fail closed).
    public let required: Bool
    public let keyError: String?
    /// Issue and consume read-modify-write the challenges file.
    private let order = Mutex(())

    public init(protectionDirectory: String) {
        directory = protectionDirectory
        let path = protectionDirectory + "/maintenance-key.pem"
        var st = stat()
        required = lstat(path, &st) == 0
        var key: Ed25519.PublicKey?
        var keyError: String?
        if required {
            if let pem = readWholeFile(path, limit: 64 << 10) {
                do { key = try Ed25519.PublicKey.read(pem: pem, origin: path) } catch { keyError = "\(error)" }
            } else {
                keyError = "\(path) cannot be read"
            }
        }
        self.key = key
        self.keyError = keyError
    }

    /// "ed25519 <fingerprint>", or why maintenance is not authenticated.
    public var summary: String {
        if let key { return "authenticated (ed25519 key \(key.fingerprint))" }
        if required { return "LOCKED: the maintenance key cannot be read (\(keyError ?? "?")); every token is refused" }
        return "unauthenticated: no maintenance key sealed, any root can lift protection (vigil install --maintenance-key)"
    }

    public static func hostID() -> String {
        let id = (readSmallFile("/etc/machine-id") ?? "").trimmed()
        if !id.isEmpty && !id.contains(":") { return id }
        var buf = [CChar](repeating: 0, count: 256)
        gethostname(&buf, 255)
        let name = String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "unknown-host" : name.replacingColons()
    }

    public static func bootID() -> String {
        (readSmallFile("/proc/sys/kernel/random/boot_id") ?? "unknown-boot").trimmed().replacingColons()
    }

    public static func now() -> Int { Int(time(nil)) }

    // MARK: challenges

    struct Entry: Equatable {
        var used: Bool
        let nonce: String
        let expires: Int
    }

    func entries(now: Int) -> [Entry] {
        guard let text = readWholeFile(challengesPath, limit: 1 << 20).map({ String(decoding: $0, as: UTF8.self) }) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let f = line.split(separator: " ")
            guard f.count == 3, f[0] == "issued" || f[0] == "used", let e = Int(f[2]), e >= now else { return nil }
            return Entry(used: f[0] == "used", nonce: String(f[1]), expires: e)
        }
    }

    func save(_ entries: [Entry]) throws(VigilError) {
        // Bounded: a flood of `challenge` calls keeps the newest 1,000.
        let kept = entries.suffix(1000)
        try writeFileAtomically(challengesPath, contents: kept.map { "\($0.used ? "used" : "issued") \($0.nonce) \($0.expires)\n" }.joined(), mode: 0o600)
    }

    /// A fresh challenge, remembered until it expires.
    public func issue(ttlSeconds: Int = 900, now: Int = MaintenanceAuth.now()) throws(VigilError) -> MaintenanceChallenge {
        // SystemRandomNumberGenerator: getrandom(2) on Linux, a CSPRNG.
        var rng = SystemRandomNumberGenerator()
        let random = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let c = MaintenanceChallenge(host: Self.hostID(), boot: Self.bootID(), nonce: hexString(random), expires: now + ttlSeconds)
        try order.withLock { _ throws(VigilError) in
            try save(entries(now: now) + [Entry(used: false, nonce: c.nonce, expires: c.expires)])
        }
        return c
    }

    /// Checks a token and, when it passes, marks its nonce used (before the window
    /// opens: a crash after this cannot be replayed).
    public func consume(_ token: String?, needed: String = "maintenance", now: Int = MaintenanceAuth.now()) -> Result<MaintenanceToken, MaintenanceToken.Refusal> {
        order.withLock { _ in
            let all = entries(now: now)
            let context = MaintenanceToken.Context(
                now: now, host: Self.hostID(), boot: Self.bootID(), keyFingerprint: key?.fingerprint ?? "unreadable-key",
                issued: Set(all.filter { !$0.used }.map(\.nonce)), used: Set(all.filter(\.used).map(\.nonce)), needed: needed)
            let result = MaintenanceToken.check(token, in: context) { message, signature in
                key?.verify(message, signature: signature) ?? false
            }
            if case .success(let t) = result {
                let marked = all.map { $0.nonce == t.challenge.nonce ? Entry(used: true, nonce: $0.nonce, expires: $0.expires) : $0 }
                // Cannot record the use: refuse rather than leave the token replayable.
                guard (try? save(marked)) != nil else { return .failure(.replayed) }
            }
            return result
        }
    }

    /// `vigil install --maintenance-key`: seals the public key (0400, immutable). A key
    /// already there is replaced only when `replace` (inside a maintenance window).
    @discardableResult
    public static func installKey(pem: [UInt8], stateDirectory: String, replace: Bool) throws(VigilError) -> String {
        let key: Ed25519.PublicKey
        do { key = try Ed25519.PublicKey.read(pem: pem, origin: "maintenance key") } catch { throw VigilError("\(error)") }
        let store = try ProtectedSet(stateDirectory: stateDirectory)
        let path = store.directory + "/maintenance-key.pem"
        if access(path, F_OK) == 0 {
            if let old = MaintenanceAuth(protectionDirectory: store.directory).key, old.raw == key.raw { return key.fingerprint }
            guard replace else { throw VigilError("a maintenance key is already sealed at \(path); replacing it needs a maintenance window") }
            _ = try? InodeFlags.setImmutable(path, false)
        }
        let normalised: [UInt8]
        do { normalised = try key.pem() } catch { throw VigilError("\(error)") }
        try writeFileAtomically(path, contents: String(decoding: normalised, as: UTF8.self), mode: 0o400)
        _ = try? InodeFlags.setImmutable(path, true)
        return key.fingerprint
    }
}

extension String {
    func replacingColons() -> String { String(map { $0 == ":" ? "-" : $0 }) }
}
