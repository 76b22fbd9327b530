import CSystemd

#if canImport(Glibc)
import Glibc
#endif

/// Tells the service manager what the daemon is doing (`sd_notify(3)`).
///
/// Every method is a no-op when `NOTIFY_SOCKET` is unset, so the daemon can run
/// in the foreground without systemd. A successful return proves no delivery
/// (libsystemd says so); tests read the datagrams on a socket of their own.
public struct ServiceNotifier: Sendable {
    public init() {}

    /// Whether a service manager listens (`NOTIFY_SOCKET` is set).
    public var isSupervised: Bool { getenv("NOTIFY_SOCKET") != nil }

    /// Sends raw `KEY=VALUE` lines.
    public func send(_ assignments: [String]) {
        let message = assignments.map(Self.oneLine).joined(separator: "\n")
        _ = sd_notify(0, message)
    }

    /// `READY=1` with a status line: set-up succeeded.
    public func ready(status: String) { send(["READY=1", "STATUS=\(status)"]) }

    /// `STATUS=`: one line a supervisor understands.
    public func status(_ text: String) { send(["STATUS=\(text)"]) }

    /// `RELOADING=1` with `MONOTONIC_USEC`, as `sd_notify(3)` asks for reloads.
    public func reloading(status: String) {
        send(["RELOADING=1", "MONOTONIC_USEC=\(MonotonicClock.microseconds())", "STATUS=\(status)"])
    }

    /// `STOPPING=1`: shutdown has begun.
    public func stopping(status: String) { send(["STOPPING=1", "STATUS=\(status)"]) }

    /// `WATCHDOG=1`: the work loop is alive.
    public func watchdogPing() { send(["WATCHDOG=1"]) }

    /// The watchdog interval the service manager asked for, if any
    /// (`WATCHDOG_USEC`, honouring `WATCHDOG_PID`).
    public func watchdogInterval() throws -> Duration? {
        var usec: UInt64 = 0
        let enabled = try SystemdError.check(sd_watchdog_enabled(0, &usec), "sd_watchdog_enabled")
        guard enabled > 0, usec > 0 else { return nil }
        return .microseconds(Int64(usec))
    }

    private static func oneLine(_ assignment: String) -> String {
        String(assignment.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}

/// Reads `CLOCK_MONOTONIC`, the clock `MONOTONIC_USEC` is measured on.
public enum MonotonicClock {
    public static func microseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000 + UInt64(ts.tv_nsec) / 1_000
    }
}
