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
    /// Shifts on rest days (``DayKind/restday``, 休息日) in a calendar month; nil for no limit.
    /// A makeup workday (调休上班) is a workday and does not count. See
    /// ``maxHolidayShiftsPerMonth`` for which shifts count.
    public var maxRestdayShiftsPerMonth: Int?
    /// Shifts on holidays (``DayKind/holiday``: statutory holidays and days off in lieu,
    /// 法定节假日) in a calendar month; nil for no limit.
    ///
    /// For both monthly caps a shift counts in the month of the date it starts on. What counts:
    /// the planner's own teams, pins and started teams on the planned dates
    /// (``PlanningInput/days``), plus ``PlanningInput/monthToDate`` (shifts worked earlier in
    /// a planned month). Started teams on dates outside ``PlanningInput/days`` are not counted
    /// (the planner does not know their kind of day); give them in ``PlanningInput/monthToDate``.
    public var maxHolidayShiftsPerMonth: Int?

    public init(
        minRestHours: Int = 11, maxHoursPerWeek: Int = 48, maxConsecutiveNights: Int = 3, maxRestdayShiftsPerMonth: Int? = nil,
        maxHolidayShiftsPerMonth: Int? = nil
    ) {
        self.minRestHours = minRestHours
        self.maxHoursPerWeek = maxHoursPerWeek
        self.maxConsecutiveNights = maxConsecutiveNights
        self.maxRestdayShiftsPerMonth = maxRestdayShiftsPerMonth
        self.maxHolidayShiftsPerMonth = maxHolidayShiftsPerMonth
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
    /// The inspector on leave.
    public var inspectorID: String
    /// First date off.
    public var from: CivilDate
    /// Last date off (inclusive).
    public var through: CivilDate
    /// Why, in the words of whoever added it.
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
    /// The inspector.
    public var inspectorID: String
    /// Night shifts worked over the look-back.
    public var nights: Int
    /// Rest-day shifts worked over the look-back.
    public var restdays: Int
    /// Holiday shifts worked over the look-back.
    public var holidays: Int
    /// Rain shifts worked over the look-back.
    public var rain: Int

    public init(inspectorID: String, nights: Int = 0, restdays: Int = 0, holidays: Int = 0, rain: Int = 0) {
        self.inspectorID = inspectorID
        self.nights = nights
        self.restdays = restdays
        self.holidays = holidays
        self.rain = rain
    }
}

/// A team fixed by hand (`inspectctl roster assign/pin`): the planner keeps it exactly.
///
/// A pin names its slot like a ``PlannedTeam`` does. A pin that breaks a hard rule is kept
/// anyway and reported in ``Plan/pinProblems``; a pin on a shift that has already started
/// (see ``PlanningInput/frozenBefore``) yields to the team that is on duty.
public struct TeamPin: Sendable, Hashable, Codable {
    /// The date the shift starts on.
    public var date: CivilDate
    /// The period id.
    public var periodID: String
    /// The zone.
    public var zone: String
    /// 0-based team number within the zone's shift; an index beyond the coverage adds a team.
    public var index: Int
    /// Member ids.
    public var memberIDs: [String]

    /// Creates a pin.
    public init(date: CivilDate, periodID: String, zone: String, index: Int, memberIDs: [String]) {
        self.date = date
        self.periodID = periodID
        self.zone = zone
        self.index = index
        self.memberIDs = memberIDs
    }

    /// Pins a planned team as it is.
    public init(_ team: PlannedTeam) {
        self.init(date: team.date, periodID: team.periodID, zone: team.zone, index: team.index, memberIDs: team.memberIDs)
    }
}

