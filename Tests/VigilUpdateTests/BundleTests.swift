import Foundation
import Glibc
import Testing
@testable import VigilUpdate

let goodManifest = """
vigil-rules-bundle 1
version 42
created 2025-11-26T14:00:00Z
file \(String(repeating: "a", count: 64)) 10 eicar.yar
file \(String(repeating: "b", count: 64)) 0 sub/x.hdb

"""

@Suite("Bundle manifests")
struct ManifestTests {
    @Test("a well-formed manifest parses and renders back to the same bytes")
    func roundTrip() throws {
        let m = try BundleManifest.parse(Array(goodManifest.utf8))
        #expect(m.version == 42)
        #expect(m.created == 1_764_165_600)
        #expect(m.files.map(\.path) == ["eicar.yar", "sub/x.hdb"])
        #expect(m.totalSize == 10)
        #expect(m.render() == Array(goodManifest.utf8))
    }

    @Test("anything off the format is refused, with its line", arguments: [
        ("vigil-rules-bundle 2\n", "expected 'vigil-rules-bundle 1'"),
        ("version 042", "version N"),
        ("version 0", "version N"),
        ("version -1", "version N"),
        ("created 2025-02-31T00:00:00Z", "created"),
        ("created 2025-11-26 14:00:00", "created"),
        ("eicar.yar", "path 'eicar.yar' listed twice"),
        ("sub/x.hdb\nfile \(String(repeating: "c", count: 64)) 1 ../etc/passwd", "parts may not start with '.'"),
        (" 10 eicar.yar", "expected 'file SHA256 SIZE PATH'"),
    ])
    func refused(_ edit: String, _ message: String) {
        var text = goodManifest
        switch edit {
        case let e where e.hasPrefix("vigil-rules-bundle"): text = text.replacingOccurrences(of: "vigil-rules-bundle 1\n", with: e)
        case let e where e.hasPrefix("version"): text = text.replacingOccurrences(of: "version 42", with: e)
        case let e where e.hasPrefix("created"): text = text.replacingOccurrences(of: "created 2025-11-26T14:00:00Z", with: e)
        case "eicar.yar": text = text.replacingOccurrences(of: "sub/x.hdb", with: "eicar.yar")
        case let e where e.hasPrefix(" 10"): text = text.replacingOccurrences(of: "file \(String(repeating: "a", count: 64)) 10 eicar.yar", with: "file" + e)
        default: text = text.replacingOccurrences(of: "sub/x.hdb", with: edit)
        }
        do {
            _ = try BundleManifest.parse(Array(text.utf8))
            Issue.record("accepted: \(edit)")
        } catch {
            #expect(error.description.contains(message), "\(edit): \(error)")
        }
    }

    @Test("truncation, CRs, upper-case digests and unsorted files are refused")
    func damaged() {
        let bytes = Array(goodManifest.utf8)
        #expect(throws: BundleManifest.ParseError.self) { try BundleManifest.parse(Array(bytes.dropLast())) }
        #expect(throws: BundleManifest.ParseError.self) { try BundleManifest.parse(Array(bytes.prefix(40))) }
        #expect(throws: BundleManifest.ParseError.self) { try BundleManifest.parse(Array(goodManifest.replacingOccurrences(of: "\n", with: "\r\n").utf8)) }
        #expect(throws: BundleManifest.ParseError.self) { try BundleManifest.parse(Array(goodManifest.replacingOccurrences(of: "aaaa", with: "AAAA").utf8)) }
        let swapped = goodManifest.replacingOccurrences(of: "eicar.yar", with: "zz.yar")
        #expect(throws: BundleManifest.ParseError.self) { try BundleManifest.parse(Array(swapped.utf8)) }
        #expect(throws: BundleManifest.ParseError.self) { try BundleManifest.parse([UInt8](repeating: 0x41, count: BundleManifest.maxBytes + 1)) }
    }

