import Testing
@testable import VigilOnAccess

/// The verdict cache's tables (ShardedTable): a dictionary split 256 ways so that no
/// insert on the event thread rehashes the whole table. What must hold is a dictionary's
/// behaviour, whatever the shard a key lands in.
@Suite("sharded table: a dictionary that grows a shard at a time")
struct ShardedTableTests {
    func table() -> ShardedTable<Int, String> { ShardedTable(shardOf: { $0 }) }

    @Test("insert, overwrite, look up and remove, with the count kept exact across shards (negative keys too)")
    func dictionary() {
        var t = table()
        for k in -1000..<5000 { t[k] = "v\(k)" }
        #expect(t.count == 6000)
        t[42] = "again"
        #expect(t.count == 6000, "an overwrite adds nothing")
        #expect(t[42] == "again" && t[-7] == "v-7" && t[5000] == nil)
        #expect(t.removeValue(forKey: 42) == "again" && t.removeValue(forKey: 42) == nil)
        t[43] = nil
        #expect(t.count == 5998 && !t.contains(43) && t.contains(44))
        t.removeAll(keepingCapacity: true)
        #expect(t.count == 0 && t[1] == nil)
    }

    @Test("a snapshot keeps what it saw while the table changes (copy on write, one shard at a time)")
    func snapshot() {
        var t = table()
        for k in 0..<1000 { t[k] = "v\(k)" }
        let seen = t.snapshot
        t[5] = nil
        t[2000] = "new"
        #expect(seen.count == ShardedTable<Int, String>.shardCount)
        #expect(seen.joined().count == 1000 && seen.joined().contains { $0.key == 5 } && !seen.joined().contains { $0.key == 2000 })
        #expect(t.snapshot.joined().count == 1000)
    }

    @Test("keys spread over every shard when their low bits differ (inode numbers do)")
    func spread() {
        var t = table()
        for k in 0..<(ShardedTable<Int, String>.shardCount * 4) { t[k] = "" }
        #expect(t.snapshot.allSatisfy { $0.count == 4 })
    }
}