/// Everything the planner needs. Pure data: no clock, no I/O.
public struct PlanningInput: Sendable {
    /// The directory's inspectors.
    public var inspectors: [Inspector]
    /// The dates to plan, one entry per date (order does not matter).
    public var days: [CalendarDay]
    /// The periods of the duty day.
    public var periods: [PlanningPeriod]
    /// The district's time zone, for shift start and end instants.
    public var zone: DistrictTimeZone
    /// Teams wanted per zone and period.
    public var coverage: [CoverageRule]
    /// Rain periods as `"\(date)/\(periodID)"`, e.g. `2026-07-06/evening`.
    public var rainPeriods: Set<String>
    /// How a team is made up.
    public var team: TeamRules
    /// Limits that protect people.
    public var people: PeopleRules
    /// Leave and other absences.
    public var unavailable: [Unavailability]
    /// Duty done before the first planned date, over the fairness look-back.
    public var history: [DutyHistory]
    /// Seed of the tie-breaks and of the local search; the same input and seed give the same plan.
    public var seed: UInt64
    /// Local-search moves tried after the greedy construction (0: greedy only). The search
    /// stops sooner when a round improves nothing, so a large budget costs little on easy inputs.
    public var iterations: Int
    /// The roster now in force (the last plan, with manual edits), or empty to plan from scratch.
    ///
    /// When not empty the planner re-plans with minimal disruption: it keeps every team whose
    /// members can all still take it, replaces only members who can no longer serve (one member
    /// first, the whole team only when no single replacement works), builds teams for slots that
    /// are new (an extra rain team) and drops teams whose slot is gone (rain withdrawn: the
    /// highest-index teams go). The local search only moves people it placed in this run.
    public var previous: [PlannedTeam]
    /// UTC seconds: a shift starting before this instant has started or is past. Its teams are
    /// kept exactly as in ``previous`` (also when they now break a rule) and it gets no new team;
    /// their duty still counts for rest, weekly hours, night runs, the monthly caps and fairness.
    /// Teams of such shifts on dates outside ``days`` count for rest, weekly hours and night runs
    /// only (fairness before the horizon comes from ``history``) and are not part of the
    /// returned plan.
    public var frozenBefore: Int64?
    /// Teams fixed by hand, kept exactly; a pin overrides ``previous`` for its slot.
    public var pins: [TeamPin]
    /// Rest-day and holiday shifts already worked in a month before the planned dates: they
    /// count against the monthly caps of ``PeopleRules`` for that month.
    public var monthToDate: [MonthToDate]

    /// Creates a planning input; `previous`, `frozenBefore` and `pins` default to a plan from scratch.
    public init(
        inspectors: [Inspector], days: [CalendarDay], periods: [PlanningPeriod] = PlanningPeriod.defaults,
        zone: DistrictTimeZone = .chinaStandardTime, coverage: [CoverageRule], rainPeriods: Set<String> = [],
        team: TeamRules = TeamRules(), people: PeopleRules = PeopleRules(), unavailable: [Unavailability] = [],
        history: [DutyHistory] = [], seed: UInt64 = 0, iterations: Int = 200_000,
        previous: [PlannedTeam] = [], frozenBefore: Int64? = nil, pins: [TeamPin] = [], monthToDate: [MonthToDate] = []
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
        self.previous = previous
        self.frozenBefore = frozenBefore
        self.pins = pins
        self.monthToDate = monthToDate
    }
}

/// One inspector's rest-day and holiday shifts in a month, worked before the planned dates.
public struct MonthToDate: Sendable, Hashable {
    public var inspectorID: String
    public var year: Int
    /// 1...12.
    public var month: Int
    public var restdays: Int
    public var holidays: Int

    public init(inspectorID: String, year: Int, month: Int, restdays: Int, holidays: Int) {
        self.inspectorID = inspectorID
        self.year = year
        self.month = month
        self.restdays = restdays
        self.holidays = holidays
    }
}

// MARK: - Output

/// One complete team on one shift.
public struct PlannedTeam: Sendable, Hashable, Codable {
    /// The date the shift starts on.
    public var date: CivilDate
    /// The period id.
    public var periodID: String
    /// The zone.
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
    /// The date the shift starts on.
    public var date: CivilDate
    /// The period id.
    public var periodID: String
    /// The zone.
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

/// The spread of one kind of duty within one fairness group.
public struct FairnessGroupSpread: Sendable, Hashable, Codable {
    /// The group, such as `police, certified` or `others, not certified` (`everyone, …` when
    /// no period requires a department).
    public var group: String
    /// The required department the group belongs to; nil for everyone else.
    public var department: String?
    /// Whether the group's inspectors are certified (执法证).
    public var certified: Bool
    /// `night`, `restday`, `holiday` or `rain`.
    public var kind: String
    /// Inspectors of the group available on at least one planned date.
    public var inspectors: Int
    /// Fewest duties of the kind (history + plan) among them.
    public var min: Int
    /// Most duties of the kind (history + plan) among them.
    public var max: Int
    /// `max − min`.
    public var spread: Int { max - min }

