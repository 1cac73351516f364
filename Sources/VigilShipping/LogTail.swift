import Glibc

// Owns: the daemon's exporter reading the event log itself as its spool: complete lines
// from a durable cursor (`INODE OFFSET` in DIR/log-cursor), across rotations (the old
// file is finished through its descriptor, or found again by inode after a restart, then
// the file rotated after it, or the live one, is read from its start: several rotations
// while the exporter lags are followed one file at a time). Must not: write to the log, or move the cursor
// past a line the exporter has not settled.

/// Where batches come from: the spool (`vigil export`) or the event log (the daemon).
/// The position's two numbers are the source's own (segment and offset; inode and offset).
public protocol ShippingSource: AnyObject {
    func next(maxLines: Int, maxBytes: Int) -> SpoolReader.Batch?
    /// Everything before `pos` is settled; durable before it returns.
    func commit(_ pos: SpoolPosition) throws(SpoolError)
    func backlogBytes() -> Int64
    /// Files of the source that were gone before they were shipped whole.
    var filesLost: Int { get }
}

extension SpoolReader: ShippingSource {
    /// The spool's segments are only removed once shipped.
    public var filesLost: Int { 0 }
}

public final class LogTail: ShippingSource {
    public let logPath: String
    public let directory: String
    private var fd: Int32 = -1
    private var inode: UInt64 = 0
    private var offset: Int64 = 0
    /// Rotated files the cursor named but that could no longer be found (compressed or
    /// deleted while the daemon was down): their unsent tail could not be shipped.
    public private(set) var filesLost = 0
    /// Bytes of a half line at the end of a finished file (a crash mid-write): skipped.
    public private(set) var tornBytesSkipped: Int64 = 0

    /// Opens the log at the cursor. With no cursor yet, shipping starts at the start of
    /// the current log file.
    public init(logPath: String, directory: String) throws(SpoolError) {
        self.logPath = logPath
        self.directory = directory
        if mkdir(directory, 0o700) != 0 && errno != EEXIST { throw SpoolError(description: "cannot create \(directory): \(SpoolFiles.errno_())") }
        let cursor = LogTail.readCursor(directory + "/log-cursor")
        let saved = cursor?.position
        if let cursor, let saved, let found = LogTail.find(inode: saved.segment, minimumSize: saved.offset, head: cursor.head, beside: logPath) {
            fd = found.fd
            inode = saved.segment
            offset = min(saved.offset, found.size)
        } else {
            if saved != nil { filesLost += 1 }
            openCurrent()
        }
    }

    deinit { if fd >= 0 { close(fd) } }

    /// `INODE OFFSET HEAD`: HEAD fingerprints the file's first bytes (up to 256, never
    /// past the offset), so a new file that was given a freed inode number is not taken
    /// for the old one.
    static func readCursor(_ path: String) -> (position: SpoolPosition, head: String)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buf = [UInt8](repeating: 0, count: 128)
        let n = read(fd, &buf, 128)
        guard n > 0 else { return nil }
        let f = String(decoding: buf[0..<n], as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard f.count == 3, let pos = SpoolPosition.parse("\(f[0]) \(f[1])") else { return nil }
        return (pos, String(f[2]))
    }

    /// The fingerprint of a file's first min(`upTo`, 256) bytes.
    static func head(_ fd: Int32, upTo: Int64) -> String {
        var buf = [UInt8](repeating: 0, count: Int(min(max(upTo, 0), 256)))
        let n = buf.isEmpty ? 0 : pread(fd, &buf, buf.count, 0)
        return BulkProtocol.fnv1a128Hex(Array(buf.prefix(max(0, n))))
    }

