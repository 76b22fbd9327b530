import InspectCalendar
import InspectCore

/// One zone (片区) of the district: the localities (属地) whose sites its teams visit.
/// `[roster] zones`.
public struct ZoneSetting: Sendable, Hashable {
    /// `id`: a short stable id, lowercase letters, digits, `-` and `_`, such as `north`.
    public var id: String
    /// `name`: the name shown to people, such as `北片区`.
    public var name: String
    /// `localities`: ids of the directory's localities in the zone; at least one.
    public var localities: [String]

    public init(id: String, name: String, localities: [String]) {
        self.id = id
        self.name = name
        self.localities = localities
    }

    /// The id of the one zone there is when `[roster] zones` is empty.
    public static let wholeDistrictID = "district"
    /// The name of that zone (全区, the whole district).
    public static let wholeDistrictName = "全区"
}

/// How many joint teams (联合巡查组) one zone needs in one period, by kind of day.
/// `[roster] coverage`.
public struct CoverageSetting: Sendable, Hashable {
    /// `zone`: a zone id, or `"*"` (`everyZone`) for every zone without an entry of its own.
    public var zone: String
    /// `period`: a period id from `[roster] periods`.
    public var period: String
    /// `workday`, 0...50: teams on a workday, a makeup workday (调休上班) included.
    public var workday: Int
    /// `restday`, 0...50: teams on a weekend day (休息日).
    public var restday: Int
    /// `holiday`, 0...50: teams on a statutory holiday or a day off in lieu (法定节假日).
    public var holiday: Int
    /// `rain_extra`, 0...50: extra teams when the period is a rain period (雨天时段).
    public var rainExtra: Int

    public init(zone: String, period: String, workday: Int, restday: Int, holiday: Int, rainExtra: Int) {
        self.zone = zone
        self.period = period
        self.workday = workday
        self.restday = restday
        self.holiday = holiday
        self.rainExtra = rainExtra
    }

    /// `"*"` as a zone: the entry applies to every zone that has no entry of its own.
    public static let everyZone = "*"

    /// The default: for every zone, day 2/1/1 teams (workday/restday/holiday) with 1 extra in
    /// rain, evening 1/1/1 with 1 extra, night 1/1/1 with none.
    public static let defaults: [CoverageSetting] = [
        CoverageSetting(zone: everyZone, period: "day", workday: 2, restday: 1, holiday: 1, rainExtra: 1),
        CoverageSetting(zone: everyZone, period: "evening", workday: 1, restday: 1, holiday: 1, rainExtra: 1),
        CoverageSetting(zone: everyZone, period: "night", workday: 1, restday: 1, holiday: 1, rainExtra: 0),
    ]

    /// Teams needed on a day of `kind` (a makeup workday counts as a workday), plus
    /// `rainExtra` when the period is a rain period.
    public func teams(on kind: DayKind, rain: Bool) -> Int {
        let base =
            switch kind {
            case .workday, .makeupWorkday: workday
            case .restday: restday
            case .holiday: holiday
            }
        return base + (rain ? rainExtra : 0)
    }
}

extension RosterSettings {
    /// The coverage of `zone` in `period`: the zone's own entry, else the `"*"` entry; nil
    /// when there is neither (a configuration that parsed has one for each of its zones and
    /// periods).
    public func coverage(forZone zone: String, period: String) -> CoverageSetting? {
        coverage.first { $0.zone == zone && $0.period == period }
            ?? coverage.first { $0.zone == CoverageSetting.everyZone && $0.period == period }
    }

    /// The zones to plan for: the configured ones, or, when `zones` is empty, the one zone
    /// `district` (全区) with every locality of `allLocalities` (the directory's localities).
    public func zones(allLocalities: [String]) -> [ZoneSetting] {
        guard zones.isEmpty else { return zones }
        return [ZoneSetting(id: ZoneSetting.wholeDistrictID, name: ZoneSetting.wholeDistrictName, localities: allLocalities)]
    }

    /// The localities of `allLocalities` that no configured zone includes, in the order given:
    /// their sites get no teams, so the daemon warns about them. Empty when `zones` is empty.
    public func localitiesOutsideZones(allLocalities: [String]) -> [String] {
        guard !zones.isEmpty else { return [] }
        let zoned = Set(zones.flatMap(\.localities))
        return allLocalities.filter { !zoned.contains($0) }
    }

    /// The localities the zones name that are not in `allLocalities` (a typo, or a locality
    /// since removed from the directory), in zone order, so the daemon can warn about them.
    public func zoneLocalitiesMissing(fromDirectory allLocalities: [String]) -> [String] {
        let known = Set(allLocalities)
        return zones.flatMap(\.localities).filter { !known.contains($0) }
    }

    /// The zone ids coverage may name: the configured zones', or `district` when there are none.
    var zoneIDs: [String] {
        zones.isEmpty ? [ZoneSetting.wholeDistrictID] : zones.map(\.id)
    }

