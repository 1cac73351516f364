import CArchive
import Glibc

/// One member of an archive, handed to the caller's scan closure. `bytes` is valid only
/// during the call.
public struct ArchiveMember {
    /// The nested name below the outer file: `dir/inner.gz!payload` (components are
    /// joined with `!`, control characters escaped).
    public let path: String
    /// This member's own name inside its archive (last component of `path`).
    public let name: String
    /// 1 for a member of the outer file, 2 for a member of a member, ...
    public let depth: Int
    /// The member's first bytes: all of it unless `isTruncated` (entry-size, buffer or
    /// total limit, or a read error mid-member). Holes of sparse members read as zeros.
    public let bytes: UnsafeRawBufferPointer
    /// The size the archive declares for it, when it declares one.
    public let declaredSize: Int64?
    public let isTruncated: Bool
}

/// What the caller's closure wants after a member.
public enum ArchiveVisit: Sendable {
    case `continue`
    /// Enough is known (e.g. a deny verdict on the open path): stop reading.
    case stop
}

/// Something about the archive that is not a member's content: each one means part of
/// the archive was not judged, and says which part and why.
public enum ArchiveNote: Sendable, Equatable, CustomStringConvertible {
    /// A limit was reached at `member` (the nested path where it happened; "" for the
    /// outer file). `limit.endsScan` says whether the rest of the archive was left unread.
    case limit(ArchiveLimit, member: String, detail: String)
    /// A member (or, with `member` an archive's path, its headers) is encrypted: not read.
    case encrypted(member: String)
    /// libarchive could not read on (truncated, corrupt, unsupported variant): members
    /// after the point named were not read.
    case unreadable(member: String, message: String)

    public var description: String {
        switch self {
        case let .limit(limit, member, detail):
            "archive limit reached (\(limit.rawValue)) at \(member.isEmpty ? "the archive" : member): \(detail)"
        case let .encrypted(member): "encrypted, not scanned: \(member)"
        case let .unreadable(member, message): "archive not fully readable at \(member.isEmpty ? "the archive" : member): \(message)"
        }
    }
}

/// The outcome of one outer file.
public struct ArchiveResult: Sendable, Equatable {
    public var format: ArchiveFormat
    public var notes: [ArchiveNote] = []
    /// Members handed to the closure.
    public var members = 0
    /// Bytes unpacked, every level.
    public var unpackedBytes: Int64 = 0
    public var seconds = 0.0
    /// The closure asked to stop.
    public var stopped = false
    /// Every member was read whole and handed over: nothing was left out.
    public var isComplete: Bool { notes.isEmpty }
}

/// Reads archives member by member and hands each member's bytes to a closure that
/// scans them with the same engine as a file (YARA, hash lists, type), nesting into
/// members that are archives themselves, within `ArchiveLimits`.
///
/// One per worker thread (it keeps a buffer per nesting level between files; libarchive
/// handles are made per archive). Owns: walking archives, buffering members, enforcing
/// limits and naming members. Must not: open paths, judge content, or decide a verdict.
public final class ArchiveScanner {
    public let limits: ArchiveLimits
    /// Member buffers by depth: a member's bytes stay put while its own members are read.
    private var buffers: [UnsafeMutableRawBufferPointer] = []
    private var held: Int64 = 0

    public init(limits: ArchiveLimits = ArchiveLimits()) {
        self.limits = limits
    }

    deinit { for b in buffers { b.deallocate() } }

    /// Where the outer archive's bytes are.
    public enum Source {
        /// The whole file in memory (the caller has read it already).
        case memory(UnsafeRawBufferPointer)
        /// An open descriptor, read with pread (offset untouched) when the file is too
        /// big to hold; `head` is its first bytes (for naming a compressed stream's member).
        case descriptor(Int32, size: Int64, head: UnsafeRawBufferPointer)
    }

