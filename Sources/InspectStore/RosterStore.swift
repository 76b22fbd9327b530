import Foundation
import GRDB
import InspectCalendar
import InspectNotices

/// A site a rostered team visits.
public struct StoredVisit: Sendable, Equatable {
    public var siteID: String
    public var locality: String
    public var risk: String
    /// `cadence` or `weighted`: why the draw picked it; `task` for a targeted visit.
    public var reason: String
    /// The plan whose draw picked it; nil for a visit the plan being saved drew.
    public var planID: Int64?
    /// The targeted task this visit carries out; nil for a visit of the random draw.
    public var taskID: Int64?
    /// The task's reason (`complaint`, `referral`, `special`, `verification`), read with it.
    public var taskReason: String?

    public init(
        siteID: String, locality: String, risk: String, reason: String, planID: Int64? = nil, taskID: Int64? = nil, taskReason: String? = nil
    ) {
        self.siteID = siteID
        self.locality = locality
        self.risk = risk
        self.reason = reason
        self.planID = planID
        self.taskID = taskID
        self.taskReason = taskReason
    }

    /// `random` for a visit of the 双随机 draw, `task:<id> <reason>` for a targeted one.
    public var origin: String {
        guard let taskID else { return "random" }
        return "task:\(taskID) \(taskReason ?? "targeted")"
    }
}

/// A roster read in one transaction (``InspectStore/rosterSnapshot(from:through:)``).
public struct RosterSnapshot: Sendable {
    public var teams: [StoredTeam]
    /// Recorded results keyed by team id and 0-based position.
    public var results: [String: [Int: StoredVisitResult]]
    public var shortfalls: [StoredShortfall]
    public var latestPlan: StoredPlan?
}

/// A team on a shift, as rostered.
public struct StoredTeam: Sendable, Equatable {
    /// `DATE/PERIOD/ZONE/N` (N from 1).
    public var id: String
    public var date: CivilDate
    public var periodID: String
    public var zone: String
    /// 0-based within the zone's shift.
    public var index: Int
    /// UTC seconds.
    public var startsAt: Int64
    public var endsAt: Int64
    public var dayKind: String
    public var rain: Bool
    public var night: Bool
    public var pinned: Bool
    /// The plan that last set the team (ignored when saving: the new plan's id is stored).
    public var planID: Int64
    /// When its site list was released to the team: saved as given, so a changed team is
    /// saved with nil (released again) and a team whose list stays keeps it.
    public var releasedAt: Int64?
    /// Sorted.
    public var memberIDs: [String]
    /// In draw order.
    public var visits: [StoredVisit]

    public init(
        id: String, date: CivilDate, periodID: String, zone: String, index: Int, startsAt: Int64, endsAt: Int64, dayKind: String,
        rain: Bool, night: Bool, pinned: Bool, planID: Int64 = 0, releasedAt: Int64? = nil, memberIDs: [String], visits: [StoredVisit]
    ) {
        self.id = id
        self.date = date
        self.periodID = periodID
        self.zone = zone
        self.index = index
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.dayKind = dayKind
        self.rain = rain
        self.night = night
        self.pinned = pinned
        self.planID = planID
        self.releasedAt = releasedAt
        self.memberIDs = memberIDs
        self.visits = visits
    }

    /// The id of the `index`-th (0-based) team of a zone's shift.
    public static func id(date: CivilDate, periodID: String, zone: String, index: Int) -> String {
        "\(date)/\(periodID)/\(zone)/\(index + 1)"
    }
}

/// Teams a zone's shift is short of.
public struct StoredShortfall: Sendable, Equatable {
    public var date: CivilDate
    public var periodID: String
    public var zone: String
    public var missingTeams: Int
    public var missingMembers: Int
    public var reason: String

    public init(date: CivilDate, periodID: String, zone: String, missingTeams: Int, missingMembers: Int, reason: String) {
        self.date = date
        self.periodID = periodID
        self.zone = zone
        self.missingTeams = missingTeams
        self.missingMembers = missingMembers
        self.reason = reason
    }
}

