import CMagic
import VigilSystem

// Owns: one libmagic handle per scanner. Must not: decide what a type means.

/// File type from libmagic: MIME type and human description. libmagic handles are not
/// thread-safe, so each worker owns one detector. Types come from bytes Vigil already
/// read, never from re-opening the path.
final class FileTypeDetector {
    // One handle, its flags switched per call: each loaded handle maps the whole magic
    // database (~8 MiB), and a second handle per worker only for descriptions doubled that.
    private let cookie: magic_t
    // Decompressing archives to type them would let a zip bomb stall a permission event.
    private static let common = MAGIC_ERROR | MAGIC_NO_CHECK_COMPRESS | MAGIC_NO_CHECK_ENCODING

    struct FileType: Sendable {
        let mime: String
        let description: String
    }

    init() throws(VigilError) {
        guard let c = magic_open(FileTypeDetector.common | MAGIC_MIME_TYPE) else {
            throw VigilError("libmagic: magic_open failed")
        }
        cookie = c
        if magic_load(cookie, nil) != 0 {
            let why = magic_error(cookie).map { String(cString: $0) } ?? "unknown error"
            magic_close(cookie)
            throw VigilError("libmagic: cannot load the magic database: \(why)")
        }
    }

    deinit { magic_close(cookie) }

    private func run(_ flags: Int32, _ head: UnsafeRawBufferPointer) -> String? {
        magic_setflags(cookie, flags)
        return magic_buffer(cookie, head.baseAddress, head.count).map { String(cString: $0) }
    }

    /// Types the first bytes of a file (libmagic reads at most ~1 MiB anyway).
    func detect(_ head: UnsafeRawBufferPointer) -> FileType {
        if head.isEmpty { return FileType(mime: "application/x-empty", description: "empty") }
        let m = run(FileTypeDetector.common | MAGIC_MIME_TYPE, head) ?? "application/octet-stream"
        let d = run(FileTypeDetector.common, head) ?? "data"
        return FileType(mime: m, description: d)
    }

    func mimeType(_ head: UnsafeRawBufferPointer) -> String {
        if head.isEmpty { return "application/x-empty" }
        return run(FileTypeDetector.common | MAGIC_MIME_TYPE, head) ?? "application/octet-stream"
    }
}
