import InspectCalendar

/// `[calendar]`: where the operator's holiday schedules are.
public struct CalendarSettings: Sendable, Equatable {
    /// `directory`, absolute path, default `"/etc/inspectd/calendar.d"`: holiday schedules
    /// for years the built-in calendar does not cover (`*.tsv` in the built-in columns, or
    /// `*.ics`), read at start and on reload.
    public var directory: String

    public init(directory: String = "/etc/inspectd/calendar.d") {
        self.directory = directory
    }
}

extension CalendarSettings: ConfigurationSection {
    static let tableName = "calendar"

    static var keys: [ConfigurationKey<Self>] {
        [.absolutePath("directory", \.directory)]
    }
}

/// `[weather]`: when a forecast makes a period a rain period.
public struct WeatherSettings: Sendable, Equatable {
    /// `rain_probability_percent`, integer 1...100, default 60: a period whose forecast
    /// probability of precipitation reaches this is a rain period.
    public var rainProbabilityPercent: Int
    /// `rain_precipitation_mm`, number 0.1...500, default 2.0: a period whose forecast
    /// precipitation adds up to this many millimetres is a rain period.
    public var rainPrecipitationMM: Double
    /// `max_forecast_age_hours`, integer 1...240, default 24: a forecast received longer ago
    /// than this is stale; it is reported and not used.
    public var maxForecastAgeHours: Int
    /// `drop_directory`, path, default `"weather-inbox"`: the directory the daemon watches
    /// for forecast files; a relative path is inside the state directory.
    public var dropDirectory: String

    public init(
        rainProbabilityPercent: Int = 60, rainPrecipitationMM: Double = 2.0, maxForecastAgeHours: Int = 24,
        dropDirectory: String = "weather-inbox"
    ) {
        self.rainProbabilityPercent = rainProbabilityPercent
        self.rainPrecipitationMM = rainPrecipitationMM
        self.maxForecastAgeHours = maxForecastAgeHours
        self.dropDirectory = dropDirectory
    }

    /// The drop directory as an absolute path, given the state directory.
    public func dropDirectoryPath(stateDirectory: String) -> String {
        ConfigurationPaths.resolve(dropDirectory, under: stateDirectory)
    }
}

extension WeatherSettings: ConfigurationSection {
    static let tableName = "weather"

    static var keys: [ConfigurationKey<Self>] {
        [
            .integer("rain_probability_percent", \.rainProbabilityPercent, in: 1...100, unit: "percent"),
            .decimal("rain_precipitation_mm", \.rainPrecipitationMM, in: 0.1...500, unit: "millimetres"),
            .integer("max_forecast_age_hours", \.maxForecastAgeHours, in: 1...240, unit: "hours"),
            .relativeOrAbsolutePath("drop_directory", \.dropDirectory, requiresRestart: true, example: "weather-inbox"),
        ]
    }
}

/// `[roster]`: the planning horizon, the periods of the duty day, the zones, how many teams
/// each needs, and when the roster is published.
public struct RosterSettings: Sendable, Equatable {
    /// `horizon_days`, integer 1...366, default 28: how many days ahead the roster is planned
    /// (and how far ahead the calendar must be official).
    public var horizonDays: Int
    /// `periods`, array of `{ id, name, start, end }`, default day 08:00–16:00, evening
    /// 16:00–24:00, night 00:00–08:00: the periods of the duty day; together they cover every
    /// minute of the day exactly once.
    public var periods: [PlanningPeriod]
    /// `zones`, array of `{ id, name, localities = ["id", ...] }`, default `[]`: the zones
    /// (片区) teams are planned for, each a set of the directory's localities (属地). Empty
    /// means one zone, `district`, covering every locality (see `zones(allLocalities:)`).
    /// Zone ids are unique (period-id syntax), a zone has at least one locality, and a
    /// locality is in at most one zone.
    public var zones: [ZoneSetting]
    /// `coverage`, array of `{ zone, period, workday, restday, holiday, rain_extra }`,
    /// default for zone `"*"`: day 2/1/1 teams with 1 extra in rain, evening 1/1/1 with 1
    /// extra, night 1/1/1 with none. Teams per period by kind of day (a makeup workday counts
    /// as a workday), plus extra teams in rain periods, each 0...50. `zone = "*"` is every
    /// zone; an entry for a zone overrides the `"*"` entry for that zone and period (see
    /// `coverage(forZone:period:)`). One entry per (zone, period); every period needs an
    /// entry for every zone, directly or through `"*"`.
    public var coverage: [CoverageSetting]
    /// `publish_weekday`, integer 1 (Monday)...7 (Sunday), default 5: the weekday the coming
    /// weeks' roster is published to inspectors; changes after that go out as change notices.
    public var publishWeekday: Int
    /// `publish_time`, `"HH:MM"`, default `"16:00"`: the local time on `publish_weekday` the
    /// roster is published, as minutes after midnight.
    public var publishMinute: Int

