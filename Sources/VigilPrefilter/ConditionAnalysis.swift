// Owns: deciding, from a rule's compiled condition alone, whether the rule can match a
// file in which none of the strings it depends on matched. It runs the condition's
// bytecode on abstract values (ranges of integers, "may be undefined") with every
// string absent and everything else (file bytes, file size, modules, externals) unknown.
// Must not: call libyara or guess: any instruction, stack shape or loop it cannot follow
// makes the rule "always run", the safe answer.

/// libyara 4.2's condition opcodes (libyara/include/yara/exec.h) and operand sizes
/// (libyara/parser.c: yr_parser_emit_with_arg* write 8 bytes, _int32 4 bytes).
enum Op {
    static let halt: UInt8 = 255, nop: UInt8 = 254
    static let and: UInt8 = 1, or: UInt8 = 2, not: UInt8 = 3, bitwiseNot: UInt8 = 4, bitwiseAnd: UInt8 = 5
    static let bitwiseOr: UInt8 = 6, bitwiseXor: UInt8 = 7, shl: UInt8 = 8, shr: UInt8 = 9, mod: UInt8 = 10
    static let intToDbl: UInt8 = 11, strToBool: UInt8 = 12, push: UInt8 = 13, pop: UInt8 = 14, call: UInt8 = 15
    static let objLoad: UInt8 = 16, objValue: UInt8 = 17, objField: UInt8 = 18, indexArray: UInt8 = 19
    static let count: UInt8 = 20, length: UInt8 = 21, found: UInt8 = 22, foundAt: UInt8 = 23, foundIn: UInt8 = 24
    static let offset: UInt8 = 25, of: UInt8 = 26, pushRule: UInt8 = 27, initRule: UInt8 = 28, matchRule: UInt8 = 29
    static let incrM: UInt8 = 30, clearM: UInt8 = 31, addM: UInt8 = 32, popM: UInt8 = 33, pushM: UInt8 = 34
    static let setM: UInt8 = 35, swapUndef: UInt8 = 36, filesize: UInt8 = 37, entrypoint: UInt8 = 38
    static let matches: UInt8 = 40, `import`: UInt8 = 41, lookupDict: UInt8 = 42
    static let jundef: UInt8 = 43, jundefP: UInt8 = 44, jnundef: UInt8 = 45, jnundefP: UInt8 = 46
    static let jfalse: UInt8 = 47, jfalseP: UInt8 = 48, jtrue: UInt8 = 49, jtrueP: UInt8 = 50
    static let jlP: UInt8 = 51, jleP: UInt8 = 52, iterNext: UInt8 = 53, iterStartArray: UInt8 = 54
    static let iterStartDict: UInt8 = 55, iterStartIntRange: UInt8 = 56, iterStartIntEnum: UInt8 = 57
    static let jz: UInt8 = 58, jzP: UInt8 = 59, push8: UInt8 = 60, push16: UInt8 = 61, push32: UInt8 = 62
    static let pushU: UInt8 = 63, contains: UInt8 = 64, startsWith: UInt8 = 65, endsWith: UInt8 = 66
    static let iContains: UInt8 = 67, iStartsWith: UInt8 = 68, iEndsWith: UInt8 = 69, iEquals: UInt8 = 70
    static let ofPercent: UInt8 = 71, ofFoundIn: UInt8 = 72, countIn: UInt8 = 73, defined: UInt8 = 74
    static let intBegin: UInt8 = 100, intEnd: UInt8 = 110      // EQ NEQ LT GT LE GE ADD SUB MUL DIV MINUS
    static let dblBegin: UInt8 = 120, dblEnd: UInt8 = 130
    static let strBegin: UInt8 = 140, strEnd: UInt8 = 145
    static let readIntBegin: UInt8 = 240, readIntEnd: UInt8 = 251

    static let undefined = Int64(bitPattern: 0xFFFA_BADA_FABA_DAFF)
    static let memSize = 20          // YR_MAX_LOOP_NESTING * (YR_MAX_LOOP_VARS + YR_INTERNAL_LOOP_VARS)
    static let ofStringSet: Int64 = 0

    /// Bytes after the opcode; nil for an opcode this analysis does not know.
    static func operandSize(_ op: UInt8) -> Int? {
        switch op {
        case push, clearM, addM, incrM, pushM, popM, setM, swapUndef, pushRule, matchRule, objLoad, objField,
             call, of, ofPercent, `import`, intToDbl: 8
        case initRule: 8                                     // int32 jump + uint32 rule index
        case jnundef, jundefP, jlP, jleP, jtrue, jtrueP, jfalse, jfalseP, jz, jzP: 4
        case push8: 1
        case push16: 2
        case push32: 4
        case halt, nop, and, or, not, bitwiseNot, bitwiseAnd, bitwiseOr, bitwiseXor, shl, shr, mod, strToBool,
             pop, objValue, indexArray, count, length, found, foundAt, foundIn, offset, filesize, entrypoint,
             matches, lookupDict, iterNext, iterStartArray, iterStartDict, iterStartIntRange, iterStartIntEnum,
             pushU, contains, startsWith, endsWith, iContains, iStartsWith, iEndsWith, iEquals, ofFoundIn,
             countIn, defined: 0
        case intBegin...intEnd, dblBegin...dblEnd, strBegin...strEnd, readIntBegin...readIntEnd: 0
        default: nil
        }
    }
}

