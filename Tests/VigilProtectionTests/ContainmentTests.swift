import Testing
import VigilProtection
import VigilSystem

@Suite("containment rules")
struct ContainmentTests {
    @Test("scan threads may write their state and quarantine folders, and only move entries in upload folders")
    func rules() {
        let rules = Containment.rules(stateDirectory: "/var/lib/vigil", extraWritable: ["/srv/.vigil-quarantine"], uploadFolders: ["/srv/up"])
        #expect(rules.map(\.path) == ["/var/lib/vigil", "/srv/.vigil-quarantine", "/srv/up"])
        let upload = rules[2].access
        #expect(!upload.contains(.writeFile) && !upload.contains(.truncate), "an upload's bytes are never changed")
        #expect(upload.contains(.removeFile) && upload.contains(.makeDir) && upload.contains(.refer), "entries move")
        #expect(rules[0].access.contains(.writeFile))
        #expect(!rules[0].access.contains(.readFile), "reads are never restricted")
    }
}
