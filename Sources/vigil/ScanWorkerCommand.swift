import ArgumentParser
import Glibc
import VigilEngine
import VigilSystem

// `vigil scan-worker` (hidden): the daemon's sandboxed scan worker (issue 12 item 6),
// and `--self-test`, which enters the same sandbox and tries to break out of it.

struct ScanWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan-worker",
        abstract: "A sandboxed scan worker (started by the daemon, never by hand).",
        discussion: """
        The daemon starts one per scan thread with a socket as fd 3. --self-test enters the
        same sandbox as a worker and attempts every escape it must refuse, then scans the
        given file; it exits 0 only when every attempt was refused and the scan worked.
        """,
        shouldDisplay: false
    )

    @Option(help: "The user the worker runs as.") var uid: UInt32 = Sandbox.Identity.fallback.uid
    @Option(help: "Its group.") var gid: UInt32 = Sandbox.Identity.fallback.gid
    @Flag(help: "Enter the sandbox, attempt escapes, scan --file, report on stderr.") var selfTest = false
    @Option(help: "Self-test: the file passed in (its descriptor is kept).") var file: String?
    @Option(help: "Self-test: the process to attack (ptrace, memory, signals).") var attack: Int32 = 1
    @Option(help: "Self-test: a folder where creating a file must fail.") var scratch = "/tmp"
    @Option(help: "Self-test: bytes the passed file contains.") var marker = "vigil-sandbox-self-test"
    @Flag(help: "Self-test control run: the same attempts without entering the sandbox (they must succeed, as root).") var control = false

    func run() throws {
        let identity = Sandbox.Identity(uid: uid, gid: gid)
        let status: Int32
        if selfTest {
            guard let file else { throw ValidationError("--self-test needs --file") }
            status = ScanWorker.selfTest(identity: identity, file: file, daemon: attack, scratch: scratch, marker: marker, sandbox: !control)
        } else {
            status = ScanWorker.run(identity: identity)
        }
        // No atexit handlers, no flushing into a closed sandbox: leave now.
        _exit(status)
    }
}
