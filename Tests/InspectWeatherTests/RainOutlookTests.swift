import Foundation
import InspectCalendar
import Testing

@testable import InspectWeather

@Suite struct RainOutlookTests {
    static let zone = Fixture.zone
    static let now = Fixture.midnight29  // 2026-11-29T00:00+08:00
    static let day = PlanningPeriod.defaults[0]  // 08:00–16:00
    static let evening = PlanningPeriod.defaults[1]  // 16:00–24:00
    static let night = PlanningPeriod.defaults[2]  // 00:00–08:00

    /// The instant `hours` hours after 2026-11-29T00:00+08:00.
    static func at(_ hours: Double) -> Int64 { Fixture.midnight29 + Int64(hours * 3600) }

    /// Hourly intervals from `from` to `to` hours after 2026-11-29T00:00+08:00.
    static func hourly(
        _ from: Int, _ to: Int, probability: Double?, mm: Double?, area: String? = nil
    ) -> [ForecastInterval] {
        (from..<to).map { hour in
            ForecastInterval(
                start: at(Double(hour)), end: at(Double(hour + 1)), precipitationMM: mm,
                probabilityPercent: probability,
                area: area)
        }
    }

    static func interval(
        _ from: Double, _ to: Double, probability: Double?, mm: Double?, area: String? = nil
    ) -> ForecastInterval {
        ForecastInterval(start: at(from), end: at(to), precipitationMM: mm, probabilityPercent: probability, area: area)
    }

    static func evaluate(
        _ forecasts: [StoredForecast], periods: [PlanningPeriod] = PlanningPeriod.defaults,
        probability: Double = 60, mm: Double = 2, from: CivilDate = Fixture.nov29, through: CivilDate = Fixture.nov30,
        maxAge: Int64 = 24 * 3600
    ) -> RainOutlookResult {
        RainOutlook.evaluate(
            forecasts: forecasts, periods: periods, zone: zone,
            thresholds: RainThresholds(probabilityPercent: probability, precipitationMM: mm), from: from,
            through: through, now: now, maxAgeSeconds: maxAge)
    }

    static func rain(
        _ date: CivilDate, _ period: PlanningPeriod, area: String? = nil, probability: Double?, mm: Double,
        forecast: Int64, file: String
    ) -> RainPeriod {
        let instance = period.interval(on: date, in: zone)
        return RainPeriod(
            date: date, period: period.id, start: instance.start, end: instance.end, area: area,
            probabilityPercent: probability, precipitationMM: mm, forecastID: forecast, file: file)
    }

    // MARK: the fixture

