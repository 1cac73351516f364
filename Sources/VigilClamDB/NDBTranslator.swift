/// ClamAV extended signatures (`.ndb`: `Name:TargetType:Offset:HexSignature[:MinFL[:MaxFL]]`)
/// translated into YARA rules that libyara compiles with the rest of the rules, or
/// rejected one by one with a named reason that is counted.
///
/// Translated: target types 0 (any), 1 (PE), 5 (graphics: GIF, PNG, JPEG, BMP, TIFF),
/// 6 (ELF), 9 (Mach-O), 10 (PDF, header at offset 0), 12 (Java class); offsets `*`, `n`,
/// `n,m`, `EOF-n[,m]`, `EP±n[,m]`, `Sx+n[,m]`, `SEx`, `SL+n[,m]` (PE and ELF); hex with `??`,
/// nibble wildcards `a?`/`?a`, `*`, `{n}`, `{-n}`, `{n-}`, `{n-m}`, `[n-m]` and alternatives
/// of fixed bytes `(aa|bbcc)`. Rejected (ClamAV matches them on content Vigil does not
/// produce, or libyara 4.2 cannot say them): target types 2, 3, 4, 7 (OLE2 streams,
/// normalised HTML, mail, normalised text), 11 (Flash, matched decompressed), 8 and 13+;
/// negated alternatives `!(..)` (YARA 4.3's `~`), anchors `(B)`, `(L)`, `(W)`,
/// wildcards or jumps inside alternatives, signatures that start or end with a jump, and
/// signatures without two fixed bytes in a row (no atom to search for).
///
/// Owns: the translation. Must not: compile, or read files.
public enum NDBTranslator {
    public struct Output: Sendable {
        /// YARA source for every translated signature (imports first).
        public var source = ""
        public var translated = 0
        /// Reason -> how many signatures it rejected.
        public var rejected: [String: Int] = [:]
        /// Reason -> the first `origin:line` it rejected, to look at.
        public var examples: [String: String] = [:]
        public var ignored = 0
    }

    public struct Rule: Sendable, Equatable {
        public let name: String
        public let hex: String
        public let condition: String
        public let imports: Set<String>
    }

