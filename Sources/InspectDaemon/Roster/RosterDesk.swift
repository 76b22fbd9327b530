import Foundation
import InspectAPI
import InspectCalendar
import InspectConfig
import InspectCore
import InspectNotices
import InspectRoster
import InspectStore
import Logging
import Synchronization

/// The rolling roster: plans the horizon, re-plans only what an input change makes
/// necessary, draws the sealed site visits of new and changed teams, and records every
/// plan with what is needed to audit and replay it.
struct RosterDesk: Sendable {
    let state: DaemonState
    let logger: Logger

    /// What one planning round works from, read once.
    struct Context {
        var snapshot: DaemonState.Snapshot
        var rules: RosterRules
        var inspectors: [Inspector]
        var sites: [Site]
        var units: [InspectCore.Unit]
        var now: Int64
        var today: CivilDate
        var lastDate: CivilDate
        var days: [CalendarDay]
        /// Declared conflicts of interest: inspector id → the sites they never visit.
        var conflicts: [String: Set<String>]
    }

    /// A re-plan's outcome: the plan stored, or nil when nothing had to change.
    struct Outcome: Sendable {
        var plan: StoredPlan?
        var shortfalls: [StoredShortfall]
        var pinProblems: [String]
    }

    /// Today and the horizon's last date in the district's zone, without reading the
    /// directory: what the roster service's minute-by-minute look needs.
    static func horizon(_ snapshot: DaemonState.Snapshot, now: Int64) -> (today: CivilDate, lastDate: CivilDate) {
        let today = snapshot.zone.date(atUTC: now)
        return (today, today.adding(days: snapshot.configuration.roster.horizonDays - 1))
    }

    func context(now: Int64) throws(StoreError) -> Context {
        let snapshot = state.snapshot
        let units = try state.store.units()
        let localities = units.filter { $0.kind == .locality }.map(\.id)
        let rules = RosterRules(configuration: snapshot.configuration, localities: localities)
        let (today, lastDate) = Self.horizon(snapshot, now: now)
        return Context(
            snapshot: snapshot, rules: rules, inspectors: try state.store.inspectors(), sites: try state.store.sites(), units: units,
            now: now, today: today, lastDate: lastDate, days: snapshot.calendar.days(from: today, through: lastDate),
            conflicts: try state.store.conflicts().reduce(into: [:]) { $0[$1.inspectorID, default: []].insert($1.siteID) })
    }

    // MARK: - Planning

    /// Plans the horizon from the stored roster: started shifts stay, pinned teams stay,
    /// other teams stay unless a hard rule now fails them, and new slots get teams. `edits`
    /// are manual changes applied first (team id → members and pin). Serialised: one plan
    /// at a time.
    /// `redrawSealed`: also draw again the visits of every team whose site list is not
    /// released yet (after the sites were imported, so new and removed sites count).
    func replan(
        reason: String, uid: UInt32, now: Int64, edits: [String: RosterAssignRequest] = [:], redrawSealed: Bool = false
    ) throws -> Outcome {
        try state.planLock.withLock { _ in
            // The clock is read again once the lock is held: another plan may have run meanwhile.
            let current = max(now, Int64(Date().timeIntervalSince1970))
            return try replanLocked(reason: reason, uid: uid, now: current, edits: edits, redrawSealed: redrawSealed)
        }
    }

    /// Shifts starting within this margin are treated as started: a plan takes well under
    /// this long, so no shift starts between planning and saving.
    static let freezeMarginSeconds: Int64 = 300

