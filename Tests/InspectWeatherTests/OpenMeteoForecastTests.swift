import InspectCalendar
import InspectCore
import Testing

@testable import InspectWeather

/// Line numbers in the pretty-printed fixture (see ``Fixture/pretty(top:units:hourly:)``):
/// `utc_offset_seconds` 5, `timezone` 6, `hourly_units` 9–13, `hourly` 14, `hourly.time[i]`
/// 16 + i, `hourly.precipitation` 65 and `[i]` 66 + i, `hourly.precipitation_probability[i]` 116 + i.
@Suite struct OpenMeteoForecastTests {
    static let fetchAgain = "fetch the forecast again"

    func problem(_ line: Int, _ column: String?, _ value: String?, _ message: String) -> ImportProblem {
        ImportProblem(file: "forecast.json", line: line, column: column, value: value, message: message)
    }

    // MARK: accepted

    @Test func readsTheRealisticResponse() throws {
        let forecast = try Fixture.parse(Fixture.openMeteoJSON).get()
        #expect(forecast.format == .openMeteo)
        #expect(forecast.timezone == "Asia/Shanghai")
        #expect(forecast.intervals.count == 47)  // the last hour has only nulls
        #expect(forecast.intervals == Fixture.intervals)
        // The value at 2026-11-30T00:00 is for the hour before it, on the 29th.
        let zone = Fixture.zone
        let band = forecast.intervals[24]
        #expect(zone.iso8601(utcSeconds: band.start) == "2026-11-29T23:00:00+08:00")
        #expect(zone.iso8601(utcSeconds: band.end) == "2026-11-30T00:00:00+08:00")
        #expect(band.precipitationMM == 2.5 && band.probabilityPercent == 90 && band.area == nil)
        #expect(forecast.intervals[46].precipitationMM == 0 && forecast.intervals[46].probabilityPercent == nil)
        #expect(zone.iso8601(utcSeconds: forecast.coverageStart) == "2026-11-28T23:00:00+08:00")
        #expect(zone.iso8601(utcSeconds: forecast.coverageEnd) == "2026-11-30T22:00:00+08:00")
    }

    @Test func prettyPrintedReadsTheSame() throws {
        #expect(try Fixture.parse(Fixture.pretty()).get().intervals == Fixture.intervals)
    }

    @Test func readsUnixTime() throws {
        let unixTimes = (0..<48).map { String(Fixture.instant($0)) }
        var units = Fixture.defaultUnits
        units[0].1 = "\"unixtime\""
        var hourly = Fixture.defaultHourly
        hourly[0].1 = unixTimes
        let forecast = try Fixture.parse(Fixture.pretty(units: units, hourly: hourly)).get()
        #expect(forecast.intervals == Fixture.intervals)
        #expect(unixTimes[0] == "1795881600")  // 2026-11-28T16:00:00Z

        // Unix times are UTC whatever the zone; without hourly_units the numbers say it.
        let gmt = Fixture.top(["timezone": "\"GMT\"", "utc_offset_seconds": "0", "timezone_abbreviation": "\"GMT\""])
        let inGMT = try Fixture.parse(Fixture.pretty(top: gmt, units: nil, hourly: hourly)).get()
        #expect(inGMT.intervals == Fixture.intervals)
        #expect(inGMT.timezone == "GMT")
    }

    @Test func readsLocalTimesOfAnotherZone() throws {
        // The same instants written as UTC wall-clock times with timezone=GMT.
        let gmt = Fixture.top(["timezone": "\"GMT\"", "utc_offset_seconds": "0"])
        let times = (0..<48).map { index in
            "\"" + String(Fixture.utc.iso8601(utcSeconds: Fixture.instant(index)).prefix(16)) + "\""
        }
        var hourly = Fixture.defaultHourly
        hourly[0].1 = times
        #expect(times[0] == "\"2026-11-28T16:00\"")
        #expect(try Fixture.parse(Fixture.pretty(top: gmt, hourly: hourly)).get().intervals == Fixture.intervals)
    }

