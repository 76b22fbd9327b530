import InspectCalendar
import InspectCore

// MARK: - Rules

/// How a joint team (联合巡查组) must be made up.
public struct TeamRules: Sendable, Hashable {
    /// Members per team; a team is either complete or not planned at all.
    public var size: Int
    /// Distinct departments per team.
    public var minDepartments: Int
    /// Certified officers (执法证) per team.
    public var minCertified: Int
    /// Departments every team of a period must include, by period id (night → `["police"]`).
    public var requiredDepartmentsByPeriod: [String: Set<String>]

    public init(
        size: Int = 3, minDepartments: Int = 2, minCertified: Int = 2,
        requiredDepartmentsByPeriod: [String: Set<String>] = [:]
    ) {
        self.size = size
        self.minDepartments = minDepartments
        self.minCertified = minCertified
        self.requiredDepartmentsByPeriod = requiredDepartmentsByPeriod
    }
}

/// Limits that protect people.
public struct PeopleRules: Sendable, Hashable {
    /// Hours between the end of one shift and the start of the next.
    public var minRestHours: Int
    /// Planned hours per ISO week (Monday–Sunday); a shift counts in the week of the date it starts on.
    public var maxHoursPerWeek: Int
    /// Night shifts on consecutive dates. A night shift is one whose period crosses midnight
    /// or starts before 06:00.
    public var maxConsecutiveNights: Int

    public init(minRestHours: Int = 11, maxHoursPerWeek: Int = 48, maxConsecutiveNights: Int = 3) {
        self.minRestHours = minRestHours
        self.maxHoursPerWeek = maxHoursPerWeek
        self.maxConsecutiveNights = maxConsecutiveNights
    }
}

/// How many teams a zone needs in a period.
public struct CoverageRule: Sendable, Hashable {
    /// The zone (片区).
    public var zone: String
    /// The period id.
    public var periodID: String
    /// Teams by kind of day. A makeup workday uses its own entry when present, else `workday`.
    /// A missing kind needs no teams.
    public var teamsByDayKind: [DayKind: Int]
    /// Extra teams when `"\(date)/\(periodID)"` is in ``PlanningInput/rainPeriods``.
    public var extraTeamsInRain: Int

    public init(zone: String, periodID: String, teamsByDayKind: [DayKind: Int], extraTeamsInRain: Int = 0) {
        self.zone = zone
        self.periodID = periodID
        self.teamsByDayKind = teamsByDayKind
        self.extraTeamsInRain = extraTeamsInRain
    }
}

/// Leave, training, sickness: the inspector takes no shift starting on these dates.
public struct Unavailability: Sendable, Hashable {
    public var inspectorID: String
    public var from: CivilDate
    public var through: CivilDate
    public var reason: String

    public init(inspectorID: String, from: CivilDate, through: CivilDate, reason: String) {
        self.inspectorID = inspectorID
        self.from = from
        self.through = through
        self.reason = reason
    }
}

/// Duty already done over the fairness look-back; the planner evens out history plus plan.
public struct DutyHistory: Sendable, Hashable {
    public var inspectorID: String
    public var nights: Int
    public var restdays: Int
    public var holidays: Int
    public var rain: Int

    public init(inspectorID: String, nights: Int = 0, restdays: Int = 0, holidays: Int = 0, rain: Int = 0) {
        self.inspectorID = inspectorID
        self.nights = nights
        self.restdays = restdays
        self.holidays = holidays
        self.rain = rain
    }
}

/// Everything the planner needs. Pure data: no clock, no I/O.
public struct PlanningInput: Sendable {
    public var inspectors: [Inspector]
    /// The dates to plan, one entry per date (order does not matter).
    public var days: [CalendarDay]
    public var periods: [PlanningPeriod]
    public var zone: DistrictTimeZone
    public var coverage: [CoverageRule]
    /// Rain periods as `"\(date)/\(periodID)"`, e.g. `2026-07-06/evening`.
    public var rainPeriods: Set<String>
    public var team: TeamRules
    public var people: PeopleRules
    public var unavailable: [Unavailability]
    public var history: [DutyHistory]
    public var seed: UInt64
    /// Local-search moves tried after the greedy construction (0: greedy only).
    public var iterations: Int

    public init(
        inspectors: [Inspector], days: [CalendarDay], periods: [PlanningPeriod] = PlanningPeriod.defaults,
        zone: DistrictTimeZone = .chinaStandardTime, coverage: [CoverageRule], rainPeriods: Set<String> = [],
        team: TeamRules = TeamRules(), people: PeopleRules = PeopleRules(), unavailable: [Unavailability] = [],
        history: [DutyHistory] = [], seed: UInt64 = 0, iterations: Int = 20_000
    ) {
        self.inspectors = inspectors
        self.days = days
        self.periods = periods
        self.zone = zone
        self.coverage = coverage
        self.rainPeriods = rainPeriods
        self.team = team
        self.people = people
        self.unavailable = unavailable
        self.history = history
        self.seed = seed
        self.iterations = iterations
    }
}

// MARK: - Output

/// One complete team on one shift.
public struct PlannedTeam: Sendable, Hashable, Codable {
    public var date: CivilDate
    public var periodID: String
    public var zone: String
    /// 0-based team number within the zone's shift.
    public var index: Int
    /// Member ids, sorted.
    public var memberIDs: [String]

    public init(date: CivilDate, periodID: String, zone: String, index: Int, memberIDs: [String]) {
        self.date = date
        self.periodID = periodID
        self.zone = zone
        self.index = index
        self.memberIDs = memberIDs
    }
}

/// Teams of a zone's shift that the hard rules left unfilled, and why.
public struct Shortfall: Sendable, Hashable, Codable {
    public var date: CivilDate
    public var periodID: String
    public var zone: String
    /// Teams not planned.
    public var missingTeams: Int
    /// Members those teams would have had (`missingTeams × size`): no team is planned short.
    public var missingMembers: Int
    /// Why, in words, with the counts that made the team impossible.
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

/// A roster.
public struct Plan: Sendable, Equatable {
    /// Complete teams, by shift start, then zone order of the coverage rules, then index.
    public var teams: [PlannedTeam]
    public var shortfalls: [Shortfall]
    /// Hard-rule violations found by re-checking the finished plan; 0 in every returned plan.
    public var hardViolations: Int
    /// `night`, `restday`, `holiday`, `rain` → max − min of history + plan among inspectors
    /// available on at least one planned date.
    public var fairnessSpread: [String: Int]

    public init(teams: [PlannedTeam], shortfalls: [Shortfall], hardViolations: Int, fairnessSpread: [String: Int]) {
        self.teams = teams
        self.shortfalls = shortfalls
        self.hardViolations = hardViolations
        self.fairnessSpread = fairnessSpread
    }
}
