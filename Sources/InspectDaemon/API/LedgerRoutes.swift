import Foundation
import InspectAPI
import InspectCalendar
import InspectCore
import InspectLedger
import InspectStore

extension APIRouter {
    var ledger: LedgerDesk { LedgerDesk(state: state) }

    /// `POST /v1/cases/imports?file=&encoding=&dry_run=&add_only=`.
    func importCases(_ request: APIRequest) throws(StoreError) -> APIResponse {
        let file = uploadedFileName(request, default: "cases.csv")
        let encoding: TextEncoding?
        switch requestedEncoding(request) {
        case .success(let value): encoding = value
        case .failure(let problem): return .problem(problem)
        }
        let flag = { (name: String) in ["1", "true", "yes"].contains(request.query[name]?.lowercased() ?? "") }
        switch try ledger.importCases(
            request.body, file: file, encoding: encoding, uid: request.peer.uid, dryRun: flag("dry_run"), addOnly: flag("add_only"))
        {
        case .done(let result): return .json(result)
        case .rejected(let problems, let omitted):
            return rejection(problems, omitted: omitted, file: file, what: "nothing was imported. Fix them and import the whole file again.")
        }
    }

    /// `GET /v1/cases?unit=&status=&overdue=`.
    func listCases(_ request: APIRequest) throws(StoreError) -> APIResponse {
        var status: CaseStatus?
        if let text = request.query["status"], !text.isEmpty {
            guard let known = CaseStatus(rawValue: text) else {
                return .problem(.init(code: .badRequest, detail: "status=\(text) is not a status; use \(CaseStatus.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            status = known
        }
        let overdue = ["1", "true", "yes"].contains(request.query["overdue"]?.lowercased() ?? "")
        return .json(try ledger.listCases(unit: request.query["unit"].flatMap { $0.isEmpty ? nil : $0 }, status: status, overdueOnly: overdue))
    }

    /// `GET /v1/cases/{id}`.
    func showCase(_ id: String) throws(StoreError) -> APIResponse {
        guard let detail = try ledger.detail(id) else {
            return .problem(.init(code: .notFound, detail: "no case \(id) in the ledger; list them with inspectctl cases list"))
        }
        return .json(detail)
    }

    /// `POST /v1/cases/{id}/update` with a JSON `CaseUpdateRequest`.
    func updateCase(_ id: String, _ request: APIRequest) throws(StoreError) -> APIResponse {
        guard let update = try? JSONDecoder().decode(CaseUpdateRequest.self, from: Data(request.body)) else {
            return .problem(.init(code: .badRequest, detail: "the body is not a JSON object with status, note and measures"))
        }
        switch try ledger.updateCase(id, update, uid: request.peer.uid) {
        case .done(let item): return .json(item)
        case .rejected(let problems, _):
            if problems.first?.message.hasPrefix("is not in the ledger") == true {
                return .problem(.init(code: .notFound, detail: "no case \(id) in the ledger; list them with inspectctl cases list"))
            }
            return .problem(
                .init(
                    code: problems.contains { $0.column == "status" && $0.message.contains("not a status") } ? .badRequest : .conflict,
                    detail: "case \(id) was not changed: \(problems.map(\.description).joined(separator: "; "))",
                    errors: problems.map { problem in
                        ProblemItem(
                            file: problem.file, line: nil, column: problem.column,
                            message: problem.value.map { "\"\($0)\" \(problem.message)" } ?? problem.message)
                    }))
        }
    }

    /// `GET /v1/units/lagging`.
    func laggingUnits() throws(StoreError) -> APIResponse {
        .json(try ledger.standings())
    }

    /// `GET /v1/notices?pending=&kind=&since=&case=&limit=`.
    func listNotices(_ request: APIRequest) throws(StoreError) -> APIResponse {
        let pending = ["1", "true", "yes"].contains(request.query["pending"]?.lowercased() ?? "")
        var since: CivilDate?
        if let text = request.query["since"], !text.isEmpty {
            guard let date = CivilDate(iso: text) else {
                return .problem(.init(code: .badRequest, detail: "since=\(text) is not a date; write YYYY-MM-DD"))
            }
            since = date
        }
        var limit = 200
        if let text = request.query["limit"], !text.isEmpty {
            guard let number = Int(text), (1...100_000).contains(number) else {
                return .problem(.init(code: .badRequest, detail: "limit=\(text) must be a whole number from 1 to 100000"))
            }
            limit = number
        }
        let kind = request.query["kind"].flatMap { $0.isEmpty ? nil : $0 }
        return .json(
            try ledger.notices(
                pendingOnly: pending, kind: kind, since: since, caseID: request.query["case"].flatMap { $0.isEmpty ? nil : $0 }, limit: limit))
    }
}
