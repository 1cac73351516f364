import Glibc
import VigilEngine
import VigilEvents
import VigilSystem

/// `vigil rules sign`: turns a folder of rules into a bundle to publish as static files
/// (`manifest`, `manifest.sig`, `files/…`). The publisher's side of RuleUpdater.
///
/// Owns: writing bundles. Must not: publish or upload them.
public enum BundleSigner {
    public struct SignError: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    @discardableResult
    public static func sign(key: Ed25519.PrivateKey, version: UInt64, source: String, output: String,
                            created: Int64 = Int64(wallClockSeconds())) throws(SignError) -> BundleManifest {
        guard version > 0 else { throw SignError(message: "the version must be a positive number") }
        let paths: [String]
        do { paths = try FileTree.regularFiles(under: source) } catch { throw SignError(message: error.message) }
        guard !paths.isEmpty else { throw SignError(message: "\(source): no files to bundle") }
        var files: [BundleManifest.File] = []
        var contents: [String: [UInt8]] = [:]
        for p in paths {
            if let why = BundleManifest.pathProblem(p) { throw SignError(message: "\(source)/\(p): \(why)") }
            let bytes: [UInt8]
            do { bytes = try FileTree.readFile(source + "/" + p, limit: 1 << 30) } catch { throw SignError(message: error.message) }
            files.append(BundleManifest.File(path: p, size: Int64(bytes.count), sha256: sha256Hex(bytes)))
            contents[p] = bytes
        }
        let manifest = BundleManifest(version: version, created: created, files: files)
        let text = manifest.render()
        let signature: [UInt8]
        do { signature = try key.sign(text) } catch { throw SignError(message: error.description) }
        if FileTree.exists(output) {
            guard FileTree.isDirectory(output), (try? FileTree.regularFiles(under: output))?.isEmpty ?? false else {
                throw SignError(message: "\(output) exists and is not an empty folder")
            }
        }
        do {
            try FileTree.makeDirectories(output + "/files")
            for f in manifest.files {
                if let slash = f.path.lastIndex(of: "/") { try FileTree.makeDirectories(output + "/files/" + f.path[..<slash]) }
                try FileTree.writeNew(output + "/files/" + f.path, contents[f.path]!)
            }
            try FileTree.writeNew(output + "/manifest.sig", signature)
            // The manifest last: a half-written bundle has no manifest to fetch.
            try FileTree.writeNew(output + "/manifest", text)
        } catch { throw SignError(message: error.message) }
        return manifest
    }

    /// `vigil rules keygen KEY`: KEY (private, 0600) and KEY.pub; refuses to overwrite.
    public static func keygen(path: String) throws(SignError) -> Ed25519.PublicKey {
        guard !FileTree.exists(path), !FileTree.exists(path + ".pub") else {
            throw SignError(message: "\(path) or \(path).pub already exists; not overwritten")
        }
        do {
            let key = try Ed25519.PrivateKey.generate()
            try FileTree.writeNew(path, try key.pem(), mode: 0o600)
            let pub = try key.publicKey
            try FileTree.writeNew(path + ".pub", try pub.pem(), mode: 0o644)
            return pub
        } catch let e as Ed25519.KeyError {
            throw SignError(message: e.description)
        } catch let e as FileTree.IOError {
            throw SignError(message: e.message)
        } catch {
            throw SignError(message: "\(error)")
        }
    }
}