    /// Reads the archive `format` (from `ArchiveFormat.sniff`) whose bytes are at
    /// `source` and calls `visit` for every regular member, depth-first, nested members
    /// right after the archive member that holds them. `outerName` names a compressed
    /// stream's member (`notes.txt.gz` -> `notes.txt`). `deadline` (CLOCK_MONOTONIC ns)
    /// ends the walk sooner than `maxSeconds` when earlier. Never throws: what could not
    /// be read is in the result's notes.
    public func scan(_ source: Source, format: ArchiveFormat, outerName: String, deadline: UInt64? = nil,
                     visit: (ArchiveMember) -> ArchiveVisit) -> ArchiveResult {
        let start = Self.now()
        let size: Int64 = switch source {
        case .memory(let b): Int64(b.count)
        case .descriptor(_, let size, _): size
        }
        var walk = Walk(budget: ArchiveBudget(limits: limits, packedSize: size, start: start, deadline: deadline),
                        result: ArchiveResult(format: format))
        let reader: LibArchiveReader
        let head: UnsafeRawBufferPointer
        do {
            switch source {
            case .memory(let bytes):
                reader = try .open(memory: bytes)
                head = bytes
            case .descriptor(let fd, let size, let h):
                reader = try .open(descriptor: fd, size: size)
                head = h
            }
        } catch {
            walk.result.notes.append(.unreadable(member: "", message: error.description))
            return walk.finish(start: start)
        }
        held = 0
        let streamName = ArchiveFormat.streamMemberName(outerName: outerName, head: head)
        let before = (walk.result.members, walk.result.notes.count)
        let flow = read(reader, prefix: "", streamName: streamName, depth: 1, walk: &walk, visit: visit)
        if flow == .next, format.isCompressedStream, !reader.isRaw, (walk.result.members, walk.result.notes.count) == before {
            // libarchive's tar reader takes a stream that starts with zero blocks for an
            // empty tar and stops there; `zcat` would go on to whatever follows them. Read
            // the stream again as one member, so nothing hides behind the zeros.
            let raw: LibArchiveReader?
            switch source {
            case .memory(let bytes): raw = try? .open(memory: bytes, rawOnly: true)
            case .descriptor(let fd, let size, _): raw = try? .open(descriptor: fd, size: size, rawOnly: true)
            }
            if let raw { _ = read(raw, prefix: "", streamName: streamName, depth: 1, walk: &walk, visit: visit) }
        }
        return walk.finish(start: start)
    }

    /// Gives back member buffers that grew past `keep` bytes (a daemon between files).
    public func trimBuffers(keep: Int = 1 << 20) {
        for i in buffers.indices where buffers[i].count > keep {
            buffers[i].deallocate()
            buffers[i] = .allocate(byteCount: keep, alignment: 64)
        }
    }

    private struct Walk {
        var budget: ArchiveBudget
        var result: ArchiveResult
        mutating func finish(start: UInt64) -> ArchiveResult {
            result.unpackedBytes = budget.unpacked
            result.seconds = Double(ArchiveScanner.now() &- start) / 1e9
            return result
        }
    }

    private enum Flow { case next, stopAll }

