import CLinux
import Glibc
import Synchronization

// Owns: writing the exposition for node_exporter's textfile collector: a temporary file
// in the same folder, fsync, rename over `vigil.prom`, fsync the folder. A reader sees
// the old file or the new one, never half of one.
// Must not: write a name ending in `.prom` until it is complete (the collector reads
// every `*.prom` file in the folder).

public enum TextfileWriter {
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Writes `text` to `directory/name` atomically.
    public static func write(_ text: String, directory: String, name: String = "vigil.prom") throws(WriteError) {
        precondition(name.hasSuffix(".prom") && !name.contains("/"))
        let dirFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dirFD >= 0 else { throw WriteError(description: "cannot open \(directory): \(String(cString: strerror(errno)))") }
        defer { close(dirFD) }
        let tmp = ".\(name).\(getpid()).tmp"
        unlinkat(dirFD, tmp, 0)
        let fd = openat(dirFD, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(description: "cannot create \(directory)/\(tmp): \(String(cString: strerror(errno)))") }
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                let e = errno
                close(fd); unlinkat(dirFD, tmp, 0)
                throw WriteError(description: "cannot write \(directory)/\(tmp): \(String(cString: strerror(e)))")
            }
            done += n
        }
        fchmod(fd, 0o644)    // the collector often runs as another user
        let synced = fsync(fd) == 0
        close(fd)
        guard synced, renameat(dirFD, tmp, dirFD, name) == 0 else {
            let e = errno
            unlinkat(dirFD, tmp, 0)
            throw WriteError(description: "cannot replace \(directory)/\(name): \(String(cString: strerror(e)))")
        }
        fsync(dirFD)
    }
}

/// Rewrites the textfile every `interval` seconds on its own thread, and once more at
/// stop (so the last values survive the daemon).
public final class TextfileService: Sendable {
    private let directory: String
    private let interval: Int
    private let render: @Sendable () -> String
    private let wake: Int32   // an eventfd: stop() writes, the loop wakes
    private let thread = Mutex<pthread_t?>(nil)
    public let writes = Tally()
    public let failures = Tally()
    private let lastError = Mutex<String?>(nil)

    public init(directory: String, intervalSeconds: Int, render: @escaping @Sendable () -> String) {
        self.directory = directory
        self.interval = max(1, intervalSeconds)
        self.render = render
        wake = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        precondition(wake >= 0, "eventfd failed")
    }

    deinit { close(wake) }

    /// The last write's error, if it failed (for the daemon's log and `vigil status`).
    public var error: String? { lastError.withLock { $0 } }

    public func writeNow() {
        do {
            try TextfileWriter.write(render(), directory: directory)
            writes.increment()
            lastError.withLock { $0 = nil }
        } catch {
            failures.increment()
            lastError.withLock { $0 = error.description }
        }
    }

    private final class Box { let body: () -> Void; init(_ b: @escaping () -> Void) { body = b } }

    public func start() {
        thread.withLock { t in
            guard t == nil else { return }
            var th = pthread_t()
            let box = Unmanaged.passRetained(Box { [self] in loop() }).toOpaque()
            precondition(pthread_create(&th, nil, { raw in
                Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue().body()
                return nil
            }, box) == 0)
            t = th
        }
    }

    public func stop() {
        var one: UInt64 = 1
        _ = Glibc.write(wake, &one, 8)
        if let t = thread.withLock({ t -> pthread_t? in defer { t = nil }; return t }) { pthread_join(t, nil) }
    }

    private func loop() {
        while true {
            writeNow()
            var fds = [pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
            let n = poll(&fds, 1, Int32(interval * 1000))
            if n < 0 && errno == EINTR { continue }
            if n > 0 { writeNow(); return }
        }
    }
}
