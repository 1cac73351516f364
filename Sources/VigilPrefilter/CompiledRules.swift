import CPrefilter
import CYara
import Glibc

// Owns: compiling or loading YARA rules for the prefilter's own tests and benchmark,
// the way the engine's RuleSet does (one namespace, the same externals), so both see
// the same compiled code. Must not: be what the engine uses (it has RuleSet; it hands
// the prefilter its YR_RULES).

public final class CompiledRules: @unchecked Sendable {
    public let handle: UnsafeMutablePointer<YR_RULES>
    public let compileSeconds: Double

    /// The externals the engine defines (RuleSet.externals), empty by default.
    public static let externals = ["filename", "filepath", "extension", "filetype", "owner"]

    private init(_ handle: UnsafeMutablePointer<YR_RULES>, seconds: Double) {
        self.handle = handle
        compileSeconds = seconds
    }

    deinit { yr_rules_destroy(handle) }

    static let initialized: Bool = yr_initialize() == ERROR_SUCCESS

    /// Compiles source files (or source text given as `sources`) into one rule set.
    public static func compile(files: [String] = [], sources: [String] = []) throws(PrefilterError) -> CompiledRules {
        precondition(initialized, "libyara failed to initialize")
        let start = monotonicNow()
        var compiler: UnsafeMutablePointer<YR_COMPILER>?
        guard yr_compiler_create(&compiler) == ERROR_SUCCESS, let compiler else { throw PrefilterError("no compiler") }
        defer { yr_compiler_destroy(compiler) }
        let diagnostics = UnsafeMutablePointer<vigil_yr_diagnostics>.allocate(capacity: 1)
        defer { diagnostics.deallocate() }
        vigil_yr_compiler_collect(compiler, diagnostics)
        for name in externals { _ = yr_compiler_define_string_variable(compiler, name, "") }
        func failure(_ what: String) -> PrefilterError {
            var d = diagnostics.pointee
            let first = withUnsafeBytes(of: &d.items) { raw -> String in
                let list = raw.bindMemory(to: vigil_yr_diagnostic.self)
                for i in 0..<Int(d.count) where list[i].is_warning == 0 {
                    var item = list[i]
                    return withUnsafeBytes(of: &item.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                }
                return "rule compilation failed"
            }
            return PrefilterError("\(what): \(first)")
        }
        for file in files {
            guard let f = fopen(file, "re") else { throw PrefilterError("cannot open \(file)") }
            let errors = yr_compiler_add_file(compiler, f, nil, file)
            fclose(f)
            if errors > 0 { throw failure(file) }
        }
        for (i, text) in sources.enumerated() where yr_compiler_add_string(compiler, text, nil) > 0 {
            throw failure("source \(i)")
        }
        var rules: UnsafeMutablePointer<YR_RULES>?
        guard yr_compiler_get_rules(compiler, &rules) == ERROR_SUCCESS, let rules else { throw PrefilterError("no rules") }
        return CompiledRules(rules, seconds: monotonicNow() - start)
    }

    /// Loads a file written by `yarac` (or `save(to:)`).
    public static func load(compiled path: String) throws(PrefilterError) -> CompiledRules {
        precondition(initialized, "libyara failed to initialize")
        let start = monotonicNow()
        var rules: UnsafeMutablePointer<YR_RULES>?
        guard yr_rules_load(path, &rules) == ERROR_SUCCESS, let rules else { throw PrefilterError("cannot load \(path)") }
        return CompiledRules(rules, seconds: monotonicNow() - start)
    }

    public func save(to path: String) throws(PrefilterError) {
        guard yr_rules_save(handle, path) == ERROR_SUCCESS else { throw PrefilterError("cannot save \(path)") }
    }

    public var count: Int { Int(vigil_yr_rules_count(handle)) }

    public func name(ofRule index: Int) -> String {
        String(cString: vpf_rule_identifier(handle, UInt32(index)))
    }
}
