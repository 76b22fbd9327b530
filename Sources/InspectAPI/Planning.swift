import InspectCalendar

/// `GET /v1/calendar?from=&to=`.
public struct CalendarReport: Codable, Sendable, Equatable {
    public var from: String
    public var to: String
    public var days: [CalendarDay]
    /// The years an official schedule covers, ascending.
    public var officialYears: [Int]
    /// Warnings about the calendar, such as a horizon past the official schedules.
    public var warnings: [String]

    public init(from: String, to: String, days: [CalendarDay], officialYears: [Int], warnings: [String]) {
        self.from = from
        self.to = to
        self.days = days
        self.officialYears = officialYears
        self.warnings = warnings
    }

    enum CodingKeys: String, CodingKey {
        case from, to, days, warnings
        case officialYears = "official_years"
    }
}

/// One rain period of `GET /v1/weather`.
public struct RainPeriodItem: Codable, Sendable, Equatable {
    /// The date the period starts on, `YYYY-MM-DD`.
    public var date: String
    /// The period id from `[roster] periods`.
    public var period: String
    public var periodName: String
    /// ISO 8601 with the district's offset.
    public var start: String
    public var end: String
    /// The forecast area, or null for the whole district.
    public var area: String?
    /// The highest probability of precipitation in the period, in percent.
    public var probabilityPercent: Double?
    /// The forecast precipitation over the period, in millimetres.
    public var precipitationMM: Double
    /// The forecast that made it a rain period.
    public var forecastID: Int64
    public var file: String

    public init(
        date: String, period: String, periodName: String, start: String, end: String, area: String?,
        probabilityPercent: Double?, precipitationMM: Double, forecastID: Int64, file: String
    ) {
        self.date = date
        self.period = period
        self.periodName = periodName
        self.start = start
        self.end = end
        self.area = area
        self.probabilityPercent = probabilityPercent
        self.precipitationMM = precipitationMM
        self.forecastID = forecastID
        self.file = file
    }

    enum CodingKeys: String, CodingKey {
        case date, period, start, end, area, file
        case periodName = "period_name"
        case probabilityPercent = "probability_percent"
        case precipitationMM = "precipitation_mm"
        case forecastID = "forecast_id"
    }
}

/// A forecast the daemon holds.
public struct ForecastItem: Codable, Sendable, Equatable {
    public var id: Int64
    public var file: String
    /// `open-meteo` or `csv`.
    public var format: String
    /// ISO 8601.
    public var receivedAt: String
    /// `cli` or `drop`.
    public var via: String
    public var coverageStart: String
    public var coverageEnd: String
    public var intervals: Int
    /// Older than `weather.max_forecast_age_hours`: reported, not used.
    public var stale: Bool

    public init(
        id: Int64, file: String, format: String, receivedAt: String, via: String, coverageStart: String,
        coverageEnd: String, intervals: Int, stale: Bool
    ) {
        self.id = id
        self.file = file
        self.format = format
        self.receivedAt = receivedAt
        self.via = via
        self.coverageStart = coverageStart
        self.coverageEnd = coverageEnd
        self.intervals = intervals
        self.stale = stale
    }

    enum CodingKeys: String, CodingKey {
        case id, file, format, via, intervals, stale
        case receivedAt = "received_at"
        case coverageStart = "coverage_start"
        case coverageEnd = "coverage_end"
    }
}

/// The thresholds in force (`[weather]`).
public struct RainThresholdsItem: Codable, Sendable, Equatable {
    public var probabilityPercent: Int
    public var precipitationMM: Double
    public var maxForecastAgeHours: Int

    public init(probabilityPercent: Int, precipitationMM: Double, maxForecastAgeHours: Int) {
        self.probabilityPercent = probabilityPercent
        self.precipitationMM = precipitationMM
        self.maxForecastAgeHours = maxForecastAgeHours
    }

    enum CodingKeys: String, CodingKey {
        case probabilityPercent = "probability_percent"
        case precipitationMM = "precipitation_mm"
        case maxForecastAgeHours = "max_forecast_age_hours"
    }
}

/// `GET /v1/weather?from=&to=`: the rain periods ahead and the forecasts behind them.
public struct WeatherReport: Codable, Sendable, Equatable {
    public var from: String
    public var to: String
    public var thresholds: RainThresholdsItem
    public var rainPeriods: [RainPeriodItem]
    /// The forecasts received within the last `max_forecast_age_hours` and older ones
    /// still covering the range, newest first.
    public var forecasts: [ForecastItem]
    public var warnings: [String]

    public init(
        from: String, to: String, thresholds: RainThresholdsItem, rainPeriods: [RainPeriodItem], forecasts: [ForecastItem],
        warnings: [String]
    ) {
        self.from = from
        self.to = to
        self.thresholds = thresholds
        self.rainPeriods = rainPeriods
        self.forecasts = forecasts
        self.warnings = warnings
    }

    enum CodingKeys: String, CodingKey {
        case from, to, thresholds, forecasts, warnings
        case rainPeriods = "rain_periods"
    }
}

/// `POST /v1/weather/imports`: what an accepted forecast file changed.
public struct WeatherImportResult: Codable, Sendable, Equatable {
    public var forecast: ForecastItem
    /// Rain periods the forecast added and removed.
    public var rainPeriodsAdded: Int
    public var rainPeriodsRemoved: Int

    public init(forecast: ForecastItem, rainPeriodsAdded: Int, rainPeriodsRemoved: Int) {
        self.forecast = forecast
        self.rainPeriodsAdded = rainPeriodsAdded
        self.rainPeriodsRemoved = rainPeriodsRemoved
    }

    enum CodingKeys: String, CodingKey {
        case forecast
        case rainPeriodsAdded = "rain_periods_added"
        case rainPeriodsRemoved = "rain_periods_removed"
    }
}
