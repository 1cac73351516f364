// Owns: turning libyara 4.2's regular-expression code (what is left of a hex string, a
// regex or a base64 string after compilation) back into a RegexNode.
// Must not: read outside the code bytes it is given, or ever return a pattern that
// matches less than the code does: where it cannot follow the code it stops, and what
// it has so far is a part every match must contain.

/// libyara 4.2's RE opcodes (libyara/include/yara/re.h) and argument layouts (the
/// private RE_REPEAT_ARGS / RE_REPEAT_ANY_ARGS / RE_SPLIT_ID_TYPE of libyara/re.c).
enum REOpcode {
    static let any: UInt8 = 0xA0
    static let literal: UInt8 = 0xA2
    static let maskedLiteral: UInt8 = 0xA4
    static let `class`: UInt8 = 0xA5
    static let wordChar: UInt8 = 0xA7
    static let nonWordChar: UInt8 = 0xA8
    static let space: UInt8 = 0xA9
    static let nonSpace: UInt8 = 0xAA
    static let digit: UInt8 = 0xAB
    static let nonDigit: UInt8 = 0xAC
    static let match: UInt8 = 0xAD
    static let matchAtEnd: UInt8 = 0xB0
    static let matchAtStart: UInt8 = 0xB1
    static let wordBoundary: UInt8 = 0xB2
    static let nonWordBoundary: UInt8 = 0xB3
    static let repeatAnyGreedy: UInt8 = 0xB4
    static let repeatAnyUngreedy: UInt8 = 0xB5
    static let splitA: UInt8 = 0xC0
    static let splitB: UInt8 = 0xC1
    static let jump: UInt8 = 0xC2
    static let repeatStartGreedy: UInt8 = 0xC3
    static let repeatEndGreedy: UInt8 = 0xC4
    static let repeatStartUngreedy: UInt8 = 0xC5
    static let repeatEndUngreedy: UInt8 = 0xC6

    static let splitSize = 4        // opcode, split id (uint8), int16 offset
    static let jumpSize = 3         // opcode, int16 offset
    static let repeatSize = 9       // opcode, uint16 min, uint16 max, int32 offset
    static let repeatAnySize = 5    // opcode, uint16 min, uint16 max
    static let classSize = 34       // opcode, uint8 negated, 32-byte bitmap
}

/// The byte classes of libyara's regex engine (libyara/re.c, C locale).
enum REClasses {
    static let word = ByteSet(Array(UInt8(ascii: "0")...UInt8(ascii: "9")) + Array(UInt8(ascii: "A")...UInt8(ascii: "Z"))
                              + Array(UInt8(ascii: "a")...UInt8(ascii: "z")) + [UInt8(ascii: "_")])
    static let space = ByteSet([0x20, 0x09, 0x0D, 0x0A, 0x0B, 0x0C])
    static let digit = ByteSet(UInt8(ascii: "0")...UInt8(ascii: "9"))
    static let anyButNewline = ByteSet((0...255).map(UInt8.init).filter { $0 != 0x0A })
}

public struct RegexDecoder {
    /// The whole RE code section.
    let code: UnsafeRawBufferPointer
    /// `.` and jumps match a newline (hex strings always; regexes with /s).
    let dotAll: Bool

    public init(code: UnsafeRawBufferPointer, dotAll: Bool) {
        self.code = code
        self.dotAll = dotAll
    }

    /// What the code starting at `offset` matches, up to its MATCH instruction.
    /// `exact` is false when the decoder stopped early (the node is then a part that
    /// every match of the code contains, so still safe for a prefilter) or dropped an
    /// anchor or word boundary.
    public func decode(at offset: Int) -> (node: RegexNode, exact: Bool) {
        var budget = 100_000
        var dropped = false
        let r = sequence(from: offset, end: nil, depth: 0, budget: &budget, dropped: &dropped)
        return (.sequence(r.nodes), r.stop == .match && !dropped)
    }