/// One run of the planner and the draw, with what is needed to audit and replay it.
public struct StoredPlan: Sendable, Equatable {
    /// 0 until stored.
    public var id: Int64
    public var createdAt: Int64
    public var reason: String
    public var uid: UInt32
    public var firstDate: CivilDate
    public var lastDate: CivilDate
    public var teamsAdded: Int
    public var teamsChanged: Int
    public var teamsRemoved: Int
    public var visitsDrawn: Int
    public var shortfalls: Int
    public var inputDigest: String
    public var seed: UInt64
    public var generator: String
    public var drawDigest: String
    public var drawInput: [UInt8]
    public var drawResult: [UInt8]

    public init(
        id: Int64 = 0, createdAt: Int64, reason: String, uid: UInt32, firstDate: CivilDate, lastDate: CivilDate, teamsAdded: Int,
        teamsChanged: Int, teamsRemoved: Int, visitsDrawn: Int, shortfalls: Int, inputDigest: String, seed: UInt64, generator: String,
        drawDigest: String, drawInput: [UInt8], drawResult: [UInt8]
    ) {
        self.id = id
        self.createdAt = createdAt
        self.reason = reason
        self.uid = uid
        self.firstDate = firstDate
        self.lastDate = lastDate
        self.teamsAdded = teamsAdded
        self.teamsChanged = teamsChanged
        self.teamsRemoved = teamsRemoved
        self.visitsDrawn = visitsDrawn
        self.shortfalls = shortfalls
        self.inputDigest = inputDigest
        self.seed = seed
        self.generator = generator
        self.drawDigest = drawDigest
        self.drawInput = drawInput
        self.drawResult = drawResult
    }
}

/// An inspector's leave or other unavailability.
public struct StoredLeave: Sendable, Equatable {
    public var id: Int64
    public var inspectorID: String
    public var from: CivilDate
    public var through: CivilDate
    public var reason: String
    public var uid: UInt32
    public var createdAt: Int64

    public init(id: Int64 = 0, inspectorID: String, from: CivilDate, through: CivilDate, reason: String, uid: UInt32, createdAt: Int64) {
        self.id = id
        self.inspectorID = inspectorID
        self.from = from
        self.through = through
        self.reason = reason
        self.uid = uid
        self.createdAt = createdAt
    }
}

/// One inspector's duty over a range of dates.
public struct DutyCount: Sendable, Equatable {
    public var inspectorID: String
    public var shifts: Int
    public var hours: Int
    public var nights: Int
    public var restdays: Int
    public var holidays: Int
    public var rain: Int

    public init(inspectorID: String, shifts: Int, hours: Int, nights: Int, restdays: Int, holidays: Int, rain: Int) {
        self.inspectorID = inspectorID
        self.shifts = shifts
        self.hours = hours
        self.nights = nights
        self.restdays = restdays
        self.holidays = holidays
        self.rain = rain
    }
}

/// What one save of the roster changes, all in one transaction.
public struct RosterChange: Sendable {
    public var plan: StoredPlan
    /// Teams added or changed, whole (members and visits).
    public var upserts: [StoredTeam]
    /// Ids of teams that no longer exist.
    public var removals: [String]
    /// The shortfalls from `plan.firstDate` on (replacing those stored).
    public var shortfalls: [StoredShortfall]
    /// Notices decided with the change (roster published, roster changed).
    public var notices: [(notice: Notice, payload: [UInt8])]
    /// `roster_meta` entries to set.
    public var meta: [String: String]

    public init(
        plan: StoredPlan, upserts: [StoredTeam], removals: [String], shortfalls: [StoredShortfall],
        notices: [(notice: Notice, payload: [UInt8])] = [], meta: [String: String] = [:]
    ) {
        self.plan = plan
        self.upserts = upserts
        self.removals = removals
        self.shortfalls = shortfalls
        self.notices = notices
        self.meta = meta
    }
}

extension InspectStore {
    // MARK: - Saving

