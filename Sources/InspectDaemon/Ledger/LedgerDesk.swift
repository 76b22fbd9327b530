import Foundation
import InspectAPI
import InspectCalendar
import InspectCore
import InspectLedger
import InspectNotices
import InspectStore
import Logging

/// The ledger's requests: imports, additions, status changes and the queries about cases,
/// lagging units and notices. Every change rings the escalation service, so a new or
/// changed deadline is looked at straight away.
struct LedgerDesk: Sendable {
    let state: DaemonState

    enum Outcome<Value: Sendable>: Sendable {
        case done(Value)
        case rejected([ImportProblem], omitted: Int)
    }

    /// Schedules the verification visits (复查) of cases that became rectified, on the
    /// planning queue (like a re-plan: the plan lock is never waited for on the cooperative
    /// pool). A failure is logged, not thrown: the status change is stored already, and the
    /// roster service's sweep gives a rectified case without its visit one later.
    func scheduleVerifications(_ cases: [RectificationCase], uid: UInt32) async {
        guard !cases.isEmpty else { return }
        let logger = Logger(label: "inspectd")
        let desk = TaskDesk(state: state, logger: logger)
        let roster = RosterDesk(state: state, logger: logger)
        for item in cases {
            do {
                _ = try await roster.onPlanningQueue { try desk.scheduleVerification(of: item, uid: uid, now: Int64(Date().timeIntervalSince1970)) }
            } catch {
                logger.error(
                    "the verification visit of case \(item.id) could not be scheduled: \(error); add it with inspectctl task add --reason verification --case \(item.id)",
                    metadata: ["event": "verification_failed", "case": "\(item.id)"])
            }
        }
    }

    /// Cancels the open verification tasks of cases that left `rectified` by hand or import,
    /// on the planning queue; cases without one cost a read, not the plan lock.
    func cancelVerifications(_ caseIDs: [String]) async {
        guard !caseIDs.isEmpty else { return }
        let logger = Logger(label: "inspectd")
        let desk = TaskDesk(state: state, logger: logger)
        let roster = RosterDesk(state: state, logger: logger)
        let open: Set<String>
        do {
            open = Set(try state.store.openTasks().filter { $0.reason == "verification" }.compactMap(\.caseID))
        } catch {
            logger.error("the verification tasks could not be read: \(error)", metadata: ["event": "verification_failed"])
            return
        }
        for id in caseIDs where open.contains(id) {
            do {
                try await roster.onPlanningQueue { try desk.cancelVerifications(ofCase: id, now: Int64(Date().timeIntervalSince1970)) }
            } catch {
                logger.error("the verification task of case \(id) could not be cancelled: \(error)", metadata: ["event": "verification_failed", "case": "\(id)"])
            }
        }
    }

    /// The status warnings about tasks and undecided verifications, after a case changed.
    func refreshTaskWarnings() {
        if let warnings = try? TaskDesk(state: state, logger: Logger(label: "inspectd")).warnings() { state.replaceTaskWarnings(warnings) }
    }

    /// Today in the district's zone.
    var today: CivilDate { state.zone.date(atUTC: Int64(Date().timeIntervalSince1970)) }

    func importCases(
        _ bytes: [UInt8], file: String, encoding: TextEncoding?, uid: UInt32, dryRun: Bool, addOnly: Bool
    ) async throws(StoreError) -> Outcome<ImportResult> {
        let decoded: DecodedText
        let parsed: [ParsedCase]
        do {
            decoded = try DirectoryImport.decode(bytes, encoding: encoding, file: file)
            parsed = try CaseImport.read(text: decoded.text, file: file)
        } catch {
            return .rejected(error.problems, omitted: error.omittedCount)
        }
        let encodingName = decoded.encoding.rawValue
        let at = Timestamp.string(Date())
        let check: @Sendable (DirectorySnapshot) -> [ImportProblem] = { snapshot in
            CaseImport.checkReferences(
                cases: parsed, unitIDs: Set(snapshot.units.map(\.id)), siteIDs: Set(snapshot.sites.map(\.id)), file: file)
        }
        do {
            if addOnly {
                guard parsed.count == 1, let item = parsed.first else {
                    return .rejected([ImportProblem(file: file, line: 1, message: "adds one case at a time; use cases import for a file")], omitted: 0)
                }
                if !dryRun { try state.store.addCase(item.value, at: at, uid: uid, check: check) }
                state.ledgerChanged.ring()
                if !dryRun && item.value.status == .rectified { await scheduleVerifications([item.value], uid: uid) }
                return .done(ImportResult(kind: "cases", file: file, encoding: encodingName, inserted: 1, updated: 0, unchanged: 0, dryRun: dryRun))
            }
            let before = Dictionary(try state.store.cases().map { ($0.id, $0.status) }, uniquingKeysWith: { first, _ in first })
            let summary = try state.store.importCases(
                parsed.map { (line: $0.line, value: $0.value) }, presentColumns: Self.columns(of: decoded.text), at: at,
                now: Int64(Date().timeIntervalSince1970), uid: uid, file: file, dryRun: dryRun,
                allow: { from, to in CaseTransitions.check(from: from, to: to)?.message }, check: check)
            if !dryRun {
                state.ledgerChanged.ring()
                let after = try state.store.cases()
                await scheduleVerifications(after.filter { $0.status == .rectified && before[$0.id] != .rectified }, uid: uid)
                await cancelVerifications(after.filter { $0.status != .rectified && before[$0.id] == .rectified }.map(\.id))
                refreshTaskWarnings()
            }
            return .done(
                ImportResult(
                    kind: "cases", file: file, encoding: encodingName, inserted: summary.inserted, updated: summary.updated,
                    unchanged: summary.unchanged, dryRun: dryRun))
        } catch .rejected(let problems) {
            let failure = ImportFailure(problems)
            return .rejected(failure.problems, omitted: failure.omittedCount)
        }
    }

