import InspectAPI
import InspectCalendar
import InspectLedger
import InspectStore

extension APIRouter {
    /// `GET /v1/disclosure?from=&to=&format=csv|html`: the public disclosure (一公开) of the
    /// random visits dated `from...to` whose shift has ended and whose result is recorded,
    /// as CSV (default) or an HTML page. It names sites, localities and results, never the
    /// inspectors, and nothing of shifts still to come, so no sealed list can show. Every
    /// rostered visit is a random draw (cadence or weighted), so all of them qualify.
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
        let sites = Dictionary(try state.store.sites().map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let units = Dictionary(try state.store.units().map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let results = try state.store.visitResults(from: from, through: to)
        var visits: [DisclosureVisit] = []
        for team in try state.store.rosterTeams(from: from, through: to) {
            // Random inspections only (双随机、一公开): targeted visits are not disclosed here.
            for (position, visit) in team.visits.enumerated() where visit.taskID == nil {
                let result = results[team.id]?[position]
                visits.append(
                    DisclosureVisit(
                        date: team.date, shiftEndsAt: team.endsAt, siteName: sites[visit.siteID] ?? visit.siteID,
                        localityName: units[visit.locality] ?? visit.locality, outcome: result?.outcome, measures: result?.measures ?? []))
            }
        }
        let report = DisclosureReport(district: state.configuration.district.name, from: from, to: to, visits: visits, now: nowSeconds)
        return format == "html"
            ? APIResponse(status: 200, contentType: "text/html; charset=utf-8", body: Array(report.html.utf8))
            : APIResponse(status: 200, contentType: "text/csv; charset=utf-8", body: Array(report.csv.utf8))
    }
}
