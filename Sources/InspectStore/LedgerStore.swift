import Foundation
import GRDB
import InspectCalendar
import InspectCore
import InspectLedger
import InspectNotices

/// A decided notice as stored: its JSON (exactly what goes to the outbox) and its state.
public struct StoredNotice: Sendable, Equatable {
    public var id: String
    public var kind: String
    public var createdAt: Int64
    public var caseID: String?
    public var unitID: String?
    public var priority: Int
    public var payload: [UInt8]
    public var journaledAt: Int64?
    public var writtenAt: Int64?
}

extension InspectStore {
    // MARK: - Cases

    /// Imports cases: new ids are inserted, known ids updated, all in one transaction.
    /// A known case keeps what the file has no column for (`site`, `milestones`,
    /// `measures`), and its status may only change as `allow` permits (nil: allowed;
    /// otherwise why not); every change is recorded in its history. `check` sees the
    /// directory and may reject the lot. A dry run changes nothing.
    public func importCases(
        _ cases: [(line: Int, value: RectificationCase)], presentColumns: Set<String>, at: String, now: Int64, uid: UInt32,
        file: String, dryRun: Bool, allow: @Sendable (CaseStatus, CaseStatus) -> String?,
        check: @Sendable (DirectorySnapshot) -> [ImportProblem]
    ) throws(StoreError) -> ImportSummary {
        do {
            return try writerWrite { db in
                var problems = check(
                    DirectorySnapshot(
                        units: try UnitRow.fetchAll(db).map(\.unit), inspectors: [],
                        sites: try SiteRow.fetchAll(db).map(\.site)))
                var summary = ImportSummary(inserted: 0, updated: 0, unchanged: 0)
                for (line, imported) in cases {
                    guard let existing = try Self.fetchCase(imported.id, db) else {
                        if problems.isEmpty {
                            try Self.saveCase(imported, at: at, created: at, db)
                            try Self.appendHistory(
                                imported.id, at: at, uid: uid, action: "import", from: nil, to: imported.status, note: nil,
                                detail: "imported from \(file)", db)
                        }
                        summary.inserted += 1
                        continue
                    }
                    var item = imported
                    if !presentColumns.contains("site") { item.site = existing.site }
                    if !presentColumns.contains("milestones") { item.milestones = existing.milestones }
                    if !presentColumns.contains("measures") { item.measures = existing.measures }
                    if item == existing {
                        summary.unchanged += 1
                        continue
                    }
                    if item.status != existing.status, let refusal = allow(existing.status, item.status) {
                        problems.append(
                            ImportProblem(file: file, line: line, column: "status", value: item.status.rawValue, message: "for case \(item.id) (now \(existing.status.rawValue)): \(refusal)"))
                        continue
                    }
                    summary.updated += 1
                    guard problems.isEmpty else { continue }
                    try Self.saveCase(item, at: at, created: nil, db)
                    if !existing.status.isOutstanding && item.status.isOutstanding {
                        try db.execute(sql: "UPDATE rectification_case SET reopened_at = ? WHERE id = ?", arguments: [now, item.id])
                    }
                    try Self.appendHistory(
                        item.id, at: at, uid: uid, action: "import", from: existing.status, to: item.status, note: nil,
                        detail: "updated from \(file): " + Self.changedFields(existing, item).joined(separator: ", "), db)
                }
                if !problems.isEmpty { throw StoreError.rejected(problems: problems) }
                if dryRun { throw LedgerDryRun(summary: summary) }
                return summary
            }
        } catch let rollback as LedgerDryRun {
            return rollback.summary
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.unavailable(path: path, detail: "\(error)")
        }
    }

    /// The ledger columns whose values differ, for the history.
    static func changedFields(_ old: RectificationCase, _ new: RectificationCase) -> [String] {
        var fields: [String] = []
        if old.title != new.title { fields.append("title") }
        if old.source != new.source { fields.append("source") }
        if old.category != new.category { fields.append("category") }
        if old.site != new.site { fields.append("site") }
        if old.unit != new.unit { fields.append("unit") }
        if old.personName != new.personName { fields.append("person") }
        if old.personPhone != new.personPhone { fields.append("phone") }
        if old.deadline != new.deadline { fields.append("deadline \(old.deadline) → \(new.deadline)") }
        if old.status != new.status { fields.append("status") }
        if old.milestones != new.milestones { fields.append("milestones") }
        if old.measures != new.measures { fields.append("measures") }
        return fields
    }

