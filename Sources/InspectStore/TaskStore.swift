import Foundation
import GRDB
import InspectCore
import InspectLedger

/// A targeted inspection (专项检查、信访核查、复查): a check of one site with a lead, placed
/// on an existing team-shift in `fromAt..<byAt`, outside the random draw.
public struct StoredTask: Sendable, Equatable {
    /// 0 until stored.
    public var id: Int64
    public var siteID: String
    /// UTC seconds: the visit's shift starts at or after this…
    public var fromAt: Int64
    /// …and ends by this.
    public var byAt: Int64
    /// `complaint`, `referral`, `special` or `verification`.
    public var reason: String
    /// The ledger case it concerns (a verification's case).
    public var caseID: String?
    /// Only on a night shift.
    public var night: Bool
    public var note: String
    /// `placed`, `unplaced`, `done`, `cancelled` or `expired` (its deadline passed before
    /// any team-shift could take it).
    public var status: String
    /// The hosting team-shift while placed (or when done).
    public var teamID: String?
    /// Why it is unplaced.
    public var problem: String
    /// The campaign that made it, if any.
    public var campaign: String?
    public var uid: UInt32
    public var createdAt: Int64

    public init(
        id: Int64 = 0, siteID: String, fromAt: Int64, byAt: Int64, reason: String, caseID: String? = nil, night: Bool = false, note: String = "",
        status: String = "placed", teamID: String? = nil, problem: String = "", campaign: String? = nil, uid: UInt32, createdAt: Int64
    ) {
        self.id = id
        self.siteID = siteID
        self.fromAt = fromAt
        self.byAt = byAt
        self.reason = reason
        self.caseID = caseID
        self.night = night
        self.note = note
        self.status = status
        self.teamID = teamID
        self.problem = problem
        self.campaign = campaign
        self.uid = uid
        self.createdAt = createdAt
    }

    /// Whether the task still wants a visit: placed or unplaced.
    public var isOpen: Bool { status == "placed" || status == "unplaced" }
}

/// Where a task's visit goes: the team and the site's row as the roster keeps it.
public struct TaskPlacementRow: Sendable, Equatable {
    public var teamID: String
    public var locality: String
    public var risk: String

    public init(teamID: String, locality: String, risk: String) {
        self.teamID = teamID
        self.locality = locality
        self.risk = risk
    }
}

