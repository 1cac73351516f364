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
