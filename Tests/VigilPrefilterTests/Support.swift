import Foundation
import Glibc
@testable import VigilPrefilter

/// The repository root, found from this file's path.
let repoRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
    }
    fatalError("no Package.swift above \(#filePath)")
}()

/// The EICAR test string, assembled at run time so this source file is not a detection.
let eicar: [UInt8] = Array(("X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*").utf8)

func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
func wide(_ s: String) -> [UInt8] { s.utf8.flatMap { [$0, 0] } }
func xor(_ s: String, _ k: UInt8) -> [UInt8] { s.utf8.map { $0 ^ k } }

/// Seeded filler bytes, so a sample has the shape of a real file around its payload.
func filler(_ n: Int, seed: UInt64) -> [UInt8] {
    var x = seed &* 0x9E37_79B9_7F4A_7C15 | 1
    return (0..<n).map { _ in
        x ^= x << 13; x ^= x >> 7; x ^= x << 17
        return UInt8(truncatingIfNeeded: x)
    }
}

/// Plain text filler (no NULs), for regexes that stop at line ends.
let prose = Array(String(repeating: "The quick brown fox jumps over the lazy dog; 0123456789.\n", count: 40).utf8)

/// One rule set, scanned with libyara alone and with the prefilter in front.
struct Pair {
    let rules: CompiledRules
    let prefilter: Prefilter
    let on: PrefilteredScanner
    let off: PrefilteredScanner

    init(_ source: String) throws {
        rules = try CompiledRules.compile(sources: [source])
        prefilter = try Prefilter(rules: rules.handle)
        on = try PrefilteredScanner(rules: rules.handle, prefilter: prefilter)
        off = try PrefilteredScanner(rules: rules.handle, prefilter: nil)
    }

    init(rules: CompiledRules) throws {
        self.rules = rules
        prefilter = try Prefilter(rules: rules.handle)
        on = try PrefilteredScanner(rules: rules.handle, prefilter: prefilter)
        off = try PrefilteredScanner(rules: rules.handle, prefilter: nil)
    }

    /// The prefilter as bulk scans use it: a stream-mode database fed each file in
    /// 1,000-byte pieces (so matches cross piece boundaries everywhere).
    static func streamed(_ rules: CompiledRules) throws -> PrefilteredScanner {
        let s = try PrefilteredScanner(rules: rules.handle, prefilter: try Prefilter(rules: rules.handle, streaming: true))
        s.pieceSize = 1000
        return s
    }

    /// (libyara alone, with the prefilter) for one sample.
    func scan(_ data: [UInt8]) -> (off: PrefilteredScanner.Result, on: PrefilteredScanner.Result) {
        data.withUnsafeBytes { (off.scan($0), on.scan($0)) }
    }

    func names(_ r: PrefilteredScanner.Result) -> [String] { r.rules.map { rules.name(ofRule: $0) } }
}

/// Runs a command, returning its standard output (nil when it could not start).
func run(_ tool: String, _ arguments: [String]) -> (status: Int32, out: String, err: String)? {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: tool)
    p.arguments = arguments
    let o = Pipe()
    let errFile = "/tmp/vigil-prefilter-stderr-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    FileManager.default.createFile(atPath: errFile, contents: nil)
    defer { unlink(errFile) }
    guard let e = FileHandle(forUpdatingAtPath: errFile) else { return nil }
    defer { try? e.close() }
    p.standardOutput = o
    p.standardError = e
    do { try p.run() } catch { return nil }
    // Standard error goes to a file, so a chatty child cannot block on a full pipe
    // while standard output is read.
    let out = o.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    try? e.seek(toOffset: 0)
    let err = e.readDataToEndOfFile()
    return (p.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
}

/// A private folder under /tmp, removed with everything in it when released.
final class TempDir {
    let path: String

    init(_ label: String = "vigil-prefilter-test") {
        var template = Array("/tmp/\(label)-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }

    deinit { _ = run("/bin/rm", ["-rf", path]) }

    @discardableResult
    func write(_ name: String, _ data: [UInt8]) -> String {
        let full = path + "/" + name
        let dir = (full as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: full, contents: Data(data))
        return full
    }

    @discardableResult
    func write(_ name: String, _ text: String) -> String { write(name, Array(text.utf8)) }
}
