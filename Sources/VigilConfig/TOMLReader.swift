import VigilSystem

// Owns: TOML syntax, both ways (parse, quote). Must not: know any setting.

/// A reader for the part of TOML that Vigil's config uses: `[table]`, `[[array.of.tables]]`,
/// `key = value` with strings, integers, booleans and (multi-line) arrays, and comments.
///
/// Why not a general TOML library: every config error must name the key and its line
/// ("vigil.toml:12: limits.on_timeout: ..."), including errors found after parsing
/// (unknown keys, wrong types, bad values); the available libraries keep no per-key
/// positions. Anything outside this subset is a clear error, never a silent misread.
public struct TOMLDocument: Sendable {
    public enum Value: Sendable, Equatable {
        case string(String)
        case integer(Int64)
        case bool(Bool)
        case array([Value])

        var typeName: String {
            switch self {
            case .string: "a string"
            case .integer: "an integer"
            case .bool: "a boolean"
            case .array: "an array"
            }
        }
        /// The value as an error message names what it found: a string quoted, else its type.
        var found: String {
            if case .string(let s) = self { "\"\(s)\"" } else { typeName }
        }
    }

    public struct Entry: Sendable {
        public let key: String
        public let value: Value
        public let line: Int
    }

    public struct Table: Sendable {
        /// "" for the top level.
        public let name: String
        public let isArrayElement: Bool
        public let line: Int
        public var entries: [Entry] = []
    }

    public var tables: [Table]