    /// Saves a plan and the roster changes it made, with its notices, in one transaction.
    /// A team whose shift has started by `now` is never changed or removed: such upserts
    /// and removals are skipped (the planner keeps started shifts; this is the last guard).
    /// A new team for a shift still running (nobody was on it) is added; one for a shift
    /// that has ended is not.
    /// Returns the plan's id.
    @discardableResult
    public func saveRoster(_ change: RosterChange, now: Int64) throws(StoreError) -> Int64 {
        try write { db in
            let plan = change.plan
            try db.execute(
                sql: """
                    INSERT INTO roster_plan (created_at, reason, uid, first_date, last_date, teams_added, teams_changed,
                      teams_removed, visits_drawn, shortfalls, input_digest, seed, generator, draw_digest, draw_input, draw_result)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    plan.createdAt, plan.reason, plan.uid, plan.firstDate.description, plan.lastDate.description, plan.teamsAdded,
                    plan.teamsChanged, plan.teamsRemoved, plan.visitsDrawn, plan.shortfalls, plan.inputDigest, String(plan.seed),
                    plan.generator, plan.drawDigest, Data(plan.drawInput), Data(plan.drawResult),
                ])
            let planID = db.lastInsertedRowID
            for id in change.removals {
                try db.execute(sql: "DELETE FROM roster_team WHERE id = ? AND starts_at > ?", arguments: [id, now])
            }
            for team in change.upserts {
                if let startsAt = try Int64.fetchOne(db, sql: "SELECT starts_at FROM roster_team WHERE id = ?", arguments: [team.id]) {
                    guard startsAt > now, team.startsAt > now else { continue }
                    try db.execute(sql: "DELETE FROM roster_team WHERE id = ?", arguments: [team.id])
                } else {
                    // A new team may staff a shift that is running with nobody on it.
                    guard team.endsAt > now else { continue }
                }
                try db.execute(
                    sql: """
                        INSERT INTO roster_team (id, date, period, zone, team_index, starts_at, ends_at, day_kind, rain, night,
                          pinned, plan_id, released_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        team.id, team.date.description, team.periodID, team.zone, team.index, team.startsAt, team.endsAt, team.dayKind,
                        team.rain, team.night, team.pinned, planID, team.releasedAt,
                    ])
                for member in Set(team.memberIDs) {
                    try db.execute(sql: "INSERT INTO roster_member (team_id, inspector_id) VALUES (?, ?)", arguments: [team.id, member])
                }
                for (position, visit) in team.visits.enumerated() {
                    try db.execute(
                        sql: """
                            INSERT INTO roster_visit (team_id, position, site_id, locality, risk, reason, plan_id, task_id)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            team.id, position, visit.siteID, visit.locality, visit.risk, visit.reason, visit.planID ?? planID, visit.taskID,
                        ])
                }
            }
            try db.execute(sql: "DELETE FROM roster_shortfall WHERE date >= ?", arguments: [plan.firstDate.description])
            for shortfall in change.shortfalls {
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO roster_shortfall (date, period, zone, missing_teams, missing_members, reason)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        shortfall.date.description, shortfall.periodID, shortfall.zone, shortfall.missingTeams, shortfall.missingMembers,
                        shortfall.reason,
                    ])
            }
            try Self.insertNotices(change.notices, at: now, db)
            try Self.setMeta(change.meta, db)
            return planID
        }
    }

    /// Marks teams' site lists released, with the release notices, in one transaction.
    /// A team already released (by an earlier round) is skipped, and so are its notices.
    public func markReleased(_ teams: [(id: String, notices: [(notice: Notice, payload: [UInt8])])], at now: Int64) throws(StoreError) {
        try write { db in
            for team in teams {
                try db.execute(
                    sql: "UPDATE roster_team SET released_at = ? WHERE id = ? AND released_at IS NULL", arguments: [now, team.id])
                if db.changesCount > 0 { try Self.insertNotices(team.notices, at: now, db) }
            }
        }
    }

    /// Commits roster notices (the roster published) with the `roster_meta` entries that
    /// record them, in one transaction.
    public func saveRosterNotices(_ notices: [(notice: Notice, payload: [UInt8])], meta: [String: String], at now: Int64) throws(StoreError) {
        try write { db in
            try Self.insertNotices(notices, at: now, db)
            try Self.setMeta(meta, db)
        }
    }

    static func insertNotices(_ notices: [(notice: Notice, payload: [UInt8])], at now: Int64, _ db: Database) throws {
        for (notice, payload) in notices {
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO notice (id, dedupe_key, kind, created_at, case_id, unit_id, priority, payload)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    notice.id, notice.dedupeKey, notice.kind.rawValue, now, notice.caseID, notice.unitID, notice.priority, Data(payload),
                ])
        }
    }

    static func setMeta(_ meta: [String: String], _ db: Database) throws {
        for (key, value) in meta.sorted(by: { $0.key < $1.key }) {
            try db.execute(sql: "INSERT OR REPLACE INTO roster_meta (key, value) VALUES (?, ?)", arguments: [key, value])
        }
    }

    /// Sets `roster_meta` entries.
    public func setRosterMeta(_ meta: [String: String]) throws(StoreError) {
        try write { db in try Self.setMeta(meta, db) }
    }

    /// Whether any plan has been stored.
    public func hasRosterPlan() throws(StoreError) -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM roster_plan)") ?? false }
    }

    /// Per inspector, the shifts, hours and night, rest-day, holiday and rain duties of teams
    /// dated `from...through`, summed in the database.
    public func dutyCounts(from: CivilDate, through: CivilDate) throws(StoreError) -> [DutyCount] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT m.inspector_id, COUNT(*), SUM(t.ends_at - t.starts_at) / 3600, SUM(t.night),
                      SUM(t.day_kind = 'restday'), SUM(t.day_kind = 'holiday'), SUM(t.rain)
                    FROM roster_member m JOIN roster_team t ON t.id = m.team_id
                    WHERE t.date >= ? AND t.date <= ? GROUP BY m.inspector_id ORDER BY m.inspector_id
                    """,
                arguments: [from.description, through.description]
            ).map { row in
                DutyCount(
                    inspectorID: row[0], shifts: row[1], hours: row[2], nights: row[3], restdays: row[4], holidays: row[5], rain: row[6])
            }
        }
    }

    /// A `roster_meta` entry, such as `published_through`.
    public func rosterMeta(_ key: String) throws(StoreError) -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM roster_meta WHERE key = ?", arguments: [key]) }
    }

