import Glibc

// Owns: reading whole lines from a file at an offset, the one way the disk spool
// (SpoolReader) and the event-log tail (LogTail) cut batches. Pure splitting plus one
// pread. Must not: decide what a half line at the end means (the caller knows whether
// the writer is still appending or the file is finished).

enum LineReader {
    /// One read: the whole lines it held and the bytes they span.
    struct Chunk: Equatable {
        /// Non-empty lines, without their newline; at most the `maxLines` asked for.
        var lines: [[UInt8]]
        /// Bytes through the newline of the last line taken; 0 when no line ended in the read.
        var consumed: Int
        /// True when the read filled its buffer and more bytes follow (then a 0 `consumed`
        /// means a line longer than the buffer, not a line still being written).
        var cutShort: Bool
    }

    /// The lines at the start of `bytes`: split at each newline, empty lines skipped (a
    /// lone newline is consumed, not returned), stopping after `maxLines`.
    static func split(_ bytes: ArraySlice<UInt8>, maxLines: Int) -> (lines: [[UInt8]], consumed: Int) {
        var lines: [[UInt8]] = []
        var consumed = 0
        var lineStart = bytes.startIndex
        for i in bytes.indices where bytes[i] == 10 {
            if i > lineStart { lines.append(Array(bytes[lineStart..<i])) }
            lineStart = i + 1
            consumed = lineStart - bytes.startIndex
            if lines.count >= maxLines { break }
        }
        return (lines, consumed)
    }

    /// Reads up to `max(maxBytes, 4096)` of the `available` bytes at `offset` and splits
    /// them; nil when nothing could be read.
    static func read(fd: Int32, at offset: Int64, available: Int64, maxBytes: Int, maxLines: Int) -> Chunk? {
        var buf = [UInt8](repeating: 0, count: Int(min(available, Int64(max(maxBytes, 4096)))))
        let n = pread(fd, &buf, buf.count, off_t(offset))
        guard n > 0 else { return nil }
        let (lines, consumed) = split(buf[0..<n], maxLines: maxLines)
        return Chunk(lines: lines, consumed: consumed, cutShort: n == buf.count && Int64(n) < available)
    }
}
