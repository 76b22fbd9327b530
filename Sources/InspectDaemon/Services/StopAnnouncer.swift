import Logging
import ServiceLifecycle

/// Listed last in the group, so it hears of shutdown first: tells systemd
/// `STOPPING=1` and logs `stopping` before the other services wind down.
struct StopAnnouncer: Service {
    let state: DaemonState
    let logger: Logger

    func run() async throws {
        do {
            try await gracefulShutdown()
        } catch {
            return
        }
        state.notifier.stopping(status: "Stopping: finishing the current work")
        logger.notice("stopping on request", metadata: ["event": "stopping"])
    }
}