    /// The log file, or a rotated sibling of it (`events.json.1`, ...), that is `inode`.
    static func find(inode: UInt64, minimumSize: Int64, head: String, beside logPath: String) -> (fd: Int32, size: Int64)? {
        let slash = logPath.lastIndex(of: "/")
        let dir = slash.map { String(logPath[..<$0]) } ?? "."
        let base = slash.map { String(logPath[logPath.index(after: $0)...]) } ?? logPath
        var candidates = [logPath]
        if let d = opendir(dir.isEmpty ? "/" : dir) {
            while let e = readdir(d) {
                let name = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name.hasPrefix(base + "."), !name.hasSuffix(".gz") { candidates.append(dir + "/" + name) }
            }
            closedir(d)
        }
        for path in candidates {
            let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
            guard fd >= 0 else { continue }
            var st = stat()
            // A file only grows: one shorter than the cursor is another file that was
            // given the freed inode number (tmpfs and ext4 reuse them).
            if fstat(fd, &st) == 0, UInt64(st.st_ino) == inode, Int64(st.st_size) >= minimumSize,
               LogTail.head(fd, upTo: minimumSize) == head { return (fd, Int64(st.st_size)) }
            close(fd)
        }
        return nil
    }

    /// Switches to the file now at `logPath` (from its start); false when there is none.
    @discardableResult
    private func openCurrent() -> Bool {
        let next = open(logPath, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard next >= 0 else { return false }
        var st = stat()
        fstat(next, &st)
        if fd >= 0 { close(fd) }
        fd = next
        inode = UInt64(st.st_ino)
        offset = 0
        return true
    }

    /// The file written after the one being read: if that one is now `base.K`, `base.K-1`
    /// (or the live file for K = 1). Names shift under a rotation, so the pair is checked
    /// again after the open. A file gone (deleted past rotate_keep) continues with the
    /// oldest rotated file written since (older ones came before it: a live file removed
    /// by hand continues with the live one).
    private func nextFile() -> (fd: Int32, inode: UInt64, byDaemon: Bool)? {
        for _ in 0..<3 {
            let rotated = LogTail.rotatedNumbers(beside: logPath)
            var mine: Int?
            for n in rotated {
                var st = stat()
                if lstat("\(logPath).\(n)", &st) == 0, UInt64(st.st_ino) == inode { mine = n }
            }
            let name: String
            if let mine {
                name = mine == 1 ? logPath : "\(logPath).\(mine - 1)"
            } else if let oldest = rotated.filter({ LogTail.modified("\(logPath).\($0)") >= modifiedHere() }).max() {
                name = "\(logPath).\(oldest)"
            } else {
                name = logPath
            }
            var next = open(name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
            guard next >= 0 else { continue }
            var byDaemon = LogTail.startsWithRotation(next)
            if name != logPath && !byDaemon {
                // Numbered files the daemon did not make (an outside rotation's own scheme):
                // their order is not known, so on to the live file, as before.
                close(next)
                next = open(logPath, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
                guard next >= 0 else { continue }
                byDaemon = LogTail.startsWithRotation(next)
            }
            var st = stat(), again = stat()
            let stillThere = mine.map { lstat("\(logPath).\($0)", &again) == 0 && UInt64(again.st_ino) == inode } ?? true
            if fstat(next, &st) == 0, UInt64(st.st_ino) != inode, stillThere {
                return (next, UInt64(st.st_ino), byDaemon)
            }
            close(next)
        }
        return nil
    }

    /// The file's first line is the daemon's `event-log-rotated`: it made this file by its
    /// own rotation, after finishing the one before it.
    static func startsWithRotation(_ fd: Int32) -> Bool {
        var head = [UInt8](repeating: 0, count: 4096)
        let n = pread(fd, &head, head.count, 0)
        guard n > 0, let nl = head.prefix(n).firstIndex(of: 10) else { return false }
        return String(decoding: head[..<nl], as: UTF8.self).contains(#""action":"event-log-rotated""#)
    }

    /// Last modification (ns) of a file by name, and of the file being read.
    static func modified(_ path: String) -> Int {
        var st = stat()
        return stat(path, &st) == 0 ? st.st_mtim.tv_sec * 1_000_000_000 + st.st_mtim.tv_nsec : 0
    }
    private func modifiedHere() -> Int {
        var st = stat()
        return fd >= 0 && fstat(fd, &st) == 0 ? st.st_mtim.tv_sec * 1_000_000_000 + st.st_mtim.tv_nsec : Int.max
    }

    /// The numbers N of the rotated files `base.N` beside the log (compressed ones aside).
    static func rotatedNumbers(beside logPath: String) -> [Int] {
        let slash = logPath.lastIndex(of: "/")
        let dir = slash.map { String(logPath[..<$0]) } ?? "."
        let base = slash.map { String(logPath[logPath.index(after: $0)...]) } ?? logPath
        var out: [Int] = []
        if let d = opendir(dir.isEmpty ? "/" : dir) {
            while let e = readdir(d) {
                let name = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name.hasPrefix(base + "."), let n = Int(name.dropFirst(base.count + 1)), n > 0 { out.append(n) }
            }
            closedir(d)
        }
        return out
    }

    /// The inode now at `logPath`, if any.
    private func currentInode() -> UInt64? {
        var st = stat()
        return stat(logPath, &st) == 0 ? UInt64(st.st_ino) : nil
    }

    /// The file being read has not been written for `seconds`: logrotate's `create`
    /// puts the new file in place before the daemon is told to reopen, so lines may still
    /// land in the old one for a moment after the new one appears.
    private func quietFor(seconds: Int) -> Bool {
        var st = stat()
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return fd < 0 || fstat(fd, &st) != 0 || now.tv_sec - st.st_mtim.tv_sec >= seconds
    }

    private func size() -> Int64 {
        var st = stat()
        return fd >= 0 && fstat(fd, &st) == 0 ? Int64(st.st_size) : 0
    }

    public func next(maxLines: Int, maxBytes: Int) -> SpoolReader.Batch? {
        while true {
            if fd < 0 && !openCurrent() { return nil }
            let avail = size() - offset
            let rotated = currentInode().map { $0 != inode } ?? false
            if avail < 0 && !rotated {
                // Truncated in place (copytruncate): what is there now is new.
                offset = 0
                continue
            }
            if avail <= 0 {
                guard rotated, let next = nextFile() else { return nil }
                // The daemon's own rotation finished this file before the next one got its
                // first line (event-log-rotated); after an outside rename (logrotate) lines
                // may still land here until the daemon reopens: wait for quiet then.
                if !next.byDaemon && !quietFor(seconds: 2) {
                    close(next.fd)
                    return nil
                }
                // Settle the switch durably, so a restart does not look for the old file again.
                close(fd)
                (fd, inode, offset) = (next.fd, next.inode, 0)
                try? commit(SpoolPosition(segment: inode, offset: 0))
                continue
            }
            guard let chunk = LineReader.read(fd: fd, at: offset, available: avail, maxBytes: maxBytes, maxLines: maxLines) else { return nil }
            let (lines, consumed) = (chunk.lines, chunk.consumed)
            if consumed == 0 {
                if chunk.cutShort {
                    // One line longer than maxBytes: read up to its end.
                    return longLine(avail: avail)
                }
                guard rotated else { return nil }   // the writer is mid-line; wait for the rest
                // A rotated file ending in half a line (a crash mid-write): skip the rest.
                tornBytesSkipped += avail
                offset += avail
                continue
            }
            let start = SpoolPosition(segment: inode, offset: offset)
            let end = SpoolPosition(segment: inode, offset: offset + Int64(consumed))
            return SpoolReader.Batch(start: start, end: end, lines: lines)
        }
    }

    private func longLine(avail: Int64) -> SpoolReader.Batch? {
        var buf = [UInt8](repeating: 0, count: Int(min(avail, 64 << 20)))
        let n = pread(fd, &buf, buf.count, off_t(offset))
        guard n > 0, let nl = buf[0..<n].firstIndex(of: 10) else { return nil }
        return SpoolReader.Batch(start: SpoolPosition(segment: inode, offset: offset),
                                 end: SpoolPosition(segment: inode, offset: offset + Int64(nl) + 1), lines: [Array(buf[0..<nl])])
    }

    public func commit(_ pos: SpoolPosition) throws(SpoolError) {
        let fingerprint = pos.segment == inode && fd >= 0 ? LogTail.head(fd, upTo: pos.offset) : BulkProtocol.fnv1a128Hex([])
        try SpoolFiles.writeAtomically(pos.description + " " + fingerprint + "\n", dir: directory, name: "log-cursor")
        if pos.segment == inode { offset = pos.offset }
    }

    public func backlogBytes() -> Int64 {
        var pending = max(0, size() - offset)
        if let now = currentInode(), now != inode {
            var st = stat()
            if stat(logPath, &st) == 0 { pending += Int64(st.st_size) }
        }
        return pending
    }
}
