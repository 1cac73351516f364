import Foundation
import Glibc
import Testing
import VigilScan
import VigilSystem
import VigilTestSupport

/// FolderLookahead on real folders: a folder holding a handful of small files stands for
/// those files in the start-up choices; anything bigger, deeper, wider or unknown stays
/// "a folder" (the prefilter and one thread per core, as before).
@Suite("FolderLookahead: what a named folder stands for in vigil scan's start-up choices")
struct FolderLookaheadTests {
    typealias T = PrefilterChoice.Target

    /// A fresh folder under /tmp, removed after `body`.
    func inFolder(_ body: (String) throws -> Void) rethrows {
        let dir = makeTempDir("vigil-lookahead")
        defer { removeTree(dir) }
        try body(dir)
    }

    func file(_ path: String, size: Int) {
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        precondition(fd >= 0)
        _ = ftruncate(fd, off_t(size))   // sparse: the size is what counts
        close(fd)
    }

    func targets(_ dir: String, follow: Bool = false) -> [T?] {
        FolderLookahead.targets(RawPath(dir), followSymlinks: follow)
    }

    @Test("an empty folder is one empty file: one thread, no prefilter")
    func empty() {
        inFolder { dir in
            #expect(targets(dir) == [T(isDirectory: false, size: 0)])
            #expect(!PrefilterChoice.compile(asked: true, targets: targets(dir), fileList: false, standardInput: false))
            #expect(ThreadChoice.count(asked: 4, targets: targets(dir), fileList: false) == 1)
        }
    }

    @Test("three small files, one in a sub-folder, beside a FIFO and a link the walk skips: those three files")
    func fewFiles() {
        inFolder { dir in
            file(dir + "/a", size: 10)
            file(dir + "/b", size: 20)
            file(dir + "/sub/c", size: 30)
            #expect(mkfifo(dir + "/fifo", 0o600) == 0)
            #expect(symlink("/usr", dir + "/link") == 0)
            #expect(targets(dir).compactMap { $0?.size }.sorted() == [10, 20, 30])
            #expect(targets(dir).allSatisfy { $0?.isDirectory == false })
            #expect(!PrefilterChoice.compile(asked: true, targets: targets(dir), fileList: false, standardInput: false))
            #expect(ThreadChoice.count(asked: 2, targets: targets(dir), fileList: false) == 2)
            // Told to follow links, a link may lead anywhere: the folder stays a folder.
            let followed = targets(dir, follow: true)
            #expect(followed.count == 1 && followed.first??.isDirectory == true, "\(followed)")
        }
    }

    @Test("past the bounds it stays a folder", arguments: ["nine files", "17 MiB", "65 names", "nine levels deep"])
    func bounds(_ what: String) throws {
        try inFolder { dir in
            switch what {
            case "nine files": for i in 0..<9 { file(dir + "/f\(i)", size: 1) }
            case "17 MiB": file(dir + "/big", size: 17 << 20)
            case "65 names": for i in 0..<65 { #expect(mkdir(dir + "/d\(i)", 0o755) == 0) }
            default: file(dir + "/1/2/3/4/5/6/7/8/9/deep", size: 1)
            }
            let t = targets(dir)
            #expect(t.count == 1 && t.first??.isDirectory == true, "\(what): \(t)")
            #expect(PrefilterChoice.compile(asked: true, targets: t, fileList: false, standardInput: false))
            #expect(ThreadChoice.count(asked: 2, targets: t, fileList: false) == 2)
            // One below each bound is still small.
            if what == "nine files" {
                try FileManager.default.removeItem(atPath: dir + "/f8")
                #expect(targets(dir).count == 8 && targets(dir).allSatisfy { $0?.isDirectory == false })
            }
        }
    }

    @Test("a file is itself, and a name that cannot be looked at is one unknown file")
    func filesAndMissing() {
        inFolder { dir in
            file(dir + "/one", size: 5)
            #expect(targets(dir + "/one") == [T(isDirectory: false, size: 5)])
            #expect(targets(dir + "/missing") == [nil])
        }
    }

    @Test("a pseudo-filesystem folder (/proc) is a folder: far more than a handful of names")
    func proc() {
        let t = targets("/proc")
        #expect(t.count == 1 && t.first??.isDirectory == true)
    }
}
