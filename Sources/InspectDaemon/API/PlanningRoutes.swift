import Foundation
import InspectAPI
import InspectCalendar
import InspectCore
import InspectStore
import InspectWeather

extension APIRouter {
    /// The longest range one calendar or weather query may ask for.
    static let maximumQueryDays = 3660

    /// `from` and `to` (inclusive) from the query, with defaults; or the problem to answer.
    func dateRange(
        _ request: APIRequest, defaultFrom: CivilDate, defaultTo: CivilDate
    ) -> Result<(CivilDate, CivilDate), Problem> {
        var dates: [CivilDate] = []
        for (key, fallback) in [("from", defaultFrom), ("to", defaultTo)] {
            guard let text = request.query[key], !text.isEmpty else {
                dates.append(fallback)
                continue
            }
            guard let date = CivilDate(iso: text) else {
                return .failure(.init(code: .badRequest, detail: "\(key)=\(text) is not a date; write YYYY-MM-DD, such as 2026-12-01"))
            }
            dates.append(date)
        }
        guard dates[0] <= dates[1] else {
            return .failure(.init(code: .badRequest, detail: "from=\(dates[0]) is after to=\(dates[1]); swap them"))
        }
        guard dates[0].days(to: dates[1]) < Self.maximumQueryDays else {
            return .failure(.init(code: .badRequest, detail: "from=\(dates[0]) to=\(dates[1]) spans more than \(Self.maximumQueryDays) days; ask for a shorter range"))
        }
        return .success((dates[0], dates[1]))
    }

    /// `GET /v1/calendar?from=&to=`: one row per date; defaults to today through the end
    /// of the planning horizon.
    func calendar(_ request: APIRequest) -> APIResponse {
        let zone = state.zone
        let today = zone.date(atUTC: Int64(Date().timeIntervalSince1970))
        let horizonEnd = today.adding(days: state.configuration.roster.horizonDays - 1)
        let from: CivilDate
        let to: CivilDate
        switch dateRange(request, defaultFrom: today, defaultTo: horizonEnd) {
        case .success(let range): (from, to) = range
        case .failure(let problem): return .problem(problem)
        }
        let calendar = state.calendar
        let days = calendar.days(from: from, through: to)
        var warnings: [String] = []
        if let first = calendar.firstProvisionalDate(from: from, through: to) {
            warnings.append(
                "dates from \(first) are provisional: no official holiday schedule covers \(first.year); add it as "
                    + "\(state.configuration.calendar.directory)/\(first.year).tsv and reload")
        }
        return .json(
            CalendarReport(
                from: from.description, to: to.description, days: days, officialYears: calendar.officialYears.sorted(),
                warnings: warnings))
    }

    /// `GET /v1/weather?from=&to=`: rain periods ahead (default: today through the horizon).
    func weather(_ request: APIRequest) throws(StoreError) -> APIResponse {
        let now = Int64(Date().timeIntervalSince1970)
        let today = state.zone.date(atUTC: now)
        let horizonEnd = today.adding(days: state.configuration.roster.horizonDays - 1)
        switch dateRange(request, defaultFrom: today, defaultTo: horizonEnd) {
        case .success(let (from, to)):
            return .json(try WeatherDesk(state: state, logger: logger).report(from: from, through: to, now: now))
        case .failure(let problem):
            return .problem(problem)
        }
    }

    /// `POST /v1/weather/imports?file=NAME&format=open-meteo|csv`: the body is the file.
    func importForecast(_ request: APIRequest) throws(StoreError) -> APIResponse {
        let file = uploadedFileName(request, default: "forecast")
        var format: ForecastFormat?
        switch request.query["format"] ?? "auto" {
        case "auto", "": format = ForecastFileFormat.guess(file)
        case let name:
            guard let known = ForecastFormat(rawValue: name) else {
                return .problem(.init(code: .badRequest, detail: "unknown forecast format \"\(name)\"; use auto, open-meteo or csv"))
            }
            format = known
        }
        let desk = WeatherDesk(state: state, logger: logger)
        switch try desk.importForecast(
            request.body, file: file, format: format, via: "cli", uid: request.peer.uid, now: Int64(Date().timeIntervalSince1970))
        {
        case .imported(let result):
            return .json(result)
        case .rejected(let failure):
            return rejection(
                failure.problems, omitted: failure.omittedCount, file: file,
                what: "nothing from it was used and the previous forecast stays in force.")
        }
    }
}

/// The format a forecast file's name suggests: `.json` Open-Meteo, `.csv` CSV; otherwise
/// the content decides.
enum ForecastFileFormat {
    static func guess(_ name: String) -> ForecastFormat? {
        if name.lowercased().hasSuffix(".json") { return .openMeteo }
        if name.lowercased().hasSuffix(".csv") { return .csv }
        return nil
    }
}
