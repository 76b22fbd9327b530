/// `[daemon]`: where the daemon keeps its files, its socket, logging and shutdown.
public struct DaemonSettings: Sendable, Equatable {
    /// `state_directory`, absolute path, default `/var/lib/inspectd` (systemd `StateDirectory=`):
    /// the database `inspectd.sqlite` lives here. Restart to change.
    public var stateDirectory: String
    /// `spool_directory`, absolute path, default `/var/spool/inspectd`: outbound notice files
    /// for the delivery gateway. Restart to change.
    public var spoolDirectory: String
    /// `socket_path`, absolute path (at most 107 bytes), default `/run/inspectd/inspectd.sock`:
    /// the API socket bound when systemd does not pass one. Restart to change.
    public var socketPath: String
    /// `socket_mode`, octal string of 3 or 4 digits, default `"0660"`: permissions of the
    /// self-bound socket. Held here as the number (0o660). Restart to change.
    public var socketMode: Int
    /// `log_level`, one of trace, debug, info, notice, warning, error, critical; default `info`.
    public var logLevel: LogLevel
    /// `shutdown_grace_seconds`, integer 1...3600, default 20: how long services get to
    /// finish on SIGTERM. Must stay below the unit's `TimeoutStopSec`.
    public var shutdownGraceSeconds: Int
    /// `watchdog`, boolean, default true: send `WATCHDOG=1` when systemd asks (`WatchdogSec=`).
    public var watchdog: Bool

    public init(
        stateDirectory: String = "/var/lib/inspectd",
        spoolDirectory: String = "/var/spool/inspectd",
        socketPath: String = "/run/inspectd/inspectd.sock",
        socketMode: Int = 0o660,
        logLevel: LogLevel = .info,
        shutdownGraceSeconds: Int = 20,
        watchdog: Bool = true
    ) {
        self.stateDirectory = stateDirectory
        self.spoolDirectory = spoolDirectory
        self.socketPath = socketPath
        self.socketMode = socketMode
        self.logLevel = logLevel
        self.shutdownGraceSeconds = shutdownGraceSeconds
        self.watchdog = watchdog
    }

    /// The longest path `sockaddr_un.sun_path` holds on Linux, without its terminating zero.
    public static let maximumSocketPathBytes = 107
}

/// The daemon's log levels, from most to least verbose. The daemon maps them onto
/// swift-log's `Logger.Level` (same names).
public enum LogLevel: String, Sendable, Equatable, CaseIterable {
    case trace, debug, info, notice, warning, error, critical
}

extension DaemonSettings: ConfigurationSection {
    static let tableName = "daemon"

    static var keys: [ConfigurationKey<Self>] {
        [
            .absolutePath("state_directory", \.stateDirectory, requiresRestart: true),
            .absolutePath("spool_directory", \.spoolDirectory, requiresRestart: true),
            .absolutePath(
                "socket_path", \.socketPath, requiresRestart: true, maximumBytes: maximumSocketPathBytes),
            .key(
                "socket_mode", \.socketMode, requiresRestart: true,
                decode: { value, problems in
                    guard let text = value.string else {
                        problems.reportWrongType(expected: "an octal string in quotes, such as \"0660\"", found: value)
                        return nil
                    }
                    guard (3...4).contains(text.count), text.allSatisfy({ ("0"..."7").contains($0) }),
                        let mode = Int(text, radix: 8)
                    else {
                        problems.reportInvalid(
                            "\(TOMLKey.quoted(text)) is not a file mode; use 3 or 4 octal digits, such as \"0660\"",
                            at: value)
                        return nil
                    }
                    return mode
                },
                render: { mode in
                    let digits = String(mode, radix: 8)
                    return TOMLKey.quoted(String(repeating: "0", count: max(0, 4 - digits.count)) + digits)
                }),
            .choice("log_level", \.logLevel, describedAs: "a log level"),
            .integer("shutdown_grace_seconds", \.shutdownGraceSeconds, in: 1...3600, unit: "seconds"),
            .boolean("watchdog", \.watchdog),
        ]
    }
}
