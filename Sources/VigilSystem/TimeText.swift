import Glibc

// Durations and instants as people and logs write them: "30d", "24h", "5m" for spans;
// RFC 3339 with any offset ("2026-11-26T10:00:00+02:00", "...Z", fractions) for
// instants. Pure, for table tests.
//
// Owns: the text forms of spans and instants. Must not: read a clock.

/// "30d" -> 2_592_000 seconds. Units s, m, h, d, w; a plain number is seconds; "0" is
/// zero. Nil for anything else (a negative span, an unknown unit, an overflow).
public func parseDuration(_ text: String) -> Int64? {
    let t = text.trimmingSpaces.lowercased()
    guard let last = t.last else { return nil }
    let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400]
    let (digits, mult): (Substring, Int64) = if let m = units[last] { (t.dropLast(), m) } else { (Substring(t), 1) }
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int64(digits) else { return nil }
    let (v, overflow) = n.multipliedReportingOverflow(by: mult)
    return overflow ? nil : v
}

/// 2_592_000 -> "30d": the largest unit that divides it exactly.
public func formatDuration(_ seconds: Int64) -> String {
    for (unit, size) in [("w", Int64(7 * 86400)), ("d", 86400), ("h", 3600), ("m", 60)] where seconds != 0 && seconds % size == 0 {
        return "\(seconds / size)\(unit)"
    }
    return "\(seconds)s"
}

/// An RFC 3339 instant to epoch seconds: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`
/// (a space for the T, a lower-case t or z, and ±HHMM are taken too). Nil for anything
/// else, including dates that do not exist (31 February).
public func parseRFC3339(_ s: String) -> Double? {
    let u = Array(s.utf8)
    guard u.count >= 20 else { return nil }
    func num(_ r: Range<Int>) -> Int32? {
        var v: Int32 = 0
        for i in r { guard (48...57).contains(u[i]) else { return nil }; v = v * 10 + Int32(u[i] - 48) }
        return v
    }
    guard u[4] == 0x2D, u[7] == 0x2D, [0x54, 0x74, 0x20].contains(u[10]), u[13] == 0x3A, u[16] == 0x3A,
          let y = num(0..<4), let mo = num(5..<7), let d = num(8..<10), let h = num(11..<13), let mi = num(14..<16), let sec = num(17..<19),
          (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, sec <= 60 else { return nil }
    var i = 19
    var fraction = 0.0
    if u[i] == 0x2E {
        i += 1
        var scale = 0.1
        let start = i
        while i < u.count, (48...57).contains(u[i]) { fraction += Double(u[i] - 48) * scale; scale /= 10; i += 1 }
        guard i > start else { return nil }
    }
    guard i < u.count else { return nil }
    var offset: Int32 = 0
    switch u[i] {
    case 0x5A, 0x7A:
        guard i + 1 == u.count else { return nil }
    case 0x2B, 0x2D:
        let sign: Int32 = u[i] == 0x2B ? 1 : -1
        let rest = u.count - i - 1
        guard rest == 5 || rest == 4 else { return nil }
        guard let oh = num(i + 1..<i + 3) else { return nil }
        let mStart = rest == 5 ? i + 4 : i + 3
        guard rest == 4 || u[i + 3] == 0x3A, let om = num(mStart..<mStart + 2), oh < 24, om < 60 else { return nil }
        offset = sign * (oh * 3600 + om * 60)
    default:
        return nil
    }
    var tmv = tm()
    tmv.tm_year = y - 1900
    tmv.tm_mon = mo - 1
    tmv.tm_mday = d
    tmv.tm_hour = h
    tmv.tm_min = mi
    tmv.tm_sec = sec
    let t = timegm(&tmv)
    // timegm normalises 31 February into March: refuse dates that do not round-trip.
    guard tmv.tm_mday == d, tmv.tm_mon == mo - 1 else { return nil }
    return Double(t - time_t(offset)) + fraction
}

/// The one strict form Vigil writes into its own files (bundle manifests, `.vigil-version`):
/// `YYYY-MM-DDTHH:MM:SSZ`, UTC, whole seconds, a date that exists. Nil for anything else,
/// so a hand-edited or forged stamp is refused rather than normalised.
public func parseUTCSeconds(_ s: String) -> Int64? {
    let u = Array(s.utf8)
    guard u.count == 20, u[10] == 0x54, u[19] == 0x5A, u[17] < 0x36 else { return nil }
    return parseRFC3339(s).map { Int64($0) }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(self.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