/// What the analysis found about one rule.
public struct RuleCondition: Sendable, Equatable {
    /// False: the condition is false whenever none of the rule's strings (nor those of
    /// the rules it names) matched. True also when the analysis could not tell.
    public var canMatchWithoutStrings: Bool
    /// Rules named in the condition (`rule_b and ...`, `any of (r*)`), by index.
    public var referencedRules: [Int]
    public var readsEntrypoint: Bool
    /// Why the answer is "always run", for the statistics (nil when gated).
    public var reason: String?
    /// For a rule that can match without strings: a read of the file's bytes that must
    /// equal a constant for the rule to match (`uint16(0) == 0x5A4D and pe...`), so a
    /// file whose bytes differ there needs no look at the rule. Nil when none was proven.
    public var guardRead: HeaderGuard?
}

/// `uint16(0) == 0x5A4D`: the integer read at a constant offset (one of libyara's
/// OP_INT8...OP_UINT32BE) and the value it must have.
public struct HeaderGuard: Hashable, Sendable {
    /// 0...11: int8 int16 int32 uint8 uint16 uint32, then the same big-endian.
    public let kind: UInt8
    public let offset: Int64
    public let value: Int64

    public var width: Int {
        switch kind % 3 {
        case 0: 1
        case 1: 2
        default: 4
        }
    }

    /// The value libyara's read returns for these bytes (nil: undefined).
    public func read(_ head: UnsafeRawBufferPointer, _ tail: UnsafeRawBufferPointer?, tailOffset: UInt64) -> Int64? {
        func from(_ b: UnsafeRawBufferPointer, base: Int64) -> Int64? {
            guard offset >= base, offset - base + Int64(width) <= Int64(b.count) else { return nil }
            let at = Int(offset - base)
            var u: UInt64 = 0
            let bigEndian = kind >= 6
            for k in 0..<width { u |= UInt64(b[at + (bigEndian ? width - 1 - k : k)]) << (8 * UInt64(k)) }
            let signed = kind % 6 < 3
            switch width {
            case 1: return signed ? Int64(Int8(truncatingIfNeeded: u)) : Int64(u)
            case 2: return signed ? Int64(Int16(truncatingIfNeeded: u)) : Int64(u)
            default: return signed ? Int64(Int32(truncatingIfNeeded: u)) : Int64(u)
            }
        }
        if let v = from(head, base: 0) { return v }
        if let tail, let v = from(tail, base: Int64(tailOffset)) { return v }
        return nil
    }

    public func holds(_ head: UnsafeRawBufferPointer, _ tail: UnsafeRawBufferPointer?, tailOffset: UInt64) -> Bool {
        read(head, tail, tailOffset: tailOffset) == value
    }
}

/// An abstract value: a range of defined integers (empty when lo > hi) and whether the
/// value may be YARA's undefined.
struct AbstractValue: Equatable {
    var undef: Bool
    var lo: Int64
    var hi: Int64
    /// Set when the value is an iterator: how many values its ITER_NEXT pushes.
    var iterPushes: Int = 0
    /// The memory slot this value was pushed from (PUSH_M), while the slot is unchanged:
    /// what a branch learns about the value (a loop counter is not 0) holds for the slot.
    var slot: Int = -1
    /// Read from the file at a constant offset: OP_READ_INT kind + 1 (0: not a read).
    var readKind: UInt8 = 0
    var readOffset: Int64 = 0

    static let top = AbstractValue(undef: true, lo: .min, hi: .max)
    static let undefined = AbstractValue(undef: true, lo: 1, hi: 0)
    static let bool = AbstractValue(undef: false, lo: 0, hi: 1)
    static let boolOrUndef = AbstractValue(undef: true, lo: 0, hi: 1)
    static func const(_ v: Int64) -> AbstractValue { v == Op.undefined ? .undefined : AbstractValue(undef: false, lo: v, hi: v) }
    static func range(_ lo: Int64, _ hi: Int64, undef: Bool = true) -> AbstractValue { AbstractValue(undef: undef, lo: lo, hi: hi) }

    var hasDefined: Bool { lo <= hi }
    var isConst: Int64? { !undef && lo == hi ? lo : nil }
    /// May be a defined non-zero value (what `if (!is_undef(x) && x)` accepts).
    var mayBeTruthy: Bool { hasDefined && !(lo == 0 && hi == 0) }
    /// May be a defined zero.
    var mayBeZero: Bool { hasDefined && lo <= 0 && hi >= 0 }
    /// May be falsy in AND/OR (undefined counts as 0 there).
    var mayBeFalsy: Bool { undef || mayBeZero }

