import CZlib
import Foundation
import Glibc
import VigilSystem

// Owns: `vigil report`: reading event logs (plain, rotated, gzip) as a stream and
// counting what was denied and what audit mode would have denied, by rule, path,
// process, kind and workload, with first and last seen. Must not: hold a log in memory (one line
// at a time, each at most `maxLineBytes`), or stop at a bad line (skipped and counted).

public struct LogReport: Sendable {
    /// The instants that bound the report (epoch seconds; nil = open).
    public var since: Double?
    public var until: Double?
    /// Longer lines are not events Vigil writes: skipped as malformed.
    public var maxLineBytes = 1 << 20

    public struct Group: Sendable, Equatable {
        public var key: String
        public var count = 0
        public var denies = 0
        public var audits = 0
        public var first = Double.infinity
        public var last = -Double.infinity
    }

    public private(set) var linesRead = 0
    /// Deny and audit lines inside the window (a `vigil.repeats` summary counts its repeats).
    public private(set) var events = 0
    public private(set) var denies = 0
    public private(set) var audits = 0
    /// Lines that are not a JSON object, or a deny/audit line without a readable time.
    public private(set) var malformed = 0
    public private(set) var outsideWindow = 0
    public private(set) var filesRead: [String] = []
    /// Files that could not be read to the end (unreadable, truncated or corrupt gzip): what
    /// was read before the damage counts.
    public private(set) var fileErrors: [String] = []
    public private(set) var groups: [InsightDimension: [String: Group]] = [:]
    public private(set) var first: Double?
    public private(set) var last: Double?

    public init(since: Double?, until: Double?) {
        self.since = since
        self.until = until
    }

    /// The groups of one dimension, most events first (ties by key).
    public func ranked(_ dimension: InsightDimension, limit: Int) -> [Group] {
        let all = (groups[dimension] ?? [:]).values.sorted { $0.count != $1.count ? $0.count > $1.count : $0.key < $1.key }
        return Array(all.prefix(max(0, limit)))
    }

    // MARK: files

    /// A log file and its rotated siblings (`events.json.1`, `events.json.2.gz`,
    /// `events.json-20261126.gz`), oldest name last; those last written before `since`
    /// are left out (every line in them is older).
    public static func logFiles(for logFile: String, since: Double?) -> [String] {
        let slash = logFile.lastIndex(of: "/")
        let dir = slash.map { String(logFile[..<$0]) } ?? "."
        let base = slash.map { String(logFile[logFile.index(after: $0)...]) } ?? logFile
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.isEmpty ? "/" : dir)) ?? [])
            .filter { $0 == base || $0.hasPrefix(base + ".") || $0.hasPrefix(base + "-") }
        return names.sorted().map { (dir.isEmpty ? "" : dir) + "/" + $0 }.filter { path in
            var st = stat()
            guard stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return false }
            return since.map { Double(st.st_mtim.tv_sec) >= $0 - 1 } ?? true
        }
    }

    /// Reads `path` (gzip or plain) line by line into the report.
    public mutating func read(file path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            fileErrors.append("\(path): \(String(cString: strerror(errno)))")
            return
        }
        guard let gz = vigil_gz_open_fd(fd) else {
            close(fd)
            fileErrors.append("\(path): cannot read")
            return
        }
        defer { vigil_gz_close(gz) }
        filesRead.append(path)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var line: [UInt8] = []
        var tooLong = false
        var message = [CChar](repeating: 0, count: 128)
        while true {
            let n = buffer.withUnsafeMutableBufferPointer { vigil_gz_read(gz, $0.baseAddress, UInt32($0.count), &message) }
            if n < 0 {
                fileErrors.append("\(path): \(String(cString: message)) (read up to the damage)")
                break
            }
            if n == 0 { break }
            var start = 0
            for i in 0..<n where buffer[i] == 10 {
                if !tooLong { line.append(contentsOf: buffer[start..<i]) }
                if tooLong || line.count > maxLineBytes { linesRead += 1; malformed += 1 } else { consume(line) }
                line.removeAll(keepingCapacity: true)
                tooLong = false
                start = i + 1
            }
            if start < n, !tooLong {
                line.append(contentsOf: buffer[start..<n])
                if line.count > maxLineBytes { tooLong = true; line.removeAll(keepingCapacity: true) }
            }
        }
        if tooLong { linesRead += 1; malformed += 1 } else if !line.isEmpty { consume(line) }
    }

    // MARK: lines

    private static let denyMark = Array(#""action":"deny""#.utf8)
    private static let auditMark = Array(#""action":"audit""#.utf8)

    /// One line. Only deny and audit lines are parsed; every other line is only checked
    /// to be an object, so a huge log of allows costs a byte scan per line.
    public mutating func consume(_ line: [UInt8]) {
        var bytes = line[...]
        while let f = bytes.first, f == 32 || f == 9 || f == 13 { bytes = bytes.dropFirst() }
        while let l = bytes.last, l == 32 || l == 9 || l == 13 { bytes = bytes.dropLast() }
        if bytes.isEmpty { return }
        linesRead += 1
        guard bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else { malformed += 1; return }
        guard LogReport.contains(bytes, LogReport.denyMark) || LogReport.contains(bytes, LogReport.auditMark) else { return }
        guard let obj = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any],
              let event = obj["event"] as? [String: Any], let action = event["action"] as? String else { malformed += 1; return }
        guard action == "deny" || action == "audit" else { return }
        guard let stamp = obj["@timestamp"] as? String, let t = parseRFC3339(stamp) else { malformed += 1; return }
        if let since, t < since { outsideWindow += 1; return }
        if let until, t >= until { outsideWindow += 1; return }
        let vigil = obj["vigil"] as? [String: Any] ?? [:]
        let n = max(1, vigil["repeats"] as? Int ?? 1)
        let deny = action == "deny"
        events += n
        if deny { denies += n } else { audits += n }
        first = min(first ?? t, t)
        last = max(last ?? t, t)
        let rule = obj["rule"] as? [String: Any]
        var rules = (vigil["rules"] as? [String]) ?? []
        if rules.isEmpty, let name = rule?["name"] as? String { rules = [name] }
        if rules.isEmpty { rules = ["(no rule)"] }
        let file = obj["file"] as? [String: Any]
        let process = obj["process"] as? [String: Any]
        let keys: [InsightDimension: [String]] = [
            .rule: rules,
            .path: [(file?["path"] as? String) ?? "(no path)"],
            .process: [(process?["executable"] as? String) ?? (process?["name"] as? String).map { "\($0) (name only)" } ?? "(unknown process)"],
            .kind: [((vigil["access"] as? String) ?? "open") + " " + action],
            // Lines of a daemon without [[workload]]s carry none: no workload entry.
            .workload: (vigil["workload"] as? String).map { [$0] } ?? [],
        ]
        for (dimension, list) in keys {
            for key in Set(list) {
                var g = groups[dimension]?[key] ?? Group(key: key)
                g.count += n
                if deny { g.denies += n } else { g.audits += n }
                g.first = min(g.first, t)
                g.last = max(g.last, t)
                groups[dimension, default: [:]][key] = g
            }
        }
    }

    static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        // memchr to each candidate first byte, memcmp for the rest (memmem needs _GNU_SOURCE).
        haystack.withUnsafeBytes { h in
            needle.withUnsafeBytes { n in
                guard n.count > 0, h.count >= n.count, let base = h.baseAddress, let first = n.first else { return n.isEmpty }
                var offset = 0
                let last = h.count - n.count
                while offset <= last, let hit = memchr(base + offset, Int32(first), last - offset + 1) {
                    let at = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + at, n.baseAddress!, n.count) == 0 { return true }
                    offset = at + 1
                }
                return false
            }
        }
    }
}

