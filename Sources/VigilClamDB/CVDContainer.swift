import CCrypto
import CZlib

/// ClamAV's database containers: `.cvd` (signed, as published), `.cld` (a `.cvd` after
/// freshclam applied incremental updates; its tar is often uncompressed) and `.cud`
/// (unsigned). A 512-byte text header `ClamAV-VDB:time:version:sigs:flevel:md5:dsig:builder:stime`
/// padded with spaces, then a gzipped or plain tar of database files.
///
/// Checks: the header's MD5 of the rest of a `.cvd`, the tar checksums, and the sizes and
/// SHA-256 digests the container's own `.info` member lists for its files. ClamAV's RSA
/// `dsig` is not verified (its key scheme is ClamAV's own): authenticity comes from a
/// signed Vigil bundle around the container.
///
/// Owns: container framing. Must not: parse the signature files inside.
public struct CVDContainer: Sendable {
    public struct Header: Sendable, Equatable {
        public let buildTime: String
        public let version: Int
        public let signatures: Int
        public let functionalityLevel: Int
        public let md5: String
        public let builder: String
    }

    public let header: Header
    public let members: [TarReader.Member]
    /// What was checked, for the load report ("MD5 ok", "6 files checked against .info").
    public let checks: [String]

    public struct ContainerError: Error, CustomStringConvertible, Sendable, Equatable {
        public let message: String
        public var description: String { message }
    }

    /// 2 GiB of unpacked tar at most: ClamAV's main.cvd unpacks to a few hundred MiB.
    public static let defaultMaxUnpacked = 2 << 30

    public static func parseHeader(_ bytes: ArraySlice<UInt8>) throws(ContainerError) -> Header {
        guard bytes.count >= 512 else { throw ContainerError(message: "shorter than the 512-byte header (truncated)") }
        let text = String(decoding: bytes.prefix(512), as: UTF8.self)
        guard text.hasPrefix("ClamAV-VDB:") else { throw ContainerError(message: "no 'ClamAV-VDB:' header: not a ClamAV container") }
        // Fixed positions, as ClamAV's cl_cvdparse reads them (the time uses '-', not ':').
        let fields = text.trimmingTrailingSpaces().split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard fields.count >= 8 else { throw ContainerError(message: "header has \(fields.count) fields, expected at least 8") }
        guard let version = Int(fields[2]), let sigs = Int(fields[3]), let flevel = Int(fields[4]) else {
            throw ContainerError(message: "header version, signature count or functionality level is not a number")
        }
        return Header(buildTime: fields[1], version: version, signatures: sigs, functionalityLevel: flevel, md5: fields[5], builder: fields[7])
    }

    public static func open(_ bytes: [UInt8], name: String, maxUnpacked: Int = defaultMaxUnpacked) throws(ContainerError) -> CVDContainer {
        let header = try parseHeader(bytes[...])
        let body = bytes[512...]
        var checks: [String] = []
        let isCVD = name.lowercased().hasSuffix(".cvd")
        if isCVD {
            let md5 = md5Hex(body)
            guard md5 == header.md5.lowercased() else {
                throw ContainerError(message: "MD5 of the data is \(md5), the header says \(header.md5) (tampered or truncated)")
            }
            checks.append("MD5 matches the header")
        }
        let tar: [UInt8]
        if body.count >= 2 && body[body.startIndex] == 0x1F && body[body.startIndex + 1] == 0x8B {
            tar = try gunzip(body, maxOut: maxUnpacked)
        } else {
            // A .cld's tar is usually stored uncompressed; the tar checksums judge it.
            tar = Array(body)
        }
        let members: [TarReader.Member]
        do { members = try TarReader.members(tar) } catch { throw ContainerError(message: error.message) }
        if let info = members.first(where: { $0.name.lowercased().hasSuffix(".info") }) {
            checks.append(try checkInfo(info.bytes, members: members))
        }
        return CVDContainer(header: header, members: members, checks: checks)
    }

