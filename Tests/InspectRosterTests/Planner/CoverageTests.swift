import InspectCalendar
import InspectCore
import Testing

@testable import InspectRoster

/// North asks for teams by workday, rest day and holiday (a makeup workday falls back to
/// workday); south has its own makeup-workday figure and no rest-day entry at all.
let holidayCoverage = [
    CoverageRule(zone: "north", periodID: "day", teamsByDayKind: [.workday: 3, .restday: 1, .holiday: 2]),
    CoverageRule(zone: "north", periodID: "evening", teamsByDayKind: [.workday: 1, .restday: 1, .holiday: 1]),
    CoverageRule(zone: "north", periodID: "night", teamsByDayKind: [.workday: 1, .restday: 1, .holiday: 1]),
    CoverageRule(zone: "south", periodID: "day", teamsByDayKind: [.workday: 2, .makeupWorkday: 4, .holiday: 1]),
]

/// Teams the coverage asks for per `date/period/zone`, worked out from the day kinds here.
func expectedTeams(_ days: [CalendarDay], _ coverage: [CoverageRule], rain: Set<String> = []) -> [String: Int] {
    var expected: [String: Int] = [:]
    for calendarDay in days {
        for rule in coverage {
            var count: Int
            switch calendarDay.kind {
            case .makeupWorkday: count = rule.teamsByDayKind[.makeupWorkday] ?? rule.teamsByDayKind[.workday] ?? 0
            default: count = rule.teamsByDayKind[calendarDay.kind] ?? 0
            }
            if rain.contains("\(calendarDay.date)/\(rule.periodID)") { count += rule.extraTeamsInRain }
            if count > 0 { expected["\(calendarDay.date)/\(rule.periodID)/\(rule.zone)"] = count }
        }
    }
    return expected
}

func holidayInput(_ first: CivilDate, _ last: CivilDate, history: [DutyHistory] = [], seed: UInt64 = 11) -> PlanningInput {
    PlanningInput(
        inspectors: plannerInspectors(60), days: HolidayCalendar.builtIn.days(from: first, through: last), coverage: holidayCoverage,
        team: nightNeedsPolice, history: history, seed: seed)
}

