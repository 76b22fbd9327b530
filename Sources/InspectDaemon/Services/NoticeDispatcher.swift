import Foundation
import InspectLedger
import InspectNotices
import InspectOutbox
import InspectStore
import Logging
import ServiceLifecycle

/// Sends every decided notice to the journal (one entry each, with its kind's
/// `MESSAGE_ID`) and writes it to the outbox for the delivery gateway, exactly once.
///
/// Notices are committed before they get here, so a crash loses none. Each batch is
/// staged in the outbox's `tmp/` (fsynced), recorded as written, then renamed into `new/`;
/// after a crash, staged files of recorded notices are renamed first (see
/// ``MaildirOutbox``), so nothing reaches `new/` twice. When
/// the outbox cannot be written (disk full, read-only, permissions) the notices stay
/// pending and are retried with a growing pause (1 s up to 1 min); the journal says so
/// once, and again once when the outbox works again; `STATUS=` and `inspectctl status`
/// show the backlog meanwhile.
struct NoticeDispatcher: Service {
    let state: DaemonState
    let logger: Logger
    var batchSize = 256
    var longestPause: Duration = .seconds(60)

    func run() async throws {
        let configuration = state.configuration
        let outbox = MaildirOutbox(directory: configuration.notices.outboxPath(spoolDirectory: configuration.daemon.spoolDirectory))
        await withGracefulShutdownHandler {
            var pause: Duration = .seconds(1)
            // The outbox's directories are made at the start and again after any failure
            // (a spool restored from scratch), not on every round.
            var prepared = false
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                do {
                    try journalPending()
                    let pending = try state.store.pendingNotices(limit: batchSize)
                    do {
                        if !prepared {
                            try outbox.prepare()
                            prepared = true
                        }
                        // Files recorded as written but not yet in new/ (a crash, or a rename
                        // that failed): finish them first.
                        let staged = try outbox.stagedIDs()
                        if !staged.isEmpty { try outbox.publish(ids: Array(try state.store.writtenNoticeIDs(among: staged)).sorted()) }
                    } catch let error as OutboxError {
                        prepared = false
                        outboxFails(error, backlog: try backlog(outbox))
                        await state.noticesDecided.wait(upTo: pause)
                        pause = min(pause * 2, longestPause)
                        continue
                    }
                    if pending.isEmpty {
                        outboxWorks(backlog: 0)
                        pause = .seconds(1)
                        await state.noticesDecided.wait(upTo: longestPause)
                        continue
                    }
                    let ids = pending.map(\.id)
                    do {
                        try outbox.stage(batch: pending.map { (id: $0.id, bytes: $0.payload) })
                    } catch let error as OutboxError {
                        prepared = false
                        outboxFails(error, backlog: try backlog(outbox))
                        await state.noticesDecided.wait(upTo: pause)
                        pause = min(pause * 2, longestPause)
                        continue
                    }
                    try state.store.markNoticesWritten(ids, at: Int64(Date().timeIntervalSince1970))
                    do {
                        try outbox.publish(ids: ids)
                    } catch let error as OutboxError {
                        // Recorded as written and staged: the next round publishes them.
                        outboxFails(error, backlog: try backlog(outbox))
                        await state.noticesDecided.wait(upTo: pause)
                        pause = min(pause * 2, longestPause)
                        continue
                    }
                    pause = .seconds(1)
                    outboxWorks(backlog: try state.store.pendingNoticeCount())
                    // A long backlog must not starve the API and the watchdog's work loop.
                    await Task.yield()
                } catch {
                    logger.error("notices cannot be read from the database: \(error)", metadata: ["event": "notices_unavailable"])
                    await state.noticesDecided.wait(upTo: longestPause)
                }
            }
        } onGracefulShutdown: {
            state.noticesDecided.ring()
        }
    }

    /// One journal entry per notice not yet journaled.
    private func journalPending() throws(StoreError) {
        while true {
            let notices = try state.store.unjournaledNotices(limit: batchSize)
            guard !notices.isEmpty else { return }
            for stored in notices {
                guard let notice = NoticeJSON.decode(stored.payload) else { continue }
                logger.log(level: Self.level(forPriority: notice.priority), "\(notice.subject)", metadata: Self.journalFields(notice))
            }
            try state.store.markNoticesJournaled(notices.map(\.id), at: Int64(Date().timeIntervalSince1970))
        }
    }

    /// A notice's journal fields (each becomes `INSPECTD_<KEY>`): the catalog's fields, and
    /// `shift` for the notices about a team's shift (unrecorded visits).
    static func journalFields(_ notice: Notice) -> Logger.Metadata {
        let recipients = notice.recipients.map { "\($0.name)(\($0.role))" }.joined(separator: ", ")
        var metadata: Logger.Metadata = [
            "event": "notice", "journal_message_id": "\(notice.kind.messageID)", "journal_priority": "\(notice.priority)",
            "notice_id": "\(notice.id)", "kind": "\(notice.kind.rawValue)", "case": "\(notice.caseID ?? "")",
            "unit": "\(notice.unitID ?? "")", "recipients": "\(recipients)",
        ]
        if case .string(let shift)? = notice.data["shift"]?["id"] { metadata["shift"] = "\(shift)" }
        return metadata
    }

    /// Notices not yet in `new/`: pending in the database, plus recorded ones still staged.
    private func backlog(_ outbox: MaildirOutbox) throws(StoreError) -> Int {
        let staged = (try? outbox.stagedIDs()) ?? []
        return try state.store.pendingNoticeCount() + (staged.isEmpty ? 0 : try state.store.writtenNoticeIDs(among: staged).count)
    }

    private func outboxFails(_ error: OutboxError, backlog: Int) {
        // Said once per cause (errno), not once per retry or per file.
        let (changed, _) = state.setOutbox(problem: error.description, key: "errno \(error.errno)", backlog: backlog)
        if changed {
            logger.error(
                "cannot write notices to the outbox: \(error); \(backlog) notice\(backlog == 1 ? "" : "s") kept and retried",
                metadata: ["event": "outbox_failed", "backlog": "\(backlog)", "errno": "\(error.errno)"])
        }
        state.setStatus(state.servingStatus())
    }

    private func outboxWorks(backlog: Int) {
        let (changed, previous) = state.setOutbox(problem: nil, key: nil, backlog: backlog)
        if changed, let previous {
            logger.notice(
                "the outbox can be written again (it failed with: \(previous)); delivering the \(backlog) notices still waiting",
                metadata: ["event": "outbox_recovered"])
            state.setStatus(state.servingStatus())
        }
    }

    static func level(forPriority priority: Int) -> Logger.Level {
        switch priority {
        case ...2: .critical
        case 3: .error
        case 4: .warning
        case 5: .notice
        case 6: .info
        default: .debug
        }
    }
}
