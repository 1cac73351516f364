import CYara
import Glibc
import Synchronization
import VigilPrefilter
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
    /// Whether a rule reads the `filetype` external, which costs a libmagic call per file
    /// (in Vigil's mode). The compiler answers it: `filetype` is declared only when a rule
    /// set does not compile without it (issue 13; a word in a string or comment costs nothing).
    public let usesFileType: Bool
    /// Whether a rule reads LOKI's `md5` external (a digest per file).
    public let usesMD5: Bool
    /// The values its externals get (chosen per rule folder).
    public let externalsMode: ExternalsMode
    public let compileSeconds: Double

    /// Whether a rule imports the YARA module `name` (true when libyara cannot tell, so a
    /// caller preparing for the module prepares). A scan of zero bytes on this thread:
    /// it loads the imported modules here as any scan would.
    public func imports(_ name: String) -> Bool { vigil_yr_rules_import(handle, name) != 0 }
    /// Where each file's rules start in the rules table, in order: a rule's index names
    /// its file in run-time error reports (compiled rules keep no file names).
    private let fileStarts: [(start: Int, file: String)]
    /// The literal prefilter over these rules: built by the first scanner that wants it
    /// (a scan with it off never pays for it), then shared by every worker. Block mode
    /// (files in memory: the daemon) and stream mode (bulk scans reading files in pieces)
    /// are separate databases, each built only when asked for.
    private let prefilterState = Mutex<PrefilterState>(.unbuilt)
    private let streamPrefilterState = Mutex<PrefilterState>(.unbuilt)
    private enum PrefilterState {
        case unbuilt
        case built(Prefilter)
        case refused(String)
    }

    /// External variables a rule set may read, matching what public rule sets expect.
    public static let externals = ["filename", "filepath", "extension", "filetype", "owner"]

    /// libyara's saved form of these rules, made once, in `init`, before any other thread
    /// can see them: `yr_rules_save_stream` (libyara 4.2, arena.c) rewrites every
    /// relocatable pointer of the arena in place as a reference while it writes and puts
    /// them back afterwards, so saving rules another thread reads (a scanner being made,
    /// the prefilter build, a scan) hands that thread references as pointers. The first
    /// sandbox CI crashed a daemon exactly so (SIGSEGV at 0x0000000900000005: buffer 5,
    /// offset 9). nil when not asked for (`keepSaved`: the daemon's scan workers, with
    /// `[scanning] sandbox` on) or when libyara could not save them.
    let saved: [UInt8]?

    /// A scan worker's copy of the stream prefilter its parent compiled from these rules
    /// (WorkerImage): the worker deserializes it instead of compiling its own.
    private let streamSeed: SerializedPrefilter?

    private init(handle: UnsafeMutablePointer<YR_RULES>, sources: [String], fileStarts: [(start: Int, file: String)],
                 usesFileType: Bool, usesMD5: Bool = false, mode: ExternalsMode = .vigil, seconds: Double, keepSaved: Bool = false,
                 streamSeed: SerializedPrefilter? = nil) {
        self.streamSeed = streamSeed
        if keepSaved {
            var length = 0
            if let bytes = vigil_yr_rules_save_memory(handle, &length) {
                saved = Array(UnsafeBufferPointer(start: bytes, count: length))
                free(bytes)
            } else {
                saved = nil
            }
        } else {
            saved = nil
        }
        self.usesMD5 = usesMD5
        self.externalsMode = mode
        self.handle = handle
        self.ruleCount = Int(vigil_yr_rules_count(handle))
        self.sources = sources
        self.fileStarts = fileStarts
        self.usesFileType = usesFileType
        self.compileSeconds = seconds
    }

    /// Every global rule, with the file it came from: one that is false switches off
    /// every rule of its namespace (all of a folder's rules share one), so Vigil's own
    /// rule sets refuse them (Signatures.load's `allowGlobalRules`).
    public var globalRules: [(rule: String, file: String)] {
        var out: [(rule: String, file: String)] = []
        var i: Int32 = 0
        while let name = vigil_yr_rules_next_global(handle, &i) {
            out.append((String(cString: name), file(ofRule: Int(i))))
            i += 1
        }
        return out
    }

    /// The file the rule at `index` of the rules table was compiled from.
    func file(ofRule index: Int) -> String {
        fileStarts.last { $0.start <= index }?.file ?? sources.first ?? ""
    }

    deinit { yr_rules_destroy(handle) }

    /// The prefilter, built on first call; nil when it was refused (a Hyperscan library
    /// that fails the start-up self-test, a database Hyperscan cannot build): libyara
    /// then scans alone, with the same results.
    func prefilter(streaming: Bool = false) -> Prefilter? {
        let handle = handle
        if streaming { return streamPrefilterState.withLock { [streamSeed] in RuleSet.build(&$0, handle, streaming: true, seed: streamSeed) } }
        return prefilterState.withLock { RuleSet.build(&$0, handle, streaming: false, seed: nil) }
    }

    /// The stream prefilter in portable form when it is already built (never built here:
    /// the caller decides who pays for the compile), for a worker image.
    func builtStreamPrefilter() -> SerializedPrefilter? {
        let built: Prefilter? = streamPrefilterState.withLock { state -> Prefilter? in if case .built(let p) = state { return p } else { return nil } }
        return built?.serialized()
    }

    private static func build(_ state: inout PrefilterState, _ handle: UnsafeMutablePointer<YR_RULES>, streaming: Bool,
                              seed: SerializedPrefilter?) -> Prefilter? {
        switch state {
        case .built(let p): return p
        case .refused: return nil
        case .unbuilt:
            do {
                let p = try Prefilter(rules: handle, streaming: streaming, seed: seed)
                state = .built(p)
                return p
            } catch {
                state = .refused("\(error)")
                return nil
            }
        }
    }

    /// Why the prefilter is not in use (nil: built, or never asked for).
    public var prefilterRefusal: String? {
        prefilterState.withLock { if case .refused(let why) = $0 { why } else { nil } }
            ?? streamPrefilterState.withLock { if case .refused(let why) = $0 { why } else { nil } }
    }

    /// Compiles YARA source files into one rule set (one namespace, as the yara CLI does,
    /// so rules may reference private rules in other files). Externals that cost work per
    /// file are declared only if the rules do not compile without them: the compiler's
    /// "undefined identifier" answer is what says a rule reads one. `sources` is YARA
    /// source made in memory (ClamAV body signatures), each named for error messages.
    /// `keepSaved`: also keep libyara's saved form for scan workers (`saved`).
    public static func compile(files: [String], sources: [(name: String, text: String)] = [], mode: ExternalsMode = .vigil,
                               keepSaved: Bool = false) throws(RuleError) -> RuleSet {
        YaraLibrary.initialize()
        let start = monotonicSeconds()
        var optional: Set<String> = []
        while true {
            do {
                return try compileOnce(files: files, sources: sources, mode: mode, declaring: optional, start: start, keepSaved: keepSaved)
            } catch let error {
                let wanted = mode.declaredWhenRead.first { !optional.contains($0) && error.message == "undefined identifier \"\($0)\"" }
                guard let wanted else { throw error }
                optional.insert(wanted)
            }
        }
    }

    private static func compileOnce(files: [String], sources: [(name: String, text: String)], mode: ExternalsMode, declaring optional: Set<String>,
                                    start: Double, keepSaved: Bool) throws(RuleError) -> RuleSet {
        var compiler: UnsafeMutablePointer<YR_COMPILER>?
        guard yr_compiler_create(&compiler) == ERROR_SUCCESS, let compiler else {
            throw RuleError(file: files.first ?? "", line: 0, message: "libyara could not create a compiler (out of memory)")
        }
        defer { yr_compiler_destroy(compiler) }
        let diagnostics = UnsafeMutablePointer<vigil_yr_diagnostics>.allocate(capacity: 1)
        defer { diagnostics.deallocate() }
        vigil_yr_compiler_collect(compiler, diagnostics)
        for name in mode.alwaysDeclared + optional.sorted() { _ = yr_compiler_define_string_variable(compiler, name, "") }

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
        }
        for source in sources {
            fileStarts.append((Int(vigil_yr_compiler_rule_count(compiler)), source.name))
            if yr_compiler_add_string(compiler, source.text, nil) > 0 {
                throw RuleError.first(in: diagnostics.pointee, defaultFile: source.name)
            }
        }
        var rules: UnsafeMutablePointer<YR_RULES>?
        guard yr_compiler_get_rules(compiler, &rules) == ERROR_SUCCESS, let rules else {
            throw RuleError(file: files.first ?? "", line: 0, message: "libyara could not build the rules (out of memory)")
        }
        return RuleSet(handle: rules, sources: files + sources.map(\.name), fileStarts: fileStarts, usesFileType: optional.contains("filetype"),
                       usesMD5: optional.contains("md5"), mode: mode, seconds: monotonicSeconds() - start, keepSaved: keepSaved)
    }

    /// Loads a rules file compiled by `yarac` (same libyara version).
    public static func load(compiled file: String, keepSaved: Bool = false) throws(RuleError) -> RuleSet {
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
        // A compiled file keeps the externals it was compiled with (yarac -d): a rule can
        // read `filetype` only if it was declared.
        return RuleSet(handle: rules, sources: [file], fileStarts: [(0, file)],
                       usesFileType: vigil_yr_rules_declares_external(rules, "filetype") != 0,
                       usesMD5: vigil_yr_rules_declares_external(rules, "md5") != 0,
                       seconds: monotonicSeconds() - start, keepSaved: keepSaved)
    }

    /// True when the file starts with libyara's compiled-rules magic.
    public static func isCompiledRulesFile(_ path: String) -> Bool {
        guard let f = fopen(path, "re") else { return false }
        defer { fclose(f) }
        var magic = [UInt8](repeating: 0, count: 4)
        return fread(&magic, 1, 4, f) == 4 && magic == Array("YARA".utf8)
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

extension RuleSet {
    /// Writes the compiled rules (libyara's own saved form) and what Vigil knows of
    /// them, for a scan worker (WorkerImage.swift); false when libyara could not save.
    func encode(into w: inout ByteWriter) -> Bool {
        // Never saved here: other threads may be reading these rules now (see `saved`).
        guard let saved else { return false }
        w.data(saved)
        w.u32(UInt32(sources.count))
        for s in sources { w.string(s) }
        w.u32(UInt32(fileStarts.count))
        for f in fileStarts { w.int(f.start); w.string(f.file) }
        w.bool(usesFileType)
        w.bool(usesMD5)
        w.string(externalsMode.rawValue)
        w.double(compileSeconds)
        // The stream prefilter, when this process built it: each worker then loads it
        // instead of compiling its own (with many rules the compile dominates a start).
        let seed = builtStreamPrefilter()
        w.bool(seed != nil)
        if let seed {
            w.u64(seed.fingerprint)
            w.bool(seed.streaming)
            w.bool(seed.database != nil)
            w.data(seed.database ?? [])
            for list in [seed.prefilterMode, seed.dropped] {
                w.u32(UInt32(list.count))
                for i in list { w.int(i) }
            }
        }
        return true
    }

    static func decode(from r: inout ByteReader) throws -> RuleSet {
        YaraLibrary.initialize()
        let saved = try r.data("compiled rules")
        var rules: UnsafeMutablePointer<YR_RULES>?
        let rc = saved.withUnsafeBufferPointer { vigil_yr_rules_load_memory($0.baseAddress, $0.count, &rules) }
        guard rc == ERROR_SUCCESS, let rules else { throw RuleError(file: "worker image", line: 0, message: "libyara error \(rc) loading saved rules") }
        do {
            var sources: [String] = []
            for _ in 0..<(try r.count("sources")) { sources.append(try r.string()) }
            var starts: [(start: Int, file: String)] = []
            for _ in 0..<(try r.count("file starts")) { starts.append((try r.int(), try r.string())) }
            let usesFileType = try r.bool(), usesMD5 = try r.bool()
            let mode = ExternalsMode(rawValue: try r.string()) ?? .vigil
            let seconds = try r.double()
            var seed: SerializedPrefilter?
            if try r.bool("prefilter seed") {
                let fingerprint = try r.u64("seed fingerprint"), streaming = try r.bool("seed mode"), hasDatabase = try r.bool("seed database")
                let database = Array(try r.data("seed database"))
                var lists: [[Int]] = []
                for what in ["seed prefilter-mode ids", "seed dropped ids"] {
                    var list: [Int] = []
                    for _ in 0..<(try r.count(what, minimum: 8)) { list.append(try r.int(what)) }
                    lists.append(list)
                }
                seed = SerializedPrefilter(streaming: streaming, fingerprint: fingerprint, database: hasDatabase ? database : nil,
                                           prefilterMode: lists[0], dropped: lists[1])
            }
            return RuleSet(handle: rules, sources: sources, fileStarts: starts, usesFileType: usesFileType, usesMD5: usesMD5, mode: mode,
                           seconds: seconds, streamSeed: seed)
        } catch {
            yr_rules_destroy(rules)
            throw error
        }
    }
}