    public struct Rejection: Error, Sendable, Equatable, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    /// Translates every signature line of one `.ndb` file. `serial` numbers rules across
    /// files so identifiers stay unique; `ignored` are names from `.ign`/`.ign2` lists.
    public static func translate(_ bytes: ArraySlice<UInt8>, origin: String, serial: inout Int, ignored: Set<String> = []) -> Output {
        var out = Output()
        var imports = Set<String>()
        var body = ""
        var lineNo = 0
        for raw in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNo += 1
            var lineBytes = raw
            if lineBytes.last == 0x0D { lineBytes = lineBytes.dropLast() }
            let line = String(decoding: lineBytes, as: UTF8.self)
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if let name = line.split(separator: ":", maxSplits: 1).first, ignored.contains(String(name)) {
                out.ignored += 1
                continue
            }
            switch rule(String(trimmed)) {
            case .success(let r):
                serial += 1
                imports.formUnion(r.imports)
                body += render(r, serial: serial, origin: "\(origin):\(lineNo)")
                out.translated += 1
            case .failure(let why):
                out.rejected[why.reason, default: 0] += 1
                if out.examples[why.reason] == nil { out.examples[why.reason] = "\(origin):\(lineNo)" }
            }
        }
        out.source = imports.sorted().map { "import \"\($0)\"\n" }.joined() + body
        return out
    }

    static func render(_ r: Rule, serial: Int, origin: String) -> String {
        var ident = "clamav_"
        for u in r.name.unicodeScalars.prefix(96) {
            ident.unicodeScalars.append(u.properties.isASCIIHexDigit || (u.value < 128 && (u.properties.isAlphabetic || u == "_")) ? u : "_")
        }
        ident += "_\(serial)"
        return "rule \(ident) { meta: description = \(yaraQuote(r.name)) clamav_signature = \(yaraQuote(origin)) "
            + "strings: $a = { \(r.hex) } condition: \(r.condition) }\n"
    }

    static func yaraQuote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where u.value < 0x20 || u.value > 0x7E: out += "?"
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    /// One signature line to a rule, or why not. Pure, for table tests.
    public static func rule(_ line: String) -> Result<Rule, Rejection> {
        let f = line.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard f.count >= 4 && f.count <= 6 else { return .failure(Rejection(reason: "malformed line: expected Name:TargetType:Offset:HexSignature[:MinFL[:MaxFL]]")) }
        let name = f[0]
        guard !name.isEmpty else { return .failure(Rejection(reason: "malformed line: empty signature name")) }
        guard let target = Int(f[1]) else { return .failure(Rejection(reason: "malformed line: target type is not a number")) }
        let gate: String?
        switch target {
        case 0: gate = nil
        case 1: gate = "uint16(0) == 0x5A4D and uint32(0x3C) < filesize and uint32(uint32(0x3C)) == 0x00004550"
        case 5: gate = "(uint32(0) == 0x38464947 or uint32(0) == 0x474E5089 or uint16(0) == 0xD8FF or uint16(0) == 0x4D42 or uint32(0) == 0x002A4949 or uint32(0) == 0x2A004D4D)"
        case 6: gate = "uint32(0) == 0x464C457F"
        case 9: gate = "(uint32(0) == 0xFEEDFACE or uint32(0) == 0xFEEDFACF or uint32(0) == 0xCEFAEDFE or uint32(0) == 0xCFFAEDFE or uint32(0) == 0xBEBAFECA)"
        case 10: gate = "uint32(0) == 0x46445025"
        case 12: gate = "uint32(0) == 0xBEBAFECA"
        case 2: return .failure(Rejection(reason: "target type 2 (OLE2): ClamAV matches inside extracted OLE2 streams"))
        case 3: return .failure(Rejection(reason: "target type 3 (HTML): ClamAV matches normalised HTML"))
        case 4: return .failure(Rejection(reason: "target type 4 (mail): ClamAV matches decoded mail parts"))
        case 7: return .failure(Rejection(reason: "target type 7 (ASCII text): ClamAV matches normalised text"))
        case 11: return .failure(Rejection(reason: "target type 11 (Flash): ClamAV matches decompressed SWF"))
        default: return .failure(Rejection(reason: "target type \(target): unknown or reserved"))
        }
        let hex: String
        switch hexSignature(f[3]) {
        case .success(let h): hex = h
        case .failure(let e): return .failure(e)
        }
        let where_: (String, Set<String>)
        switch offset(f[2], target: target) {
        case .success(let o): where_ = o
        case .failure(let e): return .failure(e)
        }
        let condition = [gate, where_.0].compactMap { $0 }.joined(separator: " and ")
        return .success(Rule(name: name, hex: hex, condition: condition, imports: where_.1))
    }

    /// The offset field as a YARA condition on `$a`, and the modules it needs.
    static func offset(_ field: String, target: Int) -> Result<(String, Set<String>), Rejection> {
        if field == "*" { return .success(("$a", [])) }
        var spec = Substring(field)
        var shift: Int?
        if let comma = spec.firstIndex(of: ",") {
            guard let m = Int(spec[spec.index(after: comma)...]), m >= 0 else { return .failure(Rejection(reason: "malformed offset: bad max shift after ','")) }
            shift = m
            spec = spec[..<comma]
        }
        func place(_ base: String, _ module: Set<String> = []) -> Result<(String, Set<String>), Rejection> {
            if let shift { return .success(("$a in (\(base)..\(base) + \(shift))", module)) }
            return .success(("$a at \(base)", module))
        }
        if let n = Int(spec), n >= 0 { return place("\(n)") }
        if spec.hasPrefix("EOF-") {
            guard let n = Int(spec.dropFirst(4)), n >= 0 else { return .failure(Rejection(reason: "malformed offset: EOF-n needs a number")) }
            return place("filesize - \(n)")
        }
        let module: String
        switch target {
        case 1: module = "pe"
        case 6: module = "elf"
        case 9: return .failure(Rejection(reason: "offset \(spec.prefix(2)) on Mach-O: entry points and sections of Mach-O are not translated"))
        default:
            if spec.hasPrefix("EP") || spec.hasPrefix("S") { return .failure(Rejection(reason: "offset EP/Sx/SEx/SL without target type 1 (PE) or 6 (ELF)")) }
            return .failure(Rejection(reason: "unsupported offset form '\(spec)'"))
        }
        func signed(_ s: Substring) -> Int? {
            guard let sign = s.first, sign == "+" || sign == "-", let n = Int(s.dropFirst()), n >= 0 else { return nil }
            return sign == "-" ? -n : n
        }
        func plus(_ base: String, _ n: Int) -> String { n == 0 ? base : n > 0 ? "\(base) + \(n)" : "\(base) - \(-n)" }
        let sections = module == "pe" ? "pe.sections" : "elf.sections"
        let start = module == "pe" ? "raw_data_offset" : "offset"
        let size = module == "pe" ? "raw_data_size" : "size"
        let count = module == "pe" ? "pe.number_of_sections" : "elf.number_of_sections"
        if spec.hasPrefix("EP") {
            guard let n = signed(spec.dropFirst(2)) else { return .failure(Rejection(reason: "malformed offset: EP+n or EP-n")) }
            return place(plus("\(module).entry_point", n), [module])
        }
        if spec.hasPrefix("SE") {
            guard shift == nil, let x = Int(spec.dropFirst(2)), x >= 0 else { return .failure(Rejection(reason: "malformed offset: SEx")) }
            let s = "\(sections)[\(x)]"
            return .success(("$a in (\(s).\(start)..\(s).\(start) + \(s).\(size))", [module]))
        }
        if spec.hasPrefix("SL") {
            guard let n = signed(spec.dropFirst(2)) else { return .failure(Rejection(reason: "malformed offset: SL+n")) }
            return place(plus("\(sections)[\(count) - 1].\(start)", n), [module])
        }
        if spec.hasPrefix("S") {
            let rest = spec.dropFirst()
            guard let signAt = rest.firstIndex(where: { $0 == "+" || $0 == "-" }), let x = Int(rest[..<signAt]), x >= 0,
                  let n = signed(rest[signAt...]) else { return .failure(Rejection(reason: "malformed offset: Sx+n")) }
            return place(plus("\(sections)[\(x)].\(start)", n), [module])
        }
        return .failure(Rejection(reason: "unsupported offset form (VI, macros or unknown)"))
    }

    enum Token: Equatable {
        case byte(UInt8), wild, high(UInt8), low(UInt8)
        case jump(Int, Int?)
        case alternatives([[UInt8]])
    }

    /// ClamAV's hex signature as a YARA hex string body.
    public static func hexSignature(_ sig: String) -> Result<String, Rejection> {
        let c = Array(sig.lowercased().utf8)
        var tokens: [Token] = []
        var i = 0
        func hexValue(_ b: UInt8) -> UInt8? {
            switch b {
            case 48...57: b - 48
            case 97...102: b - 87
            default: nil
            }
        }
        func bad(_ why: String) -> Result<String, Rejection> { .failure(Rejection(reason: "malformed hex signature: \(why)")) }
        while i < c.count {
            let ch = c[i]
            if ch == UInt8(ascii: "*") {
                tokens.append(.jump(0, nil)); i += 1; continue
            }
            if ch == UInt8(ascii: "{") || ch == UInt8(ascii: "[") {
                let close = ch == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                guard let end = c[i...].firstIndex(of: close) else { return bad("unclosed \(Character(UnicodeScalar(ch)))") }
                let inner = String(decoding: c[(i + 1)..<end], as: UTF8.self)
                let parts = inner.split(separator: "-", omittingEmptySubsequences: false)
                var lo = 0, hi: Int?
                if parts.count == 1, let n = Int(parts[0]), n >= 0 { lo = n; hi = n }
                else if parts.count == 2 {
                    if parts[0].isEmpty, let m = Int(parts[1]), m >= 0 { lo = 0; hi = m }
                    else if parts[1].isEmpty, let n = Int(parts[0]), n >= 0, ch == UInt8(ascii: "{") { lo = n; hi = nil }
                    else if let n = Int(parts[0]), let m = Int(parts[1]), n >= 0, m >= n { lo = n; hi = m }
                    else { return bad("jump '\(inner)'") }
                } else { return bad("jump '\(inner)'") }
                tokens.append(.jump(lo, hi))
                i = end + 1
                continue
            }
            if ch == UInt8(ascii: "!") { return .failure(Rejection(reason: "negated alternative !(...): libyara 4.2 has no negated bytes")) }
            if ch == UInt8(ascii: "(") {
                guard let end = c[i...].firstIndex(of: UInt8(ascii: ")")) else { return bad("unclosed (") }
                let inner = Array(c[(i + 1)..<end])
                if inner == Array("b".utf8) || inner == Array("l".utf8) || inner == Array("w".utf8) {
                    return .failure(Rejection(reason: "anchors (B), (L), (W): word and line boundaries are not translated"))
                }
                var alts: [[UInt8]] = []
                for alt in inner.split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false) {
                    guard !alt.isEmpty, alt.count % 2 == 0 else { return bad("alternative '\(String(decoding: alt, as: UTF8.self))'") }
                    var bytes: [UInt8] = []
                    var j = alt.startIndex
                    while j < alt.endIndex {
                        guard let h = hexValue(alt[j]), let l = hexValue(alt[j + 1]) else {
                            return .failure(Rejection(reason: "wildcards or jumps inside an alternative: not translated"))
                        }
                        bytes.append(h << 4 | l)
                        j += 2
                    }
                    alts.append(bytes)
                }
                guard alts.count >= 2 else { return bad("an alternative needs at least two choices") }
                tokens.append(.alternatives(alts))
                i = end + 1
                continue
            }
            guard i + 1 < c.count else { return bad("odd number of hex digits") }
            let a = c[i], b = c[i + 1]
            switch (hexValue(a), hexValue(b), a == UInt8(ascii: "?"), b == UInt8(ascii: "?")) {
            case (let h?, let l?, _, _): tokens.append(.byte(h << 4 | l))
            case (nil, nil, true, true): tokens.append(.wild)
            case (let h?, nil, false, true): tokens.append(.high(h))
            case (nil, let l?, true, false): tokens.append(.low(l))
            default: return bad("'\(String(decoding: [a, b], as: UTF8.self))' is not a byte, ?? or a nibble wildcard")
            }
            i += 2
        }
        // Merge neighbouring jumps: YARA wants one jump between two bytes.
        var merged: [Token] = []
        for t in tokens {
            if case .jump(let lo, let hi) = t, case .jump(let plo, let phi)? = merged.last {
                merged[merged.count - 1] = .jump(plo + lo, phi.flatMap { p in hi.map { p + $0 } })
            } else if case .jump(0, 0) = t {
                continue
            } else {
                merged.append(t)
            }
        }
        guard !merged.isEmpty else { return bad("empty") }
        if case .jump = merged.first! { return .failure(Rejection(reason: "signature starts or ends with a jump")) }
        if case .jump = merged.last! { return .failure(Rejection(reason: "signature starts or ends with a jump")) }
        var run = 0, best = 0
        for t in merged {
            if case .byte = t { run += 1; best = max(best, run) } else { run = 0 }
        }
        guard best >= 2 else { return .failure(Rejection(reason: "no two fixed bytes in a row: nothing to search for")) }
        func h2(_ b: UInt8) -> String { let s = String(b, radix: 16, uppercase: true); return b < 16 ? "0" + s : s }
        let text = merged.map { t -> String in
            switch t {
            case .byte(let b): h2(b)
            case .wild: "??"
            case .high(let h): String(h, radix: 16, uppercase: true) + "?"
            case .low(let l): "?" + String(l, radix: 16, uppercase: true)
            case .jump(let lo, let hi): hi.map { $0 == lo ? "[\(lo)]" : "[\(lo)-\($0)]" } ?? (lo == 0 ? "[-]" : "[\(lo)-]")
            case .alternatives(let alts): "( " + alts.map { $0.map(h2).joined(separator: " ") }.joined(separator: " | ") + " )"
            }
        }
        return .success(text.joined(separator: " "))
    }
}
