import InspectAPI
import InspectCalendar
import InspectLedger
import InspectStore

extension APIRouter {
    /// `GET /v1/disclosure?from=&to=&format=csv|html`: the public disclosure (一公开) of the
    /// random visits dated `from...to` whose shift has ended and whose result is recorded,
    /// as CSV (default) or an HTML page. It names sites, localities and results, never the
    /// inspectors, and nothing of shifts still to come, so no sealed list can show. Which
    /// visits are public is ``DisclosureReport/isPublic(_:now:)``'s decision; the periodic
    /// report (``DisclosureDesk``) is the same report.
    func disclosure(_ request: APIRequest) throws -> APIResponse {
        let today = state.zone.date(atUTC: nowSeconds)
        let from: CivilDate
        let to: CivilDate
        switch dateRange(request, defaultFrom: today, defaultTo: today) {
        case .success(let range): (from, to) = range
        case .failure(let problem): return .problem(problem)
        }
        let format = request.query["format"] ?? "csv"
        guard format == "csv" || format == "html" else {
            return .problem(.init(code: .badRequest, detail: "format=\(format) is not a disclosure format; use csv or html"))
        }
        let report = try DisclosureDesk(state: state, logger: logger).report(from: from, to: to, now: nowSeconds)
        return format == "html"
            ? APIResponse(status: 200, contentType: "text/html; charset=utf-8", body: Array(report.html.utf8))
            : APIResponse(status: 200, contentType: "text/csv; charset=utf-8", body: Array(report.csv.utf8))
    }
}
