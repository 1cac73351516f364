import Glibc
import VigilSystem

// Owns: one [[uploads]] folder's settings. Must not: judge files (the engine's type
// policy does).

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

    /// Whether MIME type `mime` matches `pattern` ("image/png", or "image/*").
    public static func matches(_ mime: String, _ pattern: String) -> Bool {
        if pattern.hasSuffix("/*") { return mime.hasPrefix(String(pattern.dropLast())) }
        return mime == pattern
    }

    /// The quarantine folder for this upload folder.
    public var resolvedQuarantineDirectory: String {
        if let quarantineDirectory { return quarantineDirectory }
        let root = filesystemRoot(of: folder)
        // On the root filesystem the state folder is on the same filesystem anyway.
        return root == "/" ? Paths.quarantine : root + "/.vigil-quarantine"
    }
}
