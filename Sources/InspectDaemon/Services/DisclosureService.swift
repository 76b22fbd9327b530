import Foundation
import Logging
import ServiceLifecycle

/// Writes the periodic public disclosure (一公开) once each period's report falls due
/// (`[disclosure]`): looks once a minute, re-reading the wall clock after every wake, so a
/// report missed while the daemon was down is written at the first look after it starts.
/// A directory that cannot be written is reported once (and once when it works again),
/// shown among the warnings (`STATUS=`, `inspectctl status`) meanwhile, and retried every
/// minute.
struct DisclosureService: Service {
    let state: DaemonState
    let logger: Logger
    var interval: Duration = .seconds(60)

    func run() async throws {
        let desk = DisclosureDesk(state: state, logger: logger)
        let wake = Doorbell()
        await withGracefulShutdownHandler {
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                do {
                    try desk.writeDue(now: Int64(Date().timeIntervalSince1970))
                    if let previous = state.replaceDisclosureProblem(nil) {
                        logger.notice("the public disclosure can be written again (it failed with: \(previous))", metadata: ["event": "disclosure_recovered"])
                        state.setStatus(state.servingStatus())
                    }
                } catch {
                    let text = "\(error)"
                    if state.replaceDisclosureProblem(text) != text {
                        logger.error(
                            "the public disclosure could not be written: \(text); trying again every minute", metadata: ["event": "disclosure_failed"])
                        state.setStatus(state.servingStatus())
                    }
                }
                await wake.wait(upTo: interval)
            }
        } onGracefulShutdown: {
            wake.ring()
        }
    }
}
