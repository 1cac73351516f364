import VigilConfig
import VigilSystem

/// The type policy of an upload folder as a check like the others: bytes typed by
/// libmagic (and the name's extension) in, findings out, each with the folder's verdict.
///
/// Owns: what an upload rule finds in one file. Must not: read the file (the scanner
/// typed it), decide what happens to it.
extension UploadRule {
    /// Expected content types by extension. A file whose extension is listed but whose
    /// content is none of these is a mismatch.
    static let expected: [String: [String]] = [
        "pdf": ["application/pdf"],
        "jpg": ["image/jpeg"], "jpeg": ["image/jpeg"],
        "png": ["image/png"], "gif": ["image/gif"], "webp": ["image/webp"], "bmp": ["image/bmp", "image/x-ms-bmp"],
        "tif": ["image/tiff"], "tiff": ["image/tiff"],
        "zip": ["application/zip", "application/x-zip-compressed"],
        "docx": ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/zip", "application/octet-stream"],
        "xlsx": ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip", "application/octet-stream"],
        "pptx": ["application/vnd.openxmlformats-officedocument.presentationml.presentation", "application/zip", "application/octet-stream"],
        "odt": ["application/vnd.oasis.opendocument.text", "application/zip"],
        "gz": ["application/gzip", "application/x-gzip"],
        "mp3": ["audio/mpeg"], "mp4": ["video/mp4"], "wav": ["audio/x-wav", "audio/wav"],
        "txt": ["text/*", "application/x-empty", "inode/x-empty"], "csv": ["text/*", "application/csv", "application/x-empty"],
        "json": ["application/json", "text/*"], "xml": ["text/xml", "application/xml", "text/*"],
    ]

    var verdict: Verdict {
        switch action {
        case .quarantine: .quarantine
        case .deny: .deny
        case .audit: .audit
        }
    }

    /// Findings of the type policy for a file of this path, size and MIME type.
    public func evaluate(path: RawPath, size: Int64, mime: String) -> [Finding] {
        // An empty file has no content to judge, and every upload starts empty: the
        // writer's own O_CREAT open must pass. It is judged again when the writer closes it.
        guard size > 0 else { return [] }
        var out: [Finding] = []
        let origin = "uploads:\(folder)"
        if let maxSize, size > maxSize {
            out.append(Finding(source: .fileType, name: "upload-too-large", origin: origin, verdict: verdict,
                               detail: "\(formatBytes(size)) is over \(formatBytes(maxSize))"))
        }
        if deniedExtensions.contains(path.fileExtension) {
            out.append(Finding(source: .fileType, name: "upload-extension-denied", origin: origin, verdict: verdict,
                               detail: ".\(path.fileExtension) files may not be uploaded"))
        }
        if deniedTypes.contains(where: { UploadRule.matches(mime, $0) }) {
            out.append(Finding(source: .fileType, name: "upload-type-denied", origin: origin, verdict: verdict, detail: mime))
        } else if !allowedTypes.isEmpty && !allowedTypes.contains(where: { UploadRule.matches(mime, $0) }) {
            out.append(Finding(source: .fileType, name: "upload-type-not-allowed", origin: origin, verdict: verdict, detail: mime))
        }
        if checkExtension, let want = UploadRule.expected[path.fileExtension], !want.contains(where: { UploadRule.matches(mime, $0) }) {
            out.append(Finding(source: .fileType, name: "upload-extension-mismatch", origin: origin, verdict: verdict,
                               detail: ".\(path.fileExtension) file whose content is \(mime)"))
        }
        return out
    }

}
