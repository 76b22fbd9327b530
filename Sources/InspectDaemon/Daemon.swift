import Foundation
import InspectConfig
import InspectStore
import InspectSystemd
import Logging
import NIOPosix
import ServiceLifecycle
import UnixSignals

/// The version reported by `inspectd --version` and `GET /v1/status`.
public enum InspectdVersion {
    public static let current = "0.1.0"
}

/// A failure before READY=1: printed to standard error, and the daemon exits 1.
public struct StartupError: Error, CustomStringConvertible {
    public var description: String
}

/// Wires the daemon's services together and runs them until SIGTERM or SIGINT.
public enum Daemon {
    /// Runs the daemon in the foreground.
    ///
    /// Fallible set-up comes first — configuration, database and migrations,
    /// the listening socket, the SIGHUP trap — and only then READY=1.
    /// `prepare` runs on the opened store before the socket is bound
    /// (the demo fills an empty database there), and `prepareState` once the daemon's
    /// state is made, before anything is planned or served (the demo seeds its history).
    public static func run(
        configPath: String, prepare: (@Sendable (InspectStore, Logger) throws -> Void)? = nil,
        prepareState: (@Sendable (DaemonState, Logger) throws -> Void)? = nil
    ) async throws {
        let notifier = ServiceNotifier()
        let clock = ContinuousClock()
        let startedAt = clock.now
        notifier.status("Loading the configuration from \(configPath)")
        let loaded: ConfigurationLoader.Loaded
        switch ConfigurationLoader.load(path: configPath) {
        case .success(let value): loaded = value
        case .failure(let error):
            throw StartupError(description: "the configuration is invalid; nothing was started:\n\(error)")
        }
        let configuration = loaded.configuration
        let setLogLevel = DaemonLogging.bootstrap(level: Logger.Level(configuration.daemon.logLevel))
        let logger = Logger(label: "inspectd")

        notifier.status("Opening the database in \(configuration.daemon.stateDirectory)")
        let store: InspectStore
        do {
            store = try InspectStore.open(inDirectory: configuration.daemon.stateDirectory)
        } catch {
            logger.critical("\(error)", metadata: ["event": "store_refused", "code": "\(error.code)"])
            throw StartupError(description: error.description)
        }
        try prepare?(store, logger)

        let state = DaemonState(configPath: configPath, loaded: loaded, store: store, notifier: notifier)
        try prepareState?(state, logger)
        let desk = WeatherDesk(state: state, logger: logger)
        let now = Int64(Date().timeIntervalSince1970)
        desk.refreshCalendarWarning(now: now)
        do {
            try desk.refresh(now: now, reason: "started")
        } catch {
            throw StartupError(description: "cannot read the stored forecasts: \(error)")
        }
        let listener = try chooseListener(configuration)
        notifier.status("Listening on \(listener.description)")
        let router = APIRouter(state: state, version: InspectdVersion.current)
        let server: APIServer
        do {
            server = try await APIServer.bind(listener, group: .singletonMultiThreadedEventLoopGroup, router: router, logger: logger)
        } catch {
            throw StartupError(description: "\(error)")
        }
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        let watchdog: Duration?
        do {
            watchdog = configuration.daemon.watchdog ? try notifier.watchdogInterval().map { $0 / 2 } : nil
        } catch {
            throw StartupError(description: "systemd's watchdog settings are unusable: \(error)")
        }

        let status = state.servingStatus()
        state.setStatus(status)
        notifier.ready(status: status)
        let readyAfter = clock.now - startedAt
        logger.notice(
            "inspectd \(InspectdVersion.current) ready on \(listener.description)",
            metadata: [
                "event": "started", "config": "\(configPath)", "database": "\(store.path)",
                "ready_ms": "\(readyAfter.components.seconds * 1000 + readyAfter.components.attoseconds / 1_000_000_000_000_000)",
            ]
        )

        let services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: WorkLoop(state: state, logger: logger, watchdogInterval: watchdog)),
            .init(service: ReloadService(state: state, logger: logger, signals: hangups, applyLogLevel: setLogLevel)),
            .init(service: ForecastDropWatcher(state: state, logger: logger)),
            .init(service: EscalationService(state: state, logger: logger)),
            .init(service: RosterService(state: state, logger: logger)),
            .init(service: VisitReminderService(state: state, logger: logger)),
            .init(service: DisclosureService(state: state, logger: logger)),
            .init(service: NoticeDispatcher(state: state, logger: logger)),
            .init(service: server),
            .init(service: StopAnnouncer(state: state, logger: logger), successTerminationBehavior: .ignore),
        ]
        var groupConfiguration = ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger
        )
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(configuration.daemon.shutdownGraceSeconds)
        try await ServiceGroup(configuration: groupConfiguration).run()
        logger.notice("stopped", metadata: ["event": "stopped"])
    }

    /// The socket systemd passed, if any; otherwise the configured path.
    static func chooseListener(_ configuration: DaemonConfiguration) throws -> APIListener {
        let passed: [ListenSockets.Socket]
        do {
            passed = try ListenSockets.adopt()
        } catch {
            throw StartupError(description: "cannot read the sockets systemd passed: \(error)")
        }
        if let socket = passed.first {
            guard ListenSockets.isUnixStreamListener(socket.fileDescriptor) else {
                throw StartupError(
                    description: "the socket systemd passed (fd \(socket.fileDescriptor)) is not a listening Unix stream socket; check inspectd.socket"
                )
            }
            return .adopted(fileDescriptor: socket.fileDescriptor, name: socket.name)
        }
        return .path(configuration.daemon.socketPath, mode: UInt32(configuration.daemon.socketMode))
    }
}
