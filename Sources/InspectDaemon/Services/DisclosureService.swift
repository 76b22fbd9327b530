import Foundation
import Logging
import ServiceLifecycle

/// Writes the periodic public disclosure (一公开) once each period's report falls due
/// (`[disclosure]`): looks once a minute, re-reading the wall clock after every wake, so a
/// report missed while the daemon was down is written at the first look after it starts.
/// A directory that cannot be written is reported once (and once when it works again),
/// and retried every minute.
struct DisclosureService: Service {
    let state: DaemonState
    let logger: Logger
    var interval: Duration = .seconds(60)

    func run() async throws {
        let desk = DisclosureDesk(state: state, logger: logger)
        let wake = Doorbell()
        await withGracefulShutdownHandler {
            var failing: String?
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                do {
                    try desk.writeDue(now: Int64(Date().timeIntervalSince1970))
                    if let previous = failing {
                        logger.notice("the public disclosure can be written again (it failed with: \(previous))", metadata: ["event": "disclosure_recovered"])
                        failing = nil
                    }
                } catch {
                    let text = "\(error)"
                    if text != failing {
                        logger.error(
                            "the public disclosure could not be written: \(text); trying again every minute", metadata: ["event": "disclosure_failed"])
                        failing = text
                    }
                }
                await wake.wait(upTo: interval)
            }
        } onGracefulShutdown: {
            wake.ring()
        }
    }
}
