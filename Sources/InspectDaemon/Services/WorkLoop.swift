import InspectStore
import InspectSystemd
import Logging
import ServiceLifecycle

/// The loop that does the daemon's periodic work, and the only place that
/// pings systemd's watchdog: if this loop wedges, the pings stop and systemd
/// restarts the daemon.
///
/// Today the work is housekeeping (folding the write-ahead log back into the
/// database); rosters and escalations run from here as they arrive.
struct WorkLoop: Service {
    let state: DaemonState
    let logger: Logger
    /// Half of `WATCHDOG_USEC`, or nil when systemd asked for no watchdog.
    let watchdogInterval: Duration?
    var tick: Duration = .seconds(1)
    var checkpointEvery: Duration = .seconds(300)

    func run() async throws {
        let clock = ContinuousClock()
        var lastPing = clock.now
        var lastCheckpoint = clock.now
        if watchdogInterval != nil { state.notifier.watchdogPing() }
        let period = watchdogInterval.map { min($0, tick) } ?? tick
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await Task.sleep(for: period)
            } catch {
                break
            }
            let now = clock.now
            if now - lastCheckpoint >= checkpointEvery {
                lastCheckpoint = now
                do {
                    try state.store.checkpoint()
                } catch {
                    logger.warning("housekeeping failed", metadata: ["event": "housekeeping_failed", "error": "\(error)"])
                }
            }
            if let interval = watchdogInterval, now - lastPing >= interval {
                state.notifier.watchdogPing()
                lastPing = now
            }
        }
    }
}
