import InspectCalendar
import InspectCore

/// Reads the JSON of an Open-Meteo forecast request such as
/// `https://api.open-meteo.com/v1/forecast?latitude=39.13&longitude=117.2`
/// `&hourly=precipitation,precipitation_probability&timezone=Asia%2FShanghai`:
///
/// ```json
/// {"latitude": 39.125, "longitude": 117.25, "utc_offset_seconds": 28800,
///  "timezone": "Asia/Shanghai", "timezone_abbreviation": "GMT+8",
///  "hourly_units": {"time": "iso8601", "precipitation": "mm", "precipitation_probability": "%"},
///  "hourly": {"time": ["2026-11-29T00:00", …], "precipitation": [0.0, …],
///             "precipitation_probability": [5, …]}}
/// ```
///
/// Required: `latitude`, `longitude` (numbers), `timezone` (a zone
/// ``ForecastContext/zoneNamed`` knows), `utc_offset_seconds` (an integer that matches
/// the zone's offset at the first hour), `hourly` with the arrays `time`,
/// `precipitation` and `precipitation_probability` of equal length. Optional:
/// `timezone_abbreviation` (a string), `hourly_units` (when given: `time` is
/// `iso8601` or `unixtime`, `precipitation` is `mm`, `precipitation_probability` is
/// `%`). Other fields are ignored.
///
/// `hourly.time` holds local wall-clock times `YYYY-MM-DDTHH:MM` in `timezone`, or
/// with `timeformat=unixtime` integer UTC seconds; they ascend at least an hour apart.
/// The values at time `T` are for the hour before it: the interval `[T − 1 h, T)`.
/// `null` means no value; precipitation is 0...500 mm, probability 0...100.
enum OpenMeteoForecast {
    /// The hint for a request that lacks the hourly variables.
    static let requestHint = "fetch with hourly=precipitation,precipitation_probability"
    /// The remedy when the response itself is broken.
    static let fetchAgain = "fetch the forecast again"

    static func parse(_ text: String, file: String, context: ForecastContext) -> Result<ParsedForecast, ImportFailure> {
        let root: JSONValue
        do {
            root = try JSONReader.parse(text)
        } catch {
            return .failure(
                ImportFailure([
                    ImportProblem(file: file, line: error.line, message: "character \(error.column): \(error.message)")
                ]))
        }
        var reader = Reader(file: file, context: context)
        return reader.read(root)
    }

    /// How `hourly.time` is written.
    enum TimeFormat: String {
        case iso8601
        case unixtime
    }

    struct Reader {
        let context: ForecastContext
        var problems: ProblemList

        init(file: String, context: ForecastContext) {
            self.context = context
            problems = ProblemList(file: file)
        }

        // MARK: field access

        /// `object[key]`, or a problem when it is missing.
        mutating func required(_ object: JSONValue, _ key: String, path: String, hint: String) -> JSONValue? {
            if let value = object[key] { return value }
            problems.add(line: object.line, column: path, "is missing; \(hint)")
            return nil
        }

        mutating func wrongType(_ value: JSONValue, path: String, expected: String, hint: String) {
            problems.add(
                line: value.line, column: path, value: value.scalarText,
                "is \(value.kindDescription), not \(expected); \(hint)")
        }

        mutating func number(_ value: JSONValue?, path: String) -> Double? {
            guard let value else { return nil }
            guard let number = value.number else {
                wrongType(
                    value, path: path, expected: "a number",
                    hint: "this is not an Open-Meteo forecast response, \(OpenMeteoForecast.fetchAgain)")
                return nil
            }
            return number
        }

        mutating func string(_ value: JSONValue?, path: String) -> String? {
            guard let value else { return nil }
            guard let text = value.string else {
                wrongType(
                    value, path: path, expected: "a string",
                    hint: "this is not an Open-Meteo forecast response, \(OpenMeteoForecast.fetchAgain)")
                return nil
            }
            return text
        }

        mutating func object(_ value: JSONValue?, path: String) -> JSONValue? {
            guard let value else { return nil }
            guard value.members != nil else {
                wrongType(
                    value, path: path, expected: "an object",
                    hint: "this is not an Open-Meteo forecast response, \(OpenMeteoForecast.fetchAgain)")
                return nil
            }
            return value
        }

        mutating func array(_ value: JSONValue?, path: String) -> (value: JSONValue, elements: [JSONValue])? {
            guard let value else { return nil }
            guard let elements = value.elements else {
                wrongType(
                    value, path: path, expected: "an array",
                    hint: "this is not an Open-Meteo forecast response, \(OpenMeteoForecast.fetchAgain)")
                return nil
            }
            return (value, elements)
        }

