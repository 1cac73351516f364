import CLinux
import Glibc

extension Sandbox {
    /// One thing a compromised scan worker would try, and what the kernel said.
    public struct Attempt: Sendable {
        public let name: String
        /// nil: it was allowed (the sandbox failed); else the errno that refused it.
        public let refusedWith: Int32?
    }

    /// Runs, inside a sandbox entered by `enter(as:keep:)`, the attacks the sandbox
    /// exists to refuse (`vigil scan-worker --self-test`): reading a secret, reopening
    /// the scanned file by path, creating or writing a file, the network, another
    /// process (ptrace, its memory, a signal), exec, becoming root again, executable
    /// memory. Each one really is attempted; an allowed one is reported, never hidden.
    /// `exec: false` leaves out execve (the control run, outside the sandbox, would
    /// become /bin/false before it could report).
    public static func attacks(daemon: Int32, passedFile: Int32, passedPath: String, scratchFolder: String, exec: Bool = true) -> [Attempt] {
        func attempt(_ name: String, _ body: () -> Int) -> Attempt {
            errno = 0
            let rc = body()
            return Attempt(name: name, refusedWith: rc < 0 ? errno : nil)
        }
        func openFails(_ path: String, _ flags: Int32) -> Int {
            let fd = open(path, flags, 0o600)
            if fd >= 0 { close(fd); return 0 }
            return -1
        }
        var out: [Attempt] = []
        out.append(attempt("open /etc/shadow") { openFails("/etc/shadow", O_RDONLY) })
        out.append(attempt("open /etc/passwd") { openFails("/etc/passwd", O_RDONLY) })
        out.append(attempt("reopen the passed file by its path") { openFails(passedPath, O_RDONLY) })
        out.append(attempt("open /proc/self/status") { openFails("/proc/self/status", O_RDONLY) })
        out.append(attempt("open a folder (/)") { openFails("/", O_RDONLY | O_DIRECTORY) })
        out.append(attempt("create a file") { openFails(scratchFolder + "/sandbox-escape", O_WRONLY | O_CREAT | O_TRUNC) })
        out.append(attempt("write to the passed (read-only) file") {
            var b: UInt8 = 0x41
            return write(passedFile, &b, 1) < 0 ? -1 : 0
        })
        out.append(attempt("socket(AF_INET)") {
            let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            if s >= 0 { close(s); return 0 }
            return -1
        })
        out.append(attempt("socket(AF_UNIX)") {
            let s = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            if s >= 0 { close(s); return 0 }
            return -1
        })
        out.append(attempt("connect (127.0.0.1:22 on the worker's socket)") {
            var a = sockaddr_in()
            a.sin_family = sa_family_t(AF_INET)
            a.sin_port = in_port_t(22).bigEndian
            a.sin_addr.s_addr = in_addr_t(0x7f00_0001).bigEndian
            return withUnsafePointer(to: &a) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Int(connect(WorkerChannel.workerFd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))) }
            }
        })
        out.append(attempt("ptrace(PTRACE_ATTACH) the daemon") { Int(vigil_ptrace_attach(daemon)) })
        out.append(attempt("process_vm_writev into the daemon") {
            var byte: UInt8 = 0
            return withUnsafeMutablePointer(to: &byte) { p in
                vigil_process_vm_write(daemon, UnsafeMutableRawPointer(p), UnsafeMutableRawPointer(bitPattern: 0x400000), 1)
            }
        })
        out.append(attempt("kill(daemon, 0)") { Int(kill(daemon, 0)) })
        out.append(attempt("kill(1, SIGCONT)") { Int(kill(1, SIGCONT)) })
        if exec { out.append(attempt("execve /bin/false") {
            let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/false"), nil]
            defer { argv.forEach { free($0) } }
            // Had it worked, the process would be /bin/false now and exit 1.
            return Int(execve("/bin/false", argv, nil))
        }) }
        out.append(attempt("setuid(0)") { Int(setuid(0)) })
        out.append(attempt("executable memory (mmap PROT_EXEC)") {
            let p = mmap(nil, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
            if p == MAP_FAILED { return -1 }
            munmap(p, 4096)
            return 0
        })
        out.append(attempt("prctl(PR_SET_DUMPABLE, 1)") { Int(vigil_prctl_set_dumpable(1)) })
        return out
    }
}