    /// Reads every member of one (possibly nested) archive. Members are `depth` deep.
    private func read(_ reader: LibArchiveReader, prefix: String, streamName: String, depth: Int,
                      walk: inout Walk, visit: (ArchiveMember) -> ArchiveVisit) -> Flow {
        let a = reader.handle
        var entry: OpaquePointer?
        while true {
            if let hit = walk.budget.check(now: Self.now()) {
                walk.result.notes.append(.limit(hit, member: prefix, detail: describe(hit, walk.budget)))
                return .stopAll
            }
            let rc = archive_read_next_header(a, &entry)
            if rc == ARCHIVE_EOF { return .next }
            guard rc == ARCHIVE_OK || rc == ARCHIVE_WARN, let entry else {
                // Encrypted headers (7z -mhe, RAR5 -hp) fail here: say so rather than "corrupt".
                if reader.hasEncryptedEntries > 0 {
                    walk.result.notes.append(.encrypted(member: prefix))
                } else {
                    walk.result.notes.append(.unreadable(member: prefix, message: reader.errorMessage))
                }
                return .next
            }
            if let hit = walk.budget.addEntry() {
                walk.result.notes.append(.limit(hit, member: prefix, detail: describe(hit, walk.budget)))
                return .stopAll
            }
            guard vigil_ae_is_regular(entry) != 0 else { continue }
            let name = reader.isRaw ? streamName : entryName(entry)
            let path = prefix.isEmpty ? name : prefix + "!" + name
            if archive_entry_is_encrypted(entry) != 0 {
                walk.result.notes.append(.encrypted(member: path))
                continue
            }
            let declared: Int64? = archive_entry_size_is_set(entry) != 0 ? archive_entry_size(entry) : nil
            let level = depth - 1
            while buffers.count <= level { buffers.append(.allocate(byteCount: 64 << 10, alignment: 64)) }
            let cap = walk.budget.memberCap(held: held)
            let (count, stop) = readMember(a, entry: entry, level: level, cap: cap, declared: declared, path: path, walk: &walk)
            let truncated = stop != nil || count < 0
            let n = max(0, count)
            let bytes = UnsafeRawBufferPointer(rebasing: buffers[level][0..<n])
            walk.result.members += 1
            if visit(ArchiveMember(path: path, name: name, depth: depth, bytes: bytes, declaredSize: declared,
                                   isTruncated: truncated)) == .stop {
                walk.result.stopped = true
                return .stopAll
            }
            if let stop {
                if stop.endsScan { return .stopAll }
                if stop == .unreadableMember { return .next }
            }
            // A member that is an archive: read it from memory, unless too deep.
            guard let inner = ArchiveFormat.sniff(bytes) else { continue }
            guard depth < limits.maxDepth else {
                walk.result.notes.append(.limit(.depth, member: path, detail: "\(inner.rawValue) nested deeper than \(limits.maxDepth) levels was not opened"))
                continue
            }
            guard !truncated else { continue } // a cut archive is noted already; its tail cannot be read
            let child: LibArchiveReader
            do { child = try .open(memory: bytes) } catch {
                walk.result.notes.append(.unreadable(member: path, message: error.description))
                continue
            }
            held += Int64(n)
            let innerName = ArchiveFormat.streamMemberName(outerName: name, head: bytes)
            let before = (walk.result.members, walk.result.notes.count)
            var flow = read(child, prefix: path, streamName: innerName, depth: depth + 1, walk: &walk, visit: visit)
            // As for the outer file: zero blocks read as an empty tar must not hide the rest.
            if flow == .next, inner.isCompressedStream, !child.isRaw, (walk.result.members, walk.result.notes.count) == before,
               let raw = try? LibArchiveReader.open(memory: bytes, rawOnly: true) {
                flow = read(raw, prefix: path, streamName: innerName, depth: depth + 1, walk: &walk, visit: visit)
            }
            held -= Int64(n)
            if flow == .stopAll { return .stopAll }
        }
    }

    private enum MemberStop: Equatable {
        case limit(ArchiveLimit)
        case unreadableMember
        var endsScan: Bool {
            if case .limit(let l) = self { return l.endsScan }
            return false
        }
    }