    /// Coverage names periods and zones; every period needs coverage in every zone.
    static func checkAcrossKeys(_ configuration: DaemonConfiguration, _ written: WrittenKeys, _ problems: inout ProblemCollector) {
        guard written.isSound(tableName, "periods"), written.isSound(tableName, "zones"), written.isSound(tableName, "coverage")
        else { return }
        let roster = configuration.roster
        let periodIDs = roster.periods.map(\.id)
        let zoneIDs = roster.zoneIDs
        var referencesHold = true
        if let entries = written.elements(tableName, "coverage", decodedAs: roster.coverage) {
            for (entry, element) in entries {
                if !periodIDs.contains(entry.period) {
                    problems.reportInvalid(
                        "\(TOMLKey.quoted(entry.period)) is not a period in roster.periods; use one of \(ConfigurationID.list(periodIDs))",
                        at: element.table?["period"] ?? element)
                    referencesHold = false
                }
                if entry.zone != CoverageSetting.everyZone, !zoneIDs.contains(entry.zone) {
                    let message =
                        roster.zones.isEmpty
                        ? "\(TOMLKey.quoted(entry.zone)) is not a zone: roster.zones is empty, so the one zone is \"district\"; use \"*\", or define the zone in roster.zones"
                        : "\(TOMLKey.quoted(entry.zone)) is not a zone in roster.zones; use one of \(ConfigurationID.list(zoneIDs)), or \"*\" for every zone"
                    problems.reportInvalid(message, at: element.table?["zone"] ?? element)
                    referencesHold = false
                }
            }
        } else if written.value(tableName, "coverage") == nil, let periods = written.value(tableName, "periods") {
            var named: [String] = []
            for entry in roster.coverage where !named.contains(entry.period) { named.append(entry.period) }
            if named.contains(where: { !periodIDs.contains($0) }) {
                problems.reportInvalid(
                    "roster.coverage is left out, and its default is for the periods \(ConfigurationID.list(named)); "
                        + "write roster.coverage with an entry for each of \(ConfigurationID.list(periodIDs)) (see deploy/inspectd.toml)",
                    at: periods)
                referencesHold = false
            }
        }
        guard referencesHold else { return }
        for period in roster.periods {
            let uncovered = zoneIDs.filter { roster.coverage(forZone: $0, period: period.id) == nil }
            guard !uncovered.isEmpty else { continue }
            let example =
                "{ zone = \"*\", period = \(TOMLKey.quoted(period.id)), workday = 1, restday = 1, holiday = 1, rain_extra = 0 }"
            if let coverage = written.value(tableName, "coverage") {
                problems.reportInvalid(
                    "period \(TOMLKey.quoted(period.id)) has no coverage in \(uncovered.count == 1 ? "zone" : "zones") \(ConfigurationID.list(uncovered)); "
                        + "add an entry such as \(example), with 0 where no team is needed",
                    at: coverage)
            } else if let at = written.value(tableName, "periods") ?? written.value(tableName, "zones") {
                problems.reportInvalid(
                    "roster.coverage is left out, and its default has no entry for period \(TOMLKey.quoted(period.id)); "
                        + "write roster.coverage with an entry for every period, such as \(example)",
                    at: at)
            }
        }
    }
}

extension ZoneSetting {
    static let example = "{ id = \"north\", name = \"北片区\", localities = [\"baihe\", \"liulin\"] }"

    static func render(_ zones: [ZoneSetting]) -> String {
        let tables = zones.map { zone in
            "{ id = \(TOMLKey.quoted(zone.id)), name = \(TOMLKey.quoted(zone.name)), "
                + "localities = [\(zone.localities.map(TOMLKey.quoted).joined(separator: ", "))] }"
        }
        return "[" + tables.joined(separator: ", ") + "]"
    }