        // MARK: the response

        mutating func read(_ root: JSONValue) -> Result<ParsedForecast, ImportFailure> {
            guard root.members != nil else {
                if root.elements != nil {
                    problems.add(
                        line: root.line,
                        "the file holds an array, as Open-Meteo returns for several locations; fetch one location "
                            + "(one latitude and longitude) per file")
                } else {
                    problems.add(
                        line: root.line, value: root.scalarText,
                        "the file holds \(root.kindDescription), not an object; fetch an Open-Meteo forecast "
                            + "response again")
                }
                return .failure(problems.failure!)
            }
            if case .bool(true)? = root["error"]?.content {
                let reason = root["reason"]
                problems.add(
                    line: reason?.line ?? root.line, column: "reason", value: reason?.scalarText,
                    "Open-Meteo refused the request; correct the fetch job's URL and fetch again")
                return .failure(problems.failure!)
            }

            let notAForecast = "this is not an Open-Meteo forecast response, \(OpenMeteoForecast.fetchAgain)"
            if let latitude = number(
                required(root, "latitude", path: "latitude", hint: notAForecast), path: "latitude"),
                !(-90...90).contains(latitude)
            {
                problems.add(
                    line: root["latitude"]!.line, column: "latitude", value: root["latitude"]!.scalarText,
                    "is not a latitude (-90 to 90); \(OpenMeteoForecast.fetchAgain)")
            }
            if let longitude = number(
                required(root, "longitude", path: "longitude", hint: notAForecast), path: "longitude"),
                !(-180...180).contains(longitude)
            {
                problems.add(
                    line: root["longitude"]!.line, column: "longitude", value: root["longitude"]!.scalarText,
                    "is not a longitude (-180 to 180); \(OpenMeteoForecast.fetchAgain)")
            }
            let zoneHint = "fetch with timezone=\(OpenMeteoForecast.percentEncoded(context.districtZone.identifier))"
            let timezoneName = string(required(root, "timezone", path: "timezone", hint: zoneHint), path: "timezone")
            _ = string(root["timezone_abbreviation"], path: "timezone_abbreviation")
            var zone: DistrictTimeZone?
            if let timezoneName {
                zone = context.zoneNamed(timezoneName)
                if zone == nil {
                    problems.add(
                        line: root["timezone"]!.line, column: "timezone", value: timezoneName,
                        "is not a time zone this system knows; \(zoneHint)")
                }
            }
            let offsetValue = required(root, "utc_offset_seconds", path: "utc_offset_seconds", hint: notAForecast)
            var utcOffset: Int64?
            if let offsetValue, number(offsetValue, path: "utc_offset_seconds") != nil {
                if let integer = offsetValue.exactInteger, abs(integer) <= 18 * 3600 {
                    utcOffset = integer
                } else {
                    problems.add(
                        line: offsetValue.line, column: "utc_offset_seconds", value: offsetValue.scalarText,
                        "is not an offset from UTC in whole seconds (-64800 to 64800); \(OpenMeteoForecast.fetchAgain)"
                    )
                }
            }

            let timeFormat = readUnits(root)

            guard
                let hourly = object(
                    required(root, "hourly", path: "hourly", hint: OpenMeteoForecast.requestHint), path: "hourly")
            else { return .failure(problems.failure!) }
            let times = array(
                required(hourly, "time", path: "hourly.time", hint: OpenMeteoForecast.requestHint), path: "hourly.time")
            let precipitation = array(
                required(hourly, "precipitation", path: "hourly.precipitation", hint: OpenMeteoForecast.requestHint),
                path: "hourly.precipitation")
            let probability = array(
                required(
                    hourly, "precipitation_probability", path: "hourly.precipitation_probability",
                    hint: OpenMeteoForecast.requestHint),
                path: "hourly.precipitation_probability")
            guard let times, let precipitation, let probability else { return .failure(problems.failure!) }

            for (name, values) in [("precipitation", precipitation), ("precipitation_probability", probability)]
            where values.elements.count != times.elements.count {
                problems.add(
                    line: values.value.line, column: "hourly.\(name)",
                    "has \(values.elements.count) value\(values.elements.count == 1 ? "" : "s") but hourly.time has "
                        + "\(times.elements.count); every hourly array needs one value per time, "
                        + OpenMeteoForecast.fetchAgain)
            }

            let instants = readTimes(times.elements, format: timeFormat, zone: zone, zoneName: timezoneName)
            if let zone, let utcOffset, let first = instants.first, let firstInstant = first {
                let expected = zone.offsetSeconds(atUTC: firstInstant)
                if Int64(expected) != utcOffset {
                    problems.add(
                        line: offsetValue!.line, column: "utc_offset_seconds", value: offsetValue!.scalarText,
                        "does not match \(zone.identifier), which is \(expected) seconds east of UTC at hourly.time[0] "
                            + "(\(zone.iso8601(utcSeconds: firstInstant))); the response contradicts itself, "
                            + OpenMeteoForecast.fetchAgain)
                }
            }
            let amounts = readValues(
                precipitation.elements, path: "hourly.precipitation", range: 0...ForecastLimits.absurdMMPerHour)
            let chances = readValues(probability.elements, path: "hourly.precipitation_probability", range: 0...100)
            checkWindow(times.elements, instants)

            guard problems.isEmpty else { return .failure(problems.failure!) }
            var intervals: [ForecastInterval] = []
            for (index, instant) in instants.enumerated() {
                guard let instant, amounts[index] != nil || chances[index] != nil else { continue }
                intervals.append(
                    ForecastInterval(
                        start: instant - 3600, end: instant, precipitationMM: amounts[index],
                        probabilityPercent: chances[index]))
            }
            guard !intervals.isEmpty else {
                problems.add(
                    line: times.value.line, column: "hourly.time",
                    times.elements.isEmpty
                        ? "is empty; a forecast needs at least one hour, \(OpenMeteoForecast.fetchAgain)"
                        : "has no hour with a precipitation or probability value (all null); "
                            + OpenMeteoForecast.fetchAgain)
                return .failure(problems.failure!)
            }
            return .success(ParsedForecast(format: .openMeteo, timezone: timezoneName, intervals: intervals))
        }

