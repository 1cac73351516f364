import Glibc

// Owns: the standard `process_*` families (resident memory, virtual memory, CPU time,
// open descriptors, start time), read from /proc/self at scrape.
// Must not: cache readings (each scrape reads fresh values).

public struct ProcessCollector: MetricsCollector {
    public init() {}

    /// Fields of /proc/self/stat after the command name (which may hold spaces and
    /// parentheses, so parsing starts after the last ')').
    static func statFields(_ text: String) -> [Substring]? {
        guard let close = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: close)...].split(separator: " ", omittingEmptySubsequences: true)
    }

    public struct Reading: Sendable, Equatable {
        public var residentBytes: Double
        public var virtualBytes: Double
        public var cpuSeconds: Double
        public var startTimeSeconds: Double
        public var openFDs: Double
        public var maxFDs: Double
    }

    /// Parses /proc/self/stat (fields counted from `state`, which is field 3 in proc(5)).
    static func parse(stat: String, bootTime: Double, ticksPerSecond: Double, pageSize: Double) -> (rss: Double, vsize: Double, cpu: Double, start: Double)? {
        guard let f = statFields(stat), f.count > 21,
              let utime = Double(f[11]), let stime = Double(f[12]), let start = Double(f[19]),
              let vsize = Double(f[20]), let rss = Double(f[21]) else { return nil }
        return (rss * pageSize, vsize, (utime + stime) / ticksPerSecond, bootTime + start / ticksPerSecond)
    }

    static func readFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = Glibc.read(fd, &buf, buf.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            out += buf[0..<n]
            if out.count > 1 << 20 { break }
        }
        return String(decoding: out, as: UTF8.self)
    }

    public func read() -> Reading? {
        guard let stat = ProcessCollector.readFile("/proc/self/stat"),
              let procStat = ProcessCollector.readFile("/proc/stat"),
              let btimeLine = procStat.split(separator: "\n").first(where: { $0.hasPrefix("btime ") }),
              let btime = Double(btimeLine.dropFirst(6)) else { return nil }
        guard let p = ProcessCollector.parse(stat: stat, bootTime: btime, ticksPerSecond: Double(sysconf(Int32(_SC_CLK_TCK))),
                                             pageSize: Double(sysconf(Int32(_SC_PAGESIZE)))) else { return nil }
        var fds = 0
        if let dir = opendir("/proc/self/fd") {
            while let e = readdir(dir) {
                let first = withUnsafeBytes(of: e.pointee.d_name) { $0[0] }
                if first != UInt8(ascii: ".") { fds += 1 }
            }
            closedir(dir)
            fds -= 1 // the descriptor opendir itself holds
        }
        var lim = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &lim)
        return Reading(residentBytes: p.rss, virtualBytes: p.vsize, cpuSeconds: p.cpu, startTimeSeconds: p.start,
                       openFDs: Double(fds), maxFDs: Double(lim.rlim_cur))
    }

    public func collect(into w: inout MetricsScrape) {
        guard let r = read() else { return }
        w.family("process_resident_memory_bytes", type: .gauge, help: "Resident memory size in bytes.")
        w.sample([], r.residentBytes)
        w.family("process_virtual_memory_bytes", type: .gauge, help: "Virtual memory size in bytes.")
        w.sample([], r.virtualBytes)
        w.family("process_cpu_seconds_total", type: .counter, help: "Total user and system CPU time spent in seconds.")
        w.sample([], r.cpuSeconds)
        w.family("process_start_time_seconds", type: .gauge, help: "Start time of the process since unix epoch in seconds.")
        w.sample([], r.startTimeSeconds)
        w.family("process_open_fds", type: .gauge, help: "Number of open file descriptors.")
        w.sample([], r.openFDs)
        w.family("process_max_fds", type: .gauge, help: "Maximum number of open file descriptors.")
        w.sample([], r.maxFDs)
    }
}
