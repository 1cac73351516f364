import Glibc
import VigilEngine
import VigilEvents
import VigilSystem

/// Compiles a candidate rule set in a separate process before anything is swapped: a rule
/// set that crashes libyara, eats the machine's memory or takes forever to compile kills
/// only that child. The child (`vigil rules test-compile`) limits its own address space
/// (RLIMIT_AS) and CPU time (RLIMIT_CPU) before it reads a byte of the rules; this side
/// kills it at the wall-clock limit.
///
/// Owns: the child's life. Must not: judge rules itself.
public struct TestCompiler: Sendable {
    /// The program and arguments before the options (`[vigil, "rules", "test-compile"]`).
    public var command: [String]
    public var memoryLimitBytes: Int64 = 4 << 30
    public var timeoutSeconds: Double = 600

    public init(command: [String]) { self.command = command }

    public struct Outcome: Sendable {
        public let ok: Bool
        /// The child's last line (its summary or its error), or what killed it.
        public let message: String
        public let seconds: Double
    }

    public func run(directory: String) -> Outcome {
        let start = monotonicSeconds()
        var pipeFDs: [Int32] = [-1, -1]
        // Not O_CLOEXEC (pipe2 does not import); the child closes both ends after dup2, and
        // the CLI that runs this starts no other process meanwhile.
        guard pipe(&pipeFDs) == 0 else {
            return Outcome(ok: false, message: "cannot create a pipe: \(FileTree.errnoText())", seconds: 0)
        }
        let args = command + ["--memory-limit", String(memoryLimitBytes), "--cpu-seconds", String(Int(timeoutSeconds.rounded(.up)) + 1), directory]
        let pid: Int32
        do {
            pid = try spawnProcess(command[0], args, group: .inherit,
                                       descriptors: [.open(0, path: "/dev/null", flags: O_RDONLY), .dup(pipeFDs[1], to: 1), .dup(pipeFDs[1], to: 2),
                                                     .close(pipeFDs[0]), .close(pipeFDs[1])])
        } catch {
            close(pipeFDs[1]); close(pipeFDs[0])
            return Outcome(ok: false, message: error.description, seconds: 0)
        }
        close(pipeFDs[1])
        defer { close(pipeFDs[0]) }
        // Read its output until it closes the pipe or the time is up.
        var output: [UInt8] = []
        var timedOut = false
        let deadline = start + timeoutSeconds
        var buf = [UInt8](repeating: 0, count: 4096)
        while true {
            let left = deadline - monotonicSeconds()
            if left <= 0 { timedOut = true; break }
            var p = pollfd(fd: pipeFDs[0], events: Int16(POLLIN), revents: 0)
            let r = poll(&p, 1, Int32(min(left * 1000, 1000).rounded(.up)))
            if r < 0 { if errno == EINTR { continue }; break }
            if r == 0 { continue }
            let n = buf.withUnsafeMutableBytes { read(pipeFDs[0], $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; break }
            if n == 0 { break }
            if output.count < 1 << 16 { output += buf[0..<n] }
        }
        if timedOut { kill(pid, SIGKILL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let seconds = monotonicSeconds() - start
        let last = String(decoding: output, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        if timedOut {
            return Outcome(ok: false, message: "did not finish within \(timeoutSeconds) s: killed", seconds: seconds)
        }
        let exited = status & 0x7f == 0
        if !exited {
            let sig = status & 0x7f
            let name = sig == SIGKILL ? "SIGKILL" : sig == SIGXCPU ? "SIGXCPU (CPU limit)" : sig == SIGSEGV ? "SIGSEGV" : sig == SIGABRT ? "SIGABRT" : sig == SIGTRAP ? "SIGTRAP" : "signal \(sig)"
            return Outcome(ok: false, message: "the compiler process died of \(name)"
                           + " (memory limit \(memoryLimitBytes >> 20) MiB)" + (last.isEmpty ? "" : ": \(last)"), seconds: seconds)
        }
        let code = (status >> 8) & 0xff
        return Outcome(ok: code == 0, message: last.isEmpty ? "exit status \(code)" : last, seconds: seconds)
    }

    /// The child's side: limits this process before it loads anything.
    public static func limitSelf(memoryBytes: Int64, cpuSeconds: Int) {
        var mem = rlimit(rlim_cur: rlim_t(memoryBytes), rlim_max: rlim_t(memoryBytes))
        setrlimit(Int32(RLIMIT_AS.rawValue), &mem)
        var cpu = rlimit(rlim_cur: rlim_t(cpuSeconds), rlim_max: rlim_t(cpuSeconds + 1))
        setrlimit(Int32(RLIMIT_CPU.rawValue), &cpu)
    }
}
