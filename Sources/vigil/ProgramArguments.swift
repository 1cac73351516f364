import CLinux
import Glibc
import VigilSystem

// Owns: argv exactly as the C runtime passed it. Must not: parse it (ArgumentParser
// does).

/// argv, captured by a constructor in CLinux before Swift's runtime starts: Swift's
/// CommandLine reads /proc/self/cmdline on Linux, which is missing in minimal chroots
/// and containers.
enum ProgramArguments {
    /// Every argument's exact bytes, argv[0] included.
    static let raw: [[UInt8]] = {
        let argc = Int(vigil_saved_argc())
        guard argc > 0, let argv = vigil_saved_argv() else {
            // The constructor did not run: only /proc can tell, or nothing can.
            guard access("/proc/self/cmdline", R_OK) == 0 else {
                printError("vigil: cannot read the command line (no argv from the C runtime and no /proc)")
                exit(2)
            }
            return CommandLine.arguments.map { Array($0.utf8) }
        }
        return (0..<argc).map { i in
            guard let p = argv[i] else { return [] }
            return Array(UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strlen(p)))
        }
    }()

    static let all: [String] = raw.map { String(decoding: $0, as: UTF8.self) }
}

/// The original bytes of a command-line argument: Swift's argument strings replace
/// invalid UTF-8, and a path must reach the kernel exactly as typed.
func rawArgument(_ text: String) -> RawPath {
    for bytes in ProgramArguments.raw.dropFirst() where String(decoding: bytes, as: UTF8.self) == text {
        return RawPath(bytes: bytes)
    }
    return RawPath(text)
}
