import Foundation
import Glibc
import Testing
import VigilSystem
import VigilTestSupport

/// `vigil scan` inside archives, end to end: the real binary, archives built here.
@Suite("vigil scan inside archives (end to end)")
struct ArchiveScanTests {
    let dir = TempDir()

    /// Runs python3 in the test folder (fixtures are built at test time, never checked in).
    func python(_ script: String) {
        let r = runProgram("/usr/bin/python3", ["-c", script])
        precondition(r.status == 0, "fixture script failed: \(r.stderr)")
    }

    func nestedEicar(_ name: String) -> String {
        let path = dir.sub(name)
        let eicar = eicar.map { String($0) }.joined(separator: ",")
        python("""
        import zipfile, gzip, io
        e = bytes([\(eicar)])
        buf = io.BytesIO()
        with gzip.GzipFile(filename='payload', mode='wb', fileobj=buf) as g: g.write(e)
        with zipfile.ZipFile('\(path)', 'w', zipfile.ZIP_DEFLATED) as z:
            z.writestr('dir/readme.txt', b'nothing here')
            z.writestr('dir/inner.gz', buf.getvalue())
        """)
        return path
    }

    @Test("a detection inside a nested member names the member; the outer file is what is moved")
    func nestedFinding() throws {
        let outer = nestedEicar("outer.zip")
        let r = vigil(["scan", "--no-summary", outer])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout == "\(outer)!dir/inner.gz!payload: Vigil.Test.EICAR.MD5, Vigil.Test.EICAR.SHA1, Vigil.Test.EICAR.SHA256, Vigil_EICAR_Test_File FOUND\n")

        let json = vigil(["scan", "--json", "--no-summary", outer])
        let first = try #require(json.stdout.split(separator: "\n").first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        #expect((object["file"] as? [String: Any])?["path"] as? String == outer)
        let v = try #require(object["vigil"] as? [String: Any])
        #expect(v["archive_member"] as? String == "dir/inner.gz!payload")
        #expect(v["virtual_path"] as? String == "\(outer)!dir/inner.gz!payload")

        if geteuid() == 0 {
            let store = dir.sub("quarantine")
            let moved = vigil(["scan", "--move-to", store, outer])
            #expect(moved.status == 1)
            #expect(!FileManager.default.fileExists(atPath: outer), "the outer archive was moved")
            #expect(moved.stdout.contains("\(outer): moved to "))
        }
    }

    @Test("--scan-archive no leaves archives to the file's own checks")
    func archivesOff() {
        let outer = nestedEicar("off.zip")
        let r = vigil(["scan", "--scan-archive", "no", outer])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("Infected files: 0") || r.stdout.contains("Findings: 0"))
    }

    @Test("a zip bomb is a limit note even with -i (exit 0), a finding with --alert-exceeds-max yes, in bounded memory")
    func bomb() {
        python("""
        import zipfile, io
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
            with z.open('0.dll', 'w', force_zip64=True) as f:
                chunk = b'\\0' * (1 << 20)
                for _ in range(1024): f.write(chunk)
        level = buf.getvalue()
        for depth in range(3):
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
                for i in range(16): z.writestr('%x.zip' % i, level)
            level = buf.getvalue()
        open('\(dir.sub("bomb.zip"))', 'wb').write(level)
        """)
        // The child's peak memory, measured by its parent (python's RUSAGE_CHILDREN).
        let measure = """
        import resource, subprocess, sys
        r = subprocess.run(sys.argv[1:], capture_output=True, text=True)
        sys.stdout.write(r.stdout)
        print('EXIT', r.returncode)
        print('MAXRSS_KB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        """
        var env = ProcessInfo.processInfo.environment
        env["VIGIL_SIGNATURES"] = repoRoot + "/Signatures"
        let r = runProgram("/usr/bin/python3", ["-c", measure, vigilBinary, "scan", "--no-summary", "--alert-exceeds-max", "yes", dir.sub("bomb.zip")],
                           timeout: 120, environment: env)
        #expect(r.stdout.contains("EXIT 1"), "\(r.stdout) \(r.stderr)")
        #expect(r.stdout.contains(": Vigil.Archive.Limit."), "\(r.stdout)")
        let kb = r.stdout.split(separator: "\n").first { $0.hasPrefix("MAXRSS_KB ") }.flatMap { Int($0.dropFirst(10)) } ?? Int.max
        // 4 levels claim 4 TiB; the walk holds at most a 64 MiB member and libyara's rules.
        #expect(kb < 400 * 1024, "peak memory \(kb) KiB")

        let quiet = vigil(["scan", "-i", dir.sub("bomb.zip")])
        #expect(quiet.status == 0, "\(quiet.stdout)")
        #expect(quiet.stderr.contains("archive limit reached"), "\(quiet.stderr)")
    }

    @Test("encrypted members are noted, and a finding with --alert-encrypted yes")
    func encrypted() {
        dir.write("enc/secret.txt", "secret")
        let r0 = runProgram("/bin/sh", ["-c", "cd \(dir.sub("enc")) && 7z a -bd -tzip -pVigil secret.zip secret.txt >/dev/null"])
        #expect(r0.status == 0, "\(r0.stderr)")
        let zip = dir.sub("enc/secret.zip")
        let note = vigil(["scan", zip])
        #expect(note.status == 0)
        #expect(note.stderr.contains("encrypted archive content not scanned: secret.txt"), "\(note.stderr)")
        let alert = vigil(["scan", "--no-summary", "--alert-encrypted", "yes", zip])
        #expect(alert.status == 1)
        #expect(alert.stdout == "\(zip)!secret.txt: Vigil.Archive.Encrypted FOUND\n")
    }
}
