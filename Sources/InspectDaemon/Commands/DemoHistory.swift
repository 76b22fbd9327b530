import Foundation
import InspectCalendar
import InspectConfig
import InspectCore
import InspectLedger
import InspectRoster
import InspectStore
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// The demo district's past one to two weeks (演示历史), seeded once on the first start of a fresh
/// demo directory, before anything is planned or served, so the whole inspection cycle can
/// be seen at once: random visits with their results, violations that opened patrol cases,
/// a case rectified, verified by its verification visit (复查) and struck off (销号), one
/// reopened by a violation at its verification visit, and a past visit left unrecorded, so
/// its reminder goes out; the periodic disclosure (一公开) then has last week to publish.
///
/// The history is made by the real planner and the real draw over the past dates, stored
/// as one plan labelled as demo history, whose draw `inspectctl draw verify` replays like
/// any other. Results, cases and tasks go through the store's own methods, with the same
/// patrol case a violation recorded through the API opens. Deterministic for a given day.
enum DemoHistory {
    /// At most this many days of history before today: enough to cover the latest weekly
    /// disclosure due on any day (the week before last, until Wednesday's write time).
    static let days = 16

    /// The history's first date: the first date of the latest disclosure period due (so its
    /// report lists the history), at least a week back and at most ``days``.
    static func firstDate(today: CivilDate, latestDue: DisclosurePeriod) -> CivilDate {
        max(today.adding(days: -days), min(today.adding(days: -7), latestDue.from))
    }
    /// The plan's reason and every seeded result's note.
    static let planReason = "demo history: the days before the demo started, seeded by inspectd demo"
    static let note = "演示历史"

    /// What was seeded, for the journal and the tests.
    struct Summary: Sendable {
        var teams = 0
        var visits = 0
        var violations = 0
        var verifiedCase: String?
        var reopenedCase: String?
        var unrecordedVisit: String?
    }

    /// Seeds the history into a database that has never been planned (a fresh demo); a
    /// demo that has planned before resumes as it is.
    @discardableResult
    static func seedIfFresh(_ state: DaemonState, logger: Logger, now: Int64 = Int64(Date().timeIntervalSince1970)) throws -> Summary? {
        let store = state.store
        guard try !store.hasRosterPlan(), try store.directoryCounts().inspectors > 0 else { return nil }
        let summary = try seed(state, logger: logger, now: now)
        logger.notice(
            "demo history seeded: \(summary.teams) past team-shifts, \(summary.visits) visits, \(summary.violations) violations; case \(summary.verifiedCase ?? "-") verified and closed, \(summary.reopenedCase ?? "-") reopened; \(summary.unrecordedVisit ?? "no visit") left unrecorded",
            metadata: ["event": "demo_history_seeded"])
        return summary
    }

