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
    /// A fresh folder for each test (Swift Testing makes an instance per test).
    let tmp = TempDir("vigil-lookahead")
    var dir: String { tmp.path }

    func targets(_ path: String, follow: Bool = false) -> [T?] {
        FolderLookahead.targets(RawPath(path), followSymlinks: follow)
    }

    @Test("an empty folder is one empty file: one thread, no prefilter")
    func empty() {
        #expect(targets(dir) == [T(isDirectory: false, size: 0)])
        #expect(!PrefilterChoice.compile(asked: true, targets: targets(dir), fileList: false, standardInput: false))
        #expect(ThreadChoice.count(asked: 4, targets: targets(dir), fileList: false) == 1)
    }

    @Test("three small files, one in a sub-folder, beside a FIFO and a link the walk skips: those three files")
    func fewFiles() {
        tmp.write("a", String(repeating: "a", count: 10))
        tmp.write("b", String(repeating: "b", count: 20))
        tmp.write("sub/c", String(repeating: "c", count: 30))
        #expect(mkfifo(tmp.sub("fifo"), 0o600) == 0)
        #expect(symlink("/usr", tmp.sub("link")) == 0)
        #expect(targets(dir).compactMap { $0?.size }.sorted() == [10, 20, 30])
        #expect(targets(dir).allSatisfy { $0?.isDirectory == false })
        #expect(!PrefilterChoice.compile(asked: true, targets: targets(dir), fileList: false, standardInput: false))
        #expect(ThreadChoice.count(asked: 2, targets: targets(dir), fileList: false) == 2)
        // Told to follow links, a link may lead anywhere: the folder stays a folder.
        let followed = targets(dir, follow: true)
        #expect(followed.count == 1 && followed.first??.isDirectory == true, "\(followed)")
    }

    @Test("past the bounds it stays a folder", arguments: ["nine files", "17 MiB", "65 names", "nine levels deep"])
    func bounds(_ what: String) throws {
        switch what {
        case "nine files": for i in 0..<9 { tmp.write("f\(i)", "1") }
        case "17 MiB":
            tmp.write("big", "")
            #expect(truncate(tmp.sub("big"), 17 << 20) == 0)   // sparse: the size is what counts
        case "65 names": for i in 0..<65 { #expect(Glibc.mkdir(tmp.sub("d\(i)"), 0o755) == 0) }
        default: tmp.write("1/2/3/4/5/6/7/8/9/deep", "1")
        }
        let t = targets(dir)
        #expect(t.count == 1 && t.first??.isDirectory == true, "\(what): \(t)")
        #expect(PrefilterChoice.compile(asked: true, targets: t, fileList: false, standardInput: false))
        #expect(ThreadChoice.count(asked: 2, targets: t, fileList: false) == 2)
        // One below each bound is still small.
        if what == "nine files" {
            try FileManager.default.removeItem(atPath: tmp.sub("f8"))
            #expect(targets(dir).count == 8 && targets(dir).allSatisfy { $0?.isDirectory == false })
        }
    }

    @Test("a file is itself, and a name that cannot be looked at is one unknown file")
    func filesAndMissing() {
        tmp.write("one", "12345")
        #expect(targets(tmp.sub("one")) == [T(isDirectory: false, size: 5)])
        #expect(targets(tmp.sub("missing")) == [nil])
    }

    @Test("a pseudo-filesystem folder (/proc) is a folder: far more than a handful of names")
    func proc() {
        let t = targets("/proc")
        #expect(t.count == 1 && t.first??.isDirectory == true)
    }
}
