import InspectCalendar
import InspectCore
import Testing

@testable import InspectWeather

/// Shared fixtures: 48 hours of an Open-Meteo forecast for Tianjin (Asia/Shanghai) from
/// 2026-11-29T00:00, with a rain band from 21:00 on the 29th to 04:00 on the 30th that
/// crosses midnight, the boundary between the default evening and night periods.
enum Fixture {
    static let zone = DistrictTimeZone.chinaStandardTime
    static let utc = DistrictTimeZone.fixed(identifier: "UTC", offsetSeconds: 0)
    static let nov28 = CivilDate(year: 2026, month: 11, day: 28)!
    static let nov29 = CivilDate(year: 2026, month: 11, day: 29)!
    static let nov30 = CivilDate(year: 2026, month: 11, day: 30)!
    static let dec1 = CivilDate(year: 2026, month: 12, day: 1)!
    static let dec6 = CivilDate(year: 2026, month: 12, day: 6)!
    /// 2026-11-29T00:00+08:00 = 2026-11-28T16:00Z.
    static let midnight29 = zone.startOfDay(nov29)

    /// The planning window of the tests: 2026-11-28T00:00+08:00 to 2026-12-06T00:00+08:00.
    static let window = (start: zone.startOfDay(nov28), end: zone.startOfDay(dec6))

    static func zoneNamed(_ name: String) -> DistrictTimeZone? {
        switch name {
        case "Asia/Shanghai": .chinaStandardTime
        case "UTC", "GMT": .fixed(identifier: name, offsetSeconds: 0)
        default: nil
        }
    }

    static func context(window: (start: Int64, end: Int64) = Fixture.window) -> ForecastContext {
        ForecastContext(districtZone: zone, zoneNamed: { Fixture.zoneNamed($0) }, window: window)
    }

    /// `hourly.precipitation`: the band 21:00–04:00, the last hour null.
    static let precipitation: [Double?] = (0..<48).map { index in
        [22: 0.4, 23: 1.2, 24: 2.5, 25: 3.1, 26: 1.8, 27: 0.6, 28: 0.1][index] ?? (index == 47 ? nil : 0.0)
    }
    /// `hourly.precipitation_probability`: the last two hours null.
    static let probability: [Double?] = [
        3, 3, 2, 2, 2, 3, 5, 5, 8, 8, 10, 10, 13, 13, 13, 15, 18, 22, 25, 28, 35, 55, 70, 85,
        90, 90, 80, 65, 40, 20, 10, 8, 5, 5, 3, 3, 3, 2, 2, 2, 0, 0, 0, 0, 0, 0, nil, nil,
    ]
    /// `2026-11-29T00:00` … `2026-11-30T23:00`.
    static let times: [String] = (0..<48).map { index in
        "2026-11-\(29 + index / 24)T\(index % 24 < 10 ? "0" : "")\(index % 24):00"
    }
    /// The instant of `hourly.time[index]`.
    static func instant(_ index: Int) -> Int64 { midnight29 + Int64(index) * 3600 }

    /// What the fixture says: `[T − 1 h, T)` for each time `T`, except the last hour (all null).
    static let intervals: [ForecastInterval] = (0..<47).map { index in
        ForecastInterval(
            start: instant(index) - 3600, end: instant(index), precipitationMM: precipitation[index],
            probabilityPercent: probability[index])
    }

    /// The response as `api.open-meteo.com/v1/forecast?latitude=39.13&longitude=117.2`
    /// `&hourly=precipitation,precipitation_probability&timezone=Asia%2FShanghai&forecast_days=2` returns it.
    static let openMeteoJSON = """
        {"latitude":39.125,"longitude":117.25,"generationtime_ms":0.0621676445007324,"utc_offset_seconds":28800,\
        "timezone":"Asia/Shanghai","timezone_abbreviation":"GMT+8","elevation":5.0,"hourly_units":{"time":"iso8601",\
        "precipitation":"mm","precipitation_probability":"%"},"hourly":{"time":["2026-11-29T00:00","2026-11-29T01:00",\
        "2026-11-29T02:00","2026-11-29T03:00","2026-11-29T04:00","2026-11-29T05:00","2026-11-29T06:00",\
        "2026-11-29T07:00","2026-11-29T08:00","2026-11-29T09:00","2026-11-29T10:00","2026-11-29T11:00",\
        "2026-11-29T12:00","2026-11-29T13:00","2026-11-29T14:00","2026-11-29T15:00","2026-11-29T16:00",\
        "2026-11-29T17:00","2026-11-29T18:00","2026-11-29T19:00","2026-11-29T20:00","2026-11-29T21:00",\
        "2026-11-29T22:00","2026-11-29T23:00","2026-11-30T00:00","2026-11-30T01:00","2026-11-30T02:00",\
        "2026-11-30T03:00","2026-11-30T04:00","2026-11-30T05:00","2026-11-30T06:00","2026-11-30T07:00",\
        "2026-11-30T08:00","2026-11-30T09:00","2026-11-30T10:00","2026-11-30T11:00","2026-11-30T12:00",\
        "2026-11-30T13:00","2026-11-30T14:00","2026-11-30T15:00","2026-11-30T16:00","2026-11-30T17:00",\
        "2026-11-30T18:00","2026-11-30T19:00","2026-11-30T20:00","2026-11-30T21:00","2026-11-30T22:00",\
        "2026-11-30T23:00"],"precipitation":[0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,\
        0.0,0.0,0.0,0.0,0.0,0.4,1.2,2.5,3.1,1.8,0.6,0.1,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,\
        0.0,0.0,0.0,null],"precipitation_probability":[3,3,2,2,2,3,5,5,8,8,10,10,13,13,13,15,18,22,25,28,35,55,70,85,\
        90,90,80,65,40,20,10,8,5,5,3,3,3,2,2,2,0,0,0,0,0,0,null,null]}}
        """

