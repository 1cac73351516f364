import VigilSystem
/// The storage behind a hash list: digests in flat arrays, found through an
/// open-addressing slot table keyed by the digest's own first 64 bits (already uniform:
/// no hashing). One probe sequence per digest kind per file, whatever the list's size:
/// lookups stay O(1) with a million entries, and an entry costs about 90 bytes (a
/// Dictionary of Entry values with two Strings each cost about three times that).
///
/// Owns: entry storage and lookup. Must not: parse list files or read scanned files.
struct DigestTable: Sendable {
    /// Per digest kind: keys in insertion order, and the slot table over them.
    struct KindTable: Sendable {
        let wordsPerKey: Int
        var words: [UInt64] = []
        /// Kind-local key index -> global entry index.
        var entryOf: [UInt32] = []
        /// Kind-local index + 1 of the next key with the same digest (0: none).
        var next: [UInt32] = []
        /// Kind-local index + 1 of the first key with a digest (0: empty slot).
        var slots: [UInt32] = []
        var mask = 0

        init(wordsPerKey: Int) { self.wordsPerKey = wordsPerKey }

        static func words(of v: DigestValue, count: Int) -> (UInt64, UInt64, UInt64, UInt64) {
            (v.a, count > 1 ? v.b : 0, count > 2 ? v.c : 0, count > 3 ? v.d : 0)
        }

        func matches(_ k: Int, _ w: (UInt64, UInt64, UInt64, UInt64)) -> Bool {
            let base = k * wordsPerKey
            if words[base] != w.0 { return false }
            if wordsPerKey > 1 && words[base + 1] != w.1 { return false }
            if wordsPerKey > 2 && words[base + 2] != w.2 { return false }
            if wordsPerKey > 3 && words[base + 3] != w.3 { return false }
            return true
        }

        mutating func buildSlots() {
            let n = entryOf.count
            var capacity = 16
            while capacity < n * 2 { capacity <<= 1 }
            slots = [UInt32](repeating: 0, count: capacity)
            next = [UInt32](repeating: 0, count: n)
            mask = capacity - 1
            var tails: [UInt32: UInt32] = [:] // head -> tail, only for digests listed more than once
            for k in 0..<n {
                let base = k * wordsPerKey
                var i = Int(truncatingIfNeeded: words[base]) & mask
                let w = (words[base], wordsPerKey > 1 ? words[base + 1] : 0, wordsPerKey > 2 ? words[base + 2] : 0, wordsPerKey > 3 ? words[base + 3] : 0)
                while true {
                    let s = slots[i]
                    if s == 0 { slots[i] = UInt32(k + 1); break }
                    let head = Int(s - 1)
                    if matches(head, w) {
                        let tail = tails[s] ?? s
                        next[Int(tail - 1)] = UInt32(k + 1)
                        tails[s] = UInt32(k + 1)
                        break
                    }
                    i = (i + 1) & mask
                }
            }
        }

        /// Global entry indexes whose digest equals `v`.
        func find(_ v: DigestValue) -> [Int] {
            guard !slots.isEmpty else { return [] }
            let w = KindTable.words(of: v, count: wordsPerKey)
            var i = Int(truncatingIfNeeded: w.0) & mask
            while true {
                let s = slots[i]
                if s == 0 { return [] }
                if matches(Int(s - 1), w) {
                    var out: [Int] = []
                    var k = s
                    while k != 0 { out.append(Int(entryOf[Int(k - 1)])); k = next[Int(k - 1)] }
                    return out
                }
                i = (i + 1) & mask
            }
        }
    }

    private(set) var md5 = KindTable(wordsPerKey: 2)
    private(set) var sha1 = KindTable(wordsPerKey: 3)
    private(set) var sha256 = KindTable(wordsPerKey: 4)
    /// Per entry: size (-1: any), end of its name in `names`, origin file and line.
    private var sizes: [Int64] = []
    private var nameEnds: [UInt32] = []
    private var names: [UInt8] = []
    private var originFile: [UInt32] = []
    private var originLine: [UInt32] = []
    /// Origin files, and each one's verdict.
    private(set) var files: [String] = []
    private var fileVerdicts: [Verdict] = []

    var count: Int { sizes.count }

    mutating func addFile(_ name: String, verdict: Verdict) -> Int {
        files.append(name)
        fileVerdicts.append(verdict)
        return files.count - 1
    }