    static func seed(_ state: DaemonState, logger: Logger, now: Int64) throws -> Summary {
        let store = state.store
        let desk = RosterDesk(state: state, logger: logger)
        let zone = state.snapshot.zone
        let today = zone.date(atUTC: now)
        let first = firstDate(today: today, latestDue: state.snapshot.configuration.disclosure.schedule.latestDue(now: now, zone: zone))
        let historyStart = zone.startOfDay(first)
        let uid = getuid()

        // The planner and the draw over the past dates, as if planned at their start.
        var context = try desk.context(now: historyStart)
        context.lastDate = today
        context.days = context.snapshot.calendar.days(from: first, through: today)
        let seed = 0x4445_4D4F_0000_0000 &+ UInt64(today.daysSinceEpoch)
        let input = try desk.planningInput(context, stored: [], pins: [], seed: seed, frozenBefore: nil)
        let plan = RosterPlanner.plan(input)
        let periods = Dictionary(context.rules.periods.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let dayKinds = Dictionary(context.days.map { ($0.date, $0.kind) }, uniquingKeysWith: { first, _ in first })
        var teams: [StoredTeam] = []
        for team in plan.teams {
            guard let period = periods[team.periodID], let kind = dayKinds[team.date] else { continue }
            let interval = period.interval(on: team.date, in: zone)
            // Only shifts that have ended: the live roster staffs the running ones.
            guard interval.end <= now else { continue }
            teams.append(
                StoredTeam(
                    id: StoredTeam.id(date: team.date, periodID: team.periodID, zone: team.zone, index: team.index), date: team.date,
                    periodID: team.periodID, zone: team.zone, index: team.index, startsAt: interval.start, endsAt: interval.end,
                    dayKind: kind.rawValue, rain: input.rainPeriods.contains("\(team.date)/\(team.periodID)"),
                    night: RosterRules.isNight(period), pinned: false, memberIDs: team.memberIDs.sorted(), visits: []))
        }
        let drawInput = desk.visitDrawInput(context, teams: teams, excluding: [], seed: seed)
        let draw = VisitDraw.draw(drawInput)
        let sitesByID = Dictionary(context.sites.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var drawn: [String: [StoredVisit]] = [:]
        for visit in draw.visits {
            guard let site = sitesByID[visit.siteID] else { continue }
            drawn[visit.slotID, default: []].append(
                StoredVisit(siteID: site.id, locality: site.locality, risk: site.risk.rawValue, reason: visit.reason.rawValue))
        }
        for index in teams.indices { teams[index].visits = drawn[teams[index].id] ?? [] }
        let storedPlan = StoredPlan(
            createdAt: now, reason: planReason, uid: uid, firstDate: first, lastDate: teams.map(\.date).max() ?? first, teamsAdded: teams.count, teamsChanged: 0,
            teamsRemoved: 0, visitsDrawn: draw.visits.count, shortfalls: 0, inputDigest: PlanDigest.hex(input), seed: seed,
            generator: draw.generator, drawDigest: draw.inputDigest,
            drawInput: (try? JSONEncoder.sorted.encode(drawInput)).map { Array($0) } ?? [],
            drawResult: (try? JSONEncoder.sorted.encode(draw)).map { Array($0) } ?? [])
        // No roster meta and no notices: the live roster's first plan publishes as usual.
        try store.saveRoster(RosterChange(plan: storedPlan, upserts: teams, removals: [], shortfalls: []), now: historyStart - 1)

        var summary = Summary(teams: teams.count)
        var random = SplitMix64(seed: seed)
        let configuration = state.snapshot.configuration
        let sites = context.sites
        let units = context.units
        let homes = Dictionary(context.inspectors.map { ($0.id, $0.homeLocality) }, uniquingKeysWith: { first, _ in first })
        func stamp(_ seconds: Int64) -> String { Timestamp.string(Date(timeIntervalSince1970: TimeInterval(seconds))) }
        func record(_ team: StoredTeam, _ position: Int, _ outcome: VisitOutcome, measures: [EnforcementMeasure] = [], at: Int64) throws
            -> StoredVisitResult
        {
            let newCase =
                outcome == .violation
                ? APIRouter.patrolCase(
                    team: team, position: position, title: nil, measures: measures, sites: sites, units: units, visits: configuration.visits,
                    recordedOn: zone.date(atUTC: at)) : nil
            let result = StoredVisitResult(
                teamID: team.id, position: position, outcome: outcome, measures: measures, note: note, caseID: nil, uid: uid, recordedAt: at)
            let stored = try store.recordVisitResult(result, replace: false, newCase: newCase, at: stamp(at))
            summary.visits += 1
            if outcome == .violation && newCase != nil && stored.caseID == newCase?.id { summary.violations += 1 }
            return stored
        }
        func update(_ caseID: String, to status: CaseStatus, note: String, at: Int64) throws {
            _ = try store.updateCase(
                caseID, status: status, addMeasures: [], note: note, at: stamp(at), now: at, uid: uid,
                allow: { from, to in CaseTransitions.check(from: from, to: to)?.message })
        }

        // The visit left unrecorded: on the latest shift past its reminder time but within
        // the reminders' catch-up, so the reminder goes out at the daemon's first look.
        let reminderAfter = Int64(configuration.visits.recordReminderHours) * 3600
        let catchUp = Int64(configuration.visits.recordCatchUpDays) * 86_400
        let unrecordedTeam = teams.last { !$0.visits.isEmpty && $0.endsAt + reminderAfter + 600 <= now && $0.endsAt > now - catchUp + 3600 }
        var handled: Set<String> = []
        if let team = unrecordedTeam {
            handled.insert("\(team.id)#\(team.visits.count)")
            summary.unrecordedVisit = APIRouter.visitID(teamID: team.id, position: team.visits.count - 1)
        }

        // Two violations early in the fortnight run the verification cycle (复查): found,
        // rectified two days later, its verification visit on a fitting working-day shift
        // within `[verification] within_working_days`; one found compliant and struck off,
        // one found still in breach and reopened.
        let workdays = WorkdayIndex(calendar: context.snapshot.calendar, from: first, through: today.adding(days: 30))
        var verificationTeams: Set<String> = []
        for (offset, compliant) in [(1, true), (3, false)] {
            guard
                let found = teams.first(where: {
                    $0.date >= first.adding(days: offset) && !$0.night && !$0.visits.isEmpty && !handled.contains("\($0.id)#1")
                        && $0.id != unrecordedTeam?.id
                })
            else { continue }
            let visit = found.visits[0]
            let opened = try record(found, 0, .violation, measures: [.productionHalt], at: found.endsAt - 1800)
            handled.insert("\(found.id)#1")
            guard let caseID = opened.caseID else { continue }
            let rectifiedAt = zone.startOfDay(found.date.adding(days: 2)) + 10 * 3600
            let due = zone.startOfDay(workdays.date(addingWorkdays: configuration.verification.withinWorkingDays, to: zone.date(atUTC: rectifiedAt)).adding(days: 1))
            guard
                let host = teams.first(where: { team in
                    team.zone == found.zone && team.startsAt > rectifiedAt && team.endsAt <= min(due, now - 3600) && !team.night
                        && (DayKind(rawValue: team.dayKind)?.countsAsWorkday ?? false) && team.id != unrecordedTeam?.id
                        && !verificationTeams.contains(team.id) && !team.memberIDs.contains { homes[$0] == visit.locality }
                })
            else { continue }
            try update(caseID, to: .rectified, note: "已整改（\(note)）", at: rectifiedAt)
            let task = StoredTask(
                siteID: visit.siteID, fromAt: rectifiedAt, byAt: due, reason: "verification", caseID: caseID,
                note: "复查: \(caseID)", uid: uid, createdAt: rectifiedAt)
            _ = try store.addTasks(
                [(task, TaskPlacementRow(teamID: host.id, locality: visit.locality, risk: visit.risk))], notBefore: rectifiedAt)
            verificationTeams.insert(host.id)
            guard let placed = try store.rosterTeam(host.id), let index = teams.firstIndex(where: { $0.id == host.id }) else { continue }
            teams[index] = placed
            let position = placed.visits.count - 1
            handled.insert("\(placed.id)#\(position + 1)")
            let checkedAt = placed.endsAt - 1200
            _ = try record(placed, position, compliant ? .compliant : .violation, measures: compliant ? [] : [.dailyFines], at: checkedAt)
            if compliant {
                try update(caseID, to: .closed, note: "复查合格，销号（\(note)）", at: min(checkedAt + 86_400, now - 600))
                summary.verifiedCase = caseID
            } else {
                summary.reopenedCase = caseID
            }
        }

        // Every other visit gets its result at the end of its shift: mostly compliant, a few
        // violations (each opening its patrol case), a closed site, one not found.
        for team in teams {
            for position in team.visits.indices where !handled.contains("\(team.id)#\(position + 1)") {
                let roll = random.next(below: 100)
                let outcome: VisitOutcome = roll < 3 ? .violation : (roll == 3 ? .closed : (roll == 4 ? .notFound : .compliant))
                _ = try record(team, position, outcome, measures: outcome == .violation && roll == 0 ? [.productionHalt] : [], at: team.endsAt - 600)
            }
        }

        // The lists were released before each shift, as the roster does (the notices of that
        // past release are not sent again).
        let lead = Int64(configuration.visits.releaseLeadMinutes) * 60
        for (startsAt, shift) in Dictionary(grouping: teams, by: \.startsAt).sorted(by: { $0.key < $1.key }) {
            try store.markReleased(shift.map { (id: $0.id, notices: []) }, at: startsAt - lead)
        }
        state.ledgerChanged.ring()
        return summary
    }
}