    /// The `.info` member: `name:size:sha256` per file (after its own header line, before
    /// a `DSIG:` line). Every listed file must be there with that size and digest.
    static func checkInfo(_ info: ArraySlice<UInt8>, members: [TarReader.Member]) throws(ContainerError) -> String {
        let byName = Dictionary(members.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var checked = 0
        for raw in info.split(separator: 0x0A) {
            let line = String(decoding: raw, as: UTF8.self).trimmingTrailingSpaces()
            if line.hasPrefix("ClamAV-VDB:") || line.hasPrefix("DSIG:") || line.isEmpty { continue }
            let f = line.split(separator: ":", omittingEmptySubsequences: false)
            guard f.count == 3, let size = Int(f[1]), f[2].count == 64 else { continue }
            guard let m = byName[String(f[0])] else { throw ContainerError(message: ".info lists \(f[0]), which the container lacks") }
            guard m.bytes.count == size, sha256Hex(m.bytes) == f[2].lowercased() else {
                throw ContainerError(message: "\(f[0]) does not match the size and SHA-256 in .info (tampered)")
            }
            checked += 1
        }
        return "\(checked) file\(checked == 1 ? "" : "s") match the container's .info"
    }

    static func gunzip(_ data: ArraySlice<UInt8>, maxOut: Int) throws(ContainerError) -> [UInt8] {
        var out: UnsafeMutablePointer<UInt8>?
        var outLen = 0
        var message = [CChar](repeating: 0, count: 128)
        let rc = data.withUnsafeBufferPointer { p in vigil_gunzip(p.baseAddress, p.count, maxOut, &out, &outLen, &message) }
        guard rc == 0, let out else {
            let why = String(cString: message)
            throw ContainerError(message: rc == -2 ? "unpacks to more than \(maxOut) bytes" : "gzip data: \(why.isEmpty ? "corrupt" : why)")
        }
        defer { vigil_gunzip_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: outLen))
    }

    /// A container as ClamAV's sigtool builds one (for tests and tools): header with the
    /// MD5 of the gzipped tar, no dsig.
    public static func build(files: [(name: String, bytes: [UInt8])], version: Int, gzip gz: [UInt8]? = nil) -> [UInt8] {
        let body = gz ?? TarReader.write(files)
        let sigs = files.reduce(0) { $0 + signatureLineCount($1.bytes) }
        var head = "ClamAV-VDB:26 Nov 2025 10-00 +0000:\(version):\(sigs):90:\(md5Hex(body[...])):X:vigil-test:1764151200"
        head += String(repeating: " ", count: max(0, 512 - head.utf8.count))
        return Array(head.utf8) + body
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\0" || last == "\n" || last == "\r" { s = s.dropLast() }
        return String(s)
    }
}

func md5Hex(_ bytes: ArraySlice<UInt8>) -> String { digestHex("MD5", bytes) }
func sha256Hex(_ bytes: ArraySlice<UInt8>) -> String { digestHex("SHA256", bytes) }

private func digestHex(_ name: String, _ bytes: ArraySlice<UInt8>) -> String {
    let md = EVP_MD_fetch(nil, name, nil)!
    defer { EVP_MD_free(md) }
    var out = [UInt8](repeating: 0, count: 64)
    var len: UInt32 = 0
    let ctx = EVP_MD_CTX_new()!
    defer { EVP_MD_CTX_free(ctx) }
    EVP_DigestInit_ex2(ctx, md, nil)
    bytes.withUnsafeBufferPointer { p in if let b = p.baseAddress { EVP_DigestUpdate(ctx, b, p.count) } }
    EVP_DigestFinal_ex(ctx, &out, &len)
    let digits = Array("0123456789abcdef".utf8)
    var s = [UInt8]()
    for b in out.prefix(Int(len)) { s.append(digits[Int(b >> 4)]); s.append(digits[Int(b & 15)]) }
    return String(decoding: s, as: UTF8.self)
}
