import InspectCalendar
import InspectCore
import Testing

@testable import InspectRoster

/// One person's rule: what they hold, what they are offered, which rule (if any) stops them.
struct PersonRuleCase: Sendable, CustomStringConvertible {
    var description: String
    var held: [(day: Int, period: String)] = []
    var leave: [Int] = []
    var offered: (day: Int, period: String)
    var minRestHours = 11
    var maxHoursPerWeek = 48
    var maxConsecutiveNights = 3
    var maxRestdayShiftsPerMonth: Int?
    var maxHolidayShiftsPerMonth: Int?
    var expected: HardRule?
}

/// Six weeks from Monday 2 March 2026 (`day(0)`): weekends are rest days, except Saturday
/// 21 March (`day(19)`), a makeup workday; Wednesday 18 and Thursday 19 March (`day(16)`,
/// `day(17)`) and Sunday 5 April (`day(34)`) are holidays.
let monthsCalendar = (0..<42).map { offset -> CalendarDay in
    let kind: DayKind =
        switch offset {
        case 16, 17, 34: .holiday
        case 19: .makeupWorkday
        default: day(offset).isWeekend ? .restday : .workday
        }
    return calendarDay(day(offset), kind)
}

let personRuleCases: [PersonRuleCase] = [
    PersonRuleCase(description: "evening, then the night across midnight: 0 h rest", held: [(0, "evening")], offered: (1, "night"), expected: .rest),
    PersonRuleCase(
        description: "evening, then the night across midnight, no minimum rest", held: [(0, "evening")], offered: (1, "night"),
        minRestHours: 0, expected: nil),
    PersonRuleCase(description: "day, then the next night: 8 h < 11 h", held: [(0, "day")], offered: (1, "night"), expected: .rest),
    PersonRuleCase(
        description: "day, then the next night with an 8 h minimum", held: [(0, "day")], offered: (1, "night"), minRestHours: 8,
        expected: nil),
    PersonRuleCase(description: "a night, then the evening before it", held: [(1, "night")], offered: (0, "evening"), expected: .rest),
    PersonRuleCase(description: "a night, then the next day shift: 24 h", held: [(1, "night")], offered: (2, "day"), expected: nil),
    PersonRuleCase(
        description: "a night, then the evening of the same date", held: [(1, "night")], offered: (1, "evening"), minRestHours: 0,
        expected: .sameDate),
    PersonRuleCase(description: "on leave that date", leave: [2], offered: (2, "day"), expected: .leave),
    PersonRuleCase(description: "on leave the next date only", leave: [3], offered: (2, "day"), expected: nil),
    PersonRuleCase(
        description: "32 h held in the week, 32 h maximum", held: [(0, "day"), (1, "day"), (2, "day"), (3, "day")], offered: (4, "day"),
        maxHoursPerWeek: 32, expected: .weeklyHours),
    PersonRuleCase(
        description: "32 h held in the week, 40 h maximum", held: [(0, "day"), (1, "day"), (2, "day"), (3, "day")], offered: (4, "day"),
        maxHoursPerWeek: 40, expected: nil),
    PersonRuleCase(
        description: "32 h held last week, 32 h maximum", held: [(0, "day"), (1, "day"), (2, "day"), (3, "day")], offered: (7, "day"),
        maxHoursPerWeek: 32, expected: nil),
    PersonRuleCase(
        description: "a fourth night in a row, 3 at most", held: [(0, "night"), (1, "night"), (2, "night")], offered: (3, "night"),
        expected: .consecutiveNights),
    PersonRuleCase(
        description: "a fourth night in a row, 4 at most", held: [(0, "night"), (1, "night"), (2, "night")], offered: (3, "night"),
        maxConsecutiveNights: 4, expected: nil),
    PersonRuleCase(
        description: "a night between two, 2 at most", held: [(0, "night"), (2, "night")], offered: (1, "night"), maxConsecutiveNights: 2,
        expected: .consecutiveNights),
    PersonRuleCase(
        description: "a night after a free date, 2 at most", held: [(0, "night"), (1, "night")], offered: (3, "night"),
        maxConsecutiveNights: 2, expected: nil),
    PersonRuleCase(
        description: "two rest-day shifts held in March, a third offered, 2 a month at most", held: [(5, "day"), (6, "day")],
        offered: (12, "day"), maxRestdayShiftsPerMonth: 2, expected: .restdayShiftsPerMonth),
    PersonRuleCase(
        description: "two rest-day shifts held in March, a third offered, 3 a month at most", held: [(5, "day"), (6, "day")],
        offered: (12, "evening"), maxRestdayShiftsPerMonth: 3, expected: nil),
    PersonRuleCase(
        description: "two rest-day shifts held in March, one offered in April, 2 a month at most", held: [(26, "day"), (27, "day")],
        offered: (33, "day"), maxRestdayShiftsPerMonth: 2, expected: nil),
    PersonRuleCase(
        description: "two rest-day shifts held, a holiday offered, 2 rest-day shifts a month at most", held: [(5, "day"), (6, "day")],
        offered: (16, "day"), maxRestdayShiftsPerMonth: 2, expected: nil),
    PersonRuleCase(
        description: "two rest-day shifts held, a makeup Saturday offered, 2 rest-day shifts a month at most",
        held: [(5, "day"), (6, "day")], offered: (19, "day"), maxRestdayShiftsPerMonth: 2, expected: nil),
    PersonRuleCase(
        description: "a week of workdays held, a rest day offered, 1 rest-day shift a month at most",
        held: [(7, "day"), (8, "day"), (9, "day"), (10, "day"), (11, "day")], offered: (12, "day"), maxRestdayShiftsPerMonth: 1,
        expected: nil),
    PersonRuleCase(
        description: "a holiday held, the next one offered, 1 a month at most", held: [(16, "day")], offered: (17, "day"),
        maxHolidayShiftsPerMonth: 1, expected: .holidayShiftsPerMonth),
    PersonRuleCase(
        description: "a holiday held, the next one offered, 2 a month at most", held: [(16, "day")], offered: (17, "evening"),
        maxHolidayShiftsPerMonth: 2, expected: nil),
    PersonRuleCase(
        description: "a March holiday held, an April one offered, 1 a month at most", held: [(16, "day")], offered: (34, "day"),
        maxHolidayShiftsPerMonth: 1, expected: nil),
    PersonRuleCase(
        description: "a holiday held, a rest day offered, 1 holiday shift a month at most", held: [(16, "day")], offered: (12, "day"),
        maxRestdayShiftsPerMonth: 1, maxHolidayShiftsPerMonth: 1, expected: nil),
]

