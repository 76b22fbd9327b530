import Foundation
import InspectAPI
import InspectConfig
import InspectStore
import InspectSystemd
import Synchronization

/// What the running daemon knows about itself: the configuration in force,
/// who may do what, and the status line it reports to systemd and the CLI.
public final class DaemonState: Sendable {
    struct Values {
        var configuration: DaemonConfiguration
        var access: AccessPolicy
        var statusText: String
        var lastReload: ReloadOutcome?
    }

    public let configPath: String
    public let store: InspectStore
    public let notifier: ServiceNotifier
    public let startedAt: Date
    let startedInstant: ContinuousClock.Instant
    private let values: Mutex<Values>

    public init(
        configPath: String, configuration: DaemonConfiguration, access: AccessPolicy,
        store: InspectStore, notifier: ServiceNotifier, startedAt: Date = Date()
    ) {
        self.configPath = configPath
        self.store = store
        self.notifier = notifier
        self.startedAt = startedAt
        self.startedInstant = .now
        self.values = Mutex(Values(configuration: configuration, access: access, statusText: "starting", lastReload: nil))
    }

    public var configuration: DaemonConfiguration { values.withLock { $0.configuration } }
    public var access: AccessPolicy { values.withLock { $0.access } }
    public var statusText: String { values.withLock { $0.statusText } }
    public var lastReload: ReloadOutcome? { values.withLock { $0.lastReload } }

    /// Sets the status line and tells systemd (`STATUS=`).
    public func setStatus(_ text: String) {
        values.withLock { $0.statusText = text }
        notifier.status(text)
    }

    /// Puts a reloaded configuration in force.
    func apply(configuration: DaemonConfiguration, access: AccessPolicy, outcome: ReloadOutcome) {
        values.withLock {
            $0.configuration = configuration
            $0.access = access
            $0.lastReload = outcome
        }
    }

    func recordFailedReload(_ outcome: ReloadOutcome) {
        values.withLock { $0.lastReload = outcome }
    }

    /// The one-line summary used in `STATUS=` while serving.
    public func servingStatus() -> String {
        let district = configuration.district.name
        guard let counts = try? store.directoryCounts() else { return "Serving \(district); the database cannot be read" }
        var text = "Serving \(district): \(counts.units) units, \(counts.inspectors) inspectors, \(counts.sites) sites"
        if let reload = lastReload, !reload.succeeded {
            text += "; last reload failed: \(reload.messages.first ?? "see the journal")"
        }
        return text
    }

    var uptimeSeconds: Int {
        Int((ContinuousClock.now - startedInstant).components.seconds)
    }
}

/// Formats instants as RFC 3339 in UTC, the way the API and the store write them.
enum Timestamp {
    static func string(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
