import CPrefilter
@testable import VigilPrefilter

/// Files that a rule set's rules should match: for each rule, its strings written out
/// (one concrete match per string, decoded from the compiled rules the way the
/// prefilter decodes them) behind a PE and an ELF header. A public rule set's
/// detections then take part in the parity test even though this machine holds no
/// malware. A witness libyara does not match (a dropped word boundary, a condition on
/// module fields) is simply a file without matches.
enum Witness {
    static func bytes(_ node: RegexNode) -> [UInt8] {
        switch node {
        case .bytes(let s):
            // A printable member where there is one: text regexes often exclude controls.
            let m = s.members
            return [m.first { $0 >= 0x41 && $0 <= 0x7A } ?? m.first { $0 >= 0x20 && $0 < 0x7F } ?? m.first ?? 0]
        case .empty: return []
        case .concat(let n): return n.flatMap(bytes)
        case .alt(let n): return n.first.map(bytes) ?? []
        case .rep(let n, let min, _): return (0..<min).flatMap { _ in bytes(n) }
        }
    }

    /// One match of each string part, by YR_STRING index (nil when none can be made).
    static func parts(_ rules: CompiledRules) -> [[UInt8]?] {
        let count = Int(vpf_rules_string_count(rules.handle))
        let total = vpf_ac_entries(rules.handle, nil, 0)
        var entries = [vpf_ac_entry](repeating: vpf_ac_entry(), count: Int(max(total, 0)))
        _ = entries.withUnsafeMutableBufferPointer { vpf_ac_entries(rules.handle, $0.baseAddress, $0.count) }
        var first = [Int: vpf_ac_entry]()
        for e in entries where first[Int(e.string_index)] == nil { first[Int(e.string_index)] = e }
        var size = 0
        let base = vpf_re_code(rules.handle, &size)
        let code = UnsafeRawBufferPointer(start: base, count: size)
        return (0..<count).map { i -> [UInt8]? in
            var info = vpf_string_info()
            vpf_string_info_get(rules.handle, UInt32(i), &info)
            let f = info.flags
            let isWideOnly = f & UInt32(STRING_FLAGS_WIDE) != 0 && f & UInt32(STRING_FLAGS_ASCII) == 0
                && f & UInt32(STRING_FLAGS_XOR | STRING_FLAGS_BASE64 | STRING_FLAGS_BASE64_WIDE) == 0
            var node: RegexNode
            if let literal = info.literal {
                node = .sequence(UnsafeBufferPointer(start: literal, count: Int(info.length)).map { .bytes(.single($0)) })
            } else {
                guard let e = first[i], e.forward_code >= 0 else { return nil }
                let d = RegexDecoder(code: code, dotAll: f & UInt32(STRING_FLAGS_DOT_ALL) != 0)
                node = d.decode(at: Int(e.forward_code)).node
                if e.backward_code >= 0 { node = .sequence([d.decode(at: Int(e.backward_code)).node.reversed, node]) }
            }
            if f & UInt32(STRING_FLAGS_BASE64 | STRING_FLAGS_BASE64_WIDE | STRING_FLAGS_XOR) != 0 && info.literal != nil {
                return nil   // base64 and xor witnesses come from the string-kind table instead
            }
            return bytes(isWideOnly ? node.wide : node)
        }
    }

    /// Witness files for the first `limit` rules that have strings.
    static func files(_ rules: CompiledRules, limit: Int) -> [[UInt8]] {
        let witnesses = parts(rules)
        var byRule = [Int: [Int]]()
        for i in witnesses.indices {
            var info = vpf_string_info()
            vpf_string_info_get(rules.handle, UInt32(i), &info)
            byRule[Int(info.rule_index), default: []].append(i)
        }
        var out: [[UInt8]] = []
        for rule in byRule.keys.sorted().prefix(limit) {
            var body: [UInt8] = []
            for i in byRule[rule]! {
                var info = vpf_string_info()
                vpf_string_info_get(rules.handle, UInt32(i), &info)
                guard let w = witnesses[i] else { continue }
                // A chained part follows the previous one after the shortest gap it allows.
                if info.chained_to >= 0 { body += [UInt8](repeating: 0xCC, count: Int(info.chain_gap_min)) }
                else { body += [UInt8](repeating: 0xCC, count: 8) }
                body += w
            }
            let pe: [UInt8] = [0x4D, 0x5A] + [UInt8](repeating: 0, count: 62)
            let elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1] + [UInt8](repeating: 0, count: 57)
            out.append(pe + body)
            out.append(elf + body)
        }
        return out
    }
}