    /// Creates a group's figures.
    public init(group: String, department: String?, certified: Bool, kind: String, inspectors: Int, min: Int, max: Int) {
        self.group = group
        self.department = department
        self.certified = certified
        self.kind = kind
        self.inspectors = inspectors
        self.min = min
        self.max = max
    }
}

/// A roster.
public struct Plan: Sendable, Equatable {
    /// Complete teams, by shift start, then zone order of the coverage rules, then index.
    /// Only planned dates (``PlanningInput/days``) appear.
    public var teams: [PlannedTeam]
    /// Wanted teams that are not planned, per zone's shift, with the reason.
    public var shortfalls: [Shortfall]
    /// Hard-rule violations found by re-checking the finished plan from scratch; 0 in every
    /// returned plan. Violations that only pinned or started teams bring along are not counted
    /// here: pins are reported in ``pinProblems``, started shifts cannot change.
    public var hardViolations: Int
    /// Spread (max − min) of duty, history + plan, measured within each fairness group of
    /// interchangeable inspectors.
    ///
    /// Two team rules make some inspectors do more of some duty than anyone could even out:
    /// a period that requires a department (the police at night) needs that department's
    /// inspectors on every one of its teams, and when certified officers (执法证) are scarce
    /// the certified minimum makes them do more of every kind. Comparing such inspectors with
    /// the rest would measure the rules, not the planner. So the inspectors are grouped by
    /// department group (one per department some period requires, plus `others`) and by
    /// whether they are certified: `police, certified`, `police, not certified`, `others,
    /// certified`, `others, not certified`. Only inspectors available on at least one planned
    /// date count. The planner's objective weighs evenness within these groups first and
    /// evenness over everyone second, so where the rules leave room it evens out across
    /// groups as well.
    ///
    /// - `night`, `restday`, `holiday`, `rain`: the largest spread of that kind within a
    ///   fairness group. This is the figure the "spread at most 1 when the rules allow it"
    ///   floor is about.
    /// - `night:department` (and the other kinds): the largest spread within a department
    ///   group, certified and not together.
    /// - `night:all` (and the other kinds): the spread over all those inspectors together; it
    ///   includes the gap the required departments bring.
    ///
    /// ``fairnessGroups`` has the figures per group.
    public var fairnessSpread: [String: Int]
    /// Per fairness group and kind: inspectors, fewest and most duties (see ``fairnessSpread``).
    public var fairnessGroups: [FairnessGroupSpread]
    /// Pins that break a hard rule, could not be placed, or yielded to a started shift, each
    /// naming the pin (`date/period/zone#index`) and the problem. The pins are kept regardless.
    public var pinProblems: [String]
    /// Teams of this plan that are not in ``PlanningInput/previous`` with the same members:
    /// new slots, repaired teams and pins that changed a team. All teams when `previous` is empty.
    public var changedTeams: [PlannedTeam]
    /// Teams of ``PlanningInput/previous`` on planned dates whose slot has no team in this plan
    /// (the slot is gone, or it could not be repaired and is now a shortfall).
    public var droppedTeams: [PlannedTeam]

    /// Creates a plan.
    public init(
        teams: [PlannedTeam], shortfalls: [Shortfall], hardViolations: Int, fairnessSpread: [String: Int],
        fairnessGroups: [FairnessGroupSpread] = [], pinProblems: [String] = [], changedTeams: [PlannedTeam] = [],
        droppedTeams: [PlannedTeam] = []
    ) {
        self.teams = teams
        self.shortfalls = shortfalls
        self.hardViolations = hardViolations
        self.fairnessSpread = fairnessSpread
        self.fairnessGroups = fairnessGroups
        self.pinProblems = pinProblems
        self.changedTeams = changedTeams
        self.droppedTeams = droppedTeams
    }
}