struct TeamRuleCase: Sendable, CustomStringConvertible {
    var description: String
    var members: [String]
    var period: String
    var expected: HardRule?
}

let teamRuleCases: [TeamRuleCase] = [
    TeamRuleCase(description: "police, certified eco, uncertified water at night", members: ["p1", "e1", "w1"], period: "night", expected: nil),
    TeamRuleCase(description: "two members", members: ["p1", "e1"], period: "day", expected: .teamSize),
    TeamRuleCase(description: "one member twice", members: ["p1", "p1", "e1"], period: "day", expected: .teamSize),
    TeamRuleCase(description: "no police at night", members: ["e1", "e2", "w1"], period: "night", expected: .requiredDepartment),
    TeamRuleCase(description: "no police by day is fine", members: ["e1", "e2", "w1"], period: "day", expected: nil),
    TeamRuleCase(description: "one certified officer", members: ["p1", "w1", "w2"], period: "day", expected: .certified),
    TeamRuleCase(description: "one department", members: ["e1", "e2", "e3"], period: "day", expected: .departments),
]

/// A whole plan where one rule binds: the teams it allows and the shortfall it causes.
struct PlanRuleCase: Sendable, CustomStringConvertible {
    var description: String
    var inspectors: [Inspector] = threeOfficers
    var days: [CalendarDay]
    var coverage: [CoverageRule]
    var team = nightNeedsPolice
    var people = PeopleRules()
    var leave: [Unavailability] = []
    var teams: Int
    var shortfalls: Int
    /// Words every shortfall reason contains.
    var reason = ""
}