    static func decodeZones(_ value: TOMLValue, _ problems: inout ProblemCollector) -> [ZoneSetting]? {
        guard let elements = value.array else {
            problems.reportWrongType(expected: "an array of zones such as [\(example)]", found: value)
            return nil
        }
        var zones: [ZoneSetting] = []
        var valid = true
        /// The zone each locality was first listed in, for messages.
        var zoneOfLocality: [String: String] = [:]
        for (index, element) in elements.enumerated() {
            var reader = InlineTableReader(element, noun: "a zone", fields: ["id", "name", "localities"], example: example, &problems)
            guard reader.isTable else {
                valid = false
                continue
            }
            let id = reader.string("id", &problems)
            let name = reader.string("name", &problems)
            let localities = reader.strings("localities", &problems)
            if let (text, at) = id {
                if !ConfigurationID.isValid(text) {
                    reader.invalid(
                        "\(TOMLKey.quoted(text)) is not a zone id; use lowercase letters, digits, - and _, such as \"north\"", at: at,
                        &problems)
                } else if zones.contains(where: { $0.id == text }) {
                    reader.invalid("the zone id \(TOMLKey.quoted(text)) is used twice; give each zone its own id", at: at, &problems)
                }
            }
            if let (text, at) = name, text.allSatisfy(\.isWhitespace) {
                reader.invalid("the zone name is empty; name it, such as \"北片区\"", at: at, &problems)
            }
            let label = id.map { "zone \(TOMLKey.quoted($0.0))" } ?? "zone \(index + 1)"
            if let (list, at) = localities {
                if list.isEmpty {
                    reader.invalid(
                        "\(label) has no localities; list the directory ids of its localities, such as [\"baihe\", \"liulin\"]", at: at,
                        &problems)
                }
                for locality in list {
                    if !ImportValidation.isIdentifier(locality) {
                        reader.invalid(
                            "\(TOMLKey.quoted(locality)) is not a locality id; use the locality's id from the directory (1–64 letters, digits, '_', '.' or '-')",
                            at: at, &problems)
                    } else if let other = zoneOfLocality[locality] {
                        reader.invalid(
                            other == label
                                ? "the locality \(TOMLKey.quoted(locality)) is listed twice in \(label); list it once"
                                : "the locality \(TOMLKey.quoted(locality)) is already in \(other); a locality belongs to at most one zone, so remove it from one of them",
                            at: at, &problems)
                    } else {
                        zoneOfLocality[locality] = label
                    }
                }
            }
            guard reader.valid, let (idText, _) = id, let (nameText, _) = name, let (list, _) = localities else {
                valid = false
                continue
            }
            zones.append(ZoneSetting(id: idText, name: nameText, localities: list))
        }
        return valid ? zones : nil
    }
}

extension CoverageSetting {
    static let example = "{ zone = \"*\", period = \"night\", workday = 1, restday = 1, holiday = 1, rain_extra = 0 }"

    static func render(_ coverage: [CoverageSetting]) -> String {
        let tables = coverage.map { entry in
            "{ zone = \(TOMLKey.quoted(entry.zone)), period = \(TOMLKey.quoted(entry.period)), workday = \(entry.workday), "
                + "restday = \(entry.restday), holiday = \(entry.holiday), rain_extra = \(entry.rainExtra) }"
        }
        return "[" + tables.joined(separator: ", ") + "]"
    }

    static func decodeCoverage(_ value: TOMLValue, _ problems: inout ProblemCollector) -> [CoverageSetting]? {
        guard let elements = value.array else {
            problems.reportWrongType(expected: "an array of coverage entries such as [\(example)]", found: value)
            return nil
        }
        var coverage: [CoverageSetting] = []
        var valid = true
        /// The line of the entry for each (zone, period) written so far.
        var lineOfEntry: [String: Int] = [:]
        for element in elements {
            var reader = InlineTableReader(
                element, noun: "a coverage entry", fields: ["zone", "period", "workday", "restday", "holiday", "rain_extra"],
                example: example, &problems)
            guard reader.isTable else {
                valid = false
                continue
            }
            let zone = reader.string("zone", &problems)
            let period = reader.string("period", &problems)
            var counts: [Int] = []
            for field in ["workday", "restday", "holiday", "rain_extra"] {
                guard let (number, at) = reader.integer(field, &problems) else { continue }
                if (0...50).contains(number) {
                    counts.append(number)
                } else {
                    reader.invalid("\(number) is out of range; use a whole number of teams from 0 to 50", at: at, &problems)
                }
            }
            if let (text, at) = zone, text != everyZone, !ConfigurationID.isValid(text) {
                reader.invalid(
                    "\(TOMLKey.quoted(text)) is not a zone id; use a zone's id from roster.zones, or \"*\" for every zone", at: at, &problems)
            }
            if let (text, at) = period, !ConfigurationID.isValid(text) {
                reader.invalid(
                    "\(TOMLKey.quoted(text)) is not a period id; use a period's id from roster.periods, such as \"night\"", at: at, &problems)
            }
            if let (zoneText, _) = zone, let (periodText, _) = period {
                let pair = zoneText + "\u{0}" + periodText
                if let line = lineOfEntry[pair] {
                    reader.invalid(
                        "zone \(TOMLKey.quoted(zoneText)) already has an entry for period \(TOMLKey.quoted(periodText)) on line \(line); "
                            + "write one entry per zone and period (an entry for a zone overrides \"*\" for that zone)",
                        at: element, &problems)
                } else {
                    lineOfEntry[pair] = element.line
                }
            }
            guard reader.valid, let (zoneText, _) = zone, let (periodText, _) = period, counts.count == 4 else {
                valid = false
                continue
            }
            coverage.append(
                CoverageSetting(
                    zone: zoneText, period: periodText, workday: counts[0], restday: counts[1], holiday: counts[2], rainExtra: counts[3]))
        }
        return valid ? coverage : nil
    }
}