    enum Stop: Equatable {
        case match              // top level reached MATCH
        case end                // region reached its end
        case trailingJump(Int)  // region ended with a jump to this offset
        case unknown            // could not follow the code
    }

    private func u8(_ at: Int) -> UInt8? { at >= 0 && at < code.count ? code[at] : nil }
    private func u16(_ at: Int) -> UInt16? {
        guard at >= 0, at + 2 <= code.count else { return nil }
        return UInt16(code[at]) | UInt16(code[at + 1]) << 8
    }
    private func i16(_ at: Int) -> Int? { u16(at).map { Int(Int16(bitPattern: $0)) } }
    private func i32(_ at: Int) -> Int? {
        guard at >= 0, at + 4 <= code.count else { return nil }
        var v: UInt32 = 0
        for k in 0..<4 { v |= UInt32(code[at + k]) << (8 * UInt32(k)) }
        return Int(Int32(bitPattern: v))
    }

    /// Decodes instructions from `pc` until `end` (a region inside a construct) or, at
    /// the top level (`end` nil), until MATCH. Forward jumps at the top level leave a
    /// construct the code started inside (an atom within an alternative): followed.
    private func sequence(from start: Int, end: Int?, depth: Int, budget: inout Int, dropped: inout Bool) -> (nodes: [RegexNode], stop: Stop) {
        var nodes: [RegexNode] = []
        var pc = start
        guard depth < 64 else { return (nodes, .unknown) }
        while true {
            budget -= 1
            if budget <= 0 { return (nodes, .unknown) }
            if let end, pc == end { return (nodes, .end) }
            if let end, pc > end { return (nodes, .unknown) }
            guard let op = u8(pc) else { return (nodes, .unknown) }
            switch op {
            case REOpcode.match:
                return (nodes, end == nil ? .match : .unknown)
            case REOpcode.literal:
                guard let b = u8(pc + 1) else { return (nodes, .unknown) }
                nodes.append(.bytes(.single(b)))
                pc += 2
            case REOpcode.maskedLiteral:
                guard let value = u8(pc + 1), let mask = u8(pc + 2) else { return (nodes, .unknown) }
                var set = ByteSet()
                var b = 0
                while b < 256 { if UInt8(b) & mask == value { set.insert(UInt8(b)) }; b += 1 }
                nodes.append(.bytes(set))
                pc += 3
            case REOpcode.any:
                nodes.append(.bytes(dotAll ? .all : REClasses.anyButNewline))
                pc += 1
            case REOpcode.class:
                guard let negated = u8(pc + 1), pc + REOpcode.classSize <= code.count else { return (nodes, .unknown) }
                var set = ByteSet()
                for b in 0..<256 where (code[pc + 2 + b / 8] >> UInt8(b % 8)) & 1 == 1 { set.insert(UInt8(b)) }
                nodes.append(.bytes(negated != 0 ? set.inverted : set))
                pc += REOpcode.classSize
            case REOpcode.wordChar: nodes.append(.bytes(REClasses.word)); pc += 1
            case REOpcode.nonWordChar: nodes.append(.bytes(REClasses.word.inverted)); pc += 1
            case REOpcode.space: nodes.append(.bytes(REClasses.space)); pc += 1
            case REOpcode.nonSpace: nodes.append(.bytes(REClasses.space.inverted)); pc += 1
            case REOpcode.digit: nodes.append(.bytes(REClasses.digit)); pc += 1
            case REOpcode.nonDigit: nodes.append(.bytes(REClasses.digit.inverted)); pc += 1
            case REOpcode.matchAtEnd, REOpcode.matchAtStart, REOpcode.wordBoundary, REOpcode.nonWordBoundary:
                // Zero-width assertions: dropped, which only widens the match.
                dropped = true
                pc += 1
            case REOpcode.repeatAnyGreedy, REOpcode.repeatAnyUngreedy:
                guard let min = u16(pc + 1), let max = u16(pc + 3), min <= max else { return (nodes, .unknown) }
                nodes.append(.rep(.bytes(dotAll ? .all : REClasses.anyButNewline), min: Int(min), max: Int(max)))
                pc += REOpcode.repeatAnySize
            case REOpcode.repeatStartGreedy, REOpcode.repeatStartUngreedy:
                // e{min,max}: START, body, END; START's offset leads past END.
                guard let min = u16(pc + 1), let max = u16(pc + 3), let offset = i32(pc + 5),
                      offset > 2 * REOpcode.repeatSize, max >= 1, min <= max else { return (nodes, .unknown) }
                let endOp = pc + offset - REOpcode.repeatSize
                guard let e = u8(endOp), e == REOpcode.repeatEndGreedy || e == REOpcode.repeatEndUngreedy else {
                    return (nodes, .unknown)
                }
                let body = sequence(from: pc + REOpcode.repeatSize, end: endOp, depth: depth + 1, budget: &budget, dropped: &dropped)
                guard body.stop == .end else { return (nodes, .unknown) }
                nodes.append(.rep(.sequence(body.nodes), min: Int(min), max: Int(max)))
                pc += offset
            case REOpcode.splitA, REOpcode.splitB:
                guard let offset = i16(pc + 2) else { return (nodes, .unknown) }
                let target = pc + offset
                if offset < 0 {
                    // The end of e+ (the code for e lies at target..pc): e may repeat.
                    let body = sequence(from: target, end: pc, depth: depth + 1, budget: &budget, dropped: &dropped)
                    guard body.stop == .end else { return (nodes, .unknown) }
                    nodes.append(.rep(.sequence(body.nodes), min: 0, max: nil))
                    pc += REOpcode.splitSize
                    continue
                }
                guard offset > REOpcode.splitSize else { return (nodes, .unknown) }
                let left = sequence(from: pc + REOpcode.splitSize, end: target, depth: depth + 1, budget: &budget, dropped: &dropped)
                switch left.stop {
                case .trailingJump(let to) where to == pc:
                    // e*: split, e, jump back to the split.
                    nodes.append(.rep(.sequence(left.nodes), min: 0, max: nil))
                    pc = target
                case .trailingJump(let to) where to > target:
                    // e1|e2: split, e1, jump past e2, e2.
                    let right = sequence(from: target, end: to, depth: depth + 1, budget: &budget, dropped: &dropped)
                    guard right.stop == .end else { return (nodes, .unknown) }
                    nodes.append(.alt([.sequence(left.nodes), .sequence(right.nodes)]))
                    pc = to
                case .end:
                    // The optional tail of e{n,m}: split, e.
                    nodes.append(.rep(.sequence(left.nodes), min: 0, max: 1))
                    pc = target
                default:
                    return (nodes, .unknown)
                }
            case REOpcode.jump:
                guard let offset = i16(pc + 1) else { return (nodes, .unknown) }
                let target = pc + offset
                if let end {
                    if pc + REOpcode.jumpSize == end { return (nodes, .trailingJump(target)) }
                    return (nodes, .unknown)
                }
                if offset > 0 {
                    pc = target
                } else {
                    // Started inside e* (libyara does not, but this is cheap to follow): the
                    // jump returns to e*'s split; e may repeat, then the code after e* runs.
                    guard let s = u8(target), s == REOpcode.splitA || s == REOpcode.splitB,
                          let splitOffset = i16(target + 2), splitOffset > REOpcode.splitSize else { return (nodes, .unknown) }
                    let body = sequence(from: target + REOpcode.splitSize, end: target + splitOffset,
                                        depth: depth + 1, budget: &budget, dropped: &dropped)
                    guard case .trailingJump(let to) = body.stop, to == target else { return (nodes, .unknown) }
                    nodes.append(.rep(.sequence(body.nodes), min: 0, max: nil))
                    pc = target + splitOffset
                }
            default:
                return (nodes, .unknown)
            }
        }
    }
}
