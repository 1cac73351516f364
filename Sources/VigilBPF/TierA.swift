import CVigilBPF
import Glibc

/// Whether this kernel enforces with BPF LSM, found by a real load test: a do-nothing
/// LSM program is loaded, attached and detached. The LSM list alone is not enough: our
/// CI hosts list `bpf` in /sys/kernel/security/lsm and refuse every load with EPERM.
///
/// Owns: the start-up decision between Tier A (kernel enforcement) and Tier B (detection).
/// Must not: leave anything attached or pinned.
public enum TierA {
    public enum Availability: Sendable, Equatable, CustomStringConvertible {
        case available
        /// `step` is "open", "load" or "attach"; `lsmListed` says whether `bpf` is in the
        /// active LSM list (nil if securityfs is not mounted).
        case unavailable(step: String, error: BPFError, lsmListed: Bool?)

        public var isAvailable: Bool { self == .available }

        public var description: String {
            switch self {
            case .available:
                return "tier A: BPF LSM programs load and attach"
            case .unavailable(let step, let error, let listed):
                let lsm = switch listed {
                case true?: "bpf is an active LSM, but"
                case false?: "bpf is not an active LSM:"
                case nil: "active LSMs unknown;"
                }
                return "tier A unavailable: \(lsm) the probe's \(step) failed with \(error.errnoName) (tier B applies)"
            }
        }
    }

    /// Runs the load test (a few milliseconds). Needs CAP_BPF and CAP_SYS_ADMIN (root).
    public static func probe() -> Availability {
        var step: UnsafePointer<CChar>? = nil
        let rc = vigil_bpf_probe(&step)
        if rc == 0 {
            // Loading and attaching is not enough either: with `bpf` left out of the active
            // list (lsm= without it), 6.1 loads and attaches LSM programs that the hooks
            // then never call (the QEMU guest of scripts/test-kernel-refusals.sh: "30/30
            // hooks" and nothing refused). Unknown (no securityfs) keeps the load's answer.
            guard bpfInLSMList() != false else {
                return .unavailable(step: "lsm list", error: BPFError("BPF LSM is not an active LSM: its programs attach but never run", code: ENOENT),
                                    lsmListed: false)
            }
            return .available
        }
        let stepName = step.map { String(cString: $0) } ?? "open"
        return .unavailable(step: stepName, error: BPFError("BPF LSM probe \(stepName)", code: -rc,
                                                            log: String(cString: vigil_bpf_last_log())),
                            lsmListed: bpfInLSMList())
    }

    /// Whether `bpf` is in /sys/kernel/security/lsm; nil if the list cannot be read.
    public static func bpfInLSMList(_ path: String = "/sys/kernel/security/lsm") -> Bool? {
        guard let f = fopen(path, "r") else { return nil }
        defer { fclose(f) }
        var buffer = [CChar](repeating: 0, count: 1024)
        guard fgets(&buffer, Int32(buffer.count), f) != nil else { return nil }
        let list = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return list.split(whereSeparator: { $0 == "," || $0 == "\n" }).contains("bpf")
    }
}