let restdayNight = [calendarDay(day(0), .workday), calendarDay(day(1), .restday)]

let planRuleCases: [PlanRuleCase] = [
    PlanRuleCase(
        description: "rest across midnight (11 h default): Monday evening, Tuesday night", days: restdayNight,
        coverage: [oneTeam("evening"), oneTeam("night", on: .restday)], teams: 1, shortfalls: 1, reason: "after rest"),
    PlanRuleCase(
        description: "rest across midnight, no minimum: Monday evening, Tuesday night", days: restdayNight,
        coverage: [oneTeam("evening"), oneTeam("night", on: .restday)], people: PeopleRules(minRestHours: 0), teams: 2, shortfalls: 0),
    PlanRuleCase(
        description: "rest across midnight (11 h): Monday day (ends 16:00), Tuesday night (00:00)", days: restdayNight,
        coverage: [oneTeam("day"), oneTeam("night", on: .restday)], teams: 1, shortfalls: 1, reason: "after rest"),
    PlanRuleCase(
        description: "rest across midnight (8 h): Monday day, Tuesday night", days: restdayNight,
        coverage: [oneTeam("day"), oneTeam("night", on: .restday)], people: PeopleRules(minRestHours: 8), teams: 2, shortfalls: 0),
    PlanRuleCase(
        description: "team size: two inspectors for a team of three", inspectors: Array(threeOfficers.prefix(2)),
        days: calendarDays(0..<1), coverage: [oneTeam("day")], teams: 0, shortfalls: 1, reason: "only 2 inspectors"),
    PlanRuleCase(
        description: "departments: three eco officers", inspectors: [officer("e1", "eco"), officer("e2", "eco"), officer("e3", "eco")],
        days: calendarDays(0..<1), coverage: [oneTeam("day")], teams: 0, shortfalls: 1, reason: "department"),
    PlanRuleCase(
        description: "certified: one certified officer",
        inspectors: [officer("p1", "police"), officer("e1", "eco", certified: false), officer("w1", "water", certified: false)],
        days: calendarDays(0..<1), coverage: [oneTeam("day")], teams: 0, shortfalls: 1, reason: "certified officer"),
    PlanRuleCase(
        description: "required department: no police for the night",
        inspectors: [officer("u1", "urban"), officer("e1", "eco"), officer("w1", "water", certified: false)],
        days: calendarDays(0..<2), coverage: [oneTeam("day"), oneTeam("night")], teams: 2, shortfalls: 2, reason: "no police officer"),
    PlanRuleCase(
        description: "leave: the water officer off on Tuesday", days: calendarDays(0..<2), coverage: [oneTeam("day")],
        leave: [Unavailability(inspectorID: "w1", from: day(1), through: day(1), reason: "sick")], teams: 1, shortfalls: 1,
        reason: "only 2 inspectors"),
    PlanRuleCase(
        description: "weekly hours: five day shifts, 32 h a week", days: calendarDays(0..<5), coverage: [oneTeam("day")],
        people: PeopleRules(maxHoursPerWeek: 32), teams: 4, shortfalls: 1, reason: "weekly-hour"),
    PlanRuleCase(
        description: "weekly hours: five day shifts, 40 h a week", days: calendarDays(0..<5), coverage: [oneTeam("day")],
        people: PeopleRules(maxHoursPerWeek: 40), teams: 5, shortfalls: 0),
    PlanRuleCase(
        description: "consecutive nights: four nights, 3 in a row at most", days: calendarDays(0..<4), coverage: [oneTeam("night")],
        teams: 3, shortfalls: 1, reason: "night-run"),
    PlanRuleCase(
        description: "consecutive nights: four nights, 4 in a row at most", days: calendarDays(0..<4), coverage: [oneTeam("night")],
        people: PeopleRules(maxConsecutiveNights: 4), teams: 4, shortfalls: 0),
    PlanRuleCase(
        description: "rest-day cap: four rest days, 2 a month at most", days: calendarDays(0..<4, .restday),
        coverage: [oneTeam("day", on: .restday)], people: PeopleRules(maxRestdayShiftsPerMonth: 2), teams: 2, shortfalls: 2,
        reason: "and the monthly cap of 2 rest-day shifts, which alone keeps 3 inspectors off"),
    PlanRuleCase(
        description: "rest-day cap: four rest days, 4 a month at most", days: calendarDays(0..<4, .restday),
        coverage: [oneTeam("day", on: .restday)], people: PeopleRules(maxRestdayShiftsPerMonth: 4), teams: 4, shortfalls: 0),
    PlanRuleCase(
        description: "rest-day cap: two rest days in March and two in April, 2 a month at most",
        days: [26, 27, 33, 34].map { calendarDay(day($0), .restday) }, coverage: [oneTeam("day", on: .restday)],
        people: PeopleRules(maxRestdayShiftsPerMonth: 2), teams: 4, shortfalls: 0),
    PlanRuleCase(
        description: "holiday cap: three holidays, 1 a month at most", days: calendarDays(0..<3, .holiday),
        coverage: [oneTeam("night", on: .holiday)], people: PeopleRules(maxHolidayShiftsPerMonth: 1), teams: 1, shortfalls: 2,
        reason: "and the monthly cap of 1 holiday shift, which alone keeps 3 inspectors off"),
    PlanRuleCase(
        description: "holiday cap: no rest-day shift at all leaves holidays alone", days: calendarDays(0..<3, .holiday),
        coverage: [oneTeam("day", on: .holiday)], people: PeopleRules(maxRestdayShiftsPerMonth: 0), teams: 3, shortfalls: 0),
    PlanRuleCase(
        description: "rest-day cap: makeup workdays are workdays", days: calendarDays(5..<7, .makeupWorkday),
        coverage: [oneTeam("day")], people: PeopleRules(maxRestdayShiftsPerMonth: 0, maxHolidayShiftsPerMonth: 0), teams: 2,
        shortfalls: 0),
]

