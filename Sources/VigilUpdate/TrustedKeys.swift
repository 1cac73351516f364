import Glibc

/// The public keys a bundle may be signed with: one `.pub` file, or every `*.pub` in a
/// folder (`/etc/vigil/keys/`, sealed by self-protection).
///
/// Owns: reading trusted keys. Must not: verify anything but key files.
public enum TrustedKeys {
    public static let defaultDirectory = "/etc/vigil/keys"

    public static func load(_ path: String) throws(Ed25519.KeyError) -> [Ed25519.PublicKey] {
        var files: [String] = []
        if FileTree.isDirectory(path) {
            guard let d = opendir(path) else { throw .unreadable(path, FileTree.errnoText()) }
            while let e = readdir(d) {
                let name = withUnsafeBytes(of: &e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name.hasSuffix(".pub") && !name.hasPrefix(".") { files.append(path + "/" + name) }
            }
            closedir(d)
            files.sort()
        } else {
            files = [path]
        }
        guard !files.isEmpty else { throw .unreadable(path, "no *.pub keys in this folder") }
        var keys: [Ed25519.PublicKey] = []
        for f in files {
            let pem: [UInt8]
            do { pem = try FileTree.readFile(f, limit: 64 << 10) } catch { throw .unreadable(f, error.message) }
            keys.append(try Ed25519.PublicKey.read(pem: pem, origin: f))
        }
        return keys
    }
}
