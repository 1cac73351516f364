import VigilSystem
/// The raw-data extents of a PE file's sections, read from its headers: what ClamAV's
/// section hash signatures (`.mdb`, `.msb`) hash. Hostile input: every offset is checked
/// against the bytes given and the file size, and at most 96 sections are read (ClamAV's
/// own limit).
///
/// Owns: PE header parsing for section extents. Must not: read files or hash.
public enum PESections {
    public struct Section: Equatable, Sendable {
        public let offset: Int64
        public let size: Int64
    }

    public static let maxSections = 96

    /// Sections from the first bytes of a file (the headers: 4 KiB covers any real PE),
    /// whose raw data lies inside a file of `fileSize` bytes. Empty for anything else.
    public static func parse(_ head: UnsafeRawBufferPointer, fileSize: Int64) -> [Section] {
        func u16(_ at: Int) -> Int? { at >= 0 && at + 2 <= head.count ? Int(head[at]) | Int(head[at + 1]) << 8 : nil }
        func u32(_ at: Int) -> Int64? {
            guard at >= 0, at + 4 <= head.count else { return nil }
            return Int64(head[at]) | Int64(head[at + 1]) << 8 | Int64(head[at + 2]) << 16 | Int64(head[at + 3]) << 24
        }
        guard u16(0) == 0x5A4D, let lfanew = u32(0x3C), lfanew < Int64(head.count), u32(Int(lfanew)) == 0x0000_4550,
              let count = u16(Int(lfanew) + 6), let optional = u16(Int(lfanew) + 20) else { return [] }
        let table = Int(lfanew) + 24 + optional
        var out: [Section] = []
        for i in 0..<min(count, maxSections) {
            let entry = table + 40 * i
            guard let size = u32(entry + 16), let offset = u32(entry + 20) else { break }
            guard size > 0, offset + size <= fileSize else { continue }
            out.append(Section(offset: offset, size: size))
        }
        return out
    }
}