    /// Adds one case; fails with `rejected` when the id exists or `check` objects.
    public func addCase(
        _ item: RectificationCase, at: String, uid: UInt32, check: @Sendable (DirectorySnapshot) -> [ImportProblem]
    ) throws(StoreError) {
        try write { db in
            if try Self.fetchCase(item.id, db) != nil {
                throw StoreError.rejected(problems: [
                    ImportProblem(file: "case", line: 0, column: "id", value: item.id, message: "is already in the ledger; change it with inspectctl cases update")
                ])
            }
            let problems = check(
                DirectorySnapshot(units: try UnitRow.fetchAll(db).map(\.unit), inspectors: [], sites: try SiteRow.fetchAll(db).map(\.site)))
            if !problems.isEmpty { throw StoreError.rejected(problems: problems) }
            try Self.saveCase(item, at: at, created: at, db)
            try Self.appendHistory(item.id, at: at, uid: uid, action: "add", from: nil, to: item.status, note: nil, detail: nil, db)
        }
    }

    /// Changes a case's status (and measures) after `allow` approves the change from the
    /// stored status, recording who and when. Returns the case as it is now.
    public func updateCase(
        _ id: String, status: CaseStatus?, addMeasures: [EnforcementMeasure], note: String?, at: String, now: Int64 = 0,
        uid: UInt32, allow: @Sendable (CaseStatus, CaseStatus) -> String?
    ) throws(StoreError) -> RectificationCase {
        try write { db in
            guard var item = try Self.fetchCase(id, db) else {
                throw StoreError.rejected(problems: [
                    ImportProblem(file: "case", line: 0, column: "id", value: id, message: "is not in the ledger; list cases with inspectctl cases list")
                ])
            }
            let from = item.status
            if let status {
                if let refusal = allow(from, status) {
                    throw StoreError.rejected(problems: [
                        ImportProblem(file: "case \(id)", line: 0, column: "status", value: status.rawValue, message: refusal)
                    ])
                }
                item.status = status
            }
            for measure in addMeasures where !item.measures.contains(measure) { item.measures.append(measure) }
            try Self.saveCase(item, at: at, created: nil, db)
            if !from.isOutstanding && item.status.isOutstanding {
                try db.execute(sql: "UPDATE rectification_case SET reopened_at = ? WHERE id = ?", arguments: [now, id])
            }
            let measures = addMeasures.isEmpty ? nil : "measures: " + addMeasures.map(\.rawValue).joined(separator: ", ")
            try Self.appendHistory(
                id, at: at, uid: uid, action: "update", from: from, to: status ?? from, note: note, detail: measures, db)
            return item
        }
    }

    public func cases() throws(StoreError) -> [RectificationCase] {
        try read { db in try Self.fetchCases(where: nil, db) }
    }

    /// The cases whose status is open or in progress: what escalation looks at.
    public func outstandingCases() throws(StoreError) -> [RectificationCase] {
        try read { db in try Self.fetchCases(where: "status IN ('open', 'in_progress')", db) }
    }

    /// When each reopened outstanding case was last reopened (UTC seconds).
    public func reopenTimes() throws(StoreError) -> [String: Int64] {
        try read { db in
            var times: [String: Int64] = [:]
            for row in try Row.fetchAll(
                db,
                sql: "SELECT id, reopened_at FROM rectification_case WHERE reopened_at IS NOT NULL AND status IN ('open', 'in_progress')")
            {
                times[row["id"]] = row["reopened_at"]
            }
            return times
        }
    }

    public func findCase(_ id: String) throws(StoreError) -> RectificationCase? {
        try read { db in try Self.fetchCase(id, db) }
    }

