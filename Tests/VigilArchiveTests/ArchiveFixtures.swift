import Foundation
import Glibc
@testable import VigilArchive

/// A marker the tests look for in member bytes, assembled at run time so no source file
/// holds it whole.
let marker = "VIGIL-ARCHIVE-" + "TEST-PAYLOAD"

/// A private folder under /tmp, removed with everything in it when released.
final class ArchiveTempDir {
    let path: String
    init() {
        var template = Array("/tmp/vigil-archive-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }
    deinit { _ = try? FileManager.default.removeItem(atPath: path) }
    func sub(_ name: String) -> String { path + "/" + name }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let p = sub(name)
        try? FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: p, contents: Data(bytes))
        return p
    }
    @discardableResult
    func write(_ name: String, _ text: String) -> String { write(name, Array(text.utf8)) }
}

struct Ran {
    let status: Int32
    let output: String
}

/// Runs a program in `dir` with a time limit (a hang fails the test, it never stalls it).
@discardableResult
func sh(_ command: String, in dir: String, timeout: Double = 120) -> Ran {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/bash")
    p.arguments = ["-c", command]
    p.currentDirectoryURL = URL(fileURLWithPath: dir)
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    p.standardInput = FileHandle.nullDevice
    do { try p.run() } catch { return Ran(status: -1, output: "\(error)") }
    final class Box: @unchecked Sendable { var data = Data() }
    let box = Box()
    let done = DispatchSemaphore(value: 0)
    DispatchQueue.global().async { box.data = pipe.fileHandleForReading.readDataToEndOfFile(); done.signal() }
    if done.wait(timeout: .now() + timeout) == .timedOut {
        p.terminate()
        return Ran(status: -2, output: "timed out: \(command)")
    }
    p.waitUntilExit()
    return Ran(status: p.terminationStatus, output: String(decoding: box.data, as: UTF8.self))
}

/// Runs a python3 script in `dir`; fails loudly (returns its output) when it fails.
@discardableResult
func python(_ script: String, in dir: String) -> Ran {
    let file = dir + "/build-\(UInt32.random(in: 0...UInt32.max)).py"
    FileManager.default.createFile(atPath: file, contents: Data(script.utf8))
    return sh("python3 \(file)", in: dir, timeout: 300)
}

func readAll(_ path: String) -> [UInt8] { Array(FileManager.default.contents(atPath: path) ?? Data()) }

/// What a scan saw: every member's path and whether its bytes hold the marker.
struct Seen {
    var members: [String] = []
    var withMarker: [String] = []
    var result: ArchiveResult
}

/// Scans the file at `path` from memory (or through its descriptor) and records members.
func scanArchive(_ path: String, limits: ArchiveLimits = ArchiveLimits(), viaDescriptor: Bool = false,
                 deadline: UInt64? = nil, stopAt: String? = nil) -> Seen {
    let bytes = readAll(path)
    let scanner = ArchiveScanner(limits: limits)
    var members: [String] = [], hits: [String] = []
    let needle = Array(marker.utf8)
    let result: ArchiveResult = bytes.withUnsafeBytes { raw in
        guard let format = ArchiveFormat.sniff(UnsafeRawBufferPointer(rebasing: raw.prefix(ArchiveFormat.headBytes))) else {
            return ArchiveResult(format: .zip, notes: [.unreadable(member: "", message: "not an archive by its magic")])
        }
        let visit: (ArchiveMember) -> ArchiveVisit = { m in
            members.append(m.path)
            if contains(m.bytes, needle) { hits.append(m.path) }
            return m.path == stopAt ? .stop : .continue
        }
        if viaDescriptor {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            defer { close(fd) }
            return scanner.scan(.descriptor(fd, size: Int64(bytes.count), head: UnsafeRawBufferPointer(rebasing: raw.prefix(65536))),
                                format: format, outerName: path, deadline: deadline, visit: visit)
        }
        return scanner.scan(.memory(raw), format: format, outerName: path, deadline: deadline, visit: visit)
    }
    return Seen(members: members, withMarker: hits, result: result)
}

func contains(_ hay: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
    guard hay.count >= needle.count, let first = needle.first else { return false }
    var i = 0
    let last = hay.count - needle.count
    while i <= last {
        if hay[i] == first {
            var j = 1
            while j < needle.count && hay[i + j] == needle[j] { j += 1 }
            if j == needle.count { return true }
        }
        i += 1
    }
    return false
}

func monotonicNow() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}