    // MARK: - Teams

    /// Teams whose shift date is in `from...through`, by start, zone and index.
    public func rosterTeams(from: CivilDate, through: CivilDate) throws(StoreError) -> [StoredTeam] {
        try read { db in
            try Self.fetchTeams(
                db, where: "date >= ? AND date <= ?", arguments: [from.description, through.description])
        }
    }

    /// Teams on duty at `instant` (started, not ended).
    public func rosterTeams(onDutyAt instant: Int64) throws(StoreError) -> [StoredTeam] {
        try read { db in try Self.fetchTeams(db, where: "starts_at <= ? AND ends_at > ?", arguments: [instant, instant]) }
    }

    /// One team.
    public func rosterTeam(_ id: String) throws(StoreError) -> StoredTeam? {
        try read { db in try Self.fetchTeams(db, where: "id = ?", arguments: [id]).first }
    }

    /// Teams whose site list is due for release at `now` (`starts_at − lead ≤ now`), not yet
    /// released, and not ended.
    public func teamsDueForRelease(now: Int64, leadSeconds: Int64) throws(StoreError) -> [StoredTeam] {
        try read { db in
            try Self.fetchTeams(
                db, where: "released_at IS NULL AND starts_at <= ? AND ends_at > ?", arguments: [now + leadSeconds, now])
        }
    }

    /// The earliest start of a team not yet released whose shift has not ended, for the
    /// release timer.
    public func nextUnreleasedStart(after now: Int64) throws(StoreError) -> Int64? {
        try read { db in
            try Int64.fetchOne(db, sql: "SELECT MIN(starts_at) FROM roster_team WHERE released_at IS NULL AND ends_at > ?", arguments: [now])
        }
    }