        /// Checks `hourly_units`; returns the time format it names, if any.
        mutating func readUnits(_ root: JSONValue) -> TimeFormat? {
            guard let units = object(root["hourly_units"], path: "hourly_units") else { return nil }
            var format: TimeFormat?
            if let text = string(units["time"], path: "hourly_units.time") {
                format = TimeFormat(rawValue: text)
                if format == nil {
                    problems.add(
                        line: units["time"]!.line, column: "hourly_units.time", value: text,
                        "is not iso8601 or unixtime; fetch with timeformat=iso8601 (the default) or timeformat=unixtime"
                    )
                }
            }
            if let text = string(units["precipitation"], path: "hourly_units.precipitation"), text != "mm" {
                problems.add(
                    line: units["precipitation"]!.line, column: "hourly_units.precipitation", value: text,
                    "is not mm; fetch with precipitation_unit=mm (the default)")
            }
            if let text = string(units["precipitation_probability"], path: "hourly_units.precipitation_probability"),
                text != "%"
            {
                problems.add(
                    line: units["precipitation_probability"]!.line, column: "hourly_units.precipitation_probability",
                    value: text, "is not %; fetch precipitation_probability, which Open-Meteo gives in %")
            }
            return format
        }

        /// The instants of `hourly.time` (nil where an entry is broken), checking the
        /// form, that each exists in the zone, and that they ascend an hour or more apart.
        mutating func readTimes(
            _ elements: [JSONValue], format: TimeFormat?, zone: DistrictTimeZone?, zoneName: String?
        )
            -> [Int64?]
        {
            let format =
                format
                ?? (elements.first.map { $0.number != nil ? TimeFormat.unixtime : TimeFormat.iso8601 } ?? .iso8601)
            var instants: [Int64?] = []
            for (index, element) in elements.enumerated() {
                let path = "hourly.time[\(index)]"
                switch format {
                case .iso8601:
                    guard let text = element.string, let reading = ForecastTime.parse(text, full: false) else {
                        problems.add(
                            line: element.line, column: path, value: element.scalarText,
                            element.string == nil
                                ? "is \(element.kindDescription), not a time in the form YYYY-MM-DDTHH:MM; "
                                    + "fetch the forecast again with one timeformat"
                                : "is not a time in the form YYYY-MM-DDTHH:MM; \(OpenMeteoForecast.fetchAgain)")
                        instants.append(nil)
                        continue
                    }
                    guard let zone else {
                        instants.append(nil)  // the unknown zone is reported once, on "timezone"
                        continue
                    }
                    let instant = zone.utcSeconds(fromLocal: reading.localSeconds)
                    guard zone.localSeconds(fromUTC: instant) == reading.localSeconds else {
                        problems.add(
                            line: element.line, column: path, value: text,
                            "does not exist in \(zoneName ?? zone.identifier) (the clocks skip it); "
                                + "fetch with timeformat=unixtime")
                        instants.append(nil)
                        continue
                    }
                    instants.append(instant)
                case .unixtime:
                    guard let seconds = element.exactInteger, seconds >= 0 else {
                        problems.add(
                            line: element.line, column: path, value: element.scalarText,
                            element.number == nil
                                ? "is \(element.kindDescription), not a time in UTC seconds (timeformat=unixtime); "
                                    + "fetch the forecast again with one timeformat"
                                : "is not a time in whole UTC seconds; \(OpenMeteoForecast.fetchAgain)")
                        instants.append(nil)
                        continue
                    }
                    instants.append(seconds)
                }
            }

            // Order: compare each time with the nearest earlier entry that could be read.
            var misplaced: [Int] = []
            var previous: Int?
            for (index, instant) in instants.enumerated() {
                guard let instant else { continue }
                defer { previous = index }
                guard let earlierIndex = previous, let earlier = instants[earlierIndex] else { continue }
                let earlierText = elements[earlierIndex].scalarText ?? ""
                let message: String
                if instant == earlier {
                    message =
                        "is the same hour as hourly.time[\(earlierIndex)]; each hour must appear once, "
                        + OpenMeteoForecast.fetchAgain
                } else if instant < earlier {
                    message =
                        "is earlier than hourly.time[\(earlierIndex)] (\(earlierText)); the hours must ascend, "
                        + OpenMeteoForecast.fetchAgain
                } else if instant - earlier < 3600 {
                    message =
                        "is less than an hour after hourly.time[\(earlierIndex)] (\(earlierText)); inspectd reads "
                        + "hourly values, fetch with hourly= (not minutely_15=)"
                } else {
                    continue
                }
                problems.add(
                    line: elements[index].line, column: "hourly.time[\(index)]", value: elements[index].scalarText,
                    message)
                misplaced.append(index)
            }
            for index in misplaced { instants[index] = nil }
            return instants
        }