    public static func parse(_ text: String, file: String) throws(ConfigError) -> TOMLDocument {
        var parser = Parser(lines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), file: file)
        return try parser.parse()
    }

    private struct Parser {
        let lines: [String]
        let file: String
        var index = 0

        init(lines: [String], file: String) {
            self.lines = lines
            self.file = file
        }

        mutating func parse() throws(ConfigError) -> TOMLDocument {
            var tables = [Table(name: "", isArrayElement: false, line: 0)]
            var seenTables: Set<String> = [""]
            while index < lines.count {
                let lineNo = index + 1
                var s = Scanner(text: lines[index])
                index += 1
                s.skipSpace()
                if s.atEnd || s.peek == "#" { continue }
                if s.peek == "[" {
                    let isArray = s.consume("[[")
                    if !isArray { _ = s.consume("[") }
                    s.skipSpace()
                    guard let name = s.tableName() else { throw error(lineNo, "invalid table name") }
                    s.skipSpace()
                    guard s.consume(isArray ? "]]" : "]") else { throw error(lineNo, "expected '\(isArray ? "]]" : "]")' after the table name") }
                    s.skipSpace()
                    guard s.atEnd || s.peek == "#" else { throw error(lineNo, "unexpected text after the table header") }
                    if !isArray {
                        guard seenTables.insert(name).inserted else { throw error(lineNo, "table [\(name)] is defined twice") }
                    }
                    tables.append(Table(name: name, isArrayElement: isArray, line: lineNo))
                    continue
                }
                guard let key = s.key() else { throw error(lineNo, "expected 'key = value'") }
                if s.peek == "." { throw error(lineNo, "dotted keys are not supported; use a [table]") }
                s.skipSpace()
                guard s.consume("=") else { throw error(lineNo, "expected '=' after '\(key)'") }
                s.skipSpace()
                let value = try readValue(&s, line: lineNo, key: key)
                s.skipSpace()
                guard s.atEnd || s.peek == "#" else { throw error(lineNo, "unexpected text after the value of '\(key)'") }
                if tables[tables.count - 1].entries.contains(where: { $0.key == key }) {
                    throw error(lineNo, "'\(key)' is set twice in the same table")
                }
                tables[tables.count - 1].entries.append(Entry(key: key, value: value, line: lineNo))
            }
            return TOMLDocument(tables: tables)
        }

        /// Reads a value; arrays may continue over the following lines.
        mutating func readValue(_ s: inout Scanner, line: Int, key: String) throws(ConfigError) -> Value {
            guard let c = s.peek else { throw error(line, "missing value for '\(key)'") }
            switch c {
            case "\"":
                guard let str = s.basicString() else { throw error(line, "unterminated or invalid string for '\(key)'") }
                return .string(str)
            case "'":
                guard let str = s.literalString() else { throw error(line, "unterminated string for '\(key)'") }
                return .string(str)
            case "[":
                _ = s.consume("[")
                var items: [Value] = []
                while true {
                    try skipToContent(&s, line: line, key: key)
                    if s.consume("]") { return .array(items) }
                    items.append(try readValue(&s, line: index, key: key))
                    s.skipSpace()
                    if s.consume(",") { continue }
                    try skipToContent(&s, line: line, key: key)
                    if s.consume("]") { return .array(items) }
                    throw error(index, "expected ',' or ']' in the array for '\(key)'")
                }
            default:
                let word = s.word()
                if word == "true" { return .bool(true) }
                if word == "false" { return .bool(false) }
                let digits = word.replacingUnderscores()
                if let n = Int64(digits) { return .integer(n) }
                if word.isEmpty { throw error(line, "missing value for '\(key)'") }
                throw error(line, "'\(word)' is not a value (strings need quotes)")
            }
        }

        /// Inside an array: moves past blanks and comments, onto the next lines if needed.
        mutating func skipToContent(_ s: inout Scanner, line: Int, key: String) throws(ConfigError) {
            s.skipSpace()
            while s.atEnd || s.peek == "#" {
                guard index < lines.count else { throw error(line, "unterminated array for '\(key)'") }
                s = Scanner(text: lines[index])
                index += 1
                s.skipSpace()
            }
        }

        func error(_ line: Int, _ message: String) -> ConfigError { ConfigError(file: file, line: line, key: nil, message: message) }
    }

    struct Scanner {
        let chars: [Character]
        var pos = 0
        init(text: String) { chars = Array(text.hasSuffix("\r") ? String(text.dropLast()) : text) }
        var atEnd: Bool { pos >= chars.count }
        var peek: Character? { atEnd ? nil : chars[pos] }
        mutating func skipSpace() { while let c = peek, c == " " || c == "\t" { pos += 1 } }
        mutating func consume(_ s: String) -> Bool {
            let cs = Array(s)
            guard pos + cs.count <= chars.count, Array(chars[pos..<(pos + cs.count)]) == cs else { return false }
            pos += cs.count
            return true
        }
        static func isBare(_ c: Character) -> Bool { c.isLetter && c.isASCII || c.isNumber && c.isASCII || c == "_" || c == "-" }
        mutating func key() -> String? {
            if peek == "\"" { return basicString() }
            let start = pos
            while let c = peek, Scanner.isBare(c) { pos += 1 }
            return pos > start ? String(chars[start..<pos]) : nil
        }
        mutating func tableName() -> String? {
            var parts: [String] = []
            while true {
                skipSpace()
                guard let k = key() else { return nil }
                parts.append(k)
                skipSpace()
                if !consume(".") { break }
            }
            return parts.joined(separator: ".")
        }
        mutating func word() -> String {
            let start = pos
            while let c = peek, c != " " && c != "\t" && c != "," && c != "]" && c != "#" { pos += 1 }
            return String(chars[start..<pos])
        }
        mutating func literalString() -> String? {
            guard consume("'") else { return nil }
            let start = pos
            while let c = peek, c != "'" { pos += 1 }
            guard peek == "'" else { return nil }
            let s = String(chars[start..<pos])
            pos += 1
            return s
        }
        mutating func basicString() -> String? {
            guard consume("\"") else { return nil }
            var out = ""
            while let c = peek {
                pos += 1
                switch c {
                case "\"": return out
                case "\\":
                    guard let e = peek else { return nil }
                    pos += 1
                    switch e {
                    case "n": out.append("\n")
                    case "t": out.append("\t")
                    case "r": out.append("\r")
                    case "\\": out.append("\\")
                    case "\"": out.append("\"")
                    case "u", "U":
                        let n = e == "u" ? 4 : 8
                        guard pos + n <= chars.count, let v = UInt32(String(chars[pos..<(pos + n)]), radix: 16),
                              let scalar = Unicode.Scalar(v) else { return nil }
                        out.unicodeScalars.append(scalar)
                        pos += n
                    default: return nil
                    }
                default: out.append(c)
                }
            }
            return nil
        }
    }
}

extension TOMLDocument {
    /// `s` as a TOML basic string, which `parse` reads back exactly: quotes, backslashes
    /// and control characters escaped (the rendered and installed configs use it).
    public static func quote(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20 || u.value == 0x7F:
                let h = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}

extension String {
    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}

/// A configuration error: file, line, key and what is wrong.
public struct ConfigError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let line: Int
    public let key: String?
    public let message: String

    public var description: String {
        let place = line > 0 ? "\(file):\(line)" : file
        if let key { return "\(place): \(key): \(message)" }
        return "\(place): \(message)"
    }
}
