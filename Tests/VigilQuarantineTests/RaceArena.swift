import Foundation
import Glibc
@testable import VigilQuarantine
import VigilEngine
import VigilSystem
import VigilTestSupport

/// A private tmpfs laid out like a shared upload server, for the attacks of issue 9
/// (item 1): what an unprivileged user who may write an upload folder can do to a root
/// daemon that quarantines or restores files there.
///
///     <root>/victim/          0700 root: secret, eicar.com (root's own sample), keep/deep
///     <root>/pub/rootfile     0600 root, in a folder anyone may search (hard-link bait)
///     <root>/up/              01777 root: the shared upload folder
///     <root>/up/bob/          0755 uid 1234: report.pdf (another user's upload)
///     <root>/up/racer/        0755 nobody: the attacker's own folder
///     <root>/up/racer/sub/    0755 nobody: where the attacker's uploads land; decoy
///     <root>/up/racer/sublink symbolic link (nobody) to <root>/victim
///     <store>                 the quarantine store: <root>/q, or another tmpfs
final class RaceArena {
    static let nobody: uid_t = 65534
    static let bob: uid_t = 1234
    let dir = TempDir("vigil-race")
    let root: String
    let victim: String, pub: String, up: String, bob: String, racer: String, sub: String, sublink: String
    let storeDir: String
    /// Every file that must survive whatever the racer does: path -> (inode, bytes).
    private var protected: [String: (ino: ino_t, bytes: [UInt8])] = [:]
    private var victimNames: [String] = []

    init?(storeOnOtherFilesystem: Bool = false) {
        // The racer (nobody) must reach its folders: open up the private temp folder.
        chmod(dir.path, 0o755)
        guard let r = dir.mountTmpfs("t") else { return nil }
        root = r
        victim = r + "/victim"; pub = r + "/pub"; up = r + "/up"; bob = up + "/bob"
        racer = up + "/racer"; sub = racer + "/sub"; sublink = racer + "/sublink"
        if storeOnOtherFilesystem {
            guard let other = dir.mountTmpfs("t2") else { return nil }
            storeDir = other + "/q"
        } else {
            storeDir = r + "/q"
        }
        Glibc.mkdir(victim, 0o700)
        Glibc.mkdir(victim + "/keep", 0o700)
        Glibc.mkdir(pub, 0o755)
        Glibc.mkdir(up, 0o755)
        chmod(up, 0o1777)
        for (d, owner) in [(bob, RaceArena.bob), (racer, RaceArena.nobody), (sub, RaceArena.nobody)] {
            Glibc.mkdir(d, 0o755)
            chown(d, owner, owner)
        }
        symlink(victim, sublink)
        lchown(sublink, RaceArena.nobody, RaceArena.nobody)
        put(victim + "/secret", Array("root-only secret\n".utf8), mode: 0o600, owner: 0)
        put(victim + "/eicar.com", eicar, mode: 0o600, owner: 0)
        put(victim + "/keep/deep", Array("deeper secret\n".utf8), mode: 0o600, owner: 0)
        put(pub + "/rootfile", Array("root file others may see the name of\n".utf8), mode: 0o600, owner: 0)
        put(bob + "/report.pdf", Array("%PDF-1.4 bob's report\n".utf8), mode: 0o644, owner: RaceArena.bob)
        put(sub + "/decoy", Array("the racer's own harmless file\n".utf8), mode: 0o644, owner: RaceArena.nobody, protect: false)
        victimNames = names(in: victim)
    }

    private func put(_ path: String, _ bytes: [UInt8], mode: mode_t, owner: uid_t, protect: Bool = true) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        precondition(fd >= 0, "cannot create \(path)")
        bytes.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
        fchown(fd, owner, owner)
        fchmod(fd, mode)
        close(fd)
        var st = stat()
        lstat(path, &st)
        if protect { protected[path] = (st.st_ino, bytes) }
    }

    func names(in path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    /// nil when every protected file is intact and in place and the root-only folder
    /// holds exactly what it held; otherwise what is wrong.
    func harmDone() -> String? {
        for (path, want) in protected {
            var st = stat()
            guard lstat(path, &st) == 0 else { return "\(path) is gone" }
            guard st.st_ino == want.ino, st.isRegular else { return "\(path) is another file now" }
            guard let bytes = FileManager.default.contents(atPath: path), Array(bytes) == want.bytes else { return "\(path) changed" }
        }
        let now = names(in: victim)
        if now != victimNames { return "\(victim) now holds \(now), not \(victimNames)" }
        return nil
    }

    /// Leftovers of ours outside the store (staging folders, temporary names).
    func strayEntries() -> [String] {
        [root, up, racer, sub, victim, pub].flatMap { d in names(in: d).filter { $0.hasPrefix(".vigil-stage-") || $0.hasPrefix(".vigil-restore-") }.map { d + "/" + $0 } }
    }

    /// Starts the racer as `nobody`, playing `ops` (see Tests/VigilRacer) for at most
    /// `seconds`; `finish` ends it once it has done `minRounds`.
    func startRacer(seconds: Double, minRounds: Int = 1000, _ ops: [String]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try racerBinary())
        p.arguments = [String(RaceArena.nobody), String(seconds)] + ops
        p.environment = ["VIGIL_RACER_MIN_ROUNDS": String(minRounds)]
        p.standardOutput = Pipe()
        p.standardError = Pipe()
        try p.run()
        return p
    }

    /// Asks the racer to stop (it goes on until its minimum rounds), waits (bounded)
    /// and returns the rounds it completed.
    func finish(_ p: Process, within seconds: Double) -> (rounds: Int, error: String) {
        kill(p.processIdentifier, SIGTERM)
        let end = Date().addingTimeInterval(seconds)
        while p.isRunning && Date() < end { usleep(10_000) }
        if p.isRunning { kill(p.processIdentifier, SIGKILL); p.waitUntilExit(); return (-1, "racer did not stop") }
        let out = (p.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile()
        let err = (p.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile()
        return (Int(String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1,
                String(decoding: err, as: UTF8.self))
    }

    /// Writes an EICAR upload as the racer's: created through the held folder, owned by
    /// nobody, open for reading like a file the scanner just opened. nil when the name
    /// is taken by the racer's game at this instant.
    func upload(in folder: OpenDirectory, name: String = "eicar.com") -> OpenFile? {
        _ = unlinkat(folder.fd, name, 0)
        let fd = openat(folder.fd, name, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        eicar.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
        fchown(fd, RaceArena.nobody, RaceArena.nobody)
        return OpenFile(adopting: fd)
    }
}

/// One EICAR report, as the scanner makes it, for every round.
func eicarReport() throws -> FileReport {
    let p = TempDir()
    let path = p.write("e.com", eicar)
    return try scanFile(path, with: try loadBundled())
}
