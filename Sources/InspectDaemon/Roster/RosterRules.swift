import InspectCalendar
import InspectConfig
import InspectCore
import InspectRoster

/// The roster rules in force, taken from the configuration in the planner's terms.
struct RosterRules: Sendable {
    struct Zone: Sendable, Equatable {
        var id: String
        var name: String
        var localities: Set<String>
    }

    var periods: [PlanningPeriod]
    var zones: [Zone]
    var coverage: [CoverageRule]
    var team: TeamRules
    var people: PeopleRules
    var lookbackDays: Int
    var iterations: Int
    var visitsPerTeam: Int
    var cadence: CadenceTargets
    var releaseLeadSeconds: Int64

    /// The rules of `configuration`, with zones resolved against the directory's localities.
    init(configuration: DaemonConfiguration, localities: [String]) {
        let roster = configuration.roster
        periods = roster.periods
        zones = roster.zones(allLocalities: localities).map { Zone(id: $0.id, name: $0.name, localities: Set($0.localities)) }
        var coverage: [CoverageRule] = []
        for zone in zones {
            for period in periods {
                guard let setting = roster.coverage(forZone: zone.id, period: period.id) else { continue }
                coverage.append(
                    CoverageRule(
                        zone: zone.id, periodID: period.id,
                        teamsByDayKind: [.workday: setting.workday, .restday: setting.restday, .holiday: setting.holiday],
                        extraTeamsInRain: setting.rainExtra))
            }
        }
        self.coverage = coverage
        let teams = configuration.teams
        var required: [String: Set<String>] = [:]
        for entry in teams.requiredDepartments { required[entry.period, default: []].formUnion(entry.departments) }
        team = TeamRules(
            size: teams.size, minDepartments: teams.minDepartments, minCertified: teams.minCertified, requiredDepartmentsByPeriod: required)
        let duty = configuration.duty
        people = PeopleRules(
            minRestHours: duty.minRestHours, maxHoursPerWeek: duty.maxHoursPerWeek, maxConsecutiveNights: duty.maxConsecutiveNights,
            maxRestdayShiftsPerMonth: duty.maxRestdayShiftsPerMonth, maxHolidayShiftsPerMonth: duty.maxHolidayShiftsPerMonth)
        lookbackDays = duty.fairnessLookbackDays
        iterations = duty.plannerIterations
        let visits = configuration.visits
        visitsPerTeam = visits.perTeam
        cadence = CadenceTargets(daysA: visits.cadenceDays.a, daysB: visits.cadenceDays.b, daysC: visits.cadenceDays.c)
        releaseLeadSeconds = Int64(visits.releaseLeadMinutes) * 60
    }

    /// A night shift: its period crosses midnight or starts before 06:00 (as the planner counts it).
    static func isNight(_ period: PlanningPeriod) -> Bool {
        period.crossesMidnight || period.startMinute < 6 * 60
    }
}