    public init(
        horizonDays: Int = 28, periods: [PlanningPeriod] = PlanningPeriod.defaults, zones: [ZoneSetting] = [],
        coverage: [CoverageSetting] = CoverageSetting.defaults, publishWeekday: Int = 5, publishMinute: Int = 16 * 60
    ) {
        self.horizonDays = horizonDays
        self.periods = periods
        self.zones = zones
        self.coverage = coverage
        self.publishWeekday = publishWeekday
        self.publishMinute = publishMinute
    }
}

extension RosterSettings: ConfigurationSection {
    static let tableName = "roster"

    static var keys: [ConfigurationKey<Self>] {
        [
            .integer("horizon_days", \.horizonDays, in: 1...366, unit: "days"),
            .key("periods", \.periods, decode: decodePeriods, render: renderPeriods),
            .key("zones", \.zones, decode: ZoneSetting.decodeZones, render: ZoneSetting.render),
            .key("coverage", \.coverage, decode: CoverageSetting.decodeCoverage, render: CoverageSetting.render),
            .integer("publish_weekday", \.publishWeekday, in: 1...7, unit: "the ISO weekday (1 Monday … 7 Sunday)"),
            .timeOfDay("publish_time", \.publishMinute, example: "16:00"),
        ]
    }

    static func renderPeriods(_ periods: [PlanningPeriod]) -> String {
        let tables = periods.map { period in
            "{ id = \(TOMLKey.quoted(period.id)), name = \(TOMLKey.quoted(period.name)), "
                + "start = \(TOMLKey.quoted(PlanningPeriod.clock(period.startMinute))), "
                + "end = \(TOMLKey.quoted(PlanningPeriod.clock(period.endMinute))) }"
        }
        return "[" + tables.joined(separator: ", ") + "]"
    }

    static func decodePeriods(_ value: TOMLValue, _ problems: inout ProblemCollector) -> [PlanningPeriod]? {
        guard let elements = value.array else {
            problems.reportWrongType(expected: "an array of periods ({ id, name, start, end })", found: value)
            return nil
        }
        guard !elements.isEmpty else {
            problems.reportInvalid("no periods; list the periods of the duty day, such as day, evening and night", at: value)
            return nil
        }
        let before = problems.problems.count
        var periods: [PlanningPeriod] = []
        for element in elements {
            guard let table = element.table else {
                problems.reportWrongType(expected: "a table { id, name, start, end }", found: element)
                continue
            }
            if let period = decodePeriod(table, at: element, &problems) {
                if periods.contains(where: { $0.id == period.id }) {
                    problems.reportInvalid("the period id \(TOMLKey.quoted(period.id)) is used twice; give each period its own id", at: element)
                }
                periods.append(period)
            }
        }
        guard problems.problems.count == before else { return nil }
        let coverage = PlanningPeriod.coverageProblems(periods)
        for message in coverage { problems.reportInvalid(message, at: value) }
        return coverage.isEmpty ? periods : nil
    }

    static func decodePeriod(_ table: TOMLTable, at element: TOMLValue, _ problems: inout ProblemCollector) -> PlanningPeriod? {
        for (key, entry) in table.entries where !["id", "name", "start", "end"].contains(key) {
            problems.report(.unknownKey, "unknown key \(TOMLKey.quoted(key)) in a period; a period has id, name, start and end", at: entry)
        }
        func text(_ key: String) -> (String, TOMLValue)? {
            guard let entry = table[key] else {
                problems.reportInvalid("a period needs \(key) (id, name, start and end, such as { id = \"day\", name = \"白班\", start = \"08:00\", end = \"16:00\" })", at: element)
                return nil
            }
            guard let string = entry.string else {
                problems.reportWrongType(expected: "a string", found: entry)
                return nil
            }
            return (string, entry)
        }
        let id = text("id")
        let name = text("name")
        let start = text("start")
        let end = text("end")
        var valid = true
        if let (value, entry) = id, !ConfigurationID.isValid(value) {
            problems.reportInvalid("\(TOMLKey.quoted(value)) is not a period id; use lowercase letters, digits, - and _, such as \"night\"", at: entry)
            valid = false
        }
        if let (value, entry) = name, value.allSatisfy(\.isWhitespace) {
            problems.reportInvalid("the period name is empty; name it, such as \"夜班\"", at: entry)
            valid = false
        }
        var minutes: [Int] = []
        for (field, item) in [("start", start), ("end", end)] {
            guard let (value, entry) = item else { continue }
            if let minute = PlanningPeriod.minute(fromClock: value), !(field == "start" && minute == 1440) {
                minutes.append(minute)
            } else {
                problems.reportInvalid("\(TOMLKey.quoted(value)) is not a time of day; write HH:MM from 00:00 to 24:00, such as \"08:00\"", at: entry)
                valid = false
            }
        }
        guard valid, let (idValue, _) = id, let (nameValue, _) = name, minutes.count == 2 else { return nil }
        if minutes[0] == minutes[1] {
            problems.reportInvalid("the period starts and ends at the same time; a period that lasts all day is written 00:00 to 24:00", at: element)
            return nil
        }
        return PlanningPeriod(id: idValue, name: nameValue, startMinute: minutes[0], endMinute: minutes[1])
    }
}
