import Foundation
import InspectSystemd
import Logging
import Synchronization

/// The log level in force, shared by every logger so a reload can change it.
final class SharedLogLevel: Sendable {
    private let level: Mutex<Logger.Level>
    init(_ level: Logger.Level) { self.level = Mutex(level) }
    var value: Logger.Level {
        get { level.withLock { $0 } }
        set { level.withLock { $0 = newValue } }
    }
}

/// Forwards to another handler, with the level taken from a ``SharedLogLevel``.
struct ReloadableLevelLogHandler<Inner: LogHandler>: LogHandler {
    var inner: Inner
    let shared: SharedLogLevel

    var logLevel: Logger.Level {
        get { shared.value }
        set { shared.value = newValue }
    }

    var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        inner.log(event: event)
    }
}

/// Sets up swift-log once, in the executable: natively to the journal when
/// standard error is the journal, otherwise to standard error.
enum DaemonLogging {
    private static let shared = Mutex<SharedLogLevel?>(nil)

    /// Bootstraps logging (once per process) and returns a setter for the level.
    static func bootstrap(level: Logger.Level) -> @Sendable (Logger.Level) -> Void {
        let (sharedLevel, isNew) = shared.withLock { current -> (SharedLogLevel, Bool) in
            if let current { return (current, false) }
            let created = SharedLogLevel(level)
            current = created
            return (created, true)
        }
        sharedLevel.value = level
        if isNew {
            let toJournal = JournalStream.isStandardErrorJournal()
            LoggingSystem.bootstrap { label in
                if toJournal {
                    return ReloadableLevelLogHandler(inner: JournalLogHandler(label: label), shared: sharedLevel)
                }
                return ReloadableLevelLogHandler(inner: StreamLogHandler.standardError(label: label), shared: sharedLevel)
            }
        }
        return { sharedLevel.value = $0 }
    }
}
