import Glibc
import Synchronization

// Owns: the on-disk spool between the event log and the exporter: numbered segment
// files of complete NDJSON lines (`seg-0000000000000001.ndjson`), the cursor file that
// says how far the receiver has acknowledged, torn-tail repair after a crash, and the
// size bound (oldest segments dropped, counted and reported, when the receiver has been
// away too long).
// Must not: parse events (the exporter does), send anything, or block the event log's
// writer thread on anything but its own local append.

public struct SpoolPosition: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var segment: UInt64
    public var offset: Int64
    public init(segment: UInt64, offset: Int64) { self.segment = segment; self.offset = offset }
    public static func < (a: Self, b: Self) -> Bool { (a.segment, a.offset) < (b.segment, b.offset) }
    public var description: String { "\(segment) \(offset)" }

    /// The cursor file's one line, `SEGMENT OFFSET`.
    public static func parse(_ text: String) -> SpoolPosition? {
        let f = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard f.count == 2, let s = UInt64(f[0]), let o = Int64(f[1]), o >= 0 else { return nil }
        return SpoolPosition(segment: s, offset: o)
    }
}

public struct SpoolError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

enum SpoolFiles {
    static func name(_ seq: UInt64) -> String {
        let d = String(seq)
        return "seg-" + String(repeating: "0", count: max(0, 16 - d.count)) + d + ".ndjson"
    }

    static func sequence(_ name: String) -> UInt64? {
        guard name.hasPrefix("seg-"), name.hasSuffix(".ndjson"), name.count == 4 + 16 + 7 else { return nil }
        return UInt64(name.dropFirst(4).prefix(16))
    }

    /// The segment numbers in `dir`, ascending.
    static func segments(_ dir: String) -> [(seq: UInt64, size: Int64)] {
        guard let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var out: [(UInt64, Int64)] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard let seq = sequence(name) else { continue }
            var st = stat()
            if stat(dir + "/" + name, &st) == 0 { out.append((seq, Int64(st.st_size))) }
        }
        return out.sorted { $0.0 < $1.0 }
    }

    static func errno_() -> String { String(cString: strerror(errno)) }

    /// Replaces `dir/name` with `text` atomically and durably.
    static func writeAtomically(_ text: String, dir: String, name: String) throws(SpoolError) {
        let tmp = dir + "/." + name + ".tmp"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw SpoolError(description: "cannot write \(tmp): \(errno_())") }
        let bytes = Array(text.utf8)
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let ok = n == bytes.count && fsync(fd) == 0
        close(fd)
        guard ok, rename(tmp, dir + "/" + name) == 0 else { throw SpoolError(description: "cannot replace \(dir)/\(name): \(errno_())") }
        let dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }
}

/// The writing side: appends one line per event. Single writer (the event log's thread).
public final class SpoolWriter: @unchecked Sendable {
    // Every mutable field is touched by the one writer thread only (and init/close).
    public let directory: String
    public let segmentBytes: Int64
    public let maxBytes: Int64
    private var fd: Int32 = -1
    private var seq: UInt64 = 0
    private var size: Int64 = 0
    private var totalBytes: Int64 = 0
    /// Lines that could not be written (disk full, I/O error): counted, never retried here.
    public let failedAppends = Atomic<Int>(0)
    /// Bytes of unsent events dropped because the spool hit `maxBytes`.
    public let droppedBytes = Atomic<Int>(0)
    public let droppedSegments = Atomic<Int>(0)
    /// Bytes cut from a segment's end at start-up because a crash left half a line.
    public let tornBytesRepaired = Atomic<Int>(0)

    /// Opens the spool; a half-written last line left by a crash is cut off, and writing
    /// continues in a new segment (a segment is never appended to by two lives of the daemon).
    public init(directory: String, segmentBytes: Int64 = 8 << 20, maxBytes: Int64 = 1 << 30) throws(SpoolError) {
        self.directory = directory
        self.segmentBytes = max(4096, segmentBytes)
        self.maxBytes = max(self.segmentBytes * 2, maxBytes)
        if mkdir(directory, 0o700) != 0 && errno != EEXIST { throw SpoolError(description: "cannot create \(directory): \(SpoolFiles.errno_())") }
        let segs = SpoolFiles.segments(directory)
        if let last = segs.last { tornBytesRepaired.store(Int(SpoolWriter.repairTail(directory + "/" + SpoolFiles.name(last.seq))), ordering: .relaxed) }
        totalBytes = SpoolFiles.segments(directory).reduce(0) { $0 + $1.size }
        try openSegment((segs.last?.seq ?? 0) + 1)
    }