    func joined(_ o: AbstractValue) -> AbstractValue? {
        guard iterPushes == o.iterPushes else { return nil }
        var r = self
        if slot != o.slot { r.slot = -1 }
        if readKind != o.readKind || readOffset != o.readOffset { r.readKind = 0 }
        r.undef = undef || o.undef
        if !hasDefined { r.lo = o.lo; r.hi = o.hi }
        else if o.hasDefined { r.lo = min(lo, o.lo); r.hi = max(hi, o.hi) }
        return r
    }

    func widened(to o: AbstractValue) -> AbstractValue {
        var r = self
        if o.hasDefined && hasDefined {
            if o.lo < lo { r.lo = .min }
            if o.hi > hi { r.hi = .max }
        }
        return r
    }

    /// The value without a defined zero (the branch where a jump on zero was not taken).
    var withoutZero: AbstractValue {
        var r = self
        if lo == 0 && hi == 0 { r.lo = 1; r.hi = 0 } else if lo == 0 { r.lo = 1 } else if hi == 0 { r.hi = -1 }
        return r
    }
}

struct AbstractState: Equatable {
    var stack: [AbstractValue]
    var mem: [AbstractValue]

    func joined(_ o: AbstractState) -> AbstractState? {
        guard stack.count == o.stack.count else { return nil }
        var r = self
        for i in stack.indices { guard let j = stack[i].joined(o.stack[i]) else { return nil }; r.stack[i] = j }
        for i in mem.indices { guard let j = mem[i].joined(o.mem[i]) else { return nil }; r.mem[i] = j }
        return r
    }
    func widened(to o: AbstractState) -> AbstractState {
        var r = self
        for i in stack.indices { r.stack[i] = stack[i].widened(to: o.stack[i]) }
        for i in mem.indices { r.mem[i] = mem[i].widened(to: o.mem[i]) }
        return r
    }
}

public struct ConditionAnalyzer {
    let code: UnsafeRawBufferPointer
    /// The string (chain head) a pointer pushed by the condition names, if any.
    let stringIndex: (Int64) -> Int?

    public init(code: UnsafeRawBufferPointer, stringIndex: @escaping (Int64) -> Int? = { _ in nil }) {
        self.code = code
        self.stringIndex = stringIndex
    }

    private func u8(_ at: Int) -> UInt8? { at >= 0 && at < code.count ? code[at] : nil }
    private func int(_ at: Int, bytes: Int) -> UInt64? {
        guard at >= 0, at + bytes <= code.count else { return nil }
        var v: UInt64 = 0
        for k in 0..<bytes { v |= UInt64(code[at + k]) << (8 * UInt64(k)) }
        return v
    }
    private func i32(_ at: Int) -> Int? { int(at, bytes: 4).map { Int(Int32(bitPattern: UInt32(truncatingIfNeeded: $0))) } }
    private func i64(_ at: Int) -> Int64? { int(at, bytes: 8).map { Int64(bitPattern: $0) } }

    /// Where each rule's code lies: [start of its condition, end of its code), by rule index.
    /// Nil when the code section holds something this analysis does not know.
    public func ruleRanges(start: Int) -> [Int: Range<Int>]? {
        var ranges: [Int: Range<Int>] = [:]
        var pc = start
        while let op = u8(pc) {
            if op == Op.halt { return ranges }
            guard let size = Op.operandSize(op) else { return nil }
            if op == Op.initRule {
                guard let jump = i32(pc + 1), let index = int(pc + 5, bytes: 4), jump > 9 else { return nil }
                ranges[Int(index)] = (pc + 9)..<(pc + jump)
            }
            pc += 1 + size
        }
        return nil
    }

    /// The instructions of one rule, one per line (for diagnostics).
    public func disassemble(_ range: Range<Int>) -> String {
        var out = ""
        var pc = range.lowerBound
        while pc < range.upperBound, let op = u8(pc), let size = Op.operandSize(op) {
            var operand = ""
            if size == 8, let v = i64(pc + 1) { operand = " \(v)" }
            if size == 4, let v = i32(pc + 1) { operand = " \(v) (-> \(pc + v))" }
            if size == 1 || size == 2, let v = int(pc + 1, bytes: size) { operand = " \(v)" }
            out += "\(pc): op \(op)\(operand)\n"
            pc += 1 + size
        }
        return out
    }

