import Glibc
import VigilClamDB
import VigilConfig
import VigilSystem

// Owns: finding and loading rule files and hash lists into one set. Must not: scan.

/// Everything a scan checks against: compiled YARA rules and hash lists, loaded from
/// files and folders. Immutable; a reload builds a new one and swaps it in whole.
public final class Signatures: Sendable {
    public let ruleSets: [RuleSet]
    public let hashes: HashList
    public let loadSeconds: Double
    /// Hashes of single PE sections (ClamAV .mdb/.msb), looked up per section (FileScanner).
    public let sectionHashes: HashList
    /// Known-good digests: win over every rule and hash list (Allowlist.swift).
    public let allowlist: Allowlist
    /// Which set this is (RulesVersion.swift): on status, `--version` and every finding.
    public let version: RulesVersion
    /// Files and signatures left out, named and counted (SignatureLoader.swift).
    public let skipped: [SkipNote]
    /// What the load did besides compiling (containers opened, signatures translated).
    public let notes: [String]
    /// The local allowlist files, read again alone by `reloadingAllowlist()`.
    public let allowlistFiles: [String]

    public var ruleCount: Int { ruleSets.reduce(0) { $0 + $1.ruleCount } }
    public var usesFileType: Bool { ruleSets.contains { $0.usesFileType } }
    /// A rule in Vigil's mode reads `filetype`: libmagic runs for every file (issue 13).
    public var usesMimeType: Bool { ruleSets.contains { $0.usesFileType && $0.externalsMode == .vigil } }
    /// A LOKI-mode rule reads `md5`: every file is digested.
    public var usesMD5: Bool { ruleSets.contains { $0.usesMD5 } }

    /// Builds every rule set's literal prefilter now, so that no scan pays for it (the
    /// daemon: before its rules guard an open, and on reload before the swap). Returns
    /// why any was refused (libyara then scans that rule set alone, with the same verdicts).
    @discardableResult
    /// `streaming`: the stream-mode databases bulk scans with `chunkedReads` use.
    public func preparePrefilter(streaming: Bool = false) -> [String] {
        ruleSets.compactMap { $0.prefilter(streaming: streaming) == nil ? ($0.prefilterRefusal ?? "refused") : nil }
    }

    /// Why a rule set's prefilter was refused, if one was (nil: built, or never asked for).
    public var prefilterRefusal: String? { ruleSets.lazy.compactMap(\.prefilterRefusal).first }

    public init(ruleSets: [RuleSet], hashes: HashList, loadSeconds: Double = 0, allowlist: Allowlist = .empty,
                version: RulesVersion = .none, skipped: [SkipNote] = [], notes: [String] = [], allowlistFiles: [String] = [],
                sectionHashes: HashList = .empty) {
        self.ruleSets = ruleSets
        self.hashes = hashes
        self.sectionHashes = sectionHashes
        self.loadSeconds = loadSeconds
        self.allowlist = allowlist
        self.version = version
        self.skipped = skipped
        self.notes = notes
        self.allowlistFiles = allowlistFiles
    }

    public static let ruleExtensions: Set<String> = ["yar", "yara"]
    public static let compiledExtensions: Set<String> = ["yarc", "yrc"]

    /// Sorted files under the given files and folders, split by kind. Hidden files and
    /// folders are skipped (editors' swap files, `.git`).
    public struct Sources: Sendable {
        public var ruleFiles: [String] = []
        /// Each rule file's externals mode (from `.vigil-externals` in its folder or above).
        public var modes: [String: ExternalsMode] = [:]
        public var compiledFiles: [String] = []
        public var hashFiles: [String] = []
        /// ClamAV databases other than plain hash lists, and allowlists (SignatureLoader.swift).
        public var clamFiles: [String] = []
        /// Files in the folders that are none of the above: reported as skipped.
        public var otherFiles: [String] = []
    }

