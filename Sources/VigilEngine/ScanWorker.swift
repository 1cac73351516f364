import Glibc
import VigilSystem

/// The scan worker process (`vigil scan-worker`, started by the daemon, issue 12 item
/// 6): receives a rules generation as bytes, builds its scanners and loads libmagic,
/// enters the sandbox, then scans the descriptors it is handed, one report per request,
/// until the daemon closes the socket.
///
/// Owns: the worker's side of the exchange. Must not: open a path after the sandbox
/// closes, or run anything but the parsers of the scan itself.
public enum ScanWorker {
    /// Largest request (a path, a stat, options) and reply (a bounded report).
    public static let requestCapacity = 64 << 10
    public static let replyCapacity = 192 << 10

    /// The first message: a worker image as a memfd, and the worker's identity.
    public static func hello(abi: Int) -> [UInt8] { WorkerReply.ready("landlock ABI \(abi), seccomp on").encoded() }

    /// Runs the worker on fd 3; returns the exit status.
    public static func run(identity: Sandbox.Identity) -> Int32 {
        let socket = WorkerChannel.workerFd
        Sandbox.name("vigil-scanwork")
        func fail(_ why: String) -> Int32 {
            try? WorkerChannel.send(socket, WorkerReply.failed(why).encoded())
            return 2
        }
        // The image first, before anything hostile exists.
        let imageFd: Int32, first: [UInt8]
        switch try? WorkerChannel.receive(socket, capacity: 4096, timeoutMillis: 60_000) {
        case .message(let bytes, let fd?): (first, imageFd) = (bytes, fd)
        default: return fail("no worker image")
        }
        let image: WorkerImage
        do {
            image = try WorkerImage.decode(try readAll(imageFd), limits: try WorkerImage.limits(fromFirstMessage: first))
        } catch {
            return fail("cannot read the worker image: \(error)")
        }
        close(imageFd)
        var scanners: [FileScanner] = []
        do {
            for s in image.sets {
                // The databases this worker's reads use (stream mode for chunked reads), before
                // the sandbox; none when the prefilter is off (config, or `vigil scan`'s choice).
                if image.limits.prefilter { _ = s.preparePrefilter(streaming: image.limits.chunkedReads) }
                let scanner = try FileScanner(signatures: s, limits: image.limits)
                // libmagic for file types, before the sandbox hides its database (rules that
                // read `filetype` had the scanner load it already). Types are also asked for
                // by the daemon (uploads, content-type exclusions, details of findings after
                // its answer), whose limits say preloadTypes; `vigil scan` without --json or
                // --move-to shows none, and its workers skip the load.
                if image.limits.detailsForFindings || image.limits.preloadTypes { scanner.prepareTypes() }
                scanners.append(scanner)
            }
        } catch {
            return fail("cannot build a scanner: \(error)")
        }
        guard !scanners.isEmpty else { return fail("the image has no rule set") }
        // Only rules importing "magic" need its database; the warm-up loads libmagic's
        // 7 MB database (about 6 MB of a worker's resident memory) and compiles a rule.
        if image.sets.contains(where: { $0.ruleSets.contains { $0.imports("magic") } }) { warmMagicModule() }
        let entered: Sandbox.Report
        do { entered = try Sandbox.enter(as: identity, keep: [socket]) } catch {
            return fail("cannot enter the sandbox: \(error)")
        }
        do { try WorkerChannel.send(socket, hello(abi: entered.landlockABI)) } catch { return 2 }
        while true {
            let request: [UInt8], fd: Int32?
            switch try? WorkerChannel.receive(socket, capacity: requestCapacity, timeoutMillis: -1) {
            case .message(let bytes, let passed): (request, fd) = (bytes, passed)
            case .closed: return 0
            default: return 3
            }
            let reply: WorkerReply
            if fd == nil, let r = try? WorkerRequest.decode(request), r.kind == .counts {
                reply = .counts(scanners.reduce(PrefilterCounts()) { $0 + $1.prefilterCounts })
            } else if let fd, let r = try? WorkerRequest.decode(request) {
                let scanner = scanners[min(r.set, scanners.count - 1)]
                let file = OpenFile(borrowing: fd)
                switch r.kind {
                case .scan:
                    reply = .report(scanner.scan(file, path: r.path, stat: r.stat, wantType: r.wantType, deadline: r.deadline, archives: r.archives))
                case .contentType:
                    reply = .contentType(scanner.contentType(file))
                case .counts:
                    reply = .counts(scanner.prefilterCounts)
                }
            } else {
                reply = .failed(fd == nil ? "no descriptor with the request" : "malformed request")
            }
            if let fd { close(fd) }
            var bytes = reply.encoded()
            if bytes.count > replyCapacity { bytes = WorkerReply.failed("report too large (\(bytes.count) bytes)").encoded() }
            do { try WorkerChannel.send(socket, bytes) } catch { return 3 }
        }
    }