    /// Analyzes one rule's condition. `ruleGated(i)` says whether an earlier rule was
    /// found false without strings (its value is then 0 in this rule's condition).
    public func analyze(rule index: Int, range: Range<Int>, ruleGated: (Int) -> Bool) -> RuleCondition {
        var result = RuleCondition(canMatchWithoutStrings: false, referencedRules: [], readsEntrypoint: false, reason: nil)
        // The instructions of the rule, decoded once: what it names and reads.
        var pc = range.lowerBound
        while pc < range.upperBound {
            guard let op = u8(pc), let size = Op.operandSize(op) else {
                return RuleCondition(canMatchWithoutStrings: true, referencedRules: [], readsEntrypoint: true,
                                     reason: "unknown instruction")
            }
            if op == Op.pushRule, let r = i64(pc + 1) { result.referencedRules.append(Int(r)) }
            if op == Op.entrypoint { result.readsEntrypoint = true }
            pc += 1 + size
        }
        guard pc == range.upperBound else {
            result.canMatchWithoutStrings = true
            result.reason = "unaligned code"
            return result
        }
        var candidates: [HeaderGuard] = []
        if let why = run(rule: index, range: range, ruleGated: ruleGated, assume: nil, candidates: &candidates) {
            result.canMatchWithoutStrings = true
            result.reason = why
            // Try each `read == constant` the condition makes: if the rule cannot be true
            // when that read differs, the read guards it.
            var ignored: [HeaderGuard] = []
            for g in Set(candidates).sorted(by: { ($0.offset, $0.kind, $0.value) < ($1.offset, $1.kind, $1.value) }).prefix(8)
            where run(rule: index, range: range, ruleGated: ruleGated, assume: g, candidates: &ignored) == nil {
                result.guardRead = g
                break
            }
        }
        return result
    }

    /// Nil when every path ends with a falsy result; otherwise why the rule may match.
    /// For a rule that cannot match without strings: groups of its strings (chain heads)
    /// such that the rule can match only if at least one string of every group matched.
    /// `$page and ($a or $b)` gives [[page], [a, b]]. Found by shrinking: a set of strings
    /// is a group when the rule is false with all of them absent (the others unknown).
    public func clauses(rule index: Int, range: Range<Int>, strings: [Int], ruleGated: (Int) -> Bool) -> [[Int]] {
        var clauses: [[Int]] = []
        var left = strings
        var ignored: [HeaderGuard] = []
        func isClause(_ c: [Int]) -> Bool {
            run(rule: index, range: range, ruleGated: ruleGated, assume: nil, candidates: &ignored, absent: Set(c)) == nil
        }
        while !left.isEmpty && clauses.count < 8 && isClause(left) {
            var clause = left
            for s in left where clause.count > 1 {
                let smaller = clause.filter { $0 != s }
                if isClause(smaller) { clause = smaller }
            }
            clauses.append(clause)
            left.removeAll { clause.contains($0) }
        }
        return clauses
    }