/// The monthly caps on a whole plan: `trios` of a police, an eco (both certified) and a water
/// officer (not certified), one day team on each of `perMonth` dates of `kind` in March and as
/// many in April. The first trio did `perMonth` such shifts before the plan (fairness history),
/// so without the cap the others take more than their share of March's.
struct MonthlyCapCase: Sendable, CustomStringConvertible {
    var kind: DayKind
    var cap: Int
    var trios: Int
    var perMonth: Int
    /// Teams the cap leaves unfilled (0 when it allows the coverage).
    var shortfalls = 0

    var description: String {
        "\(kind.rawValue) shifts, \(cap) a month at most, \(trios * 3) inspectors, \(perMonth) dates a month"
    }

    func input(capped: Bool) -> PlanningInput {
        let inspectors = (1...trios).flatMap {
            [officer("p\($0)", "police"), officer("e\($0)", "eco"), officer("w\($0)", "water", certified: false)]
        }
        let offsets = (0..<perMonth).flatMap { [2 * $0, 30 + 2 * $0] }  // March 2, 4, …; April 1, 3, …
        let history = ["p1", "e1", "w1"].map {
            DutyHistory(inspectorID: $0, restdays: kind == .restday ? perMonth : 0, holidays: kind == .holiday ? perMonth : 0)
        }
        let cap = capped ? cap : nil
        return PlanningInput(
            inspectors: inspectors, days: offsets.map { calendarDay(day($0), kind) }, coverage: [oneTeam("day", on: kind)],
            team: nightNeedsPolice,
            people: PeopleRules(
                maxRestdayShiftsPerMonth: kind == .restday ? cap : nil, maxHolidayShiftsPerMonth: kind == .holiday ? cap : nil),
            history: history, seed: 5, iterations: 5_000)
    }
}

