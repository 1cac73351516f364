import Foundation
import Glibc
import VigilTestSupport

// Owns: what a notifier logs, collected (the process runner, ports, polling and
// liveness are VigilTestSupport's).

/// Collects what a notifier logs.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ level: String, _ message: String) { lock.lock(); lines.append("\(level): \(message)"); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
}
