import CYara
import Glibc

/// One libyara scanner over a shared `RuleSet`. Not thread-safe: one per worker thread.
final class YaraScanner {
    let rules: RuleSet
    private let scanner: UnsafeMutablePointer<YR_SCANNER>
    private let matches: UnsafeMutablePointer<vigil_yr_matches>

    struct Match {
        let identifier: String
        let namespace: String
        let verdict: Verdict
        let description: String?
    }

    init(rules: RuleSet, timeoutSeconds: Int) throws(VigilError) {
        self.rules = rules
        var s: UnsafeMutablePointer<YR_SCANNER>?
        guard yr_scanner_create(rules.handle, &s) == ERROR_SUCCESS, let s else {
            throw VigilError("libyara could not create a scanner")
        }
        scanner = s
        matches = .allocate(capacity: 1)
        vigil_yr_scanner_collect(scanner, matches)
        yr_scanner_set_timeout(scanner, Int32(clamping: timeoutSeconds))
    }

    deinit {
        yr_scanner_destroy(scanner)
        matches.deallocate()
    }

    func define(_ name: String, _ value: String) {
        // Rule sets that do not declare an external return an error here; that is fine.
        _ = yr_scanner_define_string_variable(scanner, name, value)
    }

    func scan(_ buffer: UnsafeRawBufferPointer) throws(VigilError) -> [Match] {
        matches.pointee.count = 0
        let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self)
        let rc = yr_scanner_scan_mem(scanner, base, buffer.count)
        return try collect(rc)
    }

    /// For files too big to hold in memory: libyara maps the file and guards the
    /// mapping against SIGBUS if it is truncated under us.
    func scan(fd: Int32) throws(VigilError) -> [Match] {
        matches.pointee.count = 0
        let rc = yr_scanner_scan_fd(scanner, fd)
        return try collect(rc)
    }

    private func collect(_ rc: Int32) throws(VigilError) -> [Match] {
        switch rc {
        case ERROR_SUCCESS: break
        case ERROR_SCAN_TIMEOUT: throw VigilError("YARA scan timed out")
        case ERROR_COULD_NOT_MAP_FILE: throw VigilError("YARA could not map the file (truncated while scanned?)")
        case ERROR_TOO_MANY_MATCHES: break // rules still reported; counts capped
        default: throw VigilError("YARA scan failed (libyara error \(rc))")
        }
        let count = Int(matches.pointee.count)
        guard count > 0 else { return [] }
        return withUnsafeBytes(of: &matches.pointee.rules) { raw in
            let list = raw.bindMemory(to: UnsafePointer<YR_RULE>?.self)
            return (0..<count).compactMap { i in
                guard let rule = list[i] else { return nil }
                let id = String(cString: vigil_yr_rule_identifier(rule))
                let ns = String(cString: vigil_yr_rule_namespace(rule))
                let action = vigil_yr_rule_meta_string(rule, "vigil_action").map { String(cString: $0) }
                let verdict = action.flatMap(Verdict.init(name:)) ?? .deny
                let desc = vigil_yr_rule_meta_string(rule, "description").map { String(cString: $0) }
                return Match(identifier: id, namespace: ns, verdict: verdict, description: desc)
            }
        }
    }
}
