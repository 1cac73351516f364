import VigilSystem
import Glibc

/// Known-good files by digest: a false positive is silenced by its hash, not by editing
/// rules or excluding paths. An allowlisted file's findings are set aside whatever
/// matched (every YARA rule, every hash list), and the report says so, so the decision
/// is logged rather than silent.
///
/// Sources: Vigil allowlist files (`<sha256>  <reason>` lines, as `vigil allow add`
/// writes them, or any hash-list format) and ClamAV `.fp`/`.sfp` files (`HASH:SIZE:NAME`),
/// loose or inside a `.cvd`/`.cld`. Parsed by HashList, so every format rule and error
/// message is the same as for deny lists.
///
/// Only files that have a finding are looked up: a clean file costs nothing more.
///
/// Owns: the allowlist entries and their lookup. Must not: read scanned files.
public final class Allowlist: Sendable {
    /// From the signature folders (`.fp`, `.sfp`, `.allow` files, containers).
    public let fromRules: [HashList]
    /// The local allowlist files (`vigil allow add`): re-read alone when they change.
    public let local: [HashList]

    public static let empty = Allowlist(fromRules: [], local: [])
    public static let fileExtensions: Set<String> = ["allow"]

    public init(fromRules: [HashList], local: [HashList]) {
        self.fromRules = fromRules.filter { $0.entryCount > 0 }
        self.local = local.filter { $0.entryCount > 0 }
    }

    public var isEmpty: Bool { fromRules.isEmpty && local.isEmpty }
    public var entryCount: Int { (fromRules + local).reduce(0) { $0 + $1.entryCount } }

    /// The digests worth computing to check a file of this size.
    public func neededDigests(forSize size: Int64) -> DigestKinds {
        (fromRules + local).reduce(into: DigestKinds()) { $0.formUnion($1.neededDigests(forSize: size)) }
    }

    /// The first entry that allows a file with these digests, if any.
    public func match(_ digests: Digests, size: Int64) -> HashList.Entry? {
        for list in local + fromRules { if let hit = list.lookup(digests, size: size).first { return hit } }
        return nil
    }

    /// The same rules-side entries with other local files.
    public func replacingLocal(_ lists: [HashList]) -> Allowlist { Allowlist(fromRules: fromRules, local: lists) }

    /// Local allowlist files; a file that does not exist yet is an empty list.
    public static func loadLocal(_ files: [String]) throws(HashListError) -> [HashList] {
        var out: [HashList] = []
        for file in files where access(file, F_OK) == 0 {
            out.append(try HashList.load(files: [file], verdict: .allow))
        }
        return out
    }

    /// One line of a Vigil allowlist file: sha256sum layout, the reason as the name.
    public static func line(sha256: String, reason: String) -> String {
        let clean = reason.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }
        return "\(sha256.lowercased())  \(String(clean).isEmpty ? "allowed" : String(clean))"
    }
}

/// What the allowlist did to one report: which entry allowed the file, and the findings
/// it set aside (for the log line).
public struct AllowlistHit: Sendable, Equatable {
    public let entry: String
    public let origin: String
    public let suppressed: [Finding]
}
