import Foundation
import Glibc
import Testing
import VigilSystem
import VigilTestSupport

/// clamscan's flags on `vigil scan`, end to end, each with clamscan's meaning.
@Suite("vigil scan: clamscan muscle memory (end to end)")
struct ClamscanFlagsTests {
    let dir = TempDir()

    /// `vigil` through a shell, for standard input and redirections.
    func shell(_ command: String) -> ProcessResult {
        var env = ProcessInfo.processInfo.environment
        env["VIGIL_SIGNATURES"] = repoRoot + "/Signatures"
        env["VIGIL"] = vigilBinary
        return runProgram("/bin/sh", ["-c", command], environment: env)
    }

    @Test("'-' scans standard input as 'stdin'")
    func standardInput() {
        let eicar = dir.write("in/eicar.com", eicar)
        let r = shell("\"$VIGIL\" scan --no-summary - < '\(eicar)'")
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("stdin: ") && r.stdout.hasSuffix(" FOUND\n"), "\(r.stdout)")
        let clean = shell("printf 'hello' | \"$VIGIL\" scan -")
        #expect(clean.status == 0)
        #expect(clean.stdout.contains("Scanned files: 1"), "\(clean.stdout)")
        #expect(!clean.stdout.contains("Scanned files: 2"), "no default '.' when only '-' is given")
    }

    @Test("-f reads paths from a list (CRLF too), -d names the signatures, -l appends everything to a log")
    func fileListDatabaseLog() throws {
        let eicar = dir.write("list/eicar.com", eicar)
        let clean = dir.write("list/clean.txt", "fine")
        let list = dir.write("paths.txt", "\(eicar)\r\n\r\n\(clean)\r\n")
        let log = dir.sub("scan.log")
        let r = vigil(["scan", "-f", list, "-d", repoRoot + "/Signatures/eicar.yar", "-l", log])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.contains("\(eicar): Vigil_EICAR_Test_File FOUND"), "only the -d rules: \(r.stdout)")
        #expect(r.stdout.contains("Scanned files: 2"))
        #expect(r.stdout.contains("Infected files: 1"))
        let logged = try String(contentsOfFile: log, encoding: .utf8)
        #expect(logged.contains("\(eicar): Vigil_EICAR_Test_File FOUND") && logged.contains("Infected files: 1"))
        _ = vigil(["scan", "-f", list, "-l", log])
        #expect(try String(contentsOfFile: log, encoding: .utf8).components(separatedBy: "Infected files: 1").count == 3, "appended")
    }

    @Test("--quiet prints errors only; the exit status tells the rest")
    func quiet() {
        dir.write("q/clean.txt", "fine")
        dir.write("q/eicar.com", eicar)
        let clean = vigil(["scan", "--quiet", dir.sub("q/clean.txt")])
        #expect(clean.status == 0 && clean.stdout.isEmpty && clean.stderr.isEmpty)
        let infected = vigil(["scan", "--quiet", dir.sub("q")])
        #expect(infected.status == 1 && infected.stdout.isEmpty && infected.stderr.isEmpty, "\(infected.stdout)\(infected.stderr)")
        let missing = vigil(["scan", "--quiet", dir.sub("q/clean.txt"), dir.sub("q/nothing-here")])
        #expect(missing.status == 2)
        #expect(missing.stdout.isEmpty)
        #expect(missing.stderr.contains("nothing-here: ERROR: "), "\(missing.stderr)")
    }

    @Test("the README's cron line prints nothing on a clean night, and the finding on a bad one")
    func cronLine() throws {
        let home = dir.sub("home")
        dir.write("home/u/notes.txt", "fine")
        mkfifo(home + "/u/pipe", 0o600)  // a skipped special: a note, never mail
        let readme = try String(contentsOfFile: repoRoot + "/README.md", encoding: .utf8)
        let cron = try #require(readme.split(separator: "\n").first { $0.contains("root /usr/local/bin/vigil scan") })
        var args = cron.split(separator: " ").map(String.init)
        args = Array(args.drop { $0 != "scan" })
        // The README's quarantine and roots become the test's.
        if let i = args.firstIndex(of: "--move-to"), i + 1 < args.count { args[i + 1] = dir.sub("quarantine") }
        while let last = args.last, last.hasPrefix("/") && !last.hasPrefix(dir.path) { args.removeLast() }
        let night = vigil(args + [home])
        #expect(night.status == 0)
        #expect(night.stdout.isEmpty && night.stderr.isEmpty, "a clean night mails nobody: \(night.stdout)\(night.stderr)")
        dir.write("home/u/eicar.com", eicar)
        let bad = vigil(args + [home])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("eicar.com: "), "\(bad.stdout)")
    }

    @Test("--copy copies findings (0600, never replacing), --move is --move-to, --max-filesize is --max-file-size")
    func copyMove() throws {
        let sample = dir.write("c/eicar.com", eicar)
        let copies = dir.sub("copies")
        try FileManager.default.createDirectory(atPath: copies, withIntermediateDirectories: true)
        dir.write("copies/eicar.com", "already here")
        let r = vigil(["scan", "--no-summary", "--copy", copies, "--max-filesize", "10M", sample])
        #expect(r.status == 1)
        #expect(r.stdout.contains("\(sample): copied to \(copies)/eicar.com.1"), "\(r.stdout)")
        #expect(FileManager.default.contents(atPath: copies + "/eicar.com.1") == Data(eicar))
        #expect(FileManager.default.contents(atPath: copies + "/eicar.com") == Data("already here".utf8))
        var st = stat()
        stat(copies + "/eicar.com.1", &st)
        #expect(st.st_mode & 0o777 == 0o600)
        #expect(FileManager.default.fileExists(atPath: sample), "copied, not moved")
        if geteuid() == 0 {
            let moved = vigil(["scan", "--no-summary", "--move", dir.sub("q2"), sample])
            #expect(moved.status == 1)
            #expect(!FileManager.default.fileExists(atPath: sample))
        }
    }

    @Test("--exclude-dir and --exclude-regex take POSIX regexes beside the --exclude glob; a bad one is exit 2")
    func regexExcludes() {
        dir.write("t/cache/eicar.com", eicar)
        dir.write("t/keep/eicar.bad", eicar)
        dir.write("t/keep/eicar.com", eicar)
        let r = vigil(["scan", "-i", "--no-summary", "--exclude-dir", "/cache$", "--exclude-regex", "\\.bad$", dir.sub("t")])
        #expect(r.status == 1)
        #expect(r.stdout.split(separator: "\n").count == 1, "\(r.stdout)")
        #expect(r.stdout.hasPrefix(dir.sub("t/keep/eicar.com")))
        let bad = vigil(["scan", "--exclude-dir", "(", dir.sub("t")])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("bad regular expression"), "\(bad.stderr)")
    }
}