let monthlyCapCases: [MonthlyCapCase] = [
    MonthlyCapCase(kind: .restday, cap: 2, trios: 2, perMonth: 4),
    MonthlyCapCase(kind: .restday, cap: 3, trios: 2, perMonth: 5),
    MonthlyCapCase(kind: .restday, cap: 2, trios: 3, perMonth: 5),
    MonthlyCapCase(kind: .holiday, cap: 1, trios: 3, perMonth: 3),
    MonthlyCapCase(kind: .holiday, cap: 2, trios: 2, perMonth: 4),
    MonthlyCapCase(kind: .restday, cap: 1, trios: 2, perMonth: 4, shortfalls: 4),
    MonthlyCapCase(kind: .holiday, cap: 1, trios: 2, perMonth: 3, shortfalls: 2),
]

/// The most shifts of `kind` anyone has in one calendar month of `plan`.
func mostPerMonth(_ plan: Plan, _ input: PlanningInput, kind: DayKind) -> Int {
    let kinds = Dictionary(input.days.map { ($0.date, $0.kind) }, uniquingKeysWith: { first, _ in first })
    var counts: [String: Int] = [:]
    for team in plan.teams where kinds[team.date] == kind {
        for id in team.memberIDs { counts["\(id) \(team.date.year)-\(team.date.month)", default: 0] += 1 }
    }
    return counts.values.max() ?? 0
}

@Suite struct HardRuleTests {
    static let people = [
        officer("p1", "police"), officer("e1", "eco"), officer("e2", "eco"), officer("e3", "eco"),
        officer("w1", "water", certified: false), officer("w2", "water", certified: false),
    ]

    @Test(arguments: personRuleCases)
    func personRule(_ row: PersonRuleCase) {
        let input = PlanningInput(
            inspectors: Self.people, days: monthsCalendar, coverage: [],
            people: PeopleRules(
                minRestHours: row.minRestHours, maxHoursPerWeek: row.maxHoursPerWeek, maxConsecutiveNights: row.maxConsecutiveNights,
                maxRestdayShiftsPerMonth: row.maxRestdayShiftsPerMonth, maxHolidayShiftsPerMonth: row.maxHolidayShiftsPerMonth),
            unavailable: row.leave.map { Unavailability(inspectorID: "e1", from: day($0), through: day($0), reason: "leave") })
        var engine = PlannerEngine(input)
        let person = engine.personIndex["e1"]!
        for held in row.held {
            engine.apply(person, engine.shiftIndex(date: day(held.day), periodID: held.period)!, 1, slot: 0)
        }
        let offered = engine.shiftIndex(date: day(row.offered.day), periodID: row.offered.period)!
        #expect(engine.obstacle(person, offered) == row.expected)
        // Someone holding nothing is never stopped, except by their own leave.
        #expect(engine.obstacle(engine.personIndex["e2"]!, offered) == nil)
    }

