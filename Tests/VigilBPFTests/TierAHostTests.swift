import Glibc
import Testing
@testable import VigilBPF

/// Tier A on the build host. Our hosts (and CI) list `bpf` among the active LSMs but refuse
/// every BPF LSM load with EPERM, so here the tests pin down the clean "unavailable"
/// path; the enforcement itself is tested in the QEMU guest (scripts/test-bpf-enforcement.sh).
@Suite struct TierAHostTests {
    @Test("the load test answers, and an unavailable answer names the step and errno")
    func probeAnswers() throws {
        try #require(getuid() == 0, "BPF needs root")
        let result = TierA.probe()
        print("host \(result)")
        switch result {
        case .available:
            // A host where BPF LSM works: the probe must have left nothing attached, which
            // a second probe (attaching the same hook again) would show as EBUSY or similar.
            #expect(TierA.probe() == .available)
        case .unavailable(let step, let error, _):
            #expect(["open", "load", "attach"].contains(step))
            #expect(error.code > 0)
            #expect(error.errnoName.hasPrefix("E"))
        }
    }

    @Test("on a host that lists bpf but refuses its programs, Tier A is unavailable with EPERM")
    func listedButRefused() throws {
        try #require(getuid() == 0, "BPF needs root")
        try #require(TierA.bpfInLSMList() == true || TierA.bpfInLSMList() == nil, "bpf is not an active LSM here")
        let result = TierA.probe()
        guard case .unavailable(_, let error, _) = result else {
            // The guest test covers hosts where Tier A works.
            return
        }
        #expect(error.code == EPERM, "our hosts refuse BPF LSM loads with EPERM; got \(error)")
        #expect(result.description.contains("EPERM"))
        #expect(result.description.contains("tier B"))
    }

    @Test("opening Tier A where the load test fails throws and leaves no bpffs behind")
    func openFailsCleanly() throws {
        try #require(getuid() == 0, "BPF needs root")
        guard case .unavailable = TierA.probe() else { return }
        let pin = "/tmp/vigil-bpf-host-\(getpid())/bpf"
        var options = Enforcement.Options()
        options.pinDirectory = pin
        // In a private mount namespace (scripts/test.sh runs the suite in one), so the
        // bpffs the loader mounts before its load is refused can only leak into the test's
        // own namespace; the test checks it took it down anyway.
        #expect(throws: BPFError.self) { _ = try Enforcement.open(options) }
        #expect(!isMountPoint(pin), "a failed load left its bpffs mounted at \(pin)")
        #expect(isEmptyDirectory(pin), "a failed load left pins in \(pin)")
    }

    /// Whether /proc/self/mountinfo lists `path` as a mount point (field 5).
    func isMountPoint(_ path: String) -> Bool {
        guard let f = fopen("/proc/self/mountinfo", "r") else { return false }
        defer { fclose(f) }
        var line: UnsafeMutablePointer<CChar>? = nil
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, f) > 0 {
            let fields = String(cString: line!).split(separator: " ")
            if fields.count > 4 && fields[4] == path { return true }
        }
        return false
    }

    func isEmptyDirectory(_ path: String) -> Bool {
        guard let dir = opendir(path) else { return true }
        defer { closedir(dir) }
        while let e = readdir(dir) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { return false }
        }
        return true
    }
}
