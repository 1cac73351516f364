import VigilSystem

// Owns: the ECS field groups every line shares. Must not: write lines.

/// ECS field groups shared by every event Vigil writes: scan results, on-access events
/// and quarantine records describe files and rules the same way.
package enum ECS {
    /// `file`: the path escaped for display, plus its exact bytes in `path_base64` when
    /// they are not valid UTF-8 (a name with `\xff` must still be restorable and searchable).
    package static func file(_ path: RawPath, size: Int64? = nil, sha256: String? = nil, mimeType: String? = nil) -> JSONLine {
        var file = JSONLine()
        file.add("path", path.description)
        if !path.isValidUTF8 { file.add("path_base64", base64(path.bytes)) }
        file.add("size", size.map { Int($0) })
        if let sha256 {
            var hash = JSONLine()
            hash.add("sha256", sha256)
            file.add("hash", object: hash)
        }
        file.add("mime_type", mimeType)
        return file
    }

    /// A line about Vigil itself (started, reloaded, a warning): dataset vigil.daemon.
    package static func note(_ level: String, _ message: String) -> JSONLine {
        ECSEvent.daemonNote(level: level, message: message).render()
    }
}
