import Foundation
import InspectCalendar
import InspectConfig
import InspectCore
import InspectLedger
import InspectOutbox
import InspectStore
import Logging

/// The public disclosure (一公开): the report for a date range, on demand (`GET
/// /v1/disclosure`) and on the configured cycle, when each period's report is written to
/// the publication directory once.
struct DisclosureDesk: Sendable {
    let state: DaemonState
    let logger: Logger
    /// The publication directory, resolved when the desk is made — at the daemon's start,
    /// like the outbox: `[disclosure] directory` and `[daemon] spool_directory` take effect
    /// only after a restart (a reload warns that it did not apply them).
    let publicationPath: String

    init(state: DaemonState, logger: Logger) {
        self.state = state
        self.logger = logger
        let configuration = state.configuration
        publicationPath = configuration.disclosure.directoryPath(spoolDirectory: configuration.daemon.spoolDirectory)
    }

    /// The journal's `MESSAGE_ID` of a periodic disclosure written (catalogued in
    /// `deploy/catalog/inspectd.catalog`; fixed, never to change).
    static let messageID = "c426c8e78fde4a2292222b19b3dc67ed"

    /// At most this many missed periods are written in one look (the newest ones).
    static let catchUpLimit = 12

    /// The rostered visits dated `from...through` as the disclosure sees them. Whether each
    /// may be shown is ``DisclosureReport/isPublic(_:now:)``'s decision alone; here only
    /// what it needs is gathered (a visit is random when the draw picked it: no task, a draw reason).
    func visits(from: CivilDate, through: CivilDate) throws(StoreError) -> [DisclosureVisit] {
        let names = try Names(store: state.store)
        let results = try state.store.visitResults(from: from, through: through)
        var visits: [DisclosureVisit] = []
        for team in try state.store.rosterTeams(from: from, through: through) {
            for position in team.visits.indices {
                visits.append(names.visit(team, position: position, result: results[team.id]?[position]))
            }
        }
        return visits
    }

    /// The visits dated before `before` whose result was recorded after `recordedAfter` and
    /// at or before `recordedBy`: a periodic report's recorded-late part (补录).
    func lateVisits(before: CivilDate, recordedAfter: Int64, recordedBy: Int64) throws(StoreError) -> [DisclosureVisit] {
        let results = try state.store.visitResults(recordedAfter: recordedAfter, recordedBy: recordedBy, datedBefore: before)
        guard !results.isEmpty else { return [] }
        let names = try Names(store: state.store)
        var teams: [String: StoredTeam] = [:]
        var visits: [DisclosureVisit] = []
        for result in results {
            if teams[result.teamID] == nil { teams[result.teamID] = try state.store.rosterTeam(result.teamID) }
            guard let team = teams[result.teamID], result.position < team.visits.count else { continue }
            visits.append(names.visit(team, position: result.position, result: result))
        }
        return visits
    }

    /// The sites' and units' names, to show a visit.
    struct Names {
        let sites: [String: String]
        let units: [String: String]

