import Foundation
import InspectAPI
import InspectCalendar
import InspectCore
import InspectStore
import InspectWeather
import Logging

/// Takes forecast files in, keeps the rain outlook and the planning warnings current,
/// and reports them. Stateless itself: what it knows lives in the store and the
/// ``DaemonState``.
struct WeatherDesk: Sendable {
    let state: DaemonState
    let logger: Logger

    /// Forecast files larger than this are refused (a 16-day hourly forecast is ~10 KiB).
    static let maximumFileBytes = 8 << 20
    /// Forecasts received this long before the stale limit are still listed (as stale).
    static let staleListingSeconds: Int64 = 7 * 86_400

    enum ImportOutcome: Sendable {
        case imported(WeatherImportResult)
        case rejected(ImportFailure)
    }

    /// The window a forecast's hours must fall in: from two days before today to the end
    /// of the planning horizon, and at least the 16 days an Open-Meteo forecast can run.
    func window(now: Int64) -> (start: Int64, end: Int64) {
        let zone = state.zone
        let today = zone.date(atUTC: now)
        let days = max(state.configuration.roster.horizonDays, 16) + 1
        return (zone.startOfDay(today.adding(days: -2)), zone.startOfDay(today.adding(days: days)))
    }

    /// Parses and stores a forecast file, then brings the rain outlook up to date.
    func importForecast(
        _ bytes: [UInt8], file: String, format: ForecastFormat?, via: String, uid: UInt32, now: Int64
    ) throws(StoreError) -> ImportOutcome {
        guard bytes.count <= Self.maximumFileBytes else {
            return .rejected(
                ImportFailure([
                    ImportProblem(file: file, line: 1, message: "is \(bytes.count) bytes; a forecast file may be at most \(Self.maximumFileBytes) bytes")
                ]))
        }
        let zone = state.zone
        let context = ForecastContext(districtZone: zone, zoneNamed: { DistrictZone.resolve($0) }, window: window(now: now))
        let parsed: ParsedForecast
        switch ForecastParser.parse(bytes, file: file, format: format, context: context) {
        case .success(let forecast): parsed = forecast
        case .failure(let failure): return .rejected(failure)
        }
        let summary = try state.store.saveForecast(parsed, file: file, receivedAt: now, via: via, uid: uid)
        state.setRejectedDrop(nil)
        logger.notice(
            "forecast \(file) imported: \(parsed.intervals.count) intervals from \(zone.iso8601(utcSeconds: parsed.coverageStart)) to \(zone.iso8601(utcSeconds: parsed.coverageEnd))",
            metadata: [
                "event": "forecast_imported", "file": "\(file)", "forecast_id": "\(summary.id)", "via": "\(via)",
                "format": "\(parsed.format.rawValue)",
            ])
        let change = try refresh(now: now, reason: "forecast imported: \(file)")
        return .imported(
            WeatherImportResult(
                forecast: item(summary, stale: false, zone: zone), rainPeriodsAdded: change.added.count,
                rainPeriodsRemoved: change.removed.count))
    }

    /// Recomputes the rain outlook over the planning horizon; logs and announces what
    /// changed (only periods that have not ended count), and updates the warnings.
    @discardableResult
    func refresh(now: Int64, reason: String) throws(StoreError) -> RainPeriodChange {
        // One refresh at a time (API import, drop directory, timer, reload): an older
        // evaluation must never replace a newer one.
        try state.outlookLock.withLock { _ throws(StoreError) in try refreshLocked(now: now, reason: reason) }
    }

    private func refreshLocked(now: Int64, reason: String) throws(StoreError) -> RainPeriodChange {
        let configuration = state.configuration
        let zone = state.zone
        let today = zone.date(atUTC: now)
        let horizonEnd = today.adding(days: configuration.roster.horizonDays - 1)
        let outlook = try evaluate(from: today, through: horizonEnd, now: now)
        let old = state.replaceOutlook(outlook)
        let (added, removed) = RainOutlook.changes(
            from: old.rainPeriods.filter { $0.end > now }, to: outlook.rainPeriods.filter { $0.end > now })
        let change = RainPeriodChange(added: added, removed: removed, reason: reason)
        if !added.isEmpty || !removed.isEmpty {
            let sample = (added.prefix(3).map { "+\($0.date) \($0.period)" } + removed.prefix(3).map { "-\($0.date) \($0.period)" })
                .joined(separator: ", ")
            logger.notice(
                "rain periods changed (\(reason)): \(added.count) added, \(removed.count) removed: \(sample)",
                metadata: [
                    "event": "rain_periods_changed", "added": "\(added.count)", "removed": "\(removed.count)",
                    "reason": "\(reason)",
                ])
            state.rainPeriodChangesContinuation.yield(change)
        }
        updateWeatherWarnings(outlook, now: now)
        return change
    }

