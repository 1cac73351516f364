import Testing
@testable import VigilOnAccess
import VigilSystem

@Suite("mount table")
struct MountTableTests {
    let table = MountInfo.parse(Array("""
        21 1 254:0 / / rw - ext4 /dev/vda rw
        30 21 0:40 / /srv/share rw - tmpfs t rw
        31 30 0:41 / /srv/share/private rw - tmpfs p rw
        32 31 0:42 / /srv/share/private/deeper rw - tmpfs d rw
        33 21 0:43 / /mnt/elsewhere rw - tmpfs e rw
        34 21 254:0 /home/alice /srv/alice rw - ext4 /dev/vda rw
        35 21 0:44 / /home/with\\040space rw - tmpfs s rw
        36 21 0:45 / /home/sub rw shared:1 - tmpfs h rw
        """.utf8))

    @Test("mountinfo lines parse, with escaped spaces and optional fields")
    func parse() {
        #expect(table.count == 8)
        #expect(table[6].mountPoint == Array("/home/with space".utf8))
        #expect(table[7].fsType == "tmpfs" && table[7].dev == makeDevice(0, 45))
        #expect(table[5].root == Array("/home/alice".utf8))
    }

    @Test("mounts below a guard are found, and the mounts below those; others are not")
    func belowGuards() {
        let share = (dev: makeDevice(0, 40), inner: Array("/".utf8))
        let found = mountsBelowGuards(table, guards: [share], whole: [])
        #expect(found.map(\.id) == [31, 32])
    }

    @Test("a guarded folder inside a filesystem: mounts below that folder only")
    func guardInsideFilesystem() {
        let home = (dev: makeDevice(254, 0), inner: Array("/home".utf8))
        let found = mountsBelowGuards(table, guards: [home], whole: [])
        #expect(Set(found.map(\.id)) == [35, 36])
        // A bind mount of the guarded filesystem itself is placed by identity, not guarded whole.
        #expect(!found.contains { $0.id == 34 })
    }

    @Test("where a path is inside a mount's filesystem")
    func inner() {
        #expect(innerPath(of: Array("/srv/alice/docs".utf8), in: table[5]) == Array("/home/alice/docs".utf8))
        #expect(innerPath(of: Array("/srv/share".utf8), in: table[1]) == Array("/".utf8))
        #expect(innerPath(of: Array("/etc".utf8), in: table[1]) == nil)
    }

    @Test("a filesystem is exposed when a mount below a guard shows a part of it outside the guards", arguments: [
        // (guard inner path on 254:0, the table's extra line, exposed)
        ("/srv", "", false),
        // /home/alice shown at /srv/alice, below the guard /srv: exposed.
        ("/srv", "34 21 254:0 /home/alice /srv/alice rw - ext4 /dev/vda rw", true),
        // The same mount when /home is the guard: its mount point is not below a guard.
        ("/home", "34 21 254:0 /home/alice /srv/alice rw - ext4 /dev/vda rw", false),
        // Guarded content shown inside the guard again: nothing new is shown.
        ("/srv", "34 21 254:0 /srv/data /srv/alice rw - ext4 /dev/vda rw", false),
        // The whole filesystem mounted again below the guard: exposed.
        ("/srv", "34 21 254:0 / /srv/root-again rw - ext4 /dev/vda rw", true),
        // Mounted below a tmpfs that is itself below the guard (guarded whole).
        ("/srv", "37 30 254:0 /etc /srv/share/etc rw - ext4 /dev/vda rw", true),
        // Another filesystem mounted inside the guard: guarded whole, nothing of ours shown.
        ("/srv", "38 21 0:50 / /srv/new rw - tmpfs n rw", false),
    ])
    func exposed(_ c: (String, String, Bool)) {
        let base = """
            21 1 254:0 / / rw - ext4 /dev/vda rw
            30 21 0:40 / /srv/share rw - tmpfs t rw
            """
        let t = MountInfo.parse(Array((base + "\n" + c.1).utf8))
        let g = (dev: makeDevice(254, 0), inner: Array(c.0.utf8))
        let whole: Set<UInt64> = c.0 == "/srv" ? [makeDevice(0, 40)] : []
        let exposed = filesystemsExposedInGuards(t, guards: [g], whole: whole)
        #expect(exposed.contains(makeDevice(254, 0)) == c.2, "\(c)")
        #expect(exposed.isSubset(of: [makeDevice(254, 0)]), "only a filesystem holding a guard: \(c)")
    }
}