@Suite struct CoverageTests {
    @Test func springFestivalWeekUsesHolidayAndMakeupCounts() {
        let first = CivilDate(year: 2026, month: 2, day: 12)!
        let input = holidayInput(first, CivilDate(year: 2026, month: 3, day: 1)!)
        let kinds = Dictionary(uniqueKeysWithValues: input.days.map { ($0.date.description, $0.kind) })
        for offset in 3...11 { #expect(kinds[first.adding(days: offset).description] == .holiday) }  // 02-15 ... 02-23
        #expect(kinds["2026-02-14"] == .makeupWorkday)
        #expect(kinds["2026-02-28"] == .makeupWorkday)
        #expect(kinds["2026-03-01"] == .restday)

        let plan = RosterPlanner.plan(input)
        #expect(PlanChecker(input: input).violations(plan) == [])
        #expect(plan.shortfalls == [])
        #expect(teamCounts(plan) == expectedTeams(input.days, input.coverage))
        let counts = teamCounts(plan)
        #expect(counts["2026-02-14/day/north"] == 3)  // makeup Saturday: north's workday figure
        #expect(counts["2026-02-14/day/south"] == 4)  // south's own makeup figure
        #expect(counts["2026-02-15/day/north"] == 2)  // a Sunday in the holiday: holiday figure
        #expect(counts["2026-02-15/day/south"] == 1)
        #expect(counts["2026-02-21/day/north"] == 2)  // a Saturday in the holiday
        #expect(counts["2026-03-01/day/north"] == 1)  // an ordinary Sunday
        #expect(counts["2026-03-01/day/south"] == nil)  // south asks nothing on rest days
    }

    @Test func nationalDayWeekUsesHolidayAndMakeupCounts() {
        let input = holidayInput(CivilDate(year: 2026, month: 9, day: 19)!, CivilDate(year: 2026, month: 10, day: 11)!)
        let kinds = Dictionary(uniqueKeysWithValues: input.days.map { ($0.date.description, $0.kind) })
        for dayOfMonth in 1...7 { #expect(kinds["2026-10-0\(dayOfMonth)"] == .holiday) }
        #expect(kinds["2026-09-20"] == .makeupWorkday)
        #expect(kinds["2026-10-10"] == .makeupWorkday)

        let plan = RosterPlanner.plan(input)
        #expect(PlanChecker(input: input).violations(plan) == [])
        #expect(plan.shortfalls == [])
        #expect(teamCounts(plan) == expectedTeams(input.days, input.coverage))
        let counts = teamCounts(plan)
        #expect(counts["2026-09-20/day/south"] == 4)  // makeup Sunday
        #expect(counts["2026-10-10/day/north"] == 3)  // makeup Saturday
        #expect(counts["2026-10-03/day/north"] == 2)  // holiday Saturday
        #expect(counts["2026-10-11/day/south"] == nil)  // ordinary Sunday
    }

    @Test func rainPeriodsAddTeams() {
        var input = districtInput()
        input.inspectors = plannerInspectors(60)
        input.coverage = plannerCoverage(zones: plannerZones).map { rule in
            var copy = rule
            copy.extraTeamsInRain = rule.periodID == "night" ? 0 : 2
            return copy
        }
        input.rainPeriods = ["\(plannerStart.adding(days: 1))/evening", "\(plannerStart.adding(days: 4))/day", "\(plannerStart.adding(days: 4))/night"]
        let plan = RosterPlanner.plan(input)
        #expect(PlanChecker(input: input).violations(plan) == [])
        #expect(plan.shortfalls == [])
        let counts = teamCounts(plan)
        #expect(counts == expectedTeams(input.days, input.coverage, rain: input.rainPeriods))
        #expect(counts["\(plannerStart.adding(days: 1))/evening/north"] == 3)
        #expect(counts["\(plannerStart.adding(days: 2))/evening/north"] == 1)
        #expect(counts["\(plannerStart.adding(days: 4))/day/south"] == 3)
        #expect(counts["\(plannerStart.adding(days: 4))/night/south"] == 1)  // no extra night teams in this coverage
        #expect(plan.fairnessSpread["rain"]! <= 1)
    }

    @Test func aDistrictWithoutPoliceIsShortEveryNightAndSaysWhy() {
        var input = districtInput()
        input.inspectors = input.inspectors.filter { $0.department != "police" }
        let plan = RosterPlanner.plan(input)
        #expect(plan.hardViolations == 0)
        #expect(PlanChecker(input: input).violations(plan) == [])
        var expected = expectedTeams(input.days, input.coverage, rain: input.rainPeriods)
        let nights = expected.filter { $0.key.contains("/night/") }
        #expect(nights.count == 14)
        #expect(plan.shortfalls.count == nights.count)
        for shortfall in plan.shortfalls {
            let key = "\(shortfall.date)/\(shortfall.periodID)/\(shortfall.zone)"
            #expect(shortfall.periodID == "night")
            #expect(shortfall.missingTeams == nights[key])
            #expect(shortfall.missingMembers == 3 * shortfall.missingTeams)
            #expect(shortfall.reason.hasPrefix("no police officer available for the night shift of \(shortfall.date)"))
        }
        for key in nights.keys { expected[key] = nil }
        #expect(teamCounts(plan) == expected)
    }

    @Test func holidayHistoryMovesHolidayShiftsToOthers() {
        let busy = ["i000", "i001", "i002", "i003", "i012", "i013", "i022", "i031"]
        let without = RosterPlanner.plan(fairInput())
        let holidaysWithout = dutyCounts(without, fairInput(), kind: .holiday)
        #expect(busy.contains { holidaysWithout[$0]! > 0 })

        let input = fairInput(history: busy.map { DutyHistory(inspectorID: $0, holidays: 3) })
        let plan = RosterPlanner.plan(input)
        #expect(PlanChecker(input: input).violations(plan) == [])
        let holidays = dutyCounts(plan, input, kind: .holiday)
        #expect(busy.allSatisfy { holidays[$0] == 0 }, "\(busy.map { holidays[$0]! })")
        #expect(holidays.values.reduce(0, +) == holidaysWithout.values.reduce(0, +))
    }

    /// Whoever worked the Spring Festival is not first in line at National Day.
    @Test func springFestivalDutyCarriesOverToNationalDay() {
        let springInput = holidayInput(CivilDate(year: 2026, month: 2, day: 14)!, CivilDate(year: 2026, month: 2, day: 23)!)
        let spring = dutyCounts(RosterPlanner.plan(springInput), springInput, kind: .holiday)
        let history = spring.map { DutyHistory(inspectorID: $0.key, holidays: $0.value) }
        let autumnInput = holidayInput(CivilDate(year: 2026, month: 9, day: 28)!, CivilDate(year: 2026, month: 10, day: 8)!, history: history)
        let autumnPlan = RosterPlanner.plan(autumnInput)
        #expect(PlanChecker(input: autumnInput).violations(autumnPlan) == [])
        let autumn = dutyCounts(autumnPlan, autumnInput, kind: .holiday)
        // Police do the holiday nights both times, and certified officers may do more, so
        // compare inspectors who are interchangeable: the same fairness group.
        let groups = Dictionary(grouping: autumnInput.inspectors) { "\($0.department == "police")/\($0.certified)" }
        var compared = 0
        for members in groups.values {
            let ids = members.map(\.id)
            let most = ids.map { spring[$0]! }.max()!
            let fewest = ids.map { spring[$0]! }.min()!
            guard most > fewest else { continue }
            compared += 1
            func average(_ ids: [String]) -> Double { Double(ids.reduce(0) { $0 + autumn[$1]! }) / Double(ids.count) }
            let busiest = ids.filter { spring[$0] == most }
            let quietest = ids.filter { spring[$0] == fewest }
            #expect(average(busiest) < average(quietest), "\(members.first!.department) \(members.first!.certified)")
            #expect(busiest.map { autumn[$0]! }.max()! <= quietest.map { autumn[$0]! }.min()!)
        }
        #expect(compared > 0)
        // Over both holidays together the duty is as even as within one plan.
        #expect(autumnPlan.fairnessSpread["holiday"]! <= 1, "\(autumnPlan.fairnessGroups.filter { $0.kind == "holiday" })")
    }
}
