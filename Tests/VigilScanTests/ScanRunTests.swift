import Foundation
import Glibc
import Testing
@testable import VigilScan
import VigilEngine
import VigilSystem
import VigilTestSupport

@Suite("ScanRun and TreeWalker")
struct ScanRunTests {
    let dir = TempDir()

    @Test("walks folders recursively in parallel and finds every planted file")
    func recursiveParallel() throws {
        for i in 0..<200 { dir.write("tree/d\(i % 7)/sub\(i % 3)/f\(i).txt", "clean file number \(i)\n") }
        dir.write("tree/d3/bad.com", eicar)
        dir.write("tree/d5/sub1/bad2.txt", "xx " + denyMarker)
        let (s, got) = try runScan([dir.sub("tree")], signatures: try loadBundled())
        #expect(s.files == 202)
        #expect(s.infectedFiles == 2)
        #expect(got.findings == [dir.sub("tree/d3/bad.com"), dir.sub("tree/d5/sub1/bad2.txt")])
        #expect(s.errors == 0)
    }

    @Test("FIFOs, sockets and device nodes are skipped and never opened")
    func specialFiles() throws {
        let root = dir.mkdir("special")
        #expect(mkfifo(root + "/fifo", 0o644) == 0)
        // A FIFO that nobody writes would block an open for reading forever: the
        // scan finishing at all proves it was not opened.
        let sock = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let sp = root + "/sock"
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            for (i, b) in sp.utf8.enumerated() { raw[i] = b }
        }
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(sock, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
        defer { close(sock) }
        if isRoot { #expect(mknod(root + "/null", S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0) }
        dir.write("special/real.txt", "hello")
        let (s, got) = try runScan([root], signatures: try loadBundled())
        #expect(s.files == 1)
        #expect(got.status(of: root + "/fifo") == .skipped("FIFO, not read"))
        #expect(got.status(of: root + "/sock") == .skipped("socket, not read"))
        if isRoot { #expect(got.status(of: root + "/null") == .skipped("character device, not read")) }
        #expect(s.errors == 0)
    }

    @Test("symlinks are not followed unless asked; a symlink loop ends the walk cleanly")
    func symlinks() throws {
        dir.write("outside/bad.com", eicar)
        _ = dir.mkdir("links/inner")
        symlink(dir.sub("outside"), dir.sub("links/to-outside"))
        symlink(dir.sub("links"), dir.sub("links/inner/loop"))
        symlink("self-loop", dir.sub("links/self-loop"))
        let (plain, got1) = try runScan([dir.sub("links")], signatures: try loadBundled())
        #expect(plain.infectedFiles == 0)
        #expect(plain.symlinksNotFollowed >= 2)
        #expect(got1.all.isEmpty || plain.errors == 0)

        let (followed, got2) = try runScan([dir.sub("links")], signatures: try loadBundled()) { $0.walk.followSymlinks = true }
        #expect(followed.infectedFiles == 1)
        #expect(got2.status(of: dir.sub("links/inner/loop")) == .skipped("symbolic link loop (points to an enclosing directory)"))
        #expect(got2.status(of: dir.sub("links/self-loop")) == .skipped("symbolic link loop"))
    }

    @Test("names with newlines and invalid UTF-8 are scanned and escaped in output")
    func hostileNames() throws {
        let root = dir.mkdir("names")
        let weird: [UInt8] = Array("bad\nname ".utf8) + [0xFF, 0xFE] + Array(".com".utf8)
        let path = RawPath(root).appending(weird)
        let fd = path.withCString { open($0, O_WRONLY | O_CREAT, 0o644) }
        #expect(fd >= 0)
        eicar.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
        close(fd)
        let (s, got) = try runScan([root], signatures: try loadBundled())
        #expect(s.infectedFiles == 1)
        let event = try #require(got.all.first { $0.report.isFinding })
        #expect(event.report.path == path, "the exact bytes survive the walk")
        let line = try #require(ScanOutput.findingLines(event).first)
        #expect(!line.contains("\n"))
        #expect(line.contains("bad\\nname \\xff\\xfe.com"))
        let json = try #require(ScanOutput.findingObjects(event).first)
        let obj = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        // ECS has no field for raw bytes: they go under the custom vigil.file.
        let file = (obj?["vigil"] as? [String: Any])?["file"] as? [String: Any]
        #expect(Data(base64Encoded: file?["path_base64"] as? String ?? "") == Data(path.bytes))
    }

    @Test("huge sparse files are scanned in their head and tail windows, counted as partial, not as errors")
    func sparse() throws {
        let huge = dir.write("huge.img", [UInt8]())
        #expect(truncate(huge, 50 << 30) == 0)
        let small = dir.write("small.img", [UInt8]())
        #expect(truncate(small, 30 << 20) == 0)
        let (s, got) = try runScan([huge, small], signatures: try loadBundled())
        let report = try #require(got.all.first { $0.report.path == RawPath(huge) }?.report)
        #expect(report.status == .scanned)
        #expect(report.problems == [.partialContent(headBytes: 8 << 20, tailBytes: 8 << 20)])
        #expect(report.bytesRead == 16 << 20)
        #expect(!report.isClean, "a partial read is never clean")
        #expect(got.status(of: small) == .scanned)
        #expect(s.files == 2 && s.partiallyScanned == 1 && s.skipped == 0 && s.errors == 0)
    }

    @Test("kernel pseudo-files (/proc, /sys) are skipped, not misread as empty")
    func pseudoFiles() throws {
        let (s, got) = try runScan(["/proc/self/status", "/sys/kernel"], signatures: try loadBundled())
        #expect(got.status(of: "/proc/self/status") == .skipped("kernel pseudo-file, not scanned"))
        #expect(got.status(of: "/sys/kernel") == .skipped("kernel pseudo-filesystem, not scanned"))
        #expect(s.errors == 0)
    }

    @Test("missing paths are errors that do not stop the scan")
    func missing() throws {
        dir.write("ok.txt", "fine")
        let (s, got) = try runScan([dir.sub("nope"), dir.sub("ok.txt")], signatures: try loadBundled())
        #expect(s.errors == 1 && s.files == 1)
        guard case .failed? = got.status(of: dir.sub("nope")) else { Issue.record("missing path not an error"); return }
    }

    @Test("with one thread, results come in the walk's order: an error found while walking waits for the files walked before it")
    func oneThreadKeepsWalkOrder() throws {
        // libyara works hard on this file, so the walker reaches `nope` long before the
        // scan of `slow.bin` ends: printing the walker's error at once put it first.
        let rules = dir.write("slow.yar", "rule Slow { strings: $r = /a[^b]{0,50}c/ condition: $r and filesize < 16 }\n")
        let slow = dir.write("slow.bin", [UInt8](repeating: 0x61, count: 1 << 20) + [0x63])
        dir.write("ok.txt", "fine")
        let roots = [slow, dir.sub("nope"), dir.sub("ok.txt"), "/proc/self/status"]
        let (s, got) = try runScan(roots, signatures: try Signatures.load([rules])) { $0.threads = 1 }
        #expect(got.all.map { String(decoding: $0.report.path.bytes, as: UTF8.self) } == roots)
        #expect(s.files == 2 && s.errors == 1 && s.skipped == 1)
    }

    @Test("excludes match names, or whole paths when the glob has a slash")
    func excludes() throws {
        dir.write("ex/keep/bad.com", eicar)
        dir.write("ex/skip.iso", eicar)
        dir.write("ex/cache/bad.com", eicar)
        let (s, got) = try runScan([dir.sub("ex")], signatures: try loadBundled()) {
            $0.walk.excludes = ["*.iso", "*/ex/cache"]
        }
        #expect(s.infectedFiles == 1)
        #expect(got.findings == [dir.sub("ex/keep/bad.com")])
    }

    @Test("--one-file-system does not enter other mounts", .enabled(if: isRoot))
    func oneFileSystem() throws {
        dir.write("fs/top.com", eicar)
        let mnt = try #require(dir.mountTmpfs("fs/mnt"))
        dir.write("fs/mnt/inner.com", eicar)
        _ = mnt
        let (all, _) = try runScan([dir.sub("fs")], signatures: try loadBundled())
        #expect(all.infectedFiles == 2)
        let (one, got) = try runScan([dir.sub("fs")], signatures: try loadBundled()) { $0.walk.oneFileSystem = true }
        #expect(one.infectedFiles == 1)
        #expect(got.status(of: dir.sub("fs/mnt")) == .skipped("on another filesystem (--one-file-system)"))
    }
}
