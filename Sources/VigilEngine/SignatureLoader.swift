import VigilSystem
import Glibc
import VigilClamDB

/// Loading a whole signature set: YARA sources and compiled rules, hash lists, ClamAV
/// databases (containers, loose hash files, `.ndb` body signatures translated to YARA,
/// `.fp`/`.sfp` allowlists), Vigil allowlists, and the set's version. Everything that is
/// left out is named and counted in `skipped`, never dropped in silence.
///
/// Owns: routing each file (or container member) to its reader, and the load report.
/// Must not: scan, or keep anything but the finished Signatures.
extension Signatures {
    /// What a ClamAV database or allowlist file contributed before compiling.
    struct Gathered {
        var hashTexts: [(name: String, text: String)] = []
        var sectionTexts: [(name: String, text: String)] = []
        var allowTexts: [(name: String, text: String)] = []
        var bodyFiles: [(name: String, bytes: ArraySlice<UInt8>)] = []
        var ignoredNames: Set<String> = []
        var skipped: [SkipNote] = []
        var notes: [String] = []
    }

    /// Signatures from `paths`, with `allowlistFiles` (the local allowlist) on top.
    /// `keepSavedRules`: rule sets also keep libyara's saved form (RuleSet.saved) for scan workers.
    public static func loadAll(_ paths: [String], allowlistFiles: [String] = [], keepSavedRules: Bool = false) throws(SignatureError) -> Signatures {
        let start = monotonicSeconds()
        // Resolve once: a `current` link swapped during the load must not mix two versions.
        let resolved = paths.map { realpathString($0) ?? $0 }
        let sources = try collect(resolved)
        if sources.ruleFiles.isEmpty && sources.compiledFiles.isEmpty && sources.hashFiles.isEmpty && sources.clamFiles.isEmpty {
            throw .empty(paths)
        }
        var g = Gathered()
        for file in sources.clamFiles { try gather(file: file, into: &g) }
        for file in sources.otherFiles where !isDocumentation(file) {
            g.skipped.append(SkipNote(origin: file, count: 0, reason: "not a signature file (extension '.\(RawPath(file).fileExtension)')"))
        }
        // Body signatures become YARA source compiled with the rule files.
        var translated: [(name: String, text: String)] = []
        var serial = 0
        for body in g.bodyFiles {
            let out = NDBTranslator.translate(body.bytes, origin: body.name, serial: &serial, ignored: g.ignoredNames)
            if out.translated > 0 { translated.append((body.name, out.source)) }
            g.notes.append("\(body.name): \(out.translated) body signatures translated to YARA rules"
                           + (out.ignored > 0 ? ", \(out.ignored) ignored by .ign/.ign2" : ""))
            for (reason, count) in out.rejected.sorted(by: { $0.key < $1.key }) {
                g.skipped.append(SkipNote(origin: body.name, count: count, reason: reason + " (first: \(out.examples[reason] ?? "?"))"))
            }
        }
        var sets: [RuleSet] = []
        do {
            // One rule set per externals mode: their externals get different values. The
            // translated body signatures read no externals: they go with Vigil's own.
            for mode in ExternalsMode.allCases {
                let files = sources.ruleFiles.filter { (sources.modes[$0] ?? .vigil) == mode }
                let made = mode == .vigil ? translated : []
                if !files.isEmpty || !made.isEmpty { sets.append(try RuleSet.compile(files: files, sources: made, mode: mode, keepSaved: keepSavedRules)) }
            }
            for file in sources.compiledFiles { sets.append(try RuleSet.load(compiled: file, keepSaved: keepSavedRules)) }
        } catch { throw .rule(error) }
        let hashes: HashList
        let sectionHashes: HashList
        let allowlist: Allowlist
        do throws(HashListError) {
            var texts: [(name: String, text: String)] = []
            for file in sources.hashFiles {
                do { texts.append((file, try readTextFile(file))) } catch {
                    throw HashListError(file: file, line: 0, message: "cannot read: \(error)")
                }
            }
            texts += g.hashTexts
            if !g.ignoredNames.isEmpty { texts = texts.map { ($0.name, dropIgnored($0.text, g.ignoredNames)) } }
            hashes = try HashList.load(texts: texts)
            sectionHashes = try HashList.load(texts: g.sectionTexts)
            let rulesAllow = g.allowTexts.isEmpty ? [] : [try HashList.load(texts: g.allowTexts, verdict: .allow)]
            allowlist = Allowlist(fromRules: rulesAllow, local: try Allowlist.loadLocal(allowlistFiles))
        } catch { throw .hashList(error) }
        let version = RulesVersion.of(paths: resolved, files: sources.ruleFiles + sources.compiledFiles + sources.hashFiles + sources.clamFiles)
        return Signatures(ruleSets: sets, hashes: hashes, loadSeconds: monotonicSeconds() - start, allowlist: allowlist,
                          version: version, skipped: g.skipped, notes: g.notes, allowlistFiles: allowlistFiles,
                          sectionHashes: sectionHashes)
    }

