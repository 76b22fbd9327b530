import Foundation
import InspectAPI
import InspectCalendar
import InspectConfig
import InspectCore
import InspectLedger
import InspectStore

extension APIRouter {
    /// A visit's id, `SHIFT_ID#POSITION` (position from 1 in the team's site list), split
    /// into the team id and the 0-based position; nil when it is not of that form.
    static func visitKey(_ id: String) -> (teamID: String, position: Int)? {
        guard let mark = id.lastIndex(of: "#"), let position = Int(id[id.index(after: mark)...]), position >= 1 else { return nil }
        let team = String(id[..<mark])
        return team.isEmpty ? nil : (team, position - 1)
    }

    static func visitID(teamID: String, position: Int) -> String { "\(teamID)#\(position + 1)" }

    /// The ledger id of the case a violation found at a visit opens: `patrol-` and the
    /// visit's id with `/` and `#` as `.` (ids allow `A-Z a-z 0-9 _ . -`).
    static func patrolCaseID(teamID: String, position: Int) -> String {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-")
        let text = "patrol-\(teamID).\(position + 1)".map { $0 == "/" ? "." : (allowed.contains($0) ? $0 : "_") }
        return String(String(text).prefix(64))
    }

    /// `POST /v1/visits/record` with a `VisitRecordRequest`: a team member (or an admin)
    /// records what was found at a visit once its shift has started. A violation opens a
    /// ledger case in the same transaction. Recording again is for admins only.
    func recordVisit(_ request: APIRequest, caller: Caller) throws -> APIResponse {
        guard let body = try? JSONDecoder().decode(VisitRecordRequest.self, from: Data(request.body)) else {
            return .problem(.init(code: .badRequest, detail: "the body is not a JSON object with visit, result, measures, note and new_case"))
        }
        guard let outcome = VisitOutcome(rawValue: body.result) else {
            return .problem(
                .init(code: .badRequest, detail: "result \(body.result) is not a result; use \(VisitOutcome.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        var measures: [EnforcementMeasure] = []
        for text in body.measures {
            guard let measure = EnforcementMeasure(rawValue: text) else {
                return .problem(
                    .init(code: .badRequest, detail: "measure \(text) is not a measure; use \(EnforcementMeasure.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            if !measures.contains(measure) { measures.append(measure) }
        }
        guard body.note.count <= 500, (body.newCase ?? "").count <= 200 else {
            return .problem(.init(code: .badRequest, detail: "the note may have up to 500 characters and the case title up to 200"))
        }
        guard let key = Self.visitKey(body.visit) else {
            return .problem(
                .init(code: .badRequest, detail: "visit \(body.visit) is not a visit id; write SHIFT_ID#POSITION, such as 2026-12-01/day/north/1#2 (inspectctl visit list shows them)"))
        }
        let mark = AuditMark(target: body.visit, detail: "result \(outcome.rawValue)")
        guard let team = try state.store.rosterTeam(key.teamID), key.position < team.visits.count else {
            return .problem(.init(code: .notFound, detail: "no visit \(body.visit) in the roster; list them with inspectctl visit list")).audited(mark)
        }
        if caller.role != .admin && !team.memberIDs.contains(where: caller.inspectors.contains) {
            return refuse(caller, "may not record the result of visit \(body.visit): only members of team \(team.id) (or admins) may").audited(mark)
        }
        let now = nowSeconds
        let zone = state.zone
        guard now >= team.startsAt else {
            return .problem(
                .init(code: .conflict, detail: "shift \(team.id) starts at \(zone.iso8601(utcSeconds: team.startsAt)); a visit's result is recorded once the shift has started")
            ).audited(mark)
        }
        let visit = team.visits[key.position]
        var newCase: RectificationCase?
        // The candidate patrol case of a violation. A verification visit's violation reopens
        // the rectified case it verifies instead; the store decides which, inside its
        // transaction. When that case has moved on (verified or closed by hand), the
        // violation opens the patrol case as usual.
        if outcome == .violation {
            newCase = Self.patrolCase(
                team: team, position: key.position, title: body.newCase, measures: measures, sites: try state.store.sites(),
                units: try state.store.units(), visits: state.configuration.visits, recordedOn: zone.date(atUTC: now))
        }
        let result = StoredVisitResult(
            teamID: team.id, position: key.position, outcome: outcome, measures: measures, note: body.note, caseID: nil, uid: caller.uid,
            recordedAt: now)
        let stored: StoredVisitResult
        do {
            stored = try state.store.recordVisitResult(result, replace: caller.role == .admin, newCase: newCase, at: Timestamp.string(Date()))
        } catch {
            guard case .rejected(let problems) = error else { throw error }
            let missing = problems.contains { $0.column == "id" && $0.file == "visit" }
            return .problem(
                .init(
                    code: missing ? .notFound : .conflict,
                    detail: "visit \(body.visit) was not recorded: \(problems.map(\.description).joined(separator: "; "))")
            ).audited(mark)
        }
        if stored.caseID != nil { state.ledgerChanged.ring() }
        if visit.taskReason == "verification" && (outcome == .closed || outcome == .notFound) {
            // The case stays rectified: the HQ decides it (a status warning names it).
            logger.warning(
                "verification visit \(body.visit) (task \(visit.taskID ?? 0)) found the site \(outcome.rawValue), which decides nothing; decide its case by hand",
                metadata: ["event": "verification_undecided", "task": "\(visit.taskID ?? 0)"])
            if let warnings = try? tasks.warnings() { state.replaceTaskWarnings(warnings) }
        }
        let sites = try state.store.sites()
        let item = visitItem(team, position: key.position, name: sites.first { $0.id == visit.siteID }?.name, result: stored, zone: zone)
        return .json(item, status: 201).audited(
            AuditMark(target: body.visit, detail: "result \(outcome.rawValue)" + (stored.caseID.map { ", case \($0)" } ?? "")))
    }

    /// The patrol case a violation found at visit `position` of `team` opens: the site, its
    /// locality as the responsible unit with the unit's contact, the site's kind as category,
    /// and a deadline by that category from the day it was recorded.
    static func patrolCase(
        team: StoredTeam, position: Int, title: String?, measures: [EnforcementMeasure], sites: [Site], units: [InspectCore.Unit],
        visits: VisitSettings, recordedOn: CivilDate
    ) -> RectificationCase {
        let visit = team.visits[position]
        let site = sites.first { $0.id == visit.siteID }
        let unitID = site?.locality ?? visit.locality
        let unit = units.first { $0.id == unitID }
        let title = (title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return RectificationCase(
            id: Self.patrolCaseID(teamID: team.id, position: position),
            title: title.isEmpty ? "\(site?.name ?? visit.siteID)巡查发现问题" : title, source: .patrol, category: site?.kind ?? "",
            site: visit.siteID, unit: unitID, personName: unit?.contactName ?? "", personPhone: unit?.contactPhone ?? "", milestones: [],
            deadline: recordedOn.adding(days: visits.violationDeadlineDays(category: site?.kind ?? "")),
            status: .open, measures: measures)
    }

    func visitItem(_ team: StoredTeam, position: Int, name: String?, result: StoredVisitResult?, zone: DistrictTimeZone) -> VisitItem {
        let visit = team.visits[position]
        return VisitItem(
            id: Self.visitID(teamID: team.id, position: position), shift: team.id, date: team.date.description, period: team.periodID,
            start: zone.iso8601(utcSeconds: team.startsAt), site: visit.siteID, name: name ?? visit.siteID, locality: visit.locality,
            risk: visit.risk, reason: visit.reason, result: result?.outcome.rawValue, measures: result?.measures.map(\.rawValue) ?? [],
            note: result?.note, caseID: result?.caseID, recordedAt: result.map { zone.iso8601(utcSeconds: $0.recordedAt) }, uid: result?.uid,
            origin: visit.origin)
    }

    /// `GET /v1/visits?from=&to=&result=`: rostered visits with their results. Sealed site
    /// lists (not yet released) are left out for everyone but admins, whose read of them
    /// is audited.
    func listVisits(_ request: APIRequest, caller: Caller) throws -> APIResponse {
        let context = try roster.context(now: nowSeconds)
        let from: CivilDate
        let to: CivilDate
        switch dateRange(request, defaultFrom: context.today, defaultTo: context.today) {
        case .success(let range): (from, to) = range
        case .failure(let problem): return .problem(problem)
        }
        var wanted: VisitOutcome?
        if let text = request.query["result"], !text.isEmpty {
            guard let outcome = VisitOutcome(rawValue: text) else {
                return .problem(
                    .init(code: .badRequest, detail: "result=\(text) is not a result; use \(VisitOutcome.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            wanted = outcome
        }
        let renderer = ShiftRenderer(context, role: caller.role ?? .supervisor)
        let teams = try state.store.rosterTeams(from: from, through: to).filter { caller.role == .admin || !renderer.isSealed($0) }
        let results = try state.store.visitResults(from: from, through: to)
        var items: [VisitItem] = []
        for team in teams {
            for position in team.visits.indices {
                let result = results[team.id]?[position]
                if let wanted, result?.outcome != wanted { continue }
                items.append(
                    visitItem(team, position: position, name: renderer.sites[team.visits[position].siteID]?.name, result: result, zone: context.snapshot.zone))
            }
        }
        let response = APIResponse.json(items)
        return renderer.sealedRead(teams).map(response.audited) ?? response
    }
}
