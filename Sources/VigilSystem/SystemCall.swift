import Glibc

// Owns: turning a failed call into an Errno, and the domain error above it. Must not:
// retry anything but EINTR.

/// A failed system call: the errno value and the operation that produced it.
public struct Errno: Error, Equatable, CustomStringConvertible, Sendable {
    public let code: Int32
    public init(_ code: Int32) { self.code = code }
    /// The calling thread's errno: read right after the failed call, and only here in
    /// VigilSystem (sysCall, and readdir's NULL-with-errno convention).
    static var current: Errno { Errno(errno) }
    public var description: String { String(cString: strerror(code)) }

    public static let noEntry = Errno(ENOENT)
    public static let permissionDenied = Errno(EACCES)
    public static let notPermitted = Errno(EPERM)
    public static let tooManyLinks = Errno(ELOOP)
    public static let crossDevice = Errno(EXDEV)
    public static let exists = Errno(EEXIST)
}

/// Every raw call goes through here: -1 becomes a thrown `Errno`; EINTR is retried
/// unless the caller needs to see it (a blocking read that a signal must interrupt).
@inline(__always)
public func sysCall<T: FixedWidthInteger>(retryOnInterrupt: Bool = true, _ body: () -> T) throws(Errno) -> T {
    while true {
        let result = body()
        if result != -1 { return result }
        let code = errno
        if retryOnInterrupt && code == EINTR { continue }
        throw Errno(code)
    }
}

/// `sysCall` for calls that return a pointer and NULL on failure (fopen, fdopendir).
@inline(__always)
public func sysCallPointer<P>(retryOnInterrupt: Bool = true, _ body: () -> P?) throws(Errno) -> P {
    while true {
        if let p = body() { return p }
        let code = errno
        if retryOnInterrupt && code == EINTR { continue }
        throw Errno(code)
    }
}

/// `sysCall`, with a failure turned into the domain error that says what was being done.
@inline(__always)
public func sysCall<T: FixedWidthInteger>(orThrow message: @autoclosure () -> String, _ body: () -> T) throws(VigilError) -> T {
    do { return try sysCall(body) } catch { throw VigilError(message(), cause: error) }
}

/// The one domain error above `Errno`: what Vigil was doing, on what, and why it failed.
public struct VigilError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public let cause: Errno?
    /// A failure that points at an attack in progress (a race lost on purpose by someone
    /// else), to be logged as an alert rather than as an ordinary error.
    public let isAlert: Bool
    public init(_ message: String, cause: Errno? = nil, alert: Bool = false) {
        self.message = message
        self.cause = cause
        isAlert = alert
    }
    public var description: String {
        if let cause { return "\(message): \(cause)" }
        return message
    }
}
