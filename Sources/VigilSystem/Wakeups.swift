import CLinux
import Dispatch
import Glibc
import Synchronization

// The descriptors a service thread waits on besides its real work: an eventfd to be
// woken, a signalfd to hear signals, and poll(2) over them all; and a stop signal for
// threads that only sleep between rounds.
//
// Owns: those descriptors. Must not: decide what a wake-up or a signal means.

/// An eventfd(2) counter. Threads poll `fd` to learn that someone asked them to stop or
/// to look again; a signal is kept until drained, so none is lost to timing.
public final class EventFD: Sendable {
    public let fd: Int32

    public init() throws(VigilError) {
        do { fd = try sysCall { eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK)) } } catch {
            throw VigilError("eventfd failed", cause: error)
        }
    }

    deinit { close(fd) }

    /// Wakes whoever polls it. EAGAIN (the counter is saturated) means it is signalled already.
    public func signal() {
        var one: UInt64 = 1
        _ = try? sysCall { write(fd, &one, 8) }
    }

    /// Resets the counter; true when it had been signalled.
    @discardableResult
    public func drain() -> Bool {
        var value: UInt64 = 0
        return ((try? sysCall { read(fd, &value, 8) }) ?? 0) == 8
    }
}

/// Signals delivered as reads: the daemon's and the watchdog's main threads handle
/// SIGTERM, SIGHUP and SIGUSR1 in their own loop, never in a handler.
public final class SignalFD: Sendable {
    public let fd: Int32

    /// Blocks `signals` for the calling thread (and every thread it starts from now on:
    /// the mask is inherited) and opens a descriptor that delivers them. Call before
    /// any other thread exists, or those threads could still receive them.
    public init(blocking signals: [Int32]) throws(VigilError) {
        var set = sigset_t()
        sigemptyset(&set)
        for s in signals { sigaddset(&set, s) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        do { fd = try sysCall { signalfd(-1, &set, Int32(SFD_CLOEXEC | SFD_NONBLOCK)) } } catch {
            throw VigilError("signalfd failed", cause: error)
        }
    }

    deinit { close(fd) }

    /// The signals delivered since the last call, in order (none: empty).
    public func pending() -> [Int32] {
        var out: [Int32] = []
        var info = signalfd_siginfo()
        let size = MemoryLayout<signalfd_siginfo>.size
        while (try? sysCall { read(fd, &info, size) }) == size { out.append(Int32(info.ssi_signo)) }
        return out
    }
}

/// poll(2) over `fds` for up to `timeoutMillis` (-1: no limit), interrupted calls
/// retried; returns how many descriptors are ready (0: the time ran out).
@discardableResult
public func pollDescriptors(_ fds: inout [pollfd], timeoutMillis: Int32) throws(Errno) -> Int {
    for i in fds.indices { fds[i].revents = 0 }
    let count = nfds_t(fds.count)
    return Int(try sysCall { poll(&fds, count, timeoutMillis) })
}

/// A pollfd waiting for input on `fd`.
public func readable(_ fd: Int32) -> pollfd { pollfd(fd: fd, events: Int16(POLLIN), revents: 0) }

/// A stop flag a thread sleeps on between rounds of periodic work: `sleep` returns at
/// once when `stop` is called, so the thread needs no short naps to notice a stop (an
/// idle daemon's threads then wake only when their work is due). One sleeping thread
/// per signal.
public final class StopSignal: Sendable {
    private let stopped = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)

    public init() {}

    public var isStopped: Bool { stopped.load(ordering: .acquiring) }

    /// Sleeps up to `nanos`: true when the time ran out, false once stopped.
    public func sleep(nanos: UInt64) -> Bool {
        if isStopped { return false }
        _ = wake.wait(timeout: .now() + .nanoseconds(Int(min(nanos, UInt64(Int.max)))))
        return !isStopped
    }

    public func stop() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        wake.signal()
    }
}
