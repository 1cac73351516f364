import Glibc
import Testing
import CVigilBPF
import VigilBPF
import VigilConfig
@testable import VigilProtection

/// The start-up decision between Tier A and Tier B, as a table: `[protection] bpf` by
/// the load test's answer. The load test itself runs against the real kernel in
/// EndToEndTests/TierATests and in the QEMU guest.
@Suite("Tier A: the start-up decision")
struct TierAChoiceTests {
    static let eperm = TierA.Availability.unavailable(step: "load", error: BPFError("BPF LSM probe load", code: EPERM), lsmListed: true)
    static let enoent = TierA.Availability.unavailable(step: "open", error: BPFError("BPF LSM probe open", code: ENOENT), lsmListed: false)

    @Test("mode by availability", arguments: [
        (ProtectionConfig.BPFMode.auto, TierA.Availability.available, TierAChoice.load),
        (.auto, eperm, .skip(reason: "unavailable: EPERM at the probe's load")),
        (.auto, enoent, .skip(reason: "unavailable: ENOENT at the probe's open")),
        (.require, .available, .load),
        (.require, eperm, .refuse(reason: "[protection] bpf = \"require\", but BPF LSM is unavailable: EPERM at the probe's load")),
    ])
    func decides(mode: ProtectionConfig.BPFMode, availability: TierA.Availability, expected: TierAChoice) {
        #expect(TierAChoice.decide(mode: mode, availability: availability) == expected)
    }

    @Test("off never loads, whatever the kernel could do, and says why")
    func off() {
        for a in [TierA.Availability.available, Self.eperm] {
            #expect(TierAChoice.decide(mode: .off, availability: a) == .skip(reason: "tier A off: [protection] bpf = \"off\""))
        }
        #expect(TierAChoice.decide(mode: .off, availability: nil) == .skip(reason: "tier A off: [protection] bpf = \"off\""))
    }

    @Test("status names the tier: A enforcing, or B with its reason")
    func labels() {
        #expect(ProtectionTier.enforcing.label == "A: bpf-lsm enforcing")
        #expect(ProtectionTier.detectionOnly(reason: "unavailable: EPERM at the probe's load").label
                == "B: detection only (unavailable: EPERM at the probe's load)")
    }

    /// The loader's failure as it comes back from a fresh load (EINVAL from the verifier),
    /// with the tail of libbpf's log.
    static func verifierRefused(_ helper: String) -> BPFError {
        BPFError("load Tier A programs (pins in /run/vigil/bpf)", code: EINVAL, log: """
            libbpf: prog 'vigil_file_open': BPF program load failed: Invalid argument
            libbpf: prog 'vigil_file_open': -- BEGIN PROG LOAD LOG --
            reg type unsupported for arg#0 function vigil_file_open#28
            0: R1=ctx(off=0,imm=0) R10=fp0
            ; e->ino = inode ? BPF_CORE_READ(inode, i_ino) : 0;
            12: (85) call \(helper)#4
            unknown func \(helper)#4
            processed 12 insns (limit 1000000) max_states_per_insn 0 total_states 1 peak_states 1 mark_read 1
            -- END PROG LOAD LOG --
            """)
    }
    static let suffix = "load Tier A programs (pins in /run/vigil/bpf): Invalid argument (EINVAL)"
    static let readKernel = "tier A refused by lockdown confidentiality: it withholds bpf_probe_read_kernel from BPF programs "
        + "(\"use of bpf to read kernel RAM\"), which Vigil's programs need"

    /// A host hardened at boot with lockdown=confidentiality: the load test (a program that
    /// reads nothing) passes, the real object is refused. Status and the start-up warning
    /// must name lockdown's refusal, not only "Invalid argument".
    @Test("a failed fresh load is explained by the lockdown level that withholds the helper", arguments: [
        // libbpf rewrote bpf_probe_read_kernel to the legacy helper (its feature probe failed
        // too): the verifier names bpf_probe_read.
        (verifierRefused("bpf_probe_read"), KernelRefusals.Lockdown.level("confidentiality"),
         readKernel + " (the verifier: unknown func bpf_probe_read); " + suffix),
        (verifierRefused("bpf_probe_read_kernel"), .level("confidentiality"),
         readKernel + " (the verifier: unknown func bpf_probe_read_kernel); " + suffix),
        // The same verifier answer without that lockdown (a kernel lacking the helper):
        // not blamed on lockdown.
        (verifierRefused("bpf_probe_read_kernel"), .level("integrity"),
         "the programs did not load: " + suffix + "; the verifier: unknown func bpf_probe_read_kernel"),
        (verifierRefused("bpf_probe_read"), .level("none"),
         "the programs did not load: " + suffix + "; the verifier: unknown func bpf_probe_read"),
        (verifierRefused("bpf_probe_read_kernel"), .absent,
         "the programs did not load: " + suffix + "; the verifier: unknown func bpf_probe_read_kernel"),
        (verifierRefused("bpf_probe_write_user"), .level("integrity"),
         "tier A refused by lockdown integrity: it withholds bpf_probe_write_user from BPF programs (\"use of bpf to write user RAM\"), "
            + "which Vigil's programs need (the verifier: unknown func bpf_probe_write_user); " + suffix),
        // No verifier verdict in the log: the error as it is.
        (BPFError("load Tier A programs (pins in /run/vigil/bpf)", code: EPERM), .level("confidentiality"),
         "the programs did not load: load Tier A programs (pins in /run/vigil/bpf): Operation not permitted (EPERM)"),
    ])
    func loadFailure(error: BPFError, lockdown: KernelRefusals.Lockdown, expected: String) {
        #expect(TierALoadFailure.reason(error, lockdown: lockdown) == expected)
    }

    @Test("a kernel refusal becomes an alerting ECS protection line naming kind, actor, target and path")
    func record() throws {
        var raw = vigil_event_for_test(kind: RefusalEvent.Kind.signal.rawValue, tgid: 4242, target: 77, dev: 0, ino: 0, extra: 9)
        let (key, line) = KernelEnforcement.record(RefusalEvent(raw), path: nil)
        #expect(key == "tier-a|signal|4242|77|9")
        let text = line.text
        #expect(text.contains("\"action\":\"tier-a-refused\""))
        #expect(text.contains("tier A refused signal by pid 4242 (kill, uid 0) against pid 77"))
        raw = vigil_event_for_test(kind: RefusalEvent.Kind.fileWrite.rawValue, tgid: 5, target: 0, dev: 8 << 20 | 1, ino: 12, extra: 0)
        let (fileKey, fileLine) = KernelEnforcement.record(RefusalEvent(raw), path: "/etc/vigil/vigil.toml")
        #expect(fileKey == "tier-a|file_write|5|8:1:12|0")
        #expect(fileLine.text.contains("on /etc/vigil/vigil.toml"))
        #expect(fileLine.text.contains("\"path\":\"/etc/vigil/vigil.toml\"") || fileLine.text.contains("/etc/vigil/vigil.toml"))
    }
}

/// A kernel event as the ring buffer hands it over (the actor's command is "kill").
func vigil_event_for_test(kind: UInt32, tgid: UInt32, target: UInt32, dev: UInt32, ino: UInt64, extra: UInt32) -> vigil_event {
    var e = vigil_event()
    e.kind = kind
    e.error = EPERM
    e.actor_tgid = tgid
    e.actor_pid = tgid
    e.target_tgid = target
    e.dev = dev
    e.ino = ino
    e.extra = extra
    withUnsafeMutableBytes(of: &e.comm) { raw in
        for (i, b) in "kill".utf8.enumerated() { raw[i] = b }
    }
    return e
}