    @Test("bundle paths", arguments: [
        ("a.yar", true), ("dir/sub/a.hdb", true), ("A_b-c+d.ndb", true),
        ("", false), ("/abs.yar", false), ("a//b", false), ("a/", false), ("../a", false), (".hidden", false),
        ("dir/.vigil-version", false), ("sp ace.yar", false), ("naïve.yar", false), ("a/b/c/d/e/f/g/h/i", false),
    ])
    func paths(_ path: String, _ ok: Bool) {
        #expect((BundleManifest.pathProblem(path) == nil) == ok, "\(path)")
    }
}

@Suite("Ed25519 through OpenSSL")
struct Ed25519Tests {
    @Test("a signature verifies for exactly the signed bytes and the signing key")
    func signVerify() throws {
        let key = try Ed25519.PrivateKey.generate()
        let other = try Ed25519.PrivateKey.generate()
        let message = Array(goodManifest.utf8)
        let sig = try key.sign(message)
        #expect(sig.count == 64)
        #expect(try key.publicKey.verify(message, signature: sig))
        var changed = message
        changed[changed.count - 3] ^= 1
        #expect(try !key.publicKey.verify(changed, signature: sig))
        #expect(try !other.publicKey.verify(message, signature: sig))
        #expect(try !key.publicKey.verify(message, signature: Array(sig.prefix(63))))
        var badSig = sig
        badSig[0] ^= 0x80
        #expect(try !key.publicKey.verify(message, signature: badSig))
    }

    @Test("keys survive a PEM round trip that openssl(1) reads too")
    func pem() throws {
        let key = try Ed25519.PrivateKey.generate()
        let again = try Ed25519.PrivateKey.read(pem: try key.pem(), origin: "mem")
        let pub = try Ed25519.PublicKey.read(pem: try key.publicKey.pem(), origin: "mem")
        #expect(try again.publicKey.raw == key.publicKey.raw)
        #expect(try pub.fingerprint == key.publicKey.fingerprint)
        #expect(throws: Ed25519.KeyError.self) { try Ed25519.PublicKey.read(pem: Array("not a key".utf8), origin: "junk") }
        // An RSA key is a key, but not one we accept.
        let dir = NSTemporaryDirectory() + "vigil-rsa-\(getpid())"
        _ = try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        p.arguments = ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", dir + "/rsa.pem"]
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        let rsa = try Data(contentsOf: URL(fileURLWithPath: dir + "/rsa.pem"))
        do { _ = try Ed25519.PrivateKey.read(pem: Array(rsa), origin: "rsa.pem"); Issue.record("RSA key accepted") } catch {
            #expect(error.description.contains("not an Ed25519 key"))
        }
    }
}

@Suite("Rules store")
struct StoreTests {
    let root: String = {
        var t = Array("/tmp/vigil-store-XXXXXX".utf8CString)
        return t.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }()

    func stage(_ s: RuleStore, _ v: UInt64) throws -> String {
        let p = try s.makeStaging(for: v)
        FileManager.default.createFile(atPath: p + "/r.yar", contents: Data("rule r\(v) { condition: false }\n".utf8))
        return p
    }

    @Test("install, swap by one rename, prune around the current version, lock excludes a second holder")
    func lifecycle() throws {
        defer { FileTree.removeTree(root) }
        let s = try RuleStore(root: root)
        #expect(s.currentVersion() == nil)
        #expect(s.acceptedVersion() == nil)
        for v: UInt64 in [1, 2, 3, 4] {
            try s.install(staging: try stage(s, v), version: v)
            try s.point(currentTo: v)
            try s.recordAccepted(v)
        }
        #expect(s.currentVersion() == 4)
        #expect(realpath(s.currentLink, nil).map { String(cString: $0) } == root + "/versions/4")
        try s.point(currentTo: 2)
        #expect(s.prune(keep: 2) == [1])
        #expect(s.installedVersions() == [2, 3, 4], "the current version is never pruned")
        #expect(s.acceptedVersion() == 4, "pointing back does not lower the accepted version")
        #expect(throws: RuleStore.StoreError.self) { try s.point(currentTo: 9) }
        try s.lock()
        let other = try RuleStore(root: root)
        #expect(throws: RuleStore.StoreError.self) { try other.lock() }
        s.unlock()
        try other.lock()
        other.unlock()
    }
}