    deinit { if fd >= 0 { Glibc.close(fd) } }

    /// Truncates `path` after its last newline; returns the bytes cut.
    static func repairTail(_ path: String) -> Int64 {
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return 0 }
        defer { Glibc.close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size > 0 else { return 0 }
        var end = Int64(st.st_size)
        var buf = [UInt8](repeating: 0, count: 65536)
        while end > 0 {
            let start = max(0, end - Int64(buf.count))
            let n = pread(fd, &buf, Int(end - start), off_t(start))
            guard n > 0 else { return 0 }
            if let i = buf[0..<n].lastIndex(of: 10) {
                let keep = start + Int64(i) + 1
                let cut = Int64(st.st_size) - keep
                if cut > 0 { ftruncate(fd, off_t(keep)); fsync(fd) }
                return cut
            }
            end = start
        }
        ftruncate(fd, 0)
        return Int64(st.st_size)
    }

    private func openSegment(_ n: UInt64) throws(SpoolError) {
        if fd >= 0 { fsync(fd); Glibc.close(fd) }   // a closed segment is durable before the next begins
        let path = directory + "/" + SpoolFiles.name(n)
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw SpoolError(description: "cannot open \(path): \(SpoolFiles.errno_())") }
        seq = n
        size = 0
    }

    /// Appends one event (one line, without its newline). Never blocks on the network.
    public func append(_ line: String) {
        var bytes = Array(line.utf8)
        if bytes.contains(10) { bytes = bytes.filter { $0 != 10 } }   // one event, one line, always
        bytes.append(10)
        if size > 0 && size + Int64(bytes.count) > segmentBytes {
            do { try openSegment(seq + 1) } catch { failedAppends.add(1, ordering: .relaxed); return }
            enforceLimit()
        }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                // Disk full or I/O error: cut what was written of this line, count it.
                if done > 0 { ftruncate(fd, off_t(size)) }
                failedAppends.add(1, ordering: .relaxed)
                return
            }
            done += n
        }
        size += Int64(bytes.count)
        totalBytes += Int64(bytes.count)
    }

    /// Drops the oldest segments while the spool is over its bound. The reader notices
    /// its segment is gone and moves on; the loss is counted here and reported.
    private func enforceLimit() {
        guard totalBytes > maxBytes else { return }
        let segs = SpoolFiles.segments(directory)
        totalBytes = segs.reduce(0) { $0 + $1.size }
        for s in segs where totalBytes > maxBytes && s.seq < seq {
            if unlink(directory + "/" + SpoolFiles.name(s.seq)) == 0 {
                totalBytes -= s.size
                droppedBytes.add(Int(s.size), ordering: .relaxed)
                droppedSegments.add(1, ordering: .relaxed)
            }
        }
    }

    /// Makes everything appended so far durable (called at stop, and by tests).
    public func sync() { if fd >= 0 { fsync(fd) } }

    public func close() {
        if fd >= 0 { fsync(fd); Glibc.close(fd); fd = -1 }
    }
}

/// The reading side: batches of complete lines from the cursor on, and the durable
/// cursor itself. Single reader (the exporter's thread).
public final class SpoolReader {
    public let directory: String
    public private(set) var cursor: SpoolPosition
    /// Bytes skipped because a finished segment ended in half a line (a crash mid-append).
    public private(set) var tornBytesSkipped: Int64 = 0
    /// Segments found missing (dropped by the size bound) while the reader was behind.
    public private(set) var segmentsLost = 0

    public struct Batch {
        public let start: SpoolPosition
        public let end: SpoolPosition
        public let lines: [[UInt8]]
    }