    /// `assume`: the guarded read differs from its value (or is undefined).
    /// `absent`: nil, every string is absent (the file had no hit); otherwise only these
    /// strings are known absent and the others may match.
    private func run(rule index: Int, range: Range<Int>, ruleGated: (Int) -> Bool,
                     assume: HeaderGuard?, candidates: inout [HeaderGuard], absent: Set<Int>? = nil) -> String? {
        func isAbsent(_ v: AbstractValue) -> Bool {
            guard let absent else { return true }
            guard let p = v.isConst, let i = stringIndex(p) else { return false }
            return absent.contains(i)
        }
        // States are kept per (instruction, stack depth): a `for ... of` loop over strings
        // pops one string per round, so its rounds meet the loop head at different
        // depths and are followed one by one (finitely many: the list only shrinks);
        // loops at one depth are joined, then widened.
        struct Key: Hashable { let pc: Int; let depth: Int }
        var states: [Key: AbstractState] = [:]
        var visits: [Key: Int] = [:]
        let first = Key(pc: range.lowerBound, depth: 0)
        var work: [Key] = [first]
        states[first] = AbstractState(stack: [], mem: Array(repeating: .top, count: Op.memSize))
        var steps = 0
        var outcome: String?

        func flow(_ to: Int, _ s: AbstractState) -> Bool {
            guard range.contains(to) else { return false }
            let key = Key(pc: to, depth: s.stack.count)
            if let old = states[key] {
                guard var j = old.joined(s) else { return false }
                if j == old { return true }
                let n = (visits[key] ?? 0) + 1
                visits[key] = n
                if n > 6 { j = old.widened(to: j) }
                states[key] = j
            } else {
                states[key] = s
            }
            work.append(key)
            return true
        }

        while let key = work.popLast() {
            steps += 1
            if steps > 50_000 { return "condition too complex to follow" }
            let pc = key.pc
            guard var s = states[key], let op = u8(pc), let size = Op.operandSize(op) else { return "unknown instruction" }
            let next = pc + 1 + size
            func pop() -> AbstractValue? { s.stack.popLast() }
            func push(_ v: AbstractValue) { s.stack.append(v) }
            func jumpTarget() -> Int? { i32(pc + 1).map { pc + $0 } }
            var fallthrough_ = true

            switch op {
            case Op.nop: break
            case Op.matchRule:
                guard let v = pop(), s.stack.isEmpty, let r = i64(pc + 1), r == Int64(index) else { return "unexpected stack at the end" }
                if v.mayBeTruthy { outcome = "true without its strings" }
                fallthrough_ = false
            case Op.push: guard let v = i64(pc + 1) else { return "bad operand" }; push(.const(v))
            case Op.push8: push(.const(Int64(code[pc + 1])))
            case Op.push16: guard let v = int(pc + 1, bytes: 2) else { return "bad operand" }; push(.const(Int64(v)))
            case Op.push32: guard let v = int(pc + 1, bytes: 4) else { return "bad operand" }; push(.const(Int64(v)))
            case Op.pushU: push(.undefined)
            case Op.pop: guard pop() != nil else { return "stack underflow" }
            case Op.clearM, Op.incrM, Op.pushM, Op.popM, Op.setM, Op.addM, Op.swapUndef:
                guard let m = i64(pc + 1), m >= 0, m < Int64(Op.memSize) else { return "bad memory slot" }
                let i = Int(m)
                if op != Op.pushM {
                    // The slot may change: values pushed from it no longer speak for it.
                    for k in s.stack.indices where s.stack[k].slot == i { s.stack[k].slot = -1 }
                }
                switch op {
                case Op.clearM: s.mem[i] = .const(0)
                case Op.incrM:
                    // A loop counter: it cannot wrap (2^63 rounds), so the bounds saturate
                    // instead of widening to every integer.
                    var m = s.mem[i]
                    if m.undef { m = .range(.min, .max, undef: false) }
                    else if m.hasDefined {
                        if m.lo < .max { m.lo += 1 }
                        if m.hi < .max { m.hi += 1 }
                    }
                    s.mem[i] = m
                case Op.pushM: var v = s.mem[i]; v.slot = i; push(v)
                case Op.popM: guard var v = pop() else { return "stack underflow" }; v.slot = -1; s.mem[i] = v
                case Op.setM:
                    // Peeks; stores only a defined value.
                    guard var v = s.stack.last else { return "stack underflow" }
                    v.slot = -1
                    let defined = AbstractValue(undef: false, lo: v.lo, hi: v.hi)
                    if !v.undef { s.mem[i] = v } else if v.hasDefined { s.mem[i] = s.mem[i].joined(defined) ?? .top }
                case Op.addM:
                    // Adds only a defined value (to whatever the slot holds: an undefined
                    // slot's bit pattern plus a number is an arbitrary number).
                    guard let v = pop() else { return "stack underflow" }
                    if v.hasDefined {
                        let base: AbstractValue = s.mem[i].undef ? .range(.min, .max, undef: false) : s.mem[i]
                        let added = Self.add(base, AbstractValue(undef: false, lo: v.lo, hi: v.hi))
                        s.mem[i] = v.undef ? (s.mem[i].joined(added) ?? .top) : added
                    }
                default: // swapUndef
                    guard let v = pop() else { return "stack underflow" }
                    if !v.undef { push(v) }
                    else if !v.hasDefined { push(s.mem[i]) }
                    else { push(AbstractValue(undef: false, lo: v.lo, hi: v.hi).joined(s.mem[i]) ?? .top) }
                }
            case Op.jnundef, Op.jundefP, Op.jtrue, Op.jtrueP, Op.jfalse, Op.jfalseP, Op.jz, Op.jzP:
                guard let target = jumpTarget(), let v = pop() else { return "bad jump" }
                let keeps = op == Op.jnundef || op == Op.jtrue || op == Op.jfalse || op == Op.jz
                // (may jump, value if jumped), (may fall through, value if not)
                var jump: AbstractValue?
                var stay: AbstractValue?
                switch op {
                case Op.jnundef:
                    if v.hasDefined { jump = AbstractValue(undef: false, lo: v.lo, hi: v.hi) }
                    if v.undef { stay = .undefined }
                case Op.jundefP:
                    if v.undef { jump = .undefined }
                    if v.hasDefined { stay = AbstractValue(undef: false, lo: v.lo, hi: v.hi) }
                case Op.jtrue, Op.jtrueP:
                    if v.mayBeTruthy { jump = AbstractValue(undef: false, lo: v.lo, hi: v.hi).withoutZero }
                    if v.undef || v.mayBeZero { stay = AbstractValue(undef: v.undef, lo: v.mayBeZero ? 0 : 1, hi: v.mayBeZero ? 0 : 0) }
                case Op.jfalse, Op.jfalseP:
                    if v.mayBeZero { jump = .const(0) }
                    if v.undef || v.mayBeTruthy { stay = v.withoutZero }
                default: // jz, jzP: raw compare with 0; undefined is not 0
                    if v.mayBeZero { jump = .const(0) }
                    if v.undef || v.mayBeTruthy { stay = v.withoutZero }
                }
                // What a branch learns about a value read from memory holds for the slot.
                func refine(_ state: inout AbstractState, _ learned: AbstractValue) {
                    guard v.slot >= 0, v.slot < state.mem.count else { return }
                    var m = learned
                    m.slot = -1
                    state.mem[v.slot] = m
                }
                if var j = jump {
                    var t = s
                    refine(&t, j)
                    j.slot = v.slot
                    if keeps { t.stack.append(j) }
                    guard flow(target, t) else { return "jump out of the rule or iterator mismatch" }
                }
                if var st = stay {
                    refine(&s, st)
                    st.slot = v.slot
                    if keeps { push(st) }
                } else {
                    fallthrough_ = false
                }
            case Op.jlP, Op.jleP:
                guard let target = jumpTarget(), let b = pop(), let a = pop() else { return "bad jump" }
                // Raw integer compare; an undefined operand compares as its bit pattern.
                var mayJump = true, mayStay = true
                if !a.undef && !b.undef && a.hasDefined && b.hasDefined {
                    if op == Op.jlP {
                        if a.hi < b.lo { mayStay = false }
                        if a.lo >= b.hi { mayJump = false }
                    } else {
                        if a.hi <= b.lo { mayStay = false }
                        if a.lo > b.hi { mayJump = false }
                    }
                }
                if mayJump { guard flow(target, s) else { return "jump out of the rule" } }
                if !mayStay { fallthrough_ = false }
            case Op.and, Op.or:
                guard let b = pop(), let a = pop() else { return "stack underflow" }
                if op == Op.and {
                    if !a.mayBeTruthy || !b.mayBeTruthy { push(.const(0)) }
                    else if !a.mayBeFalsy && !b.mayBeFalsy { push(.const(1)) }
                    else { push(.bool) }
                } else {
                    if !a.mayBeFalsy || !b.mayBeFalsy { push(.const(1)) }
                    else if !a.mayBeTruthy && !b.mayBeTruthy { push(.const(0)) }
                    else { push(.bool) }
                }
            case Op.not:
                guard let a = pop() else { return "stack underflow" }
                var r = AbstractValue(undef: a.undef, lo: 1, hi: 0)
                if a.mayBeZero { r.hi = 1; r.lo = 1 }
                if a.mayBeTruthy { r.lo = 0; if !a.mayBeZero { r.hi = 0 } }
                push(r)
            case Op.defined:
                guard let a = pop() else { return "stack underflow" }
                push(a.undef && a.hasDefined ? .bool : .const(a.undef ? 0 : 1))
            case Op.found, Op.count:
                guard let str = pop() else { return "stack underflow" }
                push(isAbsent(str) ? .const(0) : op == Op.found ? .bool : .range(0, .max, undef: false))
            case Op.foundAt:
                guard let str = pop(), pop() != nil else { return "stack underflow" }
                push(isAbsent(str) ? .const(0) : .bool)
            case Op.foundIn, Op.countIn:
                // Undefined bounds give undefined; otherwise no match lies in the range.
                guard let str = pop(), let hi = pop(), let lo = pop() else { return "stack underflow" }
                let undef = lo.undef || hi.undef
                push(isAbsent(str) ? AbstractValue(undef: undef, lo: 0, hi: 0)
                     : AbstractValue(undef: undef, lo: 0, hi: op == Op.foundIn ? 1 : .max))
            case Op.offset, Op.length:
                guard let str = pop(), pop() != nil else { return "stack underflow" }
                push(isAbsent(str) ? .undefined : .top)
            case Op.of, Op.ofPercent:
                guard let kind = i64(pc + 1) else { return "bad operand" }
                // Items down to the undefined that ends the list; then the quantifier.
                var items = 0
                var found = AbstractValue.const(0)
                while true {
                    guard let v = pop() else { return "stack underflow" }
                    if v.undef && !v.hasDefined { break }
                    if v.undef { return "list end unknown" }
                    items += 1
                    if kind != Op.ofStringSet { found = Self.add(found, v) }
                    else if !isAbsent(v) { found = Self.add(found, .range(0, 1, undef: false)) }
                }
                guard let q = pop() else { return "stack underflow" }
                if op == Op.of {
                    // all: found >= count; 0: found == 0; n: found >= n.
                    var r = AbstractValue(undef: false, lo: 1, hi: 0)
                    if q.undef { r = r.joined(Self.compare(found, .const(Int64(items)), >=)) ?? .bool }
                    if q.hasDefined {
                        if q.mayBeZero { r = r.joined(Self.compare(found, .const(0), ==)) ?? .bool }
                        let positive = AbstractValue(undef: false, lo: max(q.lo, 1), hi: q.hi)
                        if positive.hasDefined { r = r.joined(Self.compare(found, positive, >=)) ?? .bool }
                    }
                    push(r)
                } else {
                    // found / count * 100 >= q; undefined when q is.
                    var r = AbstractValue(undef: q.undef, lo: 1, hi: 0)
                    if q.hasDefined {
                        if let f = found.isConst, f == 0 {
                            r = r.joined(Self.compare(.const(0), AbstractValue(undef: false, lo: q.lo, hi: q.hi), >=)) ?? .bool
                        } else { r = r.joined(.bool) ?? .bool }
                    }
                    push(r)
                }
            case Op.ofFoundIn:
                guard let hi = pop(), let lo = pop() else { return "stack underflow" }
                var items = 0, present = 0
                while true {
                    guard let v = pop() else { return "stack underflow" }
                    if v.undef && !v.hasDefined { break }
                    if v.undef { return "list end unknown" }
                    items += 1
                    if !isAbsent(v) { present += 1 }
                }
                guard let q = pop() else { return "stack underflow" }
                // found lies in [0, present]: all -> found >= items; 0 -> found == 0; n -> found >= n.
                let found = AbstractValue(undef: false, lo: 0, hi: Int64(present))
                var r = AbstractValue(undef: lo.undef || hi.undef, lo: 1, hi: 0)
                if lo.hasDefined && hi.hasDefined {
                    if q.undef { r = r.joined(Self.compare(found, .const(Int64(items)), >=)) ?? .bool }
                    if q.mayBeZero { r = r.joined(Self.compare(found, .const(0), ==)) ?? .bool }
                    if q.hasDefined && q.hi >= 1 {
                        r = r.joined(Self.compare(found, AbstractValue(undef: false, lo: max(q.lo, 1), hi: q.hi), >=)) ?? .bool
                    }
                }
                push(r)
            case Op.pushRule:
                guard let r = i64(pc + 1) else { return "bad operand" }
                push(absent == nil && r >= 0 && r < Int64(index) && ruleGated(Int(r)) ? .const(0) : .bool)
            case Op.filesize: push(.range(0, .max))
            case Op.entrypoint: push(.top)
            case Op.import, Op.initRule: break
            case Op.objLoad: push(.top)
            case Op.objField, Op.objValue, Op.strToBool:
                guard pop() != nil else { return "stack underflow" }
                push(op == Op.strToBool ? .boolOrUndef : .top)
            case Op.indexArray, Op.lookupDict:
                guard pop() != nil, pop() != nil else { return "stack underflow" }
                push(.top)
            case Op.call:
                guard let p = int(pc + 1, bytes: 8), let n = Self.argumentCount(p) else { return "unknown call" }
                for _ in 0..<(n + 1) { guard pop() != nil else { return "stack underflow" } }
                push(.top)
            case Op.matches, Op.contains, Op.startsWith, Op.endsWith, Op.iContains, Op.iStartsWith, Op.iEndsWith,
                 Op.iEquals, Op.strBegin...Op.strEnd:
                guard pop() != nil, pop() != nil else { return "stack underflow" }
                push(.boolOrUndef)
            case Op.intToDbl:
                guard let n = i64(pc + 1), n >= 1, Int(n) <= s.stack.count else { return "bad operand" }
                s.stack[s.stack.count - Int(n)] = .top
            case Op.dblBegin...Op.dblEnd:
                if op == Op.dblBegin + 10 {
                    guard pop() != nil else { return "stack underflow" }
                    push(.top)
                } else {
                    guard pop() != nil, pop() != nil else { return "stack underflow" }
                    push(op <= Op.dblBegin + 5 ? .boolOrUndef : .top)
                }
            case Op.intBegin...Op.intEnd:
                if op == Op.intBegin + 10 {   // unary minus
                    guard let a = pop() else { return "stack underflow" }
                    push(Self.negate(a))
                    break
                }
                guard let b = pop(), let a = pop() else { return "stack underflow" }
                let k = op - Op.intBegin
                if k <= 1 {
                    // read == constant (either order): a candidate guard, and under the
                    // assumption that this read differs, known false (true for !=).
                    var decided: AbstractValue?
                    for (r, c) in [(a, b), (b, a)] where r.readKind > 0 {
                        guard let value = c.isConst else { continue }
                        let g = HeaderGuard(kind: r.readKind - 1, offset: r.readOffset, value: value)
                        candidates.append(g)
                        if g == assume { decided = AbstractValue(undef: r.undef, lo: k == 0 ? 0 : 1, hi: k == 0 ? 0 : 1) }
                    }
                    if let decided {
                        push(decided)
                        break
                    }
                }
                push(Self.intOp(k, a, b))
            case Op.bitwiseNot:
                guard let a = pop() else { return "stack underflow" }
                push(AbstractValue(undef: a.undef, lo: a.hasDefined ? .min : 1, hi: a.hasDefined ? .max : 0))
            case Op.bitwiseAnd, Op.bitwiseOr, Op.bitwiseXor, Op.shl, Op.shr, Op.mod:
                guard let b = pop(), let a = pop() else { return "stack underflow" }
                push(AbstractValue(undef: true, lo: a.hasDefined && b.hasDefined ? .min : 1, hi: a.hasDefined && b.hasDefined ? .max : 0))
            case Op.readIntBegin...Op.readIntEnd:
                guard let at = pop() else { return "stack underflow" }
                var v = Self.readRange(op - Op.readIntBegin)
                if let offset = at.isConst {
                    v.readKind = op - Op.readIntBegin + 1
                    v.readOffset = offset
                }
                push(v)
            case Op.iterStartArray, Op.iterStartDict:
                guard pop() != nil else { return "stack underflow" }
                push(AbstractValue(undef: false, lo: 0, hi: 0, iterPushes: op == Op.iterStartDict ? 3 : 2))
            case Op.iterStartIntRange:
                guard pop() != nil, pop() != nil else { return "stack underflow" }
                push(AbstractValue(undef: false, lo: 0, hi: 0, iterPushes: 2))
            case Op.iterStartIntEnum:
                guard let n = pop(), let count = n.isConst, count >= 0, count < 1024 else { return "enumeration of unknown length" }
                for _ in 0..<count { guard pop() != nil else { return "stack underflow" } }
                push(AbstractValue(undef: false, lo: 0, hi: 0, iterPushes: 2))
            case Op.iterNext:
                guard let it = s.stack.last, it.iterPushes >= 2 else { return "iterator unknown" }
                push(.bool)                                   // 0: an item follows, 1: done
                for _ in 1..<it.iterPushes { push(.top) }
            case Op.halt:
                return "end of code inside a rule"
            default:
                return "unknown instruction \(op)"
            }
            if fallthrough_ {
                guard flow(next, s) else { return "fell out of the rule" }
            }
            if outcome != nil { return outcome }
        }
        return outcome
    }

