#if canImport(Glibc)
import Glibc
#endif

/// A libsystemd call that failed, with the errno it reported.
///
/// libsystemd returns `-errno` on failure; ``SystemdError/check(_:_:)`` is the one
/// place where such a return code becomes a Swift error.
public struct SystemdError: Error, CustomStringConvertible, Sendable {
    /// The libsystemd function that failed, e.g. `sd_listen_fds`.
    public var function: String
    /// The positive errno value.
    public var errno: Int32

    public var description: String {
        "\(function) failed: \(String(cString: strerror(errno))) (errno \(errno))"
    }

    /// Turns a libsystemd return code into a value or a thrown ``SystemdError``.
    @discardableResult
    static func check(_ result: Int32, _ function: String) throws -> Int32 {
        if result < 0 { throw SystemdError(function: function, errno: -result) }
        return result
    }
}