    private func replanLocked(
        reason: String, uid: UInt32, now: Int64, edits: [String: RosterAssignRequest], redrawSealed: Bool
    ) throws -> Outcome {
        let context = try context(now: now)
        let rules = context.rules
        guard !context.inspectors.isEmpty else {
            if state.replaceRosterWarnings(["roster: no inspectors in the directory, so nothing is planned; import inspectors.csv"]).isEmpty {
                state.setStatus(state.servingStatus())
            }
            return Outcome(plan: nil, shortfalls: [], pinProblems: [])
        }
        let zone = context.snapshot.zone
        let frozenUntil = now + Self.freezeMarginSeconds
        // The week before counts for rest, night runs and weekly hours; only today on may change.
        let recent = try state.store.rosterTeams(from: context.today.adding(days: -7), through: context.lastDate)
        let stored = recent.filter { $0.date >= context.today }
        let storedByID = Dictionary(stored.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let homes = Dictionary(context.inspectors.map { ($0.id, $0.homeLocality) }, uniquingKeysWith: { first, _ in first })
        /// A site list that sends a member into their own home locality, or to a site they
        /// declared a conflict with (回避), must be drawn again.
        /// On a sealed list only the random visits count: a targeted visit that no longer fits
        /// is moved on its own (below), without drawing the team's random list again. On a
        /// released list every visit counts: its visits are never taken off one by one, since
        /// that would renumber the visits the team was told (`SHIFT#N`).
        func breaksRecusal(_ visits: [StoredVisit], _ members: [String], released: Bool = false) -> Bool {
            let recused = Set(members.compactMap { homes[$0] ?? nil })
            let conflicted = members.reduce(into: Set<String>()) { $0.formUnion(context.conflicts[$1] ?? []) }
            return visits.contains { (released || $0.taskID == nil) && (recused.contains($0.locality) || conflicted.contains($0.siteID)) }
        }
        let tasks = Dictionary(try state.store.openTasks().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let zoneOfLocality = context.rules.zones.reduce(into: [String: String]()) { zones, zone in
            for locality in zone.localities where zones[locality] == nil { zones[locality] = zone.id }
        }
        /// Whether a targeted visit still passes the whole placement test on `team`: the
        /// site's zone, the task's window, its period (night or day), a working day for a
        /// verification, and nobody recused by home locality or a declared conflict.
        func stillFits(_ visit: StoredVisit, _ task: StoredTask, _ team: StoredTeam) -> Bool {
            let recused = Set(team.memberIDs.compactMap { homes[$0] ?? nil })
            let conflicted = team.memberIDs.reduce(into: Set<String>()) { $0.formUnion(context.conflicts[$1] ?? []) }
            let workday = DayKind(rawValue: team.dayKind)?.countsAsWorkday ?? false
            return zoneOfLocality[visit.locality] == team.zone && team.startsAt >= task.fromAt && team.endsAt <= task.byAt
                && task.night == team.night && (task.reason != "verification" || workday)
                && !recused.contains(visit.locality) && !conflicted.contains(visit.siteID)
        }
        /// A kept sealed list keeps its targeted visits that still fit the team; the others
        /// are placed again after the save. A released list keeps every visit as it is.
        func keptVisits(_ visits: [StoredVisit], _ team: StoredTeam, released: Bool) -> [StoredVisit] {
            guard !released else { return visits }
            return visits.filter { visit in
                guard let taskID = visit.taskID else { return true }
                guard let task = tasks[taskID] else { return false }
                return stillFits(visit, task, team)
            }
        }

        var pins: [TeamPin] = []
        for team in stored {
            let edit = edits[team.id]
            let pinned = edit?.pinned ?? team.pinned
            guard pinned else { continue }
            pins.append(
                TeamPin(date: team.date, periodID: team.periodID, zone: team.zone, index: team.index, memberIDs: edit?.members ?? team.memberIDs))
        }
        let seed = UInt64.random(in: .min ... .max)
        let rain = rainKeys(context)
        // The very first plan of the rolling roster also staffs the shifts running now (nobody
        // is on them yet), but not those that have ended. (A plan of seeded history, such as
        // the demo's past weeks, sets no `planned_through`: the first live plan still is one.)
        let firstPlan = try state.store.rosterMeta("planned_through") == nil
        var frozenBefore = frozenUntil
        if firstPlan {
            frozenBefore = now
            for period in rules.periods {
                for date in [context.today.adding(days: -1), context.today] {
                    let interval = period.interval(on: date, in: zone)
                    if interval.start <= now && now < interval.end { frozenBefore = min(frozenBefore, interval.start) }
                }
            }
        }
        let input = try planningInput(context, stored: recent, pins: pins, seed: seed, frozenBefore: frozenBefore)
        let plan = RosterPlanner.plan(input)

        // What changed against the stored roster.
        let periodsByID = Dictionary(rules.periods.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let dayByDate = Dictionary(context.days.map { ($0.date, $0) }, uniquingKeysWith: { first, _ in first })
        let pinnedIDs = Set(pins.map { StoredTeam.id(date: $0.date, periodID: $0.periodID, zone: $0.zone, index: $0.index) })
        var planned: [String: StoredTeam] = [:]
        var order: [String] = []
        for team in plan.teams {
            guard let period = periodsByID[team.periodID], let day = dayByDate[team.date] else { continue }
            let interval = period.interval(on: team.date, in: zone)
            let id = StoredTeam.id(date: team.date, periodID: team.periodID, zone: team.zone, index: team.index)
            planned[id] = StoredTeam(
                id: id, date: team.date, periodID: team.periodID, zone: team.zone, index: team.index, startsAt: interval.start,
                endsAt: interval.end, dayKind: day.kind.rawValue, rain: rain.contains("\(team.date)/\(team.periodID)"),
                night: RosterRules.isNight(period), pinned: pinnedIDs.contains(id), memberIDs: team.memberIDs.sorted(), visits: [])
            order.append(id)
        }
        var added: [String] = []
        var changed: [String] = []
        var flagOnly: [String] = []
        // Teams whose members changed but whose site list still respects their recusal keep
        // the list (released again to the new team); the rest draw again.
        var keptList: [String] = []
        for id in order {
            guard var team = planned[id], team.startsAt > frozenUntil || (firstPlan && team.endsAt > now) else { continue }
            if let old = storedByID[id] {
                if old.startsAt <= frozenUntil { continue }
                let flagsDiffer = old.rain != team.rain || old.night != team.night
                let released = old.releasedAt != nil
                if old.memberIDs != team.memberIDs {
                    if !old.visits.isEmpty && !breaksRecusal(old.visits, team.memberIDs, released: released) && !(flagsDiffer && !released) {
                        team.visits = keptVisits(old.visits, team, released: released)
                        planned[id] = team
                        keptList.append(id)
                    } else {
                        changed.append(id)
                    }
                } else if !released && (flagsDiffer || breaksRecusal(old.visits, team.memberIDs)) {
                    changed.append(id)
                } else if flagsDiffer || old.pinned != team.pinned {
                    // Released already, or only the pin changed: the list stays; the flags follow.
                    team.visits = keptVisits(old.visits, team, released: released)
                    team.releasedAt = old.releasedAt
                    planned[id] = team
                    flagOnly.append(id)
                } else if !released, case let kept = keptVisits(old.visits, team, released: false), kept != old.visits {
                    // Same members, but a declared conflict, a home-locality change, the
                    // calendar or the zones now fail a targeted visit: it moves on its own.
                    team.visits = kept
                    planned[id] = team
                    flagOnly.append(id)
                }
            } else {
                added.append(id)
            }
        }
        let removed = stored.filter { $0.startsAt > frozenUntil && planned[$0.id] == nil }.map(\.id)
        if redrawSealed {
            // Kept teams whose list is still sealed draw again from the sites as they are now.
            let moved = Set(added + changed)
            for id in order where !moved.contains(id) {
                guard let old = storedByID[id], old.startsAt - rules.releaseLeadSeconds > now, old.startsAt > frozenUntil,
                    var team = planned[id]
                else { continue }
                changed.append(id)
                flagOnly.removeAll { $0 == id }
                keptList.removeAll { $0 == id }
                team.visits = []
                planned[id] = team
            }
        }
        // Shifts that have ended are past helping: not reported as short. Running ones are.
        let shortfalls = plan.shortfalls.filter { shortfall in
            guard let period = periodsByID[shortfall.periodID] else { return true }
            return period.interval(on: shortfall.date, in: zone).end > now
        }.map {
            StoredShortfall(
                date: $0.date, periodID: $0.periodID, zone: $0.zone, missingTeams: $0.missingTeams, missingMembers: $0.missingMembers,
                reason: $0.reason)
        }.sorted { ($0.date, $0.periodID, $0.zone) < ($1.date, $1.periodID, $1.zone) }
        let storedShortfalls = try state.store.rosterShortfalls(from: context.today, through: context.lastDate)
        let pinProblems = plan.pinProblems
        if added.isEmpty && changed.isEmpty && removed.isEmpty && flagOnly.isEmpty && keptList.isEmpty && storedShortfalls == shortfalls {
            try state.store.setRosterMeta(["planned_through": context.lastDate.description])
            // Tasks that never fitted are tried again at each re-plan.
            try TaskDesk(state: state, logger: logger).placeTasksWithoutVisit(now: now, context: context)
            publishWarnings(shortfalls, context)
            return Outcome(plan: nil, shortfalls: shortfalls, pinProblems: pinProblems)
        }

        // Draw the visits of new and changed teams; kept teams keep theirs.
        let redrawn = Set(added + changed)
        let drawInput = visitDrawInput(context, teams: (added + changed).compactMap { planned[$0] }, excluding: redrawn.union(removed), seed: seed)
        let draw = VisitDraw.draw(drawInput)
        let sitesByID = Dictionary(context.sites.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var drawnByTeam: [String: [StoredVisit]] = [:]
        for visit in draw.visits {
            guard let site = sitesByID[visit.siteID] else { continue }
            drawnByTeam[visit.slotID, default: []].append(
                StoredVisit(siteID: site.id, locality: site.locality, risk: site.risk.rawValue, reason: visit.reason.rawValue))
        }
        var upserts: [StoredTeam] = []
        for id in added + changed {
            guard var team = planned[id] else { continue }
            team.visits = drawnByTeam[id] ?? []
            upserts.append(team)
        }
        upserts += (keptList + flagOnly).compactMap { planned[$0] }
        let moved = Set(added + changed + keptList)

        let storedPlan = StoredPlan(
            createdAt: now, reason: reason, uid: uid, firstDate: context.today, lastDate: context.lastDate, teamsAdded: added.count,
            teamsChanged: changed.count + keptList.count + flagOnly.count, teamsRemoved: removed.count, visitsDrawn: draw.visits.count,
            shortfalls: shortfalls.count, inputDigest: PlanDigest.hex(input), seed: seed, generator: draw.generator,
            drawDigest: draw.inputDigest, drawInput: (try? JSONEncoder.sorted.encode(drawInput)).map { Array($0) } ?? [],
            drawResult: (try? JSONEncoder.sorted.encode(draw)).map { Array($0) } ?? [])

        // Notices: a first plan publishes at once; later changes to published dates go to
        // the people they touch.
        let composer = RosterNoticeComposer(context: context, now: now)
        var notices: [(notice: Notice, payload: [UInt8])] = []
        var meta: [String: String] = ["planned_through": context.lastDate.description]
        let publishedThrough = try state.store.rosterMeta("published_through").flatMap { CivilDate(iso: $0) }
        if let publishedThrough {
            let before = stored.filter { $0.startsAt > frozenUntil && (moved.contains($0.id) || removed.contains($0.id)) && $0.date <= publishedThrough }
            let after = upserts.filter { moved.contains($0.id) && $0.date <= publishedThrough }
            notices = composer.changeNotices(before: before, after: after, reason: reason)
        } else {
            let all = stored.filter { planned[$0.id] != nil && !moved.contains($0.id) } + upserts.filter { moved.contains($0.id) }
            notices = composer.publishNotices(teams: all, through: context.lastDate)
            meta["published_through"] = context.lastDate.description
        }
        let planID = try state.store.saveRoster(
            RosterChange(plan: storedPlan, upserts: upserts, removals: removed, shortfalls: shortfalls, notices: notices, meta: meta),
            now: max(now, Int64(Date().timeIntervalSince1970)))
        var saved = storedPlan
        saved.id = planID
        logger.notice(
            "roster plan \(planID) (\(reason)): \(added.count) teams added, \(changed.count + flagOnly.count) changed, \(removed.count) removed, \(draw.visits.count) visits drawn, \(shortfalls.count) shifts short",
            metadata: [
                // Not the seed: with it, anyone who can read the journal could replay sealed lists.
                "event": "roster_planned", "plan": "\(planID)", "generator": "\(draw.generator)",
                "input_digest": "\(saved.inputDigest)", "draw_digest": "\(draw.inputDigest)",
            ])
        if !draw.shortfalls.isEmpty {
            let missing = draw.shortfalls.reduce(0) { $0 + $1.wanted - $1.drawn }
            logger.warning(
                "\(draw.shortfalls.count) team-shift\(draw.shortfalls.count == 1 ? "" : "s") got fewer site visits than [visits] per_team (\(missing) missing), first \(draw.shortfalls[0].slotID): \(draw.shortfalls[0].reason)",
                metadata: ["event": "visit_shortfall", "plan": "\(planID)", "teams": "\(draw.shortfalls.count)", "missing": "\(missing)"])
        }
        for problem in pinProblems {
            logger.warning("pinned team breaks a rule: \(problem)", metadata: ["event": "roster_pin_problem", "plan": "\(planID)"])
        }
        if !shortfalls.isEmpty && storedShortfalls != shortfalls {
            for shortfall in shortfalls {
                logger.warning(
                    "roster short: \(Self.describe(shortfall))",
                    metadata: [
                        "event": "roster_shortfall", "date": "\(shortfall.date)", "period": "\(shortfall.periodID)", "zone": "\(shortfall.zone)",
                        "missing_teams": "\(shortfall.missingTeams)",
                    ])
            }
        }
        if !notices.isEmpty { state.noticesDecided.ring() }
        // Targeted visits whose team changed, was redrawn or removed go on a fitting list
        // again (their former team first), like the tasks that never fitted.
        try TaskDesk(state: state, logger: logger).placeTasksWithoutVisit(now: now, context: context)
        publishWarnings(shortfalls, context)
        return Outcome(plan: saved, shortfalls: shortfalls, pinProblems: pinProblems)
    }

    /// The planner's input from the stored roster (the previous plan), the pins, the
    /// leave, the duty history and the rain periods.
    func planningInput(_ context: Context, stored: [StoredTeam], pins: [TeamPin], seed: UInt64, frozenBefore: Int64?) throws -> PlanningInput {
        let rules = context.rules
        let leaves = try state.store.leaves(overlapping: context.today, through: context.lastDate)
        // Rest-day and holiday shifts worked earlier this month count against the monthly caps.
        var monthToDate: [MonthToDate] = []
        if context.today.day > 1, let monthStart = CivilDate(year: context.today.year, month: context.today.month, day: 1) {
            monthToDate = try state.store.dutyCounts(from: monthStart, through: context.today.adding(days: -1)).map {
                MonthToDate(
                    inspectorID: $0.inspectorID, year: monthStart.year, month: monthStart.month, restdays: $0.restdays, holidays: $0.holidays)
            }
        }
        return PlanningInput(
            inspectors: context.inspectors, days: context.days, periods: rules.periods, zone: context.snapshot.zone,
            coverage: rules.coverage, rainPeriods: rainKeys(context), team: rules.team, people: rules.people,
            unavailable: leaves.map { Unavailability(inspectorID: $0.inspectorID, from: $0.from, through: $0.through, reason: $0.reason) },
            history: try dutyHistory(context), seed: seed, iterations: rules.iterations,
            previous: stored.map(\.plannedTeam), frozenBefore: frozenBefore, pins: pins, monthToDate: monthToDate)
    }

    /// Why a stored team is made up as it is, against the rules and the roster as they are now.
    func explain(_ team: StoredTeam, context: Context) throws -> TeamExplanation {
        let now = context.now
        let stored = try state.store.rosterTeams(from: context.today.adding(days: -7), through: context.lastDate)
        let pins = stored.filter { $0.pinned && $0.date >= context.today }.map { TeamPin($0.plannedTeam) }
        let input = try planningInput(context, stored: stored, pins: pins, seed: 0, frozenBefore: now + Self.freezeMarginSeconds)
        let plan = Plan(teams: stored.map(\.plannedTeam), shortfalls: [], hardViolations: 0, fairnessSpread: [:])
        return RosterPlanner.explain(input, plan: plan, team: team.plannedTeam)
    }

    static func describe(_ shortfall: StoredShortfall) -> String {
        "\(shortfall.date) \(shortfall.periodID) \(shortfall.zone): \(shortfall.missingTeams) team\(shortfall.missingTeams == 1 ? "" : "s") short (\(shortfall.missingMembers) people): \(shortfall.reason)"
    }

    /// Puts the shortfalls, and localities no zone covers, among the warnings (`STATUS=`,
    /// `inspectctl status`).
    func publishWarnings(_ shortfalls: [StoredShortfall], _ context: Context) {
        var warnings: [String] = []
        let localities = context.units.filter { $0.kind == .locality }.map(\.id)
        let roster = context.snapshot.configuration.roster
        let outside = roster.localitiesOutsideZones(allLocalities: localities)
        if !outside.isEmpty {
            warnings.append(
                "roster: the localities \(outside.joined(separator: ", ")) are in no [roster] zone, so no team visits their sites; add them to a zone")
        }
        let missing = roster.zoneLocalitiesMissing(fromDirectory: localities)
        if !missing.isEmpty {
            warnings.append("roster: [roster] zones name localities the directory lacks: \(missing.joined(separator: ", ")); import them or fix the zones")
        }
        if let tasks = try? TaskDesk(state: state, logger: logger).warnings() { state.replaceTaskWarnings(tasks) }
        if !shortfalls.isEmpty {
            let teams = shortfalls.reduce(0) { $0 + $1.missingTeams }
            let first = shortfalls[0]
            warnings.append(
                "roster: \(teams) team\(teams == 1 ? "" : "s") short on \(shortfalls.count) shift\(shortfalls.count == 1 ? "" : "s"), first \(Self.describe(first)); see inspectctl roster")
        }
        if state.replaceRosterWarnings(warnings) != warnings { state.setStatus(state.servingStatus()) }
    }

    /// Night, rest-day, holiday and rain duty over the look-back before today.
    func dutyHistory(_ context: Context) throws(StoreError) -> [DutyHistory] {
        let from = context.today.adding(days: -context.rules.lookbackDays)
        return try state.store.dutyCounts(from: from, through: context.today.adding(days: -1)).map {
            DutyHistory(inspectorID: $0.inspectorID, nights: $0.nights, restdays: $0.restdays, holidays: $0.holidays, rain: $0.rain)
        }
    }

    /// Rain periods as the planner keys them (`DATE/PERIOD`); a forecast for any area of the
    /// district makes the period a rain period everywhere.
    func rainKeys(_ context: Context) -> Set<String> {
        Set(state.outlook.rainPeriods.filter { $0.date >= context.today && $0.date <= context.lastDate }.map { "\($0.date)/\($0.period)" })
    }

    /// The draw's input for `teams`: the zone's localities, the members' home localities
    /// recused, and the visits already rostered (except those being redrawn) as history.
    func visitDrawInput(_ context: Context, teams: [StoredTeam], excluding: Set<String>, seed: UInt64) -> DrawInput {
        let zones = Dictionary(context.rules.zones.map { ($0.id, $0.localities) }, uniquingKeysWith: { first, _ in first })
        let homes = Dictionary(context.inspectors.map { ($0.id, $0.homeLocality) }, uniquingKeysWith: { first, _ in first })
        let slots = teams.map { team in
            VisitSlot(
                id: team.id, date: team.date, periodID: team.periodID, isNight: team.night, isRain: team.rain,
                zoneLocalities: zones[team.zone] ?? [], recusedLocalities: Set(team.memberIDs.compactMap { homes[$0] ?? nil }),
                conflictedSites: team.memberIDs.reduce(into: Set<String>()) { $0.formUnion(context.conflicts[$1] ?? []) },
                visits: context.rules.visitsPerTeam)
        }
        // Only what the draw can use goes into the recorded input, which is kept with every
        // plan: the sites of the drawn zones, and of their visits those from the first drawn
        // date on plus the two before it (the latest visit and the pattern rule's two).
        let localities = slots.reduce(into: Set<String>()) { $0.formUnion($1.zoneLocalities) }
        let sites = context.sites.filter { localities.contains($0.locality) }
        let siteIDs = Set(sites.map(\.id))
        let first = slots.map(\.date).min() ?? context.today
        let lookback = max(context.rules.cadence.daysA, context.rules.cadence.daysB, context.rules.cadence.daysC) * 2
        let visits = ((try? state.store.visitHistory(from: context.today.adding(days: -lookback), excludingTeams: excluding)) ?? [])
            .filter { siteIDs.contains($0.siteID) }
        var before: [String: [PastVisit]] = [:]
        var history: [PastVisit] = []
        for visit in visits {
            let past = PastVisit(siteID: visit.siteID, date: visit.date, periodID: visit.periodID)
            if visit.date >= first { history.append(past) } else { before[visit.siteID, default: []].append(past) }
        }
        for (_, earlier) in before {
            history += earlier.sorted { ($0.date, $0.periodID) < ($1.date, $1.periodID) }.suffix(2)
        }
        return DrawInput(sites: sites, history: history, slots: slots, cadence: context.rules.cadence, seed: seed)
    }
}

extension JSONEncoder {
    /// Sorted keys: the same value always encodes to the same bytes.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}

/// SHA-256 over a canonical text of everything the planner read: directory snapshot,
/// rules, calendar, rain periods, leave, history, the previous roster and the pins.
enum PlanDigest {
    static func hex(_ input: PlanningInput) -> String {
        var hasher = SHA256()
        func line(_ fields: [String]) { hasher.update(utf8: fields.joined(separator: "\t") + "\n") }
        line(["inspectd-plan-v1", "\(input.seed)", "\(input.iterations)"])
        for inspector in input.inspectors.sorted(by: { $0.id < $1.id }) {
            line(["inspector", inspector.id, inspector.department, "\(inspector.certified)", inspector.homeLocality ?? ""])
        }
        for day in input.days.sorted(by: { $0.date < $1.date }) { line(["day", day.date.description, day.kind.rawValue]) }
        for period in input.periods { line(["period", period.id, "\(period.startMinute)", "\(period.endMinute)"]) }
        for rule in input.coverage {
            let kinds = rule.teamsByDayKind.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value)" }
            line(["coverage", rule.zone, rule.periodID, "\(rule.extraTeamsInRain)"] + kinds)
        }
        for key in input.rainPeriods.sorted() { line(["rain", key]) }
        let team = input.team
        line(["team", "\(team.size)", "\(team.minDepartments)", "\(team.minCertified)"])
        for (period, departments) in team.requiredDepartmentsByPeriod.sorted(by: { $0.key < $1.key }) {
            line(["required", period] + departments.sorted())
        }
        let people = input.people
        line(
            [
                "people", "\(people.minRestHours)", "\(people.maxHoursPerWeek)", "\(people.maxConsecutiveNights)",
                people.maxRestdayShiftsPerMonth.map(String.init) ?? "-", people.maxHolidayShiftsPerMonth.map(String.init) ?? "-",
            ])
        for leave in input.unavailable { line(["leave", leave.inspectorID, leave.from.description, leave.through.description]) }
        for past in input.history { line(["history", past.inspectorID, "\(past.nights)", "\(past.restdays)", "\(past.holidays)", "\(past.rain)"]) }
        for team in input.previous { line(["previous", team.date.description, team.periodID, team.zone, "\(team.index)"] + team.memberIDs) }
        for pin in input.pins { line(["pin", pin.date.description, pin.periodID, pin.zone, "\(pin.index)"] + pin.memberIDs) }
        if let frozen = input.frozenBefore { line(["frozen_before", "\(frozen)"]) }
        for worked in input.monthToDate {
            line(["month_to_date", worked.inspectorID, "\(worked.year)-\(worked.month)", "\(worked.restdays)", "\(worked.holidays)"])
        }
        return SHA256.hex(hasher.finalize())
    }
}

// MARK: - Off the cooperative pool

extension RosterDesk {
    /// Planning runs for up to a few hundred milliseconds of CPU and SQLite work; it runs on
    /// this serial queue so the API and the other services keep their threads meanwhile.
    static let planningQueue = DispatchQueue(label: "inspectd.roster-planning")

    func onPlanningQueue<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Self.planningQueue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}

// MARK: - Publishing and release

extension RosterDesk {
    /// Publishes the roster to every inspector on the configured weekday from the
    /// configured time (or the first look after it), once a day at most. Returns whether
    /// it published.
    @discardableResult
    func publishIfDue(now: Int64) throws -> Bool {
        try state.planLock.withLock { _ in
            // Decided from the configuration and the clock; the directory is read only to publish.
            let snapshot = state.snapshot
            let roster = snapshot.configuration.roster
            let (today, _) = Self.horizon(snapshot, now: now)
            let minute = Int((snapshot.zone.localSeconds(fromUTC: now) % 86_400 + 86_400) % 86_400 / 60)
            let last = try state.store.rosterMeta("last_published").flatMap { CivilDate(iso: $0) }
            guard last != today else { return false }
            // The weekday from the set time; or, when that was missed (the daemon was down),
            // at the first look more than a week after the last publication.
            let onTheDay = today.isoWeekday == roster.publishWeekday && minute >= roster.publishMinute
            let missed = last.map { $0.days(to: today) > 7 && minute >= roster.publishMinute } ?? false
            guard onTheDay || missed else { return false }
            let context = try context(now: now)
            let teams = try state.store.rosterTeams(from: context.today, through: context.lastDate).filter { $0.startsAt > now }
            let notices = RosterNoticeComposer(context: context, now: now).publishNotices(teams: teams, through: context.lastDate)
            try state.store.saveRosterNotices(
                notices, meta: ["published_through": context.lastDate.description, "last_published": context.today.description], at: now)
            logger.notice(
                "roster published through \(context.lastDate) to \(notices.count) inspectors",
                metadata: ["event": "roster_published", "through": "\(context.lastDate)"])
            if !notices.isEmpty { state.noticesDecided.ring() }
            return true
        }
    }

    /// Releases the site lists of teams whose shift starts within the release lead: a
    /// notice to each member, committed with the release. Returns when the next release
    /// falls due, if any.
    func releaseDue(now: Int64) throws -> Int64? {
        try state.planLock.withLock { _ in
            let lead = Int64(state.snapshot.configuration.visits.releaseLeadMinutes) * 60
            let due = try state.store.teamsDueForRelease(now: now, leadSeconds: lead)
            if !due.isEmpty {
                let context = try context(now: now)
                let composer = RosterNoticeComposer(context: context, now: now)
                var released: [(id: String, notices: [(notice: Notice, payload: [UInt8])])] = []
                for team in due { released.append((team.id, composer.releaseNotices(team))) }
                try state.store.markReleased(released, at: now)
                logger.info(
                    "site lists released for \(due.count) team\(due.count == 1 ? "" : "s")",
                    metadata: ["event": "visits_released", "teams": "\(due.map(\.id).joined(separator: ","))"])
                state.noticesDecided.ring()
            }
            return try state.store.nextUnreleasedStart(after: now).map { $0 - lead }
        }
    }
}

extension StoredTeam {
    /// The team as the planner sees it.
    var plannedTeam: PlannedTeam {
        PlannedTeam(date: date, periodID: periodID, zone: zone, index: index, memberIDs: memberIDs)
    }
}
