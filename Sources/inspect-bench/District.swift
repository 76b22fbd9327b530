import ArgumentParser
import Foundation
import InspectCalendar
import InspectCore
import InspectRoster

/// `inspect-bench district`: generates a district, plans its joint inspection roster with
/// the pure planner and draws the site visits, and prints the figures of the roster
/// issue's floors: plan time, hard violations, fairness spreads (within fairness groups,
/// within department groups and over everyone; see `Plan.fairnessSpread`) and, unless
/// `--no-replan`, the re-plan after one inspector's leave. The daemon does not plan
/// rosters yet; this measures the engine it will use.
struct District: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "district", abstract: "Plan a generated district's roster and site visits, and print the figures.")

    @Option(name: .long, help: "Inspectors.") var inspectors = 400
    @Option(name: .long, help: "Sites.") var sites = 3000
    @Option(name: .long, help: "Departments (1-12).") var departments = 12
    @Option(name: .long, help: "Localities (1-20), in zones of three.") var localities = 20
    @Option(name: .long, help: "Days to plan.") var days = 28
    @Option(name: .long, help: "Random seed (district, plan and draw).") var seed: UInt64 = 1
    @Option(name: .long, help: "First day (YYYY-MM-DD); the default covers the 2026 National Day week.") var start = "2026-09-21"
    @Option(name: .long, help: "Local-search moves after the construction.") var iterations = 200_000
    @Option(name: .long, help: "Site visits per team-shift.") var visits = 6
    @Option(name: .long, help: "Rest-day shifts per inspector and month at most ([duty] default).") var maxRestdayShiftsPerMonth = 8
    @Option(name: .long, help: "Holiday shifts per inspector and month at most ([duty] default).") var maxHolidayShiftsPerMonth = 4
    @Flag(
        inversion: .prefixedNo,
        help: "Also re-plan after seven days of leave for the inspector with the most shifts on days 10-16, frozen before day 3.")
    var replan = true

    func run() throws {
        guard let first = CivilDate(iso: start) else { throw ValidationError("--start \(start) is not a date; write YYYY-MM-DD") }
        let clock = ContinuousClock()
        let district = DemoDistrict.generate(
            seed: seed, inspectorCount: inspectors, siteCount: sites, departmentCount: departments, localityCount: localities)
        let localities = district.units.filter { $0.kind == .locality }.map(\.id)
        let departments = Set(district.inspectors.map(\.department))
        let calendarDays = HolidayCalendar.builtIn.days(from: first, through: first.adding(days: days - 1))

        // Zones of about three neighbouring localities (so a member's home locality, which
        // the team must not inspect, leaves the rest of the zone). Per zone: three day teams
        // on workdays, two otherwise, two in the evening, one at night; one more by day and
        // evening in rain.
        let zoneCount = max(1, localities.count / 3)
        var zones: [String: Set<String>] = [:]
        for (index, locality) in localities.enumerated() { zones["zone\(index % zoneCount + 1)", default: []].insert(locality) }
        var coverage: [CoverageRule] = []
        for zone in zones.keys.sorted() {
            coverage.append(CoverageRule(zone: zone, periodID: "day", teamsByDayKind: [.workday: 3, .restday: 2, .holiday: 2], extraTeamsInRain: 1))
            coverage.append(CoverageRule(zone: zone, periodID: "evening", teamsByDayKind: [.workday: 2, .restday: 2, .holiday: 2], extraTeamsInRain: 1))
            coverage.append(CoverageRule(zone: zone, periodID: "night", teamsByDayKind: [.workday: 1, .restday: 1, .holiday: 1]))
        }
        // A three-day rain spell in the middle of the horizon, day and evening.
        var rain = Set<String>()
        for offset in (days / 2)..<min(days, days / 2 + 3) {
            for period in ["day", "evening"] { rain.insert("\(first.adding(days: offset))/\(period)") }
        }
        let input = PlanningInput(
            inspectors: district.inspectors, days: calendarDays, coverage: coverage, rainPeriods: rain,
            team: TeamRules(size: 3, minDepartments: 2, minCertified: 2, requiredDepartmentsByPeriod: ["night": ["police"]]),
            people: PeopleRules(maxRestdayShiftsPerMonth: maxRestdayShiftsPerMonth, maxHolidayShiftsPerMonth: maxHolidayShiftsPerMonth),
            seed: seed, iterations: iterations)
        let planStarted = clock.now
        let plan = RosterPlanner.plan(input)
        let planTime = clock.now - planStarted

        let kindOf = Dictionary(calendarDays.map { ($0.date, $0.kind == .makeupWorkday ? DayKind.workday : $0.kind) }, uniquingKeysWith: { first, _ in first })
        var rainTeamsWanted = 0
        for key in rain {
            let parts = key.split(separator: "/")
            guard let date = CivilDate(iso: parts[0]), let kind = kindOf[date] else { continue }
            for rule in coverage where rule.periodID == parts[1] { rainTeamsWanted += (rule.teamsByDayKind[kind] ?? 0) + rule.extraTeamsInRain }
        }
        let rainTeamsPlanned = plan.teams.filter { rain.contains("\($0.date)/\($0.periodID)") }.count
        let home = Dictionary(district.inspectors.map { ($0.id, $0.homeLocality) }, uniquingKeysWith: { first, _ in first })
        let slots = plan.teams.map { team in
            VisitSlot(
                id: "\(team.date)/\(team.periodID)/\(team.zone)/\(team.index)", date: team.date, periodID: team.periodID,
                isNight: team.periodID == "night", isRain: rain.contains("\(team.date)/\(team.periodID)"),
                zoneLocalities: zones[team.zone] ?? [], recusedLocalities: Set(team.memberIDs.compactMap { home[$0] ?? nil }), visits: visits)
        }
        let drawStarted = clock.now
        let draw = VisitDraw.draw(DrawInput(sites: district.sites, slots: slots, seed: seed))
        let drawTime = clock.now - drawStarted
        // Within cadence: visited in every window of the class's cadence (A 7, B 14, C 30
        // days) over the horizon (the last visit before the horizon taken as its first day).
        let slotDate = Dictionary(slots.map { ($0.id, $0.date) }, uniquingKeysWith: { first, _ in first })
        var visitDays: [String: [Int]] = [:]
        for visit in draw.visits { if let date = slotDate[visit.slotID] { visitDays[visit.siteID, default: []].append(first.days(to: date)) } }
        func outsideCadence(_ risk: RiskClass) -> (sites: Int, outside: Int) {
            let cadence = CadenceTargets().days(for: risk)
            let ids = district.sites.filter { $0.risk == risk }.map(\.id)
            let outside = ids.filter { id in
                var last = 0
                for day in (visitDays[id] ?? []).sorted() {
                    if day - last > cadence { return true }
                    last = day
                }
                return days - last > cadence
            }.count
            return (ids.count, outside)
        }
        let (aSites, aGaps) = outsideCadence(.a)
        let (bSites, bGaps) = outsideCadence(.b)
        let (cSites, cGaps) = outsideCadence(.c)
        let reserved = draw.visits.filter { $0.reason == .cadence }.count
        let cNeverVisited = draw.cadenceGaps.filter { $0.risk == "C" && $0.lastVisit == nil }.count

        print("district: \(district.inspectors.count) inspectors in \(departments.count) departments, \(localities.count) localities in \(zones.count) zones, \(district.sites.count) sites (\(aSites) class A)")
        print("horizon: \(days) days from \(first) (\(calendarDays.filter { $0.kind == .holiday }.count) holidays, \(calendarDays.filter { $0.kind == .makeupWorkday }.count) makeup workdays), 3 periods, rain periods: \(rain.count)")
        print("plan: \(plan.teams.count) teams, shortfalls: \(plan.shortfalls.count), hard violations: \(plan.hardViolations), rain teams: \(rainTeamsPlanned)/\(rainTeamsWanted)")
        print("fairness spread (max-min): " + plan.fairnessSpread.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        print(
            "fairness groups (min..max): "
                + plan.fairnessGroups.map { "\($0.kind)/\($0.group) (\($0.inspectors))=\($0.min)..\($0.max)" }.joined(separator: ", "))
        print("visits: \(draw.visits.count) drawn (\(reserved) booked for cadence), shortfalls: \(draw.shortfalls.count)")
        print("outside cadence (not visited in some window of A 7, B 14, C 30 days): A \(aGaps)/\(aSites), B \(bGaps)/\(bSites), C \(cGaps)/\(cSites) (\(cNeverVisited) C never visited)")
        print("time: plan \(Self.milliseconds(planTime)) ms, draw \(Self.milliseconds(drawTime)) ms")
        var replanFigures = ""
        if replan, let figures = Self.replanAfterLeave(input, plan: plan, first: first, days: days, clock: clock) {
            print(figures.text)
            replanFigures = " " + figures.machine
        }
        print(
            "inspectors=\(district.inspectors.count) sites=\(district.sites.count) days=\(days) teams=\(plan.teams.count) "
                + "hard_violations=\(plan.hardViolations) shortfalls=\(plan.shortfalls.count) plan_ms=\(Self.milliseconds(planTime)) "
                + "draw_ms=\(Self.milliseconds(drawTime)) a_outside_cadence=\(aGaps) b_outside_cadence=\(bGaps) c_outside_cadence=\(cGaps) "
                + "night_spread=\(plan.fairnessSpread["night"] ?? -1) night_spread_department=\(plan.fairnessSpread["night:department"] ?? -1) "
                + "night_spread_all=\(plan.fairnessSpread["night:all"] ?? -1) "
                + "restday_spread=\(plan.fairnessSpread["restday"] ?? -1) holiday_spread=\(plan.fairnessSpread["holiday"] ?? -1) "
                + "rain_spread=\(plan.fairnessSpread["rain"] ?? -1)" + replanFigures)
    }

    /// Seven days of leave, from day 10, for the inspector with the most shifts then; the
    /// re-plan keeps the roster, with shifts before day 3 started. Measures the re-plan and
    /// whether any team outside that inspector's changed.
    static func replanAfterLeave(
        _ input: PlanningInput, plan: Plan, first: CivilDate, days: Int, clock: ContinuousClock
    ) -> (text: String, machine: String)? {
        let from = first.adding(days: min(10, max(0, days - 7)))
        let through = from.adding(days: 6)
        let inLeave = plan.teams.filter { $0.date >= from && $0.date <= through }
        var shiftsOf: [String: Int] = [:]
        for team in inLeave { for id in team.memberIDs { shiftsOf[id, default: 0] += 1 } }
        guard let person = shiftsOf.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }).first?.key else { return nil }
        var next = input
        next.unavailable.append(Unavailability(inspectorID: person, from: from, through: through, reason: "annual leave"))
        next.previous = plan.teams
        next.frozenBefore = input.zone.startOfDay(first.adding(days: 3))
        let started = clock.now
        let replanned = RosterPlanner.plan(next)
        let elapsed = clock.now - started
        func key(_ team: PlannedTeam) -> String { "\(team.date)/\(team.periodID)/\(team.zone)#\(team.index)" }
        let theirs = Set(inLeave.filter { $0.memberIDs.contains(person) }.map(key))
        let changed = replanned.changedTeams.map(key) + replanned.droppedTeams.map(key)
        let outside = changed.filter { !theirs.contains($0) }.count
        let before = Dictionary(plan.teams.map { (key($0), Set($0.memberIDs)) }, uniquingKeysWith: { first, _ in first })
        let replaced = replanned.changedTeams.reduce(0) { total, team in
            total + team.memberIDs.filter { !(before[key(team)] ?? []).contains($0) }.count
        }
        let stillOn = replanned.teams.filter { $0.memberIDs.contains(person) && $0.date >= from && $0.date <= through }.count
        let text =
            "replan: \(person) on leave \(from)..\(through) (\(theirs.count) teams then): \(changed.count) teams changed, "
            + "\(outside) outside theirs, \(replaced) members replaced, still on duty in the leave: \(stillOn), "
            + "hard violations: \(replanned.hardViolations), shortfalls: \(replanned.shortfalls.count), "
            + "re-plan \(milliseconds(elapsed)) ms"
        let machine =
            "replan_ms=\(milliseconds(elapsed)) replan_person_teams=\(theirs.count) replan_changed=\(changed.count) "
            + "replan_outside=\(outside) replan_members_replaced=\(replaced) replan_hard_violations=\(replanned.hardViolations)"
        return (text, machine)
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }
}
