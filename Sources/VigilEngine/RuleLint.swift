import Glibc
import VigilSystem

/// Finds regex strings in YARA rule source that are likely to make libyara give up at
/// scan time with error 46 (ERROR_TOO_MANY_RE_FIBERS): the rule then judges nothing on
/// that file (Vigil reports it and judges the file by the other rules; yara reports an
/// error and drops the whole file).
///
/// A heuristic over the source text, calibrated on libyara 4.2.3 (Debian 12):
/// - What explodes is *stacked bounded gaps*: a repeat `{n,m}` with a wide span (m-n of
///   16 or more) followed, with only optional items between (`\n?`, `\s*`, `(...)?`),
///   by another one. libyara keeps one matching state per way of splitting the text
///   between the gaps, and each state forks again at an alternation after them; past
///   1024 states it stops. The estimate is (sum of the stacked spans minus the smaller
///   end span) x (1 + branches of the alternation that follows), flagged at 768 or more.
///   Measured: `[^\n]{0,300}\n?[^\n]{0,300}(os\.dup2|subprocess\.call)` fails on 280
///   bytes of "socket.socket(" (estimate 900); the same with spans of 200 passes (600).
/// - Unbounded gaps (`*`, `+`, `{n,}`) are not counted: libyara merges their states
///   (measured: three stacked `[^\n]*` before an 8-way alternation never failed).
/// Limits: only regex *strings* (`$x = /.../`) are checked, not `matches` in conditions;
/// text and hex strings never explode this way; the estimate can flag a regex that
/// survives ordinary input (dot gaps `.{0,500}.{0,500}` are cheaper than class gaps),
/// and cannot prove a regex safe: a crafted file may still find a worse path.
///
/// Owns: reading rule source and judging regex text. Must not: compile rules.
public enum RuleLint {
    public struct Warning: Sendable, Equatable, CustomStringConvertible {
        public let file: String
        public let line: Int
        public let rule: String
        public let string: String
        public let estimate: Int
        public let reason: String

        public var description: String {
            "\(file):\(line): rule \(rule), string \(string): \(reason) (estimated \(estimate) regex states; "
                + "libyara gives up at 1024 with error 46, losing the rule on that file)"
        }
    }

    /// The estimate at which a regex is flagged.
    static let threshold = 768
    /// A repeat narrower than this is not a gap.
    static let wideSpan = 16

    public static func check(files: [String]) -> [Warning] {
        files.flatMap { file -> [Warning] in
            guard let text = try? readTextFile(file) else { return [] }
            return check(source: text, file: file)
        }
    }

    /// The 1-based line where `rule NAME` is declared in `file` (0: not found, or a
    /// compiled file). Word-wise, so `rule NAMEX` and a comment's `rules` do not count.
    public static func line(ofRule name: String, in file: String) -> Int {
        guard !RuleSet.isCompiledRulesFile(file), let text = try? readTextFile(file) else { return 0 }
        return line(ofRule: name, source: text)
    }

    static func line(ofRule name: String, source: String) -> Int {
        for (i, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let words = line.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") })
            if let r = words.firstIndex(of: "rule"), r + 1 < words.count, words[r + 1] == name { return i + 1 }
        }
        return 0
    }

    /// Every regex string of every rule in `source`, with its line.
    public static func check(source: String, file: String) -> [Warning] {
        regexStrings(in: Array(source.utf8)).compactMap { found in
            guard let risk = risk(ofRegex: found.regex) else { return nil }
            return Warning(file: file, line: found.line, rule: found.rule, string: found.identifier,
                           estimate: risk.estimate, reason: risk.reason)
        }
    }

    struct FoundRegex: Equatable {
        let rule: String
        let identifier: String
        let line: Int
        let regex: String
    }