    /// The number of arguments of a module function: the length of its argument format
    /// string, which OP_CALL's operand points at. Read through a C string pointer that
    /// lives in the rules' arena.
    static func argumentCount(_ pointer: UInt64) -> Int? {
        guard pointer != 0, let p = UnsafePointer<CChar>(bitPattern: UInt(pointer)) else { return nil }
        let n = strlenBounded(p, 64)
        return n < 64 ? n : nil
    }

    private static func strlenBounded(_ p: UnsafePointer<CChar>, _ limit: Int) -> Int {
        var n = 0
        while n < limit && p[n] != 0 { n += 1 }
        return n
    }

    static func readRange(_ kind: UInt8) -> AbstractValue {
        // int8 int16 int32 uint8 uint16 uint32, then the same big-endian.
        switch kind % 6 {
        case 0: .range(-128, 127)
        case 1: .range(-32768, 32767)
        case 2: .range(Int64(Int32.min), Int64(Int32.max))
        case 3: .range(0, 255)
        case 4: .range(0, 65535)
        default: .range(0, Int64(UInt32.max))
        }
    }

    static func add(_ a: AbstractValue, _ b: AbstractValue) -> AbstractValue {
        var r = AbstractValue(undef: a.undef || b.undef, lo: 1, hi: 0)
        guard a.hasDefined, b.hasDefined else { return r }
        let (lo, o1) = a.lo.addingReportingOverflow(b.lo)
        let (hi, o2) = a.hi.addingReportingOverflow(b.hi)
        if o1 || o2 { r.lo = .min; r.hi = .max } else { r.lo = lo; r.hi = hi }
        return r
    }

