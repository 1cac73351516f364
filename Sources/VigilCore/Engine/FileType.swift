import CMagic

/// File type from libmagic: MIME type and human description. libmagic handles are not
/// thread-safe, so each worker owns one detector. Types come from bytes Vigil already
/// read, never from re-opening the path.
final class FileTypeDetector {
    private let mime: magic_t
    private let text: magic_t

    struct FileType: Sendable {
        let mime: String
        let description: String
    }

    init() throws(VigilError) {
        // Decompressing archives to type them would let a zip bomb stall a permission event.
        let common = MAGIC_ERROR | MAGIC_NO_CHECK_COMPRESS | MAGIC_NO_CHECK_ENCODING
        guard let m = magic_open(common | MAGIC_MIME_TYPE), let t = magic_open(common) else {
            throw VigilError("libmagic: magic_open failed")
        }
        mime = m
        text = t
        for cookie in [mime, text] where magic_load(cookie, nil) != 0 {
            let why = magic_error(cookie).map { String(cString: $0) } ?? "unknown error"
            throw VigilError("libmagic: cannot load the magic database: \(why)")
        }
    }

    deinit {
        magic_close(mime)
        magic_close(text)
    }

    /// Types the first bytes of a file (libmagic reads at most ~1 MiB anyway).
    func detect(_ head: UnsafeRawBufferPointer) -> FileType {
        if head.isEmpty { return FileType(mime: "application/x-empty", description: "empty") }
        let m = magic_buffer(mime, head.baseAddress, head.count).map { String(cString: $0) } ?? "application/octet-stream"
        let d = magic_buffer(text, head.baseAddress, head.count).map { String(cString: $0) } ?? "data"
        return FileType(mime: m, description: d)
    }

    func mimeType(_ head: UnsafeRawBufferPointer) -> String {
        if head.isEmpty { return "application/x-empty" }
        return magic_buffer(mime, head.baseAddress, head.count).map { String(cString: $0) } ?? "application/octet-stream"
    }
}
