import Glibc
import Synchronization
import VigilEvents
import VigilSystem

/// Maintenance mode: protection is lifted so an administrator can upgrade Vigil's own
/// files, then `end` re-seals them. The state is a file in the root-only state folder, so
/// a daemon restarted in the middle of an upgrade stays in maintenance.
///
/// Owns: the maintenance marker file. Must not: touch protected files.
public final class MaintenanceState: @unchecked Sendable {
    public struct Window: Sendable, Equatable {
        public let reason: String
        public let since: String
    }

    private let markerPath: String
    private let lock = Lock()
    private var current: Window?        // guarded by lock
    /// Read on every permission event: no lock on that path.
    private let active = Atomic<Bool>(false)

    public init(directory: String) {
        markerPath = directory + "/maintenance"
        if let text = readSmallFile(markerPath) {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let since = lines.first.map(String.init) ?? isoTimestamp()
            let reason = lines.dropFirst().joined(separator: "\n")
            current = Window(reason: reason, since: since)
            active.store(true, ordering: .releasing)
        }
    }

    public var isActive: Bool { active.load(ordering: .acquiring) }
    public var window: Window? { lock.withLock { current } }

    /// Starts a window; returns nil when one is already open (its reason stands).
    public func begin(reason: String) throws(VigilError) -> Window? {
        var failure: VigilError?
        let opened: Window? = lock.withLock { () -> Window? in
            guard current == nil else { return nil }
            let w = Window(reason: reason, since: isoTimestamp())
            do throws(VigilError) { try writeFileAtomically(markerPath, contents: w.since + "\n" + reason, mode: 0o600) } catch {
                failure = error
                return nil
            }
            current = w
            active.store(true, ordering: .releasing)
            return w
        }
        if let failure { throw failure }
        return opened
    }

    /// Closes the window; returns the one that was open, or nil.
    public func end() -> Window? {
        lock.withLock {
            guard let w = current else { return nil }
            unlink(markerPath)
            current = nil
            active.store(false, ordering: .releasing)
            return w
        }
    }
}
