import Foundation
import InspectAPI
import InspectConfig
import InspectSystemd
import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the configuration on SIGHUP: `RELOADING=1`, then `READY=1`.
///
/// An invalid new configuration is rejected: the old one stays in force, the
/// problems are logged, and `STATUS=` says the reload failed and why. The
/// public ``run()`` wires the real signal; ``run(triggers:)`` takes any
/// sequence so tests can drive reloads without signals.
struct ReloadService: Service {
    let state: DaemonState
    let logger: Logger
    let signals: UnixSignalsSequence
    let applyLogLevel: @Sendable (Logger.Level) -> Void

    func run() async throws {
        try await run(triggers: signals.map { _ in () }.cancelOnGracefulShutdown())
    }

    func run<Triggers: AsyncSequence>(triggers: Triggers) async throws where Triggers.Element == Void {
        for try await _ in triggers {
            reload()
        }
    }

    func reload() {
        state.notifier.reloading(status: "Reloading the configuration from \(state.configPath)")
        let at = Timestamp.string(Date())
        switch ConfigurationLoader.load(path: state.configPath) {
        case .success(let loaded):
            let needRestart = loaded.configuration.reloadableDifferences(from: state.configuration)
            let messages = needRestart.map { "\($0) changed; it takes effect after a restart" }
            state.apply(loaded, outcome: ReloadOutcome(at: at, succeeded: true, messages: messages))
            let desk = WeatherDesk(state: state, logger: logger)
            let now = Int64(Date().timeIntervalSince1970)
            desk.refreshCalendarWarning(now: now)
            state.ledgerChanged.ring()
            state.requestReplan(because: "configuration reloaded")
            do {
                try desk.refresh(now: now, reason: "configuration reloaded")
            } catch {
                logger.warning("cannot update the rain outlook: \(error)", metadata: ["event": "outlook_failed"])
            }
            applyLogLevel(Logger.Level(loaded.configuration.daemon.logLevel))
            for message in messages {
                logger.warning("\(message)", metadata: ["event": "reload_needs_restart"])
            }
            logger.notice(
                "configuration reloaded from \(state.configPath)",
                metadata: ["event": "reloaded", "config": "\(state.configPath)"]
            )
            AuditTrail.recordSystemChange(
                state: state, logger: logger, action: "reload", target: state.configPath, outcome: 200,
                detail: messages.isEmpty ? "configuration in force" : messages.joined(separator: "; "))
            let status = state.servingStatus()
            state.setStatus(status)
            state.notifier.ready(status: status)
        case .failure(let error):
            state.recordFailedReload(ReloadOutcome(at: at, succeeded: false, messages: error.problems))
            AuditTrail.recordSystemChange(
                state: state, logger: logger, action: "reload", target: state.configPath, outcome: 422,
                detail: "refused, the previous configuration stays: " + error.problems.joined(separator: "; "))
            for problem in error.problems {
                logger.error("\(problem)", metadata: ["event": "reload_failed", "config": "\(state.configPath)"])
            }
            let status = "Reload failed, still running with the previous configuration: \(error.problems.first ?? "unknown error")"
            state.setStatus(status)
            state.notifier.ready(status: status)
        }
    }
}

extension Logger.Level {
    init(_ level: LogLevel) {
        switch level {
        case .trace: self = .trace
        case .debug: self = .debug
        case .info: self = .info
        case .notice: self = .notice
        case .warning: self = .warning
        case .error: self = .error
        case .critical: self = .critical
        }
    }
}
