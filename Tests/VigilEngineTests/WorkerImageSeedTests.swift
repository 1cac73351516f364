import Testing
@testable import VigilEngine
import VigilTestSupport

/// A worker image carries the stream prefilter its maker already built, so each scan
/// worker loads one database instead of compiling its own (WorkerImage, RuleSet).
@Suite("WorkerImage: the prefilter seed")
struct WorkerImageSeedTests {
    func roundTrip(_ sigs: Signatures) throws -> WorkerImage {
        let bytes = try WorkerImage.encode(sets: [sigs])
        var limits = ScanLimits()
        limits.chunkedReads = true
        return try WorkerImage.decode(bytes, limits: limits)
    }

    @Test("rules whose stream prefilter was built travel with it, and the worker's prefilter comes from it")
    func seeded() throws {
        let sigs = try Signatures.load([bundledSignatures], keepSavedRules: true)
        #expect(sigs.preparePrefilter(streaming: true).isEmpty)
        let image = try roundTrip(sigs)
        for (mine, theirs) in zip(sigs.ruleSets, try #require(image.sets.first).ruleSets) {
            let p = try #require(theirs.prefilter(streaming: true))
            #expect(p.statistics.reusedDatabase, "the worker loaded the maker's database")
            let original = try #require(mine.prefilter(streaming: true))
            #expect(p.fingerprint == original.fingerprint && p.plan.patterns == original.plan.patterns)
        }
    }

    @Test("rules whose stream prefilter was never built travel without one: the worker compiles its own")
    func unseeded() throws {
        let sigs = try Signatures.load([bundledSignatures], keepSavedRules: true)
        let image = try roundTrip(sigs)
        for theirs in try #require(image.sets.first).ruleSets {
            let p = try #require(theirs.prefilter(streaming: true))
            #expect(!p.statistics.reusedDatabase)
        }
    }
}
