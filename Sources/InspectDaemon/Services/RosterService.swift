import Foundation
import Logging
import ServiceLifecycle

/// Keeps the rolling roster: plans at start and whenever the horizon moves on (a new day),
/// re-plans when an input changes (rain periods, directory imports, a reload), publishes on
/// the configured weekday, and releases each team's sealed site list before its shift.
/// Sleeps until the next release, an input change, or at most a minute, re-reading the
/// wall clock after every wake.
struct RosterService: Service {
    let state: DaemonState
    let logger: Logger
    var longestSleep: Duration = .seconds(60)

    func run() async throws {
        let desk = RosterDesk(state: state, logger: logger)
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await change in state.rainPeriodChanges {
                        state.requestReplan(because: "rain periods changed: \(change.reason)")
                    }
                }
                while !Task.isShuttingDownGracefully && !Task.isCancelled {
                    let now = Int64(Date().timeIntervalSince1970)
                    var sleep = longestSleep
                    let reasons = state.rosterChangeReasons.withLock { reasons in
                        defer { reasons.removeAll() }
                        return reasons
                    }
                    do {
                        let next = try await desk.onPlanningQueue { [desk, state] in
                            let (_, lastDate) = RosterDesk.horizon(state.snapshot, now: now)
                            let plannedThrough = try state.store.rosterMeta("planned_through")
                            if !reasons.isEmpty || plannedThrough != lastDate.description {
                                let reason =
                                    reasons.isEmpty
                                    ? (plannedThrough == nil ? "initial plan" : "horizon moved on to \(lastDate)")
                                    : reasons.joined(separator: "; ")
                                _ = try desk.replan(
                                    reason: reason, uid: 0, now: now, redrawSealed: reasons.contains { $0.hasPrefix("sites imported") })
                            }
                            try TaskDesk(state: state, logger: desk.logger).sweep(now: now)
                            try desk.publishIfDue(now: now)
                            return try desk.releaseDue(now: now)
                        }
                        if let next, next > now {
                            sleep = .seconds(max(1, min(next - now, Int64(longestSleep.components.seconds))))
                        }
                    } catch {
                        // The reasons stay asked for: the next round plans them.
                        for reason in reasons { state.requestReplan(because: reason) }
                        logger.error("the roster could not be planned: \(error); trying again in a minute", metadata: ["event": "roster_failed"])
                    }
                    await state.rosterInputsChanged.wait(upTo: sleep)
                }
                group.cancelAll()
            }
        } onGracefulShutdown: {
            state.rosterInputsChanged.ring()
        }
    }
}