extension InspectStore {
    /// Stores tasks and, for each with a placement, appends its visit to that team's list,
    /// all in one transaction: if any team has started by `notBefore` or its list was
    /// released meanwhile, nothing is stored (`rejected`). Returns the tasks with their ids.
    public func addTasks(_ tasks: [(task: StoredTask, placement: TaskPlacementRow?)], notBefore: Int64) throws(StoreError) -> [StoredTask] {
        try write { db in
            var stored: [StoredTask] = []
            for (task, placement) in tasks {
                var saved = task
                saved.status = placement == nil ? "unplaced" : "placed"
                saved.teamID = placement?.teamID
                try db.execute(
                    sql: """
                        INSERT INTO task (site_id, from_at, by_at, reason, case_id, night, note, status, team_id, problem, campaign, uid, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        saved.siteID, saved.fromAt, saved.byAt, saved.reason, saved.caseID, saved.night, saved.note, saved.status,
                        saved.teamID, saved.problem, saved.campaign, saved.uid, saved.createdAt,
                    ])
                saved.id = db.lastInsertedRowID
                if let placement { try Self.appendTaskVisit(taskID: saved.id, siteID: saved.siteID, placement, notBefore: notBefore, db) }
                stored.append(saved)
            }
            return stored
        }
    }

    /// Places an open task on a team (appending its visit) or records it as unplaced with
    /// why, in one transaction. A task that already has a visit is left as it is.
    public func placeTask(_ id: Int64, siteID: String, placement: TaskPlacementRow?, problem: String, notBefore: Int64) throws(StoreError) {
        try write { db in
            guard try String.fetchOne(db, sql: "SELECT status FROM task WHERE id = ?", arguments: [id]).map({ $0 == "placed" || $0 == "unplaced" }) ?? false,
                !(try Bool.fetchOne(db, sql: "SELECT 1 FROM roster_visit WHERE task_id = ?", arguments: [id]) ?? false)
            else { return }
            if let placement {
                try Self.appendTaskVisit(taskID: id, siteID: siteID, placement, notBefore: notBefore, db)
                try db.execute(sql: "UPDATE task SET status = 'placed', team_id = ?, problem = '' WHERE id = ?", arguments: [placement.teamID, id])
            } else {
                try db.execute(sql: "UPDATE task SET status = 'unplaced', team_id = NULL, problem = ? WHERE id = ?", arguments: [problem, id])
            }
        }
    }

    /// Appends a task's visit to its team's list, after the visits already there; refused
    /// when the team has started by `notBefore`, was released, or is gone.
    static func appendTaskVisit(taskID: Int64, siteID: String, _ placement: TaskPlacementRow, notBefore: Int64, _ db: Database) throws {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT starts_at, released_at, plan_id FROM roster_team WHERE id = ?", arguments: [placement.teamID]),
            (row["starts_at"] as Int64) > notBefore, (row["released_at"] as Int64?) == nil
        else {
            throw StoreError.rejected(problems: [
                ImportProblem(
                    file: "task", line: 0, column: "team", value: placement.teamID,
                    message: "has started, was released or is gone since the task was planned; try again")
            ])
        }
        let position = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(position) + 1, 0) FROM roster_visit WHERE team_id = ?", arguments: [placement.teamID]) ?? 0
        try db.execute(
            sql: """
                INSERT INTO roster_visit (team_id, position, site_id, locality, risk, reason, plan_id, task_id)
                VALUES (?, ?, ?, ?, ?, 'task', ?, ?)
                """,
            arguments: [placement.teamID, position, siteID, placement.locality, placement.risk, row["plan_id"] as Int64, taskID])
    }

    /// Cancels an open task and takes its visit off a list still sealed (later visits of
    /// that list move up: nobody has been told their numbers yet). Returns the task as it is
    /// now, its hosting team-shift forgotten; nil when there is no such task. A task done or
    /// cancelled already is refused (`rejected`), and so is one whose list was released: the
    /// team was told its visits as `SHIFT#N` and records results by those numbers, so a
    /// released list is never renumbered.
    public func cancelTask(_ id: Int64, notBefore: Int64) throws(StoreError) -> StoredTask? {
        try write { db in
            guard let task = try Self.fetchTasks(db, where: "id = ?", arguments: [id]).first else { return nil }
            guard task.isOpen else {
                throw StoreError.rejected(problems: [
                    ImportProblem(file: "task", line: 0, column: "status", value: "\(id)", message: "is \(task.status) already; nothing to cancel")
                ])
            }
            if let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT v.team_id, v.position, t.starts_at, t.released_at FROM roster_visit v JOIN roster_team t ON t.id = v.team_id
                    WHERE v.task_id = ?
                    """,
                arguments: [id])
            {
                guard (row["starts_at"] as Int64) > notBefore else {
                    throw StoreError.rejected(problems: [
                        ImportProblem(
                            file: "task", line: 0, column: "team", value: "\(id)",
                            message: "is on shift \(row["team_id"] as String), which has started; record its visit instead")
                    ])
                }
                let teamID: String = row["team_id"]
                let position: Int = row["position"]
                guard (row["released_at"] as Int64?) == nil else {
                    throw StoreError.rejected(problems: [
                        ImportProblem(
                            file: "task", line: 0, column: "team", value: "\(id)",
                            message: "is visit \(teamID)#\(position + 1), whose site list was released to its team already, so it stays on "
                                + "the list (taking it off would renumber the visits the team was told); once the shift starts, "
                                + "record that visit's result with a note that it was no longer needed")
                    ])
                }
                try db.execute(sql: "DELETE FROM roster_visit WHERE team_id = ? AND position = ?", arguments: [teamID, position])
                // Keep positions dense: the visits after it move up (none has a result yet).
                try db.execute(
                    sql: "UPDATE roster_visit SET position = -(position - 1) - 1 WHERE team_id = ? AND position > ?", arguments: [teamID, position])
                try db.execute(sql: "UPDATE roster_visit SET position = -position - 1 WHERE team_id = ? AND position < 0", arguments: [teamID])
            }
            try db.execute(sql: "UPDATE task SET status = 'cancelled', team_id = NULL WHERE id = ?", arguments: [id])
            var cancelled = task
            cancelled.status = "cancelled"
            cancelled.teamID = nil
            return cancelled
        }
    }

    /// Marks `expired` the open tasks without a visit whose deadline leaves no shift to take
    /// them (`by_at <= lastChance`), forgetting any former host. Returns them, oldest first.
    public func expireTasks(deadlineBy lastChance: Int64) throws(StoreError) -> [StoredTask] {
        try write { db in
            let expiring = try Self.fetchTasks(
                db,
                where: "status IN ('placed', 'unplaced') AND by_at <= ? AND NOT EXISTS (SELECT 1 FROM roster_visit v WHERE v.task_id = task.id)",
                arguments: [lastChance]
            ).reversed()
            for task in expiring {
                try db.execute(sql: "UPDATE task SET status = 'expired', team_id = NULL WHERE id = ?", arguments: [task.id])
            }
            return expiring.map { task in
                var expired = task
                expired.status = "expired"
                expired.teamID = nil
                return expired
            }
        }
    }

    /// The verification tasks of a case, newest first.
    public func verificationTasks(ofCase caseID: String) throws(StoreError) -> [StoredTask] {
        try read { db in try Self.fetchTasks(db, where: "reason = 'verification' AND case_id = ?", arguments: [caseID]) }
    }

    /// Rectified cases whose newest verification task is `done` — its visit found the site
    /// closed or not found, which decides nothing — with that task's id, oldest task first:
    /// the HQ decides these by hand.
    public func undecidedVerifications() throws(StoreError) -> [(caseID: String, taskID: Int64)] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT c.id, k.id FROM rectification_case c
                    JOIN task k ON k.id = (SELECT MAX(id) FROM task WHERE case_id = c.id AND reason = 'verification')
                    WHERE c.status = 'rectified' AND k.status = 'done' ORDER BY k.id
                    """
            ).map { (caseID: $0[0], taskID: $0[1]) }
        }
    }

    /// The rectified cases with a site that want a new verification visit, by id, each with
    /// its newest verification task (none, or one that expired): no verification task of the
    /// case is open, and its newest one was neither cancelled by hand (someone's decision)
    /// nor done (a visit that decided nothing: `undecidedVerifications`, left to the HQ).
    /// One query over the rectified cases, so the roster service's sweep costs what the
    /// candidates cost, not what the ledger does.
    public func casesWantingVerification() throws(StoreError) -> [(item: RectificationCase, lastVerification: StoredTask?)] {
        try read { db in
            let cases = try Self.fetchCases(
                where: """
                    status = 'rectified' AND site IS NOT NULL AND site <> ''
                    AND NOT EXISTS (
                        SELECT 1 FROM task WHERE case_id = rectification_case.id AND reason = 'verification' AND status IN ('placed', 'unplaced'))
                    AND COALESCE((
                        SELECT status FROM task WHERE case_id = rectification_case.id AND reason = 'verification' ORDER BY id DESC LIMIT 1
                    ), '') NOT IN ('cancelled', 'done')
                    """,
                db)
            return try cases.map { item in
                let last = try Self.fetchTasks(
                    db, where: "id = (SELECT MAX(id) FROM task WHERE case_id = ? AND reason = 'verification')", arguments: [item.id]
                ).first
                return (item: item, lastVerification: last)
            }
        }
    }

    /// Tasks, newest first; only those with `status` when given.
    public func tasks(status: String? = nil) throws(StoreError) -> [StoredTask] {
        try read { db in
            if let status { return try Self.fetchTasks(db, where: "status = ?", arguments: [status]) }
            return try Self.fetchTasks(db, where: "1", arguments: [])
        }
    }

    /// Tasks still wanting a visit (placed or unplaced), newest first.
    public func openTasks() throws(StoreError) -> [StoredTask] {
        try read { db in try Self.fetchTasks(db, where: "status IN ('placed', 'unplaced')", arguments: []) }
    }

    /// One task.
    public func task(_ id: Int64) throws(StoreError) -> StoredTask? {
        try read { db in try Self.fetchTasks(db, where: "id = ?", arguments: [id]).first }
    }

    /// Open tasks whose visit is on no list (their team was changed, redrawn or removed by
    /// a re-plan, or they never fitted), oldest first: what a re-plan places again.
    public func tasksWithoutVisit() throws(StoreError) -> [StoredTask] {
        try read { db in
            try Self.fetchTasks(
                db, where: "status IN ('placed', 'unplaced') AND NOT EXISTS (SELECT 1 FROM roster_visit v WHERE v.task_id = task.id)",
                arguments: []
            ).reversed()
        }
    }

    static func fetchTasks(_ db: Database, where clause: String, arguments: StatementArguments) throws -> [StoredTask] {
        try Row.fetchAll(db, sql: "SELECT * FROM task WHERE \(clause) ORDER BY id DESC", arguments: arguments).map { row in
            StoredTask(
                id: row["id"], siteID: row["site_id"], fromAt: row["from_at"], byAt: row["by_at"], reason: row["reason"], caseID: row["case_id"],
                night: row["night"], note: row["note"], status: row["status"], teamID: row["team_id"], problem: row["problem"],
                campaign: row["campaign"], uid: row["uid"], createdAt: row["created_at"])
        }
    }
}
