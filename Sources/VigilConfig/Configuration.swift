import Glibc
import VigilSystem

/// The whole of vigil.toml, read and parsed once: the daemon's sections and
/// `[protection]` come from the same text, so a command never reads the file twice (and
/// never sees two versions of it when it is rewritten in between).
///
/// Owns: reading the config file. Must not: apply any setting.
public struct Configuration: Sendable {
    public var daemon: DaemonConfig
    public var protection: ProtectionConfig
    /// The file it was read from; nil when the default file is absent and the built-in
    /// defaults apply.
    public var file: String?

    public init(daemon: DaemonConfig = DaemonConfig(), protection: ProtectionConfig = ProtectionConfig(), file: String? = nil) {
        self.daemon = daemon
        self.protection = protection
        self.file = file
    }

    /// Loads `path`, or `Paths.configFile` when nil; a missing file at the default path
    /// means the built-in defaults, a missing file that was named is an error.
    public static func load(path: String?) throws(ConfigError) -> Configuration {
        let file = path ?? Paths.configFile
        if access(file, F_OK) != 0 {
            if path == nil { return Configuration() }
            throw ConfigError(file: file, line: 0, key: nil, message: "no such file")
        }
        let text: String
        do { text = try readTextFile(file) } catch {
            throw ConfigError(file: file, line: 0, key: nil, message: "cannot read: \(error)")
        }
        return try parse(text, file: file)
    }

    /// Every section of one config text.
    public static func parse(_ text: String, file: String) throws(ConfigError) -> Configuration {
        let doc = try TOMLDocument.parse(text, file: file)
        return Configuration(daemon: try DaemonConfig.read(doc, file: file), protection: try ProtectionConfig.read(doc, file: file), file: file)
    }
}
