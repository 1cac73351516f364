import Glibc
import VigilSystem

/// systemd's watchdog: WATCHDOG=1 at half of $WATCHDOG_USEC, sent by the daemon itself
/// (even under a `vigil watchdog`, the daemon is the one whose liveness matters).
///
/// Owns: the pinging thread. Must not: judge whether the daemon is healthy (the
/// watchdog's liveness probe does).
final class SystemdPings: Service {
    /// $WATCHDOG_USEC: systemd kills the service after this long without a ping.
    let watchdogMicros: Int
    private let wake: EventFD
    private let thread = ThreadGroup()

    /// nil when systemd asked for no watchdog pings.
    static func fromEnvironment() throws(VigilError) -> SystemdPings? {
        guard let raw = getenv("WATCHDOG_USEC"), let usec = Int(String(cString: raw)), usec > 0 else { return nil }
        return try SystemdPings(watchdogMicros: usec)
    }

    init(watchdogMicros: Int) throws(VigilError) {
        self.watchdogMicros = watchdogMicros
        wake = try EventFD()
    }

    func start() throws(VigilError) {
        let interval = Int32(max(1, watchdogMicros / 2000))
        thread.spawn("vigil-sd-ping") { [wake] in
            var fds = [readable(wake.fd)]
            repeat {
                SystemdNotify.send("WATCHDOG=1")
            } while (try? pollDescriptors(&fds, timeoutMillis: interval)) == 0
        }
    }

    func stop() {
        wake.signal()
        thread.joinAll()
    }
}
