import Glibc
import VigilSystem

/// One `[[uploads]]` folder: files written into it are scanned and typed the moment the
/// writer closes them, and bad ones are quarantined, denied or audited.
public struct UploadRule: Sendable {
    public enum Action: String, Sendable { case quarantine, deny, audit }

    public var folder: String
    /// MIME types (or `type/*`) that may be uploaded; empty = any type not denied.
    public var allowedTypes: [String] = []
    public var deniedTypes: [String] = UploadRule.defaultDenied
    /// Extensions (without the dot, lower case) refused whatever the content: a script
    /// without `#!` looks like plain text to libmagic, but runs all the same.
    public var deniedExtensions: [String] = UploadRule.defaultDeniedExtensions
    /// Flag a `.pdf`, `.jpg`, ... whose content is something else (an ELF, a script).
    public var checkExtension = true
    public var maxSize: Int64?
    public var action: Action = .quarantine
    /// Where quarantined uploads go; default: `.vigil-quarantine` at the root of the
    /// folder's filesystem, so the move is a rename.
    public var quarantineDirectory: String?

    public static let defaultDenied = [
        "application/x-executable", "application/x-pie-executable", "application/x-sharedlib",
        "application/x-dosexec", "application/x-mach-binary", "text/x-shellscript",
        // Scripts libmagic recognises by content even without `#!`.
        "text/x-script.python", "text/x-python", "text/x-perl", "text/x-php", "text/x-ruby",
        "text/x-msdos-batch", "application/x-bytecode.python",
    ]

    /// Script and executable extensions refused by default.
    public static let defaultDeniedExtensions = [
        "sh", "bash", "zsh", "ksh", "csh", "py", "pyc", "pyw", "pl", "pm", "rb", "php", "phtml", "phar",
        "js", "mjs", "jar", "ps1", "psm1", "bat", "cmd", "vbs", "vbe", "wsf", "hta", "scr", "exe", "dll",
        "com", "msi", "elf", "so", "run", "appimage",
    ]

    public init(folder: String) { self.folder = folder }

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

    static func matches(_ mime: String, _ pattern: String) -> Bool {
        if pattern.hasSuffix("/*") { return mime.hasPrefix(String(pattern.dropLast())) }
        return mime == pattern
    }

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

    /// The quarantine folder for this upload folder.
    public var resolvedQuarantineDirectory: String {
        if let quarantineDirectory { return quarantineDirectory }
        let root = filesystemRoot(of: folder)
        // On the root filesystem the state folder is on the same filesystem anyway.
        return root == "/" ? "/var/lib/vigil/quarantine" : root + "/.vigil-quarantine"
    }
}