        /// The numbers of an hourly array (nil for `null` and for bad entries, which are reported).
        mutating func readValues(_ elements: [JSONValue], path: String, range: ClosedRange<Double>) -> [Double?] {
            elements.enumerated().map { index, element in
                let elementPath = "\(path)[\(index)]"
                if element.isNull { return nil }
                guard let value = element.number else {
                    problems.add(
                        line: element.line, column: elementPath, value: element.scalarText,
                        "is \(element.kindDescription), not a number or null; \(OpenMeteoForecast.fetchAgain)")
                    return nil
                }
                if value < range.lowerBound {
                    problems.add(
                        line: element.line, column: elementPath, value: element.scalarText,
                        range.upperBound == 100
                            ? "is not a probability (0 to 100); \(OpenMeteoForecast.fetchAgain)"
                            : "is negative, but precipitation is 0 mm or more; \(OpenMeteoForecast.fetchAgain)")
                    return nil
                }
                if value > range.upperBound {
                    problems.add(
                        line: element.line, column: elementPath, value: element.scalarText,
                        range.upperBound == 100
                            ? "is not a probability (0 to 100); \(OpenMeteoForecast.fetchAgain)"
                            : "is more than \(MessageFormat.number(range.upperBound)) mm in one hour, which no "
                                + "forecast gives; \(OpenMeteoForecast.fetchAgain)")
                    return nil
                }
                return value
            }
        }

        /// Reports hours outside the planning window, one problem per run of consecutive entries.
        mutating func checkWindow(_ elements: [JSONValue], _ instants: [Int64?]) {
            func outside(_ index: Int) -> Bool {
                guard let instant = instants[index] else { return false }
                return instant - 3600 < context.window.start || instant > context.window.end
            }
            let remedy = "fetch only the days of the planning window (start_date and end_date)"
            var index = 0
            while index < instants.count {
                guard outside(index) else {
                    index += 1
                    continue
                }
                var last = index
                while last + 1 < instants.count, outside(last + 1) { last += 1 }
                problems.add(
                    line: elements[index].line, column: "hourly.time[\(index)]", value: elements[index].scalarText,
                    last == index
                        ? "(the hour up to it) is outside the planning window (\(context.windowDescription)); \(remedy)"
                        : "through hourly.time[\(last)] (the hours up to them) are outside the planning window "
                            + "(\(context.windowDescription)); \(remedy)")
                index = last + 1
            }
        }
    }

    /// `/` as `%2F`, as a zone name is written in a URL query.
    static func percentEncoded(_ text: String) -> String {
        text.map { $0 == "/" ? "%2F" : String($0) }.joined()
    }
}