        init(store: InspectStore) throws(StoreError) {
            sites = Dictionary(try store.sites().map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            units = Dictionary(try store.units().map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        }

        func visit(_ team: StoredTeam, position: Int, result: StoredVisitResult?) -> DisclosureVisit {
            let visit = team.visits[position]
            return DisclosureVisit(
                date: team.date, shiftEndsAt: team.endsAt, siteName: sites[visit.siteID] ?? visit.siteID,
                localityName: units[visit.locality] ?? visit.locality, outcome: result?.outcome, measures: result?.measures ?? [],
                random: visit.taskID == nil && DisclosureDesk.isRandomDraw(reason: visit.reason), recordedAt: result?.recordedAt)
        }
    }

    /// Whether a rostered visit's draw reason makes it a random visit (双随机): `weighted`
    /// and `cadence` are both draws. A targeted check (reason `task`, with a task id) is not.
    static func isRandomDraw(reason: String) -> Bool { reason == "weighted" || reason == "cadence" }

    /// The report of the visits dated `from...to` that are public at `now`; `late`, for a
    /// periodic report, the recorded-late part.
    func report(from: CivilDate, to: CivilDate, now: Int64, late: [DisclosureVisit]? = nil) throws(StoreError) -> DisclosureReport {
        DisclosureReport(
            district: state.snapshot.configuration.district.name, from: from, to: to, visits: try visits(from: from, through: to), now: now,
            late: late)
    }

    /// Writes the report of every period due at `now` and not written yet (see
    /// ``DisclosureSchedule/duePeriods(now:zone:written:limit:)``) as `disclosure-<period>.csv`
    /// and `.html`, records each in the store, and journals it. A file already in the
    /// directory is kept as it is. Returns the periods written.
    @discardableResult
    func writeDue(now: Int64) throws -> [StoredDisclosure] {
        let snapshot = state.snapshot
        let settings = snapshot.configuration.disclosure
        let schedule = settings.schedule
        let stored = try state.store.disclosures()
        let periods = schedule.duePeriods(now: now, zone: snapshot.zone, written: stored.map { $0.from...$0.to }, limit: Self.catchUpLimit)
        guard !periods.isEmpty else { return [] }
        let directory = PublicationDirectory(directory: publicationPath)
        try directory.prepare()
        var written: [StoredDisclosure] = []
        // Results of earlier-dated visits recorded since the previous report go into the next
        // one's recorded-late part, so each result is published once. Nothing written yet: a
        // first start does not publish the past.
        var previousWrite = stored.map(\.writtenAt).filter { $0 <= now }.max()
        for period in periods {
            var late: [DisclosureVisit] = []
            if let previousWrite { late = try lateVisits(before: period.from, recordedAfter: previousWrite, recordedBy: now) }
            let report = try report(from: period.from, to: period.to, now: now, late: late)
            previousWrite = now
            let csv = Array(report.csv.utf8)
            let html = Array(report.html.utf8)
            let csvName = period.fileStem + ".csv"
            let htmlName = period.fileStem + ".html"
            let newCSV = try directory.publish(name: csvName, bytes: csv)
            let newHTML = try directory.publish(name: htmlName, bytes: html)
            // A file kept as it was (an earlier look wrote it, then stopped before recording
            // it) is what the public sees: the record describes it, not the report built now.
            let csvOnDisk = newCSV ? csv : (FileManager.default.contents(atPath: directory.path(csvName)).map { Array($0) } ?? csv)
            let htmlOnDisk = newHTML ? html : (FileManager.default.contents(atPath: directory.path(htmlName)).map { Array($0) } ?? html)
            let record = StoredDisclosure(
                period: period.name, cycle: settings.cycle.rawValue, from: period.from, to: period.to,
                visits: newCSV ? report.rowCount : DisclosureReport.rowCount(csv: csvOnDisk),
                csvSHA256: SHA256.hex(SHA256.hash(csvOnDisk)), htmlSHA256: SHA256.hex(SHA256.hash(htmlOnDisk)), writtenAt: now)
            try state.store.recordDisclosure(record)
            written.append(record)
            let kept = [newCSV ? nil : csvName, newHTML ? nil : htmlName].compactMap { $0 }
            let keptText = kept.isEmpty ? "" : "; \(kept.joined(separator: " and ")) already there, kept as it was"
            logger.notice(
                "public disclosure \(period.name) (\(period.from) to \(period.to)) written: \(record.visits) visit\(record.visits == 1 ? "" : "s")\(newCSV ? " (\(report.late?.count ?? 0) recorded late)" : "") in \(directory.path(csvName)) and .html\(keptText)",
                metadata: [
                    "event": "disclosure_written", "journal_message_id": "\(Self.messageID)", "period": "\(period.name)",
                    "from": "\(period.from)", "to": "\(period.to)", "visits": "\(record.visits)", "csv": "\(directory.path(csvName))",
                    "html": "\(directory.path(htmlName))",
                ])
        }
        return written
    }
}