    /// Rest-day and holiday shifts worked earlier in the month (before the planned dates)
    /// count against the caps: with two rest days already worked and a cap of two, a third
    /// in the same month is refused, one in the next month is not.
    @Test func shiftsWorkedEarlierInTheMonthCountAgainstTheCaps() {
        let rules = PeopleRules(maxRestdayShiftsPerMonth: 2, maxHolidayShiftsPerMonth: 1)
        let earlier = [
            MonthToDate(inspectorID: "e1", year: 2026, month: 3, restdays: 2, holidays: 0),
            MonthToDate(inspectorID: "e2", year: 2026, month: 3, restdays: 1, holidays: 1),
        ]
        let input = PlanningInput(inspectors: Self.people, days: monthsCalendar, coverage: [], people: rules, monthToDate: earlier)
        let engine = PlannerEngine(input)
        let saturday = engine.shiftIndex(date: day(5), periodID: "day")!  // Saturday 7 March
        let holiday = engine.shiftIndex(date: day(16), periodID: "day")!  // Wednesday 18 March
        let april = engine.shiftIndex(date: day(33), periodID: "day")!  // Saturday 4 April
        #expect(engine.obstacle(engine.personIndex["e1"]!, saturday) == .restdayShiftsPerMonth)
        #expect(engine.obstacle(engine.personIndex["e1"]!, april) == nil)
        #expect(engine.obstacle(engine.personIndex["e2"]!, saturday) == nil)
        #expect(engine.obstacle(engine.personIndex["e2"]!, holiday) == .holidayShiftsPerMonth)
        #expect(engine.obstacle(engine.personIndex["e3"]!, holiday) == nil)
        // And the finished plan's from-scratch check agrees.
        let plan = RosterPlanner.plan(
            PlanningInput(
                inspectors: Self.people, days: monthsCalendar, coverage: [CoverageRule(zone: "z", periodID: "day", teamsByDayKind: [.restday: 1])],
                people: rules, seed: 2, monthToDate: earlier))
        #expect(plan.hardViolations == 0)
        let marchRestdays = plan.teams.filter { $0.date.month == 3 && $0.memberIDs.contains("e1") }
        #expect(marchRestdays.isEmpty, "e1 had used up March's rest days: \(marchRestdays.map(\.date))")
    }

    @Test(arguments: teamRuleCases)
    func teamRule(_ row: TeamRuleCase) {
        let input = PlanningInput(inspectors: Self.people, days: calendarDays(0..<1), coverage: [], team: nightNeedsPolice)
        let engine = PlannerEngine(input)
        let shift = engine.shiftIndex(date: day(0), periodID: row.period)!
        #expect(engine.compositionProblem(row.members.map { engine.personIndex[$0]! }, shift) == row.expected)
    }

    @Test(arguments: planRuleCases)
    func planKeepsTheRule(_ row: PlanRuleCase) {
        let input = PlanningInput(
            inspectors: row.inspectors, days: row.days, coverage: row.coverage, team: row.team, people: row.people,
            unavailable: row.leave, seed: 3)
        let plan = RosterPlanner.plan(input)
        #expect(PlanChecker(input: input).violations(plan) == [])
        #expect(plan.hardViolations == 0)
        #expect(plan.teams.count == row.teams)
        #expect(plan.shortfalls.reduce(0) { $0 + $1.missingTeams } == row.shortfalls)
        #expect(plan.shortfalls.allSatisfy { $0.reason.contains(row.reason) }, "\(plan.shortfalls.map(\.reason))")
    }

    @Test(arguments: monthlyCapCases)
    func monthlyCapHolds(_ row: MonthlyCapCase) {
        // Without the cap someone would go over it, so the case tests the cap.
        let free = row.input(capped: false)
        let uncapped = RosterPlanner.plan(free)
        #expect(uncapped.shortfalls == [])
        #expect(mostPerMonth(uncapped, free, kind: row.kind) > row.cap)

        let input = row.input(capped: true)
        let plan = RosterPlanner.plan(input)
        #expect(mostPerMonth(plan, input, kind: row.kind) <= row.cap)
        #expect(PlanChecker(input: input).violations(plan) == [])
        #expect(plan.hardViolations == 0)
        #expect(plan.teams.count == 2 * row.perMonth - row.shortfalls)
        #expect(plan.shortfalls.reduce(0) { $0 + $1.missingTeams } == row.shortfalls)
        let kindName = row.kind == .restday ? "rest-day" : "holiday"
        let capText = "monthly cap of \(row.cap) \(kindName) shift\(row.cap == 1 ? "" : "s")"
        #expect(plan.shortfalls.allSatisfy { $0.reason.contains(capText) }, "\(plan.shortfalls.map(\.reason))")
    }