    mutating func add(_ kind: HashList.DigestKindKey, _ digest: DigestValue, size: Int64?, name: Substring, file: Int, line: Int) {
        let index = UInt32(sizes.count)
        sizes.append(size ?? -1)
        names.append(contentsOf: name.utf8)
        nameEnds.append(UInt32(names.count))
        originFile.append(UInt32(file))
        originLine.append(UInt32(clamping: line))
        switch kind {
        case .md5: DigestTable.append(&md5, digest, index)
        case .sha1: DigestTable.append(&sha1, digest, index)
        case .sha256: DigestTable.append(&sha256, digest, index)
        }
    }

    private static func append(_ t: inout KindTable, _ v: DigestValue, _ index: UInt32) {
        let w = KindTable.words(of: v, count: t.wordsPerKey)
        t.words.append(w.0)
        if t.wordsPerKey > 1 { t.words.append(w.1) }
        if t.wordsPerKey > 2 { t.words.append(w.2) }
        if t.wordsPerKey > 3 { t.words.append(w.3) }
        t.entryOf.append(index)
    }

    /// Call once after the last `add`: builds the slot tables and gives back spare capacity.
    mutating func finish() {
        md5.buildSlots()
        sha1.buildSlots()
        sha256.buildSlots()
        names = Array(names)
    }

    func lookup(_ kind: HashList.DigestKindKey, _ v: DigestValue) -> [Int] {
        switch kind {
        case .md5: md5.find(v)
        case .sha1: sha1.find(v)
        case .sha256: sha256.find(v)
        }
    }

    func size(of e: Int) -> Int64? { sizes[e] < 0 ? nil : sizes[e] }
    func name(of e: Int) -> String {
        let start = e == 0 ? 0 : Int(nameEnds[e - 1])
        return String(decoding: names[start..<Int(nameEnds[e])], as: UTF8.self)
    }
    func origin(of e: Int) -> String { "\(files[Int(originFile[e])]):\(originLine[e])" }
    func verdict(of e: Int) -> Verdict { fileVerdicts[Int(originFile[e])] }
}

extension DigestTable {
    /// The entries as a scan worker receives them (WorkerImage.swift); the slot tables
    /// are rebuilt on the other side.
    func encode(into w: inout ByteWriter) {
        w.u32(UInt32(files.count))
        for (f, v) in zip(files, fileVerdicts) { w.string(f); w.u8(UInt8(v.rawValue)) }
        w.u32(UInt32(sizes.count))
        for i in 0..<sizes.count { w.i64(sizes[i]); w.u32(nameEnds[i]); w.u32(originFile[i]); w.u32(originLine[i]) }
        w.data(names)
        for t in [md5, sha1, sha256] {
            w.u32(UInt32(t.entryOf.count))
            for k in 0..<t.entryOf.count { w.u32(t.entryOf[k]) }
            for word in t.words { w.u64(word) }
        }
    }

    static func decode(from r: inout ByteReader) throws(ByteReader.Malformed) -> DigestTable {
        var t = DigestTable()
        for _ in 0..<(try r.count("hash files")) {
            let name = try r.string()
            guard let v = Verdict(rawValue: Int(try r.u8())) else { throw ByteReader.Malformed(what: "hash list verdict") }
            t.files.append(name)
            t.fileVerdicts.append(v)
        }
        let n = try r.count("hash entries", minimum: 20)
        for _ in 0..<n {
            t.sizes.append(try r.i64())
            t.nameEnds.append(try r.u32())
            let file = try r.u32()
            guard Int(file) < t.files.count else { throw ByteReader.Malformed(what: "hash entry file") }
            t.originFile.append(file)
            t.originLine.append(try r.u32())
        }
        t.names = Array(try r.data("hash names"))
        guard t.nameEnds.allSatisfy({ Int($0) <= t.names.count }) else { throw ByteReader.Malformed(what: "hash names") }
        for kind in 0..<3 {
            var table = kind == 0 ? t.md5 : kind == 1 ? t.sha1 : t.sha256
            let keys = try r.count("hash keys", minimum: 4)
            for _ in 0..<keys {
                let e = try r.u32()
                guard Int(e) < n else { throw ByteReader.Malformed(what: "hash key entry") }
                table.entryOf.append(e)
            }
            for _ in 0..<(keys * table.wordsPerKey) { table.words.append(try r.u64()) }
            switch kind {
            case 0: t.md5 = table
            case 1: t.sha1 = table
            default: t.sha256 = table
            }
        }
        t.finish()
        return t
    }
}
