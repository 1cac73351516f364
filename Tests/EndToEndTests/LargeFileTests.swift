import Foundation
import Glibc
import Testing
import VigilSystem
import VigilTestSupport

/// Large files on the permission path (issue 14 item 3): the daemon's scan workers read a
/// file bigger than one chunk (1 MiB) in chunks through one fixed buffer, each chunk fed
/// to the prefilter's stream database, and libyara maps the file only when the prefilter
/// cannot clear it. Verdicts stay libyara's; the deadline, max size and on_timeout /
/// on_error answers are the daemon's as before; a file that changes under the scan
/// costs a defined answer, never a worker.
@Suite("Large files in the scan workers", .serialized, .enabled(if: geteuid() == 0))
struct LargeFileTests {
    /// Generous limits, so a verdict comes from the scan and not from a fallback; on_error
    /// and on_timeout allow, so a deny below is a finding unless a test says otherwise.
    static func config(onError: String = "allow", limits: String = "max_file_size = \"2G\"") -> String {
        "[limits]\ndeadline_ms = 60000\nscan_budget_ms = 60000\non_timeout = \"allow\"\non_error = \"\(onError)\"\n\(limits)\n\n[scanning]\nsandbox = true\n"
    }

    static let marker = Array(("VIGIL-TEST-MARKER-" + "DENY").utf8)

