import Glibc
import Synchronization
import VigilEvents
import VigilSystem

/// Maintenance mode: protection is lifted so an administrator can upgrade Vigil's own
/// files, then `end` re-seals them. The state is a file in the root-only state folder, so
/// a daemon restarted in the middle of an upgrade stays in maintenance.
///
/// Owns: the maintenance marker file. Must not: touch protected files.
public final class MaintenanceState: Sendable {
    public struct Window: Sendable, Equatable {
        public let reason: String
        public let since: String
    }

    private let markerPath: String
    private let current: Mutex<Window?>
    /// Read on every permission event: no lock on that path.
    private let active = Atomic<Bool>(false)

    public init(directory: String) {
        markerPath = directory + "/maintenance"
        var open: Window?
        if let text = readSmallFile(markerPath) {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let since = lines.first.map(String.init) ?? isoTimestamp()
            let reason = lines.dropFirst().joined(separator: "\n")
            open = Window(reason: reason, since: since)
            active.store(true, ordering: .releasing)
        }
        current = Mutex(open)
    }

    public var isActive: Bool { active.load(ordering: .acquiring) }
    public var window: Window? { current.withLock { $0 } }

    /// Starts a window; returns nil when one is already open (its reason stands).
    public func begin(reason: String) throws(VigilError) -> Window? {
        try current.withLock { (current) throws(VigilError) -> Window? in
            guard current == nil else { return nil }
            let w = Window(reason: reason, since: isoTimestamp())
            try writeFileAtomically(markerPath, contents: w.since + "\n" + reason, mode: 0o600)
            current = w
            active.store(true, ordering: .releasing)
            return w
        }
    }

    /// Closes the window; returns the one that was open, or nil.
    public func end() -> Window? {
        current.withLock { current in
            guard let w = current else { return nil }
            unlink(markerPath)
            current = nil
            active.store(false, ordering: .releasing)
            return w
        }
    }
}