    /// `$id = /regex/` definitions, skipping comments and text strings.
    static func regexStrings(in s: [UInt8]) -> [FoundRegex] {
        var out: [FoundRegex] = []
        var i = 0, line = 1
        var rule = ""
        func isIdent(_ c: UInt8) -> Bool { c == 95 || (c >= 48 && c <= 57) || (c | 0x20 >= 97 && c | 0x20 <= 122) }
        func skipSpace(_ j: inout Int) {
            while j < s.count, s[j] == 32 || s[j] == 9 || s[j] == 10 || s[j] == 13 {
                if s[j] == 10 { line += 1 }
                j += 1
            }
        }
        while i < s.count {
            let c = s[i]
            if c == 10 { line += 1; i += 1; continue }
            if c == 47, i + 1 < s.count, s[i + 1] == 47 {            // // comment
                while i < s.count, s[i] != 10 { i += 1 }
                continue
            }
            if c == 47, i + 1 < s.count, s[i + 1] == 42 {            // /* comment */
                i += 2
                while i + 1 < s.count, !(s[i] == 42 && s[i + 1] == 47) { if s[i] == 10 { line += 1 }; i += 1 }
                i += 2
                continue
            }
            if c == 34 {                                               // "text"
                i += 1
                while i < s.count, s[i] != 34, s[i] != 10 { i += s[i] == 92 ? 2 : 1 }
                i += 1
                continue
            }
            if c == 47 {                                               // a regex outside a string definition
                i = skipRegex(s, from: i).end
                continue
            }
            if isIdent(c), i == 0 || !isIdent(s[i - 1]) {
                var j = i
                while j < s.count, isIdent(s[j]) { j += 1 }
                let word = String(decoding: s[i..<j], as: UTF8.self)
                i = j
                if word == "rule" {
                    var k = j
                    skipSpace(&k)
                    var e = k
                    while e < s.count, isIdent(s[e]) { e += 1 }
                    if e > k { rule = String(decoding: s[k..<e], as: UTF8.self); i = e }
                }
                continue
            }
            if c == 36 {                                               // $identifier = /regex/
                var j = i + 1
                while j < s.count, isIdent(s[j]) { j += 1 }
                let identifier = String(decoding: s[i..<j], as: UTF8.self)
                let defLine = line
                var k = j
                skipSpace(&k)
                guard k < s.count, s[k] == 61, k + 1 < s.count, s[k + 1] != 61 else { i = j; continue }
                k += 1
                skipSpace(&k)
                if k < s.count, s[k] == 47 {
                    let (body, end) = skipRegex(s, from: k)
                    out.append(FoundRegex(rule: rule, identifier: identifier, line: defLine, regex: body))
                    i = end
                } else {
                    i = k
                }
                continue
            }
            i += 1
        }
        return out
    }

    /// The body of the regex literal starting at the `/` at `start`, and where it ends.
    private static func skipRegex(_ s: [UInt8], from start: Int) -> (body: String, end: Int) {
        var j = start + 1
        while j < s.count, s[j] != 47, s[j] != 10 { j += s[j] == 92 ? 2 : 1 }
        let body = String(decoding: s[(start + 1)..<min(j, s.count)], as: UTF8.self)
        return (body, min(j + 1, s.count))
    }

    // MARK: the regex model

    struct Risk: Equatable {
        let estimate: Int
        let reason: String
    }

    /// One item of a regex: an atom or a group, with its repeat bounds.
    struct Piece {
        enum Kind {
            /// A single-character atom; `broad` when it matches almost anything (`.`,
            /// a negated class, \S \W \D), so it does not thin out matching states.
            case atom(broad: Bool)
            case group(branches: [[Piece]])
        }
        var kind: Kind
        var min = 1
        var max: Int? = 1
        var span: Int? { max.map { $0 - min } }
    }

    /// The worst stacked-gap estimate in `regex`, or nil when it stays under the threshold.
    static func risk(ofRegex regex: String) -> Risk? {
        var p = Parser(Array(regex.utf8))
        let branches = p.branches()
        var worst: Risk?
        analyze(branches, into: &worst)
        guard let worst, worst.estimate >= threshold else { return nil }
        return worst
    }

    private static func analyze(_ branches: [[Piece]], into worst: inout Risk?) {
        for branch in branches { analyze(sequence: branch, into: &worst) }
    }

