import InspectCalendar
import InspectCore
import Testing

@testable import InspectWeather

@Suite struct ForecastCSVTests {
    static let header = "start,end,precipitation_mm,probability"
    static let window = "2026-11-28T00:00:00+08:00 to 2026-12-06T00:00:00+08:00"
    static let timeHint =
        "write YYYY-MM-DDTHH:MM[:SS] followed by Z, an offset such as +08:00, or nothing for district time"

    func problem(_ line: Int, _ column: String?, _ value: String?, _ message: String) -> ImportProblem {
        ImportProblem(file: "forecast.csv", line: line, column: column, value: value, message: message)
    }

    func problems(_ text: String) -> [ImportProblem] {
        Fixture.problems(text, file: "forecast.csv")
    }

    /// The Open-Meteo fixture as CSV: one row per hour with a value, times written by `time`.
    static func fixtureCSV(area: String? = nil, time: (Int64) -> String) -> String {
        var lines = [header + (area == nil ? "" : ",area")]
        for index in 0..<48 where Fixture.precipitation[index] != nil || Fixture.probability[index] != nil {
            let values = [Fixture.precipitation[index], Fixture.probability[index]].map { $0.map { String($0) } ?? "" }
            lines.append(
                ([time(Fixture.instant(index) - 3600), time(Fixture.instant(index))] + values
                    + (area.map { [$0] } ?? []))
                    .joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: accepted

    @Test func readsTheOpenMeteoDataWithOffsets() throws {
        let text = Self.fixtureCSV { String(Fixture.zone.iso8601(utcSeconds: $0).prefix(16)) + "+08:00" }
        #expect(
            text.hasPrefix(
                "start,end,precipitation_mm,probability\n2026-11-28T23:00+08:00,2026-11-29T00:00+08:00,0.0,3.0\n"))
        let forecast = try Fixture.parse(text, file: "forecast.csv").get()
        #expect(forecast.format == .csv)
        #expect(forecast.timezone == nil)
        #expect(forecast.intervals == Fixture.intervals)
    }

    @Test func readsTheOpenMeteoDataInDistrictTime() throws {
        // No offset: the district zone (Asia/Shanghai); seconds written out.
        let text = Self.fixtureCSV { String(Fixture.zone.iso8601(utcSeconds: $0).prefix(19)) }
        #expect(text.contains("\n2026-11-29T23:00:00,2026-11-30T00:00:00,2.5,90.0\n"))
        let forecast = try Fixture.parse(text, file: "forecast.csv").get()
        #expect(forecast.timezone == "Asia/Shanghai")
        #expect(forecast.intervals == Fixture.intervals)
    }

    @Test func readsTheOpenMeteoDataInUTCWithArea() throws {
        let text = Self.fixtureCSV(area: "baihe") { String(Fixture.utc.iso8601(utcSeconds: $0).prefix(16)) + "Z" }
        #expect(text.contains("\n2026-11-29T15:00Z,2026-11-29T16:00Z,2.5,90.0,baihe\n"))
        let forecast = try Fixture.parse(text, file: "forecast.csv").get()
        #expect(
            forecast.intervals
                == Fixture.intervals.map { interval in
                    var copy = interval
                    copy.area = "baihe"
                    return copy
                })
    }

    @Test func readsABulletinWithAreasPercentAndEmptyCells() throws {
        // As a clerk saves it from Excel: byte-order mark, CRLF, columns reordered and padded,
        // a blank row and an empty spreadsheet row.
        let text =
            "\u{FEFF}Area, Start ,END,probability,precipitation_mm\r\n"
            + "baihe,2026-11-29T20:00+08:00,2026-11-29T23:00+08:00,70%,1.6\r\n"
            + "baihe,2026-11-29T23:00+08:00,2026-11-30T02:00+08:00, 90 % ,6.8\r\n"
            + "\r\n"
            + ",,,,\r\n"
            + "xiqing,2026-11-29T21:00,2026-11-30T03:00,,4\r\n"
            + ",2026-11-29T18:00:00Z,2026-11-29T20:00:00Z,60,\r\n"
        let forecast = try Fixture.parse(text, file: "forecast.csv").get()
        let at = { (hour: Int) in Fixture.midnight29 + Int64(hour) * 3600 }
        #expect(
            forecast.intervals == [
                ForecastInterval(start: at(26), end: at(28), precipitationMM: nil, probabilityPercent: 60),
                ForecastInterval(
                    start: at(20), end: at(23), precipitationMM: 1.6, probabilityPercent: 70, area: "baihe"),
                ForecastInterval(
                    start: at(23), end: at(26), precipitationMM: 6.8, probabilityPercent: 90, area: "baihe"),
                ForecastInterval(
                    start: at(21), end: at(27), precipitationMM: 4, probabilityPercent: nil, area: "xiqing"),
            ])
        #expect(forecast.timezone == "Asia/Shanghai")
        #expect(forecast.coverageStart == at(20) && forecast.coverageEnd == at(28))
    }