    /// A file of `size` bytes holding `pieces` at their offsets and holes everywhere else
    /// (written before the daemon starts: creating it opens it for writing).
    static func sparse(_ path: String, size: Int64, _ pieces: [(Int64, [UInt8])] = []) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        precondition(fd >= 0, "create \(path): \(String(cString: strerror(errno)))")
        for (offset, bytes) in pieces {
            let n = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(offset)) }
            precondition(n == bytes.count)
        }
        precondition(ftruncate(fd, off_t(size)) == 0)
        close(fd)
    }

    /// A kB field of /proc/PID/status (VmRSS, VmHWM), or nil.
    static func statusKiB(_ pid: Int32, _ field: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.dropFirst(field.count + 1).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "")
        }
        return nil
    }

    /// Opens and reads one byte of `path` on another thread; the errno (0: allowed) once
    /// answered, read through the returned function (nil while still waiting).
    static func openInBackground(_ path: String) -> @Sendable (Double) -> Int32? {
        let result = Locked<Int32?>(nil)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            let r = tryRead(path)
            result.withLock { $0 = r }
            done.signal()
        }
        return { seconds in done.wait(timeout: .now() + seconds) == .success ? result.value : nil }
    }

    @Test("a 1 GiB sparse file with EICAR 4 KiB before its end is denied; a clean 1 GiB sparse file is allowed while no worker's peak RSS grows by 64 MiB (read in chunks, never mapped or held whole)")
    func hugeSparseFiles() throws {
        let d = try #require(DaemonHarness(extra: LargeFileTests.config(), tmpfsSize: "2g"))
        let size: Int64 = 1 << 30
        let clean = d.path("clean.bin")
        LargeFileTests.sparse(clean, size: size, [(0, Array("just a large sparse file\n".utf8))])
        let bad = d.path("eicar-at-end.bin")
        LargeFileTests.sparse(bad, size: size, [(size - 4096, eicar)])
        #expect(d.start(), "\(d.output)")
        let workers = ScanSandboxTests.waitForWorkers(of: d.pid, count: 2)
        try #require(workers.count >= 2, "\(workers)")
        let before = workers.map { LargeFileTests.statusKiB($0, "VmHWM") ?? 0 }
        let scansBefore = d.stat("scan_worker_scans")
        #expect(tryRead(clean) == 0, "\(LogEvent.all(in: d.logFile).map(\.json))")
        #expect(d.stat("scan_worker_scans") > scansBefore, "a worker scanned it")
        for (pid, hwm) in zip(workers, before) {
            let after = try #require(LargeFileTests.statusKiB(pid, "VmHWM"), "worker \(pid) is still there")
            #expect(after - hwm < 64 << 10, "worker \(pid): peak RSS \(hwm) kB -> \(after) kB scanning a 1 GiB file")
        }
        #expect(tryRead(bad) == EPERM)
        let deny = d.events(waitingFor: "deny").first { $0.action == "deny" && $0.path == bad }
        #expect(deny != nil && deny!.json.contains("Vigil_EICAR_Test_File"), "\(LogEvent.all(in: d.logFile).map(\.json))")
        // The finding started one more worker, the write-up lane's (FindingWriteUps); the
        // pool's are the same processes.
        let now = ScanSandboxTests.workers(of: d.pid)
        #expect(Set(workers).isSubset(of: Set(now)) && now.count <= workers.count + 1, "no worker died or restarted: \(workers) -> \(now)")
    }

    @Test("a YARA string split across the first chunk boundary (1 MiB) of a hole-free 3 MiB file is found: the stream database carries a match across chunks; the same file without it is allowed")
    func stringAcrossChunkBoundary() throws {
        let d = try #require(DaemonHarness(extra: LargeFileTests.config()))
        let chunk = 1 << 20
        var bytes = [UInt8](repeating: 0x2E, count: 3 * chunk)
        let split = d.write("split.bin", { () -> [UInt8] in
            var b = bytes
            let at = chunk - LargeFileTests.marker.count / 2
            b.replaceSubrange(at..<(at + LargeFileTests.marker.count), with: LargeFileTests.marker)
            return b
        }())
        bytes[0] = 0x21
        let plain = d.write("plain.bin", bytes)
        #expect(d.start(), "\(d.output)")
        #expect(ScanSandboxTests.waitForWorkers(of: d.pid, count: 2).count >= 2)
        #expect(tryRead(plain) == 0)
        #expect(tryRead(split) == EPERM, "\(LogEvent.all(in: d.logFile).map(\.json))")
        let deny = d.events(waitingFor: "deny").first { $0.action == "deny" && $0.path == split }
        #expect(deny?.json.contains("Vigil_Test_Marker") == true, "\(LogEvent.all(in: d.logFile).map(\.json))")
    }

    @Test("a file truncated while libyara walks its mapping: the worker survives (SIGBUS is caught), the opener gets limits.on_error, and an error event says why")
    func truncatedWhileScanned() throws {
        let d = try #require(DaemonHarness(extra: LargeFileTests.config(onError: "deny"), tmpfsSize: "2g"))
        let name = "shrinking.bin"
        let file = d.path(name)
        // The marker at the start makes the prefilter hand the file to libyara, which then
        // maps all of it: holes fault in as pages until the truncation cuts them off.
        LargeFileTests.sparse(file, size: 1 << 30, [(0, LargeFileTests.marker)])
        #expect(d.start(), "\(d.output)")
        let workers = ScanSandboxTests.waitForWorkers(of: d.pid, count: 2)
        try #require(workers.count >= 2, "\(workers)")
        let answer = LargeFileTests.openInBackground(file)
        // Truncate once a worker has the file mapped (libyara's pass), not before.
        var mapped = false
        let end = Date().addingTimeInterval(30)
        while !mapped && Date() < end {
            mapped = workers.contains { pid in
                ((try? String(contentsOfFile: "/proc/\(pid)/maps", encoding: .utf8)) ?? "").contains(name)
            }
            if !mapped { usleep(500) }
        }
        #expect(mapped, "a worker mapped the file (libyara's pass over what the prefilter could not clear)")
        #expect(truncate(file, 0) == 0)
        let result = answer(30)
        #expect(result == EPERM, "answered by on_error (deny): \(String(describing: result))")
        let error = d.event("error", path: file, timeout: 10)
        #expect(error?.message?.contains("limits.on_error") == true, "\(LogEvent.all(in: d.logFile).map(\.json))")
        #expect(d.event("scan-worker-crashed", timeout: 1) == nil, "\(LogEvent.all(in: d.logFile).map(\.json))")
        #expect(ScanSandboxTests.workers(of: d.pid) == workers, "the same workers, none died")
        // And they still judge: the next file is scanned and denied.
        let bad = d.write("eicar.com", eicar)
        #expect(tryRead(bad) == EPERM)
    }

    @Test("over limits.max_file_size a file gets limits.on_oversize (deny here) after its windows, logged as oversize; one just under it is read whole in chunks and allowed")
    func overMaxSize() throws {
        let d = try #require(DaemonHarness(extra: LargeFileTests.config(limits: "max_file_size = \"64M\"\non_oversize = \"deny\"")))
        let over = d.path("over.bin")
        LargeFileTests.sparse(over, size: 100 << 20, [(0, Array("nothing bad\n".utf8))])
        let under = d.path("under.bin")
        LargeFileTests.sparse(under, size: 60 << 20, [(0, Array("nothing bad\n".utf8)), ((60 << 20) - 100, Array("the end\n".utf8))])
        #expect(d.start(), "\(d.output)")
        #expect(ScanSandboxTests.waitForWorkers(of: d.pid, count: 2).count >= 2)
        #expect(tryRead(under) == 0)
        #expect(tryRead(over) == EPERM)
        let e = d.event("oversize", path: over, timeout: 10)
        #expect(e?.message?.contains("limits.on_oversize") == true, "\(LogEvent.all(in: d.logFile).map(\.json))")
        #expect(d.stat("oversize") == 1)
    }

    @Test("a FIFO and a character device on the guarded filesystem are never read: the opens are answered at once, and bytes in the FIFO stay for its reader")
    func specialFilesNeverRead() throws {
        let d = try #require(DaemonHarness(extra: LargeFileTests.config()))
        let fifo = d.path("pipe")
        #expect(mkfifo(fifo, 0o666) == 0)
        let zero = d.path("zero")
        #expect(mknod(zero, S_IFCHR | 0o666, dev_t((1 << 8) | 5)) == 0, "the /dev/zero device")
        #expect(d.start(), "\(d.output)")
        #expect(ScanSandboxTests.waitForWorkers(of: d.pid, count: 2).count >= 2)
        let events = d.stat("events"), scanned = d.stat("scanned")
        let reader = open(fifo, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        #expect(reader >= 0)
        defer { close(reader) }
        let writer = open(fifo, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        #expect(writer >= 0)
        defer { close(writer) }
        #expect(eicar.withUnsafeBytes { write(writer, $0.baseAddress, $0.count) } == eicar.count)
        // Another open while the bytes wait: a daemon that read its descriptor would take them.
        let second = open(fifo, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        #expect(second >= 0)
        if second >= 0 { close(second) }
        var got = [UInt8](repeating: 0, count: 256)
        let n = got.withUnsafeMutableBytes { read(reader, $0.baseAddress, $0.count) }
        #expect(n == eicar.count && Array(got.prefix(max(n, 0))) == eicar, "every byte is still in the FIFO (\(n))")
        let head = runProgram("/bin/sh", ["-c", "head -c 16 \"$0\" | wc -c", zero], timeout: 10)
        #expect(head.status == 0 && head.stdout.contains("16"), "an endless device opens at once and reads as itself: \(head)")
        // The host's kernel (6.18) sends no permission events for FIFOs and devices (the
        // events counter stays put); where a kernel does, the daemon answers them unread.
        // FileScannerTests.fifoNeverRead holds the engine to that on any kernel.
        #expect(d.stat("events") >= events)
        #expect(d.stat("scanned") == scanned, "nothing was scanned")
    }
}
