import Testing
import VigilScan

@Suite("PrefilterChoice: when vigil scan compiles the prefilter")
struct PrefilterChoiceTests {
    typealias T = PrefilterChoice.Target
    static let file = T(isDirectory: false, size: 4096)
    static let folder = T(isDirectory: true, size: 4096)

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let asked: Bool, targets: [T?], fileList: Bool, stdin: Bool
        let compiles: Bool
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "one small file: libyara alone", asked: true, targets: [file], fileList: false, stdin: false, compiles: false),
        Case(name: "eight small files: libyara alone", asked: true, targets: Array(repeating: file, count: 8), fileList: false, stdin: false, compiles: false),
        Case(name: "nine files: prefilter", asked: true, targets: Array(repeating: file, count: 9), fileList: false, stdin: false, compiles: true),
        Case(name: "a folder: prefilter", asked: true, targets: [folder], fileList: false, stdin: false, compiles: true),
        Case(name: "a file and a folder: prefilter", asked: true, targets: [file, folder], fileList: false, stdin: false, compiles: true),
        Case(name: "one file of 16 MiB: libyara alone", asked: true, targets: [T(isDirectory: false, size: 16 << 20)], fileList: false, stdin: false, compiles: false),
        Case(name: "one file over 16 MiB: prefilter", asked: true, targets: [T(isDirectory: false, size: (16 << 20) + 1)], fileList: false, stdin: false, compiles: true),
        Case(name: "two files over 16 MiB together: prefilter", asked: true, targets: [T(isDirectory: false, size: 9 << 20), T(isDirectory: false, size: 8 << 20)], fileList: false, stdin: false, compiles: true),
        Case(name: "a file list: prefilter (any number of files)", asked: true, targets: [], fileList: true, stdin: false, compiles: true),
        Case(name: "standard input: prefilter", asked: true, targets: [], fileList: false, stdin: true, compiles: true),
        Case(name: "a name that cannot be looked at counts as no bytes", asked: true, targets: [nil, file], fileList: false, stdin: false, compiles: false),
        Case(name: "--no-prefilter wins over a folder", asked: false, targets: [folder], fileList: false, stdin: false, compiles: false),
    ]

    @Test("the choice", arguments: cases)
    func choice(_ c: Case) {
        #expect(PrefilterChoice.compile(asked: c.asked, targets: c.targets, fileList: c.fileList, standardInput: c.stdin) == c.compiles)
    }
}

@Suite("ThreadChoice: how many scan threads (and sandboxed workers) vigil scan starts")
struct ThreadChoiceTests {
    typealias T = PrefilterChoice.Target
    static let file = T(isDirectory: false, size: 4096)
    static let folder = T(isDirectory: true, size: 4096)

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let asked: Int, targets: [T?], fileList: Bool
        let threads: Int
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "one named file: one thread, one worker", asked: 2, targets: [file], fileList: false, threads: 1),
        Case(name: "three named files, two asked: two", asked: 2, targets: [file, file, file], fileList: false, threads: 2),
        Case(name: "two named files, eight asked: two", asked: 8, targets: [file, file], fileList: false, threads: 2),
        Case(name: "a folder: as asked", asked: 4, targets: [folder], fileList: false, threads: 4),
        Case(name: "a file and a folder: as asked", asked: 4, targets: [file, folder], fileList: false, threads: 4),
        Case(name: "a file list: as asked (any number of files)", asked: 4, targets: [file], fileList: true, threads: 4),
        Case(name: "standard input alone (no target): as asked, the run has nothing to walk", asked: 2, targets: [], fileList: false, threads: 2),
        Case(name: "a name that cannot be looked at is one file", asked: 4, targets: [nil, file], fileList: false, threads: 2),
        Case(name: "never fewer than one", asked: 0, targets: [file], fileList: false, threads: 1),
    ]

    @Test("the choice", arguments: cases)
    func choice(_ c: Case) {
        #expect(ThreadChoice.count(asked: c.asked, targets: c.targets, fileList: c.fileList) == c.threads)
    }
}
