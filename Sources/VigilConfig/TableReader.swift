import VigilSystem

/// Typed access to one table of a parsed config, with errors that name file, line and
/// key ("vigil.toml:12: limits.on_timeout: ...").
///
/// Owns: turning TOML values into typed settings. Must not: know which keys exist (each
/// section's reader says).
struct TableReader {
    let file: String
    let table: TOMLDocument.Table

    func full(_ key: String) -> String { table.name.isEmpty ? key : "\(table.name).\(key)" }
    func entry(_ key: String) -> TOMLDocument.Entry? { table.entries.first { $0.key == key } }
    func bad(_ key: String, _ message: String) -> ConfigError {
        ConfigError(file: file, line: entry(key)?.line ?? table.line, key: full(key), message: message)
    }
    func only(_ keys: Set<String>) throws(ConfigError) {
        if let e = table.entries.first(where: { !keys.contains($0.key) }) {
            throw ConfigError(file: file, line: e.line, key: full(e.key),
                              message: "unknown setting (known in [\(table.name)]: \(keys.sorted().joined(separator: ", ")))")
        }
    }
    func string(_ key: String) throws(ConfigError) -> String? {
        guard let e = entry(key) else { return nil }
        guard case .string(let s) = e.value else { throw bad(key, "expected a string, found \(e.value.typeName)") }
        return s
    }
    func path(_ key: String) throws(ConfigError) -> String? {
        guard let s = try string(key) else { return nil }
        guard s.hasPrefix("/") else { throw bad(key, "'\(s)' must be an absolute path") }
        return s
    }
    func int(_ key: String) throws(ConfigError) -> Int? {
        guard let e = entry(key) else { return nil }
        guard case .integer(let n) = e.value else { throw bad(key, "expected an integer, found \(e.value.typeName)") }
        return Int(n)
    }
    func bool(_ key: String) throws(ConfigError) -> Bool? {
        guard let e = entry(key) else { return nil }
        guard case .bool(let b) = e.value else { throw bad(key, "expected true or false, found \(e.value.typeName)") }
        return b
    }
    func strings(_ key: String) throws(ConfigError) -> [String]? {
        guard let e = entry(key) else { return nil }
        guard case .array(let items) = e.value else { throw bad(key, "expected an array of strings, found \(e.value.typeName)") }
        var out: [String] = []
        for item in items {
            guard case .string(let s) = item else { throw bad(key, "expected an array of strings, found \(item.typeName) in it") }
            out.append(s)
        }
        return out
    }
    func paths(_ key: String) throws(ConfigError) -> [String]? {
        guard let list = try strings(key) else { return nil }
        if let rel = list.first(where: { !$0.hasPrefix("/") }) { throw bad(key, "'\(rel)' must be an absolute path") }
        return list
    }
    func ints(_ key: String) throws(ConfigError) -> [Int]? {
        guard let e = entry(key) else { return nil }
        guard case .array(let items) = e.value else { throw bad(key, "expected an array of integers, found \(e.value.typeName)") }
        var out: [Int] = []
        for item in items {
            guard case .integer(let n) = item else { throw bad(key, "expected an array of integers, found \(item.typeName) in it") }
            out.append(Int(n))
        }
        return out
    }
    func response(_ key: String) throws(ConfigError) -> Fanotify.Response? {
        guard let s = try string(key) else { return nil }
        switch s {
        case "allow": return .allow
        case "deny": return .deny
        default: throw bad(key, "must be \"allow\" (fail open) or \"deny\" (fail closed), not \"\(s)\"")
        }
    }
    /// A span like "30d" (s, m, h, d, w) or a number of seconds.
    func duration(_ key: String) throws(ConfigError) -> Int64? {
        guard let e = entry(key) else { return nil }
        switch e.value {
        case .integer(let n) where n >= 0: return n
        case .string(let s):
            guard let n = parseDuration(s) else { throw bad(key, "'\(s)' is not a span like \"30d\" (s, m, h, d, w)") }
            return n
        default: throw bad(key, "expected a span like \"30d\" or a number of seconds")
        }
    }
    func size(_ key: String) throws(ConfigError) -> Int64? {
        guard let e = entry(key) else { return nil }
        switch e.value {
        case .integer(let n) where n >= 0: return n
        case .string(let s):
            guard let n = parseByteSize(s) else { throw bad(key, "'\(s)' is not a size like \"64M\"") }
            return n
        default: throw bad(key, "expected a size like \"64M\" or a number of bytes")
        }
    }
}