    static func fetchTeams(_ db: Database, where clause: String, arguments: StatementArguments) throws -> [StoredTeam] {
        let rows = try Row.fetchAll(
            db, sql: "SELECT * FROM roster_team WHERE \(clause) ORDER BY starts_at, zone, team_index", arguments: arguments)
        guard !rows.isEmpty else { return [] }
        var members: [String: [String]] = [:]
        var visits: [String: [StoredVisit]] = [:]
        let ids = rows.map { $0["id"] as String }
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            for row in try Row.fetchAll(
                db, sql: "SELECT team_id, inspector_id FROM roster_member WHERE team_id IN (\(marks)) ORDER BY inspector_id",
                arguments: StatementArguments(chunk))
            {
                members[row[0], default: []].append(row[1])
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT v.team_id, v.site_id, v.locality, v.risk, v.reason, v.plan_id, v.task_id, k.reason
                    FROM roster_visit v LEFT JOIN task k ON k.id = v.task_id
                    WHERE v.team_id IN (\(marks)) ORDER BY v.position
                    """,
                arguments: StatementArguments(chunk))
            {
                visits[row[0], default: []].append(
                    StoredVisit(siteID: row[1], locality: row[2], risk: row[3], reason: row[4], planID: row[5], taskID: row[6], taskReason: row[7]))
            }
        }
        return rows.map { row in
            let id: String = row["id"]
            return StoredTeam(
                id: id, date: Self.date(row, "date"), periodID: row["period"], zone: row["zone"],
                index: row["team_index"], startsAt: row["starts_at"], endsAt: row["ends_at"], dayKind: row["day_kind"], rain: row["rain"],
                night: row["night"], pinned: row["pinned"], planID: row["plan_id"], releasedAt: row["released_at"],
                memberIDs: members[id] ?? [], visits: visits[id] ?? [])
        }
    }

    /// Rostered random visits on dates from `from` on (site, date, period), for the draw's
    /// history; the visits of `excludingTeams` (about to be redrawn or removed) left out,
    /// and targeted visits too: the 双随机 draw neither counts nor sees them.
    public func visitHistory(
        from: CivilDate, excludingTeams: Set<String> = []
    ) throws(StoreError) -> [(siteID: String, date: CivilDate, periodID: String)] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT v.site_id, t.date, t.period, t.id FROM roster_visit v JOIN roster_team t ON t.id = v.team_id
                    WHERE t.date >= ? AND v.task_id IS NULL ORDER BY t.date, t.period, v.site_id
                    """,
                arguments: [from.description]
            ).compactMap { row in
                guard !excludingTeams.contains(row[3] as String), let date = CivilDate(iso: row[1] as String) else { return nil }
                return (row[0], date, row[2])
            }
        }
    }

    // MARK: - Shortfalls and plans

    /// Stored shortfalls on dates in `from...through`, by date, period, zone.
    public func rosterShortfalls(from: CivilDate, through: CivilDate) throws(StoreError) -> [StoredShortfall] {
        try read { db in try Self.fetchShortfalls(db, from: from, through: through) }
    }

    static func fetchShortfalls(_ db: Database, from: CivilDate, through: CivilDate) throws -> [StoredShortfall] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM roster_shortfall WHERE date >= ? AND date <= ? ORDER BY date, period, zone",
            arguments: [from.description, through.description]
        ).map { row in
            StoredShortfall(
                date: Self.date(row, "date"), periodID: row["period"], zone: row["zone"],
                missingTeams: row["missing_teams"], missingMembers: row["missing_members"], reason: row["reason"])
        }
    }

    /// The roster of dates `from...through` as one consistent snapshot: the teams, their
    /// recorded results, the shortfalls and the newest plan read in a single transaction, so
    /// a plan saved meanwhile never pairs its summary with the teams of the plan before it.
    public func rosterSnapshot(from: CivilDate, through: CivilDate) throws(StoreError) -> RosterSnapshot {
        try read { db in
            var results: [String: [Int: StoredVisitResult]] = [:]
            for result in try Self.fetchVisitResults(
                db, where: "t.date >= ? AND t.date <= ?", arguments: [from.description, through.description])
            {
                results[result.teamID, default: [:]][result.position] = result
            }
            return RosterSnapshot(
                teams: try Self.fetchTeams(db, where: "date >= ? AND date <= ?", arguments: [from.description, through.description]),
                results: results, shortfalls: try Self.fetchShortfalls(db, from: from, through: through),
                latestPlan: try Self.fetchPlans(db, limit: 1).first)
        }
    }

    /// A plan by id.
    public func rosterPlan(_ id: Int64) throws(StoreError) -> StoredPlan? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM roster_plan WHERE id = ?", arguments: [id]).map(Self.storedPlan) }
    }

    /// The newest plan.
    public func latestRosterPlan() throws(StoreError) -> StoredPlan? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM roster_plan ORDER BY id DESC LIMIT 1").map(Self.storedPlan) }
    }

    /// Plans, newest first, without their draw records.
    public func rosterPlans(limit: Int) throws(StoreError) -> [StoredPlan] {
        try read { db in try Self.fetchPlans(db, limit: limit) }
    }

    static func fetchPlans(_ db: Database, limit: Int) throws -> [StoredPlan] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT id, created_at, reason, uid, first_date, last_date, teams_added, teams_changed, teams_removed, visits_drawn,
                  shortfalls, input_digest, seed, generator, draw_digest, X'' AS draw_input, X'' AS draw_result
                FROM roster_plan ORDER BY id DESC LIMIT ?
                """, arguments: [limit]
        ).map(Self.storedPlan)
    }

    static func storedPlan(_ row: Row) -> StoredPlan {
        StoredPlan(
            id: row["id"], createdAt: row["created_at"], reason: row["reason"], uid: row["uid"],
            firstDate: Self.date(row, "first_date"),
            lastDate: Self.date(row, "last_date"), teamsAdded: row["teams_added"],
            teamsChanged: row["teams_changed"], teamsRemoved: row["teams_removed"], visitsDrawn: row["visits_drawn"],
            shortfalls: row["shortfalls"], inputDigest: row["input_digest"], seed: UInt64(row["seed"] as String) ?? 0,
            generator: row["generator"], drawDigest: row["draw_digest"], drawInput: (row["draw_input"] as Data?).map { Array($0) } ?? [],
            drawResult: (row["draw_result"] as Data?).map { Array($0) } ?? [])
    }

    // MARK: - Leave

    /// Stores leave; returns it with its id.
    public func addLeave(_ leave: StoredLeave) throws(StoreError) -> StoredLeave {
        try write { db in
            try db.execute(
                sql: "INSERT INTO leave (inspector_id, from_date, through_date, reason, uid, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [leave.inspectorID, leave.from.description, leave.through.description, leave.reason, leave.uid, leave.createdAt])
            var stored = leave
            stored.id = db.lastInsertedRowID
            return stored
        }
    }

    /// Leave that overlaps `from...through`, by inspector and start.
    public func leaves(overlapping from: CivilDate, through: CivilDate) throws(StoreError) -> [StoredLeave] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM leave WHERE from_date <= ? AND through_date >= ? ORDER BY inspector_id, from_date, id",
                arguments: [through.description, from.description]
            ).map { row in
                StoredLeave(
                    id: row["id"], inspectorID: row["inspector_id"], from: Self.date(row, "from_date"),
                    through: Self.date(row, "through_date"), reason: row["reason"], uid: row["uid"],
                    createdAt: row["created_at"])
            }
        }
    }
}

extension InspectStore {
    /// A date column read back; the store writes only valid dates.
    static func date(_ row: Row, _ column: String) -> CivilDate {
        CivilDate(iso: row[column] as String) ?? CivilDate(daysSinceEpoch: 0)
    }
}

/// A declared conflict of interest: the inspector never visits the site.
public struct StoredConflict: Sendable, Equatable {
    public var inspectorID: String
    public var siteID: String
    public var reason: String
    public var uid: UInt32
    public var createdAt: Int64

    public init(inspectorID: String, siteID: String, reason: String, uid: UInt32, createdAt: Int64) {
        self.inspectorID = inspectorID
        self.siteID = siteID
        self.reason = reason
        self.uid = uid
        self.createdAt = createdAt
    }
}

extension InspectStore {
    /// Records a conflict; declaring the same pair again replaces its reason. Returns
    /// whether the pair is new.
    @discardableResult
    public func declareConflict(_ conflict: StoredConflict) throws(StoreError) -> Bool {
        try write { db in
            let existed = try Bool.fetchOne(
                db, sql: "SELECT 1 FROM conflict WHERE inspector_id = ? AND site_id = ?", arguments: [conflict.inspectorID, conflict.siteID]) ?? false
            try db.execute(
                sql: "INSERT OR REPLACE INTO conflict (inspector_id, site_id, reason, uid, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [conflict.inspectorID, conflict.siteID, conflict.reason, conflict.uid, conflict.createdAt])
            return !existed
        }
    }

    /// Every declared conflict, by inspector and site.
    public func conflicts() throws(StoreError) -> [StoredConflict] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM conflict ORDER BY inspector_id, site_id").map { row in
                StoredConflict(
                    inspectorID: row["inspector_id"], siteID: row["site_id"], reason: row["reason"], uid: row["uid"], createdAt: row["created_at"])
            }
        }
    }
}
