import CYara
import Glibc
import VigilSystem

/// A compiled YARA rule set. Immutable and shared by every worker; each worker owns
/// its own `YaraScanner` over it (libyara scanners are not thread-safe, rules are).
///
/// Owns: the `YR_RULES` handle and its lifetime. Must not: scan, or know about files.
public final class RuleSet: @unchecked Sendable {
    // Immutable after init; libyara documents YR_RULES as safe to share across scanners.
    let handle: UnsafeMutablePointer<YR_RULES>
    public let ruleCount: Int
    /// The source files (or the one compiled file) it came from.
    public let sources: [String]
    /// Whether any rule may read the `filetype` external, which costs a libmagic call per file.
    public let usesFileType: Bool
    public let compileSeconds: Double
    /// Where each file's rules start in the rules table, in order: a rule's index names
    /// its file in run-time error reports (compiled rules keep no file names).
    private let fileStarts: [(start: Int, file: String)]

    /// External variables every rule set gets, matching what public rule sets expect.
    public static let externals = ["filename", "filepath", "extension", "filetype", "owner"]

    private init(handle: UnsafeMutablePointer<YR_RULES>, sources: [String], fileStarts: [(start: Int, file: String)],
                 usesFileType: Bool, seconds: Double) {
        self.handle = handle
        self.ruleCount = Int(vigil_yr_rules_count(handle))
        self.sources = sources
        self.fileStarts = fileStarts
        self.usesFileType = usesFileType
        self.compileSeconds = seconds
    }

    /// The file the rule at `index` of the rules table was compiled from.
    func file(ofRule index: Int) -> String {
        fileStarts.last { $0.start <= index }?.file ?? sources.first ?? ""
    }

    deinit { yr_rules_destroy(handle) }

    /// Compiles YARA source files into one rule set (one namespace, as the yara CLI does,
    /// so rules may reference private rules in other files).
    public static func compile(files: [String]) throws(RuleError) -> RuleSet {
        YaraLibrary.initialize()
        let start = monotonicSeconds()
        var compiler: UnsafeMutablePointer<YR_COMPILER>?
        guard yr_compiler_create(&compiler) == ERROR_SUCCESS, let compiler else {
            throw RuleError(file: files.first ?? "", line: 0, message: "libyara could not create a compiler (out of memory)")
        }
        defer { yr_compiler_destroy(compiler) }
        let diagnostics = UnsafeMutablePointer<vigil_yr_diagnostics>.allocate(capacity: 1)
        defer { diagnostics.deallocate() }
        vigil_yr_compiler_collect(compiler, diagnostics)
        for name in externals { _ = yr_compiler_define_string_variable(compiler, name, "") }

        var usesFileType = false
        var fileStarts: [(start: Int, file: String)] = []
        for file in files {
            fileStarts.append((Int(vigil_yr_compiler_rule_count(compiler)), file))
            let stream: UnsafeMutablePointer<FILE>
            do { stream = try sysCallPointer { fopen(file, "re") } } catch {
                throw RuleError(file: file, line: 0, message: "cannot open: \(error)")
            }
            let errors = yr_compiler_add_file(compiler, stream, nil, file)
            fclose(stream)
            if errors > 0 {
                throw RuleError.first(in: diagnostics.pointee, defaultFile: file)
            }
            if !usesFileType { usesFileType = (try? fileMentions(file, word: "filetype")) ?? true }
        }
        var rules: UnsafeMutablePointer<YR_RULES>?
        guard yr_compiler_get_rules(compiler, &rules) == ERROR_SUCCESS, let rules else {
            throw RuleError(file: files.first ?? "", line: 0, message: "libyara could not build the rules (out of memory)")
        }
        return RuleSet(handle: rules, sources: files, fileStarts: fileStarts, usesFileType: usesFileType,
                       seconds: monotonicSeconds() - start)
    }

    /// Loads a rules file compiled by `yarac` (same libyara version).
    public static func load(compiled file: String) throws(RuleError) -> RuleSet {
        YaraLibrary.initialize()
        let start = monotonicSeconds()
        var rules: UnsafeMutablePointer<YR_RULES>?
        let rc = yr_rules_load(file, &rules)
        guard rc == ERROR_SUCCESS, let rules else {
            let why = switch rc {
            case ERROR_COULD_NOT_OPEN_FILE: "cannot open"
            case ERROR_INVALID_FILE: "not a compiled YARA rules file"
            case ERROR_UNSUPPORTED_FILE_VERSION: "compiled by another libyara version; recompile with this system's yarac"
            case ERROR_CORRUPT_FILE: "corrupt compiled rules file"
            default: "libyara error \(rc)"
            }
            throw RuleError(file: file, line: 0, message: why)
        }
        // A compiled file does not say which externals its rules read: assume all.
        return RuleSet(handle: rules, sources: [file], fileStarts: [(0, file)], usesFileType: true,
                       seconds: monotonicSeconds() - start)
    }

    /// True when the file starts with libyara's compiled-rules magic.
    public static func isCompiledRulesFile(_ path: String) -> Bool {
        guard let f = fopen(path, "re") else { return false }
        defer { fclose(f) }
        var magic = [UInt8](repeating: 0, count: 4)
        return fread(&magic, 1, 4, f) == 4 && magic == Array("YARA".utf8)
    }

    private static func fileMentions(_ file: String, word: String) throws -> Bool {
        guard let f = fopen(file, "re") else { return true }
        defer { fclose(f) }
        var text = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&chunk, 1, chunk.count, f)
            if n <= 0 { break }
            text.append(contentsOf: chunk[0..<n])
        }
        return String(decoding: text, as: UTF8.self).contains(word)
    }
}

/// A rule that does not compile: file, line and libyara's message.
public struct RuleError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let line: Int
    public let message: String

    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }

    static func first(in d: vigil_yr_diagnostics, defaultFile: String) -> RuleError {
        var items = d.items
        let count = Int(d.count)
        return withUnsafeBytes(of: &items) { raw in
            let list = raw.bindMemory(to: vigil_yr_diagnostic.self)
            for i in 0..<count where list[i].is_warning == 0 {
                var item = list[i]
                let file = withUnsafeBytes(of: &item.file) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                let message = withUnsafeBytes(of: &item.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                return RuleError(file: file.isEmpty ? defaultFile : file, line: Int(item.line), message: message)
            }
            return RuleError(file: defaultFile, line: 0, message: "rule compilation failed")
        }
    }
}

enum YaraLibrary {
    /// yr_initialize is reference-counted and not thread-safe; Swift runs a global's
    /// initializer exactly once, which gives us the once-only call.
    private static let initialized: Bool = yr_initialize() == ERROR_SUCCESS
    static func initialize() { precondition(initialized, "libyara failed to initialize") }
}
