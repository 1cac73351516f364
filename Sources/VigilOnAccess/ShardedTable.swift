// Owns: a hash table that never rehashes more than a small part of itself at once.
// Must not: lock (its owner's mutex does).

/// A dictionary split into 256 shards by a key's own bits, for the tables the event thread
/// inserts into on every clean file (VerdictCache: the version cache and the kernel marks
/// placed, up to 1,048,576 inodes).
///
/// One Swift dictionary doubles its storage at three quarters full and moves every entry
/// then, inside the caller's lock: on the bench the 769th clean file waited 130-190 µs for
/// that (the p99 of the whole cold pass), and at a million cached inodes one open would
/// wait for a million moves. Split 256 ways, a growth moves one shard: at most a few
/// thousand entries. A snapshot shares each shard's storage (copy on write), so a reader
/// that iterates it outside the lock makes the next insert copy one shard, not the table.
struct ShardedTable<Key: Hashable, Value> {
    static var shardCount: Int { 256 }
    private var shards: [[Key: Value]]
    private let shardOf: @Sendable (Key) -> Int
    private(set) var count = 0

    /// `shardOf`: spreads keys over shards (any Int; reduced modulo the shard count).
    /// Inode numbers are dense and sequential, so their low bits spread them well.
    init(shardOf: @escaping @Sendable (Key) -> Int) {
        shards = Array(repeating: [:], count: Self.shardCount)
        self.shardOf = shardOf
    }

    private func index(_ key: Key) -> Int { Int(UInt(bitPattern: shardOf(key)) % UInt(Self.shardCount)) }

    subscript(key: Key) -> Value? {
        get { shards[index(key)][key] }
        set {
            let i = index(key)
            let had = shards[i].count
            shards[i][key] = newValue
            count += shards[i].count - had
        }
    }

    @discardableResult
    mutating func removeValue(forKey key: Key) -> Value? {
        let i = index(key)
        let old = shards[i].removeValue(forKey: key)
        if old != nil { count -= 1 }
        return old
    }

    func contains(_ key: Key) -> Bool { shards[index(key)][key] != nil }

    mutating func removeAll(keepingCapacity: Bool = false) {
        for i in shards.indices { shards[i].removeAll(keepingCapacity: keepingCapacity) }
        count = 0
    }

    /// The shards as they are (storage shared until the next change of each).
    var snapshot: [[Key: Value]] { shards }
}
