import InspectCalendar
import InspectCore

@testable import InspectRoster

/// An inspector of a hand-made case.
func officer(_ id: String, _ department: String, certified: Bool = true) -> Inspector {
    Inspector(id: id, name: id, department: department, certified: certified, homeLocality: nil, phone: "13800000000")
}

/// A date of a hand-made case with the given kind.
func calendarDay(_ date: CivilDate, _ kind: DayKind) -> CalendarDay {
    CalendarDay(date: date, kind: kind, name: nil, provisional: false, inLieu: false, source: "test")
}

/// `day(offset)` for each offset, all of one kind.
func calendarDays(_ offsets: Range<Int>, _ kind: DayKind = .workday) -> [CalendarDay] {
    offsets.map { calendarDay(day($0), kind) }
}

/// Police, eco (both certified) and water (not certified): the smallest team of three that
/// meets two departments, two certified officers and the police at night.
let threeOfficers = [officer("p1", "police"), officer("e1", "eco"), officer("w1", "water", certified: false)]

/// The night needs the police; everything else the defaults (3 members, 2 departments, 2 certified).
let nightNeedsPolice = TeamRules(requiredDepartmentsByPeriod: ["night": ["police"]])

/// One team a day in `periodID` on the given kind of day, in zone `z`.
func oneTeam(_ periodID: String, on kind: DayKind = .workday, extraInRain: Int = 0) -> CoverageRule {
    CoverageRule(zone: "z", periodID: periodID, teamsByDayKind: [kind: 1], extraTeamsInRain: extraInRain)
}

/// Members per team key `date/period/zone#index`.
func teamsByKey(_ teams: [PlannedTeam]) -> [String: [String]] {
    Dictionary(teams.map { ("\($0.date)/\($0.periodID)/\($0.zone)#\($0.index)", $0.memberIDs) }, uniquingKeysWith: { first, _ in first })
}

/// How many of each kind of duty each inspector has in `plan` (no history).
func dutyCounts(_ plan: Plan, _ input: PlanningInput, kind: DayKind) -> [String: Int] {
    let kinds = Dictionary(input.days.map { ($0.date, $0.kind) }, uniquingKeysWith: { first, _ in first })
    var counts = Dictionary(uniqueKeysWithValues: input.inspectors.map { ($0.id, 0) })
    for team in plan.teams where kinds[team.date] == kind {
        for id in team.memberIDs { counts[id, default: 0] += 1 }
    }
    return counts
}