    private static func analyze(sequence: [Piece], into worst: inout Risk?) {
        var stack: [Int] = []
        func settle(_ next: Piece?) {
            defer { stack = [] }
            guard stack.count >= 2 else { return }
            var branches = 1
            if case .group(let b)? = next?.kind { branches = b.count }
            let estimate = (stack.reduce(0, +) - min(stack.first!, stack.last!)) * (1 + branches)
            let gaps = stack.map { "{\($0)}" }.joined(separator: " ")
            let what = "\(stack.count) stacked bounded gaps (spans \(gaps))"
                + (branches > 1 ? " before a \(branches)-way alternation" : "")
            if estimate > (worst?.estimate ?? -1) { worst = Risk(estimate: estimate, reason: what) }
        }
        for piece in sequence {
            if case .group(let inner) = piece.kind { analyze(inner, into: &worst) }
            if let span = piece.span, span >= wideSpan {
                stack.append(span)
                continue
            }
            if piece.min == 0 { continue }                  // optional: states pass through it
            if case .atom(broad: true) = piece.kind { continue } // matches anything: thins nothing
            settle(piece)
        }
        settle(nil)
    }

    /// A small recursive-descent reader of YARA's regex syntax, enough to see atoms,
    /// groups, alternations and repeats.
    struct Parser {
        let s: [UInt8]
        var i = 0
        init(_ s: [UInt8]) { self.s = s }

        mutating func branches() -> [[Piece]] {
            var all: [[Piece]] = [[]]
            while i < s.count {
                let c = s[i]
                if c == 41 { break }                          // ) ends the group we are in
                if c == 124 { i += 1; all.append([]); continue } // |
                var piece: Piece
                switch c {
                case 40:                                      // (
                    i += 1
                    let inner = branches()
                    if i < s.count, s[i] == 41 { i += 1 }
                    piece = Piece(kind: .group(branches: inner))
                case 91:                                      // [class]
                    let negated = i + 1 < s.count && s[i + 1] == 94
                    i += negated ? 2 : 1
                    if i < s.count, s[i] == 93 { i += 1 }     // ] first is a literal
                    while i < s.count, s[i] != 93 { i += s[i] == 92 ? 2 : 1 }
                    i += 1
                    piece = Piece(kind: .atom(broad: negated))
                case 92:                                      // \escape
                    let e = i + 1 < s.count ? s[i + 1] : 0
                    i += 2
                    if e == 120 { i += 2 }                    // \xHH
                    piece = Piece(kind: .atom(broad: e == 83 || e == 87 || e == 68)) // \S \W \D
                case 46:                                      // .
                    i += 1
                    piece = Piece(kind: .atom(broad: true))
                case 94, 36:                                  // ^ $ anchors: match no character
                    i += 1
                    continue
                default:
                    i += 1
                    piece = Piece(kind: .atom(broad: false))
                }
                quantifier(&piece)
                all[all.count - 1].append(piece)
            }
            return all
        }

        private mutating func quantifier(_ piece: inout Piece) {
            guard i < s.count else { return }
            switch s[i] {
            case 42: piece.min = 0; piece.max = nil; i += 1        // *
            case 43: piece.min = 1; piece.max = nil; i += 1        // +
            case 63: piece.min = 0; piece.max = 1; i += 1          // ?
            case 123:                                               // {n}, {n,}, {,m}, {n,m}
                var j = i + 1
                var low = 0, high: Int?, sawComma = false, digits = 0
                var current = 0
                while j < s.count, s[j] != 125 {
                    if s[j] == 44 { low = digits > 0 ? current : 0; sawComma = true; current = 0; digits = 0 }
                    else if s[j] >= 48 && s[j] <= 57 { current = current * 10 + Int(s[j] - 48); digits += 1 }
                    else { return }                                 // not a repeat: a literal {
                    j += 1
                }
                guard j < s.count else { return }
                if sawComma { high = digits > 0 ? current : nil } else { low = current; high = current }
                piece.min = low
                piece.max = high
                i = j + 1
            default: return
            }
            if i < s.count, s[i] == 63 { i += 1 }                   // non-greedy: same states
        }
    }
}
