import Foundation
import CLinux
import Glibc
import Synchronization
import Testing
@testable import VigilQuarantine
import VigilConfig
import VigilProtection
import VigilSystem
import VigilTestSupport

/// Each move of the racer, played at the exact worst moment through the store's step
/// hook (the thread that moves the file runs it), so every branch of the defence runs on
/// every test run, not only when the racer's timing happens to hit it.
@Suite("quarantine: names swapped at the worst moment (real kernel)", .enabled(if: isRoot))
struct QuarantineSwapTests {
    /// Runs `body` at `step` (once) while `store` moves a file.
    func at(_ step: String, in store: QuarantineStore, _ body: @escaping @Sendable () -> Void) {
        let done = Shared(false)
        store.stepHook.withLock { hook in
            hook = { name in
                if name == step, !done.exchange(true) { body() }
            }
        }
    }

    func inode(_ path: String) -> ino_t? {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_ino : nil
    }

    /// The upload, scanned, and the held folder it was found in.
    func scanned(_ a: RaceArena) throws -> (OpenFile, stat, OpenDirectory) {
        let folder = try OpenDirectory.open(RawPath(a.sub))
        let file = try #require(a.upload(in: folder))
        return (file, try file.stat(), folder)
    }

    @Test("the upload swapped for another file after the check: that file is put back untouched, nothing is moved, and the failure is an alert",
          arguments: [false, true])
    func swappedForAnotherFile(otherFilesystem: Bool) throws {
        let a = try #require(RaceArena(storeOnOtherFilesystem: otherFilesystem))
        let store = try QuarantineStore(directory: a.storeDir)
        let (file, st, folder) = try scanned(a)
        let decoy = try #require(inode(a.sub + "/decoy"))
        let sub = a.sub
        at("after-pending", in: store) {
            rename(sub + "/eicar.com", sub + "/eicar.aside")
            rename(sub + "/decoy", sub + "/eicar.com")
        }
        #expect {
            _ = try store.quarantine(file, in: folder, name: RawPath("eicar.com"), displayPath: RawPath(a.sub + "/eicar.com"),
                                     stat: st, report: try eicarReport())
        } throws: { ($0 as? VigilError)?.isAlert == true && "\($0)".contains("put back untouched") }
        #expect(inode(a.sub + "/eicar.com") == decoy, "the swapped-in file is back under its name")
        #expect(inode(a.sub + "/eicar.aside") == st.st_ino, "the scanned file was not moved")
        #expect(try store.list().isEmpty)
        #expect(a.names(in: a.storeDir).filter { !$0.hasPrefix("quarantine.db") && $0 != "events.json" }.isEmpty, "no copy, no temporary entry kept")
        #expect(a.strayEntries().isEmpty)
        #expect(a.harmDone() == nil)
    }

    @Test("the upload swapped for a symbolic link to a root-only file: the link itself is put back, the file it names is untouched",
          arguments: [false, true])
    func swappedForSymlink(otherFilesystem: Bool) throws {
        let a = try #require(RaceArena(storeOnOtherFilesystem: otherFilesystem))
        let store = try QuarantineStore(directory: a.storeDir)
        let (file, st, folder) = try scanned(a)
        let (sub, target) = (a.sub, a.victim + "/eicar.com")
        at(otherFilesystem ? "after-move" : "after-pending", in: store) {
            rename(sub + "/eicar.com", sub + "/eicar.aside")
            symlink(target, sub + "/eicar.com")
        }
        #expect {
            _ = try store.quarantine(file, in: folder, name: RawPath("eicar.com"), displayPath: RawPath(a.sub + "/eicar.com"),
                                     stat: st, report: try eicarReport())
        } throws: { ($0 as? VigilError)?.isAlert == true }
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: a.sub + "/eicar.com")) == target)
        #expect(inode(a.sub + "/eicar.aside") == st.st_ino)
        #expect(try store.list().isEmpty)
        #expect(a.harmDone() == nil, "root's own sample behind the link is still there")
    }

    @Test("put back never replaces: when the name was taken meanwhile, the entry comes back under a name of ours")
    func putBackUnderOurName() throws {
        let a = try #require(RaceArena())
        let store = try QuarantineStore(directory: a.storeDir)
        let (file, st, folder) = try scanned(a)
        let decoy = try #require(inode(a.sub + "/decoy"))
        let sub = a.sub
        at("after-pending", in: store) {
            rename(sub + "/eicar.com", sub + "/eicar.aside")
            rename(sub + "/decoy", sub + "/eicar.com")
        }
        let newcomer = Shared<ino_t>(0)
        store.stepHook.withLock { hook in
            let first = hook
            hook = { name in
                first?(name)
                if name == "after-stage" {
                    let fd = open(sub + "/eicar.com", O_WRONLY | O_CREAT | O_EXCL, 0o644)
                    var s = stat()
                    fstat(fd, &s)
                    newcomer.value = s.st_ino
                    close(fd)
                }
            }
        }
        #expect(throws: VigilError.self) {
            _ = try store.quarantine(file, in: folder, name: RawPath("eicar.com"), displayPath: RawPath(a.sub + "/eicar.com"),
                                     stat: st, report: try eicarReport())
        }
        #expect(inode(a.sub + "/eicar.com") == newcomer.value, "what took the name meanwhile is untouched")
        let returned = a.names(in: a.sub).filter { $0.hasPrefix(".vigil-returned-") }
        #expect(returned.count == 1 && inode(a.sub + "/" + returned[0]) == decoy)
        #expect(inode(a.sub + "/eicar.aside") == st.st_ino)
    }

    @Test("an entry that cannot be put back yet is held with its pending row, and recovery returns it once it can")
    func heldUntilRecovery() throws {
        let a = try #require(RaceArena())
        let store = try QuarantineStore(directory: a.storeDir)
        let (file, st, folder) = try scanned(a)
        let decoy = try #require(inode(a.sub + "/decoy"))
        let (sub, storeDir) = (a.sub, a.storeDir)
        let blocker = Shared("")
        store.stepHook.withLock { hook in
            hook = { name in
                if name == "after-pending" {
                    rename(sub + "/eicar.com", sub + "/eicar.aside")
                    rename(sub + "/decoy", sub + "/eicar.com")
                } else if name == "after-stage" {
                    // Both names the store would put the decoy back under are taken.
                    let moving = ((try? FileManager.default.contentsOfDirectory(atPath: storeDir)) ?? []).first { $0.hasPrefix(".moving-") } ?? "?"
                    let returned = sub + "/.vigil-returned-" + String(moving.dropFirst(".moving-".count))
                    close(open(sub + "/eicar.com", O_WRONLY | O_CREAT | O_EXCL, 0o644))
                    close(open(returned, O_WRONLY | O_CREAT | O_EXCL, 0o644))
                    blocker.value = returned
                }
            }
        }
        #expect {
            _ = try store.quarantine(file, in: folder, name: RawPath("eicar.com"), displayPath: RawPath(a.sub + "/eicar.com"),
                                     stat: st, report: try eicarReport())
        } throws: { ($0 as? VigilError)?.isAlert == true && "\($0)".contains("held in") }
        store.stepHook.withLock { $0 = nil }
        let held = try #require(a.names(in: a.storeDir).first { $0.hasPrefix(".moving-") })
        #expect(inode(a.storeDir + "/" + held) == decoy, "held in the store, not deleted")
        let stillBlocked = try store.recover()
        #expect(stillBlocked.unsettled.count == 1 && stillBlocked.returned == 0, "\(stillBlocked)")
        unlink(blocker.value)
        let settled = try store.recover()
        #expect(settled.returned == 1 && settled.rolledBack == 1 && settled.unsettled.isEmpty, "\(settled)")
        #expect(inode(blocker.value) == decoy, "the decoy is back in the folder it was taken from")
        #expect(inode(a.sub + "/eicar.aside") == st.st_ino)
        #expect(try store.list().isEmpty)
        #expect(a.harmDone() == nil)
    }

    @Test("the folder swapped for a symbolic link to a root-only folder after the file was found: the held folder is the one acted on")
    func heldFolderSurvivesFolderSwap() throws {
        let a = try #require(RaceArena())
        let store = try QuarantineStore(directory: a.storeDir)
        let (file, st, folder) = try scanned(a)
        // Now <sub> is the link to the victim folder (which holds its own eicar.com), and
        // the racer's real folder is named <sublink>.
        #expect(renameat2Exchange(a.sub, a.sublink))
        let rec = try store.quarantine(file, in: folder, name: RawPath("eicar.com"), displayPath: RawPath(a.sub + "/eicar.com"),
                                       stat: st, report: try eicarReport())
        #expect(inode(rec.storedPath) == st.st_ino, "the scanned file is the one stored")
        #expect(access(a.sublink + "/eicar.com", F_OK) != 0)
        #expect(a.harmDone() == nil, "root's eicar.com behind the link was not moved")
    }

    @Test("the daemon's path is resolved beneath the upload folder without links: a folder swapped for a link is refused")
    func daemonPathThroughLinkRefused() throws {
        let a = try #require(RaceArena())
        let store = try QuarantineStore(directory: a.storeDir)
        let (file, st, _) = try scanned(a)
        let upRoot = try OpenDirectory.open(RawPath(a.up))
        #expect(renameat2Exchange(a.sub, a.sublink))
        #expect {
            _ = try store.quarantine(file, at: RawPath(a.sub + "/eicar.com"), beneath: upRoot, stat: st, report: try eicarReport(), source: "upload")
        } throws: { "\($0)".contains("symbolic link") }
        #expect {
            _ = try store.quarantine(file, at: RawPath(a.victim + "/eicar.com"), beneath: upRoot, stat: st, report: try eicarReport(), source: "upload")
        } throws: { "\($0)".contains("not in the folder") }
        #expect(throws: VigilError.self) { _ = try QuarantineStore.openParent(of: RawPath(a.up + "/../victim/eicar.com"), beneath: upRoot) }
        #expect(try store.list().isEmpty)
        #expect(a.harmDone() == nil)
        #expect(inode(a.sublink + "/eicar.com") == st.st_ino, "the upload is still in the racer's real folder")
    }

    @Test("across filesystems the original is parked in a private folder in the nearest folder only root can change, then unlinked there")
    func stagingPlace() throws {
        let a = try #require(RaceArena(storeOnOtherFilesystem: true))
        let store = try QuarantineStore(directory: a.storeDir)
        let (file, st, folder) = try scanned(a)
        let (up, sub) = (a.up, a.sub)
        let seen = Shared<[String]>([])
        at("after-stage", in: store) {
            // <up> is root's and sticky: nobody else can touch root's entries in it.
            let stages = ((try? FileManager.default.contentsOfDirectory(atPath: up)) ?? []).filter { $0.hasPrefix(".vigil-stage-") }
            var st = stat()
            let parked = stages.first.map { lstat(up + "/" + $0 + "/f", &st) == 0 } ?? false
            seen.value = stages + (parked ? ["parked"] : []) + ((try? FileManager.default.contentsOfDirectory(atPath: sub)) ?? [])
        }
        let rec = try store.quarantine(file, in: folder, name: RawPath("eicar.com"), displayPath: RawPath(a.sub + "/eicar.com"),
                                       stat: st, report: try eicarReport())
        let s = seen.value
        #expect(s.count >= 2 && s[0].hasPrefix(".vigil-stage-") && s[1] == "parked" && !s.contains("eicar.com"), "\(s)")
        #expect(try file.stat().st_nlink == 0, "the original is gone")
        #expect(FileManager.default.contents(atPath: rec.storedPath).map(Array.init) == eicar)
        #expect(a.strayEntries().isEmpty)
    }

    @Test("under the daemon's Landlock containment a swapped entry is still put back (upload folders allow moves, not writes)")
    func landlocked() throws {
        guard Landlock.abiVersion != nil else { return }
        let a = try #require(RaceArena())
        // An upload folder nobody in particular owns: the staging folder must go in it.
        let flat = a.up + "/flat"
        mkdir(flat, 0o777)
        chmod(flat, 0o777)
        let store = try QuarantineStore(directory: a.storeDir)
        let rules = Containment.rules(stateDirectory: DaemonConfig().stateDirectory, extraWritable: [a.storeDir], uploadFolders: [flat])
        let ruleset = try #require(try Landlock.makeRuleset(allowing: rules))
        defer { close(ruleset.fd) }
        let report = try eicarReport()
        let folder = try OpenDirectory.open(RawPath(flat))
        let good = try #require(a.upload(in: folder, name: "good.com"))
        let swapped = try #require(a.upload(in: folder, name: "bad.com"))
        let (goodStat, swappedStat) = (try good.stat(), try swapped.stat())
        let target = a.victim + "/secret"
        struct Results { var good: Result<QuarantineStore.Record, VigilError>?; var swapped: VigilError?; var restricted = false }
        let shared = Locked(Results())
        let worker = WorkerThread(name: "landlocked") {
            do { try Landlock.restrictCurrentThread(ruleset.fd); shared.withLock { $0.restricted = true } } catch { return }
            do throws(VigilError) {
                let rec = try store.quarantine(good, in: folder, name: RawPath("good.com"), displayPath: RawPath(flat + "/good.com"),
                                               stat: goodStat, report: report)
                shared.withLock { $0.good = .success(rec) }
            } catch { shared.withLock { $0.good = .failure(error) } }
            store.stepHook.withLock { hook in
                hook = { name in
                    if name == "after-pending" {
                        rename(flat + "/bad.com", flat + "/bad.aside")
                        symlink(target, flat + "/bad.com")
                    }
                }
            }
            do throws(VigilError) { _ = try store.quarantine(swapped, in: folder, name: RawPath("bad.com"), displayPath: RawPath(flat + "/bad.com"),
                                          stat: swappedStat, report: report) }
            catch { shared.withLock { $0.swapped = error } }
        }
        worker.join()
        let results = shared.value
        #expect(results.restricted)
        #expect(throws: Never.self) { _ = try results.good?.get() }
        #expect(try good.stat().st_nlink == 0, "quarantined from a Landlocked thread")
        #expect(results.swapped?.isAlert == true, "\(String(describing: results.swapped))")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: flat + "/bad.com")) == target, "the link was put back")
        #expect(inode(flat + "/bad.aside") == swappedStat.st_ino)
        #expect(a.strayEntries().isEmpty && a.names(in: flat).filter { $0.hasPrefix(".vigil-stage-") }.isEmpty)
        #expect(a.harmDone() == nil)
    }
}

/// renameat2(a, b, RENAME_EXCHANGE), as the racer does it.
func renameat2Exchange(_ a: String, _ b: String) -> Bool {
    vigil_renameat2(AT_FDCWD, a, AT_FDCWD, b, 2) == 0
}

/// A value shared with a hook that runs on another thread.
final class Shared<T: Sendable>: Sendable {
    private let m: Mutex<T>
    init(_ v: T) { m = Mutex(v) }
    var value: T {
        get { m.withLock { $0 } }
        set { m.withLock { $0 = newValue } }
    }
    /// Sets the value, returning the old one.
    func exchange(_ v: T) -> T { m.withLock { old in let o = old; old = v; return o } }
}