    /// The (lower-cased) column names of a CSV text's header.
    static func columns(of text: String) -> Set<String> {
        guard let header = CSVReader.read(text).records.first else { return [] }
        return Set(header.fields.map { CSVTable.trimmed($0).lowercased() })
    }

    func updateCase(_ id: String, _ request: CaseUpdateRequest, uid: UInt32) async throws(StoreError) -> Outcome<CaseItem> {
        var problems: [ImportProblem] = []
        var status: CaseStatus?
        if let text = request.status {
            status = CaseStatus(rawValue: text)
            if status == nil {
                problems.append(
                    ImportProblem(
                        file: "case \(id)", line: 0, column: "status", value: text,
                        message: "is not a status; use \(CaseStatus.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        var measures: [EnforcementMeasure] = []
        for text in request.measures ?? [] {
            if let measure = EnforcementMeasure(rawValue: text) {
                measures.append(measure)
            } else {
                problems.append(
                    ImportProblem(
                        file: "case \(id)", line: 0, column: "measures", value: text,
                        message: "is not a measure; use \(EnforcementMeasure.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        if status == nil && measures.isEmpty && (request.note ?? "").isEmpty && problems.isEmpty {
            problems.append(ImportProblem(file: "case \(id)", line: 0, message: "nothing to change; give a status, a note or a measure"))
        }
        if !problems.isEmpty { return .rejected(problems, omitted: 0) }
        do {
            let updated = try state.store.updateCase(
                id, status: status, addMeasures: measures, note: request.note, at: Timestamp.string(Date()),
                now: Int64(Date().timeIntervalSince1970), uid: uid
            ) { from, to in CaseTransitions.check(from: from, to: to)?.message }
            state.ledgerChanged.ring()
            if status == .rectified { await scheduleVerifications([updated], uid: uid) }
            if let status, status != .rectified { await cancelVerifications([id]) }
            if status != nil { refreshTaskWarnings() }
            return .done(item(updated))
        } catch .rejected(let problems) {
            return .rejected(problems, omitted: 0)
        }
    }

    func item(_ value: RectificationCase) -> CaseItem {
        let days = value.status.isOutstanding ? max(0, value.deadline.days(to: today)) : 0
        return CaseItem(value, today: today.description, daysOverdue: days)
    }

    func listCases(unit: String?, status: CaseStatus?, overdueOnly: Bool) throws(StoreError) -> [CaseItem] {
        try state.store.cases()
            .filter { unit == nil || $0.unit == unit }
            .filter { status == nil || $0.status == status }
            .map(item)
            .filter { !overdueOnly || $0.overdue }
    }

    func detail(_ id: String) throws(StoreError) -> CaseDetail? {
        guard let value = try state.store.findCase(id) else { return nil }
        let history = try state.store.caseHistory(id)
        let notices = try state.store.notices(pendingOnly: false, kind: nil, since: nil, caseID: id, limit: 1000).map(summary)
        return CaseDetail(item: item(value), history: history, notices: notices)
    }

    func standings() throws(StoreError) -> [UnitStandingItem] {
        let names = Dictionary(try state.store.units().map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let standings = LaggingUnits.standings(cases: try state.store.cases(), today: today, thresholds: state.configuration.lagging.thresholds)
        return standings.enumerated().map { index, standing in
            UnitStandingItem(
                rank: index + 1, unit: standing.unit, unitName: names[standing.unit] ?? standing.unit, outstanding: standing.outstanding,
                overdue: standing.overdue, overdueRatioPercent: (standing.overdueRatio * 1000).rounded() / 10,
                meanDaysOverdue: (standing.meanDaysOverdue * 10).rounded() / 10, maxDaysOverdue: standing.maxDaysOverdue,
                longOverdue: standing.longOverdue, lagging: standing.lagging, reasons: standing.reasons)
        }
    }

    func notices(pendingOnly: Bool, kind: String?, since: CivilDate?, caseID: String?, limit: Int) throws(StoreError) -> [NoticeSummary] {
        let sinceSeconds = since.map { state.zone.startOfDay($0) }
        return try state.store.notices(pendingOnly: pendingOnly, kind: kind, since: sinceSeconds, caseID: caseID, limit: limit).map(summary)
    }

    func summary(_ stored: StoredNotice) -> NoticeSummary {
        let notice = NoticeJSON.decode(stored.payload)
        return NoticeSummary(
            id: stored.id, kind: stored.kind, created: notice?.created ?? state.zone.iso8601(utcSeconds: stored.createdAt),
            caseID: stored.caseID, unitID: stored.unitID, subject: notice?.subject ?? "",
            recipients: notice?.recipients.map(\.name) ?? [], priority: stored.priority, pending: stored.writtenAt == nil,
            writtenAt: stored.writtenAt.map { state.zone.iso8601(utcSeconds: $0) })
    }
}