    /// libyara's magic module opens libmagic's database on its first use in a scan slot,
    /// by a path the sandbox refuses (every scan with a rule importing "magic" then fails
    /// with libyara's error 31). One scan now, before the sandbox, loads it for the
    /// worker's life: a worker scans one file at a time, always in slot 0.
    static func warmMagicModule() {
        let source = "import \"magic\" rule Vigil_Magic_WarmUp { condition: magic.mime_type() == \"-\" or magic.type() == \"-\" }"
        // No prefilter for this one-rule scanner: building it compiled a Hyperscan database
        // and ran Hyperscan's self-test in every worker (about 2.5 ms of a worker's start).
        var limits = ScanLimits()
        limits.prefilter = false
        guard let rules = try? RuleSet.compile(files: [], sources: [("magic-warm-up", source)]),
              let scanner = try? FileScanner(signatures: Signatures(ruleSets: [rules], hashes: .empty), limits: limits),
              let fd = try? WorkerChannel.memfd("vigil-warm-up") else { return }
        let file = OpenFile(adopting: fd)
        let bytes = Array("warm-up\n".utf8)
        guard bytes.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == bytes.count, let st = try? file.stat() else { return }
        _ = scanner.scan(file, path: RawPath("warm-up"), stat: st)
    }

    private static func readAll(_ fd: Int32) throws(VigilError) -> [UInt8] {
        var st = stat()
        _ = try sysCall(orThrow: "fstat of the worker image failed") { fstat(fd, &st) }
        var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, $0.count - done, off_t(done)) }
            guard n > 0 else { throw VigilError("short read of the worker image") }
            done += n
        }
        return bytes
    }

    /// `vigil scan-worker --self-test`: the same sandbox as a worker, then every attack
    /// of `Sandbox.attacks` and a real scan of the passed file with a rule compiled
    /// before the sandbox closed. Prints one line per step on stderr; 0 only when every
    /// attack was refused and the scan found `marker` in the file.
    /// `sandbox: false` is the control run: the same attempts outside it, which a root
    /// process must see succeed (so a refusal above means the sandbox, not the test).
    public static func selfTest(identity: Sandbox.Identity, file: String, daemon: Int32, scratch: String, marker: String, sandbox: Bool = true) -> Int32 {
        func say(_ line: String) { let l = line + "\n"; _ = l.withCString { write(2, $0, strlen($0)) } }
        let fd = open(file, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { say("FAIL cannot open \(file)"); return 2 }
        let scanner: FileScanner
        do {
            let rules = try RuleSet.compile(files: [], sources: [("self-test", "rule Vigil_Sandbox_SelfTest { strings: $a = \"\(marker)\" condition: $a }")])
            scanner = try FileScanner(signatures: Signatures(ruleSets: [rules], hashes: .empty))
            scanner.prepareTypes()
        } catch { say("FAIL cannot build the scanner: \(error)"); return 2 }
        if sandbox {
            let entered: Sandbox.Report
            do { entered = try Sandbox.enter(as: identity, keep: [fd]) } catch { say("FAIL cannot enter the sandbox: \(error)"); return 2 }
            say("entered: uid \(getuid()), landlock ABI \(entered.landlockABI), seccomp \(entered.seccomp)")
        } else {
            say("control run: no sandbox, uid \(getuid())")
        }
        var ok = true
        for a in Sandbox.attacks(daemon: daemon, passedFile: fd, passedPath: file, scratchFolder: scratch, exec: sandbox) {
            if let e = a.refusedWith {
                say("refused \(a.name): \(String(cString: strerror(e)))")
            } else {
                say("ALLOWED \(a.name)")
                ok = false
            }
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else { say("FAIL fstat of the passed file"); return 1 }
        let report = scanner.scan(OpenFile(borrowing: fd), path: RawPath(file), stat: st)
        if report.findings.contains(where: { $0.name == "Vigil_Sandbox_SelfTest" }) {
            say("scanned the passed file: Vigil_Sandbox_SelfTest matched (\(report.bytesRead) bytes)")
        } else {
            say("FAIL the passed file was not scanned: \(report.status) \(report.problems)")
            ok = false
        }
        return ok ? 0 : 1
    }
}
