// vigil-prefilter-bench: measures and explains the literal prefilter (issue 14) beside
// libyara alone, on the same bytes in memory. A benchmark and a diagnostic tool, not
// part of the product.
//
//   vigil-prefilter-bench explain RULE.yar...                 patterns, precision, always-run rules
//   vigil-prefilter-bench build RULE.yar...                   build time and memory of the database
//   vigil-prefilter-bench scan [--reps N] [--max-files N] RULE.yar... -- PATH...
//                                                             skip rate, decisions, time per file
//                                                             (on and off, interleaved), parity
//
// Owns: command-line measurement. Must not: be used by the daemon.
import CPrefilter
import Glibc
import VigilPrefilter

func fail(_ message: String) -> Never {
    var e = FileHandleStderr(); print("vigil-prefilter-bench: \(message)", to: &e)
    exit(2)
}

struct FileHandleStderr: TextOutputStream {
    mutating func write(_ s: String) { _ = s.withCString { Glibc.write(2, $0, strlen($0)) } }
}

func now() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

func rss() -> Int {
    guard let f = fopen("/proc/self/status", "re") else { return 0 }
    defer { fclose(f) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, 256, f) != nil {
        let s = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if s.hasPrefix("VmRSS:") { return Int(s.split(separator: " ").dropFirst().first ?? "0") ?? 0 }
    }
    return 0
}

func loadRules(_ paths: [String]) -> CompiledRules {
    do {
        if paths.count == 1, let f = fopen(paths[0], "re") {
            var magic = [UInt8](repeating: 0, count: 4)
            let n = fread(&magic, 1, 4, f)
            fclose(f)
            if n == 4 && magic == Array("YARA".utf8) { return try CompiledRules.load(compiled: paths[0]) }
        }
        return try CompiledRules.compile(files: paths)
    } catch { fail("\(error)") }
}

/// Regular files under `paths`, in walk order.
func files(_ paths: [String], limit: Int) -> [String] {
    var out: [String] = []
    func walk(_ p: String) {
        guard out.count < limit else { return }
        var st = stat()
        guard lstat(p, &st) == 0 else { return }
        if (st.st_mode & S_IFMT) == S_IFREG { out.append(p); return }
        guard (st.st_mode & S_IFMT) == S_IFDIR, let d = opendir(p) else { return }
        var names: [String] = []
        while let e = readdir(d) {
            let name = withUnsafePointer(to: e.pointee.d_name) { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
            if name != "." && name != ".." { names.append(name) }
        }
        closedir(d)
        for n in names.sorted() { walk(p == "/" ? "/" + n : p + "/" + n) }
    }
    for p in paths { walk(p) }
    return out
}

func readAll(_ path: String, max: Int) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, Int(st.st_size) <= max else { return nil }
    var buf = [UInt8](repeating: 0, count: Int(st.st_size))
    var off = 0
    while off < buf.count {
        let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + off, $0.count - off, off_t(off)) }
        if n <= 0 { return nil }
        off += n
    }
    return buf
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}

func fmt(_ v: Double, _ digits: Int = 1) -> String {
    var buf = [CChar](repeating: 0, count: 64)
    _ = withVaList([v]) { vsnprintf(&buf, 64, "%.\(digits)f", $0) }
    return String(cString: buf)
}

var args = Array(CommandLine.arguments.dropFirst())
guard let command = args.first else { fail("usage: explain|build|scan ... (see the source header)") }
args.removeFirst()
var reps = 3
var maxFiles = 1_000_000
var maxSize = 64 << 20
while let a = args.first, a.hasPrefix("--"), a != "--" {
    args.removeFirst()
    guard let v = args.first.flatMap({ Int($0) }) else { fail("\(a) needs a number") }
    args.removeFirst()
    switch a {
    case "--reps": reps = v
    case "--max-files": maxFiles = v
    case "--max-size": maxSize = v
    default: fail("unknown option \(a)")
    }
}
let split = args.firstIndex(of: "--")
let rulePaths = split.map { Array(args[..<$0]) } ?? args
let targets = split.map { Array(args[($0 + 1)...]) } ?? []

