import Glibc

// Owns: the regular-expression tree a compiled YARA string is decoded into, and its
// rendering as a Hyperscan pattern (wide form, reversal, byte-exact escapes).
// Must not: read libyara memory (RegexDecoder does) or know about rules.

/// A set of byte values: one position of a pattern.
public struct ByteSet: Hashable, Sendable {
    var words: (UInt64, UInt64, UInt64, UInt64)

    public init() { words = (0, 0, 0, 0) }
    public init(_ bytes: some Sequence<UInt8>) {
        self.init()
        for b in bytes { insert(b) }
    }
    public static let all: ByteSet = { var s = ByteSet(); s.words = (.max, .max, .max, .max); return s }()
    public static func single(_ b: UInt8) -> ByteSet { ByteSet([b]) }

    public mutating func insert(_ b: UInt8) {
        let bit = UInt64(1) << UInt64(b & 63)
        switch b >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }
    public func contains(_ b: UInt8) -> Bool {
        let w = switch b >> 6 { case 0: words.0; case 1: words.1; case 2: words.2; default: words.3 }
        return (w >> UInt64(b & 63)) & 1 == 1
    }
    public var count: Int { words.0.nonzeroBitCount + words.1.nonzeroBitCount + words.2.nonzeroBitCount + words.3.nonzeroBitCount }
    public var inverted: ByteSet { var s = self; s.words = (~words.0, ~words.1, ~words.2, ~words.3); return s }
    public var members: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        for (k, w) in [words.0, words.1, words.2, words.3].enumerated() {
            var bits = w
            while bits != 0 {
                let b = bits.trailingZeroBitCount
                out.append(UInt8(k * 64 + b))
                bits &= bits - 1
            }
        }
        return out
    }

    public static func == (a: ByteSet, b: ByteSet) -> Bool {
        a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
    }
    public func hash(into h: inout Hasher) { h.combine(words.0); h.combine(words.1); h.combine(words.2); h.combine(words.3) }
}

/// A regular expression over bytes, as far as a prefilter needs one: what it can match,
/// not how (greediness and zero-width assertions are gone; dropping an assertion only
/// widens what matches).
public indirect enum RegexNode: Hashable, Sendable {
    case bytes(ByteSet)
    case empty
    case concat([RegexNode])
    case alt([RegexNode])
    /// `max` nil: unbounded.
    case rep(RegexNode, min: Int, max: Int?)

    /// Flattened concatenation that drops empties.
    public static func sequence(_ nodes: [RegexNode]) -> RegexNode {
        var flat: [RegexNode] = []
        for n in nodes {
            switch n {
            case .empty: continue
            case .concat(let inner): flat.append(contentsOf: inner)
            default: flat.append(n)
            }
        }
        return flat.isEmpty ? .empty : flat.count == 1 ? flat[0] : .concat(flat)
    }

    /// True when the empty string matches: such a pattern says nothing about the bytes.
    public var nullable: Bool {
        switch self {
        case .bytes: false
        case .empty: true
        case .concat(let n): n.allSatisfy(\.nullable)
        case .alt(let n): n.contains(where: \.nullable)
        case .rep(let n, let min, _): min == 0 || n.nullable
        }
    }

    /// The same language read backwards (libyara's backward code matches reversed input).
    public var reversed: RegexNode {
        switch self {
        case .bytes, .empty: self
        case .concat(let n): .concat(n.reversed().map(\.reversed))
        case .alt(let n): .alt(n.map(\.reversed))
        case .rep(let n, let min, let max): .rep(n.reversed, min: min, max: max)
        }
    }

    /// Largest repeat bound given to Hyperscan as written (see `widenedBounds`).
    public static let largestBound = 255

    /// The same node with every repeat bound above `largestBound` widened: a higher
    /// maximum becomes none, a higher minimum becomes `largestBound`; and whether any was.
    /// libyara writes `{2,}` as a repeat of up to RE_MAX_RANGE (32,767), and Hyperscan's
    /// compile time grows with a repeat's bounds: `/lo+ng[0-9]{2,}x/` held rule loading
    /// for minutes. The wider language is a superset, so the prefilter only sends more
    /// files to libyara.
    public func widenedBounds() -> (RegexNode, Bool) {
        switch self {
        case .bytes, .empty: return (self, false)
        case .concat(let n):
            let w = n.map { $0.widenedBounds() }
            return (.concat(w.map(\.0)), w.contains { $0.1 })
        case .alt(let n):
            let w = n.map { $0.widenedBounds() }
            return (.alt(w.map(\.0)), w.contains { $0.1 })
        case .rep(let n, let min, let max):
            let (inner, changed) = n.widenedBounds()
            let newMax = max.flatMap { $0 > Self.largestBound ? nil : $0 }
            let newMin = Swift.min(min, Self.largestBound)
            return (.rep(inner, min: newMin, max: newMax), changed || newMax != max || newMin != min)
        }
    }

    /// UTF-16LE-style form of YARA's `wide`: every consumed byte is followed by a zero.
    public var wide: RegexNode {
        switch self {
        case .bytes: .concat([self, .bytes(.single(0))])
        case .empty: self
        case .concat(let n): .sequence(n.map(\.wide))
        case .alt(let n): .alt(n.map(\.wide))
        case .rep(let n, let min, let max): .rep(n.wide, min: min, max: max)
        }
    }

    /// How many byte positions a match has at least.
    public var minWidth: Int {
        switch self {
        case .bytes: 1
        case .empty: 0
        case .concat(let n): n.reduce(0) { $0 + $1.minWidth }
        case .alt(let n): n.map(\.minWidth).min() ?? 0
        case .rep(let n, let min, _): n.minWidth * min
        }
    }

    /// Hyperscan (PCRE-subset) syntax, every byte escaped, so the text is ASCII without
    /// NUL and means the same under any flags but CASELESS.
    public var hyperscan: String {
        var out = ""
        render(into: &out)
        return out
    }

    private func render(into out: inout String) {
        switch self {
        case .bytes(let set): out += Self.renderSet(set)
        case .empty: out += "(?:)"
        case .concat(let n): for x in n { x.render(into: &out) }
        case .alt(let n):
            out += "(?:"
            for (i, x) in n.enumerated() {
                if i > 0 { out += "|" }
                x.render(into: &out)
            }
            out += ")"
        case .rep(let n, let min, let max):
            out += "(?:"
            n.render(into: &out)
            out += ")"
            switch (min, max) {
            case (0, nil): out += "*"
            case (1, nil): out += "+"
            case (0, 1): out += "?"
            case (let a, nil): out += "{\(a),}"
            case (let a, let b?) where a == b: out += "{\(a)}"
            case (let a, let b?): out += "{\(a),\(b)}"
            }
        }
    }

    static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return "\\x" + String(digits[Int(b >> 4)]) + String(digits[Int(b & 15)])
    }

    static func renderSet(_ set: ByteSet) -> String {
        let members = set.members
        if members.count == 1 { return hex(members[0]) }
        if members.count == 256 { return "[\\x00-\\xff]" }
        // Ranges of consecutive bytes; a negated class when that is shorter.
        func ranges(_ m: [UInt8]) -> String {
            var s = ""
            var i = 0
            while i < m.count {
                var j = i
                while j + 1 < m.count && m[j + 1] == m[j] &+ 1 && m[j + 1] != 0 { j += 1 }
                s += hex(m[i])
                if j > i { s += (j == i + 1 ? "" : "-") + hex(m[j]) }
                i = j + 1
            }
            return s
        }
        let inverse = set.inverted.members
        return inverse.count < members.count ? "[^" + ranges(inverse) + "]" : "[" + ranges(members) + "]"
    }
}

