import Foundation
import Glibc
import Testing
import VigilBPF
import VigilTestSupport

/// Tier A's start-up on this machine's real kernel: the daemon runs the load test and,
/// where BPF LSM programs are refused (our hosts and CI: `bpf` is listed, every load
/// gets EPERM), says so and runs Tier B; `require` refuses to start. Enforcement itself
/// runs in the QEMU guest (scripts/test-bpf-enforcement.sh), against a running daemon.
/// Disabled where the load test passes: these tests would then load real programs on
/// the build host.
@Suite("Tier A start-up on this kernel (real load test)", .serialized,
       .enabled(if: geteuid() == 0 && !TierA.probe().isAvailable))
struct TierATests {
    /// The reason the daemon must give, from this process's own load test.
    var expectedReason: String {
        guard case .unavailable(let step, let error, _) = TierA.probe() else { return "" }
        return "unavailable: \(error.errnoName) at the probe's \(step)"
    }

    @Test("bpf = \"auto\": the load test fails, status shows tier B with the errno, an event says so, and the daemon guards")
    func autoFallsBack() throws {
        let h = try #require(DaemonHarness.oneFilesystem(extraProtection: "bpf = \"auto\""))
        #expect(h.start(), "\(h.output)")
        let s = try #require(h.waitForStatus(timeout: 20) { ($0["protection"] as? [String: Any])?["tier"] is String }, "\(h.output)")
        let protection = try #require(s["protection"] as? [String: Any])
        #expect(protection["tier"] as? String == "B: detection only (\(expectedReason))")
        #expect(protection["tier_a"] == nil, "no Tier A state without Tier A")
        #expect(((protection["layers"] as? [String: Any])?["bpf_lsm"] as? String)?.hasPrefix("B: detection only") == true)
        let event = try #require(h.event("tier-b"), "a start-up event names the tier")
        #expect(event.message?.contains(expectedReason) == true, "\(event)")
        #expect(expectedReason.contains("EPERM"), "our hosts refuse BPF LSM loads with EPERM: \(expectedReason)")
        let text = vigil(["status", "--socket", h.socket])
        #expect(text.stdout.contains("B: detection only (\(expectedReason))"), "exit \(text.status): \(text.stdout)\(text.stderr)")
        #expect(!isMountPoint("/run/vigil/bpf"), "no bpffs left behind by the refused load")
    }

    @Test("bpf = \"require\" without BPF LSM: the daemon does not start, and says why")
    func requireRefuses() throws {
        let h = try #require(DaemonHarness.oneFilesystem(extraProtection: "bpf = \"require\""))
        #expect(!h.start(), "a daemon that requires Tier A must not start here")
        #expect(eventually(timeout: 10) { h.output.contains("require") } != nil, "\(h.output)")
        #expect(h.output.contains("unavailable: \(expectedReason.dropFirst("unavailable: ".count))"), "\(h.output)")
    }

    @Test("bpf = \"off\": no load test, tier B says it is off")
    func off() throws {
        let h = try #require(DaemonHarness.oneFilesystem(extraProtection: "bpf = \"off\""))
        #expect(h.start(), "\(h.output)")
        let s = try #require(h.waitForStatus(timeout: 20) { ($0["protection"] as? [String: Any])?["tier"] is String })
        #expect((s["protection"] as? [String: Any])?["tier"] as? String == "B: detection only (tier A off: [protection] bpf = \"off\")")
    }

    func isMountPoint(_ path: String) -> Bool {
        let info = (try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? ""
        return info.split(separator: "\n").contains { $0.split(separator: " ").dropFirst(4).first.map(String.init) == path }
    }
}