    public init(directory: String) throws(SpoolError) {
        self.directory = directory
        if mkdir(directory, 0o700) != 0 && errno != EEXIST { throw SpoolError(description: "cannot create \(directory): \(SpoolFiles.errno_())") }
        let fd = open(directory + "/cursor", O_RDONLY | O_CLOEXEC)
        var c: SpoolPosition?
        if fd >= 0 {
            var buf = [UInt8](repeating: 0, count: 64)
            let n = read(fd, &buf, 64)
            close(fd)
            if n > 0 { c = SpoolPosition.parse(String(decoding: buf[0..<n], as: UTF8.self)) }
        }
        cursor = c ?? SpoolPosition(segment: SpoolFiles.segments(directory).first?.seq ?? 1, offset: 0)
    }

    /// Up to `maxLines` complete lines (and about `maxBytes`) from the cursor on, or nil
    /// when nothing complete is waiting. Finished segments behind the cursor are removed.
    public func next(maxLines: Int, maxBytes: Int) -> Batch? {
        while true {
            let segs = SpoolFiles.segments(directory)
            guard let current = segs.first(where: { $0.seq >= cursor.segment }) else { return nil }
            if current.seq > cursor.segment {
                // Our segment is gone: dropped by the size bound (counted by the writer) or
                // never written (the writer skipped numbers). Go on from the next one.
                if cursor.offset > 0 || segs.contains(where: { $0.seq < current.seq && $0.seq > cursor.segment }) { segmentsLost += 1 }
                cursor = SpoolPosition(segment: current.seq, offset: 0)
            }
            let isLast = current.seq == segs.last!.seq
            let path = directory + "/" + SpoolFiles.name(current.seq)
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { continue }   // vanished between listing and opening
            var st = stat()
            fstat(fd, &st)
            let avail = Int64(st.st_size) - cursor.offset
            if avail <= 0 {
                close(fd)
                if isLast { return nil }
                finishSegment(current.seq)
                continue
            }
            let chunk = LineReader.read(fd: fd, at: cursor.offset, available: avail, maxBytes: maxBytes, maxLines: maxLines)
            close(fd)
            guard let chunk else { return nil }
            let (lines, consumed) = (chunk.lines, chunk.consumed)
            if consumed == 0 {
                if chunk.cutShort {
                    // One line longer than maxBytes: read it whole (lines are bounded by the log writer).
                    return nextLongLine(at: cursor, segmentSize: Int64(st.st_size), isLast: isLast)
                }
                if isLast { return nil }   // the writer is mid-line; wait for the rest
                // A finished segment ending in half a line: a crash mid-append. Skip it.
                tornBytesSkipped += avail
                finishSegment(current.seq)
                continue
            }
            let end = SpoolPosition(segment: current.seq, offset: cursor.offset + Int64(consumed))
            return Batch(start: cursor, end: end, lines: lines)
        }
    }

    private func nextLongLine(at pos: SpoolPosition, segmentSize: Int64, isLast: Bool) -> Batch? {
        let fd = open(directory + "/" + SpoolFiles.name(pos.segment), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buf = [UInt8](repeating: 0, count: Int(segmentSize - pos.offset))
        let n = pread(fd, &buf, buf.count, off_t(pos.offset))
        guard n > 0, let nl = buf[0..<n].firstIndex(of: 10) else { return nil }
        return Batch(start: pos, end: SpoolPosition(segment: pos.segment, offset: pos.offset + Int64(nl) + 1), lines: [Array(buf[0..<nl])])
    }

    private func finishSegment(_ seq: UInt64) {
        cursor = SpoolPosition(segment: seq + 1, offset: 0)
        try? SpoolFiles.writeAtomically(cursor.description + "\n", dir: directory, name: "cursor")
        unlink(directory + "/" + SpoolFiles.name(seq))
    }

    /// Records that everything before `pos` has been delivered (durably: after a crash
    /// the exporter resumes here, and re-sends at most the batch in flight).
    public func commit(_ pos: SpoolPosition) throws(SpoolError) {
        try SpoolFiles.writeAtomically(pos.description + "\n", dir: directory, name: "cursor")
        cursor = pos
    }

    /// Bytes written but not yet acknowledged.
    public func backlogBytes() -> Int64 {
        SpoolFiles.segments(directory).reduce(0) { acc, s in
            s.seq < cursor.segment ? acc : acc + (s.seq == cursor.segment ? max(0, s.size - cursor.offset) : s.size)
        }
    }
}