// MARK: windows of long patterns

extension RegexNode {
    /// Information in a match, in bits: 8 for one known byte, 0 for any byte; a lower
    /// bound for repeats and alternatives.
    var bits: Double {
        switch self {
        case .bytes(let s): 8 - log2(Double(Swift.max(s.count, 1)))
        case .empty: 0
        case .concat(let n): n.reduce(0) { $0 + $1.bits }
        case .alt(let n): n.map(\.bits).min() ?? 0
        case .rep(let n, let min, _): Double(min) * n.bits
        }
    }

    /// Most bytes a match can span; nil when unbounded.
    var maxWidth: Int? {
        switch self {
        case .bytes: return 1
        case .empty: return 0
        case .concat(let n):
            var total = 0
            for x in n { guard let w = x.maxWidth else { return nil }; total += w }
            return total
        case .alt(let n):
            var m = 0
            for x in n { guard let w = x.maxWidth else { return nil }; m = Swift.max(m, w) }
            return m
        case .rep(let n, _, let max):
            guard let max, let w = n.maxWidth else { return nil }
            return w * max
        }
    }

    /// Byte positions that say (almost) nothing: any byte, or a class of half the bytes.
    var wildPositions: Int {
        switch self {
        case .bytes(let s): s.count >= 128 ? 1 : 0
        case .empty: 0
        case .concat(let n), .alt(let n): n.reduce(0) { $0 + $1.wildPositions }
        case .rep(let n, _, let max): n.wildPositions * Swift.min(max ?? 1, 64)
        }
    }

    /// A long pattern full of wildcards (a byte-code signature of hundreds of bytes with
    /// `??` and jumps) costs Hyperscan seconds to compile and megabytes of database, and
    /// a prefilter gains nothing from all of it: every match contains each contiguous
    /// piece of the top-level sequence. Such a pattern is replaced by its most
    /// informative piece of at most `width` bytes. Returns the node and whether it was cut.
    public func window(width: Int = 48, longerThan: Int = 96, wildcards: Int = 8) -> (RegexNode, Bool) {
        guard case .concat(let items) = self else { return (self, false) }
        let total = maxWidth
        guard (total == nil || total! > longerThan), wildPositions > wildcards else { return (self, false) }
        let widths = items.map(\.maxWidth)
        let info = items.map(\.bits)
        var best: (bits: Double, start: Int, end: Int) = (-1, 0, 0)
        for i in items.indices {
            var span = 0
            var sum = 0.0
            var j = i
            while j < items.count, let w = widths[j], span + w <= width {
                span += w
                sum += info[j]
                j += 1
                if sum > best.bits + 1e-9 { best = (sum, i, j) }
            }
        }
        guard best.bits > 0 else { return (self, false) }
        // Drop pieces at either end that carry nothing.
        var s = best.start, e = best.end
        while s < e && info[s] == 0 { s += 1 }
        while e > s && info[e - 1] == 0 { e -= 1 }
        return (.sequence(Array(items[s..<e])), true)
    }
}