    /// Reads the current member's data into `buffers[level]`, up to `cap` bytes held
    /// (holes of sparse members as zeros). Bytes past the cap are decompressed and
    /// counted, never held, so a bomb is stopped by the total, ratio or time limit and
    /// never by memory. Returns the bytes held and why reading stopped early, if it did.
    private func readMember(_ a: OpaquePointer, entry: OpaquePointer, level: Int, cap: Int64, declared: Int64?, path: String,
                            walk: inout Walk) -> (Int, MemberStop?) {
        if let declared, declared > 0 { grow(level, to: Int(min(declared, cap))) }
        var filled = 0       // bytes of the buffer that hold data (or zeros for holes)
        var capped = false
        var block: UnsafeRawPointer?
        var size = 0
        var offset: Int64 = 0
        while true {
            let rc = archive_read_data_block(a, &block, &size, &offset)
            if rc == ARCHIVE_EOF { break }
            if rc != ARCHIVE_OK && rc != ARCHIVE_WARN {
                let message = archive_error_string(a).map { String(cString: $0) } ?? "read error"
                walk.result.notes.append(.unreadable(member: path, message: message))
                return (filled, .unreadableMember)
            }
            if size > 0 {
                if let hit = walk.budget.addBytes(Int64(size), now: Self.now()) {
                    walk.result.notes.append(.limit(hit, member: path, detail: describe(hit, walk.budget)))
                    _ = copy(block, size, at: offset, level: level, cap: cap, filled: &filled)
                    return (filled, .limit(hit))
                }
                if !copy(block, size, at: offset, level: level, cap: cap, filled: &filled) { capped = true }
            } else if let hit = walk.budget.check(now: Self.now()) {
                walk.result.notes.append(.limit(hit, member: path, detail: describe(hit, walk.budget)))
                return (filled, .limit(hit))
            }
        }
        // The declared size of a sparse member covers its trailing holes.
        if let declared, declared > Int64(filled), archive_entry_sparse_count(entry) > 0 {
            let end = Int(min(declared, cap))
            if end > filled {
                grow(level, to: end)
                (buffers[level].baseAddress! + filled).initializeMemory(as: UInt8.self, repeating: 0, count: end - filled)
                filled = end
            }
            if declared > cap { capped = true }
        }
        if capped {
            walk.result.notes.append(.limit(.entrySize, member: path,
                                            detail: "only the first \(cap) bytes of \(declared.map(String.init) ?? "more") were scanned"))
            return (filled, .limit(.entrySize))
        }
        return (filled, nil)
    }

    /// Copies a data block at `offset` into the member buffer, zero-filling any hole
    /// before it, within `cap`. False when some of it did not fit.
    private func copy(_ block: UnsafeRawPointer?, _ size: Int, at offset: Int64, level: Int, cap: Int64,
                      filled: inout Int) -> Bool {
        guard let block, offset >= 0 else { return size == 0 }
        let capInt = Int(cap)
        guard offset < cap else { return false }
        let start = Int(offset)
        let end = min(start + size, capInt)
        grow(level, to: end)
        let base = buffers[level].baseAddress!
        if start > filled { (base + filled).initializeMemory(as: UInt8.self, repeating: 0, count: start - filled) }
        (base + start).copyMemory(from: block, byteCount: end - start)
        filled = max(filled, end)
        return end - start == size
    }

    private func grow(_ level: Int, to n: Int) {
        let old = buffers[level]
        guard n > old.count else { return }
        let new = UnsafeMutableRawBufferPointer.allocate(byteCount: max(n, min(old.count * 2, Int(limits.maxBufferedBytes))),
                                                          alignment: 64)
        new.copyMemory(from: UnsafeRawBufferPointer(old))
        old.deallocate()
        buffers[level] = new
    }

    private func entryName(_ entry: OpaquePointer) -> String {
        // UTF-8 when the archive says how to get it; the raw bytes otherwise (a C locale
        // cannot convert every zip's names). Nested separators stay readable.
        if let p = archive_entry_pathname_utf8(entry) { return displayMemberName(String(cString: p)) }
        if let p = archive_entry_pathname(entry) { return displayMemberName(String(decoding: UnsafeRawBufferPointer(start: p, count: strlen(p)), as: UTF8.self)) }
        return "?"
    }

    private func describe(_ limit: ArchiveLimit, _ b: ArchiveBudget) -> String {
        switch limit {
        case .totalBytes: "more than \(b.limits.maxTotalBytes) bytes unpacked"
        case .ratio: "\(b.unpacked) bytes unpacked from \(b.packedSize) (over \(Int(b.limits.maxRatio)):1)"
        case .entries: "more than \(b.limits.maxEntries) members"
        case .time: "reading took longer than the time allowed (\(b.limits.maxSeconds) s or the caller's deadline)"
        case .depth: "nested deeper than \(b.limits.maxDepth) levels"
        case .entrySize: "member bigger than \(b.limits.maxEntrySize) bytes"
        }
    }

    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