switch command {
case "explain":
    let rules = loadRules(rulePaths)
    let p: Prefilter
    do { p = try Prefilter(rules: rules.handle) } catch { fail("\(error)") }
    let plan = p.plan
    var byPart = [[StringPattern]](repeating: [], count: plan.head.count)
    for x in plan.patterns { byPart[Int(x.part)].append(x) }
    for i in plan.head.indices {
        let pats = byPart[i]
        print("\(rules.name(ofRule: Int(plan.rule[i]))) \(plan.identifier[i]) [\(plan.kind[i]), \(plan.precision[i].rawValue)\(plan.head[i] != UInt32(i) ? ", chained" : "")]")
        for x in pats.prefix(6) { print("    \(x.caseless ? "(?i)" : "")\(x.expression)\(x.matchEnd.map { " @end=\($0)" } ?? "")") }
        if pats.count > 6 { print("    ... \(pats.count - 6) more") }
    }
    for (r, c) in p.conditions.enumerated() where c.canMatchWithoutStrings {
        print("always runs: \(rules.name(ofRule: r)) (\(c.reason ?? "?"))")
    }
    let s = p.statistics
    print("rules \(s.rules), string parts \(s.strings), patterns \(s.patterns), always-run rules \(s.alwaysRunRules) (with a header guard \(s.guardedRules), distinct guards \(s.distinctGuards)), rules with string groups \(s.clauseRules)")
    print("precision: " + PartPrecision.allCases.map { "\($0.rawValue) \(s.precision[$0] ?? 0)" }.joined(separator: ", "))
    print("kinds: " + s.kinds.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))