/// `--since`/`--until` text: a span back from `now` ("24h", "30m", "7d"), an RFC 3339
/// instant with its offset, or a local date and time without one ("2026-11-26",
/// "2026-11-26T08:00", "2026-11-26 08:00:00"), read in the local time zone (TZ).
public func parseInstant(_ text: String, now: Double) -> Double? {
    if let span = parseDuration(text) { return now - Double(span) }
    if let t = parseRFC3339(text) { return t }
    let u = Array(text.utf8)
    guard u.count == 10 || u.count == 16 || u.count == 19 else { return nil }
    func num(_ r: Range<Int>) -> Int32? {
        var v: Int32 = 0
        for i in r { guard (48...57).contains(u[i]) else { return nil }; v = v * 10 + Int32(u[i] - 48) }
        return v
    }
    guard u[4] == 0x2D, u[7] == 0x2D, let y = num(0..<4), let mo = num(5..<7), let d = num(8..<10), (1...12).contains(mo), (1...31).contains(d)
    else { return nil }
    var tmv = tm()
    tmv.tm_year = y - 1900
    tmv.tm_mon = mo - 1
    tmv.tm_mday = d
    tmv.tm_isdst = -1
    if u.count > 10 {
        guard [0x54, 0x20].contains(u[10]), u[13] == 0x3A, let h = num(11..<13), let mi = num(14..<16), h < 24, mi < 60 else { return nil }
        tmv.tm_hour = h
        tmv.tm_min = mi
        if u.count == 19 {
            guard u[16] == 0x3A, let s = num(17..<19), s < 61 else { return nil }
            tmv.tm_sec = s
        }
    }
    let t = mktime(&tmv)
    guard tmv.tm_mday == d, tmv.tm_mon == mo - 1 else { return nil }
    return Double(t)
}

/// An instant as people read it here: local time with its offset.
public func localTimeText(_ seconds: Double) -> String {
    var t = time_t(seconds)
    var tmv = tm()
    localtime_r(&t, &tmv)
    var buf = [CChar](repeating: 0, count: 48)
    strftime(&buf, buf.count, "%Y-%m-%d %H:%M:%S %z", &tmv)
    return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