    @Test func theRainBandMakesTheEveningAndTheNightAfterItRainPeriods() throws {
        let parsed = try Fixture.parse(Fixture.openMeteoJSON).get()
        let stored = StoredForecast(
            id: 7, file: "forecast.json", receivedAt: Self.now - 3600, intervals: parsed.intervals)
        let result = Self.evaluate([stored])
        #expect(
            result.rainPeriods == [
                // 21:00–24:00 on the 29th: 55, 70, 85, 90 %; 0.4 + 1.2 + 2.5 mm.
                Self.rain(Fixture.nov29, Self.evening, probability: 90, mm: 4.1, forecast: 7, file: "forecast.json"),
                // 00:00–04:00 on the 30th: 90, 80, 65, 40 %; 3.1 + 1.8 + 0.6 + 0.1 mm.
                Self.rain(Fixture.nov30, Self.night, probability: 90, mm: 5.6, forecast: 7, file: "forecast.json"),
            ])
        #expect(result.staleForecastIDs == [])
        #expect(result.usedForecastIDs == [7])
        #expect(Self.zone.iso8601(utcSeconds: result.rainPeriods[0].end) == "2026-11-30T00:00:00+08:00")
    }

    @Test func aPeriodCrossingMidnightBelongsToTheDateItStarts() throws {
        let night = PlanningPeriod(id: "night", name: "夜班", startMinute: 22 * 60, endMinute: 6 * 60)
        let day = PlanningPeriod(id: "day", name: "白班", startMinute: 6 * 60, endMinute: 22 * 60)
        let parsed = try Fixture.parse(Fixture.openMeteoJSON).get()
        let stored = StoredForecast(id: 1, file: "forecast.json", receivedAt: Self.now, intervals: parsed.intervals)
        let result = Self.evaluate([stored], periods: [night, day], probability: 75, from: Fixture.nov28)
        // 22:00 on the 29th to 06:00 on the 30th: 85, 90, 90, 80, 65, 40, 20, 10 %;
        // 1.2 + 2.5 + 3.1 + 1.8 + 0.6 + 0.1 mm. The day before peaks at 70 %.
        #expect(
            result.rainPeriods == [
                Self.rain(Fixture.nov29, night, probability: 90, mm: 9.3, forecast: 1, file: "forecast.json")
            ])
        #expect(Self.zone.iso8601(utcSeconds: result.rainPeriods[0].start) == "2026-11-29T22:00:00+08:00")
        #expect(Self.zone.iso8601(utcSeconds: result.rainPeriods[0].end) == "2026-11-30T06:00:00+08:00")
    }

    // MARK: thresholds

    @Test func thresholdsCountAtOrAbove() {
        #expect(0.7 + 0.2 + 0.1 < 1.0)  // why the sum is rounded
        let intervals = [
            Self.interval(8, 16, probability: 60, mm: nil),  // day: exactly the probability threshold
            Self.interval(16, 24, probability: 59.9, mm: 0.999),  // evening: just under both
            Self.interval(24, 25, probability: nil, mm: 0.7),  // night of the 30th: 1.0 mm in total
            Self.interval(25, 26, probability: nil, mm: 0.2),
            Self.interval(26, 27, probability: nil, mm: 0.1),
        ]
        let result = Self.evaluate(
            [StoredForecast(id: 1, file: "f.csv", receivedAt: Self.now, intervals: intervals)], mm: 1)
        #expect(
            result.rainPeriods == [
                Self.rain(Fixture.nov29, Self.day, probability: 60, mm: 0, forecast: 1, file: "f.csv"),
                Self.rain(Fixture.nov30, Self.night, probability: nil, mm: 1, forecast: 1, file: "f.csv"),
            ])
    }

    @Test func aZeroPrecipitationThresholdNeedsSomePrecipitationValue() {
        let intervals = Self.hourly(8, 16, probability: 10, mm: nil) + Self.hourly(16, 24, probability: 10, mm: 0)
        let result = Self.evaluate(
            [StoredForecast(id: 1, file: "f.csv", receivedAt: Self.now, intervals: intervals)], mm: 0)
        #expect(
            result.rainPeriods == [
                Self.rain(Fixture.nov29, Self.evening, probability: 10, mm: 0, forecast: 1, file: "f.csv")
            ])
    }

    @Test func precipitationIsWeightedByOverlap() {
        // 6 mm over 15:00–18:00: 2 mm fall in the day period, 4 mm in the evening.
        let intervals = [Self.interval(15, 18, probability: nil, mm: 6)]
        let result = Self.evaluate(
            [StoredForecast(id: 1, file: "f.csv", receivedAt: Self.now, intervals: intervals)], mm: 3)
        #expect(
            result.rainPeriods == [
                Self.rain(Fixture.nov29, Self.evening, probability: nil, mm: 4, forecast: 1, file: "f.csv")
            ])
        let lower = Self.evaluate(
            [StoredForecast(id: 1, file: "f.csv", receivedAt: Self.now, intervals: intervals)], mm: 2)
        #expect(lower.rainPeriods.map(\.precipitationMM) == [2, 4])
    }

    // MARK: which forecasts count

    @Test func staleForecastsAreListedButNotUsed() {
        let old = StoredForecast(
            id: 1, file: "old.json", receivedAt: Self.now - 6 * 3600 - 1,
            intervals: Self.hourly(16, 24, probability: 90, mm: 5))
        let justInTime = StoredForecast(
            id: 2, file: "new.json", receivedAt: Self.now - 6 * 3600,
            intervals: Self.hourly(8, 12, probability: 10, mm: 0))
        let result = Self.evaluate([justInTime, old], maxAge: 6 * 3600)
        #expect(result.rainPeriods == [])
        #expect(result.staleForecastIDs == [1])
        #expect(result.usedForecastIDs == [2])
        // Without the age limit the old forecast's rain counts.
        #expect(Self.evaluate([justInTime, old], maxAge: 7 * 3600).rainPeriods.map(\.forecastID) == [1])
    }

    @Test func aNewerForecastReplacesAnOlderOneOnlyForTheHoursItCovers() {
        let old = StoredForecast(
            id: 1, file: "old.json", receivedAt: Self.now - 3 * 3600,
            intervals: Self.hourly(8, 32, probability: 80, mm: 0.5))
        let newer = StoredForecast(
            id: 2, file: "new.json", receivedAt: Self.now - 3600, intervals: Self.hourly(16, 22, probability: 10, mm: 0)
        )
        let result = Self.evaluate([newer, old], mm: 100)
        #expect(
            result.rainPeriods == [
                Self.rain(Fixture.nov29, Self.day, probability: 80, mm: 4, forecast: 1, file: "old.json"),
                // 16:00–22:00 from the newer forecast (10 %), 22:00–24:00 still from the older (80 %).
                Self.rain(Fixture.nov29, Self.evening, probability: 80, mm: 1, forecast: 1, file: "old.json"),
                Self.rain(Fixture.nov30, Self.night, probability: 80, mm: 4, forecast: 1, file: "old.json"),
            ])
        #expect(result.usedForecastIDs == [1, 2])

        // A still newer forecast for the whole evening, with a gap in it, takes all of it.
        let newest = StoredForecast(
            id: 3, file: "newest.json", receivedAt: Self.now - 1800,
            intervals: Self.hourly(16, 18, probability: 5, mm: 0) + Self.hourly(20, 24, probability: 5, mm: 0))
        let replaced = Self.evaluate([old, newest, newer], mm: 100)
        #expect(replaced.rainPeriods.map(\.period) == ["day", "night"])
        #expect(replaced.usedForecastIDs == [1, 3])  // nothing of forecast 2 is left
    }

    @Test func aPartlyReplacedIntervalKeepsItsShareOfPrecipitation() {
        // 3 mm over 14:00–17:00; a newer forecast takes 16:00–24:00: 2 mm remain in the day period.
        let old = StoredForecast(
            id: 1, file: "old.csv", receivedAt: Self.now - 7200,
            intervals: [Self.interval(14, 17, probability: nil, mm: 3)])
        let newer = StoredForecast(
            id: 2, file: "new.csv", receivedAt: Self.now - 3600,
            intervals: [Self.interval(16, 24, probability: 0, mm: 0)])
        let result = Self.evaluate([old, newer], mm: 1)
        #expect(
            result.rainPeriods == [
                Self.rain(Fixture.nov29, Self.day, probability: nil, mm: 2, forecast: 1, file: "old.csv")
            ])
        // Without the newer forecast the evening gets the remaining 1 mm.
        #expect(Self.evaluate([old], mm: 1).rainPeriods.map(\.period) == ["day", "evening"])
    }

    @Test func onTheSameSecondTheGreaterIdIsNewer() {
        let wet = StoredForecast(
            id: 5, file: "wet.csv", receivedAt: Self.now, intervals: Self.hourly(16, 24, probability: 90, mm: nil))
        let dry = StoredForecast(
            id: 4, file: "dry.csv", receivedAt: Self.now, intervals: Self.hourly(16, 24, probability: 10, mm: nil))
        #expect(Self.evaluate([wet, dry]).rainPeriods.map(\.forecastID) == [5])
        var laterDry = dry
        laterDry.id = 6
        #expect(Self.evaluate([wet, laterDry]).rainPeriods == [])
    }

    @Test func areasAreIndependentOfEachOtherAndOfTheDistrict() {
        let district = StoredForecast(
            id: 1, file: "district.json", receivedAt: Self.now - 3600,
            intervals: Self.hourly(16, 24, probability: 70, mm: nil))
        let baihe = StoredForecast(
            id: 2, file: "baihe.csv", receivedAt: Self.now,
            intervals: Self.hourly(16, 24, probability: 10, mm: nil, area: "baihe")
                + Self.hourly(8, 16, probability: 95, mm: nil, area: "baihe")
                + Self.hourly(16, 24, probability: 65, mm: nil, area: "xiqing"))
        let result = Self.evaluate([district, baihe])
        #expect(
            result.rainPeriods == [
                Self.rain(
                    Fixture.nov29, Self.day, area: "baihe", probability: 95, mm: 0, forecast: 2, file: "baihe.csv"),
                Self.rain(Fixture.nov29, Self.evening, probability: 70, mm: 0, forecast: 1, file: "district.json"),
                Self.rain(
                    Fixture.nov29, Self.evening, area: "xiqing", probability: 65, mm: 0, forecast: 2, file: "baihe.csv"),
            ])
    }

    // MARK: the deciding forecast

    @Test func theDecidingForecastIsNamed() {
        let probable = StoredForecast(
            id: 1, file: "probable.json", receivedAt: Self.now - 3600,
            intervals: [Self.interval(16, 20, probability: 70, mm: 0.5)])
        let wet = StoredForecast(
            id: 2, file: "wet.csv", receivedAt: Self.now, intervals: [Self.interval(20, 24, probability: 30, mm: 3)])
        // Both thresholds reached: the probability decides, from the first forecast.
        #expect(
            Self.evaluate([probable, wet]).rainPeriods == [
                Self.rain(Fixture.nov29, Self.evening, probability: 70, mm: 3.5, forecast: 1, file: "probable.json")
            ])
        // Only the precipitation reached: the forecast contributing the most mm.
        #expect(
            Self.evaluate([probable, wet], probability: 80).rainPeriods == [
                Self.rain(Fixture.nov29, Self.evening, probability: 70, mm: 3.5, forecast: 2, file: "wet.csv")
            ])
    }

    // MARK: changes

    @Test func changesAreKeyedByDatePeriodAndArea() {
        let eveningOld = Self.rain(Fixture.nov29, Self.evening, probability: 70, mm: 1, forecast: 1, file: "a.json")
        let eveningNew = Self.rain(Fixture.nov29, Self.evening, probability: 95, mm: 8, forecast: 2, file: "b.json")
        let night = Self.rain(Fixture.nov30, Self.night, probability: 80, mm: 0, forecast: 1, file: "a.json")
        let nightBaihe = Self.rain(
            Fixture.nov30, Self.night, area: "baihe", probability: 80, mm: 0, forecast: 1, file: "a.json")
        let day = Self.rain(Fixture.nov30, Self.day, probability: 80, mm: 0, forecast: 2, file: "b.json")
        let changes = RainOutlook.changes(from: [eveningOld, night, nightBaihe], to: [eveningNew, nightBaihe, day])
        #expect(changes.added == [day])
        #expect(changes.removed == [night])
        let same = RainOutlookResult.changes(from: [eveningOld], to: [eveningNew])
        #expect(same.added.isEmpty && same.removed.isEmpty)
        let fromNothing = RainOutlook.changes(from: [], to: [night, nightBaihe])
        #expect(fromNothing.added == [night, nightBaihe] && fromNothing.removed.isEmpty)
    }

    @Test func rainPeriodsRoundTripThroughJSON() throws {
        let period = Self.rain(
            Fixture.nov29, Self.evening, area: "baihe", probability: 70, mm: 1.5, forecast: 3, file: "a.json")
        #expect(period.key == RainPeriod.Key(date: Fixture.nov29, period: "evening", area: "baihe"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(period)
        #expect(
            String(decoding: data, as: UTF8.self)
                == #"{"area":"baihe","date":"2026-11-29","end":1795968000,"file":"a.json","forecastID":3,"#
                + #""period":"evening","precipitationMM":1.5,"probabilityPercent":70,"start":1795939200}"#)
        #expect(try JSONDecoder().decode(RainPeriod.self, from: data) == period)
        // The same JSON through inspectd's own reader.
        let value = try JSONReader.parse(String(decoding: data, as: UTF8.self))
        #expect(value["date"]?.string == "2026-11-29" && value["start"]?.exactInteger == period.start)
    }
}