    /// One ClamAV database, allowlist or container file.
    static func gather(file: String, into g: inout Gathered) throws(SignatureError) {
        let ext = RawPath(file).fileExtension.lowercased()
        guard let bytes = readWholeFile(file, limit: Int.max) else {
            throw .container(file, "cannot read: \(String(cString: strerror(errno)))")
        }
        if Allowlist.fileExtensions.contains(ext) {
            g.allowTexts.append((file, String(decoding: bytes, as: UTF8.self)))
            return
        }
        if ClamKind.of(extension: ext) == .container {
            let container: CVDContainer
            do { container = try CVDContainer.open(bytes, name: file) } catch { throw .container(file, error.message) }
            g.notes.append("\(file): ClamAV container version \(container.header.version) (\(container.header.buildTime)), "
                           + "\(container.members.count) files" + (container.checks.isEmpty ? "" : "; " + container.checks.joined(separator: "; ")))
            for m in container.members {
                let name = m.name.split(separator: "/").last.map(String.init) ?? m.name
                route(name: "\(file)!\(name)", ext: RawPath(name).fileExtension.lowercased(), bytes: m.bytes, into: &g)
            }
            return
        }
        route(name: file, ext: ext, bytes: bytes[...], into: &g)
    }

    static func route(name: String, ext: String, bytes: ArraySlice<UInt8>, into g: inout Gathered) {
        switch ClamKind.of(extension: ext) {
        case .fileHashes?: g.hashTexts.append((name, String(decoding: bytes, as: UTF8.self)))
        case .sectionHashes?:
            let text = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                .map(sectionHashLineAsHashLine).joined(separator: "\n")
            g.sectionTexts.append((name, text))
        case .allowlist?: g.allowTexts.append((name, String(decoding: bytes, as: UTF8.self)))
        case .bodySignatures?: g.bodyFiles.append((name, bytes))
        case .container?: g.skipped.append(SkipNote(origin: name, count: 0, reason: "a container inside a container"))
        case .unsupported(let why)?:
            let n = signatureLineCount(Array(bytes))
            if n > 0 { g.skipped.append(SkipNote(origin: name, count: n, reason: why)) }
        case .metadata(let what)?:
            if ext == "ign" || ext == "ign2" {
                for line in bytes.split(separator: 0x0A) {
                    let text = String(decoding: line, as: UTF8.self).trimmed(of: " \r\t")
                    if text.isEmpty || text.hasPrefix("#") { continue }
                    // .ign2: NAME or NAME:MD5-of-the-line; the name is what we match.
                    g.ignoredNames.insert(String(text.split(separator: ":").first ?? ""))
                }
            } else if ext != "info" {
                g.notes.append("\(name): \(what)")
            }
        case nil:
            g.skipped.append(SkipNote(origin: name, count: 0, reason: "unknown ClamAV database type '.\(ext)'"))
        }
    }

    /// README.md, LICENSE, COPYING: a rules folder's documentation, not a skipped signature file.
    static func isDocumentation(_ file: String) -> Bool {
        let name = (file.split(separator: "/").last.map(String.init) ?? file).uppercased()
        return name.hasSuffix(".MD") || ["README", "LICENSE", "COPYING", "NOTICE", "AUTHORS"].contains { name.hasPrefix($0) }
    }

    /// Hash lines whose NAME (third field) an ignore list names, removed.
    static func dropIgnored(_ text: String, _ names: Set<String>) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            let f = line.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
            return !(f.count >= 3 && names.contains(String(f[2])))
        }.joined(separator: "\n")
    }

    /// The same rules and hash lists with the local allowlist read again (`vigil allow
    /// add`, `allowlist-reload`): no recompilation, the compiled rules are shared.
    public func reloadingAllowlist() throws(HashListError) -> Signatures {
        let local = try Allowlist.loadLocal(allowlistFiles)
        return Signatures(ruleSets: ruleSets, hashes: hashes, loadSeconds: loadSeconds, allowlist: allowlist.replacingLocal(local),
                          version: version, skipped: skipped, notes: notes, allowlistFiles: allowlistFiles, sectionHashes: sectionHashes)
    }

    /// Everything left out, one line each, for start-up, reload and `vigil rules check`.
    public var skippedLines: [String] { skipped.map(\.description) }
    public var skippedSignatureCount: Int { skipped.reduce(0) { $0 + $1.count } }
}

extension String {
    func trimmed(of set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
