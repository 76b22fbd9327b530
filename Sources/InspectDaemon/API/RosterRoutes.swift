import Foundation
import InspectAPI
import InspectCalendar
import InspectCore
import InspectRoster
import InspectStore

extension APIRouter {
    var roster: RosterDesk { RosterDesk(state: state, logger: logger) }

    var nowSeconds: Int64 { Int64(Date().timeIntervalSince1970) }

    /// Turns stored teams into the API's shifts: names from the directory, the day's kind
    /// and holiday from the calendar, and the site list only when released or to an admin.
    struct ShiftRenderer {
        let context: RosterDesk.Context
        let inspectors: [String: Inspector]
        let sites: [String: Site]
        let periods: [String: PlanningPeriod]
        let role: Role
        let withPhones: Bool
        /// Recorded visit results by team id and 0-based position, shown with released visits.
        var results: [String: [Int: StoredVisitResult]] = [:]

        init(_ context: RosterDesk.Context, role: Role, withPhones: Bool = false) {
            self.context = context
            inspectors = Dictionary(context.inspectors.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            sites = Dictionary(context.sites.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            periods = Dictionary(context.rules.periods.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            self.role = role
            self.withPhones = withPhones
        }

        /// Whether the team's site list is still sealed (before its release).
        func isSealed(_ team: StoredTeam) -> Bool {
            context.now < team.startsAt - context.rules.releaseLeadSeconds
        }

        /// The audit mark for an answer that shows `teams` to an admin, when any of them
        /// reveals a sealed site list; nil otherwise.
        func sealedRead(_ teams: [StoredTeam]) -> AuditMark? {
            guard role == .admin else { return nil }
            let revealed = teams.filter { isSealed($0) && !$0.visits.isEmpty }
            guard let first = revealed.first else { return nil }
            let ids = revealed.prefix(5).map(\.id).joined(separator: ", ")
            return AuditMark(
                target: revealed.count == 1 ? first.id : "",
                detail: "\(revealed.count) sealed site list(s) shown: \(ids)\(revealed.count > 5 ? ", …" : "")", sealed: true)
        }

        func shift(_ team: StoredTeam) -> RosterShift {
            let zone = context.snapshot.zone
            let releaseAt = team.startsAt - context.rules.releaseLeadSeconds
            let sealed = context.now < releaseAt
            let day = context.snapshot.calendar.days(from: team.date, through: team.date).first
            let members = team.memberIDs.map { id in
                let person = inspectors[id]
                return RosterMember(
                    id: id, name: person?.name ?? id, department: person?.department ?? "", certified: person?.certified ?? false,
                    phone: withPhones ? person?.phone : nil)
            }
            let visits =
                sealed && role != .admin
                ? []
                : team.visits.enumerated().map { position, visit in
                    RosterVisit(
                        site: visit.siteID, name: sites[visit.siteID]?.name ?? visit.siteID, locality: visit.locality, risk: visit.risk,
                        reason: visit.reason, result: results[team.id]?[position]?.outcome.rawValue, origin: visit.origin)
                }
            return RosterShift(
                id: team.id, date: team.date.description, period: team.periodID, periodName: periods[team.periodID]?.name ?? team.periodID,
                start: zone.iso8601(utcSeconds: team.startsAt), end: zone.iso8601(utcSeconds: team.endsAt), dayKind: team.dayKind,
                holiday: day?.kind == .holiday ? day?.name : nil, rain: team.rain, zone: team.zone, team: team.index + 1, members: members,
                pinned: team.pinned, sealed: sealed, releaseAt: zone.iso8601(utcSeconds: releaseAt), visits: visits, plan: team.planID)
        }
    }

    func planSummary(_ plan: StoredPlan, role: Role, today: CivilDate, zone: DistrictTimeZone) -> PlanSummary {
        PlanSummary(
            id: plan.id, created: zone.iso8601(utcSeconds: plan.createdAt), reason: plan.reason, firstDate: plan.firstDate.description,
            lastDate: plan.lastDate.description, teamsAdded: plan.teamsAdded, teamsChanged: plan.teamsChanged, teamsRemoved: plan.teamsRemoved,
            visitsDrawn: plan.visitsDrawn, shortfalls: plan.shortfalls, inputDigest: plan.inputDigest, generator: plan.generator,
            drawDigest: plan.drawDigest, seed: role == .admin || plan.lastDate < today ? String(plan.seed) : nil)
    }

    func rosterShortfall(_ shortfall: StoredShortfall) -> RosterShortfall {
        RosterShortfall(
            date: shortfall.date.description, period: shortfall.periodID, zone: shortfall.zone, missingTeams: shortfall.missingTeams,
            missingMembers: shortfall.missingMembers, reason: shortfall.reason)
    }

    /// `GET /v1/roster?from=&to=&unit=&inspector=&period=`. A `unit` caller gets the shifts
    /// with one of its departments' people, an `inspector` caller their own shifts.
    func rosterReport(_ request: APIRequest, caller: Caller) throws -> APIResponse {
        let context = try roster.context(now: nowSeconds)
        var ownDepartments: Set<String>?
        var ownInspectors: Set<String>?
        switch caller.role {
        case .unit:
            let departments = context.units.filter { caller.units.contains($0.id) && $0.kind == .department }.map(\.id)
            guard !departments.isEmpty else {
                return refuse(
                    caller,
                    "may not see the roster: rosters list a department's people, and \(caller.units.joined(separator: ", ")) is no department in the directory; a locality unit sees its own cases (inspectctl cases list)"
                )
            }
            ownDepartments = Set(departments)
        case .inspector: ownInspectors = Set(caller.inspectors)
        default: break
        }
        let from: CivilDate
        let to: CivilDate
        switch dateRange(request, defaultFrom: context.today, defaultTo: context.lastDate) {
        case .success(let range): (from, to) = range
        case .failure(let problem): return .problem(problem)
        }
        func filter(_ key: String) -> String? { request.query[key].flatMap { $0.isEmpty ? nil : $0 } }
        let unit = filter("unit")
        let inspector = filter("inspector")
        let period = filter("period")
        if let period, !context.rules.periods.contains(where: { $0.id == period }) {
            return .problem(
                .init(code: .badRequest, detail: "period=\(period) is not a period; use \(context.rules.periods.map(\.id).joined(separator: ", "))"))
        }
        if let inspector, !context.inspectors.contains(where: { $0.id == inspector }) {
            return .problem(.init(code: .notFound, detail: "no inspector \(inspector) in the directory; list them with inspectctl inspectors"))
        }
        if let unit {
            guard let found = context.units.first(where: { $0.id == unit }) else {
                return .problem(.init(code: .notFound, detail: "no unit \(unit) in the directory; list them with inspectctl units"))
            }
            guard found.kind == .department else {
                return .problem(
                    .init(code: .badRequest, detail: "unit=\(unit) is a locality; unit= takes a department (the roster lists the shifts of its people)"))
            }
        }
        if let unit, let ownDepartments, !ownDepartments.contains(unit) {
            return refuse(caller, "may not see the shifts of unit \(unit)")
        }
        if let inspector, let ownInspectors, !ownInspectors.contains(inspector) {
            return refuse(caller, "may not see the shifts of inspector \(inspector)")
        }
        var renderer = ShiftRenderer(context, role: caller.role ?? .supervisor)
        // One snapshot: a plan saved while this answer is built must not pair its summary
        // with the teams of the plan before it.
        let snapshot = try state.store.rosterSnapshot(from: from, through: to)
        renderer.results = snapshot.results
        let department = Dictionary(context.inspectors.map { ($0.id, $0.department) }, uniquingKeysWith: { first, _ in first })
        let teams = snapshot.teams.filter { team in
            (period == nil || team.periodID == period) && (inspector.map { team.memberIDs.contains($0) } ?? true)
                && (unit.map { unit in team.memberIDs.contains { department[$0] == unit } } ?? true)
                && (ownDepartments.map { own in team.memberIDs.contains { own.contains(department[$0] ?? "") } } ?? true)
                && (ownInspectors.map { own in team.memberIDs.contains { own.contains($0) } } ?? true)
        }
        let shortfalls = snapshot.shortfalls.filter { period == nil || $0.periodID == period }
        let latest = snapshot.latestPlan
        let response = APIResponse.json(
            RosterReport(
                shifts: teams.map(renderer.shift), shortfalls: shortfalls.map(rosterShortfall), from: from.description, to: to.description,
                plan: latest.map { planSummary($0, role: caller.role ?? .supervisor, today: context.today, zone: context.snapshot.zone) }))
        return renderer.sealedRead(teams).map(response.audited) ?? response
    }

    /// `GET /v1/roster/shifts/{id}/explain`: why these people.
    func explain(_ id: String, caller: Caller) throws -> APIResponse {
        guard let team = try state.store.rosterTeam(id) else {
            return .problem(.init(code: .notFound, detail: "no shift \(id) in the roster; list them with inspectctl roster"))
        }
        let now = nowSeconds
        let context = try roster.context(now: now)
        let explanation = try roster.explain(team, context: context)
        let names = Dictionary(context.inspectors.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        // The members' own sentences go with each member below.
        let memberSentences = Set(explanation.members.map(\.sentence))
        var rules = explanation.sentences.filter { !memberSentences.contains($0) }
        if team.pinned { rules.insert("pinned by hand: re-planning keeps it as it is", at: 0) }
        let members = explanation.members.map { member in
            var notes = [member.sentence]
            if !member.blockedBy.isEmpty {
                notes.append("others are kept out by: " + member.blockedBy.map { "\($0.rule.summary) (\($0.inspectors))" }.joined(separator: ", "))
            }
            if !member.replacementExamples.isEmpty {
                notes.append("could be replaced by: " + member.replacementExamples.map { "\(names[$0] ?? $0) (\($0))" }.joined(separator: ", "))
            }
            return ShiftExplanation.MemberNote(
                id: member.inspectorID, name: names[member.inspectorID] ?? member.inspectorID, replacements: member.replacements, notes: notes)
        }
        let renderer = ShiftRenderer(context, role: caller.role ?? .supervisor)
        let response = APIResponse.json(ShiftExplanation(shift: renderer.shift(team), rules: rules, members: members))
        return renderer.sealedRead([team]).map(response.audited) ?? response
    }

    /// `GET /v1/duty?at=`: who is on duty at an instant (now by default), with phones.
    func duty(_ request: APIRequest, caller: Caller) throws -> APIResponse {
        let now = nowSeconds
        var instant = now
        if let text = request.query["at"], !text.isEmpty {
            guard let parsed = Self.instant(text, zone: state.zone) else {
                return .problem(
                    .init(code: .badRequest, detail: "at=\(text) is not a time; write YYYY-MM-DDTHH:MM (district time) or with an offset, such as 2026-12-01T20:00+08:00"))
            }
            instant = parsed
        }
        let context = try roster.context(now: now)
        let renderer = ShiftRenderer(context, role: caller.role ?? .supervisor, withPhones: true)
        let teams = try state.store.rosterTeams(onDutyAt: instant)
        let covered = Set(teams.map(\.zone))
        let response = APIResponse.json(
            DutyReport(
                at: context.snapshot.zone.iso8601(utcSeconds: instant), shifts: teams.map(renderer.shift),
                uncovered: context.rules.zones.map(\.id).filter { !covered.contains($0) }))
        return renderer.sealedRead(teams).map(response.audited) ?? response
    }

    /// `YYYY-MM-DDTHH:MM[:SS]` in the district's time, or with `Z` / `±HH:MM`.
    static func instant(_ text: String, zone: DistrictTimeZone) -> Int64? {
        let parts = text.split(separator: "T", maxSplits: 1)
        guard parts.count == 2, let date = CivilDate(iso: parts[0]) else { return nil }
        var rest = Substring(parts[1])
        var offset: Int64?
        if rest.hasSuffix("Z") {
            offset = 0
            rest = rest.dropLast()
        } else if let sign = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let zoneText = rest[rest.index(after: sign)...]
            guard zoneText.count == 5, let minutes = PlanningPeriod.minute(fromClock: zoneText), minutes < 24 * 60 else { return nil }
            offset = Int64(rest[sign] == "+" ? minutes : -minutes) * 60
            rest = rest[..<sign]
        }
        let time = rest.split(separator: ":")
        guard time.count == 2 || time.count == 3, time.allSatisfy({ $0.count == 2 }),
            let minute = PlanningPeriod.minute(fromClock: time[0] + ":" + time[1]), minute < 1440
        else { return nil }
        var seconds = Int64(minute) * 60
        if time.count == 3 {
            guard let second = Int(time[2]), second < 60 else { return nil }
            seconds += Int64(second)
        }
        let local = Int64(date.daysSinceEpoch) * 86_400 + seconds
        if let offset { return local - offset }
        return zone.utcSeconds(fromLocal: local)
    }

    /// `GET /v1/roster/fairness?from=&to=`: duty counts per inspector and their spreads.
    func fairness(_ request: APIRequest) throws -> APIResponse {
        let context = try roster.context(now: nowSeconds)
        let from: CivilDate
        let to: CivilDate
        switch dateRange(
            request, defaultFrom: context.today.adding(days: -context.rules.lookbackDays), defaultTo: context.lastDate)
        {
        case .success(let range): (from, to) = range
        case .failure(let problem): return .problem(problem)
        }
        let counts = Dictionary(
            try state.store.dutyCounts(from: from, through: to).map { ($0.inspectorID, $0) }, uniquingKeysWith: { first, _ in first })
        var rows: [String: FairnessReport.Row] = [:]
        for inspector in context.inspectors {
            let count = counts[inspector.id]
            rows[inspector.id] = FairnessReport.Row(
                id: inspector.id, name: inspector.name, department: inspector.department, shifts: count?.shifts ?? 0,
                hours: count?.hours ?? 0, nights: count?.nights ?? 0, restdays: count?.restdays ?? 0, holidays: count?.holidays ?? 0,
                rain: count?.rain ?? 0)
        }
        let ordered = rows.values.sorted { ($0.department, $0.id) < ($1.department, $1.id) }
        // Groups of interchangeable inspectors: each department some period requires does
        // that period's duty among its own members; everyone else shares the rest.
        let required = Set(context.rules.team.requiredDepartmentsByPeriod.values.flatMap { $0 })
        var groups: [(String, [FairnessReport.Row])] = [("all", ordered)]
        if !required.isEmpty {
            for department in required.sorted() { groups.append((department, ordered.filter { $0.department == department })) }
            groups.append(("others", ordered.filter { !required.contains($0.department) }))
        }
        let spreads = groups.filter { !$0.1.isEmpty }.map { name, members in
            func spread(_ value: (FairnessReport.Row) -> Int) -> Int { (members.map(value).max() ?? 0) - (members.map(value).min() ?? 0) }
            return FairnessReport.Spread(
                group: name, inspectors: members.count, nights: spread(\.nights), restdays: spread(\.restdays), holidays: spread(\.holidays),
                rain: spread(\.rain))
        }
        return .json(FairnessReport(from: from.description, to: to.description, inspectors: ordered, spreads: spreads))
    }

    /// `GET /v1/plans?limit=`.
    func plans(_ request: APIRequest, caller: Caller) throws -> APIResponse {
        let text = request.query["limit"].flatMap { $0.isEmpty ? nil : $0 }
        let limit = text.map { Int($0) ?? 0 } ?? 20
        guard (1...1000).contains(limit) else {
            return .problem(.init(code: .badRequest, detail: "limit=\(request.query["limit"] ?? "") is out of range; use 1 to 1000"))
        }
        let zone = state.zone
        let today = zone.date(atUTC: nowSeconds)
        let stored = try state.store.rosterPlans(limit: limit)
        let response = APIResponse.json(stored.map { planSummary($0, role: caller.role ?? .supervisor, today: today, zone: zone) })
        let unended = stored.filter { $0.lastDate >= today }
        guard caller.role == .admin, !unended.isEmpty else { return response }
        return response.audited(
            AuditMark(
                target: "", detail: "seeds of plans whose dates have not passed: \(unended.prefix(5).map { String($0.id) }.joined(separator: ", "))",
                sealed: true))
    }

    /// `GET /v1/plans/{id}/verify`: replays the plan's stored draw. Before the planned
    /// period has ended, only an admin may (the replay reveals the seed).
    func verifyDraw(_ idText: String, caller: Caller) throws -> APIResponse {
        guard let id = Int64(idText) else {
            return .problem(.init(code: .badRequest, detail: "\(idText) is not a plan number; list them with inspectctl roster plans"))
        }
        guard let plan = try state.store.rosterPlan(id) else {
            return .problem(.init(code: .notFound, detail: "no plan \(idText); list them with inspectctl roster plans"))
        }
        let today = state.zone.date(atUTC: nowSeconds)
        guard caller.role == .admin || plan.lastDate < today else {
            return .problem(
                .init(code: .forbidden, detail: "plan \(id) draws for dates up to \(plan.lastDate); until they have passed, only an admin may replay its draw"))
        }
        guard let input = try? JSONDecoder().decode(DrawInput.self, from: Data(plan.drawInput)),
            let recorded = try? JSONDecoder().decode(DrawResult.self, from: Data(plan.drawResult))
        else {
            return .json(
                DrawVerification(
                    plan: id, generator: plan.generator, seed: String(plan.seed), inputDigest: plan.drawDigest, visits: plan.visitsDrawn,
                    identical: false, difference: "the stored draw record cannot be read"))
        }
        var difference: String?
        if VisitDraw.inputDigest(input) != plan.drawDigest {
            difference = "the stored input's digest is \(VisitDraw.inputDigest(input)), the plan recorded \(plan.drawDigest)"
        } else if case .failure(let mismatch) = VisitDraw.verify(input, recorded: recorded) {
            difference = mismatch.description
        }
        let response = APIResponse.json(
            DrawVerification(
                plan: id, generator: recorded.generator, seed: String(plan.seed), inputDigest: plan.drawDigest, visits: recorded.visits.count,
                identical: difference == nil, difference: difference))
        guard plan.lastDate >= today else { return response }
        return response.audited(AuditMark(target: String(id), detail: "draw replayed before \(plan.lastDate) passed", sealed: true))
    }

    /// `POST /v1/leave` with a `LeaveRequest`: stores the leave, then re-plans the shifts it touches.
    func addLeave(_ request: APIRequest, caller: Caller) async throws -> APIResponse {
        guard let leave = try? JSONDecoder().decode(LeaveRequest.self, from: Data(request.body)) else {
            return .problem(.init(code: .badRequest, detail: "the body is not a JSON object with inspector, from, to and reason"))
        }
        guard let from = CivilDate(iso: leave.from), let through = CivilDate(iso: leave.to) else {
            return .problem(.init(code: .badRequest, detail: "from=\(leave.from) to=\(leave.to): write dates as YYYY-MM-DD"))
        }
        guard from <= through else { return .problem(.init(code: .badRequest, detail: "from=\(from) is after to=\(through); swap them")) }
        if caller.role == .inspector && !caller.inspectors.contains(leave.inspector) {
            return refuse(caller, "may not ask leave for \(leave.inspector), only for themselves").audited(AuditMark(target: leave.inspector))
        }
        guard from.days(to: through) < 366 else {
            return .problem(.init(code: .badRequest, detail: "leave of more than a year; add it in parts, or remove the inspector from the directory"))
        }
        guard try state.store.inspectors().contains(where: { $0.id == leave.inspector }) else {
            return .problem(.init(code: .notFound, detail: "no inspector \(leave.inspector) in the directory; list them with inspectctl inspectors"))
        }
        let note = leave.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard note.count <= 200 else { return .problem(.init(code: .badRequest, detail: "the reason is longer than 200 characters; shorten it")) }
        let now = nowSeconds
        let zone = state.zone
        let stored = try state.store.addLeave(
            StoredLeave(inspectorID: leave.inspector, from: from, through: through, reason: note, uid: caller.uid, createdAt: now))
        logger.notice(
            "leave added for \(leave.inspector) from \(from) to \(through) by uid \(caller.uid)",
            metadata: ["event": "leave_added", "inspector": "\(leave.inspector)", "uid": "\(caller.uid)"])
        let reason = "leave added for \(leave.inspector) \(from)–\(through)"
        let desk = roster
        let outcome: RosterDesk.Outcome
        do {
            outcome = try await desk.onPlanningQueue { try desk.replan(reason: reason, uid: caller.uid, now: now) }
        } catch {
            // The leave is stored; the roster service plans it on its next round.
            state.requestReplan(because: reason)
            throw error
        }
        let today = zone.date(atUTC: now)
        return APIResponse.json(
            LeaveOutcome(
                leave: leaveItem(stored, zone: zone),
                plan: outcome.plan.map { planSummary($0, role: caller.role ?? .supervisor, today: today, zone: zone) }),
            status: 201
        ).audited(AuditMark(target: leave.inspector, detail: "leave \(stored.id) from \(from) to \(through)"))
    }

    func leaveItem(_ leave: StoredLeave, zone: DistrictTimeZone) -> LeaveItem {
        LeaveItem(
            id: leave.id, inspector: leave.inspectorID, from: leave.from.description, to: leave.through.description, reason: leave.reason,
            created: zone.iso8601(utcSeconds: leave.createdAt), uid: leave.uid)
    }

    /// `GET /v1/leave?from=&to=`: leave overlapping the range (default: today to the horizon's
    /// end); an `inspector` caller gets their own only.
    func listLeave(_ request: APIRequest, caller: Caller) throws -> APIResponse {
        let context = try roster.context(now: nowSeconds)
        switch dateRange(request, defaultFrom: context.today, defaultTo: context.lastDate) {
        case .success(let (from, to)):
            let own = caller.role == .inspector ? Set(caller.inspectors) : nil
            return .json(
                try state.store.leaves(overlapping: from, through: to).filter { own?.contains($0.inspectorID) ?? true }.map {
                    leaveItem($0, zone: context.snapshot.zone)
                })
        case .failure(let problem): return .problem(problem)
        }
    }

    /// `POST /v1/roster/shifts/{id}/assign` with a `RosterAssignRequest`.
    func assign(_ id: String, _ request: APIRequest, caller: Caller) async throws -> APIResponse {
        guard let edit = try? JSONDecoder().decode(RosterAssignRequest.self, from: Data(request.body)) else {
            return .problem(.init(code: .badRequest, detail: "the body is not a JSON object with members (optional) and pinned"))
        }
        let now = nowSeconds
        guard let team = try state.store.rosterTeam(id) else {
            return .problem(.init(code: .notFound, detail: "no shift \(id) in the roster; list them with inspectctl roster"))
        }
        guard team.startsAt > now else {
            return .problem(.init(code: .conflict, detail: "shift \(id) has started; started and past shifts never change"))
        }
        var context = try roster.context(now: now)
        if let members = edit.members {
            let known = Set(context.inspectors.map(\.id))
            let unknown = members.filter { !known.contains($0) }
            guard unknown.isEmpty else {
                return .problem(.init(code: .badRequest, detail: "not in the directory: \(unknown.joined(separator: ", ")); list them with inspectctl inspectors"))
            }
            guard Set(members).count == members.count, !members.isEmpty else {
                return .problem(.init(code: .badRequest, detail: "members must name each inspector once, at least one"))
            }
        }
        if edit.members != nil && !edit.pinned {
            return .problem(
                .init(code: .badRequest, detail: "members set by hand are kept only when pinned; omit pinned or set it to true"))
        }
        let verb = edit.members != nil ? "assigned" : (edit.pinned ? "pinned" : "unpinned")
        let desk = roster
        let outcome = try await desk.onPlanningQueue {
            try desk.replan(reason: "\(id) \(verb) by uid \(caller.uid)", uid: caller.uid, now: now, edits: [id: edit])
        }
        logger.notice("\(id) \(verb) by uid \(caller.uid)", metadata: ["event": "roster_edited", "shift": "\(id)", "uid": "\(caller.uid)"])
        context = try roster.context(now: now)
        guard let updated = try state.store.rosterTeam(id) else {
            return .problem(.init(code: .conflict, detail: "shift \(id) is no longer in the roster"))
        }
        let renderer = ShiftRenderer(context, role: caller.role ?? .supervisor)
        return .json(
            RosterAssignOutcome(
                shift: renderer.shift(updated), warnings: outcome.pinProblems,
                plan: outcome.plan.map { planSummary($0, role: caller.role ?? .supervisor, today: context.today, zone: context.snapshot.zone) }))
    }

    /// `POST /v1/conflicts` with a `ConflictRequest`: records the conflict, then re-plans so no
    /// sealed site list sends the inspector there.
    func declareConflict(_ request: APIRequest, caller: Caller) async throws -> APIResponse {
        guard let conflict = try? JSONDecoder().decode(ConflictRequest.self, from: Data(request.body)) else {
            return .problem(.init(code: .badRequest, detail: "the body is not a JSON object with inspector, site and reason"))
        }
        guard try state.store.inspectors().contains(where: { $0.id == conflict.inspector }) else {
            return .problem(.init(code: .notFound, detail: "no inspector \(conflict.inspector) in the directory; list them with inspectctl inspectors"))
        }
        guard try state.store.sites().contains(where: { $0.id == conflict.site }) else {
            return .problem(.init(code: .notFound, detail: "no site \(conflict.site) in the directory; list them with inspectctl sites"))
        }
        let note = conflict.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard note.count <= 200 else { return .problem(.init(code: .badRequest, detail: "the reason is longer than 200 characters; shorten it")) }
        let now = nowSeconds
        let zone = state.zone
        let stored = StoredConflict(inspectorID: conflict.inspector, siteID: conflict.site, reason: note, uid: caller.uid, createdAt: now)
        try state.store.declareConflict(stored)
        logger.notice(
            "conflict declared: \(conflict.inspector) never visits \(conflict.site), by uid \(caller.uid)",
            metadata: ["event": "conflict_declared", "inspector": "\(conflict.inspector)", "site": "\(conflict.site)", "uid": "\(caller.uid)"])
        let reason = "conflict declared for \(conflict.inspector) and \(conflict.site)"
        let desk = roster
        let outcome: RosterDesk.Outcome
        do {
            outcome = try await desk.onPlanningQueue { try desk.replan(reason: reason, uid: caller.uid, now: now) }
        } catch {
            state.requestReplan(because: reason)
            throw error
        }
        return APIResponse.json(
            ConflictOutcome(
                conflict: conflictItem(stored, zone: zone),
                plan: outcome.plan.map { planSummary($0, role: caller.role ?? .supervisor, today: zone.date(atUTC: now), zone: zone) }),
            status: 201
        ).audited(AuditMark(target: "\(conflict.inspector)/\(conflict.site)"))
    }

    func conflictItem(_ conflict: StoredConflict, zone: DistrictTimeZone) -> ConflictItem {
        ConflictItem(
            inspector: conflict.inspectorID, site: conflict.siteID, reason: conflict.reason, created: zone.iso8601(utcSeconds: conflict.createdAt),
            uid: conflict.uid)
    }

    /// `GET /v1/conflicts`.
    func listConflicts() throws -> APIResponse {
        let zone = state.zone
        return .json(try state.store.conflicts().map { conflictItem($0, zone: zone) })
    }
}
