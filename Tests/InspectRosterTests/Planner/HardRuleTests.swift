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
    var expected: HardRule?
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
]

@Suite struct HardRuleTests {
    static let people = [
        officer("p1", "police"), officer("e1", "eco"), officer("e2", "eco"), officer("e3", "eco"),
        officer("w1", "water", certified: false), officer("w2", "water", certified: false),
    ]

    @Test(arguments: personRuleCases)
    func personRule(_ row: PersonRuleCase) {
        let input = PlanningInput(
            inspectors: Self.people, days: calendarDays(0..<9), coverage: [],
            people: PeopleRules(
                minRestHours: row.minRestHours, maxHoursPerWeek: row.maxHoursPerWeek, maxConsecutiveNights: row.maxConsecutiveNights),
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
}
