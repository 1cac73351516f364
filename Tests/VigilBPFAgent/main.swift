// vigil-bpf-agent: the agent the Tier A guest test runs (Tests/BPF/enforcement/). It
// calls VigilBPF exactly as the daemon will (probe, open, seal, register, protect,
// renew, read events) and is then attacked by a hostile root in the same guest.
//
//   VigilBPFAgent probe
//   VigilBPFAgent serve --pin DIR --lease SECONDS --events FILE --control FIFO
//                       [--file PATH]... [--folder PATH]... [--tree PATH]...
//   VigilBPFAgent verify --pin DIR        (a restarted agent: re-open pins, register, report)
//
// serve prints "ready pid=N reopened=BOOL hooks=A/B" once protection is on, appends one
// line per kernel event to FILE, and obeys one command per line written to FIFO:
//   stop-lease         stop renewing (process protections lapse after the lease)
//   dlopen PATH        map a library executable, as an LD_PRELOAD or plugin would
//   anon-exec          ask for anonymous executable memory, as injected shellcode would
//   status             print the hooks and counters
//   holders            list other processes holding descriptors for Vigil's BPF objects
//   release            maintenance: detach everything and unpin
//   exit               exit 0
//
// Owns: nothing the daemon will use; it is a test driver. Must not: be installed.
import Glibc
import Synchronization
import VigilBPF

/// Prints one line and flushes it at once (stdout is a file in the guest, and the test
/// reads it while the agent runs).
func say(_ line: String) {
    print(line)
    fflush(nil)
}

/// Whether the lease thread keeps renewing (cleared by `stop-lease`).
let renewing = Atomic<Bool>(true)

func fail(_ message: String) -> Never {
    say("agent: \(message)")
    exit(1)
}

func value(_ args: [String], _ name: String) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

func values(_ args: [String], _ name: String) -> [String] {
    args.indices.filter { args[$0] == name && $0 + 1 < args.count }.map { args[$0 + 1] }
}

/// A plain thread for a blocking loop (the daemon will use its own thread type).
final class ThreadBody: @unchecked Sendable {   // handed to exactly one new thread
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}

func startThread(_ body: @escaping () -> Void) {
    var thread = pthread_t()
    let box = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
    let rc = pthread_create(&thread, nil, { raw in
        let box = Unmanaged<ThreadBody>.fromOpaque(raw!).takeRetainedValue()
        box.body()
        return nil
    }, box)
    guard rc == 0 else { fail("pthread_create: \(rc)") }
    pthread_detach(thread)
}

func printStatus(_ e: Enforcement) {
    do {
        let s = try e.status()
        let attached = s.hooks.filter(\.attached).map(\.name)
        let missing = s.hooks.filter { !$0.attached }.map(\.name)
        say("status hooks=\(attached.count)/\(s.hooks.count) reopened=\(s.reopened) missing=\(missing.joined(separator: ","))")
        let counts = s.counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.name)=\($0.value)" }
        say("status counts \(counts.joined(separator: " ")) suppressed=\(s.suppressed) ringbuf_full=\(s.ringBufferFull) lost=\(s.lost)")
    } catch {
        say("status failed: \(error)")
    }
}

/// The daemon's start-up order, after `TierA.probe()` said available.
func start(pin: String, lease: Lease) -> Enforcement {
    var options = Enforcement.Options()
    options.pinDirectory = pin
    options.lease = lease
    let enforcement: Enforcement
    do {
        enforcement = try Enforcement.open(options)
        // Seal what is mapped now (binary, ld.so, libc, Swift runtime, libbpf...) before
        // registering: from then on nothing else may be mapped executable.
        try enforcement.seal(Array(SealedCode.executableMappingsOfSelf()))
        try enforcement.registerAgent(tgid: getpid())
        try enforcement.renewLease()
    } catch {
        fail("\(error)\(error.log.isEmpty ? "" : "\n" + error.log)")
    }
    return enforcement
}

