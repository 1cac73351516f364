import Foundation
import Glibc
import Testing
import VigilTestSupport

/// The help desk's quarantine commands while the daemon guards the store's filesystem:
/// the command's own open of a stored (bad) file would be refused, so the daemon does
/// the work through its control socket; with no daemon, the command does it itself.
@Suite("vigil quarantine through the running daemon (real kernel)", .serialized, .enabled(if: geteuid() == 0))
struct QuarantineDaemonTests {
    @Test("restore, list, show and delete work while the daemon guards the store; without it the same restore is refused by the guard")
    func throughTheDaemon() throws {
        let d = try #require(DaemonHarness())
        // The store on the guarded filesystem, as in the default layout; filled before the guard starts.
        let store = d.guarded + "/.quarantine"
        let a = d.write("inbox/a.com", eicar)
        let b = d.write("inbox/b.com", eicar + [10])
        #expect(vigil(["scan", "--move-to", store, d.guarded + "/inbox"]).status == 1)
        #expect(access(a, F_OK) != 0 && access(b, F_OK) != 0)
        #expect(d.start(), "\(d.output)")

        let list = vigil(["quarantine", "list", "--json", "--store", store, "--socket", d.socket])
        #expect(list.status == 0, "\(list.stderr)")
        let entries = list.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(entries.count == 2)
        let idA = try #require(entries.first { ($0["original"] as? [String: Any])?["path"] as? String == a }?["id"] as? String)
        let idB = try #require(entries.first { ($0["original"] as? [String: Any])?["path"] as? String == b }?["id"] as? String)

        // Without the daemon's help the guard refuses the command's read of the stored copy.
        let alone = vigil(["quarantine", "restore", "--store", store, "--socket", "-", idA])
        #expect(alone.status == 1 && alone.stderr.contains("Operation not permitted"), "\(alone.stdout)\(alone.stderr)")
        #expect(access(a, F_OK) != 0)

        let show = vigil(["quarantine", "show", "--store", store, "--socket", d.socket, String(idA.prefix(20))])
        #expect(show.status == 0 && show.stdout.contains("original path:   \(a)"), "\(show.stdout)\(show.stderr)")
        let restored = vigil(["quarantine", "restore", "--store", store, "--socket", d.socket, idA])
        #expect(restored.status == 0, "\(restored.stdout)\(restored.stderr)")
        var st = stat()
        #expect(stat(a, &st) == 0 && st.st_size == Int64(eicar.count), "restored in place, whole")
        #expect(tryRead(a) == EPERM, "and still denied to everyone else: it is still bad")
        // --to a folder of our choosing, from a relative path.
        let elsewhere = d.guarded + "/restored"
        #expect(mkdir(elsewhere, 0o755) == 0)
        let to = runProgram("/bin/sh", ["-c", "cd '\(elsewhere)' && exec '\(vigilBinary)' quarantine restore --store '\(store)' --socket '\(d.socket)' --to copy.com \(idB)"])
        #expect(to.status == 0, "\(to.stdout)\(to.stderr)")
        #expect(access(elsewhere + "/copy.com", F_OK) == 0)
        #expect(vigil(["quarantine", "list", "--json", "--store", store, "--socket", d.socket]).stdout.isEmpty)

        // Delete, through the daemon too (quarantine again first, with the daemon stopped).
        _ = d.terminate()
        #expect(vigil(["scan", "--move-to", store, elsewhere]).status == 1)
        #expect(d.start(), "\(d.output)")
        let left = vigil(["quarantine", "list", "--json", "--store", store, "--socket", d.socket])
        let idC = try #require(left.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }.first?["id"] as? String)
        let deleted = vigil(["quarantine", "delete", "--store", store, "--socket", d.socket, idC])
        #expect(deleted.status == 0, "\(deleted.stdout)\(deleted.stderr)")
        #expect(vigil(["quarantine", "list", "--store", store, "--socket", d.socket]).stdout.isEmpty)

        // Retention through the daemon: a dry run changes nothing, then the oldest goes.
        _ = d.terminate()
        #expect(vigil(["scan", "--move-to", store, d.guarded + "/inbox"]).status == 1)
        #expect(d.start(), "\(d.output)")
        let preview = vigil(["quarantine", "prune", "--dry-run", "--store", store, "--socket", d.socket, "--max-total-size", "1"])
        #expect(preview.status == 0 && preview.stdout.contains("1 entry would be deleted"), "\(preview.stdout)\(preview.stderr)")
        #expect(!vigil(["quarantine", "list", "--store", store, "--socket", d.socket]).stdout.isEmpty)
        let pruned = vigil(["quarantine", "prune", "--store", store, "--socket", d.socket, "--max-total-size", "1"])
        #expect(pruned.status == 0 && pruned.stdout.contains("1 entry deleted, 68 B freed"), "\(pruned.stdout)\(pruned.stderr)")
        #expect(vigil(["quarantine", "list", "--store", store, "--socket", d.socket]).stdout.isEmpty)
        let trail = LogEvent.all(in: store + "/events.json").compactMap(\.action)
        #expect(trail.filter { $0 == "restore" }.count == 2 && trail.contains("delete") && trail.contains("purge"), "\(trail)")
    }

    @Test("the running daemon applies [quarantine] retention itself, with the same purge lines as `vigil quarantine prune`")
    func daemonPrunes() throws {
        let d = try #require(DaemonHarness())
        let store = d.guarded + "/.quarantine"
        _ = d.write("inbox/a.com", eicar)
        _ = d.write("inbox/b.com", eicar + [10])
        #expect(vigil(["scan", "--move-to", store, d.guarded + "/inbox"]).status == 1)
        // Old enough after 3 s; the daemon looks every second (first a second after start).
        let config = try #require(FileHandle(forWritingAtPath: d.configFile))
        config.seekToEndOfFile()
        config.write(Data("\n[quarantine]\ndir = \"\(store)\"\nmax_age = \"3s\"\nmax_total_size = \"0\"\nprune_interval = \"1s\"\n".utf8))
        config.closeFile()
        #expect(d.start(), "\(d.output)")
        var left = -1
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let list = vigil(["quarantine", "list", "--json", "--store", store, "--socket", d.socket])
            left = list.stdout.split(separator: "\n").count
            if list.status == 0 && left == 0 { break }
            usleep(250_000)
        }
        #expect(left == 0, "the daemon removed both entries by age, nobody ran prune")
        let purges = LogEvent.all(in: store + "/events.json").filter { $0.action == "purge" }
        #expect(purges.count == 2, "\(purges.map(\.fields))")
        #expect(purges.allSatisfy { "\($0.fields)".contains("retention max_age") }, "\(purges.map(\.fields))")
        #expect(waitUntil(10) { (try? String(contentsOfFile: d.logFile, encoding: .utf8))?.contains("quarantine retention removed 2 entries") == true },
                "the daemon's log says so")
        d.stop()
    }
}