    /// Three dates of `kind`: the second trio holds the first two, the first trio the third.
    /// With 2 a month at most, nobody of the second trio could take a place on the third.
    @Test(arguments: [DayKind.restday, .holiday])
    func explainNamesTheMonthlyCap(_ kind: DayKind) {
        let inspectors = [
            officer("p1", "police"), officer("e1", "eco"), officer("w1", "water", certified: false),
            officer("p2", "police"), officer("e2", "eco"), officer("w2", "water", certified: false),
        ]
        func team(_ offset: Int, _ members: [String]) -> PlannedTeam {
            PlannedTeam(date: day(offset), periodID: "day", zone: "z", index: 0, memberIDs: members)
        }
        let third = team(2, ["e1", "p1", "w1"])
        let plan = Plan(
            teams: [team(0, ["e2", "p2", "w2"]), team(1, ["e2", "p2", "w2"]), third], shortfalls: [], hardViolations: 0,
            fairnessSpread: [:])
        let rule: HardRule = kind == .restday ? .restdayShiftsPerMonth : .holidayShiftsPerMonth
        func input(cap: Int) -> PlanningInput {
            PlanningInput(
                inspectors: inspectors, days: calendarDays(0..<3, kind), coverage: [oneTeam("day", on: kind)],
                people: PeopleRules(
                    maxRestdayShiftsPerMonth: kind == .restday ? cap : nil, maxHolidayShiftsPerMonth: kind == .holiday ? cap : nil))
        }

        let capped = RosterPlanner.explain(input(cap: 2), plan: plan, team: third)
        #expect(capped.members.count == 3)
        for member in capped.members {
            #expect(member.blockedBy == [RuleCount(rule: rule, inspectors: 3)])
            #expect(member.replacements == 0)
            #expect(member.sentence.contains("Nobody else could take this place without breaking a hard rule: 3 \(rule.summary)."))
        }
        #expect(rule.summary.contains(kind == .restday ? "rest-day shifts this month" : "holiday shifts this month"))

        // One more a month and the second trio could step in, as far as the team rules allow.
        let roomy = RosterPlanner.explain(input(cap: 3), plan: plan, team: third)
        #expect(roomy.members.allSatisfy { !$0.blockedBy.map(\.rule).contains(rule) })
        #expect(roomy.members.allSatisfy { $0.replacements > 0 })
    }

    /// A pin over the cap is kept and reported; the planner's own teams stay within it.
    @Test func aPinOverTheMonthlyCapIsReported() {
        let pins = [0, 1, 2].map { TeamPin(date: day($0), periodID: "day", zone: "z", index: 0, memberIDs: ["e1", "p1", "w1"]) }
        let input = PlanningInput(
            inspectors: threeOfficers, days: calendarDays(0..<4, .restday), coverage: [oneTeam("day", on: .restday)],
            people: PeopleRules(maxRestdayShiftsPerMonth: 2), pins: pins)
        let plan = RosterPlanner.plan(input)
        #expect(plan.teams.count == 3)
        #expect(plan.hardViolations == 0)
        #expect(
            plan.pinProblems == ["e1", "p1", "w1"].map {
                "2026-03-04/day/z#0: \($0) breaks a hard rule: over the cap of rest-day shifts this month (restday_shifts_per_month)"
            })
        #expect(plan.shortfalls.map(\.date) == [day(3)])
        #expect(plan.shortfalls.allSatisfy { $0.reason.contains("monthly cap of 2 rest-day shifts, which alone keeps 3 inspectors off") })
    }
}
