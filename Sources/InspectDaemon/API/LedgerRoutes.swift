import Foundation
import InspectAPI
import InspectCalendar
import InspectCore
import InspectLedger
import InspectStore

extension APIRouter {
    var ledger: LedgerDesk { LedgerDesk(state: state) }

    /// `POST /v1/cases/imports?file=&encoding=&dry_run=&add_only=`.
    func importCases(_ request: APIRequest) async throws(StoreError) -> APIResponse {
        let file = uploadedFileName(request, default: "cases.csv")
        let encoding: TextEncoding?
        switch requestedEncoding(request) {
        case .success(let value): encoding = value
        case .failure(let problem): return .problem(problem)
        }
        let flag = { (name: String) in ["1", "true", "yes"].contains(request.query[name]?.lowercased() ?? "") }
        switch try await ledger.importCases(
            request.body, file: file, encoding: encoding, uid: request.peer.uid, dryRun: flag("dry_run"), addOnly: flag("add_only"))
        {
        case .done(let result): return .json(result)
        case .rejected(let problems, let omitted):
            return rejection(problems, omitted: omitted, file: file, what: "nothing was imported. Fix them and import the whole file again.")
        }
    }

    /// `GET /v1/cases?unit=&status=&overdue=`; a `unit` caller gets its own units' cases only.
    func listCases(_ request: APIRequest, caller: Caller) throws(StoreError) -> APIResponse {
        let unit = request.query["unit"].flatMap { $0.isEmpty ? nil : $0 }
        var status: CaseStatus?
        if let text = request.query["status"], !text.isEmpty {
            guard let known = CaseStatus(rawValue: text) else {
                return .problem(.init(code: .badRequest, detail: "status=\(text) is not a status; use \(CaseStatus.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            status = known
        }
        let overdue = ["1", "true", "yes"].contains(request.query["overdue"]?.lowercased() ?? "")
        if caller.role == .unit {
            if let unit, !caller.units.contains(unit) { return refuse(caller, "may not list the cases of unit \(unit)") }
            let own = Set(caller.units)
            return .json(try ledger.listCases(unit: unit, status: status, overdueOnly: overdue).filter { own.contains($0.unit) })
        }
        return .json(try ledger.listCases(unit: unit, status: status, overdueOnly: overdue))
    }

    /// `GET /v1/cases/{id}`; a `unit` caller sees its own units' cases only.
    func showCase(_ id: String, caller: Caller) throws(StoreError) -> APIResponse {
        guard let detail = try ledger.detail(id) else {
            return .problem(.init(code: .notFound, detail: "no case \(id) in the ledger; list them with inspectctl cases list"))
        }
        if caller.role == .unit && !caller.units.contains(detail.item.unit) {
            return refuse(caller, "may not see case \(id), which belongs to unit \(detail.item.unit)")
        }
        return .json(detail)
    }

    /// `POST /v1/cases/{id}/update` with a JSON `CaseUpdateRequest`. A `unit` caller may
    /// change the status and note of its own units' cases, never the HQ's measures, and
    /// never to `verified` or `closed`.
    func updateCase(_ id: String, _ request: APIRequest, caller: Caller) async throws(StoreError) -> APIResponse {
        guard let update = try? JSONDecoder().decode(CaseUpdateRequest.self, from: Data(request.body)) else {
            return .problem(.init(code: .badRequest, detail: "the body is not a JSON object with status, note and measures"))
        }
        if caller.role == .unit {
            guard let existing = try ledger.detail(id) else {
                return .problem(.init(code: .notFound, detail: "no case \(id) in the ledger; list them with inspectctl cases list"))
            }
            guard caller.units.contains(existing.item.unit) else {
                return refuse(caller, "may not update case \(id), which belongs to unit \(existing.item.unit)")
            }
            guard update.measures?.isEmpty ?? true else {
                return refuse(caller, "may not record enforcement measures on case \(id) (the HQ office does)")
            }
            // A unit reports its own rectification; whether it holds is decided by others.
            if let status = update.status, [CaseStatus.verified.rawValue, CaseStatus.closed.rawValue].contains(status) {
                return refuse(
                    caller,
                    "may not set case \(id) \(status): a unit reports it rectified, the verification visit (复查) or an admin verifies it, and an admin closes it (销号)")
            }
        }
        switch try await ledger.updateCase(id, update, uid: request.peer.uid) {
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