    // MARK: the same response pretty-printed (as `jq .` writes it), for line numbers

    static let defaultTop: [(String, String)] = [
        ("latitude", "39.125"), ("longitude", "117.25"), ("generationtime_ms", "0.0621676445007324"),
        ("utc_offset_seconds", "28800"), ("timezone", "\"Asia/Shanghai\""), ("timezone_abbreviation", "\"GMT+8\""),
        ("elevation", "5.0"),
    ]
    static let defaultUnits: [(String, String)] = [
        ("time", "\"iso8601\""), ("precipitation", "\"mm\""), ("precipitation_probability", "\"%\""),
    ]
    static func token(_ value: Double?) -> String {
        guard let value else { return "null" }
        return value == value.rounded() && value < 1000 && !(value == 0 && value.sign == .minus)
            ? String(Int(value)) : String(value)
    }
    static var defaultHourly: [(String, [String])] {
        [
            ("time", times.map { "\"\($0)\"" }),
            ("precipitation", precipitation.map { $0.map { String($0) } ?? "null" }),
            ("precipitation_probability", probability.map(token)),
        ]
    }

    /// Pretty-printed JSON: `{` on line 1, then one line per top-level scalar, then
    /// `hourly_units` and `hourly` with one line per member and per array element.
    ///
    /// With the defaults: `utc_offset_seconds` is on line 5, `timezone` on 6,
    /// `hourly_units` opens on 9, `hourly` on 14; `hourly.time[i]` is on line 16 + i,
    /// `hourly.precipitation[i]` on 66 + i, `hourly.precipitation_probability[i]` on 116 + i.
    static func pretty(
        top: [(String, String)] = defaultTop, units: [(String, String)]? = defaultUnits,
        hourly: [(String, [String])]? = nil
    ) -> String {
        let hourly = hourly ?? defaultHourly
        var lines = ["{"]
        var members: [[String]] = top.map { ["  \"\($0.0)\": \($0.1)"] }
        if let units {
            members.append(
                ["  \"hourly_units\": {"]
                    + units.enumerated().map { index, unit in
                        "    \"\(unit.0)\": \(unit.1)" + (index == units.count - 1 ? "" : ",")
                    } + ["  }"])
        }
        var hourlyLines = ["  \"hourly\": {"]
        for (index, (key, elements)) in hourly.enumerated() {
            hourlyLines.append("    \"\(key)\": [")
            hourlyLines += elements.enumerated().map { position, element in
                "      \(element)" + (position == elements.count - 1 ? "" : ",")
            }
            hourlyLines.append("    ]" + (index == hourly.count - 1 ? "" : ","))
        }
        members.append(hourlyLines + ["  }"])
        for (index, member) in members.enumerated() {
            var member = member
            if index < members.count - 1 { member[member.count - 1] += "," }
            lines += member
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The default hourly arrays with some elements replaced.
    static func hourly(
        time: [Int: String] = [:], precipitation: [Int: String] = [:], probability: [Int: String] = [:]
    ) -> [(String, [String])] {
        var arrays = defaultHourly
        for (change, position) in [(time, 0), (precipitation, 1), (probability, 2)] {
            for (index, token) in change { arrays[position].1[index] = token }
        }
        return arrays
    }

    /// The default top-level members with some replaced (a nil token removes the member).
    static func top(_ changes: [String: String?]) -> [(String, String)] {
        defaultTop.compactMap { key, token in
            guard let change = changes[key] else { return (key, token) }
            return change.map { (key, $0) }
        }
    }

    // MARK: parsing

    static func parse(
        _ text: String, file: String = "forecast.json", format: ForecastFormat? = nil,
        window: (start: Int64, end: Int64) = Fixture.window
    ) -> Result<ParsedForecast, ImportFailure> {
        ForecastParser.parse(Array(text.utf8), file: file, format: format, context: context(window: window))
    }

    /// The problems of a file that must be rejected (a success is recorded as a failed expectation).
    static func problems(
        _ text: String, file: String = "forecast.json", format: ForecastFormat? = nil,
        window: (start: Int64, end: Int64) = Fixture.window, sourceLocation: SourceLocation = #_sourceLocation
    ) -> [ImportProblem] {
        switch parse(text, file: file, format: format, window: window) {
        case .success(let forecast):
            Issue.record("accepted \(forecast.intervals.count) intervals", sourceLocation: sourceLocation)
            return []
        case .failure(let failure):
            return failure.problems
        }
    }
}

@Suite struct ForecastParserTests {
    @Test func detectsTheFormatFromTheContent() {
        #expect(ForecastParser.detectFormat(Array(Fixture.openMeteoJSON.utf8)) == .openMeteo)
        #expect(ForecastParser.detectFormat([0xEF, 0xBB, 0xBF] + Array(" \r\n\t[1]".utf8)) == .openMeteo)
        #expect(ForecastParser.detectFormat(Array("start,end,precipitation_mm,probability\n".utf8)) == .csv)
        #expect(ForecastParser.detectFormat([]) == .csv)
        #expect(ForecastFormat(rawValue: "open-meteo") == .openMeteo)
        #expect(ForecastFormat.allCases == [.openMeteo, .csv])
    }

    @Test func aJSONFileForcedToCSVIsNamedAsJSON() {
        #expect(
            Fixture.problems(Fixture.openMeteoJSON, format: .csv) == [
                ImportProblem(
                    file: "forecast.json", line: 1, message: "the file holds JSON, not CSV; import it as open-meteo")
            ])
    }

    @Test func aCSVFileForcedToOpenMeteoIsNotJSON() {
        #expect(
            Fixture.problems("start,end,precipitation_mm,probability\n", format: .openMeteo) == [
                ImportProblem(
                    file: "forecast.json", line: 1,
                    message:
                        "character 1: unexpected 's' where a value should be; write an object, array, string, number, "
                        + "true, false or null")
            ])
    }

