import Foundation
import GRDB
import InspectCalendar
import InspectCore
import InspectLedger

/// A visit's recorded result, keyed like its `roster_visit` row.
public struct StoredVisitResult: Sendable, Equatable {
    public var teamID: String
    /// 0-based, the visit's place in its team's list.
    public var position: Int
    public var outcome: VisitOutcome
    public var measures: [EnforcementMeasure]
    public var note: String
    /// The case a violation opened (or kept, when recorded again).
    public var caseID: String?
    public var uid: UInt32
    public var recordedAt: Int64

    public init(
        teamID: String, position: Int, outcome: VisitOutcome, measures: [EnforcementMeasure], note: String, caseID: String?, uid: UInt32,
        recordedAt: Int64
    ) {
        self.teamID = teamID
        self.position = position
        self.outcome = outcome
        self.measures = measures
        self.note = note
        self.caseID = caseID
        self.uid = uid
        self.recordedAt = recordedAt
    }
}

extension InspectStore {
    /// Records a visit's result and, for a violation, opens `newCase` in the ledger with its
    /// history entry, all in one transaction: if the case cannot be added, no result is kept.
    ///
    /// A visit already recorded is refused (`rejected`, column `result`) unless `replace`;
    /// a replaced result keeps the case an earlier violation opened, and no second case is
    /// opened. A verification visit whose earlier result decided its case is not recorded
    /// again with another outcome while the case stands as it left it (change the case by
    /// hand first). Returns the result as stored.
    public func recordVisitResult(
        _ result: StoredVisitResult, replace: Bool, newCase: RectificationCase?, at: String
    ) throws(StoreError) -> StoredVisitResult {
        try write { db in
            let visit = "\(result.teamID)#\(result.position + 1)"
            guard
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM roster_visit WHERE team_id = ? AND position = ?", arguments: [result.teamID, result.position])
                    ?? false
            else {
                throw StoreError.rejected(problems: [
                    ImportProblem(file: "visit", line: 0, column: "id", value: visit, message: "is not a rostered visit; list them with inspectctl visit list")
                ])
            }
            let earlier = try Self.fetchVisitResults(
                db, where: "r.team_id = ? AND r.position = ?", arguments: [result.teamID, result.position]
            ).first
            if earlier != nil && !replace {
                throw StoreError.rejected(problems: [
                    ImportProblem(file: "visit", line: 0, column: "result", value: visit, message: "already has a result; only an admin may record it again")
                ])
            }
            var stored = result
            stored.caseID = earlier?.caseID
            // A verification visit (复查) decides its rectified case in the same transaction:
            // compliant verifies it, a violation reopens it (back to in_progress, its ladder
            // going on from the reopening; see EscalationDesk). Decided here, inside the
            // transaction, so the case cannot move between the look and the change.
            var decision: (taskID: Int64, item: RectificationCase, target: CaseStatus)?
            if let task = try Row.fetchOne(
                db,
                sql: """
                    SELECT k.id, k.reason, k.case_id FROM roster_visit v JOIN task k ON k.id = v.task_id
                    WHERE v.team_id = ? AND v.position = ?
                    """,
                arguments: [result.teamID, result.position]),
                (task["reason"] as String) == "verification", let caseID = task["case_id"] as String?,
                let item = try Self.fetchCase(caseID, db)
            {
                // Recorded again with another outcome after the first one decided the case:
                // refused while the case still stands as that result left it.
                if let earlier, earlier.caseID == caseID, earlier.outcome != result.outcome,
                    item.status == (earlier.outcome == .compliant ? .verified : .inProgress)
                {
                    throw StoreError.rejected(problems: [
                        ImportProblem(
                            file: "visit", line: 0, column: "result", value: visit,
                            message: "its earlier result \(earlier.outcome.rawValue) decided case \(caseID), now \(item.status.rawValue); change case \(caseID) by hand first (inspectctl cases update \(caseID) --status …), then record the visit again")
                    ])
                }
                if item.status == .rectified,
                    let target: CaseStatus = result.outcome == .compliant ? .verified : (result.outcome == .violation ? .inProgress : nil),
                    CaseTransitions.isAllowed(from: item.status, to: target)
                {
                    decision = (task["id"], item, target)
                }
            }
            // Otherwise a violation opens `newCase` (the caller always passes it).
            if let newCase, stored.caseID == nil, decision == nil {
                if try Self.fetchCase(newCase.id, db) != nil {
                    throw StoreError.rejected(problems: [
                        ImportProblem(file: "case", line: 0, column: "id", value: newCase.id, message: "is already in the ledger; no result was recorded")
                    ])
                }
                try Self.saveCase(newCase, at: at, created: at, db)
                try Self.appendHistory(
                    newCase.id, at: at, uid: result.uid, action: "add", from: nil, to: newCase.status, note: nil,
                    detail: "opened by the result of visit \(visit)", db)
                stored.caseID = newCase.id
            }
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO visit_result (team_id, position, result, measures, note, case_id, uid, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    stored.teamID, stored.position, stored.outcome.rawValue, stored.measures.map(\.rawValue).joined(separator: ","),
                    stored.note, stored.caseID, stored.uid, stored.recordedAt,
                ])
            if let (taskID, decided, target) = decision {
                var item = decided
                let caseID = item.id
                let from = item.status
                item.status = target
                for measure in stored.measures where !item.measures.contains(measure) { item.measures.append(measure) }
                try Self.saveCase(item, at: at, created: nil, db)
                if target == .inProgress {
                    try db.execute(sql: "UPDATE rectification_case SET reopened_at = ? WHERE id = ?", arguments: [stored.recordedAt, caseID])
                }
                try Self.appendHistory(
                    caseID, at: at, uid: stored.uid, action: target == .verified ? "verify" : "reopen", from: from, to: target,
                    note: stored.note.isEmpty ? nil : stored.note,
                    detail: "verification visit \(visit) (task \(taskID)) found it \(stored.outcome.rawValue)", db)
                stored.caseID = caseID
                try db.execute(sql: "UPDATE visit_result SET case_id = ? WHERE team_id = ? AND position = ?", arguments: [caseID, stored.teamID, stored.position])
            }
            // A targeted task is done once its visit has a result.
            try db.execute(
                sql: """
                    UPDATE task SET status = 'done'
                    WHERE status = 'placed' AND id = (SELECT task_id FROM roster_visit WHERE team_id = ? AND position = ?)
                    """,
                arguments: [stored.teamID, stored.position])
            return stored
        }
    }

    /// The recorded results of the visits of teams dated `from...through`, keyed by team id
    /// and 0-based position.
    public func visitResults(from: CivilDate, through: CivilDate) throws(StoreError) -> [String: [Int: StoredVisitResult]] {
        try read { db in
            var results: [String: [Int: StoredVisitResult]] = [:]
            for result in try Self.fetchVisitResults(
                db, where: "t.date >= ? AND t.date <= ?", arguments: [from.description, through.description])
            {
                results[result.teamID, default: [:]][result.position] = result
            }
            return results
        }
    }

    /// The results recorded after `recordedAfter` and at or before `recordedBy` (UTC seconds)
    /// of visits of teams dated before `datedBefore`: a periodic disclosure's recorded-late
    /// part (`visit_result.recorded_at`).
    public func visitResults(recordedAfter: Int64, recordedBy: Int64, datedBefore: CivilDate) throws(StoreError) -> [StoredVisitResult] {
        try read { db in
            try Self.fetchVisitResults(
                db, where: "t.date < ? AND r.recorded_at > ? AND r.recorded_at <= ?",
                arguments: [datedBefore.description, recordedAfter, recordedBy])
        }
    }

    static func fetchVisitResults(_ db: Database, where clause: String, arguments: StatementArguments) throws -> [StoredVisitResult] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT r.* FROM visit_result r JOIN roster_team t ON t.id = r.team_id
                WHERE \(clause) ORDER BY r.team_id, r.position
                """,
            arguments: arguments
        ).map { row in
            let measures = (row["measures"] as String).split(separator: ",").compactMap { EnforcementMeasure(rawValue: String($0)) }
            return StoredVisitResult(
                teamID: row["team_id"], position: row["position"], outcome: VisitOutcome(rawValue: row["result"]) ?? .compliant,
                measures: measures, note: row["note"], caseID: row["case_id"], uid: row["uid"], recordedAt: row["recorded_at"])
        }
    }
}

extension InspectStore {
    /// Teams whose list was released and whose shift ended after `endedAfter` and at or
    /// before `endedBy` (UTC seconds) and that have visits with no result recorded, each with
    /// those visits' 0-based positions, by the shift's end. A team never released (its shift
    /// ended while the daemon was down, say) never saw its list and is not here; see
    /// ``endedUnreleasedTeams(endedAfter:endedBy:)``.
    public func teamsWithUnrecordedVisits(endedAfter: Int64, endedBy: Int64) throws(StoreError) -> [(team: StoredTeam, unrecorded: [Int])] {
        try read { db in
            var unrecorded: [String: [Int]] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT v.team_id, v.position FROM roster_visit v JOIN roster_team t ON t.id = v.team_id
                    LEFT JOIN visit_result r ON r.team_id = v.team_id AND r.position = v.position
                    WHERE t.ends_at > ? AND t.ends_at <= ? AND t.released_at IS NOT NULL AND r.team_id IS NULL
                    ORDER BY v.team_id, v.position
                    """,
                arguments: [endedAfter, endedBy])
            {
                unrecorded[row[0], default: []].append(row[1])
            }
            guard !unrecorded.isEmpty else { return [] }
            let ids = unrecorded.keys.sorted()
            var teams: [StoredTeam] = []
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                teams += try Self.fetchTeams(db, where: "id IN (\(marks))", arguments: StatementArguments(chunk))
            }
            return teams.sorted { ($0.endsAt, $0.id) < ($1.endsAt, $1.id) }.map { ($0, unrecorded[$0.id] ?? []) }
        }
    }

    /// The ids of teams with visits whose shift ended after `endedAfter` and at or before
    /// `endedBy` (UTC seconds) but whose list was never released to them, by the shift's end.
    public func endedUnreleasedTeams(endedAfter: Int64, endedBy: Int64) throws(StoreError) -> [String] {
        try read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT t.id FROM roster_team t
                    WHERE t.ends_at > ? AND t.ends_at <= ? AND t.released_at IS NULL
                      AND EXISTS (SELECT 1 FROM roster_visit v WHERE v.team_id = t.id)
                    ORDER BY t.ends_at, t.id
                    """,
                arguments: [endedAfter, endedBy])
        }
    }

    /// The dedupe keys of stored notices that start with one of `prefixes` (read through the
    /// keys' unique index, one range a prefix).
    public func noticeKeys(withPrefixes prefixes: [String]) throws(StoreError) -> Set<String> {
        try read { db in
            var keys = Set<String>()
            for prefix in Set(prefixes) where !prefix.isEmpty {
                // Every key starting with the prefix sorts at or after it and before the
                // prefix followed by the highest scalar.
                for key in try String.fetchAll(
                    db, sql: "SELECT dedupe_key FROM notice WHERE dedupe_key >= ? AND dedupe_key < ?",
                    arguments: [prefix, prefix + "\u{10FFFF}"])
                where key.hasPrefix(prefix) {
                    keys.insert(key)
                }
            }
            return keys
        }
    }
}