    public func caseHistory(_ id: String) throws(StoreError) -> [CaseHistoryEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM case_history WHERE case_id = ? ORDER BY seq", arguments: [id]).map { row in
                CaseHistoryEntry(
                    at: row["at"], uid: row["uid"], action: row["action"], fromStatus: row["from_status"],
                    toStatus: row["to_status"], note: row["note"], detail: row["detail"])
            }
        }
    }

    public func caseCount() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM rectification_case") ?? 0 }
    }

    // MARK: - Notices

    /// Commits notices with what decided them, in one transaction: the fired steps and the
    /// unit escalations. A notice whose dedupe key is already stored is skipped (it was
    /// decided before); returns the notices actually added.
    public func recordNotices(
        _ notices: [(notice: Notice, payload: [UInt8])], fired: [(FiringKey, String)], unitEscalations: [(unit: String, kind: String, date: String)],
        at now: Int64
    ) throws(StoreError) -> [Notice] {
        try write { db in
            // Decided from a snapshot read earlier: a case that stopped being outstanding
            // since (rectified, closed) gets nothing.
            var caseIDs = Set(notices.compactMap(\.notice.caseID))
            caseIDs.formUnion(fired.map(\.0.caseID))
            var settled = Set<String>()
            for id in caseIDs {
                let status = try String.fetchOne(db, sql: "SELECT status FROM rectification_case WHERE id = ?", arguments: [id])
                if status.flatMap(CaseStatus.init(rawValue:))?.isOutstanding != true { settled.insert(id) }
            }
            var added: [Notice] = []
            for (notice, payload) in notices where !settled.contains(notice.caseID ?? "") {
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO notice (id, dedupe_key, kind, created_at, case_id, unit_id, priority, payload)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        notice.id, notice.dedupeKey, notice.kind.rawValue, now, notice.caseID, notice.unitID, notice.priority,
                        Data(payload),
                    ])
                if db.changesCount > 0 { added.append(notice) }
            }
            for (step, noticeID) in fired where !settled.contains(step.caseID) {
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO escalation_fired (case_id, step_id, anchor, repeat_index, notice_id, fired_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [step.caseID, step.stepID, step.anchor, step.repeatIndex, noticeID, now])
            }
            for escalation in unitEscalations {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO unit_escalation (unit_id, kind, last_date) VALUES (?, ?, ?)",
                    arguments: [escalation.unit, escalation.kind, escalation.date])
            }
            return added
        }
    }

    /// The fired steps of outstanding cases, for the ladder to skip (in key order, which
    /// builds the lookup in linear time).
    public func firedKeys() throws(StoreError) -> FiredKeys {
        try read { db in
            var keys: [FiringKey] = []
            let cursor = try Row.fetchCursor(
                db,
                sql: """
                    SELECT f.case_id, f.step_id, f.anchor, f.repeat_index FROM escalation_fired f
                    JOIN rectification_case c ON c.id = f.case_id WHERE c.status IN ('open', 'in_progress')
                    ORDER BY f.case_id, f.step_id, f.anchor, f.repeat_index
                    """)
            while let row = try cursor.next() {
                keys.append(FiringKey(caseID: row[0], stepID: row[1], anchor: row[2], repeatIndex: row[3]))
            }
            return FiredKeys(keys)
        }
    }

    /// When each unit last escalated for `kind` (such as `lagging`).
    public func unitEscalations(kind: String) throws(StoreError) -> [String: String] {
        try read { db in
            Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT unit_id, last_date FROM unit_escalation WHERE kind = ?", arguments: [kind])
                    .map { ($0["unit_id"] as String, $0["last_date"] as String) })
        }
    }

    public func noticeExists(dedupeKey: String) throws(StoreError) -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM notice WHERE dedupe_key = ?", arguments: [dedupeKey]) ?? false }
    }

    /// Notices not yet written to the outbox, oldest first.
    public func pendingNotices(limit: Int) throws(StoreError) -> [StoredNotice] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM notice WHERE written_at IS NULL ORDER BY created_at, id LIMIT ?", arguments: [limit]
            ).map(Self.storedNotice)
        }
    }

    /// Notices not yet sent to the journal, oldest first.
    public func unjournaledNotices(limit: Int) throws(StoreError) -> [StoredNotice] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM notice WHERE journaled_at IS NULL ORDER BY created_at, id LIMIT ?", arguments: [limit]
            ).map(Self.storedNotice)
        }
    }

    /// Which of `ids` are recorded as written to the outbox.
    public func writtenNoticeIDs(among ids: [String]) throws(StoreError) -> Set<String> {
        try read { db in
            var written = Set<String>()
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                let rows = try String.fetchAll(
                    db, sql: "SELECT id FROM notice WHERE written_at IS NOT NULL AND id IN (\(marks))", arguments: StatementArguments(chunk))
                written.formUnion(rows)
            }
            return written
        }
    }

    public func pendingNoticeCount() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM notice WHERE written_at IS NULL") ?? 0 }
    }

    public func markNoticesWritten(_ ids: [String], at: Int64) throws(StoreError) {
        try write { db in
            for id in ids { try db.execute(sql: "UPDATE notice SET written_at = ? WHERE id = ?", arguments: [at, id]) }
        }
    }

    public func markNoticesJournaled(_ ids: [String], at: Int64) throws(StoreError) {
        try write { db in
            for id in ids { try db.execute(sql: "UPDATE notice SET journaled_at = ? WHERE id = ?", arguments: [at, id]) }
        }
    }

    /// Notices, newest first, filtered.
    public func notices(pendingOnly: Bool, kind: String?, since: Int64?, caseID: String?, limit: Int) throws(StoreError) -> [StoredNotice] {
        try read { db in
            var clauses: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if pendingOnly { clauses.append("written_at IS NULL") }
            if let kind {
                clauses.append("kind = ?")
                arguments.append(kind)
            }
            if let since {
                clauses.append("created_at >= ?")
                arguments.append(since)
            }
            if let caseID {
                clauses.append("case_id = ?")
                arguments.append(caseID)
            }
            let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            arguments.append(limit)
            return try Row.fetchAll(
                db, sql: "SELECT * FROM notice \(whereClause) ORDER BY created_at DESC, id DESC LIMIT ?",
                arguments: StatementArguments(arguments)
            ).map(Self.storedNotice)
        }
    }

    // MARK: - Rows

    static func storedNotice(_ row: Row) -> StoredNotice {
        StoredNotice(
            id: row["id"], kind: row["kind"], createdAt: row["created_at"], caseID: row["case_id"], unitID: row["unit_id"],
            priority: row["priority"], payload: (row["payload"] as Data?).map { Array($0) } ?? [], journaledAt: row["journaled_at"],
            writtenAt: row["written_at"])
    }

    static func fetchCase(_ id: String, _ db: Database) throws -> RectificationCase? {
        try fetchCases(where: "id = ?", arguments: [id], db).first
    }

    static func fetchCases(where clause: String?, arguments: StatementArguments = [], _ db: Database) throws -> [RectificationCase] {
        let sql = "SELECT * FROM rectification_case" + (clause.map { " WHERE " + $0 } ?? "") + " ORDER BY id"
        let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
        var milestones: [String: [Milestone]] = [:]
        let milestoneSQL = clause == nil
            ? "SELECT case_id, name, due FROM case_milestone ORDER BY case_id, position"
            : "SELECT case_id, name, due FROM case_milestone WHERE case_id IN (SELECT id FROM rectification_case WHERE \(clause!)) ORDER BY case_id, position"
        let cursor = try Row.fetchCursor(db, sql: milestoneSQL, arguments: arguments)
        while let row = try cursor.next() {
            let due: String = row["due"]
            if let date = CivilDate(iso: due) { milestones[row["case_id"], default: []].append(Milestone(name: row["name"], due: date)) }
        }
        return rows.compactMap { row in
            let deadline: String = row["deadline"]
            let measures: String = row["measures"]
            guard let date = CivilDate(iso: deadline), let source = CaseSource(rawValue: row["source"]),
                let status = CaseStatus(rawValue: row["status"])
            else { return nil }
            let id: String = row["id"]
            return RectificationCase(
                id: id, title: row["title"], source: source, category: row["category"], site: row["site"], unit: row["unit"],
                personName: row["person"], personPhone: row["phone"], milestones: milestones[id] ?? [], deadline: date,
                status: status,
                measures: measures.split(separator: ";").compactMap { EnforcementMeasure(rawValue: String($0)) })
        }
    }

    static func saveCase(_ item: RectificationCase, at: String, created: String?, _ db: Database) throws {
        if let created {
            try db.execute(
                sql: """
                    INSERT INTO rectification_case (id, title, source, category, site, unit, person, phone, deadline, status, measures, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    item.id, item.title, item.source.rawValue, item.category, item.site, item.unit, item.personName,
                    item.personPhone, item.deadline.description, item.status.rawValue,
                    item.measures.map(\.rawValue).joined(separator: ";"), created, at,
                ])
        } else {
            try db.execute(
                sql: """
                    UPDATE rectification_case SET title = ?, source = ?, category = ?, site = ?, unit = ?, person = ?, phone = ?,
                    deadline = ?, status = ?, measures = ?, updated_at = ? WHERE id = ?
                    """,
                arguments: [
                    item.title, item.source.rawValue, item.category, item.site, item.unit, item.personName, item.personPhone,
                    item.deadline.description, item.status.rawValue, item.measures.map(\.rawValue).joined(separator: ";"), at,
                    item.id,
                ])
            try db.execute(sql: "DELETE FROM case_milestone WHERE case_id = ?", arguments: [item.id])
        }
        for (position, milestone) in item.milestones.enumerated() {
            try db.execute(
                sql: "INSERT INTO case_milestone (case_id, position, name, due) VALUES (?, ?, ?, ?)",
                arguments: [item.id, position, milestone.name, milestone.due.description])
        }
    }

    static func appendHistory(
        _ id: String, at: String, uid: UInt32, action: String, from: CaseStatus?, to: CaseStatus?, note: String?, detail: String?,
        _ db: Database
    ) throws {
        try db.execute(
            sql: "INSERT INTO case_history (case_id, at, uid, action, from_status, to_status, note, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [id, at, uid, action, from?.rawValue, to?.rawValue, note, detail])
    }
}

/// Thrown inside a transaction to roll a dry-run case import back while keeping its summary.
private struct LedgerDryRun: Error {
    var summary: ImportSummary
}
