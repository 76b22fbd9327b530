import Foundation
import InspectStore
import InspectWeather
import Testing

/// Forecasts on a real SQLite file: stored whole, read back, listed, pruned.
@Suite struct ForecastStoreTests {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "inspectd-forecast-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    static let forecast = ParsedForecast(
        format: .csv, timezone: nil,
        intervals: [
            ForecastInterval(start: 3600, end: 7200, precipitationMM: 1.5, probabilityPercent: 80),
            ForecastInterval(start: 0, end: 3600, precipitationMM: nil, probabilityPercent: 20),
            ForecastInterval(start: 0, end: 3600, precipitationMM: 0.4, probabilityPercent: nil, area: "baihe"),
        ])

    @Test func storesAForecastWholeAndReadsItBack() throws {
        let store = try InspectStore.open(inDirectory: directory)
        let summary = try store.saveForecast(Self.forecast, file: "f.csv", receivedAt: 100, via: "cli", uid: 0)
        #expect(summary.intervalCount == 3 && summary.coverageStart == 0 && summary.coverageEnd == 7200)
        let reopened = try InspectStore.open(inDirectory: directory)
        let stored = try reopened.forecasts(receivedSince: 0, coveringAfter: 0)
        #expect(stored.count == 1)
        #expect(stored[0].file == "f.csv" && stored[0].receivedAt == 100)
        #expect(Set(stored[0].intervals) == Set(Self.forecast.intervals))
        #expect(try reopened.forecasts(receivedSince: 101, coveringAfter: 0).isEmpty)
        #expect(try reopened.forecasts(receivedSince: 0, coveringAfter: 7200).isEmpty)
    }

    @Test func listsNewestFirstAndPrunesWhatNoLongerMatters() throws {
        let store = try InspectStore.open(inDirectory: directory)
        _ = try store.saveForecast(Self.forecast, file: "old.csv", receivedAt: 100, via: "drop", uid: 0)
        let later = ParsedForecast(format: .openMeteo, timezone: "Asia/Shanghai", intervals: [ForecastInterval(start: 90_000, end: 93_600, precipitationMM: 0, probabilityPercent: 0)])
        _ = try store.saveForecast(later, file: "new.json", receivedAt: 200, via: "cli", uid: 1000)
        #expect(try store.forecastSummaries(receivedSince: 0).map(\.file) == ["new.json", "old.csv"])
        #expect(try store.pruneForecasts(coverageEndedBefore: 10_000) == 1)
        let left = try store.forecasts(receivedSince: 0, coveringAfter: 0)
        #expect(left.map(\.file) == ["new.json"])
        #expect(left[0].intervals.count == 1, "the pruned forecast's intervals went with it")
    }
}
