import Synchronization

/// A value several test threads read and write: a Mutex in a class, so closures can
/// share it.
package final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    package init(_ value: Value) { mutex = Mutex(value) }

    package func withLock<R>(_ body: (inout Value) -> R) -> R { mutex.withLock { body(&$0) } }

    package var value: Value { mutex.withLock { $0 } }
}