    @Test func acceptsTheLimits() throws {
        let hourly = Fixture.hourly(precipitation: [3: "500", 4: "0"], probability: [3: "100", 4: "0"])
        let forecast = try Fixture.parse(Fixture.pretty(hourly: hourly)).get()
        #expect(forecast.intervals[3].precipitationMM == 500 && forecast.intervals[3].probabilityPercent == 100)
    }

    // MARK: syntax

    @Test func truncatedJSON() {
        let lines = Fixture.pretty().split(separator: "\n", omittingEmptySubsequences: false)
        let truncated = lines.prefix(100).joined(separator: "\n") + "\n"
        #expect(
            Fixture.problems(truncated) == [
                problem(
                    101, nil, nil,
                    "character 1: the file ends inside the array opened at line 65, column 22; the file is cut short; "
                        + "fetch or copy it again")
            ])
        #expect(
            Fixture.problems(String(Fixture.openMeteoJSON.prefix(1000))) == [
                problem(
                    1, nil, nil,
                    "character 1001: the file ends inside the string opened at line 1, column 988; the file is cut "
                        + "short; fetch or copy it again")
            ])
    }

    @Test func trailingGarbage() {
        #expect(
            Fixture.problems(Fixture.openMeteoJSON + "\n}\n") == [
                problem(
                    2, nil, nil,
                    "character 1: unexpected '}' after the end of the JSON value; a JSON file holds exactly one value, "
                        + "remove what follows it or fetch the file again")
            ])
    }

    // MARK: structure

    @Test func arraysOfDifferentLengths() {
        var hourly = Fixture.defaultHourly
        hourly[1].1.removeLast()
        #expect(
            Fixture.problems(Fixture.pretty(hourly: hourly)) == [
                problem(
                    65, "hourly.precipitation", nil,
                    "has 47 values but hourly.time has 48; every hourly array needs one value per time, fetch the "
                        + "forecast again")
            ])
    }

    @Test func missingFields() {
        let hourly = Array(Fixture.defaultHourly.prefix(2))
        #expect(
            Fixture.problems(Fixture.pretty(hourly: hourly)) == [
                problem(
                    14, "hourly.precipitation_probability", nil,
                    "is missing; fetch with hourly=precipitation,precipitation_probability")
            ])
        #expect(
            Fixture.problems(Fixture.pretty(top: Fixture.top(["timezone": nil]))) == [
                problem(1, "timezone", nil, "is missing; fetch with timezone=Asia%2FShanghai")
            ])
        let daily = Fixture.openMeteoJSON.replacingFirst("\"hourly\":{", with: "\"daily\":{")
        #expect(
            Fixture.problems(daily) == [
                problem(1, "hourly", nil, "is missing; fetch with hourly=precipitation,precipitation_probability")
            ])
    }

    @Test func wrongTypes() {
        let top = Fixture.top(["latitude": "\"39.125\"", "timezone_abbreviation": "8"])
        let hourly = Fixture.hourly(time: [2: "1795888800"], precipitation: [3: "\"0.2\""], probability: [4: "[]"])
        #expect(
            Fixture.problems(Fixture.pretty(top: top, hourly: hourly)) == [
                problem(
                    2, "latitude", "39.125",
                    "is a string, not a number; this is not an Open-Meteo forecast response, fetch the forecast again"),
                problem(
                    7, "timezone_abbreviation", "8",
                    "is a number, not a string; this is not an Open-Meteo forecast response, fetch the forecast again"),
                problem(
                    18, "hourly.time[2]", "1795888800",
                    "is a number, not a time in the form YYYY-MM-DDTHH:MM; fetch the forecast again with one timeformat"
                ),
                problem(
                    69, "hourly.precipitation[3]", "0.2", "is a string, not a number or null; fetch the forecast again"),
                problem(
                    120, "hourly.precipitation_probability[4]", nil,
                    "is an array, not a number or null; fetch the forecast again"),
            ])
        let unitsIsString = Fixture.openMeteoJSON.replacingFirst(
            #""hourly_units":{"time":"iso8601","precipitation":"mm","precipitation_probability":"%"}"#,
            with: #""hourly_units":"mm""#)
        #expect(
            Fixture.problems(unitsIsString) == [
                problem(
                    1, "hourly_units", "mm",
                    "is a string, not an object; this is not an Open-Meteo forecast response, fetch the forecast again")
            ])
        let hourlyIsArray =
            #"{"latitude":1,"longitude":2,"utc_offset_seconds":28800,"timezone":"Asia/Shanghai","hourly":[]}"#
        #expect(
            Fixture.problems(hourlyIsArray) == [
                problem(
                    1, "hourly", nil,
                    "is an array, not an object; this is not an Open-Meteo forecast response, fetch the forecast again")
            ])
    }

    @Test func notAnOpenMeteoForecast() {
        #expect(
            Fixture.problems("[" + Fixture.openMeteoJSON + "]") == [
                problem(
                    1, nil, nil,
                    "the file holds an array, as Open-Meteo returns for several locations; fetch one location (one "
                        + "latitude and longitude) per file")
            ])
        #expect(
            Fixture.problems(
                #"{"reason":"Cannot initialize WeatherVariable from invalid String value rain_sum","error":true}"#)
                == [
                    problem(
                        1, "reason", "Cannot initialize WeatherVariable from invalid String value rain_sum",
                        "Open-Meteo refused the request; correct the fetch job's URL and fetch again")
                ])
        #expect(
            Fixture.problems("\"forecast\"", format: .openMeteo) == [
                problem(
                    1, nil, "forecast",
                    "the file holds a string, not an object; fetch an Open-Meteo forecast response again")
            ])
    }

    @Test func unitsMustBeMillimetresAndPercent() {
        let units: [(String, String)] = [
            ("time", "\"iso8601\""), ("precipitation", "\"inch\""), ("precipitation_probability", "\"percent\""),
        ]
        #expect(
            Fixture.problems(Fixture.pretty(units: units)) == [
                problem(
                    11, "hourly_units.precipitation", "inch",
                    "is not mm; fetch with precipitation_unit=mm (the default)"),
                problem(
                    12, "hourly_units.precipitation_probability", "percent",
                    "is not %; fetch precipitation_probability, which Open-Meteo gives in %"),
            ])
        let badTimeFormat: [(String, String)] = [("time", "\"rfc1123\"")]
        #expect(
            Fixture.problems(Fixture.pretty(units: badTimeFormat))
                == [
                    problem(
                        10, "hourly_units.time", "rfc1123",
                        "is not iso8601 or unixtime; fetch with timeformat=iso8601 (the default) or timeformat=unixtime"
                    )
                ])
    }

    // MARK: time zone

    @Test func unknownTimeZone() {
        #expect(
            Fixture.problems(Fixture.pretty(top: Fixture.top(["timezone": "\"Asia/Shangai\""]))) == [
                problem(
                    6, "timezone", "Asia/Shangai",
                    "is not a time zone this system knows; fetch with timezone=Asia%2FShanghai")
            ])
    }

    @Test func utcOffsetMustMatchTheZone() {
        #expect(
            Fixture.problems(Fixture.pretty(top: Fixture.top(["utc_offset_seconds": "0"]))) == [
                problem(
                    5, "utc_offset_seconds", "0",
                    "does not match Asia/Shanghai, which is 28800 seconds east of UTC at hourly.time[0] "
                        + "(2026-11-29T00:00:00+08:00); the response contradicts itself, fetch the forecast again")
            ])
        #expect(
            Fixture.problems(Fixture.pretty(top: Fixture.top(["utc_offset_seconds": "28800.5"]))) == [
                problem(
                    5, "utc_offset_seconds", "28800.5",
                    "is not an offset from UTC in whole seconds (-64800 to 64800); fetch the forecast again")
            ])
    }

    @Test func localTimeThatTheClocksSkip() {
        // A zone that moves from UTC to UTC+1 at 2026-11-29T02:00Z: 02:00–03:00 local does not exist.
        let change = Fixture.zone.startOfDay(Fixture.nov29) + 10 * 3600
        let dst = DistrictTimeZone(identifier: "Test/DST") { $0 < change ? 0 : 3600 }
        let context = ForecastContext(
            districtZone: Fixture.zone, zoneNamed: { $0 == "Test/DST" ? dst : nil }, window: Fixture.window)
        let text = """
            {"latitude":39.1,"longitude":117.2,"utc_offset_seconds":0,"timezone":"Test/DST",
            "hourly":{"time":["2026-11-29T00:00","2026-11-29T01:00","2026-11-29T02:00","2026-11-29T03:00"],
            "precipitation":[0,0,0,0],"precipitation_probability":[1,2,3,4]}}
            """
        let result = ForecastParser.parse(Array(text.utf8), file: "dst.json", format: nil, context: context)
        #expect(
            result
                == .failure(
                    ImportFailure([
                        ImportProblem(
                            file: "dst.json", line: 2, column: "hourly.time[2]", value: "2026-11-29T02:00",
                            message: "does not exist in Test/DST (the clocks skip it); fetch with timeformat=unixtime")
                    ])))
    }

    // MARK: times

    @Test func duplicateHour() {
        let hourly = Fixture.hourly(time: [10: "\"2026-11-29T09:00\""])
        #expect(
            Fixture.problems(Fixture.pretty(hourly: hourly)) == [
                problem(
                    26, "hourly.time[10]", "2026-11-29T09:00",
                    "is the same hour as hourly.time[9]; each hour must appear once, fetch the forecast again")
            ])
    }

    @Test func descendingHours() {
        let hourly = Fixture.hourly(time: [11: "\"2026-11-29T12:00\"", 12: "\"2026-11-29T11:00\""])
        #expect(
            Fixture.problems(Fixture.pretty(hourly: hourly)) == [
                problem(
                    28, "hourly.time[12]", "2026-11-29T11:00",
                    "is earlier than hourly.time[11] (2026-11-29T12:00); the hours must ascend, fetch the forecast again"
                )
            ])
    }

    @Test func lessThanAnHourApart() {
        let hourly = Fixture.hourly(time: [5: "\"2026-11-29T04:30\""])
        #expect(
            Fixture.problems(Fixture.pretty(hourly: hourly)) == [
                problem(
                    21, "hourly.time[5]", "2026-11-29T04:30",
                    "is less than an hour after hourly.time[4] (2026-11-29T04:00); inspectd reads hourly values, "
                        + "fetch with hourly= (not minutely_15=)")
            ])
    }

    @Test func timesThatDoNotParse() {
        let hourly = Fixture.hourly(time: [
            3: "\"2026-11-29 03:00\"", 4: "\"2026-11-29T24:00\"", 5: "\"2026-11-31T05:00\"",
        ])
        let message = "is not a time in the form YYYY-MM-DDTHH:MM; fetch the forecast again"
        #expect(
            Fixture.problems(Fixture.pretty(hourly: hourly)) == [
                problem(19, "hourly.time[3]", "2026-11-29 03:00", message),
                problem(20, "hourly.time[4]", "2026-11-29T24:00", message),
                problem(21, "hourly.time[5]", "2026-11-31T05:00", message),
            ])
        var units = Fixture.defaultUnits
        units[0].1 = "\"unixtime\""
        let mixed = Fixture.hourly(time: [0: "1795881600", 1: "1795885200.5"])  // the rest stay strings
        let problems = Fixture.problems(Fixture.pretty(units: units, hourly: mixed))
        #expect(problems.count == 47)
        #expect(
            problems.prefix(2) == [
                problem(
                    17, "hourly.time[1]", "1795885200.5", "is not a time in whole UTC seconds; fetch the forecast again"
                ),
                problem(
                    18, "hourly.time[2]", "2026-11-29T02:00",
                    "is a string, not a time in UTC seconds (timeformat=unixtime); fetch the forecast again with one "
                        + "timeformat"),
            ])
    }

    @Test func hoursOutsideThePlanningWindow() {
        let window = (start: Fixture.midnight29, end: Fixture.midnight29 + 36 * 3600)  // to 2026-11-30T12:00+08:00
        let shown = "2026-11-29T00:00:00+08:00 to 2026-11-30T12:00:00+08:00"
        let remedy = "fetch only the days of the planning window (start_date and end_date)"
        #expect(
            Fixture.problems(Fixture.pretty(), window: window) == [
                // Its value is for 2026-11-28T23:00–24:00, before the window.
                problem(
                    16, "hourly.time[0]", "2026-11-29T00:00",
                    "(the hour up to it) is outside the planning window (\(shown)); \(remedy)"),
                problem(
                    53, "hourly.time[37]", "2026-11-30T13:00",
                    "through hourly.time[47] (the hours up to them) are outside the planning window (\(shown)); "
                        + remedy),
            ])
    }

    // MARK: values

    @Test func negativeAndAbsurdPrecipitation() {
        let hourly = Fixture.hourly(precipitation: [5: "-0.1", 6: "612.5", 7: "-0"])
        #expect(
            Fixture.problems(Fixture.pretty(hourly: hourly)) == [
                problem(
                    71, "hourly.precipitation[5]", "-0.1",
                    "is negative, but precipitation is 0 mm or more; fetch the forecast again"),
                problem(
                    72, "hourly.precipitation[6]", "612.5",
                    "is more than 500 mm in one hour, which no forecast gives; fetch the forecast again"),
            ])
    }

    @Test func probabilityOutsideZeroToHundred() {
        let hourly = Fixture.hourly(probability: [2: "-1", 24: "150"])
        #expect(
            Fixture.problems(Fixture.pretty(hourly: hourly)) == [
                problem(
                    118, "hourly.precipitation_probability[2]", "-1",
                    "is not a probability (0 to 100); fetch the forecast again"),
                problem(
                    140, "hourly.precipitation_probability[24]", "150",
                    "is not a probability (0 to 100); fetch the forecast again"),
            ])
        // In the compact response as fetched, every element is on line 1.
        let compact = Fixture.openMeteoJSON.replacingFirst(",85,", with: ",150,")
        #expect(
            Fixture.problems(compact) == [
                problem(
                    1, "hourly.precipitation_probability[23]", "150",
                    "is not a probability (0 to 100); fetch the forecast again")
            ])
    }

    @Test func everyProblemOfTheFileIsReported() {
        let top = Fixture.top(["utc_offset_seconds": "3600"])
        let hourly = Fixture.hourly(
            time: [10: "\"2026-11-29T09:00\""], precipitation: [5: "-1"], probability: [24: "150"])
        let problems = Fixture.problems(Fixture.pretty(top: top, hourly: hourly))
        #expect(problems.map(\.line) == [5, 26, 71, 140])
        #expect(
            problems.map(\.column) == [
                "utc_offset_seconds", "hourly.time[10]", "hourly.precipitation[5]",
                "hourly.precipitation_probability[24]",
            ])
    }

    // MARK: empty

    @Test func aForecastWithoutValuesIsRejected() {
        let nulls = Array(repeating: "null", count: 48)
        var hourly = Fixture.defaultHourly
        hourly[1].1 = nulls
        hourly[2].1 = nulls
        #expect(
            Fixture.problems(Fixture.pretty(hourly: hourly)) == [
                problem(
                    15, "hourly.time", nil,
                    "has no hour with a precipitation or probability value (all null); fetch the forecast again")
            ])
        let empty: [(String, [String])] = [("time", []), ("precipitation", []), ("precipitation_probability", [])]
        #expect(
            Fixture.problems(Fixture.pretty(hourly: empty)) == [
                problem(
                    15, "hourly.time", nil, "is empty; a forecast needs at least one hour, fetch the forecast again")
            ])
    }
}

extension String {
    /// The text with the first occurrence of `target` replaced (the test fails on a missing target).
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else {
            Issue.record("\"\(target)\" not found")
            return self
        }
        var text = self
        text.replaceSubrange(range, with: replacement)
        return text
    }
}
