import Glibc
import Testing
import VigilSystem
import VigilTestSupport

@Suite("system calls")
struct SystemCallTests {
    @Test("a failed call throws its errno; a successful one returns its value")
    func errors() throws {
        #expect(throws: Errno(ENOENT)) { _ = try sysCall { open("/nonexistent/vigil", O_RDONLY) } }
        #expect(throws: Errno(EBADF)) { _ = try sysCall { close(-1) } }
        let fd = try sysCall { open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        #expect(fd >= 0)
        close(fd)
        do { _ = try sysCall(orThrow: "cannot open the thing") { open("/nonexistent/vigil", O_RDONLY) } } catch {
            #expect(error.description == "cannot open the thing: \(Errno(ENOENT))")
        }
    }

    @Test("a directory reader lists every entry but . and .., with its type")
    func directory() throws {
        let dir = TempDir()
        dir.write("a.txt", "a")
        dir.mkdir("sub")
        let names = Set(listDirectory(dir.path).map(\.text))
        #expect(names == ["a.txt", "sub"])
        #expect(listDirectory(dir.path).first { $0.text == "sub" }?.type == UInt8(DT_DIR))
        #expect(throws: Errno(ENOENT)) { _ = try DirectoryReader(path: dir.sub("missing")) }
    }

    @Test("whole files and atomic writes")
    func files() throws {
        let dir = TempDir()
        try writeFileAtomically(dir.sub("f"), contents: "hello\n", mode: 0o600)
        #expect(try readTextFile(dir.sub("f")) == "hello\n")
        #expect(readWholeFile(dir.sub("f")) == Array("hello\n".utf8))
        #expect(readWholeFile(dir.sub("none")) == nil)
        try makeDirectories(dir.sub("x/y/z"), mode: 0o700)
        #expect(throws: VigilError.self) { try makeDirectories(dir.sub("f/below"), mode: 0o700) }
    }

    @Test("sizes as people write and read them")
    func sizes() {
        #expect(parseByteSize("64M") == 64 << 20 && parseByteSize("2k") == 2048 && parseByteSize("x") == nil)
        #expect(formatBytes(1536) == "1.5 KiB")
    }
}

@Suite("unix sockets")
struct UnixSocketTests {
    @Test("a one-line request gets the server's reply; peer credentials name the client")
    func requestReply() throws {
        let dir = TempDir()
        let path = dir.sub("s.sock")
        let listener = try UnixSocket.listen(at: path)
        defer { close(listener) }
        let server = WorkerThread(name: "test-server") {
            guard let c = try? UnixSocket.accept(listener) else { return }
            let line = UnixSocket.readLine(c) ?? ""
            let peer = UnixSocket.peer(c)
            writeAllBytes(c, Array("got \(line) from uid \(peer?.uid ?? 9999)\n".utf8))
            close(c)
        }
        let reply = UnixSocket.request("ping", to: path, timeoutSeconds: 5)
        server.join()
        #expect(try reply.get() == "got ping from uid \(geteuid())")
        #expect(throws: Errno(ENOENT)) { try UnixSocket.request("ping", to: dir.sub("none.sock"), timeoutSeconds: 1).get() }
    }
}
