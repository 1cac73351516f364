import CPrefilter
import CYara

// Owns: the list of Hyperscan patterns for every string part of a compiled rule set,
// each a superset (exact where possible) of what libyara can match for that part.
// Must not: compile Hyperscan databases (Hyperscan.swift) or decide per file.

/// How closely a part's patterns follow what libyara matches.
public enum PartPrecision: String, Sendable, CaseIterable {
    /// The patterns match exactly where libyara can (before libyara's own limits, such as
    /// its 4 KiB regex window, which only ever make libyara find less).
    case exact
    /// The patterns match more: `fullword`, anchors and word boundaries are dropped, or
    /// the regex was only partly decoded (the part every match contains).
    case superset
    /// No pattern: the part is treated as hit in every file (its rules always run).
    case alwaysHit
}

/// One Hyperscan pattern for one string part.
public struct StringPattern: Sendable, Hashable {
    public var expression: String
    public var caseless: Bool
    /// The YR_STRING index (a chained string has one per part).
    public var part: UInt32
    /// Set for a literal that libyara looks for only at one offset (`$a at 0`): the match
    /// end Hyperscan reports must equal it.
    public var matchEnd: UInt64?
}

/// Everything known about the strings of a rule set.
public struct StringPlan: Sendable {
    public var patterns: [StringPattern] = []
    /// YR_STRING index -> the first part of its chain (itself for unchained strings).
    public var head: [UInt32] = []
    public var rule: [UInt32] = []
    public var precision: [PartPrecision] = []
    public var identifier: [String] = []
    public var kind: [String] = []
}

enum StringKind {
    static func describe(_ flags: UInt32) -> String {
        var k = flags & UInt32(STRING_FLAGS_HEXADECIMAL) != 0 ? "hex"
            : flags & UInt32(STRING_FLAGS_REGEXP) != 0 ? "regex"
            : flags & UInt32(STRING_FLAGS_BASE64 | STRING_FLAGS_BASE64_WIDE) != 0 ? "base64" : "text"
        if flags & UInt32(STRING_FLAGS_LITERAL) != 0 && k != "text" { k += "(literal)" }
        return k
    }
}

struct StringPatternBuilder {
    let rules: UnsafeMutablePointer<YR_RULES>

    func build() throws(PrefilterError) -> StringPlan {
        let count = Int(vpf_rules_string_count(rules))
        var plan = StringPlan()
        plan.head = Array(repeating: 0, count: count)
        plan.rule = Array(repeating: 0, count: count)
        plan.precision = Array(repeating: .exact, count: count)
        plan.identifier = Array(repeating: "", count: count)
        plan.kind = Array(repeating: "", count: count)

        // The atoms libyara looks for, and for non-literal strings the code around them.
        let total = vpf_ac_entries(rules, nil, 0)
        guard total >= 0 else { throw PrefilterError("the rules' Aho-Corasick automaton has an unknown shape") }
        var entries = [vpf_ac_entry](repeating: vpf_ac_entry(), count: Int(total))
        let filled = entries.withUnsafeMutableBufferPointer { vpf_ac_entries(rules, $0.baseAddress, $0.count) }
        guard filled == total else { throw PrefilterError("the rules' Aho-Corasick automaton changed while read") }
        var entriesOf = [[Int]](repeating: [], count: count)
        for (i, e) in entries.enumerated() where Int(e.string_index) < count { entriesOf[Int(e.string_index)].append(i) }

        var reSize = 0
        let reBase = vpf_re_code(rules, &reSize)
        let reCode = UnsafeRawBufferPointer(start: reBase, count: reBase == nil ? 0 : reSize)

        var seen = Set<StringPattern>()
        for index in 0..<count {
            var info = vpf_string_info()
            vpf_string_info_get(rules, UInt32(index), &info)
            var h = index
            var hops = 0
            while true {
                var i = vpf_string_info()
                vpf_string_info_get(rules, UInt32(h), &i)
                guard i.chained_to >= 0, hops < count else { break }
                h = Int(i.chained_to)
                hops += 1
            }
            plan.head[index] = UInt32(h)
            plan.rule[index] = info.rule_index
            plan.identifier[index] = info.identifier.map { String(cString: $0) } ?? "$"
            plan.kind[index] = StringKind.describe(info.flags)
            let atoms = entriesOf[index].map { entries[$0] }
            let (found, precision) = info.literal != nil
                ? literalPatterns(info, atoms: atoms, part: UInt32(index))
                : codePatterns(info, atoms: atoms, part: UInt32(index), code: reCode)
            plan.precision[index] = precision
            if precision != .alwaysHit {
                for p in found where seen.insert(p).inserted { plan.patterns.append(p) }
            }
        }
        return plan
    }