let args = Array(CommandLine.arguments.dropFirst())
switch args.first {
case "probe":
    let result = TierA.probe()
    say("\(result)")
    if case .unavailable(_, let error, _) = result, !error.log.isEmpty { say("libbpf: \(error.log)") }
    exit(result.isAvailable ? 0 : 1)

case "verify":
    guard let pin = value(args, "--pin") else { fail("verify needs --pin") }
    let enforcement = start(pin: pin, lease: Lease(duration: .seconds(3), maximum: .seconds(10)))
    say("verify reopened=\(enforcement.reopened) pid=\(getpid())")
    printStatus(enforcement)
    exit(0)

case "serve":
    guard let pin = value(args, "--pin"), let eventsPath = value(args, "--events"),
          let control = value(args, "--control") else { fail("serve needs --pin, --events and --control") }
    let seconds = Int(value(args, "--lease") ?? "3") ?? 3
    let enforcement = start(pin: pin, lease: Lease(duration: .seconds(seconds), maximum: .seconds(10)))
    do {
        var plan = ProtectionPlan()
        for p in values(args, "--file") { try plan.add(p, as: .file) }
        for p in values(args, "--folder") { try plan.add(p, as: .folder) }
        for p in values(args, "--tree") { try plan.add(p, as: .tree) }
        try enforcement.protect(plan)
    } catch {
        fail("protect: \(error)")
    }
    guard let events = fopen(eventsPath, "a") else { fail("open \(eventsPath): \(errno)") }
    setvbuf(events, nil, _IOLBF, 0)

    // Events: one line each, as they come.
    startThread {
        while true {
            do {
                for event in try enforcement.readEvents(timeoutMilliseconds: 200) {
                    fputs("\(event)\n", events)
                }
            } catch {
                fputs("event read failed: \(error)\n", events)
                sleep(1)
            }
        }
    }
    // The lease, renewed every third of its duration until told to stop.
    startThread {
        let interval = enforcement.options.lease.renewalInterval.components
        let micros = UInt32(interval.seconds) * 1_000_000 + UInt32(interval.attoseconds / 1_000_000_000_000)
        while renewing.load(ordering: .relaxed) {
            do { try enforcement.renewLease() } catch { say("agent: renew failed: \(error)") }
            usleep(micros)
        }
    }
    let s = try? enforcement.status()
    say("ready pid=\(getpid()) reopened=\(enforcement.reopened) hooks=\(s?.hooks.filter(\.attached).count ?? 0)/\(s?.hooks.count ?? 0)")

    // Commands, one per line; the FIFO is reopened after each writer closes it.
    while true {
        guard let fifo = fopen(control, "r") else { fail("open \(control): \(errno)") }
        var line: UnsafeMutablePointer<CChar>? = nil
        var capacity = 0
        while getline(&line, &capacity, fifo) > 0 {
            let command = String(cString: line!).trimmingCharacters(in: "\n")
            let words = command.split(separator: " ", maxSplits: 1).map(String.init)
            switch words.first {
            case "stop-lease":
                renewing.store(false, ordering: .relaxed)
                say("lease renewal stopped")
            case "dlopen":
                let path = words.count > 1 ? words[1] : ""
                if dlopen(path, RTLD_NOW) != nil {
                    say("dlopen \(path): loaded")
                } else {
                    say("dlopen \(path): refused: \(String(cString: dlerror()))")
                }
            case "anon-exec":
                let p = mmap(nil, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
                if p == MAP_FAILED {
                    say("anon-exec: refused: errno \(errno)")
                } else {
                    say("anon-exec: mapped")
                    munmap(p, 4096)
                }
            case "status":
                printStatus(enforcement)
            case "holders":
                do {
                    let holders = try enforcement.foreignHolders()
                    say("holders \(holders.isEmpty ? "none" : holders.map(\.description).joined(separator: ", "))")
                } catch {
                    say("holders failed: \(error)")
                }
            case "release":
                do {
                    try enforcement.release()
                    say("released")
                } catch {
                    say("release failed: \(error)")
                }
            case "exit":
                exit(0)
            default:
                say("agent: unknown command \(command)")
            }
        }
        free(line)
        fclose(fifo)
    }

default:
    say("usage: VigilBPFAgent probe | serve --pin DIR --lease S --events FILE --control FIFO [--file P]... | verify --pin DIR")
    exit(2)
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = self
        while s.last == set { s.removeLast() }
        return s
    }
}