case "build":
    let before = rss()
    let t0 = now()
    let rules = loadRules(rulePaths)
    let t1 = now()
    let afterRules = rss()
    let p: Prefilter
    do { p = try Prefilter(rules: rules.handle) } catch { fail("\(error)") }
    let afterPrefilter = rss()
    let w = try! PrefilterWorker(p)
    let s = p.statistics
    print("| rules | string parts | patterns | libyara compile s | prefilter build s | of which Hyperscan s | database KiB | scratch KiB/worker | RSS rules MiB | RSS +prefilter MiB | always-run rules | exact / superset / always-hit parts |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    print("| \(s.rules) | \(s.strings) | \(s.patterns) | \(fmt(Double(t1 - t0) / 1e9, 2)) | \(fmt(s.buildSeconds, 2)) | \(fmt(s.hyperscanSeconds, 2)) | \(s.databaseBytes / 1024) | \(w.scratchBytes / 1024) | \(fmt(Double(afterRules - before) / 1024)) | \(fmt(Double(afterPrefilter - afterRules) / 1024)) | \(s.alwaysRunRules) | \(s.precision[.exact] ?? 0) / \(s.precision[.superset] ?? 0) / \(s.precision[.alwaysHit] ?? 0) |")
    print("build phases: strings \(fmt(s.stringSeconds, 2)) s, Hyperscan \(fmt(s.hyperscanSeconds, 2)) s, conditions \(fmt(s.conditionSeconds, 2)) s, string groups \(fmt(s.clauseSeconds, 2)) s")
    if s.prefilterModePatterns + s.droppedPatterns > 0 {
        print("patterns compiled in Hyperscan's prefilter mode: \(s.prefilterModePatterns); dropped: \(s.droppedPatterns)")
    }

case "scan":
    guard !targets.isEmpty else { fail("scan needs RULES... -- PATHS...") }
    let rules = loadRules(rulePaths)
    let p: Prefilter
    do { p = try Prefilter(rules: rules.handle) } catch { fail("\(error)") }
    let on = try! PrefilteredScanner(rules: rules.handle, prefilter: p)
    let off = try! PrefilteredScanner(rules: rules.handle, prefilter: nil)
    let list = files(targets, limit: maxFiles)
    var decisions: [PrefilterDecision: Int] = [:]
    var small: (on: [Double], off: [Double]) = ([], [])
    var large: (on: [Double], off: [Double]) = ([], [])
    var bytes = 0, scanned = 0, mismatches = 0, matchPairs = 0, errorsOn = 0, errorsOff = 0
    var sumOn = 0.0, sumOff = 0.0
    for path in list {
        guard let data = readAll(path, max: maxSize) else { continue }
        scanned += 1
        bytes += data.count
        var bestOn = Double.infinity, bestOff = Double.infinity
        var rOn = PrefilteredScanner.Result(), rOff = PrefilteredScanner.Result()
        data.withUnsafeBytes { buf in
            // Interleaved, best of `reps`: the same bytes, warm in cache, for both.
            for _ in 0..<max(reps, 1) {
                let a = now(); rOff = off.scan(buf); let b = now()
                rOn = on.scan(buf); let c = now()
                bestOff = min(bestOff, Double(b - a) / 1000)
                bestOn = min(bestOn, Double(c - b) / 1000)
            }
        }
        decisions[rOn.decision, default: 0] += 1
        if rOn.code != 0 { errorsOn += 1 }
        if rOff.code != 0 { errorsOff += 1 }
        if rOn.rules != rOff.rules || rOn.code != rOff.code {
            mismatches += 1
            if mismatches <= 20 {
                print("MISMATCH \(path): on \(rOn.rules.map { rules.name(ofRule: $0) }) rc \(rOn.code) [\(rOn.decision)], off \(rOff.rules.map { rules.name(ofRule: $0) }) rc \(rOff.code)")
            }
        }
        matchPairs += rOff.rules.count
        sumOn += bestOn; sumOff += bestOff
        if data.count <= 65536 { small.on.append(bestOn); small.off.append(bestOff) } else { large.on.append(bestOn); large.off.append(bestOff) }
    }
    let s = p.statistics
    let skipped = decisions[.clean] ?? 0
    print("rules \(s.rules) (always-run \(s.alwaysRunRules), header-guarded \(s.guardedRules)), files \(scanned), MiB \(fmt(Double(bytes) / 1048576))")
    print("decisions: clean (libyara not called) \(skipped), conditions only \(decisions[.conditionsOnly] ?? 0), full \(decisions[.full] ?? 0); skip rate \(fmt(100 * Double(skipped) / Double(max(scanned, 1))))%")
    print("parity: \(mismatches == 0 ? "identical" : "\(mismatches) files differ"); match pairs \(matchPairs); libyara errors on \(errorsOn) / off \(errorsOff)")
    print("| files | n | libyara alone p50 us | p99 us | mean us | prefilter+libyara p50 us | p99 us | mean us | ratio p50 | ratio p99 | ratio mean |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for (label, set) in [("<= 64 KiB", small), ("> 64 KiB", large)] where !set.on.isEmpty {
        let a = set.off.sorted(), b = set.on.sorted()
        let ma = a.reduce(0, +) / Double(a.count), mb = b.reduce(0, +) / Double(b.count)
        print("| \(label) | \(a.count) | \(fmt(percentile(a, 0.5))) | \(fmt(percentile(a, 0.99))) | \(fmt(ma)) | \(fmt(percentile(b, 0.5))) | \(fmt(percentile(b, 0.99))) | \(fmt(mb)) | \(fmt(percentile(b, 0.5) / percentile(a, 0.5), 2)) | \(fmt(percentile(b, 0.99) / percentile(a, 0.99), 2)) | \(fmt(mb / ma, 2)) |")
    }
    print("total scan time: libyara alone \(fmt(sumOff / 1e6, 2)) s, with prefilter \(fmt(sumOn / 1e6, 2)) s")
    if mismatches > 0 { exit(1) }

case "disassemble":
    let rules = loadRules(rulePaths)
    var size = 0, start = 0
    let base = vpf_condition_code(rules.handle, &size, &start)
    let analyzer = ConditionAnalyzer(code: UnsafeRawBufferPointer(start: base, count: size))
    for (r, range) in (analyzer.ruleRanges(start: start) ?? [:]).sorted(by: { $0.key < $1.key }) {
        print("rule \(rules.name(ofRule: r)) [\(range)]")
        print(analyzer.disassemble(range), terminator: "")
    }

default:
    fail("unknown command \(command)")
}
