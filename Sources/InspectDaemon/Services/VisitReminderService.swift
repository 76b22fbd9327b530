import Foundation
import Logging
import ServiceLifecycle

/// Reminds teams (and then their departments' leaders) of visits whose result is not
/// recorded: looks once a minute, re-reading the wall clock after every wake. After
/// downtime the first look raises, once, every reminder that fell due within
/// `[visits] record_catch_up_days`.
struct VisitReminderService: Service {
    let state: DaemonState
    let logger: Logger
    var interval: Duration = .seconds(60)

    func run() async throws {
        let desk = VisitReminderDesk(state: state, logger: logger)
        let wake = Doorbell()
        await withGracefulShutdownHandler {
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                do {
                    try desk.decide(now: Int64(Date().timeIntervalSince1970))
                } catch {
                    logger.error(
                        "reminders of unrecorded visits could not be decided: \(error); trying again in a minute",
                        metadata: ["event": "visit_reminders_failed"])
                }
                await wake.wait(upTo: interval)
            }
        } onGracefulShutdown: {
            wake.ring()
        }
    }
}