    @Test func anEmptyFileIsRejected() {
        #expect(
            Fixture.problems("", file: "empty.csv") == [
                ImportProblem(
                    file: "empty.csv", line: 1,
                    message:
                        "the file is empty; the first line must be the header start,end,precipitation_mm,probability[,area]"
                )
            ])
        #expect(
            Fixture.problems(" \n", file: "empty.json", format: .openMeteo) == [
                ImportProblem(
                    file: "empty.json", line: 2,
                    message:
                        "character 1: the file is empty or blank; a JSON file holds one value, such as an object {…}")
            ])
    }

    @Test func jsonMustBeUTF8() {
        let bytes = Array("{\"timezone\": \"".utf8) + [0xD3, 0xEA] + Array("\"}".utf8)  // 雨 in GB18030
        let result = ForecastParser.parse(bytes, file: "f.json", format: nil, context: Fixture.context())
        #expect(
            result
                == .failure(
                    ImportFailure([
                        ImportProblem(
                            file: "f.json", line: 1,
                            message: "byte 14: not valid UTF-8; a JSON forecast is UTF-8, fetch it again")
                    ])))
    }

    @Test func parsedForecastSortsAndComputesCoverage() {
        let forecast = ParsedForecast(
            format: .csv, timezone: nil,
            intervals: [
                ForecastInterval(start: 50, end: 60, precipitationMM: 1, probabilityPercent: nil, area: "b"),
                ForecastInterval(start: 20, end: 30, precipitationMM: 1, probabilityPercent: nil, area: "a"),
                ForecastInterval(start: 40, end: 45, precipitationMM: nil, probabilityPercent: 5),
                ForecastInterval(start: 10, end: 20, precipitationMM: 1, probabilityPercent: nil, area: "a"),
            ])
        #expect(forecast.intervals.map(\.start) == [40, 10, 20, 50])
        #expect(forecast.coverageStart == 10)
        #expect(forecast.coverageEnd == 60)
    }

    @Test func messageNumbersAndDurations() {
        #expect(MessageFormat.number(500) == "500")
        #expect(MessageFormat.number(2.5) == "2.5")
        #expect(MessageFormat.number(0.333) == "0.33")
        #expect(MessageFormat.number(0.05) == "0.05")
        #expect(MessageFormat.number(-0.5) == "-0.5")
        #expect(MessageFormat.duration(3 * 3600) == "3 h")
        #expect(MessageFormat.duration(45 * 60) == "45 min")
        #expect(MessageFormat.duration(150 * 60) == "2 h 30 min")
        #expect(MessageFormat.duration(90) == "90 s")
    }
}