    @Test func acceptsTouchingRowsAndTheSameHoursInOtherAreas() throws {
        let text = """
            start,end,precipitation_mm,probability,area
            2026-11-29T20:00,2026-11-29T23:00,1,,baihe
            2026-11-29T23:00,2026-11-30T02:00,2,,baihe
            2026-11-29T20:00,2026-11-29T23:00,3,,xiqing
            2026-11-29T20:00,2026-11-29T23:00,4,,
            """
        #expect(try Fixture.parse(text, file: "forecast.csv").get().intervals.count == 4)
    }

    // MARK: header

    @Test func badHeader() {
        #expect(
            problems("start,end,precip,probability,start\n2026-11-29T20:00,2026-11-29T23:00,1,50,x\n") == [
                problem(
                    1, "precip", nil,
                    "is not a forecast column; the columns are start, end, precipitation_mm, probability and optionally area"
                ),
                problem(1, "start", nil, "appears twice in the header; keep one"),
                problem(
                    1, nil, nil,
                    "the header lacks the column \"precipitation_mm\"; the header must be "
                        + "start,end,precipitation_mm,probability[,area] (any order)"),
            ])
        #expect(
            problems("2026-11-29T20:00+08:00,2026-11-29T23:00+08:00,1.6,70\n") == [
                problem(
                    1, nil, nil,
                    "is not a header; the first line must be start,end,precipitation_mm,probability[,area] (any order)")
            ])
        #expect(
            problems("start,end\n") == [
                problem(
                    1, nil, nil,
                    "the header lacks the columns \"precipitation_mm\", \"probability\"; the header must be "
                        + "start,end,precipitation_mm,probability[,area] (any order)")
            ])
    }

    @Test func headerWithoutRowsIsAnEmptyForecast() {
        #expect(
            problems(Self.header + "\n\n") == [
                problem(1, nil, nil, "the file has a header but no rows; a forecast needs at least one interval")
            ])
    }

    // MARK: rows

    @Test func badTimes() {
        let text = """
            start,end,precipitation_mm,probability
            2026-11-29 20:00,2026-11-29T23:00,1,
            2026-11-29T20:00,2026-11-29T24:00,1,
            29/11/2026 20:00,2026-11-29T23:00+8,1,
            ,2026-11-29T23:00:60Z,1,
            2026-11-29T20:00+08:00,2026-11-29T20:00+08:00,1,
            2026-11-29T20:00+08:00,2026-11-29T19:00+07:00,1,
            """
        #expect(
            problems(text) == [
                problem(2, "start", "2026-11-29 20:00", "is not a time; \(Self.timeHint)"),
                problem(3, "end", "2026-11-29T24:00", "is not a time; \(Self.timeHint)"),
                problem(4, "start", "29/11/2026 20:00", "is not a time; \(Self.timeHint)"),
                problem(4, "end", "2026-11-29T23:00+8", "is not a time; \(Self.timeHint)"),
                problem(5, "start", nil, "is empty; \(Self.timeHint)"),
                problem(5, "end", "2026-11-29T23:00:60Z", "is not a time; \(Self.timeHint)"),
                problem(
                    6, "end", "2026-11-29T20:00+08:00",
                    "is not after start (2026-11-29T20:00+08:00); an interval ends after it starts"),
                problem(
                    7, "end", "2026-11-29T19:00+07:00",
                    "is not after start (2026-11-29T20:00+08:00); an interval ends after it starts"),
            ])
    }

    @Test func negativeAbsurdAndNonNumericValues() {
        let text = """
            start,end,precipitation_mm,probability
            2026-11-29T20:00,2026-11-29T23:00,-0.5,50
            2026-11-29T20:00,2026-11-29T21:30,750.5,50
            2026-11-29T22:00,2026-11-29T23:00,"1,5",5O
            2026-11-29T23:00,2026-11-30T02:00,1e3,150%
            2026-11-30T02:00,2026-11-30T05:00,1500,-1
            2026-11-30T05:00,2026-11-30T06:00,2 mm,100%
            """
        #expect(
            problems(text) == [
                problem(2, "precipitation_mm", "-0.5", "is negative; precipitation is 0 mm or more"),
                problem(
                    3, "precipitation_mm", "750.5",
                    "is more than 500 mm per hour over the 1 h 30 min interval; check the value and that it is in mm"),
                problem(
                    4, "precipitation_mm", "1,5",
                    "is not a number; write millimetres such as 2.5 (without unit), or leave it empty"),
                problem(
                    4, "probability", "5O", "is not a percentage; write 0 to 100, such as 70 or 70%, or leave it empty"),
                problem(
                    5, "precipitation_mm", "1e3",
                    "is not a number; write millimetres such as 2.5 (without unit), or leave it empty"),
                problem(5, "probability", "150%", "is not between 0 and 100; write a percentage such as 70 or 70%"),
                problem(6, "probability", "-1", "is not between 0 and 100; write a percentage such as 70 or 70%"),
                problem(
                    7, "precipitation_mm", "2 mm",
                    "is not a number; write millimetres such as 2.5 (without unit), or leave it empty"),
            ])
    }

    @Test func aRowNeedsAValue() {
        let text = Self.header + ",area\n2026-11-29T20:00,2026-11-29T23:00,,,baihe\n"
        #expect(
            problems(text) == [
                problem(
                    2, nil, nil, "has neither precipitation_mm nor probability; fill in at least one, or delete the row"
                )
            ])
    }

    @Test func areaMustBeALocalityId() {
        let text = Self.header + ",area\n2026-11-29T20:00,2026-11-29T23:00,1,,白河镇\n"
        #expect(
            problems(text) == [
                problem(
                    2, "area", "白河镇",
                    "is not a locality id; use 1–64 letters, digits, '_', '.' or '-', or leave it empty for the whole district"
                )
            ])
    }

    @Test func overlappingRowsOfOneArea() {
        let text = """
            start,end,precipitation_mm,probability,area
            2026-11-29T20:00,2026-11-29T23:00,1,,baihe
            2026-11-29T20:00,2026-11-29T23:00,1,,
            2026-11-29T22:00+08:00,2026-11-30T01:00+08:00,2,,baihe
            2026-11-29T14:00Z,2026-11-29T15:00Z,1,,
            2026-11-29T12:00,2026-11-29T21:00,1,,baihe
            """
        #expect(
            problems(text) == [
                problem(
                    4, "start", "2026-11-29T22:00+08:00",
                    "overlaps the row on line 2 (2026-11-29T20:00 to 2026-11-29T23:00) for area \"baihe\"; intervals of "
                        + "one area must not overlap, correct or merge the rows"),
                problem(
                    5, "start", "2026-11-29T14:00Z",
                    "overlaps the row on line 3 (2026-11-29T20:00 to 2026-11-29T23:00) for the whole district; "
                        + "intervals of one area must not overlap, correct or merge the rows"),
                problem(
                    6, "start", "2026-11-29T12:00",
                    "overlaps the row on line 2 (2026-11-29T20:00 to 2026-11-29T23:00) for area \"baihe\"; intervals of "
                        + "one area must not overlap, correct or merge the rows"),
            ])
    }

    @Test func rowsOutsideThePlanningWindow() {
        let text = """
            start,end,precipitation_mm,probability
            2026-11-27T22:00,2026-11-28T01:00,1,
            2026-12-05T23:00,2026-12-06T00:00,1,
            2026-12-05T23:00,2026-12-06T00:00:01,1,
            2026-11-01T00:00,2026-12-31T00:00,1,
            """
        #expect(
            problems(text) == [
                problem(
                    2, "start", "2026-11-27T22:00",
                    "is before the planning window (\(Self.window)); keep only rows inside the planning window"),
                problem(
                    4, "end", "2026-12-06T00:00:01",
                    "is after the planning window (\(Self.window)); keep only rows inside the planning window"),
                problem(
                    5, "start", "2026-11-01T00:00",
                    "is before the planning window (\(Self.window)); keep only rows inside the planning window"),
                problem(
                    5, "end", "2026-12-31T00:00",
                    "is after the planning window (\(Self.window)); keep only rows inside the planning window"),
            ])
    }

    @Test func rowsWithTheWrongNumberOfValuesAndSyntaxErrors() {
        let text = """
            start,end,precipitation_mm,probability
            2026-11-29T20:00,2026-11-29T23:00,1
            2026-11-29T20:00,2026-11-29T23:00,1,2,3
            2026-11-29T23:00,2026-11-30T01:00,1,"2
            """
        #expect(
            problems(text) == [
                problem(
                    2, nil, nil, "the row has 3 values but the header has 4 columns; quote values that contain commas"),
                problem(
                    3, nil, nil, "the row has 5 values but the header has 4 columns; quote values that contain commas"),
                problem(
                    4, "probability", nil,
                    "character 37: the quote opened here is never closed; close it, or double it (\"\") if it is part "
                        + "of the text"),
            ])
    }

    @Test func everyBadRowIsReported() throws {
        var lines = [Self.header]
        for day in 0..<3 {
            lines.append("2026-12-0\(day + 1)T08:00,2026-12-0\(day + 1)T16:00,-\(day + 1),")
        }
        lines.append("2026-12-04T08:00,2026-12-04T16:00,2,40")
        let failure = try #require(Fixture.parse(lines.joined(separator: "\n"), file: "forecast.csv").failure)
        #expect(failure.problems.map(\.line) == [2, 3, 4])
        #expect(
            failure.lines == [
                "forecast.csv:2: column \"precipitation_mm\": \"-1\" is negative; precipitation is 0 mm or more",
                "forecast.csv:3: column \"precipitation_mm\": \"-2\" is negative; precipitation is 0 mm or more",
                "forecast.csv:4: column \"precipitation_mm\": \"-3\" is negative; precipitation is 0 mm or more",
            ])
    }

    @Test func readsGB18030() throws {
        // A header with a trailing Chinese note column is still a header with an unknown column.
        let bytes =
            Array("start,end,precipitation_mm,probability,".utf8) + [0xB1, 0xB8, 0xD7, 0xA2]  // 备注
            + Array("\n2026-11-29T20:00,2026-11-29T23:00,1,,\n".utf8)
        let result = ForecastParser.parse(bytes, file: "gbk.csv", format: .csv, context: Fixture.context())
        #expect(
            result.failure?.problems == [
                ImportProblem(
                    file: "gbk.csv", line: 1, column: "备注",
                    message:
                        "is not a forecast column; the columns are start, end, precipitation_mm, probability and optionally area"
                )
            ])
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
