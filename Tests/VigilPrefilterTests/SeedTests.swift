import Testing
@testable import VigilPrefilter

/// A database compiled once and handed to scan workers (`SerializedPrefilter`): the
/// worker that takes it must scan exactly as one that compiled its own, and must never
/// take a database compiled from other patterns or for the other mode.
@Suite("Prefilter seeds: serialized databases for scan workers")
struct SeedTests {
    static let source = """
        rule plaintext { strings: $a = "needle-in-text" condition: $a }
        rule hex { strings: $h = { 4D 5A ?? 00 [2-4] 50 45 } condition: $h }
        rule re { strings: $r = /lo+ng[0-9]{2,}x/ nocase condition: $r }
        rule widestring { strings: $w = "widestr" wide condition: $w }
        rule sized { condition: filesize == 7 }
        """

    static var samples: [[UInt8]] {
        [
            filler(4000, seed: 1),
            filler(2000, seed: 2) + bytes("needle-in-text") + filler(2000, seed: 3),
            prose + [0x4D, 0x5A, 0x90, 0x00, 1, 2, 3, 0x50, 0x45] + prose,
            prose + bytes("LOOOOONG12345X") + prose,
            filler(1500, seed: 4) + wide("widestr") + filler(1500, seed: 5),
            bytes("seven!!"),
            filler(999, seed: 6) + bytes("needle-in-text"),  // across a 1,000-byte piece in stream mode
        ]
    }

    func scanAll(_ rules: CompiledRules, _ p: Prefilter) throws -> [[Int32]] {
        let s = try PrefilteredScanner(rules: rules.handle, prefilter: p)
        if p.streaming { s.pieceSize = 1000 }
        return SeedTests.samples.map { d in d.withUnsafeBytes { s.scan($0).rules.map { Int32($0) } } }
    }

    @Test("a worker that takes the seed skips the compile and finds what a compiling worker finds", arguments: [false, true])
    func sameResults(streaming: Bool) throws {
        let rules = try CompiledRules.compile(sources: [SeedTests.source])
        let compiled = try Prefilter(rules: rules.handle, streaming: streaming)
        let seed = try #require(compiled.serialized())
        #expect(seed.database != nil && seed.streaming == streaming)

        // The worker's side: the same rules, loaded apart.
        let workerRules = try CompiledRules.compile(sources: [SeedTests.source])
        let seeded = try Prefilter(rules: workerRules.handle, streaming: streaming, seed: seed)
        #expect(seeded.statistics.reusedDatabase, "the seed's database is used")
        #expect(!compiled.statistics.reusedDatabase)
        #expect(seeded.fingerprint == compiled.fingerprint)
        let want = try scanAll(rules, compiled)
        #expect(try scanAll(workerRules, seeded) == want)
        #expect(want.filter { !$0.isEmpty }.count == 6, "every sample but the filler hits a rule: \(want)")
    }

    @Test("a seed from other rules, for the other mode, or with damaged bytes is not taken: the worker compiles")
    func refusedSeeds() throws {
        let rules = try CompiledRules.compile(sources: [SeedTests.source])
        let want = try scanAll(rules, try Prefilter(rules: rules.handle, streaming: true))

        let other = try CompiledRules.compile(sources: [SeedTests.source.replacingOccurrences(of: "needle-in-text", with: "other-needle")])
        let otherSeed = try #require(try Prefilter(rules: other.handle, streaming: true).serialized())
        let blockSeed = try #require(try Prefilter(rules: rules.handle, streaming: false).serialized())
        var damaged = try #require(try Prefilter(rules: rules.handle, streaming: true).serialized())
        damaged.database = damaged.database.map { Array($0.prefix($0.count / 2)) }
        var lying = blockSeed
        lying.streaming = true  // a block database that claims to be a stream one

        for (what, seed) in [("other rules", otherSeed), ("block mode", blockSeed), ("damaged", damaged), ("mode lie", lying)] {
            let p = try Prefilter(rules: rules.handle, streaming: true, seed: seed)
            #expect(!p.statistics.reusedDatabase, "\(what): compiled afresh")
            #expect(try scanAll(rules, p) == want, "\(what): same results as a compiled prefilter")
        }
    }
}