    /// Sets the warning about a horizon past the official calendar; says so in the
    /// journal once when it appears, changes or clears.
    func refreshCalendarWarning(now: Int64) {
        let configuration = state.configuration
        let today = state.zone.date(atUTC: now)
        let warning = CalendarHorizonWarning(
            calendar: state.calendar, today: today, horizonEnd: today.adding(days: configuration.roster.horizonDays - 1),
            calendarDirectory: configuration.calendar.directory)
        let old = state.replaceHorizonWarning(warning)
        // Once per cause: the horizon's end moves every day, the first provisional date does not.
        guard old?.firstProvisionalDate != warning?.firstProvisionalDate || old?.fileToAdd != warning?.fileToAdd else { return }
        if let warning {
            logger.warning(
                "\(warning)",
                metadata: [
                    "event": "calendar_horizon_provisional", "first_provisional_date": "\(warning.firstProvisionalDate)",
                    "file_to_add": "\(warning.fileToAdd)",
                ])
        } else {
            logger.notice("the planning horizon is covered by the official holiday calendar again", metadata: ["event": "calendar_horizon_covered"])
        }
        state.setStatus(state.servingStatus())
    }

    /// The rain outlook over `from...through`, from the forecasts that matter for it.
    func evaluate(from: CivilDate, through: CivilDate, now: Int64) throws(StoreError) -> RainOutlookResult {
        let weather = state.configuration.weather
        let maxAge = Int64(weather.maxForecastAgeHours) * 3600
        let zone = state.zone
        let forecasts = try state.store.forecasts(
            receivedSince: now - maxAge - Self.staleListingSeconds, coveringAfter: zone.startOfDay(from))
        return RainOutlook.evaluate(
            forecasts: forecasts, periods: state.configuration.roster.periods, zone: zone,
            thresholds: RainThresholds(
                probabilityPercent: Double(weather.rainProbabilityPercent), precipitationMM: weather.rainPrecipitationMM),
            from: from, through: through, now: now, maxAgeSeconds: maxAge)
    }

    /// `GET /v1/weather`.
    func report(from: CivilDate, through: CivilDate, now: Int64) throws(StoreError) -> WeatherReport {
        let configuration = state.configuration
        let zone = state.zone
        let outlook = try evaluate(from: from, through: through, now: now)
        let names = Dictionary(configuration.roster.periods.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let maxAge = Int64(configuration.weather.maxForecastAgeHours) * 3600
        let stale = Set(outlook.staleForecastIDs)
        let forecasts = try state.store.forecastSummaries(receivedSince: now - maxAge - Self.staleListingSeconds)
            .filter { $0.coverageEnd > zone.startOfDay(from) }
            .map { item($0, stale: stale.contains($0.id) || now - $0.receivedAt > maxAge, zone: zone) }
        return WeatherReport(
            from: from.description, to: through.description,
            thresholds: RainThresholdsItem(
                probabilityPercent: configuration.weather.rainProbabilityPercent,
                precipitationMM: configuration.weather.rainPrecipitationMM,
                maxForecastAgeHours: configuration.weather.maxForecastAgeHours),
            rainPeriods: outlook.rainPeriods.map { period in
                RainPeriodItem(
                    date: period.date.description, period: period.period, periodName: names[period.period] ?? period.period,
                    start: zone.iso8601(utcSeconds: period.start), end: zone.iso8601(utcSeconds: period.end),
                    area: period.area, probabilityPercent: period.probabilityPercent,
                    precipitationMM: (period.precipitationMM * 10).rounded() / 10, forecastID: period.forecastID,
                    file: period.file)
            },
            forecasts: forecasts, warnings: state.values.withLock { $0.weatherWarnings })
    }

    func item(_ summary: ForecastSummary, stale: Bool, zone: DistrictTimeZone) -> ForecastItem {
        ForecastItem(
            id: summary.id, file: summary.file, format: summary.format, receivedAt: zone.iso8601(utcSeconds: summary.receivedAt),
            via: summary.via, coverageStart: zone.iso8601(utcSeconds: summary.coverageStart),
            coverageEnd: zone.iso8601(utcSeconds: summary.coverageEnd), intervals: summary.intervalCount, stale: stale)
    }

    /// Records that a dropped file was rejected, until a forecast is imported again.
    func recordRejectedDrop(_ file: String, _ failure: ImportFailure, errorFile: String) {
        state.setRejectedDrop("forecast file \(file) in the drop directory was rejected (\(failure.problems[0])); see \(errorFile)")
        updateWeatherWarnings(state.outlook, now: Int64(Date().timeIntervalSince1970))
    }

    private func updateWeatherWarnings(_ outlook: RainOutlookResult, now: Int64) {
        var warnings: [String] = []
        if outlook.usedForecastIDs.isEmpty, !outlook.staleForecastIDs.isEmpty {
            warnings.append(
                "no current weather forecast: the newest is older than \(state.configuration.weather.maxForecastAgeHours) h and is not used; rain periods are not being planned until a new forecast arrives")
        }
        if let rejected = state.rejectedDrop { warnings.append(rejected) }
        let old = state.replaceWeatherWarnings(warnings)
        guard old != warnings else { return }
        for warning in warnings where !old.contains(warning) {
            logger.warning("\(warning)", metadata: ["event": "weather_warning"])
        }
        state.setStatus(state.servingStatus())
    }
}
