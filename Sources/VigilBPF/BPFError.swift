import CVigilBPF
import Glibc

/// Why a Tier A operation failed: what was being done, and the errno the kernel (or
/// libbpf) gave. `log` carries libbpf's last messages (the verifier's verdict on a
/// failed load).
///
/// Owns: the error vocabulary of VigilBPF. Must not: depend on any Vigil module (it is a
/// lower layer: self-protection calls it, it knows no Vigil type).
public struct BPFError: Error, CustomStringConvertible, Sendable, Equatable {
    public let operation: String
    public let code: Int32
    public let log: String

    public init(_ operation: String, code: Int32, log: String = "") {
        self.operation = operation
        self.code = code
        self.log = log
    }

    /// The errno's symbolic name ("EPERM"), for logs and status lines.
    public var errnoName: String { Self.name(of: code) }

    public var description: String {
        "\(operation): \(String(cString: strerror(code))) (\(errnoName))"
    }

    static func name(of code: Int32) -> String {
        if let name = vigil_bpf_errno_name(code) { return String(cString: name) }
        return "errno \(code)"
    }
}