    public static func collect(_ paths: [String]) throws(SignatureError) -> Sources {
        var sources = Sources()
        for path in paths {
            var st = stat()
            do { _ = try sysCall { stat(path, &st) } } catch {
                throw .missing(path, error.description)
            }
            let files = st.isDirectory ? listFiles(under: path) : [path]
            for file in files {
                let ext = RawPath(file).fileExtension
                if ruleExtensions.contains(ext) {
                    sources.ruleFiles.append(file)
                    sources.modes[file] = ExternalsMode.of(ruleFile: file, root: st.isDirectory ? path : file)
                }
                else if compiledExtensions.contains(ext) { sources.compiledFiles.append(file) }
                else if HashList.fileExtensions.contains(ext) { sources.hashFiles.append(file) }
                else if ClamKind.of(extension: ext) != nil || Allowlist.fileExtensions.contains(ext) { sources.clamFiles.append(file) }
                else if st.isDirectory { sources.otherFiles.append(file) }
                else if !st.isDirectory {
                    // Named explicitly: a compiled rules file may have any name.
                    if RuleSet.isCompiledRulesFile(file) { sources.compiledFiles.append(file) }
                    else { throw .unknownKind(file) }
                }
            }
        }
        return sources
    }

    /// `allowGlobalRules: false` for the rules Vigil guards with (the daemon, `vigil
    /// rules check`): a planted `global rule ... condition: false` would switch every
    /// rule off, and Vigil would then seal and defend it. On-demand `vigil scan -d`
    /// keeps yara's semantics.
    /// `keepSavedRules`: for the daemon's sandboxed scan workers (RuleSet.saved).
    public static func load(_ paths: [String], allowlistFiles: [String] = [], allowGlobalRules: Bool = true,
                            keepSavedRules: Bool = false) throws(SignatureError) -> Signatures {
        let s = try loadAll(paths, allowlistFiles: allowlistFiles, keepSavedRules: keepSavedRules)
        if !allowGlobalRules, let (rule, file) = s.ruleSets.lazy.flatMap(\.globalRules).first {
            throw .globalRule(file: file, line: RuleLint.line(ofRule: rule, in: file), rule: rule)
        }
        return s
    }

    static func listFiles(under root: String) -> [String] {
        var out: [String] = []
        var stack = [root]
        while let dir = stack.popLast() {
            for entry in listDirectory(dir) {
                let name = entry.text
                if name.hasPrefix(".") { continue }
                let full = dir.hasSuffix("/") ? dir + name : dir + "/" + name
                var st = stat()
                guard stat(full, &st) == 0 else { continue }
                if st.isDirectory { stack.append(full) } else if st.isRegular { out.append(full) }
            }
        }
        return out.sorted()
    }

    /// Where the signatures that ship with Vigil are: `$VIGIL_SIGNATURES`, the installed
    /// copy, or the `Signatures/` folder of the source tree the binary was built in.
    public static func bundledDirectory() -> String? {
        var candidates: [String] = []
        if let env = getenv("VIGIL_SIGNATURES") { candidates.append(String(cString: env)) }
        candidates += [Paths.localSignatures, Paths.bundledSignatures]
        if let exe = realpathString("/proc/self/exe") {
            var dir = exe
            for _ in 0..<6 {
                guard let slash = dir.lastIndex(of: "/") else { break }
                dir = String(dir[..<slash])
                candidates.append((dir.isEmpty ? "" : dir) + "/Signatures")
            }
        }
        return candidates.first { path in
            var st = stat()
            return stat(path, &st) == 0 && st.isDirectory
        }
    }
}

public enum SignatureError: Error, CustomStringConvertible, Sendable {
    case missing(String, String)
    case unknownKind(String)
    case empty([String])
    case rule(RuleError)
    case hashList(HashListError)
    /// A ClamAV container or database file that cannot be read as one.
    case container(String, String)
    /// A global rule in rules that do not allow them; line 0 when unknown (compiled rules).
    case globalRule(file: String, line: Int, rule: String)

    public var description: String {
        switch self {
        case .missing(let p, let why): "\(p): \(why)"
        case .unknownKind(let p): "\(p): not a YARA rule file (.yar, .yara), compiled rules (.yarc), hash list (.hdb, .hsb, .sha256, ...), ClamAV database (.cvd, .ndb, .fp, ...) or allowlist (.allow)"
        case .empty(let p): "no YARA rules or hash lists found in \(p.joined(separator: ", "))"
        case .rule(let e): e.description
        case .hashList(let e): e.description
        case .container(let p, let why): "\(p): \(why)"
        case .globalRule(let file, let line, let rule):
            "\(file):\(line): global rule \(rule) refused: a global rule that is false switches every rule off "
                + "(a planted `global rule ... condition: false` blinds Vigil); allow with [signatures] allow_global_rules = true"
        }
    }
}
