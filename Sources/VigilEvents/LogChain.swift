import Glibc

// Owns: the event log's hash chain (what each line carries, and checking a file).
// Must not: open or write the live log (EventLog does).

/// Each line the event log writes carries `vigil.chain.seq` (one more than the line
/// before, across restarts and rotations) and `vigil.chain.prev` (the SHA-256 of the
/// previous line's exact bytes, without its newline). A line edited, inserted or
/// removed breaks the next line's `prev`; lines removed at a file's start or end show
/// as a gap in `seq` against the neighbouring file (or are caught live, see EventLog).
public enum LogChain {
    public struct Link: Sendable, Equatable {
        public var seq: Int
        /// Hex SHA-256 of the previous line, "" for the first line Vigil ever wrote.
        public var prev: String
    }

    public static func hash(_ line: some Collection<UInt8>) -> String {
        hex(ECSContext.sha256Bytes(Array(line)))
    }

    /// The link a line carries, read without a JSON parser: the writer puts it last in
    /// the `vigil` object as `"chain":{"seq":N,"prev":"HEX"}`.
    public static func link(of line: some Collection<UInt8>) -> Link? {
        let b = Array(line)
        let needle = Array("\"chain\":{\"seq\":".utf8)
        guard b.count >= needle.count else { return nil }
        var at = b.count - needle.count
        while at >= 0 && !b[at..<(at + needle.count)].elementsEqual(needle) { at -= 1 }
        guard at >= 0 else { return nil }
        let rest = Substring(String(decoding: b[(at + needle.count)...], as: UTF8.self))
        let digits = rest.prefix { $0.isNumber }
        guard let seq = Int(digits) else { return nil }
        let afterSeq = rest.dropFirst(digits.count)
        guard afterSeq.hasPrefix(",\"prev\":\"") else { return nil }
        let prev = afterSeq.dropFirst(9).prefix { $0 != "\"" }
        return Link(seq: seq, prev: String(prev))
    }

    /// One problem found by `verify`, with its 1-based line number in its file.
    public struct Break: Sendable, Equatable, CustomStringConvertible {
        public let file: String
        public let line: Int
        public let reason: String
        public var description: String { "\(file):\(line): \(reason)" }
    }

    /// Checks files in order (oldest first: a rotated file before the live one). The
    /// first line of the first file is taken as given; every later line must link to
    /// the one before it, across files. Returns every break (the first is the earliest
    /// place where the log was altered), and the number of lines checked.
    public static func verify(files: [(name: String, bytes: [UInt8])]) -> (breaks: [Break], lines: Int) {
        var breaks: [Break] = []
        var previous: (hash: String, seq: Int)?
        var count = 0
        for (name, bytes) in files {
            var n = 0
            for line in bytes.split(separator: 10, omittingEmptySubsequences: false) {
                n += 1
                if line.isEmpty { continue }
                count += 1
                let h = hash(line)
                guard let link = link(of: line) else {
                    breaks.append(Break(file: name, line: n, reason: "no vigil.chain link: not written by Vigil, or edited"))
                    previous = (h, previous.map { $0.seq + 1 } ?? 0)
                    continue
                }
                if let p = previous {
                    if link.prev != p.hash {
                        breaks.append(Break(file: name, line: n, reason: "vigil.chain.prev does not match the line before: line \(n - 1) was edited, or lines between \(n - 1) and \(n) were removed or inserted"))
                    } else if link.seq != p.seq + 1 {
                        breaks.append(Break(file: name, line: n, reason: "vigil.chain.seq is \(link.seq), expected \(p.seq + 1)"))
                    }
                }
                previous = (h, link.seq)
            }
        }
        return (breaks, count)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let d = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(d[Int(b >> 4)]); out.append(d[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
