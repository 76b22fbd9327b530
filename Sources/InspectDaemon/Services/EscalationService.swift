import Foundation
import Logging
import ServiceLifecycle

/// Runs the escalation ladder: decides what is due, then sleeps until the next step is
/// due, a case changes, or at most a minute — and re-reads the wall clock after every
/// wake, so a clock that jumps (NTP, an operator) is followed within a minute. After
/// downtime, the first look raises every step that fell due meanwhile, once.
struct EscalationService: Service {
    let state: DaemonState
    let logger: Logger
    var longestSleep: Duration = .seconds(60)

    func run() async throws {
        let desk = EscalationDesk(state: state, logger: logger)
        await withGracefulShutdownHandler {
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                let now = Int64(Date().timeIntervalSince1970)
                var sleep = longestSleep
                do {
                    let (next, _) = try desk.decide(now: now)
                    if let next, next <= now {
                        // More is due than one round decides: go on at once, but let the
                        // API and the watchdog's work loop run in between.
                        await Task.yield()
                        continue
                    }
                    if let next {
                        let seconds = max(1, min(next - now, Int64(longestSleep.components.seconds)))
                        sleep = .seconds(seconds)
                    }
                } catch {
                    logger.error("escalation could not run: \(error); trying again in a minute", metadata: ["event": "escalation_failed"])
                }
                await state.ledgerChanged.wait(upTo: sleep)
            }
        } onGracefulShutdown: {
            state.ledgerChanged.ring()
        }
    }
}
