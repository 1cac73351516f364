import Foundation
import Glibc
import Testing
import VigilSystem
import VigilTestSupport

/// Upload folders open archives (the permission path does not): a detection inside a
/// nested member quarantines the upload; a clean archive passes.
@Suite("upload folders: archives (real kernel)", .serialized, .enabled(if: geteuid() == 0))
struct UploadArchiveTests {
    /// A zip holding dir/inner.gz holding `payload` bytes, built by python3's zipfile and gzip.
    static func nestedZip(_ payload: [UInt8]) -> [UInt8] {
        let out = "/tmp/vigil-upload-zip-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).zip"
        defer { unlink(out) }
        let bytes = payload.map(String.init).joined(separator: ",")
        let r = runProgram("/usr/bin/python3", ["-c", """
        import zipfile, gzip, io
        buf = io.BytesIO()
        with gzip.GzipFile(filename='payload', mode='wb', fileobj=buf) as g: g.write(bytes([\(bytes)]))
        with zipfile.ZipFile('\(out)', 'w', zipfile.ZIP_DEFLATED) as z:
            z.writestr('dir/readme.txt', b'hello')
            z.writestr('dir/inner.gz', buf.getvalue())
        """])
        precondition(r.status == 0, r.stderr)
        return Array(FileManager.default.contents(atPath: out) ?? Data())
    }

    @Test("EICAR two archives deep in an upload is quarantined; a clean archive passes")
    func nestedUpload() throws {
        let d = try #require(UploadTests.daemon())
        let uploads = UploadTests()
        #expect(d.start(), "\(d.output)")
        let clean = d.write("uploads/clean.zip", Self.nestedZip(Array("quarterly numbers\n".utf8)))
        let bad = d.write("uploads/bad.zip", Self.nestedZip(eicar))
        let v = uploads.verdict(d, bad)
        #expect(uploads.action(v) == "quarantine", "\(String(describing: v))")
        #expect(access(bad, F_OK) != 0, "the outer archive was taken out of the folder")
        let c = uploads.verdict(d, clean)
        #expect(uploads.action(c) == "upload-clean", "\(String(describing: c))")
        #expect(access(clean, F_OK) == 0)
        let r = vigil(["quarantine", "list", "--json", "--store", d.guarded + "/.vigil-quarantine"])
        #expect(r.stdout.contains("rule:Vigil_EICAR_Test_File"), "\(r.stdout)")
    }
}