    static func negate(_ a: AbstractValue) -> AbstractValue {
        guard a.hasDefined, a.lo != .min else { return AbstractValue(undef: a.undef, lo: a.hasDefined ? .min : 1, hi: a.hasDefined ? .max : 0) }
        return AbstractValue(undef: a.undef, lo: -a.hi, hi: -a.lo)
    }

    static func compare(_ a: AbstractValue, _ b: AbstractValue, _ op: (Int64, Int64) -> Bool) -> AbstractValue {
        // Decided by the range ends; [0,1] when they disagree.
        guard a.hasDefined, b.hasDefined else { return AbstractValue(undef: false, lo: 1, hi: 0) }
        let corners = [op(a.lo, b.lo), op(a.lo, b.hi), op(a.hi, b.lo), op(a.hi, b.hi)]
        let allTrue = corners.allSatisfy { $0 }, allFalse = corners.allSatisfy { !$0 }
        // Corners decide monotone comparisons (<, <=, >, >=); == and != need the overlap.
        return allTrue ? .const(1) : allFalse ? .const(0) : .bool
    }

    static func intOp(_ k: UInt8, _ a: AbstractValue, _ b: AbstractValue) -> AbstractValue {
        let undef = a.undef || b.undef
        var r: AbstractValue
        switch k {
        case 0, 1: // EQ, NEQ
            guard a.hasDefined, b.hasDefined else { r = AbstractValue(undef: false, lo: 1, hi: 0); break }
            let disjoint = a.hi < b.lo || b.hi < a.lo
            let same = a.lo == a.hi && b.lo == b.hi && a.lo == b.lo
            let eq: AbstractValue = disjoint ? .const(0) : same ? .const(1) : .bool
            r = k == 0 ? eq : (eq.isConst.map { .const(1 - $0) } ?? .bool)
        case 2: r = compare(a, b, <)
        case 3: r = compare(a, b, >)
        case 4: r = compare(a, b, <=)
        case 5: r = compare(a, b, >=)
        case 6: r = add(a, b)
        case 7: r = add(a, negate(b))
        case 8:
            guard a.hasDefined, b.hasDefined else { r = AbstractValue(undef: false, lo: 1, hi: 0); break }
            let products = [a.lo.multipliedReportingOverflow(by: b.lo), a.lo.multipliedReportingOverflow(by: b.hi),
                            a.hi.multipliedReportingOverflow(by: b.lo), a.hi.multipliedReportingOverflow(by: b.hi)]
            if products.contains(where: \.overflow) { r = .range(.min, .max, undef: false) }
            else { r = .range(products.map(\.partialValue).min()!, products.map(\.partialValue).max()!, undef: false) }
        default: // DIV: undefined on a zero divisor
            r = AbstractValue(undef: true, lo: a.hasDefined && b.hasDefined ? .min : 1, hi: a.hasDefined && b.hasDefined ? .max : 0)
        }
        if undef { r.undef = true }
        return r
    }
}