    /// Literal strings: the bytes survive compilation; the modifiers decide the forms.
    func literalPatterns(_ info: vpf_string_info, atoms: [vpf_ac_entry], part: UInt32) -> ([StringPattern], PartPrecision) {
        let flags = info.flags
        func has(_ f: Int32) -> Bool { flags & UInt32(f) != 0 }
        let text = Array(UnsafeBufferPointer(start: info.literal, count: Int(info.length)))
        var precision: PartPrecision = has(STRING_FLAGS_FULL_WORD) ? .superset : .exact
        let fixedStart: UInt64? = info.fixed_offset >= 0 ? UInt64(info.fixed_offset) : nil
        func pattern(_ bytes: [UInt8], caseless: Bool) -> StringPattern {
            StringPattern(expression: RegexNode.sequence(bytes.map { .bytes(.single($0)) }).hyperscan, caseless: caseless,
                          part: part, matchEnd: fixedStart.map { $0 + UInt64(bytes.count) })
        }
        guard !text.isEmpty else { return ([], .alwaysHit) }

        if has(STRING_FLAGS_FITS_IN_ATOM) {
            // libyara reports an atom hit as the match without comparing anything more:
            // the atoms are the patterns.
            let found = Set(atoms.map { e in withUnsafeBytes(of: e.atom) { Array($0.prefix(Int(e.atom_length))) } })
            if found.contains([]) || found.isEmpty { return ([], .alwaysHit) }
            return (found.sorted { $0.lexicographicallyPrecedes($1) }.map { pattern($0, caseless: false) }, precision)
        }
        let wide: [UInt8] = text.flatMap { b -> [UInt8] in [b, 0] }
        if has(STRING_FLAGS_NO_CASE) {
            var out: [StringPattern] = []
            if has(STRING_FLAGS_ASCII) { out.append(pattern(text, caseless: true)) }
            if has(STRING_FLAGS_WIDE) { out.append(pattern(wide, caseless: true)) }
            return out.isEmpty ? ([], .alwaysHit) : (out, precision)
        }
        // Plain and xor forms: libyara compares them only where one of the string's atoms
        // was found, so a key is possible only if some atom agrees with it.
        var out: [StringPattern] = []
        let forms: [([UInt8], Bool)] = [(text, has(STRING_FLAGS_ASCII)), (wide, has(STRING_FLAGS_WIDE))]
        for (form, checked) in forms {
            let xor = has(STRING_FLAGS_XOR) && (form.count == text.count || has(STRING_FLAGS_WIDE))
            var keys: [UInt8] = []
            if checked { keys.append(0) }
            if xor { keys = Array(0...255) }
            for k in keys where atoms.contains(where: { Self.atom($0, agreesWith: form, key: k) }) {
                out.append(pattern(form.map { $0 ^ k }, caseless: false))
            }
        }
        if out.isEmpty { precision = .alwaysHit }
        return (out, precision)
    }

    /// Whether the atom of `entry` can be where libyara found it when the data at the
    /// string's start is `form` xor `key`.
    static func atom(_ entry: vpf_ac_entry, agreesWith form: [UInt8], key: UInt8) -> Bool {
        let length = Int(entry.atom_length)
        let start = Int(entry.backtrack) - length
        guard start >= 0 else { return true }
        let bytes = withUnsafeBytes(of: entry.atom) { Array($0) }
        for j in 0..<length where start + j < form.count {
            if bytes[j] != form[start + j] ^ key { return false }
        }
        return true
    }

    /// Hex strings, regexes and base64 strings: only their compiled code is left. Each
    /// atom carries the code that matches forwards from it and backwards before it; a
    /// match must pass through one atom, so the union over atoms is the string.
    func codePatterns(_ info: vpf_string_info, atoms: [vpf_ac_entry], part: UInt32,
                      code: UnsafeRawBufferPointer) -> ([StringPattern], PartPrecision) {
        let flags = info.flags
        func has(_ f: Int32) -> Bool { flags & UInt32(f) != 0 }
        let decoder = RegexDecoder(code: code, dotAll: has(STRING_FLAGS_DOT_ALL))
        let base64 = has(STRING_FLAGS_BASE64) || has(STRING_FLAGS_BASE64_WIDE)
        var precision: PartPrecision = has(STRING_FLAGS_FULL_WORD) ? .superset : .exact
        var nodes = Set<RegexNode>()
        var codes = Set<[Int64]>()
        for a in atoms where codes.insert([a.forward_code, a.backward_code]).inserted {
            guard a.forward_code >= 0 else { return ([], .alwaysHit) }
            let forward = decoder.decode(at: Int(a.forward_code))
            var node = forward.node
            var exact = forward.exact
            if a.backward_code >= 0 {
                let backward = decoder.decode(at: Int(a.backward_code))
                node = .sequence([backward.node.reversed, forward.node])
                exact = exact && backward.exact
            }
            if !exact { precision = .superset }
            let (cut, wasCut) = node.window()
            if wasCut { precision = .superset; node = cut }
            let (widened, wasWidened) = node.widenedBounds()
            if wasWidened { precision = .superset; node = widened }
            nodes.insert(node)
        }
        guard !nodes.isEmpty else { return ([], .alwaysHit) }
        var out: [StringPattern] = []
        for node in nodes.map({ ($0.hyperscan, $0) }).sorted(by: { $0.0 < $1.0 }).map(\.1) {
            var forms: [RegexNode] = []
            if has(STRING_FLAGS_ASCII) || base64 { forms.append(node) }
            if has(STRING_FLAGS_WIDE) && !base64 { forms.append(node.wide) }
            for f in forms {
                if f.nullable { return ([], .alwaysHit) }
                out.append(StringPattern(expression: f.hyperscan, caseless: has(STRING_FLAGS_NO_CASE), part: part, matchEnd: nil))
            }
        }
        return out.isEmpty ? ([], .alwaysHit) : (out, precision)
    }
}
