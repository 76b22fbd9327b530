import GRDB
import InspectWeather

/// A forecast as the store keeps it: where it came from and what it covers.
public struct ForecastSummary: Sendable, Equatable, Codable {
    public var id: Int64
    /// The file name as the user or the drop directory gave it.
    public var file: String
    public var format: String
    public var timezone: String?
    /// UTC seconds.
    public var receivedAt: Int64
    /// `cli` (inspectctl weather import) or `drop` (the watched directory).
    public var via: String
    /// The uid that imported it (the daemon's own for the drop directory).
    public var uid: UInt32
    /// UTC seconds, `[coverageStart, coverageEnd)`.
    public var coverageStart: Int64
    public var coverageEnd: Int64
    public var intervalCount: Int

    public init(
        id: Int64, file: String, format: String, timezone: String?, receivedAt: Int64, via: String, uid: UInt32,
        coverageStart: Int64, coverageEnd: Int64, intervalCount: Int
    ) {
        self.id = id
        self.file = file
        self.format = format
        self.timezone = timezone
        self.receivedAt = receivedAt
        self.via = via
        self.uid = uid
        self.coverageStart = coverageStart
        self.coverageEnd = coverageEnd
        self.intervalCount = intervalCount
    }
}

extension InspectStore {
    /// Stores a parsed forecast in one transaction and returns its summary.
    public func saveForecast(
        _ forecast: ParsedForecast, file: String, receivedAt: Int64, via: String, uid: UInt32
    ) throws(StoreError) -> ForecastSummary {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO forecast (file, format, timezone, received_at, via, uid, coverage_start, coverage_end, interval_count)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    file, forecast.format.rawValue, forecast.timezone, receivedAt, via, uid,
                    forecast.coverageStart, forecast.coverageEnd, forecast.intervals.count,
                ])
            let id = db.lastInsertedRowID
            let statement = try db.makeStatement(
                sql: """
                    INSERT INTO forecast_interval (forecast_id, area, start, end, precipitation_mm, probability)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """)
            for interval in forecast.intervals {
                try statement.execute(arguments: [
                    id, interval.area ?? "", interval.start, interval.end, interval.precipitationMM,
                    interval.probabilityPercent,
                ])
            }
            return ForecastSummary(
                id: id, file: file, format: forecast.format.rawValue, timezone: forecast.timezone, receivedAt: receivedAt,
                via: via, uid: uid, coverageStart: forecast.coverageStart, coverageEnd: forecast.coverageEnd,
                intervalCount: forecast.intervals.count)
        }
    }

    /// Summaries of the forecasts received at or after `since` (UTC seconds), newest first.
    public func forecastSummaries(receivedSince since: Int64) throws(StoreError) -> [ForecastSummary] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, file, format, timezone, received_at, via, uid, coverage_start, coverage_end, interval_count
                    FROM forecast WHERE received_at >= ? ORDER BY received_at DESC, id DESC
                    """,
                arguments: [since]
            ).map { row in
                ForecastSummary(
                    id: row["id"], file: row["file"], format: row["format"], timezone: row["timezone"],
                    receivedAt: row["received_at"], via: row["via"], uid: row["uid"],
                    coverageStart: row["coverage_start"], coverageEnd: row["coverage_end"],
                    intervalCount: row["interval_count"])
            }
        }
    }

    /// The forecasts received at or after `since` whose coverage ends after `coveringAfter`,
    /// with their intervals: what the rain outlook is computed from.
    public func forecasts(receivedSince since: Int64, coveringAfter: Int64) throws(StoreError) -> [StoredForecast] {
        try read { db in
            let heads = try Row.fetchAll(
                db,
                sql: "SELECT id, file, received_at FROM forecast WHERE received_at >= ? AND coverage_end > ? ORDER BY id",
                arguments: [since, coveringAfter])
            return try heads.map { head in
                let id: Int64 = head["id"]
                let intervals = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT area, start, end, precipitation_mm, probability FROM forecast_interval
                        WHERE forecast_id = ? ORDER BY area, start
                        """,
                    arguments: [id]
                ).map { row in
                    let area: String = row["area"]
                    return ForecastInterval(
                        start: row["start"], end: row["end"], precipitationMM: row["precipitation_mm"],
                        probabilityPercent: row["probability"], area: area.isEmpty ? nil : area)
                }
                return StoredForecast(id: id, file: head["file"], receivedAt: head["received_at"], intervals: intervals)
            }
        }
    }

    /// Deletes forecasts whose coverage ended before `before` (UTC seconds); returns how many.
    public func pruneForecasts(coverageEndedBefore before: Int64) throws(StoreError) -> Int {
        try write { db in
            try db.execute(sql: "DELETE FROM forecast WHERE coverage_end < ?", arguments: [before])
            return db.changesCount
        }
    }
}
