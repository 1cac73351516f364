import Foundation
import Glibc
import Testing
import VigilEvents
import VigilSystem
import VigilTestSupport

/// A minimal valid PDF and a 1x1 PNG: what libmagic must recognise as clean uploads.
let pdfBytes = Array("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)
let pngBytes: [UInt8] = [
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
]

/// Upload folders against the real kernel: files are judged when their writer closes them.
@Suite("upload folders (FAN_CLOSE_WRITE, real kernel)", .serialized, .enabled(if: geteuid() == 0))
struct UploadTests {
    static func daemon(action: String = "quarantine", quarantineDir: String? = nil, contained: Bool = false) -> DaemonHarness? {
        // The folder is filled in after the tmpfs exists; DaemonHarness's config is edited here.
        guard let d = DaemonHarness() else { return nil }
        let q = quarantineDir.map { "quarantine_dir = \"\($0)\"\n" } ?? ""
        var extra = "\n[[uploads]]\nfolder = \"\(d.guarded)/uploads\"\naction = \"\(action)\"\n\(q)"
        // Self-protection without protected files: only the containment (Landlock on scan
        // threads, capability drop) is exercised.
        if contained { extra += "\n[protection]\nenabled = true\nown_files = false\ncontain = true\n" }
        if let h = FileHandle(forWritingAtPath: d.configFile) {
            h.seekToEndOfFile()
            h.write(Data(extra.utf8))
            h.closeFile()
        }
        mkdir(d.guarded + "/uploads", 0o777)
        return d
    }

    /// Waits for the upload verdict line of `path` in the event log.
    func verdict(_ d: DaemonHarness, _ path: String) -> LogEvent? {
        for _ in 0..<200 {
            let hit = d.events().last { obj in
                (obj["file"] as? [String: Any])?["path"] as? String == path && (obj["vigil"] as? [String: Any])?["upload"] != nil
            }
            if let hit { return hit }
            usleep(25_000)
        }
        return nil
    }

    func action(_ e: LogEvent?) -> String? { (e?["event"] as? [String: Any])?["action"] as? String }

    @Test("a clean PDF and PNG pass and stay readable")
    func cleanUploads() throws {
        let d = try #require(UploadTests.daemon())
        #expect(d.start(), "\(d.output)")
        let pdf = d.write("uploads/statement.pdf", pdfBytes)
        let png = d.write("uploads/logo.png", pngBytes)
        #expect(action(verdict(d, pdf)) == "upload-clean")
        #expect(action(verdict(d, png)) == "upload-clean")
        #expect((verdict(d, pdf)?["file"] as? [String: Any])?["mime_type"] as? String == "application/pdf")
        #expect((verdict(d, png)?["file"] as? [String: Any])?["mime_type"] as? String == "image/png")
        #expect(tryRead(pdf) == 0 && tryRead(png) == 0)
    }

    @Test("EICAR uploaded as report.zip is quarantined as soon as it is closed")
    func eicarQuarantined() throws {
        let d = try #require(UploadTests.daemon())
        #expect(d.start())
        let zip = d.write("uploads/report.zip", eicar)
        let v = verdict(d, zip)
        #expect(action(v) == "quarantine", "\(String(describing: v))")
        #expect(access(zip, F_OK) != 0, "taken out of the folder")
        let store = d.guarded + "/.vigil-quarantine"
        let r = vigil(["quarantine", "list", "--json", "--store", store])
        let entry = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect((entry["original"] as? [String: Any])?["path"] as? String == zip)
        #expect(entry["source"] as? String == "upload")
        #expect((entry["reasons"] as? [String])?.contains("rule:Vigil_EICAR_Test_File") == true)
    }

    @Test("quarantine still works from Landlocked scan threads (containment on)")
    func quarantineUnderLandlock() throws {
        let d = try #require(UploadTests.daemon(contained: true))
        #expect(d.start(), "\(d.output)")
        let status = d.control("status")
        let layers = ((status?["protection"] as? [String: Any])?["layers"] as? [String: Any]) ?? [:]
        #expect("\(layers)".contains("applied to scan threads"), "\(String(describing: status))")
        let zip = d.write("uploads/contained.zip", eicar)
        #expect(action(verdict(d, zip)) == "quarantine", "\(String(describing: verdict(d, zip)))")
        #expect(access(zip, F_OK) != 0)
    }

    @Test("an ELF named photo.jpg is stopped by the type policy")
    func elfAsJpeg() throws {
        let d = try #require(UploadTests.daemon(action: "deny"))
        #expect(d.start())
        let elf = Array(try #require(FileManager.default.contents(atPath: "/bin/true")))
        let jpg = d.write("uploads/photo.jpg", elf)
        let v = verdict(d, jpg)
        #expect(action(v) == "deny", "\(String(describing: v))")
        let rules = (v?["vigil"] as? [String: Any])?["rules"] as? [String] ?? []
        #expect(rules.contains("upload-type-denied") && rules.contains("upload-extension-mismatch"))
        #expect(tryRead(jpg) == EPERM, "left in place, and every open is denied")
    }

    @Test("100 uploads from 4 concurrent writers are all scanned")
    func concurrentWriters() throws {
        let d = try #require(UploadTests.daemon())
        #expect(d.start())
        let mnt = d.guarded
        DispatchQueue.concurrentPerform(iterations: 4) { w in
            for i in 0..<25 {
                let p = "\(mnt)/uploads/w\(w)-\(i).txt"
                let fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                let text = Array((i == 7 ? eicar : Array("upload \(w) \(i)\n".utf8)))
                text.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
                close(fd)
            }
        }
        var seen: [String: String] = [:]
        for _ in 0..<200 {
            for e in d.events() where (e["vigil"] as? [String: Any])?["upload"] != nil {
                if let p = (e["file"] as? [String: Any])?["path"] as? String { seen[p] = action(e) }
            }
            if seen.count >= 100 { break }
            usleep(50_000)
        }
        #expect(seen.count == 100)
        #expect(seen.values.filter { $0 == "quarantine" }.count == 4)
        #expect(seen.values.filter { $0 == "upload-clean" }.count == 96)
    }

    @Test("uploads with spaces, newlines and invalid UTF-8 in their names are judged and recorded exactly")
    func hostileNames() throws {
        let d = try #require(UploadTests.daemon())
        #expect(d.start())
        let name: [UInt8] = Array("my report\nQ3 ".utf8) + [0xFF, 0xFE] + Array(".txt".utf8)
        let path = RawPath(d.guarded + "/uploads").appending(name)
        let fd = path.withCString { open($0, O_WRONLY | O_CREAT, 0o644) }
        #expect(fd >= 0)
        eicar.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
        close(fd)
        var found: LogEvent?
        for _ in 0..<200 where found == nil {
            found = d.events().first { (($0["vigil"] as? [String: Any])?["file"] as? [String: Any])?["path_base64"] as? String == base64(path.bytes) && ($0["vigil"] as? [String: Any])?["upload"] != nil }
            usleep(25_000)
        }
        #expect(action(found) == "quarantine")
        #expect(path.withCString { access($0, F_OK) } != 0)
        let r = vigil(["quarantine", "list", "--json", "--store", d.guarded + "/.vigil-quarantine"])
        #expect(r.stdout.contains(base64(path.bytes)))
    }

    @Test("quarantine to another filesystem copies, syncs and removes the original")
    func otherFilesystem() throws {
        let elsewhere = TempDir()
        let d = try #require(UploadTests.daemon(quarantineDir: elsewhere.sub("q")))
        #expect(d.start(), "\(d.output)")
        let bad = d.write("uploads/invoice.txt", eicar)
        #expect(action(verdict(d, bad)) == "quarantine", "\(String(describing: verdict(d, bad)))")
        #expect(access(bad, F_OK) != 0)
        let r = vigil(["quarantine", "list", "--json", "--store", elsewhere.sub("q")])
        let entry = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let stored = try #require(entry["stored_path"] as? String)
        #expect(FileManager.default.contents(atPath: stored).map(Array.init) == eicar)
    }
}
