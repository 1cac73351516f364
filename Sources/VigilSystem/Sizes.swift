// Sizes as people write them ("64M") and read them ("1.5 MiB").
//
// Owns: byte sizes in text. Must not: know any limit.

public func formatBytes(_ n: Int64) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB"]
    var v = Double(n)
    var i = 0
    while v >= 1024 && i < units.count - 1 { v /= 1024; i += 1 }
    if i == 0 { return "\(n) B" }
    let rounded = (v * 10).rounded() / 10
    return rounded == rounded.rounded() ? "\(Int(rounded)) \(units[i])" : "\(rounded) \(units[i])"
}

/// "100M" -> 104857600. Plain numbers are bytes.
public func parseByteSize(_ text: String) -> Int64? {
    let t = String(text.filter { $0 != " " }).uppercased()
    let units: [(String, Int64)] = [("TB", 1 << 40), ("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10),
                                    ("TIB", 1 << 40), ("GIB", 1 << 30), ("MIB", 1 << 20), ("KIB", 1 << 10),
                                    ("T", 1 << 40), ("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10), ("B", 1)]
    for (suffix, mult) in units.sorted(by: { $0.0.count > $1.0.count }) where t.hasSuffix(suffix) {
        guard let n = Int64(t.dropLast(suffix.count)), n >= 0 else { return nil }
        return n.multipliedReportingOverflow(by: mult).overflow ? nil : n * mult
    }
    guard let n = Int64(t), n >= 0 else { return nil }
    return n
}


/// 10 << 30 -> "10G": the largest unit that divides it exactly, as the config reads it.
public func formatBytesForConfig(_ n: Int64) -> String {
    for (unit, size) in [("T", Int64(1) << 40), ("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10)] where n != 0 && n % size == 0 {
        return "\(n / size)\(unit)"
    }
    return "\(n)"
}
